"""Sentence segmentation and UN numbering labels, for French and English.

UN documents number paragraphs ("12."), agenda items ("4.", "Point 4.", "Item 4."), sub-items
("a)", "(b)") and chapters ("I.", "A."); they abbreviate freely ("M.", "Mme", "p. ex.", "Mr.",
"para.", "No.") and cite symbols full of dots ("CTOC/COP/WG.2/2012/1", "E/CN.15/2016/1"). None of
these ends a sentence.
"""

from __future__ import annotations

import re

from ..named_tuples import NamedTuple

# A label at the start of a paragraph; group "num" an item number, "sub" a letter.
LABEL = re.compile(
    r"""^\s*(?:
        (?P<kw>Point|Item|Points|Items)\s+(?P<kwnum>\d{1,2})(?:\s*(?P<kwsub>[a-z])\))?\s*[.:]?(?=\s|$)
      | (?P<num>\d{1,3})\s?\.(?!\d)(?:\s*(?P<numsub>[a-z])\))?(?=\s|$)
      | (?P<annex>\d{1,2})(?:\s+(?P<annexsub>[a-z])\))?(?=\t)
      | \(?(?P<sub>[a-z])\)(?=\s|$)
      | (?P<roman>[IVXL]{1,6})\.(?=\s)
      | (?P<letter>[A-Z])\.(?=\s)
    )""",
    re.X,
)


class Label(NamedTuple):
    end: int  # where the text after the label starts
    number: int | None
    letter: str | None
    keyword: bool  # "Point 4." / "Item 4."
    kind: str  # number | sub | keyword | annex | roman | letter


def parse_label(text: str) -> Label | None:
    m = LABEL.match(text)
    if not m:
        return None
    # The groups in the pattern's order, read in one call (most paragraphs of a PO file open with one).
    kw, kwnum, kwsub, num, numsub, annex, annexsub, sub, roman, letter = m.groups()
    number = num or kwnum or annex
    end = m.end()
    while end < len(text) and text[end] in " \t":
        end += 1
    kind = ("keyword" if kw else "number" if num else "annex" if annex else "sub" if sub
            else "roman" if roman else "letter")
    return Label(end, int(number) if number else None, numsub or kwsub or sub or annexsub, bool(kw), kind)


def starts_with_label(text: str) -> bool:
    m = LABEL.match(text)
    return bool(m) and not m.group("letter") and not m.group("annex")


_ABBREVIATIONS = {
    # French
    "m", "mm", "mme", "mmes", "mlle", "dr", "me", "p", "pp", "art", "al", "cf", "etc", "ex", "réf",
    "vol", "chap", "sect", "n", "no", "nos", "nº", "st", "ste", "env", "fig", "éd", "t", "par", "i.e",
    "e.g", "ibid", "op", "cit", "app", "annexe", "dir", "doc", "distr", "add", "corr", "rev", "suppl",
    # English
    "mr", "mrs", "ms", "messrs", "prof", "para", "paras", "sess", "res", "dec", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "inc", "ltd", "co", "corp", "approx",
    "viz", "vs", "cap", "arts", "s", "l", "crp", "inf",
}
# A boundary: a run of final punctuation, its closing quotes, then a space and a capital or a digit.
# The pattern opens with a single character class, which the regex engine scans for in one tight
# loop (a look-behind or a repeat first would have it try the pattern at every character); the
# look-behind right after it keeps a boundary to where a run starts: tried from inside the run, it
# would fail the same way at each of its characters.
_BOUNDARY = re.compile(r"""[.!?…](?<![.!?…].)[.!?…]*["»”’')\]]*(?=\s+["«“'(\[]*[A-ZÀ-ÝŒ0-9])""")
_WORD_CHAR = re.compile(r"""[\w.'-]""")


def sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph (from ``start``), as [start, end) offsets."""
    spans: list[tuple[int, int]] = []
    # "12." and "a)" stand apart; "A." may as well be "M. Fedotov", so it stays inside.
    label = parse_label(text) if start == 0 else None
    begin = start
    if label and label.kind in ("number", "sub", "keyword"):
        spans.append((0, len(text[:label.end].rstrip())))
        begin = label.end
    pos = begin
    size = len(text)
    for m in _boundaries(text, begin):
        if not _ends_sentence(text, m.start()):
            continue
        stop = m.end()
        spans.append((pos, stop))
        pos = stop
        while pos < size and text[pos].isspace():
            pos += 1
    if pos < size and not text[pos:].isspace():
        spans.append((pos, len(text.rstrip())))
    # No span is blank: the label holds its number, each sentence its final punctuation, and the
    # last one a character that is no space.
    return spans


def _boundaries(text: str, begin: int):
    """``_BOUNDARY.finditer(text, begin)``. A boundary opens with a final punctuation mark: in a
    text whose only one is the full stop (most paragraphs), the pattern is tried at each full stop,
    found by str.find, rather than the regex engine testing every character against the class."""
    if "!" in text or "?" in text or "…" in text:
        yield from _BOUNDARY.finditer(text, begin)
        return
    match, find = _BOUNDARY.match, text.find
    i = find(".", begin)
    while i != -1:
        m = match(text, i)
        if m:
            yield m
            i = find(".", m.end())
        else:
            i = find(".", i + 1)


def _word_before(text: str, end: int) -> str:
    """The word (letters, digits, dots, apostrophes, hyphens) that ends at ``end``, found by walking
    back from it: a search from the paragraph's start would cost the whole paragraph per full stop."""
    start, is_word = end, _WORD_CHAR.match
    while start > 0 and is_word(text, start - 1):
        start -= 1
    return text[start:end]


def _ends_sentence(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return True
    word = _word_before(text, dot)
    if not word:
        return True
    low = word.lower().rstrip(".")
    if low in _ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "J. Smith"
    if "/" in word or re.search(r"\.\w", word):
        return False  # inside a symbol or an abbreviation with inner dots ("p.ex", "WG.2")
    return True
