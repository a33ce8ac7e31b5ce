"""Bilingual files — PO, TMX 1.4, XLIFF 1.2, XLIFF 2.x and TSV — read into one model, safely.

Every reader returns a :class:`Bilingual`: the decoded file text and one :class:`Unit` per segment,
with plain source and target text (inline codes of TMX and XLIFF removed, the text they wrap kept),
a state (translated, fuzzy, untranslated) and the place in the file where the unit and its target
start, so that findings on the target point into the file. :func:`target_offsets` maps every
character of a unit's target to its offset in the file text (exact for TSV and PO, and for TMX and
XLIFF whenever the raw markup maps cleanly onto the parsed text).

Only French and English are read. Every bad input — missing, empty, binary, not UTF-8, malformed,
hostile (XML entity declarations), of another language — raises :class:`InputError` with one line
that starts with the path. XML is parsed by lxml with entity resolution, DTD loading and network
access off, and a document whose DOCTYPE declares entities is refused before and after parsing.

polib and lxml are imported by the functions that need them, never at import time.
"""

from __future__ import annotations

import bisect
import os
import re
from typing import NamedTuple

from ..errors import InputError
from ..i18n import _
from .model import line_starts
from .readers import BILINGUAL_KINDS, BILINGUAL_SUFFIXES

__all__ = ["BILINGUAL_SUFFIXES", "Bilingual", "MAX_BYTES", "Unit", "read_bilingual", "target_offsets"]

MAX_BYTES = 200 * 1024 * 1024


class Unit(NamedTuple):
    id: str  # the segment's name for the user (PO msgctxt|msgid or "entry N", TMX tuid or "tu N", XLIFF id, TSV "row N")
    source: str  # plain text (inline codes removed, the text they wrap kept)
    target: str
    line: int  # 1-based line where the unit starts
    target_line: int  # 1-based line where the target text starts
    target_column: int  # 1-based column (Unicode characters) where the target text starts
    state: str  # "translated" | "fuzzy" | "untranslated"
    note: str = ""  # translator comment or note, if any
    group: str = ""  # the document the unit belongs to, when a file holds several (TSV doc_id)


class Bilingual(NamedTuple):
    path: str
    format: str  # "po" | "tmx" | "xliff" | "tsv"
    source_lang: str  # "fr" | "en"
    target_lang: str  # "fr" | "en"
    units: list[Unit]
    text: str  # the decoded file content, BOM removed (positions refer to it)


# --------------------------------------------------------------------------------------------------
# Entry point


def read_bilingual(path, source_lang: str | None = None, target_lang: str | None = None) -> Bilingual:
    """Read a PO, TMX, XLIFF 1.2/2.x or TSV file; ``source_lang``/``target_lang`` ("fr"/"en", region
    variants allowed) choose or confirm the direction. Raise :class:`InputError` on any bad input."""
    name = os.fspath(path)
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    opt_src = _option_lang(name, source_lang, "--source-lang")
    opt_tgt = _option_lang(name, target_lang, "--target-lang")
    if opt_src and opt_tgt and opt_src == opt_tgt:
        raise InputError(f"{name}: the source and target languages must differ (both are {opt_src})")
    data = _read_bytes(name)
    kind = _kind(name, data)
    try:
        if kind == "xml":
            return _read_xml(name, data, opt_src, opt_tgt)
        if kind == "po":
            return _read_po(name, _decode_utf8(name, data, "PO", _po_charset_hint(data)), opt_src, opt_tgt)
        return _read_tsv(name, _decode_utf8(name, data, "TSV"), opt_src, opt_tgt)
    except InputError:
        raise
    except RecursionError:
        raise InputError(f"{name}: too deeply nested to read") from None
    except MemoryError:
        raise InputError(f"{name}: too large to read in memory") from None
    except Exception as exc:  # a library surprise must still end as one clear line
        raise InputError(f"{name}: cannot read as a bilingual file ({type(exc).__name__}: {_one_line(str(exc))})") from None


