"""Source and translation side by side: the pairs the bilingual checks compare.

Whatever the input — a PO, TMX, XLIFF or TSV file, or two documents aligned sentence by sentence —
the checks see two :class:`Document` objects (the source side and the target side, each segment a
paragraph whose characters point into the file) and a list of :class:`Pair` spans between them.
Findings are reported on the target side, so its offsets are exact where the format allows.
"""

from __future__ import annotations

from functools import partial

from ..named_tuples import NamedTuple
from .model import Document, Paragraph, line_starts


class Piece(NamedTuple):
    """A span of one paragraph: a whole segment, or a sentence of an aligned document."""

    paragraph: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start:self.end]


class Pair(NamedTuple):
    id: str  # the segment's name for the user (PO entry, TMX tu, TSV row, "sentence N")
    source: tuple[Piece, ...]  # usually one piece a side; two or more where a sentence was split
    target: tuple[Piece, ...]
    group: str = ""  # the document the pair belongs to, when a file holds several

    @property
    def source_text(self) -> str:
        return _joined(self.source)

    @property
    def target_text(self) -> str:
        return _joined(self.target)


def _joined(pieces: tuple[Piece, ...]) -> str:
    if len(pieces) == 1:  # nearly always: spare the generator
        return pieces[0].text
    return " ".join(p.text for p in pieces)


class Bitext(NamedTuple):
    source: Document
    target: Document
    pairs: list[Pair]
    source_lang: str
    target_lang: str
    leftovers: list[tuple[str, Piece]] = []  # ("source" | "target", piece) that did not align


def from_bilingual(bilingual, include_fuzzy: bool = False, target_offsets=None) -> Bitext:
    """Pairs from a bilingual file (see documents.formats): one paragraph per unit and side.
    ``target_offsets(bilingual, unit, starts)``, when given, maps each target character into the file."""
    text = bilingual.text
    starts = line_starts(text)
    src_paragraphs: list[Paragraph] = []
    tgt_paragraphs: list[Paragraph] = []
    pairs: list[Pair] = []
    for unit in bilingual.units:
        if unit.state == "untranslated" or (unit.state == "fuzzy" and not include_fuzzy):
            continue
        if _blank(unit.target) or _blank(unit.source):
            continue
        group = unit.group
        # Positions are worked out only for the few segments a finding points into.
        exact = partial(target_offsets, bilingual, unit, starts) if target_offsets else None
        tgt = _paragraph(len(tgt_paragraphs), unit.target, text, starts, unit.target_line, unit.target_column, unit.id,
                         group, exact)
        src = _paragraph(len(src_paragraphs), unit.source, text, starts, unit.line, 1, unit.id, group)
        tgt_paragraphs.append(tgt)
        src_paragraphs.append(src)
        pairs.append(Pair(unit.id, (Piece(src, 0, len(src.text)),), (Piece(tgt, 0, len(tgt.text)),), group))
    fmt = bilingual.format
    # Both sides are read from the same text: its line starts are found once, here.
    source = Document(bilingual.path, text, src_paragraphs, fmt, lang=bilingual.source_lang, _line_starts=starts)
    target = Document(bilingual.path, text, tgt_paragraphs, fmt, lang=bilingual.target_lang, _line_starts=starts)
    return Bitext(source, target, pairs, bilingual.source_lang, bilingual.target_lang)


def _blank(segment: str) -> bool:
    return not segment or segment.isspace()  # as `not segment.strip()`, without the copy


def _paragraph(index: int, segment: str, text: str, starts: list[int], line: int, column: int, segment_id: str,
               group: str = "", exact=None) -> Paragraph:
    """A segment as a paragraph: its characters map into the file — exactly where the reader knows
    each character's offset (``exact()``), else from where the segment starts, staying on that line."""
    # Most segments are one line: spare them the split and the join.
    clean = " ".join(segment.split("\n")) if "\n" in segment else segment
    clean = clean.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return Paragraph(index, clean, LazyOffsets(_offsets, clean, text, starts, line, column, exact), "text",
                     segment_id, group)


def _offsets(clean: str, text: str, starts: list[int], line: int, column: int, exact) -> list[int]:
    found = exact() if exact else None
    if found is not None and len(found) == len(clean):
        return list(found)
    first = max(1, min(line, len(starts)))
    base = starts[first - 1] + max(column, 1) - 1
    line_end = (starts[first] - 1) if first < len(starts) else len(text)
    last = max(line_end - 1, base)
    out = list(range(base, min(base + len(clean), last + 1)))
    return out + [last] * (len(clean) - len(out))


class LazyOffsets:
    """A paragraph's offsets, worked out on first use (``make(*args)``): a bilingual file of
    thousands of segments needs the positions of the few that findings point into."""

    __slots__ = ("_make", "_args", "_list")

    def __init__(self, make, *args):
        self._make = make
        self._args = args
        self._list = None

    def _get(self) -> list[int]:
        if self._list is None:
            self._list = self._make(*self._args)
            self._args = None
        return self._list

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, i):
        return self._get()[i]

    def __iter__(self):
        return iter(self._get())


def from_alignment(source: Document, target: Document, alignments, source_lang: str, target_lang: str) -> Bitext:
    """Pairs from two aligned documents (see documents.align)."""
    pairs: list[Pair] = []
    leftovers: list[tuple[str, Piece]] = []
    for n, a in enumerate(alignments, start=1):
        src = tuple(Piece(source.paragraphs[p.paragraph], p.start, p.end) for p in a.source)
        tgt = tuple(Piece(target.paragraphs[p.paragraph], p.start, p.end) for p in a.target)
        if src and tgt:
            pairs.append(Pair(f"sentence {n}", src, tgt))
        else:
            leftovers.extend(("source", p) for p in src)
            leftovers.extend(("target", p) for p in tgt)
    return Bitext(source, target, pairs, source_lang, target_lang, leftovers)


def from_segments(path: str, segments: list[tuple[str, str]], source_lang: str, target_lang: str) -> Bitext:
    """Pairs from (source, target) strings, laid out as the rows of a TSV file ("source<TAB>target",
    one per line) so that positions are exact: for tests, and for callers that hold segments."""
    from .formats.units import Bilingual, Unit

    lines, units = [], []
    for n, (src, tgt) in enumerate(segments, start=1):
        lines.append(f"{src}\t{tgt}")
        units.append(Unit(f"row {n}", src, tgt, n, n, len(src) + 2, "translated"))
    return from_bilingual(Bilingual(path, "tsv", source_lang, target_lang, units, "\n".join(lines) + "\n"))
