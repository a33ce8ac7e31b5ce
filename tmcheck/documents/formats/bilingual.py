"""Bilingual files: which reader reads one (by its suffix, else by sniffing its first bytes; an XML
file by its root element), and the checks every one of them passes first (size, empty, binary,
UTF-16, UTF-8). The readers, polib and lxml are imported when a file of theirs is read."""

from __future__ import annotations

import os
import re

from ...errors import InputError
from ...i18n import _
from . import BILINGUAL_KINDS, BILINGUAL_SUFFIXES
from .languages import option_language
from .units import Bilingual, one_line

BILINGUAL_MAX_BYTES = 200 * 1024 * 1024


def read_bilingual(path, source_lang: str | None = None, target_lang: str | None = None) -> Bilingual:
    """Read a PO, TMX, XLIFF 1.2/2.x or TSV file; ``source_lang``/``target_lang`` ("fr"/"en", region
    variants allowed) choose or confirm the direction. Raise :class:`InputError` on any bad input."""
    name = os.fspath(path)
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    opt_src = option_language(name, source_lang, "--source-lang")
    opt_tgt = option_language(name, target_lang, "--target-lang")
    if opt_src and opt_tgt and opt_src == opt_tgt:
        raise InputError(_("{path}: the source and target languages must differ (both are {lang})").format(
            path=name, lang=opt_src))
    data = _read_bytes(name)
    kind = _kind(name, data)
    try:
        if kind == "xml":
            return _read_xml(name, data, opt_src, opt_tgt)
        if kind == "po":
            # a reader's module only for its own format (start-up cost)
            from .po import charset_hint, read_po

            return read_po(name, _decode_utf8(name, data, "PO", charset_hint(data)), opt_src, opt_tgt)
        # a reader's module only for its own format (start-up cost)
        from .tsv import read_tsv

        return read_tsv(name, _decode_utf8(name, data, "TSV"), opt_src, opt_tgt)
    except InputError:
        raise
    except RecursionError:
        raise InputError(_("{path}: too deeply nested to read").format(path=name)) from None
    except MemoryError:
        raise InputError(_("{path}: too large to read in memory").format(path=name)) from None
    except Exception as exc:  # a library surprise must still end as one clear line
        raise InputError(_("{path}: cannot read as a bilingual file ({reason})").format(
            path=name, reason=f"{type(exc).__name__}: {one_line(str(exc))}")) from None


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
        raise InputError(_("{path}: file too large (the limit is {limit} MB)").format(
            path=name, limit=BILINGUAL_MAX_BYTES // (1024 * 1024)))
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
            raise InputError(_("{path}: not a bilingual file (expected {suffixes})").format(
                path=name, suffixes=", ".join(sorted(BILINGUAL_SUFFIXES))))
    if kind == "xml":
        if not _is_utf16(data) and b"\x00" in data:
            raise InputError(_("{path}: binary file (NUL bytes), not XML").format(path=name))
    elif _is_utf16(data):
        raise InputError(_("{path}: is UTF-16, not UTF-8; save it as UTF-8").format(path=name))
    elif b"\x00" in data:
        raise InputError(_("{path}: binary file (NUL bytes), not a bilingual text file").format(path=name))
    return kind


def _decode_utf8(name: str, data: bytes, label: str, advice: str = "") -> str:
    if data.startswith(_UTF8_BOM):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        advice = advice or _("save the {label} file as UTF-8").format(label=label)
        raise InputError(_("{path}: is not UTF-8 (byte {byte}); {advice}").format(
            path=f"{name}:{line}", byte=f"0x{data[exc.start]:02x}", advice=advice)) from None


def _read_xml(name: str, data: bytes, opt_src: str | None, opt_tgt: str | None) -> Bilingual:
    # lxml only for an XML file (start-up cost of a plain lint)
    from lxml import etree

    from ..safe_xml import parse_safe_xml, xml_text

    root = parse_safe_xml(name, data)
    text = xml_text(name, data)
    tag = root.tag if isinstance(root.tag, str) else ""
    ns, local = (tag[1:].split("}", 1) if tag.startswith("{") else ("", tag))
    if local == "tmx":
        # a reader's module only for its own format (start-up cost)
        from .tmx import read_tmx

        return read_tmx(name, root, text, etree, opt_src, opt_tgt)
    if local == "xliff":
        # a reader's module only for its own format (start-up cost)
        from .xliff import read_xliff

        return read_xliff(name, root, ns, text, etree, opt_src, opt_tgt)
    shown = f"{{{ns}}}{local}" if ns else local
    raise InputError(_("{path}: XML but neither TMX nor XLIFF (root element <{root}>)").format(path=name, root=shown))