# --------------------------------------------------------------------------------------------------
# Bytes, decoding, kinds

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _read_bytes(name: str) -> bytes:
    if not os.path.exists(name):
        raise InputError(_("{path}: no such file or folder").format(path=name))
    if os.path.isdir(name):
        raise InputError(_("{path}: is a folder, not a bilingual file").format(path=name))
    try:
        size = os.path.getsize(name)
        if size > MAX_BYTES:
            raise InputError(_("{path}: file too large ({size} MB; the limit is {limit} MB)").format(
                path=name, size=size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)))
        with open(name, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(_("{path}: cannot read ({reason})").format(path=name, reason=exc.strerror or exc)) from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: file too large (the limit is {MAX_BYTES // (1024 * 1024)} MB)")
    body = data[3:] if data.startswith(_UTF8_BOM) else data
    if not body.strip():
        raise InputError(_("{path}: empty file").format(path=name))
    if data[:4] in (b"PK\x03\x04", b"%PDF") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(_("{path}: binary file (a Word, PDF or ZIP file?), not a bilingual text file").format(path=name))
    return data


def _is_utf16(data: bytes) -> bool:
    return data[:2] in _UTF16_BOMS or data[:2] in (b"<\x00", b"\x00<")


def _kind(name: str, data: bytes) -> str:
    kind = BILINGUAL_KINDS.get(os.path.splitext(name)[1].lower())
    if kind is None:
        head = data[:4096]
        if _is_utf16(head) or head.lstrip(_UTF8_BOM + b" \t\r\n").startswith(b"<"):
            kind = "xml"
        elif re.search(rb"(?m)^\s*msgid\s", head):
            kind = "po"
        elif b"\t" in head.split(b"\n", 1)[0]:
            kind = "tsv"
        else:
            raise InputError(f"{name}: not a bilingual file (expected {', '.join(sorted(BILINGUAL_SUFFIXES))})")
    if kind == "xml":
        if not _is_utf16(data) and b"\x00" in data:
            raise InputError(f"{name}: binary file (NUL bytes), not XML")
    elif _is_utf16(data):
        raise InputError(f"{name}: is UTF-16, not UTF-8; save it as UTF-8")
    elif b"\x00" in data:
        raise InputError(f"{name}: binary file (NUL bytes), not a bilingual text file")
    return kind


def _decode_utf8(name: str, data: bytes, label: str, advice: str = "") -> str:
    if data.startswith(_UTF8_BOM):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        advice = advice or f"save the {label} file as UTF-8"
        raise InputError(f"{name}:{line}: is not UTF-8 (byte 0x{data[exc.start]:02x}); {advice}") from None


def _po_charset_hint(data: bytes) -> str:
    m = re.search(rb"charset\s*=\s*([A-Za-z0-9_.:-]+)", data[:8192])
    if m and m.group(1).lower() not in (b"utf-8", b"utf8", b"charset"):
        return f"its header declares {m.group(1).decode('ascii')}: convert it with msgconv --to-code=UTF-8"
    return ""


def _one_line(message: str) -> str:
    return " ".join(str(message).split())


class _Lazy:
    """A regular expression compiled on first use (start-up time matters to the command line)."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self._args = (pattern, flags)
        self._compiled = None

    def __getattr__(self, name: str):
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(*self._args)
        return getattr(compiled, name)


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def _short(text: str, limit: int = 60) -> str:
    # Most texts are long: the words of their first characters already make the shortened form
    # (a prefix of the one below).
    head = " ".join(text[: limit * 2].split())
    if len(head) > limit:
        return head[: limit - 1].rstrip() + "…"
    cut = len(text) > limit * 4
    text = " ".join(text[: limit * 4].split())
    if len(text) <= limit and not cut:
        return text
    return text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------------------------------
# Languages

_LANG_NAMES = {
    "fr": "fr", "fra": "fr", "fre": "fr", "french": "fr", "français": "fr", "francais": "fr",
    "en": "en", "eng": "en", "english": "en", "anglais": "en",
}


def _norm_lang(code: str | None) -> str | None:
    """'fr-FR', 'fr_CA', 'FR', 'fra' -> 'fr'; 'EN-US' -> 'en'; anything else -> None."""
    if not code:
        return None
    primary = re.split(r"[-_@.\s]", code.strip(), maxsplit=1)[0].lower()
    return _LANG_NAMES.get(primary)


def _lang(name: str, code: str, where: str = "") -> str:
    lang = _norm_lang(code)
    if lang is None:
        where = f" ({where})" if where else ""
        raise InputError(f"{name}: tmcheck checks languages fr and en only, found {_short(code, 30) or '(empty)'}{where}")
    return lang


def _option_lang(name: str, code: str | None, option: str) -> str | None:
    if code is None or (isinstance(code, str) and not code.strip()):
        return None
    return _lang(name, str(code), option)


def _other(lang: str | None) -> str | None:
    return {"fr": "en", "en": "fr"}.get(lang or "")


def _direction(name: str, label: str, file_src: str | None, file_tgt: str | None,
               opt_src: str | None, opt_tgt: str | None, default_src: str | None = None) -> tuple[str, str]:
    """Source and target from what the file says and what the options ask; they must agree."""
    if file_src and file_tgt and file_src == file_tgt:
        raise InputError(f"{name}: the {label} source and target languages are both {file_src}")
    fsrc = file_src or _other(file_tgt)
    ftgt = file_tgt or _other(file_src)
    osrc = opt_src or _other(opt_tgt)
    otgt = opt_tgt or _other(opt_src)
    if fsrc and osrc and fsrc != osrc:
        raise InputError(f"{name}: {label} languages are {fsrc}→{ftgt}, not {osrc}→{otgt}")
    src = fsrc or osrc or default_src
    if src is None:
        raise InputError(f"{name}: the {label} file does not say its languages; give --source-lang or --target-lang (fr or en)")
    return src, _other(src)  # type: ignore[return-value]


# --------------------------------------------------------------------------------------------------
# TSV


def _read_tsv(name: str, text: str, opt_src: str | None, opt_tgt: str | None) -> Bilingual:
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    header = [h.strip() for h in lines[0].rstrip("\r").split("\t")]
    columns: dict[str, int] = {}
    id_col = note_col = None
    for i, h in enumerate(header):
        low = h.lower()
        if re.fullmatch(r"(fr|en)(?:[-_][a-z]{2,4})?", low):
            lang = low[:2]
            if lang in columns:
                raise InputError(f"{name}:1: the TSV header has two '{lang}' columns ({header[columns[lang]]}, {h})")
            columns[lang] = i
        elif low in ("doc_id", "docid", "id") and id_col is None:
            id_col = i
        elif low in ("note", "notes", "comment", "comments") and note_col is None:
            note_col = i
    if len(columns) < 2:
        found = ", ".join(_short(h, 20) for h in header) or "(nothing)"
        raise InputError(_("{path}: TSV needs 'fr' and 'en' columns in its header; found: {found}").format(
            path=f"{name}:1", found=found))
    first = "fr" if columns["fr"] < columns["en"] else "en"
    src, tgt = _direction(name, "TSV", None, None, opt_src, opt_tgt, default_src=first)
    si, ti = columns[src], columns[tgt]
    width = len(header)
    units: list[Unit] = []
    for number in range(2, len(lines) + 1):
        row = lines[number - 1]
        if row.endswith("\r"):
            row = row[:-1]
        if not row.strip():
            continue  # blank lines (the last "line" after the final newline, too)
        fields = row.split("\t")
        if len(fields) != width:
            if len(fields) < width:
                raise InputError(f"{name}:{number}: TSV row has {len(fields)} field{'s' if len(fields) != 1 else ''}, the header has {width}")
            if any(f.strip() for f in fields[width:]):
                raise InputError(f"{name}:{number}: TSV row has {len(fields)} fields, the header has {width} (a tab inside a field?)")
        source, target = fields[si], fields[ti]
        column = sum(len(f) for f in fields[:ti]) + ti + 1
        uid = f"row {number}"
        if id_col is not None and fields[id_col].strip():
            uid = f"row {number} ({fields[id_col].strip()})"
        note = fields[note_col].strip() if note_col is not None else ""
        state = "translated" if target.strip() else "untranslated"
        group = fields[id_col].strip() if id_col is not None else ""
        units.append(Unit(uid, source, target, number, number, column, state, note, group))
    return Bilingual(name, "tsv", src, tgt, units, text)


# --------------------------------------------------------------------------------------------------
# PO

_PO_CLASS = None


def _po_class():
    """A POFile that keeps the header entry polib removes, so that the header can be checked."""
    global _PO_CLASS
    if _PO_CLASS is None:
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
    so that polib's line numbers are the file's."""

    __slots__ = ()

    def splitlines(self, keepends: bool = False):  # noqa: ARG002 - polib calls it without arguments
        return str(self).split("\n")


_PO_SYNTAX = _Lazy(r"Syntax error in po file.*?\(line (\d+)\)(?::\s*(.*))?", re.S)
# A keyword line as polib sees it (the line stripped, the keyword followed by whitespace); the
# other keywords are found by _keyword_lines.
_PO_CTXT = _Lazy(r"^[^\S\n]*msgctxt[^\S\n]", re.M)
# A keyword or continuation line whose string is not one quoted string: polib reads an
# unterminated string by dropping its last character, and a keyword without quotes the same way,
# silently; msgfmt refuses both. Searched once over the whole text (one C-level pass).
_PO_BAD_STRING = _Lazy(r"\n[^\S\n]*(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?|(?=\"))(?=[^\S\n]|\"|\n|$)"
                       r"(?![^\S\n]*\"[^\"\\\n]*(?:\\.[^\"\\\n]*)*\"[^\S\n]*(?:\n|$))")
_PO_STRING_START = _Lazy(r"[^\S\n]*(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)?[^\S\n]*(\"?)")
_PO_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}


def _read_po(name: str, text: str, opt_src: str | None, opt_tgt: str | None) -> Bilingual:
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    _check_po_strings(name, text)
    try:
        po, entries = _parse_po(text, lines)
    except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        message = _one_line(str(exc))
        m = _PO_SYNTAX.search(message)
        if m:
            reason = (m.group(2) or "").strip() or "unexpected line"
            raise InputError(_("{path}: PO syntax error: {reason}").format(path=f"{name}:{m.group(1)}", reason=reason)) from None
        raise InputError(f"{name}: broken PO file ({message})") from None
    _check_po_header(name, po, lines)
    meta = po.metadata
    file_tgt = _lang(name, meta["Language"], "PO header Language") if meta.get("Language", "").strip() else None
    file_src = None
    for key in ("X-Source-Language", "Source-Language"):
        if meta.get(key, "").strip():
            file_src = _lang(name, meta[key], f"PO header {key}")
            break
    if not (file_src or file_tgt or opt_src or opt_tgt):
        raise InputError(f"{name}: the PO header has no Language; give the target language with --target-lang fr or --target-lang en")
    src, tgt = _direction(name, "PO", file_src, file_tgt, opt_src, opt_tgt)

    msgid_lines = _keyword_lines(lines, "msgid", True)
    msgstr_lines = _keyword_lines(lines, "msgstr", True)
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
            msgstr0_lines = _keyword_lines(lines, "msgstr[0]", False)
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
        if not target:
            state = "untranslated"
        elif "fuzzy" in (entry.flags or []):
            state = "fuzzy"
        else:
            state = "translated"
        notes = [n for n in (entry.tcomment, entry.comment) if n]
        if plural:
            notes.append("plural entry: only msgid and msgstr[0] are read")
        uid = _short(f"{entry.msgctxt}|{source}" if entry.msgctxt else source)
        if not uid or uid in seen:
            uid = f"entry {count}"
        seen.add(uid)
        units.append(Unit(uid, source, target, first + 1, target_line, target_column, state, "\n".join(notes)))
    return Bilingual(name, "po", src, tgt, units, text)


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
        reason = f"{keyword} has no quoted string" if keyword else "unexpected line"
    elif re.fullmatch(r'(?:[^"\\]|\\.)*\\?\s*', rest):
        reason = "unterminated string (no closing double quote)"
    else:
        reason = "unescaped double quote inside the string, or text after its closing quote"
    raise InputError(_("{path}: PO syntax error: {reason}").format(path=f"{name}:{number}", reason=reason))


# A PO file of this many lines is parsed in two halves at once, by this process and a forked one:
# polib reads it line by line in Python (a tenth of a second for 4,000 entries), which would
# otherwise keep the other cores idle until the rules share out the pairs.
PARALLEL_PO_LINES = 10_000


def _parse_po(text: str, lines: list[str]) -> tuple:
    """polib's reading of the file: its POFile (header, metadata) and its entries in file order."""
    from ..workers import can_fork

    k = _po_halfway(lines) if len(lines) >= PARALLEL_PO_LINES and can_fork() else None
    halves = _parse_po_halves(lines, k) if k is not None else None
    if halves is not None:
        return halves
    po = _polib_read(text)
    return po, list(po)


def _parse_po_halves(lines: list[str], k: int) -> tuple | None:
    """The file read by polib in two halves at once, from line k + 1 on by a forked process; None
    when that cannot be (no process to fork, or an error: polib reading the whole file reports
    it as it would)."""
    from ..workers import Worker

    def second_half() -> tuple[bool, list]:
        # polib takes the first entry with an empty msgid (no context) for the header: found in the
        # second half, it is an entry the whole file's reading keeps, so the halves do not agree.
        po = _polib_read("\n".join(lines[k:]))
        return po.header_entry is not None, [_Entry.moved(e, k) for e in po]

    try:
        worker = Worker(second_half)
    except OSError:  # no more processes allowed
        return None
    try:
        po = _polib_read("\n".join(lines[:k]))
        header_in_second_half, rest = worker.result()
    except Exception:
        return None
    finally:
        worker.stop()
    return None if header_in_second_half else (po, list(po) + rest)


def _polib_read(text: str):
    import polib

    return polib.pofile(_Lines(text), encoding="utf-8", wrapwidth=0, klass=_po_class())


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


def _keyword_lines(lines: list[str], keyword: str, then_blank: bool) -> list[int]:
    """The indexes of the lines that hold ``keyword`` first, as polib reads them: after blanks, and
    followed by a blank when ``then_blank``."""
    n = len(keyword)
    found = []
    for i, line in enumerate(lines):
        if keyword in line:  # most lines hold none: one C-level search decides
            head = line.lstrip()
            if head.startswith(keyword) and (not then_blank or head[n:n + 1].isspace()):
                found.append(i)
    return found


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
            raise InputError(f"{where}: broken PO header: {_short(raw, 40)!r} is not 'Name: value'")
    content_type = po.metadata.get("Content-Type", "")
    m = re.search(r"charset\s*=\s*([^\s;]+)", content_type, re.I)
    if m and m.group(1).lower().replace("_", "-") not in ("utf-8", "utf8", "charset", "ascii", "us-ascii"):
        # The bytes decoded as UTF-8, so only ASCII can agree with another declared charset.
        if not all(line.isascii() for line in lines):
            raise InputError(f"{where}: the PO header declares charset {m.group(1)} but the file is UTF-8; fix the header or convert the file with msgconv --to-code=UTF-8")


# --------------------------------------------------------------------------------------------------
# XML: TMX, XLIFF 1.2, XLIFF 2.x

_XLIFF1_NS = ("urn:oasis:names:tc:xliff:document:1.2", "urn:oasis:names:tc:xliff:document:1.1", "")
_XLIFF2_NS_PREFIX = "urn:oasis:names:tc:xliff:document:2."
_SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODE_TAGS = frozenset({"ph", "bpt", "ept", "it", "ut"})  # native codes: their text is not text
_ENTITY_REFUSED = ("XML with a DTD (a DOCTYPE) or XInclude is not allowed (entity declarations, external entities, "
                   "entity expansion and inclusions are refused)")
_XINCLUDE = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
# The one DOCTYPE let through: the bare reference to the TMX DTD that CAT tools write at the top of
# every export (the specification's own examples carry it). It declares nothing and is never loaded.
_TMX_DOCTYPE = re.compile(r"<!DOCTYPE\s+tmx\s+SYSTEM\s+([\"'])tmx1[1-4]\.dtd\1\s*>")



def _xml_encoding(data: bytes) -> tuple[str, int]:
    """The codec and BOM length of an XML file (BOM, else the declaration, else UTF-8)."""
    if data.startswith(_UTF8_BOM):
        return "utf-8", 3
    if data.startswith(b"\xff\xfe"):
        return "utf-16-le", 2
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be", 2
    if data.startswith(b"<\x00"):
        return "utf-16-le", 0
    if data.startswith(b"\x00<"):
        return "utf-16-be", 0
    m = re.match(rb"\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']", data[:512])
    return (m.group(1).decode("ascii").lower() if m else "utf-8"), 0


def _prolog_doctype(s: str) -> str | None:
    """The DOCTYPE declaration before the root element, if any (an unterminated one runs to the end
    of the text)."""
    i, n = 0, len(s)
    while i < n:
        while i < n and s[i] in " \t\r\n\ufeff":
            i += 1
        if s.startswith("<?", i):
            j = s.find("?>", i + 2)
            if j == -1:
                return None
            i = j + 2
        elif s.startswith("<!--", i):
            j = s.find("-->", i + 4)
            if j == -1:
                return None
            i = j + 3
        elif s.startswith("<!DOCTYPE", i):
            j, depth, quote = i + 9, 0, ""
            while j < n:
                c = s[j]
                if quote:
                    if c == quote:
                        quote = ""
                elif c in "\"'":
                    quote = c
                elif c == "[":
                    depth += 1
                elif c == "]":
                    depth -= 1
                elif c == ">" and depth <= 0:
                    break
                j += 1
            return s[i:j + 1]
        else:
            return None
    return None


def _refuse_entities(name: str, data: bytes) -> None:
    """Refuse any DOCTYPE but the bare TMX one, before parsing (so that an entity bomb is never
    expanded, and nothing declared is ever read)."""
    encoding, bom = _xml_encoding(data)
    if encoding.startswith("utf-16"):
        scan = data[bom:].decode(encoding, errors="replace")
    elif b"<!DOCTYPE" in data:
        scan = data.decode("latin-1")  # markup is ASCII in every ASCII-compatible encoding
    else:
        return
    doctype = _prolog_doctype(scan)
    if doctype is not None and not _TMX_DOCTYPE.fullmatch(doctype):
        raise InputError(f"{name}: {_ENTITY_REFUSED}")


def parse_safe_xml(name: str, data: bytes, remove_pis: bool = False):
    """The root element of an XML file, parsed with DTDs and XInclude refused before and after
    parsing (no entity declaration, no external entity, no entity expansion, no inclusion, no
    network); any failure is one InputError. Every XML format tmcheck reads (TMX, XLIFF, TBX, and
    the parts of a .docx: see documents/word.py) goes through here or through check_parsed."""
    _refuse_entities(name, data)
    from lxml import etree

    try:
        root = etree.fromstring(data, safe_parser(remove_pis))
    except etree.XMLSyntaxError as exc:
        raise InputError(xml_error(name, exc)) from None
    except (ValueError, etree.LxmlError) as exc:
        raise InputError(f"{name}: cannot parse XML ({_one_line(str(exc))})") from None
    if root is None:
        raise InputError(f"{name}: empty XML document")
    check_parsed(name, root)
    return root


def safe_parser(remove_pis: bool = False):
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True, remove_pis=remove_pis)


def xml_error(name: str, exc) -> str:
    """One line for lxml's syntax error, with the line where it is known."""
    message = getattr(exc, "msg", None) or str(exc)
    if "amplification" in message or "entity reference loop" in message.lower():
        return f"{name}: {_ENTITY_REFUSED}"
    line = getattr(exc, "lineno", None) or (exc.position[0] if getattr(exc, "position", None) else 0)
    where = f"{name}:{line}" if line else name
    return _("{path}: malformed XML: {reason}").format(path=where, reason=_one_line(message))


def check_parsed(name: str, root) -> None:
    """After parsing, whatever the prolog scan saw: no DTD but the bare TMX one, no XInclude."""
    info = root.getroottree().docinfo
    dtd = info.internalDTD  # present, empty, for a bare DOCTYPE
    declares = dtd is not None and (next(dtd.iterentities(), None) is not None
                                    or next(dtd.iterelements(), None) is not None)
    if declares or info.externalDTD is not None:
        raise InputError(f"{name}: {_ENTITY_REFUSED}")
    if info.doctype and not (info.root_name == "tmx" and info.public_id is None
                             and re.fullmatch(r"tmx1[1-4]\.dtd", info.system_url or "")):
        raise InputError(f"{name}: {_ENTITY_REFUSED}")
    for ns in _XINCLUDE:
        if next(root.iter(f"{{{ns}}}*"), None) is not None:
            raise InputError(f"{name}: {_ENTITY_REFUSED}")


def _read_xml(name: str, data: bytes, opt_src: str | None, opt_tgt: str | None) -> Bilingual:
    from lxml import etree

    root = parse_safe_xml(name, data)

    encoding, bom = _xml_encoding(data)
    try:
        text = data[bom:].decode(encoding)
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r} in the XML declaration") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: is not valid {encoding} (byte offset {exc.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]

    tag = root.tag if isinstance(root.tag, str) else ""
    ns, local = (tag[1:].split("}", 1) if tag.startswith("{") else ("", tag))
    if local == "tmx":
        return _read_tmx(name, root, text, etree, opt_src, opt_tgt)
    if local == "xliff":
        version = (root.get("version") or "").strip()
        if ns.startswith(_XLIFF2_NS_PREFIX) or (not ns and version.startswith("2")):
            return _read_xliff2(name, root, ns, text, etree, opt_src, opt_tgt)
        if ns in _XLIFF1_NS and (ns or version.startswith("1")):
            return _read_xliff1(name, root, ns, text, etree, opt_src, opt_tgt)
        raise InputError(f"{name}: unsupported XLIFF (namespace {ns or 'none'}, version {version or 'none'}); tmcheck reads XLIFF 1.2 and 2.x")
    shown = f"{{{ns}}}{local}" if ns else local
    raise InputError(f"{name}: XML but neither TMX nor XLIFF (root element <{shown}>)")


