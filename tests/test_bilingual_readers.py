"""Bilingual readers: PO, TMX 1.4, XLIFF 1.2, XLIFF 2.x and TSV into one model, and hostile input.

Fixtures are in tests/fixtures/bilingual/ (real sentence pairs from the UN Parallel Corpus, crime
documents); binary, empty and wrongly encoded files are written to tmp_path by the tests.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import UNPC, needs
from tmcheck.documents import safe_xml
from tmcheck.documents.formats import BILINGUAL_SUFFIXES, bilingual, read_bilingual
from tmcheck.documents.formats.units import Bilingual, Unit
from tmcheck.documents.offsets import target_offsets
from tmcheck.errors import InputError

FIX = Path(__file__).resolve().parent / "fixtures" / "bilingual"


def read(name: str, **options) -> Bilingual:
    return read_bilingual(FIX / name, **options)


def by_id(b: Bilingual) -> dict[str, Unit]:
    return {u.id: u for u in b.units}


def offset(b: Bilingual, line: int, column: int) -> int:
    lines = b.text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


def at_target(b: Bilingual, u: Unit, n: int = 12) -> str:
    """The file text where the unit's target is said to start."""
    start = offset(b, u.target_line, u.target_column)
    return b.text[start:start + n]


def input_error(path, **options) -> str:
    with pytest.raises(InputError) as info:
        read_bilingual(path, **options)
    message = str(info.value)
    assert "\n" not in message, message
    assert message.startswith(str(path)), message
    return message


# --------------------------------------------------------------------------------------------------
# API


def test_api_shape():
    assert BILINGUAL_SUFFIXES == {".po", ".pot", ".tmx", ".xlf", ".xliff", ".sdlxliff", ".tsv"}
    assert Unit._fields == ("id", "source", "target", "line", "target_line", "target_column", "state", "note", "group")
    assert Unit._field_defaults == {"note": "", "group": ""}
    assert Bilingual._fields == ("path", "format", "source_lang", "target_lang", "units", "text")
    b = read("crime.fr-en.tsv")
    assert isinstance(b.units, list) and all(isinstance(u, Unit) for u in b.units)
    assert any(u.group for u in b.units)  # the doc_id column names each row's document
    assert b.path == str(FIX / "crime.fr-en.tsv")


