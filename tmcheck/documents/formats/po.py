"""PO files, read by polib (imported when a PO file is read, never at import time).

polib is lenient where msgfmt is not: an unterminated string, or a keyword without a string, is
refused here first, with its line. A large file is parsed in two halves at once (see
PARALLEL_PO_LINES). Only msgid and msgstr (msgstr[0] of a plural entry) are read; the header's
Language (and X-Source-Language) give the direction.
"""

from __future__ import annotations

import bisect
import os
import re

from ...errors import InputError
from ...i18n import _
from ...named_tuples import NamedTuple
from .languages import language, read_direction
from .units import Bilingual, LazyPattern, Unit, one_line, short


def charset_hint(data: bytes) -> str:
    m = re.search(rb"charset\s*=\s*([A-Za-z0-9_.:-]+)", data[:8192])
    if m and m.group(1).lower() not in (b"utf-8", b"utf8", b"charset"):
        return _("its header declares {charset}: convert it with msgconv --to-code=UTF-8").format(
            charset=m.group(1).decode("ascii"))
    return ""


_PO_CLASS = None


def _po_class():
    """A POFile that keeps the header entry polib removes, so that the header can be checked."""
    global _PO_CLASS
    if _PO_CLASS is None:
        # polib only when a PO file is read (start-up cost)
        import polib

        class _POFile(polib.POFile):
            header_entry = None

            def remove(self, entry):  # polib removes the header entry (msgid "") after parsing
                if self.header_entry is None and entry.msgid == "" and not entry.msgctxt:
                    self.header_entry = entry
                super().remove(entry)

        _PO_CLASS = _POFile
    return _PO_CLASS


class _Lines(str):
    """PO text for polib, split on newlines only (str.splitlines also splits on U+2028, form feeds…),
    so that polib's line numbers are the file's: the lines the reader split already, not split again."""

    def __new__(cls, text: str, lines: list[str]):
        self = super().__new__(cls, text)
        self.lines = lines  # text.split("\n")
        return self

    def splitlines(self, keepends: bool = False):  # noqa: ARG002 - polib calls it without arguments
        return self.lines


_PO_SYNTAX = LazyPattern(r"Syntax error in po file.*?\(line (\d+)\)(?::\s*(.*))?", re.S)
# A keyword line as polib sees it (the line stripped, the keyword followed by whitespace); the
# other keywords are found by _keyword_lines.
_PO_CTXT = LazyPattern(r"^[^\S\n]*msgctxt[^\S\n]", re.M)
# A keyword or continuation line whose string is not one quoted string: polib reads an
# unterminated string by dropping its last character, and a keyword without quotes the same way,
# silently; msgfmt refuses both. Searched once over the whole text (one C-level pass).
_PO_BAD_STRING = LazyPattern(r"\n[^\S\n]*(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?|(?=\"))(?=[^\S\n]|\"|\n|$)"
                       r"(?![^\S\n]*\"[^\"\\\n]*(?:\\.[^\"\\\n]*)*\"[^\S\n]*(?:\n|$))")
_PO_STRING_START = LazyPattern(r"[^\S\n]*(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)?[^\S\n]*(\"?)")


def read_po(name: str, text: str, opt_src: str | None, opt_tgt: str | None) -> Bilingual:
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    _check_po_strings(name, text)
    try:
        po, entries = _parse_po(text, lines)
    except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        message = one_line(str(exc))
        m = _PO_SYNTAX.search(message)
        if m:
            reason = (m.group(2) or "").strip() or _("unexpected line")
            raise InputError(_("{path}: PO syntax error: {reason}").format(path=f"{name}:{m.group(1)}", reason=reason)) from None
        raise InputError(_("{path}: broken PO file ({reason})").format(path=name, reason=message)) from None
    _check_po_header(name, po, lines)
    src, tgt = _po_direction(name, po.metadata, opt_src, opt_tgt)
    return Bilingual(name, "po", src, tgt, _po_units(lines, entries), text)


