"""Word drafts (.docx): the text of the main document part, read within bounds.

A .docx is a ZIP archive, and an archive can lie about what it holds: 60 kB that inflate to three
million empty paragraphs, 2 MB that inflate to 2 GiB of zeros. So before anything is inflated, the
archive's directory is checked (members, their declared sizes, how much each inflates); the main
part is then inflated as it is parsed (never held whole), by lxml's event parser with DTDs refused
as in every XML format tmcheck reads (documents/safe_xml.py), each body paragraph or
table row handed over and freed as soon as it ends, and the paragraphs counted. The ZIP module
never yields more than a member's declared size, so the declared sizes bound what is read.

Only what the checks use is read: the text of each body paragraph (its w:t runs) and of each table
row (cells joined by tabs), whether a paragraph's style is a heading. python-docx is not needed: it
loads every part of the package into memory, whatever its size. Each paragraph then becomes one
paragraph of the draft, its markup stripped as in a text draft (documents/formats/text.py).
"""

from __future__ import annotations

import io
import zipfile
import zlib

from ...errors import InputError
from ...i18n import _
from ..model import Document, Paragraph, Suppression
from ..safe_xml import check_parsed, parse_safe_xml, refusal, xml_error
from .text import strip_line

MAX_MEMBERS = 5000  # a long report with its images has a few hundred parts
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # inflated, one member (an image, the text)
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # inflated, all members together
MAX_RATIO = 100  # inflated / compressed, for a member above RATIO_FLOOR: Word's XML inflates 5 to 20 times
RATIO_FLOOR = 1024 * 1024
MAX_PARAGRAPHS = 200_000  # a thousand pages hold about 20,000

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"
_P, _TBL, _TR, _TC, _T = (f"{{{W}}}{t}" for t in ("p", "tbl", "tr", "tc", "t"))
_BODY, _DOCUMENT = f"{{{W}}}body", f"{{{W}}}document"
_PPR, _PSTYLE, _VAL = f"{{{W}}}pPr", f"{{{W}}}pStyle", f"{{{W}}}val"
_BREAKS = str.maketrans("\r\n", "  ")  # a Word paragraph is one line of the report


def read_paragraphs(path: str, data: bytes) -> list[tuple[str, str]]:
    """(text, kind) of each body paragraph ("text" or "heading") and table row ("table-row"), in
    order. Raises InputError for anything that is not a bounded, well-formed Word document."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise InputError(_("{path}: not a valid .docx file ({reason})").format(path=path, reason=_one_line(exc))) from None
    check_archive(path, infos)
    names = {i.filename: i for i in infos}
    try:
        main = _main_part(path, archive, names)
        if main not in names:
            raise InputError(_("{path}: not a valid .docx file (no {part} in the archive)").format(path=path, part=_short(main)))
        with archive.open(names[main]) as stream:
            return _body(f"{path} ({main})", stream)
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError,
            RuntimeError, KeyError, UnicodeError, zlib.error) as exc:  # zipfile's and zlib's errors on a broken archive
        raise InputError(_("{path}: not a valid .docx file ({reason})").format(path=path, reason=_one_line(exc))) from None


def _one_line(exc) -> str:
    text = " ".join(str(exc).split())
    return type(exc).__name__ + (f": {text[:120]}" if text else "")


def check_archive(path: str, infos) -> None:
    if len(infos) > MAX_MEMBERS:
        raise InputError(_("{path}: refused: {n} parts in the archive (the limit is {limit}); not a Word draft").format(
            path=path, n=len(infos), limit=MAX_MEMBERS))
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > MAX_MEMBER_BYTES:
            raise InputError(_("{path}: refused: the part {part} inflates to {size} MB (the limit is {limit} MB)").format(
                path=path, part=_short(info.filename), size=size // (1024 * 1024), limit=MAX_MEMBER_BYTES // (1024 * 1024)))
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(_("{path}: refused: the part {part} inflates {ratio} times (the limit is {limit}): "
                               "an archive bomb?").format(path=path, part=_short(info.filename),
                                                          ratio=size // max(info.compress_size, 1), limit=MAX_RATIO))
    if total > MAX_TOTAL_BYTES:
        raise InputError(_("{path}: refused: the archive inflates to {size} MB (the limit is {limit} MB)").format(
            path=path, size=total // (1024 * 1024), limit=MAX_TOTAL_BYTES // (1024 * 1024)))


def _short(name: str) -> str:
    name = " ".join(name.split())
    return repr(name if len(name) <= 60 else name[:59] + "…")


def _main_part(path: str, archive: zipfile.ZipFile, names: dict) -> str:
    """The main document part, as the package's relationships name it (word/document.xml)."""
    rels = names.get("_rels/.rels")
    if rels is None:
        return "word/document.xml"
    if rels.file_size > RATIO_FLOOR:
        raise InputError(_("{path}: refused: _rels/.rels inflates to {size} bytes").format(path=path, size=rels.file_size))
    root = parse_safe_xml(f"{path} (_rels/.rels)", archive.read(rels))
    for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
        if (rel.get("Type") or "").endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
            return (rel.get("Target") or "word/document.xml").lstrip("/")
    return "word/document.xml"