class _Locator:
    """Where elements start and where their start tags end in the file text.

    libxml2 only gives the line of a start tag's closing '>'. The raw text is therefore scanned for
    the start tags of the wanted elements (any namespace; comments, CDATA sections, processing
    instructions and the DOCTYPE skipped), in document order alongside the parsed elements of the
    same names; each pair must agree on name and (up to line 65535, where libxml2 stops counting
    exactly) on line. If they ever disagree, every position falls back to libxml2's line, column 1."""

    def __init__(self, text: str, root, wanted: tuple[str, ...]):
        self.starts = line_starts(text)
        self.spans: dict | None = {}
        names = "|".join(re.escape(w) for w in wanted)
        pattern = re.compile(
            r"(?=<)(?:<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>"
            r"|<(?:[^\s/>!?:]+:)?(" + names + r")(?=[\s/>])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)",
            re.S,
        )
        elements = root.iter(*(f"{{*}}{w}" for w in wanted))
        spans = self.spans
        starts = self.starts
        right = bisect.bisect_right
        for m in pattern.finditer(text):
            name = m.group(1)
            if name is None:
                continue
            el = next(elements, None)
            end = m.end()
            if el is None or el.tag.rsplit("}", 1)[-1] != name:
                self.spans = None
                return
            line = right(starts, end - 1)
            # libxml2 keeps exact lines up to 65535 only; beyond, it reports a nearby line.
            if line < 65535 and el.sourceline != line:
                self.spans = None
                return
            spans[el] = (m.start(), end)
        if next(elements, None) is not None:
            self.spans = None

    def start(self, el) -> tuple[int, int]:
        """Line and column of the element's '<'."""
        if self.spans is not None and el in self.spans:
            return _position(self.starts, self.spans[el][0])
        return (el.sourceline or 1), 1

    def after(self, el) -> tuple[int, int]:
        """Line and column of the first character after the element's start tag."""
        if self.spans is not None and el in self.spans:
            return _position(self.starts, self.spans[el][1])
        return (el.sourceline or 1), 1


