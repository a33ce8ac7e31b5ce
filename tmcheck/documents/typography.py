"""The characters readers normalise one for one in clean text (so that checks need one form only),
and the way back to the draft's own characters for what is shown to people."""

from __future__ import annotations

ONE_FOR_ONE = {
    "\u00a0": " ",  # no-break space (French spacing)
    "\u202f": " ",  # narrow no-break space
    "\u2009": " ",
    "\u2019": "'",  # typographic apostrophe
    "\u02bc": "'",
    "\u2018": "'",
    "\u00ad": "-",  # soft hyphen as extracted from PDF
}
TABLE = str.maketrans(ONE_FOR_ONE)
# What normalised text holds where the draft may have had one of the characters above.
REPLACEMENTS = frozenset(ONE_FOR_ONE.values())


def normalise(text: str) -> str:
    """``text`` with the characters readers normalise replaced (for comparing shown text with clean text)."""
    # Whether it holds one is asked character by character of ONE_FOR_ONE, each a search in C
    # (memchr), not of the text through a character class: every line of a draft is asked (a
    # 1 MB draft: 50M instructions the class); none is ASCII, and the wide ones are never in a
    # text of narrower characters (found at once).
    if text.isascii():
        return text
    for c in ONE_FOR_ONE:
        if c in text:
            return text.translate(TABLE)
    return text
