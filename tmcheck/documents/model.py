"""What a draft is once read: paragraphs of clean text that still know where each character came from.

Checks see only clean text (markup stripped, hard line breaks joined, words hyphenated at line ends
rejoined), yet every finding must point into the original file. Each paragraph therefore carries, for
every character of its clean text, the offset of that character in the original text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import NamedTuple


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based, in Unicode characters of the original line


class Span(NamedTuple):
    path: str
    start: Position
    end: Position  # exclusive column, as editors and SARIF expect


@dataclass
class Paragraph:
    """One paragraph, heading, list item or table row of a draft."""

    index: int
    text: str
    offsets: list[int] = field(repr=False)  # offsets[i]: offset in Document.source of text[i]
    kind: str = "text"  # text | heading | table-row | list-item
    segment: str | None = None  # in a bilingual file, the segment this paragraph is
    group: str = ""  # in a file of several documents (a TSV's doc_id), the document it belongs to

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
    codes: tuple[str, ...]  # empty: every rule


def line_starts(text: str) -> list[int]:
    """The offset where each line of ``text`` starts (lines end at "\\n" only, as findings count them)."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


@dataclass
class Document:
    path: str
    source: str  # the original text as decoded (for .docx: one paragraph per line)
    paragraphs: list[Paragraph]
    format: str  # txt | md | pdf-text | docx
    suppressions: list[Suppression] = field(default_factory=list)
    lang: str | None = None
    notices: list[str] = field(default_factory=list)  # e.g. "decoded as Windows-1252"
    _line_starts: list[int] | None = field(default=None, repr=False)

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

    @property
    def text(self) -> str:
        """All clean text, paragraphs separated by blank lines (for language detection)."""
        return "\n\n".join(p.text for p in self.paragraphs)