def test_no_heavy_imports_at_module_level():
    code = (
        "import sys, tmcheck.documents.formats, tmcheck.documents.offsets, tmcheck.documents.safe_xml\n"
        "from tmcheck.documents.formats import bilingual, docx, po, tmx, tsv, xliff\n"
        "bad = [m for m in ('polib', 'lxml', 'lxml.etree', 'numpy', 'defusedxml') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)


# --------------------------------------------------------------------------------------------------
# TSV


def test_tsv_fr_en_units_ids_states_positions():
    b = read("crime.fr-en.tsv")
    assert (b.format, b.source_lang, b.target_lang) == ("tsv", "fr", "en")
    assert [u.id for u in b.units] == [
        "row 2 (2015/e/cn_15/2015/5)", "row 3 (2015/e/cn_15/2015/11)", "row 5 (2015/e/cn_15/2015/14)", "row 6",
    ]  # the blank line 4 is skipped; row 6 has an empty doc_id
    u = b.units[1]
    assert (u.source, u.target) == ("Vienne, 18-22 mai 2015", "Vienna, 18-22 May 2015")
    assert (u.line, u.target_line, u.target_column) == (3, 3, len("2015/e/cn_15/2015/11\tVienne, 18-22 mai 2015\t") + 1)
    assert [u.state for u in b.units] == ["translated", "translated", "untranslated", "translated"]
    for u in b.units:
        assert u.line == u.target_line
        assert b.text.split("\n")[u.line - 1].split("\t")[2] == u.target
        assert at_target(b, u, len(u.target)) == u.target  # exact, in Unicode characters
        assert "".join(b.text[o] for o in target_offsets(b, u)) == u.target


def test_tsv_direction_from_options():
    b = read("crime.fr-en.tsv", target_lang="fr")
    assert (b.source_lang, b.target_lang) == ("en", "fr")
    u = b.units[1]
    assert (u.source, u.target) == ("Vienna, 18-22 May 2015", "Vienne, 18-22 mai 2015")
    assert u.target_column == len("2015/e/cn_15/2015/11\t") + 1
    assert at_target(b, u, len(u.target)) == u.target
    assert read("crime.fr-en.tsv", source_lang="en-GB").source_lang == "en"
    assert read("crime.fr-en.tsv", source_lang="FR", target_lang="en_US").target_lang == "en"


def test_tsv_en_fr_crlf_case_insensitive_header_and_note_column():
    b = read("crime.en-fr.tsv")  # header: EN, note, FR-fr; CRLF line ends
    assert (b.source_lang, b.target_lang) == ("en", "fr")
    first, second = b.units
    assert first.id == "row 2" and first.note == "Abréviation DPP"
    assert first.target.startswith("Le Directeur des poursuites pénales") and not first.target.endswith("\r")
    assert at_target(b, first, len(first.target)) == first.target
    assert (second.source, second.target, second.target_line) == ("Rule 30", "Règle 30", 3)


def test_tsv_errors():
    message = input_error(FIX / "no-lang-columns.tsv")
    assert "TSV needs 'fr' and 'en' columns in its header; found: doc_id, source, target" in message
    message = input_error(FIX / "missing-field.tsv")
    assert message.startswith(f"{FIX / 'missing-field.tsv'}:3:") and "2 fields" in message


def test_tsv_extra_field_and_duplicate_columns(tmp_path):
    p = tmp_path / "extra.tsv"
    p.write_text("fr\ten\nRègle 30\tRule 30\tRule 31\n", encoding="utf-8")
    assert ":2:" in input_error(p)
    p.write_text("fr\ten\nRègle 30\tRule 30\t\n", encoding="utf-8")  # a trailing empty field is harmless
    assert read_bilingual(p).units[0].target == "Rule 30"
    p.write_text("fr\ten\tfr-CA\nRègle 30\tRule 30\tRègle 30\n", encoding="utf-8")
    assert "two 'fr' columns" in input_error(p)


def test_tsv_not_utf8(tmp_path):
    p = tmp_path / "latin1.tsv"
    p.write_bytes("doc_id\tfr\ten\nx\tRègle 30\tRule 30\n".encode("latin-1"))
    message = input_error(p)
    assert "is not UTF-8" in message and ":2:" in message


@needs(UNPC)
def test_real_unpc_tsv():
    started = time.perf_counter()
    b = read_bilingual(UNPC)
    elapsed = time.perf_counter() - started
    assert (b.format, b.source_lang, b.target_lang) == ("tsv", "fr", "en")
    assert len(b.units) == 4000
    lines = b.text.split("\n")
    for n, u in enumerate(b.units, start=2):
        doc_id, fr, en = lines[n - 1].split("\t")
        assert u.id == f"row {n} ({doc_id})"
        assert (u.line, u.target_line) == (n, n)
        assert (u.source, u.target) == (fr, en)
        assert u.target_column == len(doc_id) + len(fr) + 3
    assert b.units[0].id == "row 2 (2015/a/69/767)"
    assert elapsed < 2.0
    reverse = read_bilingual(UNPC, source_lang="en")
    assert reverse.units[0].target == b.units[0].source


# --------------------------------------------------------------------------------------------------
# PO


def test_po_fr_en_units_states_lines_columns():
    b = read("crime.fr-en.po")
    assert (b.format, b.source_lang, b.target_lang) == ("po", "fr", "en")  # Language: en_GB
    lines = b.text.split("\n")
    units = b.units
    assert len(units) == 7  # header and the obsolete entry are not units
    assert "Report of the Secretary-General" not in [u.target for u in units]

    report = units[0]
    assert report.id == "Rapport sur la situation de la criminalité et de la justice…"
    assert report.target == "Report on the state of crime and criminal justice worldwide"
    assert (report.line, report.target_line, report.target_column) == (11, 13, 9)
    assert lines[12][report.target_column - 1:].startswith(report.target)

    vienna = units[1]
    assert vienna.id == "E/CN.15/2015/11|Vienne, 18-22 mai 2015"
    assert (vienna.line, vienna.target_line, vienna.target_column) == (15, 19, 9)  # entry starts at its comment
    assert vienna.note == "Titre de la réunion.\nCote du document : E/CN.15/2015/11"

    wrapped = units[2]  # msgstr "" then continuation lines: the target starts on the first one
    assert wrapped.target == "The working paper was available in all official languages of the United Nations."
    assert (wrapped.line, wrapped.target_line, wrapped.target_column) == (21, 25, 2)
    assert lines[24].startswith('"The working paper')

    assert [u.state for u in units] == ["translated", "translated", "translated", "fuzzy", "untranslated", "translated", "translated"]
    fuzzy, empty = units[3], units[4]
    assert (fuzzy.source, fuzzy.target, fuzzy.target_line) == ("Point 7 de l'ordre du jour provisoire", "Item 6 of the provisional agenda", 30)
    assert (empty.target, empty.target_line, empty.target_column) == ("", 33, 9)

    escaped = units[5]
    assert escaped.source == 'Il a adopté le rapport sur les travaux de sa session "{0}".'
    assert escaped.target == 'It adopted the report on its session "{0}".\tEnd.'
    plural = units[6]
    assert (plural.source, plural.target) == ("Une réunion", "One meeting")
    assert "plural" in plural.note and plural.target_line == 43 and lines[42].startswith("msgstr[0]")
    for u in units:
        assert b.text.split("\n")[u.target_line - 1][u.target_column - 2] == '"'


def test_po_keyword_lines_are_those_polib_reads_as_keywords():
    # The lines where each keyword stands first (after blanks, then a blank when asked), all
    # keywords found in one pass: the same as a match of each keyword line by line, on the
    # fixtures' PO files and on lines built to mislead (msgid_plural, msgstr[0], a keyword in a
    # string, tabs, a keyword at the end of a line).
    import re

    from tmcheck.documents.formats.po import _keyword_lines

    lines = []
    for path in sorted(FIX.glob("*.po")) + sorted((FIX.parent / "po-syntax").glob("*.po")):
        lines += path.read_text(encoding="utf-8").split("\n")
    lines += ["msgid", "msgid\t\"x\"", "  msgstr \"\"", "msgid_plural \"a\"", "msgstr[0] \"b\"", "msgstr[1]",
              "\"msgid \"", "#| msgid \"old\"", "msgctxt \"c\"", "msgidx \"d\"", "\tmsgstr\t\"e\"", ""]
    assert sum(line.lstrip().startswith("msgid ") for line in lines) > 20

    def by_pattern(keyword, then_blank):
        pattern = re.compile(r"\s*" + re.escape(keyword) + (r"\s" if then_blank else ""))
        return [i for i, line in enumerate(lines) if pattern.match(line)]

    assert _keyword_lines(lines, ("msgid", "msgstr"), True) == [by_pattern("msgid", True), by_pattern("msgstr", True)]
    assert _keyword_lines(lines, ("msgstr[0]",), False) == [by_pattern("msgstr[0]", False)]


def test_po_target_offsets_follow_escapes_and_continuations():
    b = read("crime.fr-en.po")
    wrapped, escaped = b.units[2], b.units[5]
    offsets = target_offsets(b, wrapped)
    assert len(offsets) == len(wrapped.target)
    nations = wrapped.target.index("Nations")
    assert b.text[offsets[nations]:offsets[nations] + 8] == 'Nations.'  # on the second continuation line
    assert b.text[offsets[0]:offsets[0] + 3] == "The"
    offsets = target_offsets(b, escaped)
    quote = escaped.target.index('"')
    assert b.text[offsets[quote]:offsets[quote] + 2] == '\\"'  # an escape maps to its backslash
    tab = escaped.target.index("\t")
    assert b.text[offsets[tab]:offsets[tab] + 2] == "\\t"
    assert b.text[offsets[-1]] == "."


def test_po_en_fr_and_options():
    b = read("crime.en-fr.po")  # Language: fr-FR
    assert (b.source_lang, b.target_lang) == ("en", "fr")
    assert [u.state for u in b.units] == ["translated", "fuzzy"]
    assert b.units[1].target == "Lundi 2 mars 2015" and b.units[1].line == 9
    assert read("crime.en-fr.po", target_lang="fr_CA").target_lang == "fr"
    message = input_error(FIX / "crime.en-fr.po", target_lang="en")
    assert "PO languages are en→fr, not fr→en" in message
    message = input_error(FIX / "crime.en-fr.po", source_lang="fr")
    assert "PO languages are en→fr, not fr→en" in message


def test_po_without_language_header():
    message = input_error(FIX / "no-language.po")
    assert "--target-lang" in message
    b = read("no-language.po", target_lang="en")
    assert (b.source_lang, b.target_lang) == ("fr", "en")
    assert b.units[0] == Unit("Règle 30", "Règle 30", "Rule 30", 1, 2, 9, "translated", "")
    assert read("no-language.po", source_lang="en").target_lang == "fr"


def test_po_errors(tmp_path):
    message = input_error(FIX / "broken-header.po")
    assert ":3: broken PO header" in message and "Language en" in message
    message = input_error(FIX / "syntax-error.po")
    assert ":6: PO syntax error" in message and "unescaped double quote" in message
    assert "languages fr and en only, found de" in input_error(FIX / "german.po")
    p = tmp_path / "latin1.po"
    p.write_bytes('msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "Règle 30"\nmsgstr "Rule 30"\n'.encode("latin-1"))
    message = input_error(p)
    assert "is not UTF-8" in message and ":6:" in message and "ISO-8859-1" in message and "msgconv" in message
    p = tmp_path / "orphan.po"
    p.write_text('msgid "Règle 30"\nmsgid "Règle 31"\nmsgstr "Rule 31"\n', encoding="utf-8")
    assert "PO syntax error" in input_error(p, target_lang="en")
    p = tmp_path / "junk.po"
    p.write_text("Ceci n'est pas un fichier PO.\n", encoding="utf-8")
    assert ":1: PO syntax error" in input_error(p, target_lang="en")


def test_po_crlf(tmp_path):
    p = tmp_path / "crlf.po"
    p.write_bytes((FIX / "crime.fr-en.po").read_bytes().replace(b"\n", b"\r\n"))
    b = read_bilingual(p)
    expected = read("crime.fr-en.po").units
    assert [(u.id, u.source, u.target, u.line, u.target_line, u.target_column, u.state) for u in b.units] == [
        (u.id, u.source, u.target, u.line, u.target_line, u.target_column, u.state) for u in expected
    ]
    wrapped = b.units[2]
    offsets = target_offsets(b, wrapped)
    assert "".join(b.text[o] for o in offsets) == wrapped.target  # no escapes in this one


def test_po_line_numbers_count_newlines_only(tmp_path):
    # U+2028 and form feeds are not line breaks for editors, for tmcheck or for these positions.
    p = tmp_path / "separators.po"
    p.write_text('msgid ""\nmsgstr "Language: en\\n"\n\nmsgid "Règle\u202830"\nmsgstr "Rule\u202830 \x0c"\n\nmsgid "Point 6"\nmsgstr "Item 6"\n', encoding="utf-8")
    b = read_bilingual(p)
    assert [(u.line, u.target_line) for u in b.units] == [(4, 5), (7, 8)]
    assert b.units[0].target == "Rule\u202830 \x0c"


# --------------------------------------------------------------------------------------------------
# TMX


def test_tmx_fr_en_units_inline_codes_states():
    b = read("crime.fr-en.tmx")
    assert (b.format, b.source_lang, b.target_lang) == ("tmx", "fr", "en")  # srclang fr-FR, tuvs fr-FR / en-GB
    units = by_id(b)
    assert list(units) == ["cn15-2015-12-1", "tu 2", "cn15-2015-1-2", "cn15-2015-8-1", "cn15-2015-11-1", "fn-1"]
    first = units["cn15-2015-12-1"]
    assert first.source == "L'objectif était d'intensifier la lutte contre les médicaments contrefaits."
    assert first.target == "Its aim was to step up the fight against counterfeit medicines."  # <bpt>/<ept> codes gone
    assert first.note == "Paragraphe 3" and first.state == "translated"
    assert units["tu 2"].target == "Rule 30"  # <ph> code gone
    assert units["cn15-2015-1-2"].source == "Elle a élu le Président et le premier Vice-Président."  # <hi> text kept
    assert units["cn15-2015-8-1"].state == "untranslated" and units["cn15-2015-8-1"].target == ""  # no en tuv
    assert units["cn15-2015-11-1"].state == "untranslated"  # empty seg
    footnote = units["fn-1"]  # <sub> inside <ph> is text; the code around it is not; &amp; is &
    assert (footnote.source, footnote.target) == ("Voir la note de bas de page.", "See the footnote & annex.")


def test_tmx_positions_are_plausible():
    b = read("crime.fr-en.tmx")
    lines = b.text.split("\n")
    units = by_id(b)
    assert units["cn15-2015-12-1"].line == 8 and lines[7].strip().startswith("<tu tuid")
    assert units["cn15-2015-12-1"].target_line == 14 and "<seg>Its aim" in lines[13]
    assert units["tu 2"].line == units["tu 2"].target_line == 17
    for u in b.units:
        assert u.line <= u.target_line
        assert lines[u.line - 1].lstrip().startswith("<tu")  # the unit's line is its <tu> element's
        if u.target:
            assert at_target(b, u, 3) == u.target[:3]
            assert b.text[offset(b, u.target_line, u.target_column) - 5:offset(b, u.target_line, u.target_column)] == "<seg>"
            offsets = target_offsets(b, u)
            assert len(offsets) == len(u.target) and offsets == sorted(offsets)
    footnote = units["fn-1"]
    offsets = target_offsets(b, footnote)
    assert b.text[offsets[footnote.target.index("the footnote")]:][:12] == "the footnote"
    assert b.text[offsets[footnote.target.index("&")]:][:5] == "&amp;"


def test_tmx_both_directions_and_all_languages():
    b = read("crime.fr-en.tmx", source_lang="fr", target_lang="en-US")
    assert b.units[0].target.startswith("Its aim")
    message = input_error(FIX / "crime.fr-en.tmx", source_lang="en", target_lang="fr")
    assert "TMX languages are fr→en, not en→fr" in message
    message = input_error(FIX / "crime.fr-en.tmx", target_lang="fr")
    assert "TMX languages are fr→en, not en→fr" in message
    # srclang="*all*": the direction is the caller's, French source by default; the Spanish tuv is ignored
    b = read("crime.en-fr.tmx")
    assert (b.source_lang, b.target_lang) == ("fr", "en")
    b = read("crime.en-fr.tmx", source_lang="en")
    assert (b.source_lang, b.target_lang) == ("en", "fr")
    u = b.units[0]
    assert (u.id, u.source) == ("1", "Luxembourg does not require a formal decision of the requesting State.")
    assert u.target == "Le Luxembourg n'exige pas de décision formelle de l'État requérant."
    assert at_target(b, u, len(u.target)) == u.target


def test_tmx_other_language(tmp_path):
    assert "languages fr and en only, found de-DE" in input_error(FIX / "de-en.tmx")
    p = tmp_path / "de-es.tmx"
    p.write_text(
        '<tmx version="1.4"><header srclang="*all*"/><body><tu><tuv xml:lang="de"><seg>Regel 30</seg></tuv>'
        '<tuv xml:lang="es"><seg>Artículo 30</seg></tuv></tu></body></tmx>', encoding="utf-8")
    assert "languages fr and en only, found de, es" in input_error(p)


def test_tmx_positions_beyond_line_65535(tmp_path):
    # libxml2 stops counting lines exactly at 65535; positions must stay exact beyond.
    tu = '<tu>\n <tuv xml:lang="fr"><seg>Règle {n}</seg></tuv>\n <tuv xml:lang="en"><seg>Rule {n}</seg></tuv>\n</tu>\n'
    p = tmp_path / "long.tmx"
    p.write_text('<tmx version="1.4"><header srclang="fr"/><body>\n' + "".join(tu.format(n=n) for n in range(17000)) + "</body></tmx>\n", encoding="utf-8")
    b = read_bilingual(p)
    last = b.units[-1]
    assert (last.id, last.target) == ("tu 17000", "Rule 16999")
    assert last.line == 2 + 4 * 16999 and last.target_line == last.line + 2 > 65535
    assert at_target(b, last, len(last.target)) == last.target


def test_tmx_utf16_crlf_and_latin1(tmp_path):
    original = (FIX / "crime.fr-en.tmx").read_text(encoding="utf-8")
    expected = read("crime.fr-en.tmx").units
    p = tmp_path / "utf16.tmx"
    p.write_bytes(original.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace("\n", "\r\n").encode("utf-16"))
    b = read_bilingual(p)
    assert not b.text.startswith("\ufeff")
    assert [(u.id, u.source, u.target, u.line, u.target_line, u.target_column) for u in b.units] == [
        (u.id, u.source, u.target, u.line, u.target_line, u.target_column) for u in expected
    ]
    for u in b.units:
        assert "".join(b.text[o] for o in target_offsets(b, u)) == u.target  # "&amp;" maps to its "&"
    p = tmp_path / "latin1.tmx"
    p.write_bytes(original.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1"))
    b = read_bilingual(p)
    assert by_id(b)["cn15-2015-1-2"].source == "Elle a élu le Président et le premier Vice-Président."
    assert "Président" in b.text


# --------------------------------------------------------------------------------------------------
# XLIFF 1.2


def test_xliff12_en_fr():
    b = read("crime.en-fr.xlf")
    assert (b.format, b.source_lang, b.target_lang) == ("xliff", "en", "fr")  # en-US → fr-FR
    units = by_id(b)
    assert list(units) == ["p1", "p2", "p3", "p4", "p5#1", "p5#2"]  # translate="no" skipped
    p1 = units["p1"]
    assert p1.source == "The Commission agreed that it would organize five interactive discussions at its fifty-eighth session."
    assert p1.target == "La Commission a décidé d'organiser, à sa cinquante-huitième session, cinq discussions interactives."
    assert (p1.state, p1.note) == ("translated", "E/CN.7/2015/13, par. 10")
    p2 = units["p2"]  # <x/> and the native code in <ph> dropped; <alt-trans> ignored
    assert p2.source == "It is recommended that panellists be nominated as soon as possible."
    assert p2.target == "Il est recommandé de désigner les intervenants dans les meilleurs délais."
    assert p2.state == "fuzzy"  # needs-review-translation
    assert (units["p3"].state, units["p3"].target) == ("untranslated", "")  # no <target>
    assert units["p4"].state == "untranslated"  # needs-translation, empty
    assert (units["p5#1"].source, units["p5#1"].target) == ("Rule 30.", "Règle 30.")  # <mrk mtype="seg">
    assert (units["p5#2"].source, units["p5#2"].target) == ("Report of the Secretary-General", "Rapport du Secrétaire général")


def test_xliff12_positions_are_plausible():
    b = read("crime.en-fr.xlf")
    lines = b.text.split("\n")
    units = by_id(b)
    assert (units["p1"].line, units["p1"].target_line) == (5, 7)
    assert lines[4].strip().startswith('<trans-unit id="p1"')
    assert at_target(b, units["p1"], 13) == "La Commission"
    assert at_target(b, units["p2"], 12) == "Il est recom"
    assert at_target(b, units["p5#2"], 7) == "Rapport"
    for u in b.units:
        assert u.line <= u.target_line
        if u.target:
            offsets = target_offsets(b, u)
            assert "".join(b.text[o] for o in offsets) == u.target


def test_xliff12_sdlxliff_confirmation_levels(tmp_path):
    p = tmp_path / "report.sdlxliff"
    p.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">'
        '<file source-language="fr-FR" target-language="en-US"><body><trans-unit id="7">'
        '<source>Règle 30. Point 6 de l\'ordre du jour provisoire</source>'
        '<seg-source><mrk mtype="seg" mid="1">Règle 30.</mrk> <mrk mtype="seg" mid="2">Point 6 de l\'ordre du jour provisoire</mrk></seg-source>'
        '<target><mrk mtype="seg" mid="1">Rule 30.</mrk> <mrk mtype="seg" mid="2">Item 7 of the provisional agenda</mrk></target>'
        '<sdl:seg-defs><sdl:seg id="1" conf="ApprovedTranslation"/><sdl:seg id="2" conf="Draft"/></sdl:seg-defs>'
        '</trans-unit></body></file></xliff>', encoding="utf-8")
    b = read_bilingual(p)
    assert (b.format, b.source_lang, b.target_lang) == ("xliff", "fr", "en")
    assert [(u.id, u.target, u.state) for u in b.units] == [
        ("7#1", "Rule 30.", "translated"), ("7#2", "Item 7 of the provisional agenda", "fuzzy"),
    ]
    assert at_target(b, b.units[1], 6) == "Item 7"


def test_xliff12_language_options():
    assert read("crime.en-fr.xlf", source_lang="en").target_lang == "fr"
    assert "XLIFF languages are en→fr, not fr→en" in input_error(FIX / "crime.en-fr.xlf", source_lang="fr")


# --------------------------------------------------------------------------------------------------
# XLIFF 2.x


def test_xliff2_fr_en_segments_states_inline():
    b = read("crime.fr-en.xliff")
    assert (b.format, b.source_lang, b.target_lang) == ("xliff", "fr", "en")
    units = by_id(b)
    assert list(units) == ["u1", "u2#1", "u2#2", "u2#3", "u3"]
    u1 = units["u1"]
    assert u1.source == "Le document de travail était disponible dans toutes les langues officielles."  # <pc> kept
    assert u1.target == "The working paper was available in all official languages."
    assert (u1.state, u1.note) == ("translated", "E/CN.15/2015/17")
    assert (units["u2#1"].target, units["u2#1"].state) == ("Rule 30", "translated")  # <ph/> dropped
    assert units["u2#2"].state == "fuzzy"  # state="initial" with a target: prefilled, not confirmed
    assert (units["u2#3"].target, units["u2#3"].state) == ("", "untranslated")
    assert units["u3"].target == "Monday, 2 March 2015!"  # <sm/>/<em/> dropped, <cp hex="0021"/> is "!"


def test_xliff2_positions_are_plausible():
    b = read("crime.fr-en.xliff")
    lines = b.text.split("\n")
    units = by_id(b)
    assert units["u1"].line == 4 and lines[3].strip() == '<unit id="u1">'
    assert units["u1"].target_line == 8 and at_target(b, units["u1"], 17) == "The working paper"
    assert units["u2#2"].line == 17 and lines[16].strip().startswith('<segment id="s2"')  # one unit per segment
    assert at_target(b, units["u2#2"], 6) == "Item 7"
    for u in b.units:
        assert u.line <= u.target_line
        if u.target:
            assert len(target_offsets(b, u)) == len(u.target)
    u3 = units["u3"]
    offsets = target_offsets(b, u3)
    assert b.text[offsets[-1]:offsets[-1] + 3] == "<cp"
    assert b.text[offsets[u3.target.index("March")]:][:5] == "March"


def test_xliff2_language_options(tmp_path):
    assert "XLIFF languages are fr→en, not en→fr" in input_error(FIX / "crime.fr-en.xliff", target_lang="fr")
    p = tmp_path / "en-fr.xliff"
    p.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en-GB" trgLang="fr-CA">'
        '<file id="f"><unit id="1"><segment state="reviewed"><source>Rule 30</source><target>Règle 30</target>'
        '</segment></unit></file></xliff>', encoding="utf-8")
    b = read_bilingual(p)
    assert (b.source_lang, b.target_lang, b.units[0].target, b.units[0].state) == ("en", "fr", "Règle 30", "translated")
    p.write_text(p.read_text(encoding="utf-8").replace('trgLang="fr-CA"', 'trgLang="ru"'), encoding="utf-8")
    assert "languages fr and en only, found ru" in input_error(p)