def _inline_text(el, etree) -> str:
    """Text of a segment: the text of inline elements kept, native codes (ph, bpt, ept, it, ut)
    dropped except their <sub> sub-flows, XLIFF 2 <cp hex> as its character."""
    if el is None:
        return ""
    if not len(el):  # no inline markup: the common case
        return el.text or ""
    parts: list[str] = []
    append = parts.append
    entity = etree.Entity

    def walk(node, skip: bool) -> None:
        if node.text and not skip:
            append(node.text)
        for child in node:
            tag = child.tag
            if isinstance(tag, str):
                local = tag.rsplit("}", 1)[-1]
                if local == "sub":
                    walk(child, False)
                elif local in _CODE_TAGS:
                    walk(child, True)
                elif local == "cp":
                    if not skip:
                        append(_codepoint(child.get("hex")))
                else:
                    walk(child, skip)
            elif tag is entity and not skip:
                append(_entity_text(child.name))
            if child.tail and not skip:
                append(child.tail)

    walk(el, False)
    return "".join(parts)


def _codepoint(hexa: str | None) -> str:
    """The character of an XLIFF 2 <cp hex>; a surrogate (D800-DFFF), which no text can encode,
    reads as U+FFFD, as a decoder reads a broken sequence."""
    try:
        c = chr(int(hexa or "", 16))
    except (ValueError, OverflowError):
        return ""
    return "\ufffd" if "\ud800" <= c <= "\udfff" else c


