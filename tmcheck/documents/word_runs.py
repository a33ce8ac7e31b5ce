"""The runs behind a Word draft's lines: where each character of a report line stands in the
document's XML, so that a finding's line and columns lead back to the exact ``w:t`` text it flags.

documents/formats/docx.py reads a .docx as lines: each body paragraph one line, each table row one line
(its cells' text stripped and joined by tabs), a paragraph's text being its ``w:t`` texts end to
end. :func:`body_lines` walks a loaded ``w:body`` the same way, and :func:`pieces` says, for one
line, which characters of which ``w:t`` make which columns. :func:`isolate` splits runs (their
formatting copied) so that a span of a line is made of whole runs: what a Word comment is anchored
on, and what a fix rewrites without touching the formatting around it.

Works on lxml elements (python-docx's loaded tree or any other); imports nothing heavy itself.
"""

from __future__ import annotations

import copy

from ..named_tuples import NamedTuple
from .formats.docx import W

_P, _TBL, _TR, _TC, _T, _R, _RPR = (f"{{{W}}}{t}" for t in ("p", "tbl", "tr", "tc", "t", "r", "rPr"))
_BODY, _TXBX = f"{{{W}}}body", f"{{{W}}}txbxContent"
# The copy of a text box that Word shows only when it cannot show the other one: text there is
# read (as documents/formats/docx.py reads it) but never anchored on nor rewritten.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_BREAKS = str.maketrans("\r\n", "  ")  # as documents/formats/docx.py reads them


class Piece(NamedTuple):
    """Columns [column, column + length) of a line are ``t.text[start:start + length]``."""

    t: object  # the w:t element
    start: int
    column: int  # 0-based
    length: int


class Line(NamedTuple):
    element: object  # the w:p of a paragraph, the w:tr of a table row
    kind: str  # "paragraph" | "table-row"


def body_lines(body) -> list[Line]:
    """The lines of a ``w:body``, in the order and number documents/formats/docx.py reads them."""
    lines: list[Line] = []
    for child in body.iterchildren(_P, _TBL):
        if child.tag == _P:
            lines.append(Line(child, "paragraph"))
        else:
            lines.extend(Line(row, "table-row") for row in child.iterchildren(_TR))
    return lines


def pieces(line: Line) -> tuple[str, list[Piece]]:
    """The line's text (as the reader makes it) and the pieces of ``w:t`` text it is made of."""
    if line.kind == "paragraph":
        return _pieces_of(line.element, 0, strip=False)
    texts: list[str] = []
    out: list[Piece] = []
    column = 0
    for n, cell in enumerate(line.element.iterchildren(_TC)):
        if n:
            texts.append("\t")
            column += 1
        text, found = _pieces_of(cell, column, strip=True)
        texts.append(text)
        out.extend(found)
        column += len(text)
    return "".join(texts), out


def _pieces_of(element, column: int, strip: bool) -> tuple[str, list[Piece]]:
    raw: list[tuple[object, str]] = [(t, t.text or "") for t in element.iter(_T)]
    text = "".join(s for _, s in raw).translate(_BREAKS)
    lead, end = 0, len(text)
    if strip:
        kept = text.strip()
        lead = len(text) - len(text.lstrip()) if kept else 0
        end = lead + len(kept)
        text = kept
    out: list[Piece] = []
    pos = 0
    for t, s in raw:
        a, b = max(pos, lead), min(pos + len(s), end)
        if a < b:
            out.append(Piece(t, a - pos, column + a - lead, b - a))
        pos += len(s)
    return text, out


def text_of(line: Line, start: int, end: int) -> str:
    """Columns [start, end) of the line, as its ``w:t`` hold them."""
    return pieces(line)[0][start:end]


class Unanchored(Exception):
    """The span cannot be made of whole runs of one story (it falls outside the text, or runs
    from the body into a text box)."""


def isolate(line: Line, start: int, end: int) -> list:
    """Split runs so that columns [start, end) of ``line`` are exactly the text of whole runs
    (the other children of those runs, a tab or a break, go with the text they follow); return
    those runs (``w:r`` elements), in order. Each split run keeps a copy of its ``w:rPr``."""
    if not 0 <= start < end:
        raise Unanchored("empty span")
    _split_at(line, end)
    _split_at(line, start)
    runs: list = []
    for piece in pieces(line)[1]:
        if piece.column + piece.length <= start or piece.column >= end:
            continue
        run = piece.t.getparent()
        if run is None or run.tag != _R:
            raise Unanchored("text outside a run")
        if not runs or runs[-1] is not run:
            runs.append(run)
    if not runs:
        raise Unanchored("no text there")
    if _story(runs[0]) is not _story(runs[-1]):
        raise Unanchored("the span leaves its story")
    return runs