# --------------------------------------------------------------------------------------------------
# Hostile and broken XML


def test_xml_external_entity_is_refused():
    message = input_error(FIX / "xxe.tmx")
    assert "XML with a DTD (a DOCTYPE) or XInclude is not allowed" in message
    assert "root:" not in message
    assert "XML with a DTD (a DOCTYPE) or XInclude is not allowed" in input_error(FIX / "xxe-parameter.xlf")


def test_billion_laughs_is_refused_quickly():
    started = time.perf_counter()
    assert "XML with a DTD (a DOCTYPE) or XInclude is not allowed" in input_error(FIX / "billion-laughs.xlf")
    assert time.perf_counter() - started < 2


def test_entities_refused_after_parsing_too(tmp_path, monkeypatch):
    # Even if the prolog check were fooled, the parsed DTD is checked as well.
    monkeypatch.setattr(safe_xml, "_refuse_entities", lambda name, data: None)
    assert "XML with a DTD (a DOCTYPE) or XInclude is not allowed" in input_error(FIX / "xxe.tmx")
    assert "XML with a DTD (a DOCTYPE) or XInclude is not allowed" in input_error(FIX / "billion-laughs.xlf")


def test_external_dtd_reference_is_refused(tmp_path):
    # Inert (never loaded) but refused all the same, as every DTD but the bare TMX one.
    p = tmp_path / "system.tmx"
    p.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "file:///etc/passwd">\n<tmx version="1.4"><header srclang="fr"/><body>'
        '<tu><tuv xml:lang="fr"><seg>Règle 30</seg></tuv><tuv xml:lang="en"><seg>Rule 30</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8",
    )
    message = input_error(p)
    assert "XML with a DTD (a DOCTYPE) or XInclude is not allowed" in message and "root:" not in message
    # The DOCTYPE every CAT tool writes (tmx14.dtd, declaring nothing, never loaded) is read.
    p.write_text(p.read_text(encoding="utf-8").replace("file:///etc/passwd", "tmx14.dtd"), encoding="utf-8")
    assert read_bilingual(p).units[0].target == "Rule 30"


