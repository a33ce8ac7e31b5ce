"""Agenda items: the agenda list, and every later place that repeats an item's title (an
annotation heading, a row of the organization of work, a PDF annex row wrapped over several lines)
or refers to an item by its number ("au titre du point 4", "under item 4")."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..documents.folding import fold_text
from ..documents.model import Document, Paragraph
from ..glossary.index import TITLE_STOPWORDS
from ..lang.text import COMPARABLE_WORD, PerLanguage
from ..documents.segment import parse_label, sentences
from ..named_tuples import NamedTuple
from .wording import plain_words
from .tables import DATE_PREFIX, TIME_PREFIX, line_row, only_date_or_time, tab_rows

Key = tuple[int, "str | None"]  # (item number, sub-item letter)

_REFERENCE = PerLanguage(
    re.I,
    fr=r"\b(?:au titre du|du|au|le|ce|les) points? (\d{1,2})(?: ([a-z])\))?(?: de l'ordre du jour)?",
    en=r"\b(?:under|of|in|on|to) (?:agenda )?items? (\d{1,2})(?: \(([a-z])\))?",
)


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


# The operative paragraphs of a resolution or decision are numbered like an agenda ("1. Decides to
# ...;", "2. Prie le Secrétariat ...") but are clauses: they begin with the verb of the body that
# acts (optionally after an adverb) or end with a semicolon, and an item's title does neither.
# Words in sets, not one pattern: a case-insensitive alternation of this size costs ~10 ms to compile.
_OPERATIVE_VERBS = frozenset(
    "decides requests invites urges calls encourages welcomes notes takes recommends reaffirms recognizes "
    "recognises emphasizes stresses expresses acknowledges endorses approves adopts authorizes appeals commends "
    "condemns considers declares deplores designates affirms agrees appreciates confirms reiterates reminds "
    "underlines supports resolves accepts "
    "décide prie invite engage demande encourage félicite prend recommande réaffirme reconnaît souligne exprime "
    "approuve adopte autorise lance condamne considère déclare déplore désigne affirme convient confirme réitère "
    "rappelle appuie accepte salue exhorte insiste note estime".split())
# French operative verbs used reflexively ("Se félicite de", "S'inquiète de").
_REFLEXIVE_VERBS = frozenset("félicite déclare dit inquiète réjouit préoccupe alarme".split())
_ADVERBS = frozenset("also further again once strongly firmly".split())
_FIRST_WORDS = re.compile(r"[^\W\d_]+")


def _clause(title: str) -> bool:
    """Is a numbered paragraph an operative clause rather than an item's title?"""
    title = title.strip().strip("*_ ")
    if title.endswith(";"):
        return True
    words = [w.lower() for w in _FIRST_WORDS.findall(title[:60])[:4]]
    while words and words[0] in _ADVERBS:
        words.pop(0)
    if words[:1] in (["se"], ["s"]) and words[1:2] and words[1] in _REFLEXIVE_VERBS:
        return True  # "Se félicite", "Se déclare", "S'inquiète"
    return bool(words) and words[0] in _OPERATIVE_VERBS


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
            if len(sentences(p.text[label.end:])) > 2 or (label.letter is None and _clause(p.text[label.end:])):
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


def read_items(document: Document, lang: str, fits=None) -> list[ItemMention]:
    """The agenda, then every repetition of an item's title and every reference to an item.
    ``fits(mention, agenda)``, when given, says whether a PDF row's title says all of the agenda's
    title ("whole"), its beginning ("prefix") or other words ("other"): a line that turns the
    whole or a beginning into other words is the next column's (a parallel meeting)."""
    paragraphs = document.paragraphs
    agenda, after = agenda_list(paragraphs)
    if not agenda:
        return []
    keys = {m.key for m in agenda}
    out = list(agenda)
    rows = _PdfRows(document, {m.key: m for m in agenda}, out, fits)
    current = None
    for p in paragraphs[after:]:
        if "\t" in p.text:
            rows.close()
            for row in tab_rows(p):
                key = _known(row.items[0], keys)
                if key and row.title:
                    s, e = _strip(p.text, *row.title)
                    if e > s:
                        out.append(ItemMention(key, "programme", Piece(p, *row.label), (Piece(p, s, e),), row.after_time))
            continue
        label = parse_label(p.text)
        row = None if label and label.number is not None and "." in p.text[:label.end] else line_row(p)
        if row is None and rows.continued_by(p):
            rows.extend(p, 0, len(p.text))
            continue
        rows.close()
        if row is not None and _known(row.items[0], keys):
            rows.read(p)
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
    offs = p.offsets
    if not offs:
        return [0]
    src = document.source
    starts = [0]
    nl = src.find("\n", offs[0], offs[-1])
    while nl != -1:
        i = bisect_left(offs, nl + 1)  # the first character of the paragraph after the break
        if 0 < i < len(offs) and starts[-1] != i:
            starts.append(i)
        nl = src.find("\n", nl + 1, offs[-1])
    return starts


