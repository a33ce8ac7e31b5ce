"""Word drafts for tests, made with python-docx from the golden Markdown drafts as Word would hold
them: headings as heading styles, **bold** and <i>italic</i> as runs of their own, the annex's
tab-separated lines as the rows of a real table."""

from __future__ import annotations

import re
from pathlib import Path

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_INLINE = re.compile(r"\*\*(.+?)\*\*|<i>(.+?)</i>|<b>(.+?)</b>")


def add_runs(paragraph, text: str) -> None:
    """``text`` as runs: plain, **bold**, <i>italic</i>, <b>bold</b>."""
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos:m.start()])
        bold, italic, bold2 = m.groups()
        run = paragraph.add_run(bold or italic or bold2)
        run.bold = bool(bold or bold2) or None
        run.italic = bool(italic) or None
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def docx_from_markdown(markdown: str, path: Path, comment_on: str | None = None) -> Path:
    """Save ``markdown`` as a Word draft at ``path``. ``comment_on``: a paragraph (its start) that
    gets a reviewer's comment, as a draft coming back from an editor has."""
    import docx

    document = docx.Document()
    table = None
    for line in markdown.split("\n"):
        if not line.strip():
            continue
        if "\t" in line:
            cells = line.split("\t")
            if table is None:
                table = document.add_table(rows=0, cols=4)
            row = table.add_row()
            for cell, text in zip(row.cells, cells[-4:] if len(cells) > 4 else cells):
                cell.paragraphs[0].text = ""
                add_runs(cell.paragraphs[0], text)
            continue
        table = None
        m = _HEADING.match(line)
        if m:
            paragraph = document.add_heading("", level=len(m.group(1)))
            add_runs(paragraph, m.group(2))
        else:
            paragraph = document.add_paragraph()
            add_runs(paragraph, line)
        if comment_on and line.startswith(comment_on):
            document.add_comment(paragraph.runs, "Please check this paragraph against the 2015 report.",
                                 author="Conference Services", initials="CS")
    document.save(path)
    return path


def comments_by_anchor(path: Path) -> list[tuple[str, str, str]]:
    """(author, anchored text, comment text) of each comment of a saved .docx, in document order:
    the text between its w:commentRangeStart and w:commentRangeEnd (a table row's cells joined
    without separator)."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(path)
    texts = {c.comment_id: (c.author, c.text) for c in document.comments}
    open_ranges: dict[int, list[str]] = {}
    out: list[tuple[str, str, str]] = []
    for el in document.element.body.iter(qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:t")):
        if el.tag == qn("w:commentRangeStart"):
            open_ranges[int(el.get(qn("w:id")))] = []
        elif el.tag == qn("w:commentRangeEnd"):
            cid = int(el.get(qn("w:id")))
            author, text = texts[cid]
            out.append((author, "".join(open_ranges.pop(cid)), text))
        else:
            for parts in open_ranges.values():
                parts.append(el.text or "")
    assert not open_ranges, f"comment ranges never closed: {sorted(open_ranges)}"
    return out
