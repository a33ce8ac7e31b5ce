"""Readers by format, and the one place that picks the reader of a file.

Drafts: plain text and Markdown (text.py), text extracted from PDF (read as plain text whose wrapped
lines pdf.py joins), Word (docx.py). Bilingual files: PO (po.py), TMX 1.4 (tmx.py), XLIFF 1.2 and
2.x (xliff.py) and TSV (tsv.py), each read into one model (units.py). A draft's reader is chosen by
its suffix; a bilingual file's by its suffix, else by sniffing its first bytes, and an XML file's
by its root element.

Every reader returns text whose every character knows its offset in the file, so that findings
point into it. Only French and English are read. Every bad input (missing, empty, binary, not
UTF-8, malformed, hostile XML: see documents/safe_xml.py, of another language) raises
:class:`InputError` with one line that starts with the path.

The readers of Word and of bilingual files, and polib and lxml, are imported when a file of theirs
is read, never at import time: ``tmcheck lint`` on a text draft does not pay for them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import InputError
from ...i18n import _
from ..model import Document
from .text import decode, read_text

if TYPE_CHECKING:
    from .units import Bilingual

__all__ = ["BILINGUAL_KINDS", "BILINGUAL_SUFFIXES", "DRAFT_SUFFIXES", "collect_drafts", "decode", "read_bilingual",
           "read_document", "read_text"]

DRAFT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".docx"}
# Each bilingual suffix is parsed as this kind (other names are sniffed: see _kind).
BILINGUAL_KINDS = {".po": "po", ".pot": "po", ".tmx": "xml", ".xlf": "xml", ".xliff": "xml", ".sdlxliff": "xml",
                   ".tsv": "tsv"}
BILINGUAL_SUFFIXES = frozenset(BILINGUAL_KINDS)
DRAFT_MAX_BYTES = 50 * 1024 * 1024  # a UN document is rarely over 2 MB; 50 MB is a mistake, not a draft
BILINGUAL_MAX_BYTES = 200 * 1024 * 1024


# --------------------------------------------------------------------------------------------------
# Drafts


def read_document(path: str | Path) -> Document:
    """Read a draft; raise :class:`InputError` with a one-line reason when it cannot be read."""
    p = Path(path)
    try:
        if not p.exists():
            raise InputError(_("{path}: no such file or folder").format(path=p))
        if p.is_dir():
            raise InputError(_("{path}: is a folder").format(path=p))
        size = p.stat().st_size
        if size > DRAFT_MAX_BYTES:
            raise InputError(_("{path}: file too large ({size} MB; the limit is {limit} MB)").format(
                path=p, size=size // (1024 * 1024), limit=DRAFT_MAX_BYTES // (1024 * 1024)))
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(_("{path}: cannot read ({reason})").format(path=p, reason=exc.strerror or exc)) from None
    if p.suffix.lower() == ".docx":
        from .docx import read_docx  # here, not at the top: zipfile and lxml are for .docx drafts only

        return read_docx(str(path), data)
    text, notices = decode(data, str(path))
    fmt = "md" if p.suffix.lower() in {".md", ".markdown"} else "txt"
    return read_text(str(path), text, fmt, notices)


def _shown(name: str, limit: int = 120) -> str:
    name = " ".join(str(name).split())
    return name if len(name) <= limit else name[:limit // 2] + "…" + name[-limit // 2:]


def collect_drafts(paths: list[str], failures=None) -> list[Path]:
    """Expand folders into the drafts and bilingual files they hold; a folder with none is an error.

    ``failures(path, message)``, when given and several paths are given, is told of each path that
    cannot be used (missing, refused by the system, a folder without drafts) and the others are
    still collected; otherwise such a path is an InputError."""
    suffixes = DRAFT_SUFFIXES | BILINGUAL_SUFFIXES
    found: list[Path] = []
    for raw in paths:
        try:
            found.extend(_drafts_of(raw, suffixes))
        except InputError as exc:
            if failures is None or len(paths) == 1:
                raise
            failures(str(raw), str(exc))
    return found


def _drafts_of(raw: str, suffixes: set[str]) -> list[Path]:
    p = Path(raw)
    try:
        exists, folder = p.exists(), p.is_dir()
    except OSError as exc:  # a name too long for the system
        raise InputError(f"{_shown(raw)}: {exc.strerror or exc}") from None
    if not exists:
        raise InputError(_("{path}: no such file or folder").format(path=_shown(raw)))
    if not folder:
        return [p]
    drafts = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes
                    and not any(part.startswith(".") for part in f.relative_to(p).parts))
    if not drafts:
        raise InputError(_("{path}: no drafts in this folder (looked for {suffixes})").format(
            path=raw, suffixes=", ".join(sorted(suffixes))))
    return drafts


# --------------------------------------------------------------------------------------------------
# Bilingual files


def read_bilingual(path, source_lang: str | None = None, target_lang: str | None = None) -> Bilingual:
    """Read a PO, TMX, XLIFF 1.2/2.x or TSV file; ``source_lang``/``target_lang`` ("fr"/"en", region
    variants allowed) choose or confirm the direction. Raise :class:`InputError` on any bad input."""
    # Here, not at the top: a text draft's lint never reads a bilingual file.
    from .languages import option_language
    from .units import one_line

    name = os.fspath(path)
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    opt_src = option_language(name, source_lang, "--source-lang")
    opt_tgt = option_language(name, target_lang, "--target-lang")
    if opt_src and opt_tgt and opt_src == opt_tgt:
        raise InputError(f"{name}: the source and target languages must differ (both are {opt_src})")
    data = _read_bytes(name)
    kind = _kind(name, data)
    try:
        if kind == "xml":
            return _read_xml(name, data, opt_src, opt_tgt)
        if kind == "po":
            from .po import charset_hint, read_po

            return read_po(name, _decode_utf8(name, data, "PO", charset_hint(data)), opt_src, opt_tgt)
        from .tsv import read_tsv

        return read_tsv(name, _decode_utf8(name, data, "TSV"), opt_src, opt_tgt)
    except InputError:
        raise
    except RecursionError:
        raise InputError(f"{name}: too deeply nested to read") from None
    except MemoryError:
        raise InputError(f"{name}: too large to read in memory") from None
    except Exception as exc:  # a library surprise must still end as one clear line
        raise InputError(f"{name}: cannot read as a bilingual file ({type(exc).__name__}: {one_line(str(exc))})") from None


_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _read_bytes(name: str) -> bytes:
    if not os.path.exists(name):
        raise InputError(_("{path}: no such file or folder").format(path=name))
    if os.path.isdir(name):
        raise InputError(_("{path}: is a folder, not a bilingual file").format(path=name))
    try:
        size = os.path.getsize(name)
        if size > BILINGUAL_MAX_BYTES:
            raise InputError(_("{path}: file too large ({size} MB; the limit is {limit} MB)").format(
                path=name, size=size // (1024 * 1024), limit=BILINGUAL_MAX_BYTES // (1024 * 1024)))
        with open(name, "rb") as handle:
            data = handle.read(BILINGUAL_MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(_("{path}: cannot read ({reason})").format(path=name, reason=exc.strerror or exc)) from None
    if len(data) > BILINGUAL_MAX_BYTES:
        raise InputError(f"{name}: file too large (the limit is {BILINGUAL_MAX_BYTES // (1024 * 1024)} MB)")
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


def _read_xml(name: str, data: bytes, opt_src: str | None, opt_tgt: str | None) -> Bilingual:
    from lxml import etree

    from ..safe_xml import parse_safe_xml, xml_text

    root = parse_safe_xml(name, data)
    text = xml_text(name, data)
    tag = root.tag if isinstance(root.tag, str) else ""
    ns, local = (tag[1:].split("}", 1) if tag.startswith("{") else ("", tag))
    if local == "tmx":
        from .tmx import read_tmx

        return read_tmx(name, root, text, etree, opt_src, opt_tgt)
    if local == "xliff":
        from .xliff import read_xliff

        return read_xliff(name, root, ns, text, etree, opt_src, opt_tgt)
    shown = f"{{{ns}}}{local}" if ns else local
    raise InputError(f"{name}: XML but neither TMX nor XLIFF (root element <{shown}>)")
