"""Text of Latin-1 characters (most French and English drafts) lowered a byte for a byte.

``str.lower()`` looks each non-ASCII character up in the Unicode tables, several times the cost of
a table of 256 bytes; and a Latin-1 character lowers to one Latin-1 character (tests/lang/
test_latin1.py), so the table gives the same text. Nor does a Latin-1 text hold any of the letters
that re.IGNORECASE equates with a Latin letter other than the one lower() gives (lang.text.lowered:
they are all past U+00FF).
"""

from __future__ import annotations

_LOWER = bytes(ord(chr(c).lower()) for c in range(256))


def latin1_lower(text: str) -> str | None:
    """``text.lower()`` for a text of Latin-1 characters; None for another."""
    if text.isascii():
        return text.lower()  # ASCII has its own fast path
    data = text.encode("latin-1", "ignore")
    if len(data) != len(text):
        return None
    return data.translate(_LOWER).decode("latin-1")
