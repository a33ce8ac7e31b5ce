"""Tables as tables: the cells of a draft's table rows, each with its exact place and what it holds.

Readers give a table row as one paragraph whose cells are separated by tabs (Word's text export, a
Markdown pipe table, a .docx table). Text extracted from PDF has no tabs: an annex row is a line
such as "10 heures-13 heures 1 a) Ouverture de la réunion" whose title may wrap over several lines,
one of which may start with a capital and so stand as a paragraph of its own. Here every row
becomes cells (a date, a time, an agenda item number, a title, and whatever else a row holds, such
as a parallel meeting), and a title wrapped over several paragraphs is joined, so that a time cell
or a parallel meeting's cell is never read as part of an item's title.
"""

from __future__ import annotations

import re

from ..documents.model import Paragraph
from ..named_tuples import NamedTuple

_TIME = r"(?:\d{1,2}(?:\s?[.:h]\s?\d{2})?\s*(?:heures|h|a\.\s?m\.|p\.\s?m\.|am|pm|noon|midi)?)"
TIME_CELL = re.compile(rf"^{_TIME}\s*(?:[-–—]|to|à)\s*{_TIME}$|^\d{{1,2}}(?:\s?[.:h]\s?\d{{2}})?\s*(?:heures|h|a\.\s?m\.|p\.\s?m\.)$|^(?:midi|noon)$", re.I)
# A time range at the start of a PDF row ("15 heures-18 heures 4 Recensement...").
TIME_PREFIX = re.compile(rf"{_TIME}\s*[-–—]\s*{_TIME}\s+")
# An agenda item's label in a cell: "4", "1 a)", "1 (a)", "4 et 5", "Point 4.", "Item 4 (b)", "Items 4 and 5".
ITEM_CELL = re.compile(
    r"""^(?:(?:Points?|Items?)\s+)?
        (?P<num>\d{1,2})(?:\s*\(?(?P<sub>[a-z])\))?
        (?:\s*(?:,|et|and|-|–)\s*(?:\d{1,2}|\(?[a-z]\)))*
        \s*[.:]?$""",
    re.X,
)
# The same label at the start of a cell or a PDF row, followed by its title.
ITEM_PREFIX = re.compile(
    r"""(?:(?P<kw>Points?|Items?)\s+)?
        (?P<num>\d{1,2})(?!\d)(?:\s*\(?(?P<sub>[a-z])\))?
        (?:\s*[.:])?[\t ]+(?=[^\d\W]|[«“"'(])""",
    re.X,
)
_WEEKDAY_START = re.compile(
    r"^(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
# A date cell or the date that starts a PDF row: "Mercredi 17 octobre", "Tuesday, 6 September".
DATE_PREFIX = re.compile(
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+"
    r"(?:\d{1,2}(?:er)?\s+[^\W\d_]+\.?|[^\W\d_]+\s+\d{1,2})(?:\s+\d{4})?\s*",
    re.I,
)


class Cell(NamedTuple):
    paragraph: Paragraph
    start: int
    end: int
    kind: str  # date | time | item | title | text | empty

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start:self.end]


def cells(p: Paragraph) -> list[Cell]:
    """The cells of a tab-separated row, stripped, each classified."""
    out = []
    text = p.text
    pos = 0
    for part in text.split("\t"):
        a, b = pos, pos + len(part)
        pos = b + 1
        while a < b and text[a] in " \u00a0":
            a += 1
        while b > a and text[b - 1] in " \u00a0":
            b -= 1
        out.append(Cell(p, a, b, classify(text[a:b])))
    return out


def classify(cell: str) -> str:
    if not cell.strip():
        return "empty"
    if TIME_CELL.match(cell):
        return "time"
    if ITEM_CELL.match(cell):
        return "item"
    if DATE_PREFIX.fullmatch(cell) or (_WEEKDAY_START.match(cell) and len(cell) < 40 and any(c.isdigit() for c in cell)):
        return "date"
    return "title" if ITEM_PREFIX.match(cell) else "text"


class Row(NamedTuple):
    """A row of the organization of work read as cells: where its item label and title stand."""

    paragraph: Paragraph
    items: tuple[tuple[int, str | None], ...]  # (number, letter) of the items the row takes up
    label: tuple[int, int]  # the label's span ("1 a)", "Point 4.")
    title: tuple[int, int] | None  # the title's span in this paragraph
    kind: str  # cell (a tab row) | line (a PDF row)
    after_time: bool  # a time cell or a time stands before the label


def tab_rows(p: Paragraph) -> list[Row]:
    """Every item a tab row names, with its title cell: "Point 5. Titre" in one cell, or a label
    cell followed by the title's cell; cells after it (a parallel meeting) are not the title."""
    row = cells(p)
    out = []
    seen_time = False
    for i, c in enumerate(row):
        if c.kind == "time":
            seen_time = True
        if c.kind == "item":
            m = ITEM_CELL.match(c.text)
            nxt = next((d for d in row[i + 1:] if d.kind != "empty"), None)
            title = (nxt.start, nxt.end) if nxt is not None and nxt.kind in ("text", "title") else None
            out.append(Row(p, ((int(m.group("num")), m.group("sub")),), (c.start, c.end), title, "cell", seen_time))
        elif c.kind == "title":
            m = ITEM_PREFIX.match(c.text)
            if not m.group("kw") and i == 0 and len(row) == 1:
                continue
            out.append(Row(p, ((int(m.group("num")), m.group("sub")),), (c.start, c.start + m.end()),
                           (c.start + m.end(), c.end), "cell", seen_time))
    return out


def line_row(p: Paragraph, start: int = 0, end: int | None = None) -> Row | None:
    """A row of an annex as extracted from PDF, in ``p.text[start:end]`` (one line): an optional
    date, an optional time range, an item label, a title ("Jeudi 18 octobre 10 heures-13 heures 6
    Examen des recommandations...")."""
    text = p.text[:len(p.text) if end is None else end]
    pos = start
    d = DATE_PREFIX.match(text, pos)
    if d:
        pos = d.end()
    t = TIME_PREFIX.match(text, pos)
    if t:
        pos = t.end()
    m = ITEM_PREFIX.match(text, pos)
    if not m or (m.group("kw") is None and "." in text[pos:m.end()] and not t):
        return None  # "2. Titre" is a numbered heading, not a row
    return Row(p, ((int(m.group("num")), m.group("sub")),), (pos, m.end()), (m.end(), len(text)), "line", bool(t))


def only_date_or_time(text: str) -> bool:
    """A line of an annex that holds a date or a time and nothing else ("Mercredi 17 octobre")."""
    s = text.strip()
    d = DATE_PREFIX.match(s)
    rest = s[d.end():] if d else s
    return bool(d) and not rest.strip() or bool(TIME_CELL.match(rest.strip())) or bool(d and TIME_CELL.match(rest.strip()))


def starts_row(text: str) -> bool:
    """Does a line of a PDF annex start a row (a date, a time, or an item label)?"""
    return bool(DATE_PREFIX.match(text) or TIME_PREFIX.match(text) or ITEM_PREFIX.match(text)
                or _WEEKDAY_START.match(text))