def test_xinclude_is_refused(tmp_path):
    p = tmp_path / "include.xlf"
    p.write_text('<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" '
                 'trgLang="en"><file id="f"><unit id="u"><segment><source>Bonjour</source><target>Hello '
                 '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/></target>'
                 '</segment></unit></file></xliff>', encoding="utf-8")
    assert "XML with a DTD (a DOCTYPE) or XInclude is not allowed" in input_error(p)


def test_malformed_truncated_and_foreign_xml():
    message = input_error(FIX / "malformed.tmx")
    assert message.startswith(f"{FIX / 'malformed.tmx'}:5: malformed XML") and "mismatch" in message
    message = input_error(FIX / "truncated.xliff")
    assert "malformed XML" in message and "Premature end of data" in message
    message = input_error(FIX / "not-a-memory.tmx")
    assert "neither TMX nor XLIFF" in message and "html" in message


def test_unsupported_xliff_version(tmp_path):
    p = tmp_path / "x.xlf"
    p.write_text('<xliff xmlns="urn:example:not-xliff" version="3.0"/>', encoding="utf-8")
    assert "unsupported XLIFF" in input_error(p)


# --------------------------------------------------------------------------------------------------
# Any format: missing, empty, binary, too large, languages


def test_missing_folder_empty_binary(tmp_path):
    assert "no such file" in input_error(tmp_path / "absent.po")
    assert "folder" in input_error(tmp_path)
    for name in ("empty.po", "empty.tmx", "empty.tsv", "empty.xlf"):
        p = tmp_path / name
        p.write_bytes(b"")
        assert "empty file" in input_error(p)
    p = tmp_path / "blank.tsv"
    p.write_bytes(b"\xef\xbb\xbf \n\n")
    assert "empty file" in input_error(p)
    for name in ("binary.tsv", "binary.po", "binary.tmx", "binary.xliff"):
        p = tmp_path / name
        p.write_bytes(b"fr\ten\n\x00\x01\x02\x89PNG\x00" * 10)
        assert "binary" in input_error(p)
    p = tmp_path / "report.xlf"
    p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert "binary" in input_error(p)
    p = tmp_path / "utf16.po"
    p.write_bytes('msgid "Règle 30"\nmsgstr "Rule 30"\n'.encode("utf-16"))
    assert "UTF-16" in input_error(p)


