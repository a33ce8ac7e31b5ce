"""Ordinals as UN documents write them: "sixième session", "sixth session", "6e réunion", "6th meeting".

Used to tell one numbered session or meeting of a body from another.
"""

from __future__ import annotations

import re

_UNITS_FR = ["", "premi", "deuxi", "troisi", "quatri", "cinqui", "sixi", "septi", "huiti", "neuvi"]
_FR_ORDINALS: dict[str, int] = {}
_EN_ORDINALS: dict[str, int] = {}


def _build() -> None:
    fr_card = {
        1: "un", 2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six", 7: "sept", 8: "huit", 9: "neuf",
        10: "dix", 11: "onze", 12: "douze", 13: "treize", 14: "quatorze", 15: "quinze", 16: "seize",
        20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante",
    }

    def fr_cardinal(n: int) -> str:
        if n in fr_card:
            return fr_card[n]
        if n < 20:
            return "dix-" + fr_card[n - 10]
        if n < 70:
            tens, unit = divmod(n, 10)
            return fr_card[tens * 10] + (" et un" if unit == 1 else "-" + fr_card[unit])
        if n < 80:
            return "soixante" + (" et " if n == 71 else "-") + fr_cardinal(n - 60)
        if n == 80:
            return "quatre-vingts"
        return "quatre-vingt-" + fr_cardinal(n - 80)

    def fr_ordinal(n: int) -> str:
        if n == 1:
            return "première"
        c = fr_cardinal(n)
        if c.endswith("cinq"):
            c += "u"
        elif c.endswith("neuf"):
            c = c[:-1] + "v"
        elif c.endswith(("quatre", "onze", "douze", "treize", "quatorze", "quinze", "seize", "trente",
                         "quarante", "cinquante", "soixante")):
            c = c[:-1]
        elif c.endswith("vingts"):
            c = c[:-1]
        return c + "ième"

    en_units = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
    en_teens = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                "seventeenth", "eighteenth", "nineteenth"]
    en_tens = {20: "twent", 30: "thirt", 40: "fort", 50: "fift", 60: "sixt", 70: "sevent", 80: "eight", 90: "ninet"}
    for n in range(1, 100):
        _FR_ORDINALS[fr_ordinal(n)] = n
        if n == 1:
            _FR_ORDINALS["premier"] = 1
        if n < 10:
            en = en_units[n]
        elif n < 20:
            en = en_teens[n - 10]
        else:
            tens, unit = divmod(n, 10)
            en = en_tens[tens * 10] + ("ieth" if unit == 0 else "y-" + en_units[unit])
        _EN_ORDINALS[en] = n


_build()

_DIGITS = re.compile(r"^(\d{1,3})(?:e|è|ème|eme|re|er|ère|st|nd|rd|th)$", re.I)


def ordinal_value(word: str) -> int | None:
    """'sixième' -> 6, 'twenty-fifth' -> 25, '6e' -> 6, '6th' -> 6; None when not an ordinal."""
    w = " ".join(word.lower().replace("\u2011", "-").split())
    n = _FR_ORDINALS.get(w) or _EN_ORDINALS.get(w)
    if n:
        return n
    m = _DIGITS.match(w)
    return int(m.group(1)) if m else None