# "Débat général (suite) Examen des projets de résolution": in a PDF row, a cell ends with the mark
# of an item taken up again; what follows is another column.
_CONTINUED_INSIDE = re.compile(r"\((?:suite|continued|cont'd)\)", re.I)


class _PdfRows:
    """The rows of a PDF annex as they are read, line by line: the reader joins the lines of a
    wrapped cell (and at times the next row with them) or leaves a line that starts with a capital
    as a paragraph of its own. Each line that starts a row starts one; the others continue the
    open row's title until it says all of the agenda's title or the row ends."""

    def __init__(self, document: Document, agenda: dict[Key, ItemMention], out: list[ItemMention], fits):
        self.document = document
        self.agenda = agenda
        self.out = out
        self.fits = fits
        self.open: int | None = None  # index in out of the row whose title may go on

    def close(self) -> None:
        self.open = None

    def read(self, p: Paragraph) -> None:
        starts = _line_breaks(self.document, p) + [len(p.text)]
        for a, b in zip(starts, starts[1:]):
            row = line_row(p, a, b)
            last = self.out[self.open] if self.open is not None else None
            if row is not None and row.items[0] in self.agenda and (last is None or _plausible_next(row, last)):
                s, e = _strip(p.text, *row.title)
                self.out.append(ItemMention(row.items[0], "programme", Piece(p, *row.label), (Piece(p, s, e),),
                                            row.after_time))
                self.open = len(self.out) - 1
                self._settle(p, s, e)
            elif DATE_PREFIX.match(p.text, a) or TIME_PREFIX.match(p.text, a) or only_date_or_time(p.text[a:b]):
                self.close()
            else:
                self.extend(p, a, b)

    def continued_by(self, p: Paragraph) -> bool:
        return self.open is not None and _continues(self.document, self.out[self.open], p)

    def extend(self, p: Paragraph, a: int, b: int) -> None:
        if self.open is None:
            return
        s, e = _strip(p.text, a, b)
        if e <= s:
            return
        row = self.out[self.open]
        if p.text[s:s + 1].isupper() and _ends_here(row, self.agenda[row.key], p.text[s:e]):
            # The row said the agenda's title, or its beginning, and this line starts with other
            # words and a capital: the next column's (a parallel meeting).
            self.open = None
            return
        self.out[self.open] = row._replace(title=row.title[:-1] + _joined(row.title[-1], Piece(p, s, e)))
        self._settle(p, s, e)

    def _settle(self, p: Paragraph, s: int, e: int) -> None:
        """Close the open row once its title is whole: cut at "(suite)", or said in full."""
        row = self.out[self.open]
        m = _CONTINUED_INSIDE.search(p.text, s, e)
        if m:
            last = row.title[-1]
            a, b = _strip(p.text, last.start, m.start())
            self.out[self.open] = row._replace(title=row.title[:-1] + ((Piece(p, a, b),) if b > a else ()))
            if not self.out[self.open].title:
                del self.out[self.open]
            self.open = None
        elif self.fits is not None and self.fits(row, self.agenda[row.key]) == "whole":
            self.open = None


def _ends_here(row: ItemMention, agenda: ItemMention, line: str) -> bool:
    said = plain_words(row.title)
    title = plain_words(agenda.title)
    if said != title[:len(said)]:
        return False  # other words already: a slip, or a short title; the title goes on
    if said and said[-1] in TITLE_STOPWORDS and len(said) < len(title):
        return False  # a cell never ends on "the", "of", "de la": the title goes on
    nxt = COMPARABLE_WORD.findall(fold_text(line))[:1]
    return len(said) == len(title) or nxt != title[len(said):len(said) + 1]


def _plausible_next(row, last: ItemMention) -> bool:
    """A line inside a wrapped title that happens to start with a number ("19 et 20 octobre 2010")
    is no new row unless a time stands before it or its number follows on."""
    return row.after_time or row.items[0][0] >= last.key[0]


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
    starts = _line_breaks(document, p) + [len(p.text)]
    narrow = max(b - a for a, b in zip(starts, starts[1:])) <= 100  # the lines of a cell, not of prose
    return narrow and not only_date_or_time(p.text) and not parse_label(p.text)