def _po_direction(name: str, meta: dict, opt_src: str | None, opt_tgt: str | None) -> tuple[str, str]:
    """Source and target from the header (Language, X-Source-Language) and the options."""
    file_tgt = language(name, meta["Language"], _("PO header {field}").format(field="Language")) if meta.get("Language", "").strip() else None
    file_src = None
    for key in ("X-Source-Language", "Source-Language"):
        if meta.get(key, "").strip():
            file_src = language(name, meta[key], _("PO header {field}").format(field=key))
            break
    if not (file_src or file_tgt or opt_src or opt_tgt):
        raise InputError(_("{path}: the PO header has no Language; give the target language with --target-lang fr or "
                           "--target-lang en").format(path=name))
    return read_direction(name, "PO", file_src, file_tgt, opt_src, opt_tgt)


def _po_units(lines: list[str], entries) -> list[Unit]:
    """One unit per entry that is not obsolete, with the lines where it and its msgstr start (found
    in the text: polib keeps only the line of the entry's first keyword)."""
    msgid_lines, msgstr_lines = _keyword_lines(lines, ("msgid", "msgstr"), True)
    msgstr0_lines: list[int] | None = None
    left = bisect.bisect_left

    units: list[Unit] = []
    seen: set[str] = set()
    cursor = 0  # index in lines from which the next entry is looked for
    count = 0
    for entry in entries:
        if entry.obsolete:
            continue
        count += 1
        lo = max(cursor, (entry.linenum or 1) - 1)
        k = left(msgid_lines, lo)
        if k < len(msgid_lines):
            msgid_at = msgid_lines[k]
        else:  # cannot happen for a file polib accepted; stay safe
            msgid_at = min(lo, len(lines) - 1)
        first = entry.linenum - 1 if entry.linenum else msgid_at
        if not entry.linenum and entry.msgctxt is not None:
            ctxt_at = _find_line(lines, _PO_CTXT, cursor, msgid_at + 1)
            if ctxt_at is not None:
                first = ctxt_at
        plural = bool(entry.msgid_plural)
        stop = msgid_lines[k + 1] if k + 1 < len(msgid_lines) else len(lines)
        if plural and msgstr0_lines is None:
            [msgstr0_lines] = _keyword_lines(lines, ("msgstr[0]",), False)
        candidates = msgstr0_lines if plural else msgstr_lines
        j = left(candidates, msgid_at + 1)
        str_at = candidates[j] if j < len(candidates) and candidates[j] < stop else None
        cursor = (str_at if str_at is not None else msgid_at) + 1
        if plural:
            target = entry.msgstr_plural.get(0, "") if entry.msgstr_plural else ""
        else:
            target = entry.msgstr or ""
        source = entry.msgid or ""
        if str_at is None:
            target_line, target_column = msgid_at + 1, 1
        else:
            target_line, target_column = _po_text_start(lines, str_at, stop)
        uid = short(f"{entry.msgctxt}|{source}" if entry.msgctxt else source)
        if not uid or uid in seen:
            uid = f"entry {count}"
        seen.add(uid)
        units.append(Unit(uid, source, target, first + 1, target_line, target_column, _po_state(entry, target),
                          _po_notes(entry, plural)))
    return units


def _po_state(entry, target: str) -> str:
    if not target:
        return "untranslated"
    if "fuzzy" in (entry.flags or []):
        return "fuzzy"
    return "translated"


def _po_notes(entry, plural: bool) -> str:
    notes = [n for n in (entry.tcomment, entry.comment) if n]
    if plural:
        notes.append("plural entry: only msgid and msgstr[0] are read")
    return "\n".join(notes)


