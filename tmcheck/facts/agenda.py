"""Agenda items: the agenda list, and every later place that repeats an item's title (an
annotation heading, a row of the organization of work, a PDF annex row wrapped over several lines)
or refers to an item by its number ("au titre du point 4", "under item 4")."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..documents.model import Document, Paragraph
from ..documents.segment import parse_label, sentences
from .tables import DATE_PREFIX, TIME_PREFIX, line_row, only_date_or_time, tab_rows

Key = tuple[int, "str | None"]  # (item number, sub-item letter)

_REFERENCE = {
    "fr": re.compile(r"\b(?:au titre du|du|au|le|ce|les) points? (\d{1,2})(?: ([a-z])\))?(?: de l'ordre du jour)?", re.I),
    "en": re.compile(r"\b(?:under|of|in|on|to) (?:agenda )?items? (\d{1,2})(?: \(([a-z])\))?", re.I),
}


class Piece(NamedTuple):
    paragraph: Paragraph
    start: int
    end: int


class ItemMention(NamedTuple):
    key: Key
    place: str  # agenda | heading | programme | reference
    label: Piece  # where its number stands
    title: tuple[Piece, ...]  # its title, on one paragraph or several (a wrapped PDF cell); () for a reference
    after_time: bool = False  # a programme row whose time cell stands before the item

    @property
    def label_text(self) -> str:
        n, letter = self.key
        return f"{n}{' ' + letter + ')' if letter else ''}"

    def title_text(self) -> str:
        return " ".join(p.paragraph.text[p.start:p.end] for p in self.title)


# "Point 3 (suite)", "Item 4 (continued)": the same item taken up again, its title unchanged.
_CONTINUED = re.compile(r"\s*\((?:suite|continued|cont'd|fin|concluded)\)\s*[.;]?\s*$", re.I)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    m = _CONTINUED.search(text, start, end)
    if m:
        end = m.start()
    while end > start and text[end - 1] in " .;:,\t":
        end -= 1
    while start < end and text[start] in " \t":
        start += 1
    return start, end


def agenda_list(paragraphs: list[Paragraph]) -> tuple[list[ItemMention], int]:
    """The first run of items numbered 1, 2, 3... (with lettered sub-items) and the index of the
    paragraph after it."""
    items: dict[Key, ItemMention] = {}
    expected = 1
    current = None
    end_index = 0
    for p in paragraphs:
        label = parse_label(p.text)
        # Numbered prose is not an agenda item's title (sentences are counted only for a label
        # that would be taken: any other one is passed over either way).
        if label and ((label.number == expected and not label.keyword)
                      or (label.letter and label.number is None and current is not None)):
            if len(sentences(p.text[label.end:])) > 2:
                label = None
        if label and label.number == expected and not label.keyword:
            current = expected
            expected += 1
            key = (current, label.letter)
        elif label and label.letter and label.number is None and current is not None:
            key = (current, label.letter)
        elif items:
            if len([k for k in items if k[1] is None]) >= 2:
                break
            items, expected, current = {}, 1, None  # a lone "1." was not the agenda
            continue
        else:
            continue
        s, e = _strip(p.text, label.end, len(p.text))
        items[key] = ItemMention(key, "agenda", Piece(p, 0, label.end), (Piece(p, s, e),))
        end_index = p.index + 1
    if len([k for k in items if k[1] is None]) < 2:
        return [], 0
    return list(items.values()), end_index


def read_items(document: Document, lang: str) -> list[ItemMention]:
    """The agenda, then every repetition of an item's title and every reference to an item."""
    paragraphs = document.paragraphs
    agenda, after = agenda_list(paragraphs)
    if not agenda:
        return []
    keys = {m.key for m in agenda}
    out = list(agenda)
    current = None
    last_row: int | None = None  # index in out of the PDF row a next paragraph may continue
    for p in paragraphs[after:]:
        if "\t" in p.text:
            last_row = None
            for row in tab_rows(p):
                key = _known(row.items[0], keys)
                if key and row.title:
                    s, e = _strip(p.text, *row.title)
                    if e > s:
                        out.append(ItemMention(key, "programme", Piece(p, *row.label), (Piece(p, s, e),), row.after_time))
            continue
        label = parse_label(p.text)
        row = None if label and label.number is not None and "." in p.text[:label.end] else line_row(p)
        if row is None and last_row is not None and _continues(document, out[last_row], p):
            last_row = _extend(out, last_row, p)
            continue
        last_row = None
        if row is not None and _known(row.items[0], keys):
            last_row = _rows_of(document, p, keys, out)
            continue
        if label and label.number is not None:
            current = label.number
            key = (label.number, label.letter)
        elif label and label.letter and current is not None and label.number is None:
            key = (current, label.letter)
        else:
            out.extend(_references(p, lang, keys))
            continue
        if key in keys:
            s, e = _strip(p.text, label.end, len(p.text))
            if e > s:
                out.append(ItemMention(key, "heading", Piece(p, 0, label.end), (Piece(p, s, e),)))
    return out


