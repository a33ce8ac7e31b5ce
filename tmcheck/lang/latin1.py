"""Text of Latin-1 characters (most French and English drafts) read a byte for a byte, and searched
with patterns that need not test Unicode categories: the one home of these shortcuts.

``str.lower()`` looks each non-ASCII character up in the Unicode tables, several times the cost of
a table of 256 bytes; and a Latin-1 character lowers to one Latin-1 character (tests/lang/
test_latin1.py), so the table gives the same text. Nor does a Latin-1 text hold any of the letters
that re.IGNORECASE equates with a Latin letter other than the one lower() gives (lang.text.lowered:
they are all past U+00FF). And its only digits are 0 to 9: a pattern's \\d can be a range of
characters, which the regex engine tests in a few steps, where a Unicode category takes several
times more.
"""

from __future__ import annotations

import re

_LOWER = bytes(ord(chr(c).lower()) for c in range(256))
# Each character lowered where \w reads it (a letter, a digit or "_": isalnum, tests/lang/
# test_latin1.py), a space elsewhere: the words of text.lower() as \w+ reads them are then the
# bytes' split() (lang.text.lowered_words, the acronyms in odd case).
WORD_LOWER = bytes(ord(chr(c).lower()) if chr(c).isalnum() or c == 0x5F else 0x20 for c in range(256))


def is_latin1(text: str) -> bool:
    """Whether every character of ``text`` is one of Latin-1."""
    return text.isascii() or len(text.encode("latin-1", "ignore")) == len(text)


def with_ascii_digits(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` with [0-9] for \\d: what it finds in a Latin-1 text (is_latin1), found sooner."""
    return re.compile(pattern.pattern.replace(r"\d", "[0-9]"), pattern.flags)


def latin1_lower(text: str) -> str | None:
    """``text.lower()`` for a text of Latin-1 characters; None for another."""
    if text.isascii():
        return text.lower()  # ASCII has its own fast path
    data = text.encode("latin-1", "ignore")
    if len(data) != len(text):
        return None
    return data.translate(_LOWER).decode("latin-1")
