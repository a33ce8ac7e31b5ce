"""PO files are read as polib reads them: a plain file (comments, msgctxt, msgid, msgstr, continuation
lines, a header first) by documents/formats/po.py itself, faster; any other by polib. Where the plain
reader reads a file, polib's reading and its own must be the same, entry for entry."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tmcheck.documents.formats import po

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PO_FILES = sorted(FIXTURES.glob("**/*.po"))


def _entries(entries):
    return [(e.msgid, e.msgstr, e.msgctxt, e.msgid_plural, dict(e.msgstr_plural), list(e.flags), e.tcomment,
             e.comment, bool(e.obsolete), e.linenum) for e in entries]


def _header(header):
    return None if header is None else (header.msgid, header.msgstr, header.msgctxt)


def polib_reading(text: str):
    try:
        read = po._polib_read(text)
    except Exception as exc:  # noqa: BLE001 - polib's error is part of its reading
        return ("error", type(exc).__name__, str(exc))
    return dict(read.metadata), _header(read.header_entry), _entries(read)


def plain_reading(text: str):
    read = po._read_plain(text)
    if read is None:
        return None
    header, entries = read
    return dict(header.metadata), _header(header.header_entry), _entries(entries)


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: p.name)
def test_a_fixture_read_plainly_reads_as_polib_reads_it(path):
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    plain = plain_reading(text)
    if plain is not None:
        assert plain == polib_reading(text)


_HEADER = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"X-Source-Language: fr\\n"\n"Multi: one\\n"\n"line\\n"\n'
_PLAIN = [
    "# translator\n#. extracted\n#: doc.c:1 doc.c:2\n#, fuzzy, c-format\nmsgctxt \"a\"\nmsgid \"Le Groupe\"\nmsgstr \"The Group\"\n",
    'msgid ""\n"Rapport du Secrétariat sur "\n"l\\"application\\n"\nmsgstr ""\n"Report \\\\ of the\\t"\n"Secretariat"\n',
    "#\n## double\n#.   spaced\nmsgid \"x\"\n# between\nmsgstr \"y\"\n",
    '  msgid   "indented"  \n\tmsgstr "tab"\t\n',
]
_PIECES = ["", "#", "# c", "#. g", "#.", "#: f:1", "#:", "#, fuzzy", "#,", 'msgctxt "k"', 'msgid ""', 'msgid "m"',
           'msgstr ""', 'msgstr "s\\n"', '"c"', '"Key: v\\n"', '"free text\\n"', "msgstr", '"', 'msgid "a"b"',
           '#~ msgid "o"', '#| msgid "p"', 'msgid_plural "q"', 'msgstr[0] "r"', "#x", "\u00a0msgid \"nbsp\""]


def test_plain_files_are_read_plainly():
    for text in [_HEADER + "\n" + "\n".join(_PLAIN), "\n".join(_PLAIN), (FIXTURES / "bilingual" / "crime.en-fr.po")
                 .read_text(encoding="utf-8")]:
        plain = plain_reading(text)
        assert plain is not None and plain == polib_reading(text)
        assert plain[2]  # entries read


@pytest.mark.parametrize("other", ['#~ msgid "old"\n#~ msgstr "ancien"\n', 'msgid "one"\nmsgid_plural "two"\n'
                                   'msgstr[0] "un"\nmsgstr[1] "deux"\n', '#| msgid "before"\nmsgid "b"\nmsgstr "c"\n',
                                   'msgid "a"\nmsgstr "b"\n\nmsgid ""\nmsgstr "late header"\n'])
def test_other_files_are_left_to_polib(other):
    assert po._read_plain(_HEADER + "\n" + other) is None
    assert po._read_entries(_HEADER + "\n" + other)[1]  # polib reads them


def test_variants_of_plain_files_read_as_polib_reads_them():
    """Lines added, dropped and replaced in plain files: where the plain reader reads the result
    (or any of the polib errors it leaves to polib), the two readings agree."""
    rnd = random.Random(12)
    bases = [_HEADER + "\n" + "\n".join(_PLAIN), "\n".join(_PLAIN)]
    read_plainly = 0
    for _ in range(1500):
        lines = rnd.choice(bases).split("\n")
        for _ in range(rnd.randint(1, 5)):
            i = rnd.randrange(len(lines) + 1)
            move = rnd.random()
            if move < 0.5:
                lines.insert(i, rnd.choice(_PIECES))
            elif lines and move < 0.75:
                del lines[min(i, len(lines) - 1)]
            elif lines:
                lines[min(i, len(lines) - 1)] = rnd.choice(_PIECES)
        text = "\n".join(lines)
        plain = plain_reading(text)
        if plain is not None:
            read_plainly += 1
            assert plain == polib_reading(text), text
    assert read_plainly > 300  # the plain reader is what is tested