def _known(key: Key, keys: set[Key]) -> Key | None:
    return key if key in keys else None


def _references(p: Paragraph, lang: str, keys: set[Key]) -> list[ItemMention]:
    out = []
    if "oint" in p.text or "tem" in p.text:
        for m in _REFERENCE[lang].finditer(p.text):
            key = (int(m.group(1)), m.group(2))
            if key in keys:
                out.append(ItemMention(key, "reference", Piece(p, m.start(1), m.end()), ()))
    return out


def _line_breaks(document: Document, p: Paragraph) -> list[int]:
    """Where the original lines of a paragraph start in its clean text (a PDF cell's lines)."""
    src = document.source
    offs = p.offsets
    starts = [0]
    for i in range(1, len(p.text)):
        if p.text[i - 1] == " " and src[offs[i - 1]:offs[i - 1] + 1] == "\n":
            starts.append(i)
        elif offs[i] - offs[i - 1] > 1 and "\n" in src[offs[i - 1]:offs[i]]:
            starts.append(i)
    return starts


def _rows_of(document: Document, p: Paragraph, keys: set[Key], out: list[ItemMention]) -> int | None:
    """The rows of a PDF annex paragraph: the reader joins the lines of a wrapped cell, and at times
    the next row with them; each line that starts a row starts one, the others continue a title."""
    starts = _line_breaks(document, p) + [len(p.text)]
    last: int | None = None
    for a, b in zip(starts, starts[1:]):
        row = line_row(p, a, b)
        if row is not None and _known(row.items[0], keys) and (last is None or _plausible_next(row, out[last])):
            s, e = _strip(p.text, *row.title)
            out.append(ItemMention(row.items[0], "programme", Piece(p, *row.label), (Piece(p, s, e),), row.after_time))
            last = len(out) - 1
        elif DATE_PREFIX.match(p.text, a) or TIME_PREFIX.match(p.text, a) or only_date_or_time(p.text[a:b]):
            last = None
        elif last is not None:
            last = _extend(out, last, p, a, b)
    return last


def _plausible_next(row, last: ItemMention) -> bool:
    """A line inside a wrapped title that happens to start with a number ("19 et 20 octobre 2010")
    is no new row unless a time stands before it or its number follows on."""
    return row.after_time or row.items[0][0] >= last.key[0]


def _extend(out: list[ItemMention], k: int, p: Paragraph, a: int = 0, b: int | None = None) -> int:
    s, e = _strip(p.text, a, len(p.text) if b is None else b)
    if e > s:
        row = out[k]
        out[k] = row._replace(title=row.title[:-1] + _joined(row.title[-1], Piece(p, s, e)))
    return k


def _joined(last: Piece, nxt: Piece) -> tuple[Piece, ...]:
    if last.paragraph is nxt.paragraph:
        return (Piece(last.paragraph, last.start, nxt.end),)
    return (last, nxt)


def _continues(document: Document, row: ItemMention, p: Paragraph) -> bool:
    """A paragraph that is the wrapped end of the row before it: the next line of the file (no
    blank line between), short as a cell is, not a row or a heading of its own."""
    last = row.title[-1]
    if last.paragraph.index + 1 != p.index or not p.offsets or not last.paragraph.offsets:
        return False
    between = document.source[last.paragraph.offsets[-1] + 1:p.offsets[0]]
    if between.count("\n") != 1 or between.strip():
        return False
    return len(p.text) <= 120 and not only_date_or_time(p.text) and not parse_label(p.text)