def _entity_text(entity_name: str) -> str:
    """An undeclared entity reference left unresolved (&nbsp; under an external DTD): the HTML
    character when there is one, else nothing."""
    from html.entities import html5

    return html5.get(f"{entity_name};", "")


def _notes(elements, etree) -> str:
    return "\n".join(t for t in ((_inline_text(n, etree) or "").strip() for n in elements) if t)


# TMX ---------------------------------------------------------------------------------------------


def _read_tmx(name: str, root, text: str, etree, opt_src: str | None, opt_tgt: str | None) -> Bilingual:
    header = root.find("header")
    srclang = (header.get("srclang") or "").strip() if header is not None else ""
    file_src = None
    if srclang and srclang.lower() != "*all*":
        file_src = _lang(name, srclang, "TMX header srclang")
    src, tgt = _direction(name, "TMX", file_src, None, opt_src, opt_tgt, default_src="fr")
    locator = _Locator(text, root, ("tu", "seg"))
    units: list[Unit] = []
    others: set[str] = set()
    seen_langs: set[str] = set()
    langs: dict[str, str | None] = {}  # xml:lang as written -> fr, en or None
    for n, tu in enumerate(root.iter("tu"), start=1):
        src_tuv = tgt_tuv = None
        notes = []
        for child in tu:
            tag = child.tag
            if tag == "tuv":
                code = child.get(_XML_LANG) or child.get("lang") or ""
                if code not in langs:
                    langs[code] = _norm_lang(code)
                lang = langs[code]
                if lang is None:
                    others.add(code.strip() or "(none)")
                    continue
                seen_langs.add(lang)
                if lang == src:
                    if src_tuv is None:
                        src_tuv = child
                elif tgt_tuv is None:
                    tgt_tuv = child
            elif tag == "note":
                notes.append(child)
        if src_tuv is None:
            continue  # nothing to check in this direction
        uid = (tu.get("tuid") or "").strip() or f"tu {n}"
        line, column = locator.start(tu)
        source = _inline_text(src_tuv.find("seg"), etree)
        if tgt_tuv is None:
            units.append(Unit(uid, source, "", line, line, column, "untranslated", _notes(notes, etree)))
            continue
        seg = None
        for child in tgt_tuv:
            if child.tag == "seg":
                seg = child
                break
            if child.tag == "note":
                notes.append(child)
        target = _inline_text(seg, etree)
        target_line, target_column = locator.after(seg) if seg is not None else (line, column)
        note = _notes(notes, etree) if notes else ""
        state = "translated" if target.strip() else "untranslated"
        units.append(Unit(uid, source, target, line, target_line, target_column, state, note))
    if others and not {src, tgt} <= seen_langs:
        found = ", ".join(sorted(others))
        raise InputError(f"{name}: tmcheck checks languages fr and en only, found {_short(found, 40)} (TMX tuv xml:lang)")
    return Bilingual(name, "tmx", src, tgt, units, text)


