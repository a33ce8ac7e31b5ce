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

The readers of Word and of bilingual files (and the checks and sniffing of a bilingual file's
bytes: formats/bilingual.py), polib and lxml are imported when a file of theirs is read, never at
import time: ``tmcheck lint`` on a text draft does not pay for them.
"""

from __future__ import annotations

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
# Each bilingual suffix is parsed as this kind (other names are sniffed: see formats/bilingual.py).
BILINGUAL_KINDS = {".po": "po", ".pot": "po", ".tmx": "xml", ".xlf": "xml", ".xliff": "xml", ".sdlxliff": "xml",
                   ".tsv": "tsv"}
BILINGUAL_SUFFIXES = frozenset(BILINGUAL_KINDS)
DRAFT_MAX_BYTES = 50 * 1024 * 1024  # a UN document is rarely over 2 MB; 50 MB is a mistake, not a draft


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
        raise InputError(_("{path}: {reason}").format(path=_shown(raw), reason=exc.strerror or exc)) from None
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
    # Here, not at the top: a text draft's lint never reads a bilingual file (formats/bilingual.py).
    from .bilingual import read_bilingual as read

    return read(path, source_lang, target_lang)
