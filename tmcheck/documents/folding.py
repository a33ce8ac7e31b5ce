"""One comparable form for text written many ways: lower case, accents and apostrophes folded.

It lives with the documents, the lowest layer, because the aligner needs it as much as the checks
(tmcheck.lang.text re-exports it). One character is folded into one, so offsets still hold.
"""

from __future__ import annotations

import re
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


# Runs of characters beyond ASCII. str.translate goes character by character through the table
# (a dictionary look-up each) from the first such character on, and a French paragraph has one in
# its first words; an ASCII run is folded by str.lower(), which for ASCII changes A-Z only, as the
# table does.
_BEYOND_ASCII = re.compile(r"([^\x00-\x7f]+)")


def fold_text(s: str) -> str:
    """'L’Élaboration' -> "l'elaboration", one character for one."""
    if s.isascii():
        return s.lower()
    parts = _BEYOND_ASCII.split(s)  # ASCII runs at even places, the others at odd places
    parts[0::2] = [part.lower() for part in parts[0::2]]
    parts[1::2] = [part.translate(FOLD) for part in parts[1::2]]
    return "".join(parts)
