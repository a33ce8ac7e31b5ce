"""One comparable form for text written many ways: lower case, accents and apostrophes folded.

It lives with the documents, the lowest layer, because the aligner needs it as much as the checks
(tmcheck.lang.text re-exports it). One character is folded into one, so offsets still hold.
"""

from __future__ import annotations

import unicodedata


# Every apostrophe a draft or a glossary may hold, as the straight one.
APOSTROPHES = {0x2019: "'", 0x02BC: "'", 0x2018: "'"}


def _fold_table() -> dict[int, str]:
    table = {ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
    for code in range(0xC0, 0x250):
        c = chr(code)
        base = "".join(x for x in unicodedata.normalize("NFD", c.lower()) if not unicodedata.combining(x))
        if len(base) == 1 and base != c:
            table[code] = base
    table.update(APOSTROPHES)
    return table


FOLD = _fold_table()


# FOLD lists the characters folding changes, and str.translate raises (and catches) a KeyError for
# every other character it meets; listed unchanged too, those of Latin text (to U+024F, and the
# general punctuation) are found without one: a paragraph folds in 2.5 times less (same result).
_FOLD_LATIN = {c: chr(c) for c in (*range(0x250), *range(0x2000, 0x2070))} | FOLD


def fold_text(s: str) -> str:
    """'L’Élaboration' -> "l'elaboration", one character for one."""
    if s.isascii():
        return s.lower()
    return s.translate(_FOLD_LATIN)
