"""What the numbers scanner finds (:class:`Number`), and the canonical values it gives numbers."""

from __future__ import annotations

from ..named_tuples import NamedTuple


class Number(NamedTuple):
    span: tuple[int, int]   # in the text
    value: str              # canonical value: "1200", "1000.5", "0.25", "20"; a "ref" as written
    kind: str               # "cardinal" | "ordinal" | "percent" | "ref" | "paragraph"
    written: str            # as in the text: text[span[0]:span[1]]
    words: bool             # True when not written in Arabic digits ("trois", "eighth", "XXe")
    note: bool = False      # a footnote marker glued to a word or a year ("Crime1", "201442")


_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def canon(int_digits: str, frac_digits: str = "", shift: int = 0) -> str:
    """The canonical decimal string of int_digits.frac_digits * 10**shift: no exponent, no leading
    zeros in the integer part, no trailing zeros in the fraction ("1", "1500000", "0.25")."""
    digits = int_digits + frac_digits
    point = len(int_digits) + shift
    if point >= len(digits):
        whole, frac = digits + "0" * (point - len(digits)), ""
    elif point <= 0:
        whole, frac = "0", "0" * -point + digits
    else:
        whole, frac = digits[:point], digits[point:]
    whole = whole.lstrip("0") or "0"
    frac = frac.rstrip("0")
    return f"{whole}.{frac}" if frac else whole


def plus_half(value: str) -> str:
    whole, _, frac = value.partition(".")
    if frac:
        return value
    return f"{whole}.5"


def code_or_canon(whole: str, frac: str) -> str:
    """A run such as "0800" or "041" (a code, a telephone number) keeps its digits as written."""
    if not frac and len(whole) >= 3 and whole.startswith("0"):
        return whole
    return canon(whole, frac)


def roman_value(s: str) -> int:
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN_VALUES[c]
        total += -v if i + 1 < len(s) and _ROMAN_VALUES[s[i + 1]] > v else v
    return total


def is_year(s: str) -> bool:
    return len(s) == 4 and s.isdigit() and 1900 <= int(s) <= 2099


def year_end(first: int, second: str) -> int | None:
    """The end year of "2014-15", "2014/15", "2014/2015"; None when not a year pair."""
    if len(second) == 4:
        v = int(second)
    elif len(second) == 2:
        v = first // 100 * 100 + int(second)
    else:
        return None
    return v if 0 < v - first <= 10 else None
