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