def test_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(bilingual, "BILINGUAL_MAX_BYTES", 100)
    p = tmp_path / "big.tsv"
    p.write_text("fr\ten\n" + "Règle 30\tRule 30\n" * 20, encoding="utf-8")
    assert "too large" in input_error(p)


def test_language_options():
    path = FIX / "crime.fr-en.tsv"
    assert "languages fr and en only, found de" in input_error(path, source_lang="de")
    assert "languages fr and en only, found es-ES" in input_error(path, target_lang="es-ES")
    assert "must differ" in input_error(path, source_lang="fr", target_lang="fr-CA")


def test_unknown_suffix_is_sniffed(tmp_path):
    p = tmp_path / "memory.txt"
    p.write_text("fr\ten\nRègle 30\tRule 30\n", encoding="utf-8")
    assert read_bilingual(p).format == "tsv"
    p = tmp_path / "memory.dat"
    p.write_text((FIX / "crime.en-fr.xlf").read_text(encoding="utf-8"), encoding="utf-8")
    assert read_bilingual(p).format == "xliff"
    p = tmp_path / "notes.txt"
    p.write_text("Rien de bilingue ici.\n", encoding="utf-8")
    assert "not a bilingual file" in input_error(p)


@pytest.mark.parametrize("name", sorted(p.name for p in FIX.iterdir()))
def test_every_fixture_reads_or_fails_with_one_line(name):
    try:
        b = read_bilingual(FIX / name)
    except InputError as exc:
        message = str(exc)
        assert "\n" not in message and message.startswith(str(FIX / name))
        return
    assert b.units and b.source_lang != b.target_lang
    n_lines = b.text.count("\n") + 1
    for u in b.units:
        assert u.state in ("translated", "fuzzy", "untranslated")
        assert 1 <= u.line <= u.target_line <= n_lines and u.target_column >= 1
        assert u.id
        if not u.target.strip():
            assert u.state == "untranslated"


