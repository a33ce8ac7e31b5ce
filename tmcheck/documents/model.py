"""What a draft is once read: paragraphs of clean text that still know where each character came from.

Checks see only clean text (markup stripped, hard line breaks joined, words hyphenated at line ends
rejoined), yet every finding must point into the original file. Each paragraph therefore carries, for
every character of its clean text, the offset of that character in the original text: an
:class:`Offsets`, which reads like a list of ints but holds runs (a list of one int per character
cost a 20 MB draft more than a gigabyte).
"""

from __future__ import annotations

import bisect
from array import array
from typing import Iterator, Sequence

from ..named_tuples import NamedTuple
from ..records import NEW, Record
from .typography import ONE_FOR_ONE, REPLACEMENTS


class Offsets:
    """For each character of a clean text, its offset in the original text, held as runs: run k
    covers the characters from ``starts[k]`` on, the first of which came from ``origins[k]`` and
    each next one from the next offset. Text copied whole from the file is one run; each piece of
    markup removed starts another. Reads like a list of ints: ``len``, indexing (negative too),
    slicing with step 1, iteration, ``==`` with any sequence of ints."""

    __slots__ = ("_starts", "_origins", "_length")

    def __init__(self, starts: Sequence[int] = (), origins: Sequence[int] = (), length: int = 0):
        self._starts = starts if isinstance(starts, array) else array("q", starts)
        self._origins = origins if isinstance(origins, array) else array("q", origins)
        self._length = length

    @classmethod
    def run(cls, origin: int, length: int) -> "Offsets":
        """``length`` characters copied from ``origin`` on."""
        return cls((0,), (origin,), length) if length > 0 else cls()

    @classmethod
    def from_list(cls, values: Sequence[int]) -> "Offsets":
        builder = OffsetsBuilder()
        for v in values:
            builder.add(v, 1)
        return builder.build()

    def __len__(self) -> int:
        return self._length

    def _at(self, i: int) -> int:
        k = bisect.bisect_right(self._starts, i) - 1
        return self._origins[k] + (i - self._starts[k])

    def __getitem__(self, i):
        if isinstance(i, slice):
            start, stop, step = i.indices(self._length)
            if step != 1:
                return [self._at(j) for j in range(start, stop, step)]
            return self._slice(start, stop)
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError("offset index out of range")
        return self._at(i)

    def _slice(self, start: int, stop: int) -> "Offsets":
        if stop <= start:
            return Offsets()
        starts, origins = self._starts, self._origins
        k = bisect.bisect_right(starts, start) - 1
        end = bisect.bisect_left(starts, stop)
        new_starts = array("q", [0])
        new_origins = array("q", [origins[k] + (start - starts[k])])
        for j in range(k + 1, end):
            new_starts.append(starts[j] - start)
            new_origins.append(origins[j])
        return Offsets(new_starts, new_origins, stop - start)

    def runs(self) -> Iterator[tuple[int, int, int]]:
        """(clean start, origin, length) of each run."""
        starts, origins, n = self._starts, self._origins, len(self._starts)
        for k in range(n):
            end = starts[k + 1] if k + 1 < n else self._length
            yield starts[k], origins[k], end - starts[k]

    def __iter__(self) -> Iterator[int]:
        for _, origin, length in self.runs():
            yield from range(origin, origin + length)

    def __eq__(self, other) -> bool:
        if isinstance(other, Offsets):
            return self._length == other._length and list(self.runs()) == list(other.runs())
        try:
            return len(other) == self._length and all(a == b for a, b in zip(self, other))
        except TypeError:
            return NotImplemented

    def __repr__(self) -> str:
        return f"Offsets({list(self.runs())!r})"


class OffsetsBuilder:
    """Offsets built piece by piece (``add`` a run, ``extend`` with other offsets, ``truncate``),
    adjacent runs merged."""

    __slots__ = ("starts", "origins", "length")

    def __init__(self) -> None:
        self.starts = array("q")
        self.origins = array("q")
        self.length = 0

    def add(self, origin: int, length: int) -> None:
        if length <= 0:
            return
        if self.starts and self.origins[-1] + (self.length - self.starts[-1]) == origin:
            self.length += length  # continues the last run
            return
        self.starts.append(self.length)
        self.origins.append(origin)
        self.length += length

    def extend(self, offsets: Sequence[int]) -> None:
        if isinstance(offsets, Offsets):
            for _, origin, length in offsets.runs():
                self.add(origin, length)
        else:
            for v in offsets:
                self.add(v, 1)

    def last(self) -> int | None:
        """The offset of the last character, if any."""
        if not self.length:
            return None
        return self.origins[-1] + (self.length - 1 - self.starts[-1])

    def truncate(self, length: int) -> None:
        """Keep the first ``length`` characters."""
        if length >= self.length:
            return
        length = max(length, 0)
        while self.starts and self.starts[-1] >= length:
            self.starts.pop()
            self.origins.pop()
        self.length = length

    def build(self) -> Offsets:
        """The offsets built so far; the builder starts afresh (the arrays now belong to them)."""
        built = Offsets(self.starts, self.origins, self.length)
        self.__init__()
        return built


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based, in Unicode characters of the original line


