"""What two segments must share to count as the same text, and the words a memory is indexed by.

CAT tools score 100 only when two segments are the same once the things a translator does not see
are set aside: runs of spaces (no-break and thin spaces included), straight or curly quotes and
apostrophes, and inline tags (``<b>``, ``{1}``, ``%s``-style placeholders stay: they are content).
Everything else counts, case and accents included, as in Trados and memoQ.
"""

from __future__ import annotations

import re
import unicodedata

from ..digests import blake2b
from ..documents.folding import fold_text

_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>|\{/?\d+\}")
_SPACE = re.compile(r"[\s\u00a0\u202f\u2009\u2007\u200b\ufeff]+")
_ODD_SPACE = re.compile(r"[^\S ]|  |[\u200b\ufeff]")  # what _SPACE would change (most text has none)
_QUOTES = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201b": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2010": "-",
})
# French puts a (thin) space inside guillemets and before ;:!?; English does not: the space goes so
# that « rapport » and "rapport" compare equal.
_FRENCH_SPACING = re.compile(r'(?<=")\s+|\s+(?=[";:!?])')


_QUOTE_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _QUOTES) + "]")


def normalize(text: str) -> str:
    """The form segments are compared in: tags out, spaces and quotes unified, NFC. Run on every
    segment imported and every draft sentence looked up, so each step runs only when it would
    change something (a search is cheaper than a rewrite)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "<" in text or "{" in text:
        text = _TAG.sub(" ", text)
    if _QUOTE_CHARS.search(text):
        text = text.translate(_QUOTES)
    if _ODD_SPACE.search(text):
        text = _SPACE.sub(" ", text)
    text = text.strip()
    return _FRENCH_SPACING.sub("", text) if '"' in text or any(c in text for c in ";:!?") else text


def text_key(normalized: str) -> int:
    """A 63-bit hash of the normalised text: the exact-match index (an SQLite integer)."""
    return int.from_bytes(blake2b(normalized.encode(), digest_size=8).digest(), "big") >> 1


_WORD = re.compile(r"\w+")


def words(normalized: str) -> list[str]:
    """Folded words (lower case, no accents, apostrophes split off: "l'Office" -> l, office)."""
    return _WORD.findall(fold_text(normalized))


def index_tokens(normalized: str) -> set[str]:
    """What a segment is indexed by: its words and its word pairs. The pairs are far rarer than the
    words ("de la" aside), so a lookup can start from a few short posting lists and still find a
    segment whose words were edited here and there; the words keep short segments findable."""
    ws = words(normalized)
    tokens = set(ws)
    tokens.update(f"{a} {b}" for a, b in zip(ws, ws[1:]))
    return tokens