# XLIFF 1.2 ---------------------------------------------------------------------------------------

_XLIFF1_FUZZY_CONF = {"draft", "rejectedtranslation", "rejectedsignoff"}


def _xliff1_state(target_el, target: str) -> str:
    if target_el is None or not target.strip():
        return "untranslated"
    state = (target_el.get("state") or "").strip().lower()
    if state in ("new", "needs-translation"):
        return "untranslated"
    if state.startswith("needs-"):
        return "fuzzy"
    return "translated"


def _read_xliff1(name: str, root, ns: str, text: str, etree, opt_src: str | None, opt_tgt: str | None) -> Bilingual:
    q = f"{{{ns}}}" if ns else ""
    files = root.findall(f"{q}file")
    if not files:
        raise InputError(f"{name}: XLIFF 1.2 without any <file> element")
    direction = None
    for f in files:
        fs = (f.get("source-language") or "").strip()
        ft = (f.get("target-language") or "").strip()
        file_src = _lang(name, fs, "XLIFF source-language") if fs else None
        file_tgt = _lang(name, ft, "XLIFF target-language") if ft else None
        this = _direction(name, "XLIFF", file_src, file_tgt, opt_src, opt_tgt)
        if direction is not None and this != direction:
            raise InputError(f"{name}: the XLIFF <file> elements disagree on languages ({direction[0]}→{direction[1]} and {this[0]}→{this[1]})")
        direction = this
    src, tgt = direction  # type: ignore[misc]
    locator = _Locator(text, root, ("trans-unit", "target", "mrk"))
    units: list[Unit] = []
    sdl_seg = f"{{{_SDL_NS}}}seg"
    for n, tu in enumerate(root.iter(f"{q}trans-unit"), start=1):
        if (tu.get("translate") or "").strip().lower() == "no":
            continue
        uid = (tu.get("id") or "").strip() or f"trans-unit {n}"
        line, column = locator.start(tu)
        target_el = tu.find(f"{q}target")
        note = _notes(tu.findall(f"{q}note"), etree)
        seg_source = tu.find(f"{q}seg-source")
        src_mrks = [m for m in seg_source.iter(f"{q}mrk") if m.get("mtype") == "seg"] if seg_source is not None else []
        tgt_mrks = {}
        if target_el is not None:
            tgt_mrks = {m.get("mid"): m for m in target_el.iter(f"{q}mrk") if m.get("mtype") == "seg"}
        if src_mrks and (target_el is None or tgt_mrks):
            # Segmented trans-unit (Okapi, Trados SDLXLIFF): one unit per <mrk mtype="seg">.
            conf = {s.get("id"): (s.get("conf") or "").lower() for s in tu.iter(sdl_seg)}
            for mrk in src_mrks:
                mid = mrk.get("mid") or ""
                tmrk = tgt_mrks.get(mid)
                source = _inline_text(mrk, etree)
                target = _inline_text(tmrk, etree)
                state = _xliff1_state(target_el if tmrk is not None else None, target)
                if state == "translated" and conf.get(mid) in _XLIFF1_FUZZY_CONF:
                    state = "fuzzy"
                tl, tc = locator.after(tmrk) if tmrk is not None else (line, column)
                units.append(Unit(f"{uid}#{mid}", source, target, line, tl, tc, state, note))
            continue
        source = _inline_text(tu.find(f"{q}source"), etree)
        target = _inline_text(target_el, etree)
        state = _xliff1_state(target_el, target)
        tl, tc = locator.after(target_el) if target_el is not None else (line, column)
        units.append(Unit(uid, source, target, line, tl, tc, state, note))
    return Bilingual(name, "xliff", src, tgt, units, text)


