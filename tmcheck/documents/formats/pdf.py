"""Text extracted from PDF: hard line breaks inside sentences, page furniture, words hyphenated at
line ends.

A file of wrapped lines (most lines near one width) loses its page furniture (job numbers, barcodes,
page numbers, running heads); lines are then joined into paragraphs wherever a line continues the
sentence of the one before (Markdown's own wrapped lines are joined by the same rules), and a word
hyphenated at a line end is rejoined unless the document writes it with its hyphen elsewhere.
Every step keeps each character's offset in the file.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Callable

from ..model import OffsetsBuilder, Paragraph
from ..segment import starts_with_label

if TYPE_CHECKING:
    from .text import Line

# Page furniture of UN documents extracted from PDF: job numbers, barcodes, page numbers.
_FURNITURE = re.compile(
    r"""^\s*(?:
        [VvGgNn]\.?\s?\d{2}-\d{4,6}(?:\s*\([A-Z]\))?     # job number: V.12-54870 (F), GE.16-1234
      | GE\.\d{2}-\d{4,6}.*
      | \*\d{6,8}\*                                    # barcode
      | (?:Page\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?          # 2, 2/8, Page 3
      | \d{1,3}(?:/\d{1,3})?\s+V\.\d{2}-\d{4,6}|V\.\d{2}-\d{4,6}\s+\d{1,3}(?:/\d{1,3})?
    )\s*$""",
    re.X,
)
_SENTENCE_END = re.compile(r"""[.;:!?…»"”)]\s*$""")
# First parts of French and English compounds that keep their hyphen when split at a line end.
_COMPOUND_HEADS = {
    "vingt", "trente", "quarante", "cinquante", "soixante", "quatre", "dix", "vice", "ex", "non",
    "sous", "anti", "c'est", "peut", "après", "avant", "arrière", "porte", "demi", "semi", "mi",
    "extra", "self", "well", "long", "short", "high", "low", "follow", "cross", "co", "post", "pre",
    "inter", "intra", "multi", "nord", "sud", "est", "ouest", "sub", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "non", "so", "ad", "hoc", "à", "au",
}


# Words no paragraph ends with: a line ending with one was broken inside a sentence (a table cell).
_DANGLING = {
    "le", "la", "les", "l'", "un", "une", "des", "de", "du", "d'", "à", "au", "aux", "et", "ou", "en",
    "sa", "son", "ses", "leur", "leurs", "par", "pour", "sur", "dans", "avec", "entre", "contre", "que",
    "qui", "the", "a", "an", "of", "and", "or", "to", "on", "in", "by", "for", "from", "with", "its",
    "their", "at", "between", "against",
}


def unwrap(lines: list[Line], fmt: str) -> tuple[list[Line], str, int]:
    """The lines without page furniture when ``fmt`` is plain text whose lines are wrapped (then the
    format is "pdf-text" if any furniture went), the format, and the width lines wrap at."""
    lengths = sorted(len(l.chars.rstrip()) for l in lines if not l.blank)
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    wrapped = fmt == "txt" and width <= 110 and sum(1 for n in lengths if n >= 0.6 * width) >= 0.4 * len(lengths)
    if wrapped:
        repeated = _repeated_headers(lines)
        kept = [l for l in lines if not _is_furniture(l, repeated)]
        if len(kept) < len(lines):
            fmt = "pdf-text"
        lines = kept
    return lines, fmt, width


def paragraphs(lines: list[Line], width: int) -> list[Paragraph]:
    """The lines joined into paragraphs: a blank line ends one, and so does a line that does not
    continue the one before (see _joins); paragraphs left empty are dropped."""
    known: list[set[str]] = []

    def vocabulary() -> set[str]:
        # read on the first line-end hyphen to judge: most drafts (Word's text export) have none
        if not known:
            known.append(_hyphenated_vocabulary(lines))
        return known[0]

    found: list[Paragraph] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            found.append(_paragraph(len(found), current, vocabulary))
            current.clear()

    for line in lines:
        if line.blank:
            flush()
            continue
        if current and not _joins(current[-1], line, width):
            flush()
        current.append(line)
    flush()
    found = [p for p in found if p.text.strip()]
    for i, p in enumerate(found):
        p.index = i
    return found


def _is_furniture(line: Line, repeated: set[str]) -> bool:
    s = line.chars.strip()
    return bool(s) and (bool(_FURNITURE.match(s)) or s in repeated)


def _repeated_headers(lines: list[Line]) -> set[str]:
    """Short lines repeated on several pages (running heads such as the document symbol)."""
    counts = Counter(l.chars.strip() for l in lines if not l.blank and len(l.chars.strip()) <= 40)
    pages = max(2, sum(1 for l in lines if _FURNITURE.match(l.chars.strip() or "x")) // 2)
    # A running head is a symbol or a reference ("CTOC/COP/WG.4/2016/1", "A/71/150"); a heading
    # that recurs ("Documentation", "Annotations") is content and stays.
    return {s for s, n in counts.items() if n >= 3 and n >= pages and not s.endswith((".", ";", ":"))
            and not starts_with_label(s) and any(c.isdigit() for c in s) and ("/" in s or "." in s)}


def _joins(prev: Line, line: Line, width: int) -> bool:
    """Does ``line`` continue the paragraph that ``prev`` ends (a hard line break)?"""
    if prev.kind in ("heading", "table-row") or line.kind in ("heading", "table-row", "list-item"):
        return False
    head = line.chars.lstrip()
    if starts_with_label(head):
        return False
    if head[:1].islower() or head[:1] in ",;)":
        return True
    tail = prev.chars.rstrip()
    if tail.endswith("-") and tail[-2:-1].isalpha():
        return True
    last = tail.rsplit(None, 1)[-1].lower() if tail else ""
    if last in _DANGLING and width >= 40:
        return True  # "tenue les" / "19 et 20 octobre": no paragraph ends on an article
    return not _SENTENCE_END.search(tail) and len(tail) >= 0.6 * width and width >= 40


# A hyphenated word starts at a word's start: tried nowhere else, a long word costs one pass.
_HYPHENATED = re.compile(r"(?<!\w)\w+(?:-\w+)+")


def _hyphenated_vocabulary(lines: list[Line]) -> set[str]:
    """Hyphenated words written whole somewhere in the document (they keep their hyphen)."""
    words: set[str] = set()
    for l in lines:
        if "-" in l.chars:
            words.update(w.lower() for w in _HYPHENATED.findall(l.chars))
    return words


# How far back the word before a line-end hyphen is looked for: no word is longer, and the look
# stays short however many lines a paragraph joins.
_TAIL = 300


def _paragraph(index: int, lines: list[Line], vocabulary: Callable[[], set[str]]) -> Paragraph:
    """The lines of one paragraph joined: line breaks become spaces, words hyphenated at a line end
    are rejoined (see _drop_hyphen); every step is local to the join, never a pass over what the
    paragraph holds so far."""
    if len(lines) == 1:
        # One line (most paragraphs of a draft exported from Word): what the join below makes of it,
        # the line without the blanks around it, with its offsets sliced, or kept whole when no
        # blank goes (runs a builder made already: extended into another builder, they would come
        # out the same; offsets are never changed once built).
        line = lines[0]
        text = line.chars.lstrip()
        lead = len(line.chars) - len(text)
        text = text.rstrip(" \t\r")
        offsets = line.offsets if len(text) == len(line.chars) else line.offsets[lead:lead + len(text)]
        return Paragraph(index, text, offsets, line.kind)
    parts: list[str] = []
    offsets = OffsetsBuilder()
    for n, line in enumerate(lines):
        text, offs = line.chars, line.offsets
        lead = len(text) - len(text.lstrip())
        if lead:
            text, offs = text[lead:], offs[lead:]
        if n:
            _rstrip_parts(parts, offsets)
            tail = _tail(parts)
            if tail.endswith("-") and tail[-2:-1].isalpha():
                if text[:1].isalpha() and _drop_hyphen(tail, text, vocabulary):
                    _drop_last(parts, offsets)
            else:
                # The line break becomes one space, mapped to the end of the previous line.
                last = offsets.last()
                parts.append(" ")
                offsets.add(last + 1 if last is not None else 0, 1)
        parts.append(text)
        offsets.extend(offs)
    _rstrip_parts(parts, offsets, " \t\r")
    return Paragraph(index, "".join(parts), offsets.build(), lines[0].kind)


def _rstrip_parts(parts: list[str], offsets: OffsetsBuilder, chars: str | None = None) -> None:
    """Strip the end of the text that ``parts`` make (whitespace, or ``chars``), offsets alike."""
    length = offsets.length
    while parts:
        piece = parts[-1]
        kept = piece.rstrip(chars)
        length -= len(piece) - len(kept)
        if kept:
            parts[-1] = kept
            break
        parts.pop()
    offsets.truncate(length)


def _drop_last(parts: list[str], offsets: OffsetsBuilder) -> None:
    parts[-1] = parts[-1][:-1]
    if not parts[-1]:
        parts.pop()
    offsets.truncate(offsets.length - 1)


def _tail(parts: list[str]) -> str:
    """The last _TAIL characters (or fewer) of the text that ``parts`` make."""
    out, n = [], 0
    for piece in reversed(parts):
        out.append(piece[-(_TAIL - n):])
        n += len(out[-1])
        if n >= _TAIL:
            break
    return "".join(reversed(out))


_LAST_WORD = re.compile(r"(?<![\w'])([\w']+)-$")
_FIRST_WORD = re.compile(r"\w+")


def _drop_hyphen(prev: str, nxt: str, vocabulary: Callable[[], set[str]]) -> bool:
    left = _LAST_WORD.search(prev)
    right = _FIRST_WORD.match(nxt)
    if not left or not right:
        return False
    first, second = left.group(1), right.group(0)
    if not second[:1].islower():
        return False
    if f"{first}-{second}".lower() in vocabulary():
        return False
    return first.lower() not in _COMPOUND_HEADS