def _split_at(line: Line, column: int) -> None:
    """Make ``column`` a run boundary: the run holding the character at ``column`` is split
    before it (nothing is done at a line's ends or where a run already starts)."""
    found = pieces(line)[1]
    for piece in found:
        if piece.column <= column < piece.column + piece.length:
            split_run(piece.t, piece.start + column - piece.column)
            return


def split_run(t, k: int):
    """Split the run holding ``t`` before character ``k`` of ``t``'s text; return the run that
    now starts there (the same run when nothing precedes that character in it)."""
    run = t.getparent()
    if run is None or run.tag != _R:
        return run
    content = [c for c in run if c.tag != _RPR]
    index = content.index(t)
    if k == 0 and index == 0:
        return run
    after = copy.deepcopy(run)  # same attributes and formatting; its content is set below
    for child in list(after):
        if child.tag != _RPR:
            after.remove(child)
    moved = content[index + 1:]
    if k > 0:
        text = t.text or ""
        head = copy.deepcopy(t)
        head.text = text[k:]
        _preserve(head)
        t.text = text[:k]
        _preserve(t)
        moved.insert(0, head)
    else:
        moved.insert(0, t)
    for child in moved:
        after.append(child)  # lxml moves the element (its tail goes with it)
    run.addnext(after)
    return after


def _preserve(t) -> None:
    """Word drops a ``w:t``'s leading and trailing spaces unless told to keep them."""
    t.set(_XML_SPACE, "preserve")


def _story(run):
    """The body or the text box the run belongs to (a comment cannot start in one, end in the
    other); Unanchored in a text box's fallback copy."""
    node = run.getparent()
    while node is not None and node.tag not in (_BODY, _TXBX):
        node = node.getparent()
    fallback = next(run.iterancestors(_FALLBACK), None)
    if node is None or fallback is not None:
        raise Unanchored("text in a fallback copy")
    return node


def replace(line: Line, start: int, end: int, replacement: str) -> None:
    """Write ``replacement`` over columns [start, end) of the line, inside the runs that hold them:
    the characters it shares with the old text at either end stay where they are (with their
    formatting); what differs takes the formatting of the first character it replaces (or, for a
    pure insertion, of the character before it)."""
    old = text_of(line, start, end)
    if len(old) != end - start:
        raise Unanchored("the span falls outside the text")
    prefix = 0
    while prefix < min(len(old), len(replacement)) and old[prefix] == replacement[prefix]:
        prefix += 1
    suffix = 0
    while (suffix < min(len(old), len(replacement)) - prefix
           and old[len(old) - 1 - suffix] == replacement[len(replacement) - 1 - suffix]):
        suffix += 1
    a, b = start + prefix, end - suffix
    new = replacement[prefix:len(replacement) - suffix]
    found = pieces(line)[1]
    # lxml makes a new proxy for an element whenever none is alive: the stories are compared as
    # objects kept alive together, never by id() (a proxy dropped at once can come back at another
    # address, and the span was then refused at random: "the text ... is no longer 'UNDOC'").
    stories = [_story(p.t) for p in found if p.column < end and p.column + p.length > start]
    if any(story is not stories[0] for story in stories[1:]):
        raise Unanchored("the span leaves its story")
    if a == b:  # an insertion: into the character before it, or the one after at a line's start
        for piece in found:
            if a > 0 and piece.column < a <= piece.column + piece.length:
                _write(piece.t, piece.start + a - piece.column, piece.start + a - piece.column, new)
                return
            if a == 0 and piece.column == 0:
                _write(piece.t, piece.start, piece.start, new)
                return
        raise Unanchored("no text there")
    first = True
    for piece in found:
        lo, hi = max(a, piece.column), min(b, piece.column + piece.length)
        if lo >= hi:
            continue
        i, j = piece.start + lo - piece.column, piece.start + hi - piece.column
        _write(piece.t, i, j, new if first else "")
        first = False
    _drop_empty(found)


def _write(t, i: int, j: int, text: str) -> None:
    old = t.text or ""
    t.text = old[:i] + text + old[j:]
    _preserve(t)


def _drop_empty(found: list[Piece]) -> None:
    """``w:t`` left empty by a replacement go, and runs left with nothing but their formatting."""
    for piece in found:
        t = piece.t
        if t.text or t.getparent() is None:
            continue
        run = t.getparent()
        run.remove(t)
        if run.tag == _R and all(c.tag == _RPR for c in run) and run.getparent() is not None:
            run.getparent().remove(run)