# XLIFF 2.x ---------------------------------------------------------------------------------------


def _read_xliff2(name: str, root, ns: str, text: str, etree, opt_src: str | None, opt_tgt: str | None) -> Bilingual:
    q = f"{{{ns}}}" if ns else ""
    fs = (root.get("srcLang") or "").strip()
    ft = (root.get("trgLang") or "").strip()
    file_src = _lang(name, fs, "XLIFF srcLang") if fs else None
    file_tgt = _lang(name, ft, "XLIFF trgLang") if ft else None
    src, tgt = _direction(name, "XLIFF", file_src, file_tgt, opt_src, opt_tgt)
    locator = _Locator(text, root, ("unit", "segment", "target"))
    units: list[Unit] = []
    for n, unit in enumerate(root.iter(f"{q}unit"), start=1):
        if (unit.get("translate") or "").strip().lower() == "no":
            continue
        uid = (unit.get("id") or "").strip() or f"unit {n}"
        notes_el = unit.find(f"{q}notes")
        note = _notes(notes_el.findall(f"{q}note"), etree) if notes_el is not None else ""
        segments = unit.findall(f"{q}segment")
        for k, segment in enumerate(segments, start=1):
            line, column = locator.start(unit if len(segments) == 1 else segment)
            source = _inline_text(segment.find(f"{q}source"), etree)
            target_el = segment.find(f"{q}target")
            target = _inline_text(target_el, etree)
            state_name = (segment.get("state") or "").strip().lower()
            if target_el is None or not target.strip():
                state = "untranslated"
            elif state_name == "initial":
                state = "fuzzy"  # a target not yet confirmed by anyone (prefilled from TM or MT)
            else:
                state = "translated"
            tl, tc = locator.after(target_el) if target_el is not None else (line, column)
            sid = uid if len(segments) == 1 else f"{uid}#{k}"
            units.append(Unit(sid, source, target, line, tl, tc, state, note))
    return Bilingual(name, "xliff", src, tgt, units, text)


# --------------------------------------------------------------------------------------------------
# Character offsets of a target