def _body(name: str, stream) -> list[tuple[str, str]]:
    # lxml only when a .docx is read (start-up cost of a plain lint)
    from lxml import etree

    head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise InputError(refusal(name))
    events = etree.iterparse(stream, events=("start", "end"), resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
    out: list[tuple[str, str]] = []
    depth = 0
    paragraphs = 0
    root = None
    try:
        for event, el in events:
            if event == "start":
                depth += 1
                if depth == 1:
                    root = el
                    if el.tag != _DOCUMENT:
                        raise InputError(_("{path}: not a Word document: its root is <{root}>, not <w:document>").format(
                            path=name, root=_tag(el.tag)))
                continue
            depth -= 1
            if el.tag == _P:
                paragraphs += 1
                if paragraphs > MAX_PARAGRAPHS:
                    raise InputError(_("{path}: refused: more than {limit} paragraphs; not a Word draft").format(
                        path=name, limit=f"{MAX_PARAGRAPHS:,}"))
            if depth == 2 and el.getparent() is not None and el.getparent().tag == _BODY:
                if el.tag == _P:
                    out.append((_text(el), _kind(el)))
                elif el.tag == _TBL:
                    for row in el.iterchildren(_TR):
                        cells = [_text(tc).strip() for tc in row.iterchildren(_TC)]
                        out.append(("\t".join(cells), "table-row"))
                # Done with it: free it, and the body's children before it.
                el.clear()
                parent = el.getparent()
                while el.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise InputError(xml_error(name, exc)) from None
    if root is None:
        raise InputError(_("{path}: empty XML document").format(path=name))
    check_parsed(name, root)
    return out


def _tag(tag) -> str:
    tag = str(tag)
    return tag.rsplit("}", 1)[-1][:40]


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(_T)).translate(_BREAKS)


def _kind(p) -> str:
    ppr = p.find(_PPR)
    style = ppr.find(_PSTYLE) if ppr is not None else None
    value = (style.get(_VAL) or "") if style is not None else ""
    return "heading" if value.lower().startswith(("heading", "titre", "title")) else "text"


def read_docx(path: str, data: bytes) -> Document:
    """A .docx draft: each Word paragraph (body and table cells, in order) becomes one line (read
    within bounds: see read_paragraphs)."""
    texts = read_paragraphs(path, data)
    source = "\n".join(t for t, _kind in texts)
    # In a .docx, a paragraph is a paragraph: lines are never joined, whatever their length.
    paragraphs: list[Paragraph] = []
    base = 0
    suppressions: list[Suppression] = []
    for number, (text, kind) in enumerate(texts, start=1):
        line = strip_line(text, base, number, suppressions, markdown=False)
        base += len(text) + 1
        if line.blank:
            continue
        lead = len(line.chars) - len(line.chars.lstrip())
        clean = line.chars[lead:].rstrip()
        paragraphs.append(Paragraph(len(paragraphs), clean, line.offsets[lead:lead + len(clean)],
                                    kind if line.kind != "table-row" else "table-row"))
    return Document(path, source, paragraphs, "docx", suppressions)