def _check_po_strings(name: str, text: str) -> None:
    """Refuse, with its line, the first string that is not closed (or a keyword with no string)."""
    m = _PO_BAD_STRING.search("\n" + text)  # each line starts after a newline, the first too
    if m is None:
        return
    start = m.start()  # in text, where the line starts
    number = text.count("\n", 0, start) + 1
    end = text.find("\n", start)
    line = text[start: end if end != -1 else len(text)]
    head = _PO_STRING_START.match(line)
    keyword, quote = head.group(1), head.group(2)
    rest = line[head.end():]
    if not quote:
        reason = _("{keyword} has no quoted string").format(keyword=keyword) if keyword else _("unexpected line")
    elif re.fullmatch(r'(?:[^"\\]|\\.)*\\?\s*', rest):
        reason = _("unterminated string (no closing double quote)")
    else:
        reason = _("unescaped double quote inside the string, or text after its closing quote")
    raise InputError(_("{path}: PO syntax error: {reason}").format(path=f"{name}:{number}", reason=reason))


# A PO file of this many lines is parsed in two halves at once, by this process and a forked one
# (given a second core to run on):
# polib reads it line by line in Python (a tenth of a second for 4,000 entries), which would
# otherwise keep the other cores idle until the rules share out the pairs.
PARALLEL_PO_LINES = 10_000


def _parse_po(text: str, lines: list[str]) -> tuple:
    """polib's reading of the file: its POFile (header, metadata) and its entries in file order."""
    k = None
    if len(lines) >= PARALLEL_PO_LINES:
        # the worker machinery only for a file large enough to be read in two halves
        from ...workers import can_fork, usable_cores

        k = _po_halfway(lines) if can_fork() and usable_cores() > 1 else None
    halves = _parse_po_halves(lines, k) if k is not None else None
    if halves is not None:
        return halves
    po = _polib_read(text, lines)
    return po, list(po)


def _parse_po_halves(lines: list[str], k: int) -> tuple | None:
    """The file read by polib in two halves at once, from line k + 1 on by a forked process; None
    when that cannot be (no process to fork, or an error: polib reading the whole file reports
    it as it would)."""
    # the worker machinery only for a file large enough to be read in two halves
    from ...workers import Worker

    def second_half() -> tuple[bool, list]:
        # polib takes the first entry with an empty msgid (no context) for the header: found in the
        # second half, it is an entry the whole file's reading keeps, so the halves do not agree.
        po = _polib_read("\n".join(lines[k:]), lines[k:])
        return po.header_entry is not None, [_Entry.moved(e, k) for e in po]

    try:
        worker = Worker(second_half)
    except OSError:  # no more processes allowed
        return None
    try:
        po = _polib_read("\n".join(lines[:k]), lines[:k])
        header_in_second_half, rest = worker.result()
    except Exception:
        return None
    finally:
        worker.stop()
    return None if header_in_second_half else (po, list(po) + rest)


def _polib_read(text: str, lines: list[str]):
    """polib's reading of ``text``, whose lines are ``lines`` (``text.split("\\n")``)."""
    # polib only when a PO file is read (start-up cost)
    import polib

    return polib.pofile(_Lines(text, lines), encoding="utf-8", wrapwidth=0, klass=_po_class())


def _po_halfway(lines: list[str]) -> int | None:
    """A line near the middle from which polib, reading afresh, finds the entries it finds reading
    the whole file (see _starts_afresh); None when there is none. The forked process gets somewhat
    less than half: it also starts, and sends its entries back."""
    middle = len(lines) * 11 // 20
    return next((k for k in range(middle, min(len(lines), middle + 5000)) if _starts_afresh(lines, k)), None)


def _starts_afresh(lines: list[str], k: int) -> bool:
    """Is line k a msgctxt or msgid line just after a msgstr? Then it starts an entry, with no
    comment before it, and polib would be between entries there."""
    tokens = lines[k].split(None, 2)
    if len(tokens) < 2 or tokens[0] not in ("msgctxt", "msgid"):
        return False
    j = k - 1
    while j > 0 and (not lines[j].strip() or lines[j].lstrip().startswith('"')):
        j -= 1  # blank lines, and the continuation lines of the string before
    before = lines[j].split(None, 1)
    return bool(before) and (before[0].startswith("msgstr[") or (before[0] == "msgstr" and len(before) > 1))


