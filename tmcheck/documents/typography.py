"""The characters readers normalise one for one in clean text (so that checks need one form only),
and the way back to the draft's own characters for what is shown to people."""

from __future__ import annotations

import re

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
NEEDS_NORMALISING = re.compile("[" + "".join(ONE_FOR_ONE) + "]")
# What normalised text holds where the draft may have had one of the characters above.
REPLACEMENTS = frozenset(ONE_FOR_ONE.values())


def normalise(text: str) -> str:
    """``text`` with the characters readers normalise replaced (for comparing shown text with clean text)."""
    return text.translate(TABLE) if NEEDS_NORMALISING.search(text) else text