class Span(NamedTuple):
    path: str
    start: Position
    end: Position  # exclusive column, as editors and SARIF expect


class Paragraph(Record):
    """One paragraph, heading, list item or table row of a draft."""

    FIELDS = ("index", "text", "offsets", "kind", "segment", "group")
    SHOWN = ("index", "text", "kind", "segment", "group")

    def __init__(self, index: int, text: str, offsets: Sequence[int], kind: str = "text", segment: str | None = None,
                 group: str = ""):
        self.index = index
        self.text = text
        self.offsets = offsets  # offsets[i]: offset in Document.source of text[i] (an Offsets, or any sequence)
        self.kind = kind  # text | heading | table-row | list-item
        self.segment = segment  # in a bilingual file, the segment this paragraph is
        self.group = group  # in a file of several documents (a TSV's doc_id), the document it belongs to

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """Map [start, end) in clean text to [start, end) in the original text."""
        if not self.offsets:
            return 0, 0
        start = min(max(start, 0), len(self.offsets) - 1)
        last = min(max(end - 1, start), len(self.offsets) - 1)
        return self.offsets[start], self.offsets[last] + 1


class Suppression(NamedTuple):
    """An inline ``<!-- tmcheck: ignore CODE ... -->`` directive."""

    line: int  # where the directive stands; it covers this line and the next
    column: int
    codes: tuple[str, ...]  # the directive's words: codes upper-cased, names lower-cased; none: every rule


def line_starts(text: str) -> list[int]:
    """The offset where each line of ``text`` starts (lines end at "\\n" only, as findings count them)."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


class Document(Record):
    FIELDS = ("path", "source", "paragraphs", "format", "suppressions", "lang", "notices", "_line_starts")
    SHOWN = FIELDS[:-1]

    def __init__(self, path: str, source: str, paragraphs: list[Paragraph], format: str,
                 suppressions: list[Suppression] = NEW, lang: str | None = None, notices: list[str] = NEW,
                 _line_starts: list[int] | None = None):
        self.path = path
        self.source = source  # the original text as decoded (for .docx: one paragraph per line)
        self.paragraphs = paragraphs
        self.format = format  # txt | md | pdf-text | docx
        self.suppressions = [] if suppressions is NEW else suppressions
        self.lang = lang
        self.notices = [] if notices is NEW else notices  # e.g. "decoded as Windows-1252"
        self._line_starts = _line_starts

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = line_starts(self.source)
        return self._line_starts

    def position(self, offset: int) -> Position:
        starts = self.line_starts
        line = bisect.bisect_right(starts, offset) - 1
        return Position(line + 1, offset - starts[line] + 1)

    def span(self, paragraph: Paragraph, start: int, end: int) -> Span:
        a, b = paragraph.source_range(start, end)
        return Span(self.path, self.position(a), self.position(b))

    def line_text(self, line: int) -> str:
        starts = self.line_starts
        a = starts[line - 1]
        b = starts[line] - 1 if line < len(starts) else len(self.source)
        return self.source[a:b]

    def verbatim(self, paragraph: Paragraph, start: int, end: int) -> str:
        """``paragraph.text[start:end]`` with the draft's own characters where the reader normalised
        them one for one (’ read as ', a no-break space as a space): what a person is shown and
        what a decision keeps. Markup stays out, as in the clean text."""
        text = paragraph.text[start:end]
        if not paragraph.offsets or not any(c in REPLACEMENTS for c in text):
            return text
        source, offsets, out = self.source, paragraph.offsets, list(text)
        for i, c in enumerate(text):
            if c in REPLACEMENTS:
                o = offsets[start + i]
                if 0 <= o < len(source) and source[o] in ONE_FOR_ONE and ONE_FOR_ONE[source[o]] == c:
                    out[i] = source[o]
        return "".join(out)

    @property
    def text(self) -> str:
        """All clean text, paragraphs separated by blank lines (for language detection)."""
        return "\n\n".join(p.text for p in self.paragraphs)