class _Entry(NamedTuple):
    """What _read_po reads of a polib entry, sent back by the process that read the second half."""

    msgid: str
    msgstr: str
    msgctxt: str | None
    msgid_plural: str
    msgstr_plural: dict
    flags: list
    tcomment: str
    comment: str
    obsolete: int
    linenum: int

    @classmethod
    def moved(cls, e, k: int) -> _Entry:
        """``e`` read from line k + 1 on; polib numbers the first entry of a text 0, the others from
        the line where they start."""
        return cls(e.msgid, e.msgstr, e.msgctxt, e.msgid_plural, e.msgstr_plural, e.flags, e.tcomment, e.comment,
                   e.obsolete, e.linenum + k if e.linenum else k + 1)


def _keyword_lines(lines: list[str], keywords: tuple[str, ...], then_blank: bool) -> list[list[int]]:
    """For each of ``keywords``, the indexes of the lines that hold it first, as polib reads them:
    after blanks, and followed by a blank when ``then_blank``. One pass over the lines for all of
    them (msgid and msgstr: a PO file has a line of each per entry)."""
    screen = os.path.commonprefix(keywords)
    sized = [(keyword, len(keyword), []) for keyword in keywords]
    for i, line in enumerate(lines):
        if screen in line:  # most lines hold none: one C-level search decides
            head = line.lstrip()
            for keyword, n, found in sized:
                if head.startswith(keyword) and (not then_blank or head[n:n + 1].isspace()):
                    found.append(i)
    return [found for _, _, found in sized]


def _find_line(lines: list[str], pattern: re.Pattern, start: int, stop: int | None = None) -> int | None:
    stop = len(lines) if stop is None else min(stop, len(lines))
    match = pattern.match
    for i in range(max(start, 0), stop):
        if match(lines[i]):
            return i
    return None  # patterns are anchored with ^, so match() on one line is exact


def _po_text_start(lines: list[str], str_at: int, stop: int) -> tuple[int, int]:
    """Line and column of the first character of a msgstr: just after the opening quote of its
    first non-empty string (for `msgstr ""` followed by continuation lines, on the first of those
    lines that holds text); the msgstr line itself when the string is empty."""
    line = lines[str_at]
    quote = line.find('"')
    if quote == -1:
        return str_at + 1, 1
    if line[quote + 1: quote + 2] != '"':
        return str_at + 1, quote + 2
    for i in range(str_at + 1, stop):
        cont = lines[i].strip()
        if not cont.startswith('"'):
            break
        if cont[1:2] != '"':
            return i + 1, lines[i].find('"') + 2
    return str_at + 1, quote + 2


def _check_po_header(name: str, po, lines: list[str]) -> None:
    header = getattr(po, "header_entry", None)
    if header is None:
        return
    at = _find_line(lines, re.compile(r'[^\S\n]*msgid[^\S\n]+""\s*$'), 0)
    where = f"{name}:{at + 1}" if at is not None else name
    for raw in header.msgstr.split("\n"):
        if raw.strip() and not re.match(r"\s*[^\s:][^:]*:", raw):
            if at is not None:  # point at the string that holds the bad line
                probe = raw.strip()[:20].replace("\\", "\\\\").replace('"', '\\"')
                for i in range(at + 1, min(len(lines), at + 200)):
                    if probe in lines[i] and lines[i].lstrip().startswith('"'):
                        where = f"{name}:{i + 1}"
                        break
            raise InputError(_("{path}: broken PO header: {line!r} is not 'Name: value'").format(path=where, line=short(raw, 40)))
    content_type = po.metadata.get("Content-Type", "")
    m = re.search(r"charset\s*=\s*([^\s;]+)", content_type, re.I)
    if m and m.group(1).lower().replace("_", "-") not in ("utf-8", "utf8", "charset", "ascii", "us-ascii"):
        # The bytes decoded as UTF-8, so only ASCII can agree with another declared charset.
        if not all(line.isascii() for line in lines):
            raise InputError(_("{path}: the PO header declares charset {charset} but the file is UTF-8; fix the header or "
                               "convert the file with msgconv --to-code=UTF-8").format(path=where, charset=m.group(1)))