def target_offsets(bilingual: Bilingual, unit: Unit, starts: list[int] | None = None) -> list[int]:
    """For each character of ``unit.target``, its offset in ``bilingual.text``.

    Exact for TSV and PO (escapes such as ``\\"`` map to their backslash, continuation lines are
    followed) and for TMX/XLIFF when the raw markup from the target's start tag reproduces the
    parsed text (entities map to their ``&``, inline codes are skipped). When it does not, the
    characters are laid out from the target's start and clamped to the end of that line.
    ``starts``: the text's line starts, when the caller has them (from_bilingual does)."""
    target = unit.target
    if not target:
        return []
    text = bilingual.text
    starts = starts or line_starts(text)
    line = max(1, min(unit.target_line, len(starts)))
    line_end = starts[line] - 1 if line < len(starts) else len(text)
    base = min(starts[line - 1] + max(unit.target_column, 1) - 1, line_end)
    offsets: list[int] | None = None
    if bilingual.format == "tsv":
        offsets = [base + i for i in range(len(target))]
    elif bilingual.format == "po":
        offsets = _po_offsets(text, base, target)
    elif bilingual.format in ("tmx", "xliff"):
        offsets = _xml_offsets(text, base, target)
    if offsets is None or len(offsets) != len(target):
        last = max(line_end - 1, base)
        offsets = [min(base + i, last) for i in range(len(target))]
    return offsets


_PO_LITERAL = _Lazy(r'[^"\\\n]*(?:\\.[^"\\\n]*)*')  # the rest of a string literal, up to its closing quote


def _po_offsets(text: str, start: int, target: str) -> list[int] | None:
    chars: list[str] = []
    offsets: list[int] = []
    n, i, want = len(text), start, len(target)
    while True:
        m = _PO_LITERAL.match(text, i)
        body = m.group()
        if "\\" not in body:
            chars.append(body)
            offsets.extend(range(i, m.end()))
        else:
            j, end = i, m.end()
            while j < end:
                c = text[j]
                if c == "\\" and j + 1 < end and text[j + 1] in _PO_ESCAPES:
                    chars.append(_PO_ESCAPES[text[j + 1]])
                    offsets.append(j)
                    j += 2
                    continue
                chars.append(c)
                offsets.append(j)
                j += 1
        i = m.end()
        if len(offsets) >= want:
            break
        # The string ended: go on with the next continuation line, if any.
        nl = text.find("\n", i)
        if nl == -1:
            break
        end = text.find("\n", nl + 1)
        following = text[nl + 1: end if end != -1 else n]
        stripped = following.lstrip()
        if not stripped.startswith('"'):
            break
        i = nl + 1 + (len(following) - len(stripped)) + 1
    return offsets if "".join(chars) == target else None


_XML_TOKEN = _Lazy(  # the lookahead lets the scan skip plain text quickly
    r"(?=[<&\r])(?:(?P<comment><!--.*?-->)|(?P<cdata><!\[CDATA\[.*?\]\]>)|(?P<pi><\?.*?\?>)|(?P<end></[^>]*>)"
    r"|(?P<start><(?P<name>[^\s/>!?]+)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>)"
    r"|(?P<ref>&(?P<ref_name>[^;\s&<]{1,40});)|(?P<cr>\r\n?))",
    re.S,
)
_PREDEFINED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _xml_offsets(text: str, start: int, target: str) -> list[int] | None:
    chars: list[str] = []
    offsets: list[int] = []
    skip_stack: list[bool] = [False]
    pos = start
    limit = len(target)

    def plain(a: int, b: int) -> None:
        if not skip_stack[-1]:
            chars.extend(text[a:b])
            offsets.extend(range(a, b))

    for m in _XML_TOKEN.finditer(text, start):
        plain(pos, m.start())
        pos = m.end()
        if m.group("end") is not None:
            skip_stack.pop()
            if not skip_stack:
                break
        elif m.group("start") is not None:
            local = m.group("name").rsplit(":", 1)[-1]
            attrs = m.group("attrs") or ""
            empty = attrs.rstrip().endswith("/")
            skip = skip_stack[-1]
            if local == "cp":
                h = re.search(r"hex\s*=\s*[\"']([0-9A-Fa-f]+)", attrs)
                if not skip and h:
                    c = _codepoint(h.group(1))
                    if c:
                        chars.append(c)
                        offsets.append(m.start())
            if not empty:
                skip_stack.append(False if local == "sub" else (True if local in _CODE_TAGS else skip))
        elif m.group("cdata") is not None:
            if not skip_stack[-1]:
                a = m.start() + 9
                b = m.end() - 3
                j = a
                while j < b:
                    c = text[j]
                    if c == "\r":
                        chars.append("\n")
                        offsets.append(j)
                        j += 2 if j + 1 < b and text[j + 1] == "\n" else 1
                        continue
                    chars.append(c)
                    offsets.append(j)
                    j += 1
        elif m.group("ref") is not None:
            if not skip_stack[-1]:
                ref = m.group("ref_name")
                if ref.startswith("#x") or ref.startswith("#X"):
                    c = _codepoint(ref[2:])
                elif ref.startswith("#"):
                    try:
                        c = chr(int(ref[1:]))
                    except (ValueError, OverflowError):
                        c = ""
                else:
                    c = _PREDEFINED.get(ref) or _entity_text(ref)
                if c:
                    chars.extend(c)
                    offsets.extend([m.start()] * len(c))
        elif m.group("cr") is not None:
            if not skip_stack[-1]:
                chars.append("\n")
                offsets.append(m.start())
        if len(chars) > limit + 1:
            return None
    return offsets if "".join(chars) == target else None
