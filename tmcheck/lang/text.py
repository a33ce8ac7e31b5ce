"""Text normalisation shared by the checks: one comparable form for words written many ways."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'", "`": "'", "\u00a0": " ", "\u202f": " "})
_SPACES = re.compile(r"\s+")
WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*", re.UNICODE)


def fold_accents(s: str) -> str:
    """'Élaboration' -> 'Elaboration'."""
    if s.isascii():
        return s
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def normalize(s: str) -> str:
    """Lowercase, accents and apostrophes folded, spaces collapsed: for matching, never for display."""
    return _SPACES.sub(" ", fold_accents(s.translate(_APOSTROPHES)).lower()).strip()


def words(s: str) -> list[str]:
    return WORD.findall(s)


def _fold_table() -> dict[int, str]:
    table = {}
    for code in range(0xC0, 0x250):
        c = chr(code)
        base = "".join(x for x in unicodedata.normalize("NFD", c.lower()) if not unicodedata.combining(x))
        if len(base) == 1 and base != c:
            table[code] = base
    for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        table[ord(c)] = c.lower()
    table.update({0x2019: "'", 0x02BC: "'", 0x2018: "'"})
    return table


_FOLD = _fold_table()
# Comparable words: an elided article stands apart ("l'" "office") and so does a footnote number
# glued to a word ("crime1").
COMPARABLE_WORD = re.compile(r"[^\W\d_]+'?|\d+")


def fold_text(s: str) -> str:
    """Lowercase with accents and apostrophes folded, one character for one (offsets still hold)."""
    return s.translate(_FOLD)


def comparable_words(s: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) for each word of ``s``, for comparing titles."""
    folded = fold_text(s)
    return [(m.start(), m.end(), m.group(0)) for m in COMPARABLE_WORD.finditer(folded)]


def trie_pattern(words) -> str:
    """A regular expression matching any of ``words``, factored by common prefixes ("deux|dix" as
    "d(?:eux|ix)"): Python's re tries alternatives one by one, a trie lets it drop most at once."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        if list(node) == [""]:
            return ""
        optional = "" in node
        parts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if optional:
            return "(?:" + body + ")?" if len(parts) > 1 or len(parts[0]) > 1 else body + "?"
        return body

    return build(trie)