# Two documents of one project: the first names UNEP; in the second, ANEP is a body of Uruguay.
_PROJECT = [
    ("A_69_771.docx", "Le Programme des Nations Unies pour l'environnement (PNUE) a présenté son rapport.",
     "The United Nations Environment Programme (UNEP) presented its report."),
    ("CEDAW_C_URY_8-9.docx", "L'ANEP de l'Uruguay a décrit son programme de formation des enseignants.",
     "The ANEP of Uruguay described its programme of teacher training."),
]


def _xliff(version: str, files: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """An XLIFF file of ``version`` ("1.2", "2.0") with these <file> elements: (original, units)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    if version == "1.2":
        out.append('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">')
        for original, units in files:
            out.append(f'<file original="{original}" source-language="fr" target-language="en" datatype="x-undefined"><body>')
            out += [f'<trans-unit id="{k}"><source>{s}</source><target state="translated">{t}</target></trans-unit>'
                    for k, (s, t) in enumerate(units, start=1)]
            out.append("</body></file>")
    else:
        out.append('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en">')
        for n, (original, units) in enumerate(files, start=1):
            out.append(f'<file id="f{n}" original="{original}">')
            out += [f'<unit id="u{k}"><segment state="final"><source>{s}</source><target>{t}</target></segment></unit>'
                    for k, (s, t) in enumerate(units, start=1)]
            out.append("</file>")
    return "\n".join(out + ["</xliff>", ""])


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_each_file_of_an_xliff_project_is_a_document_of_its_own(tmp_path, version):
    # A CAT tool's project holds one <file> per document: what one document says (it names UNEP)
    # is no evidence for a word of another (ANEP, a body of Uruguay), as with a TSV's doc_id.
    from tmcheck.documents.pairs import from_bilingual
    from tmcheck.engine import Linter, Options

    def lint(files):
        path = tmp_path / "project.xlf"
        path.write_text(_xliff(version, files), encoding="utf-8")
        b = read_bilingual(path)
        found = Linter(Options(select=["TM101"])).lint_bitext(from_bilingual(b, False, target_offsets))
        return [u.group for u in b.units], [(f.text, f.suggestion) for f in found]

    two = [(name, [(s, t)]) for name, s, t in _PROJECT]
    assert lint(two) == (["A_69_771.docx", "CEDAW_C_URY_8-9.docx"], [])
    # The same units as one document: the evidence is there.
    one = [(_PROJECT[0][0], [(s, t) for _, s, t in _PROJECT])]
    assert lint(one) == (["", ""], [("ANEP", "UNEP")])
