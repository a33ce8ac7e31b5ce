"""Numbers as French and English UN documents write them, normalised for comparing a translation.

``find_numbers(text, lang)`` returns every number of ``text`` with a canonical value, so that
"1 200" and "1,200", "20 %", "20 p. 100" and "20 per cent", "trois" and "three", "6e" and "sixth",
"1,5 million" and "1.5 million" compare equal. ``mismatches(fr_numbers, en_numbers)`` tells which
digit numbers of either side have no counterpart on the other.

Kinds:

* cardinal  -- digits in the language's format: French "1 000" (space, U+00A0 or U+202F between
               groups of three), "1 000,5", "0,25", also "18.561" (a point before three digits
               groups thousands, as in law numbers) and "16.4" (a point before one or two digits is
               a decimal point in French too); English "1,000", "1,000.5", "0.25" (and "10 000"
               with a no-break or thin space, never a plain one). Digits with a
               scale word ("1,5 million", "2 milliards" = "2 billion" = 2000000000). Words from
               "zéro"/"zero" up to "milliard"/"billion" ("vingt et un", "quatre-vingt-dix-sept",
               "deux cents", "two hundred and fifty", "trois millions", "a thousand"), "et demi" /
               "and a half" (+ 0.5), approximations ("une quarantaine" = 40, "a dozen" = 12),
               periods ("décennal", "decade" = 10; "biennal", "biennium" = 2).
               Years; both ends of a range ("2014-2015", and "2014-15" or "2014/15" read as 2014
               and 2015; "20142020", a range that lost its dash, as two years); decades ("1990s",
               "années 60" = 1960). Times as the hour on a 24-hour clock, then the minutes unless
               00: "10 heures", "15 h 30", "10 a.m.", "3.30 p.m." (15 and 30), "10:30", "1100
               hours", "midi"/"noon" (12), "minuit"/"midnight" (0).
* percent   -- "20 %", "20%", "20 pour cent", "20 p. 100", "20 per cent", "20 percent", "vingt pour
               cent", and "la moitié" / "half" (50, in words); the first number of a range takes
               the percent of the second ("20-30 %", "entre 20 et 30 %", "20 to 30 per cent").
* ordinal   -- "1er", "1re", "2e", "2ème", "3rd", "8th", "huitième", "vingt et unième", "cent trente
               et unième", "premier", "twenty-fifth", "first"; a Roman numeral with a French
               ordinal ending ("XXIe siècle", "chapitre Ier"). A first day ("1er juin", "du 1er au
               4 juillet") and "article 1er" / "article premier" are cardinals (the English writes
               "1 June", "article 1"); "Premier Ministre" and "the Premier" hold no number.
* ref       -- digits joined by slashes with no letter ("70/1", "55/25", "2/6", "17/10/2016") or by
               several points ("1.2.3"): compared as written.
* paragraph -- the number that opens a text: "20. The values ...", "3. Prend acte", "1) ", "(1) ",
               "2.26 The Office", "6 Il est entendu" (a number, then a capitalised word that is not a
               month). The English side often keeps it while the French does not: never compared.

Footnote markers -- one to three digits glued to a word ("Crime1", "liberté13") or to punctuation
after a word ("(Malvinas)1", "Yugoslavia;1", "range\"18"), and a number glued to a year ("septembre
201442", "2014-20151", "2014.42") -- are cardinals with ``note`` True: they are kept and matched, but
never reported when alone, since the UN corpora often keep them on one side only.

Never numbers: "un", "une", "one" alone (an article, a pronoun: "vingt et un", "un million", "one
hundred" do count); English "hundreds", "millions" without a number; digits glued to a capital letter
(codes: "G20", "UF6", "CO2", "H1N1", "COVID-19", "235U", "5G"; but "Euro131" is a sum); digits in a
slashed token with a letter (document symbols: "A/69/767", "CTOC/COP/2016/6", "E/CN.15/2015/13"),
URLs and e-mail addresses; "1'" (a misread "l'"); square and cubic units ("km2").

``without_counterpart`` and ``pair_by_slot`` then tell, among the numbers left on each side, which
stand in the same place (the same neighbouring word, "paragraphe 1" / "paragraph 4", "neuf postes" /
"0 posts"; or the only one of its kind on each side): a number changed, not one added or dropped.

``words`` is True when a number is not written in Arabic digits (words, Roman numerals): a translator
may rephrase those freely ("trois" / "the three", "biennal" / "two-year"), so ``mismatches`` uses them
as counterparts and reports them only when the other side has another number in words in their place
("eighth session" / "neuvième session").

Pure functions, no I/O; patterns are compiled once per language, on first use.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from typing import Iterable, Iterator, NamedTuple, Sequence

from .text import trie_pattern

from .ordinals import ordinal_value

__all__ = ["Number", "find_numbers", "comparable", "mismatches", "without_counterpart", "pair_by_slot", "same_slot"]


# --------------------------------------------------------------------------------------------------
# Data model


class Number(NamedTuple):
    span: tuple[int, int]   # in the text
    value: str              # canonical value: "1200", "1000.5", "0.25", "20"; a "ref" as written
    kind: str               # "cardinal" | "ordinal" | "percent" | "ref" | "paragraph"
    written: str            # as in the text: text[span[0]:span[1]]
    words: bool             # True when not written in Arabic digits ("trois", "eighth", "XXe")
    note: bool = False      # a footnote marker glued to a word or a year ("Crime1", "201442")


# --------------------------------------------------------------------------------------------------
# Patterns

_SP = " \u00a0\u202f\u2009\u2007"               # spaces inside a number or an expression
_WS = f"[{_SP}]+"
_OWS = f"[{_SP}]*"
_DASH_CHARS = "-\u2010\u2011\u2012\u2013\u2014"
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014"   # for character classes
_HYPHENS = "-\u2010\u2011"
_UPPER = "A-ZÀ-ÖØ-Þ"

_MONTHS = {
    "fr": ("janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
           "septembre", "octobre", "novembre", "décembre", "decembre", "janv", "févr", "avr", "juill",
           "juil", "sept", "oct", "nov", "déc"),
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "jan", "feb", "mar", "apr", "aug", "sept", "oct", "nov",
           "dec"),
}
_ALL_MONTHS = frozenset(_MONTHS["fr"] + _MONTHS["en"])
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}

# Glued after digits: the ordinal endings of each language.
_ORD_SUFFIX = {
    "fr": frozenset({"e", "è", "ème", "eme", "er", "re", "ère", "ere", "es", "èmes", "emes", "ers",
                     "res", "ᵉ", "ᵉʳ", "ʳᵉ", "ᵉˢ"}),
    "en": frozenset({"st", "nd", "rd", "th"}),
}
_SQUARE_UNITS = frozenset({"m", "km", "cm", "mm", "dm"})
# Letters glued before a sum ("Euro131 million", "$A45,000", "US$5").
_CURRENCIES = frozenset({"euro", "euros", "eur", "usd", "chf", "rs", "sfr"})


class _Common:
    """The patterns both languages use, compiled on first use (start-up time matters)."""

    def __init__(self) -> None:
        # The number that opens a text.
        self.paragraph = re.compile(
            rf"[{_SP}\t]*(?:"
            rf"(?P<dot>\d{{1,4}}(?:\.\d{{1,3}})*)\.(?=[{_SP}\t])"                    # "20. ", "3.1. "
            rf"|\(?(?P<paren>\d{{1,3}})\)(?=[{_SP}\t])"                              # "1) ", "(1) "
            rf"|(?P<multi>\d{{1,3}}(?:\.\d{{1,3}})+)(?=[{_SP}\t]+[{_UPPER}])"        # "2.26 The Office"
            rf"|(?P<bare>\d{{1,3}})(?=[{_SP}\t]+(?P<next>[{_UPPER}][^\W\d_]*)(?![\w/.,]\d)))")
        # Tokens no number is read in: URLs, e-mail addresses, slashed tokens with a letter (symbols).
        self.url = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+", re.I)
        self.slashed = re.compile(r"[\w.\-/]*/[\w.\-/]*")
        self.letter = re.compile(r"[^\W\d_]")
        # A Roman numeral with a French ordinal ending: "XXIe", "Ier".
        self.roman = re.compile(r"(?<![\w\-])(M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"
                                r"(er|re|e|ème|è|eme|ᵉʳ|ʳᵉ|ᵉ)(?![\w\-])")
        # What every numeral ``roman_ordinals`` keeps contains: I, V or X alone, or two numeral
        # letters, before the ending. Most texts have none, and this pattern (unlike the one above)
        # lets the regex engine jump from capital to capital.
        self.roman_hint = re.compile(r"[MDCLXVI](?:(?<=[IVX])|[MDCLXVI])(?:er|re|e|ème|è|eme|ᵉʳ|ʳᵉ|ᵉ)(?![\w\-])")
        self.word = re.compile(r"[^\W\d_]+")
        self.glued_after = re.compile(r"[^\W\d_]+")
        # Between two numbers of a range or a pair whose second is a percentage.
        self.range_gap = re.compile(rf"{_OWS}(?:[{_DASHES}]|à|au|et|ou|to|and|or){_OWS}", re.I)
        # What may close a footnote marker glued to punctuation.
        self.note_end = re.compile(r"(?:[\s.,;:)\]]|$)")
        # Before a first day that is a date: "1er juin", "1er et 2 décembre", "1st to 4 July".
        self.day_chain = re.compile(
            rf"(?:{_OWS}(?:,|au|et|à|[{_DASHES}]|to|and|or|ou){_OWS}(?:le{_WS}|the{_WS})?\d{{1,2}}"
            rf"(?:er|st|nd|rd|th)?)*{_WS}(?:of{_WS})?([^\W\d_]+)", re.I)
        self.ministre = re.compile(rf"(?:{_WS}|[{_HYPHENS}])(?:ministre|minister)\b", re.I)
        # "deux ans et demi", "four and a half years": + 0.5
        self.demi = {
            "fr": re.compile(rf"(?:{_WS}[^\W\d_]+)?{_WS}et{_WS}demie?(?![\w])", re.I),
            "en": re.compile(rf"(?:{_WS}|[{_HYPHENS}])and(?:{_WS}|[{_HYPHENS}])a(?:{_WS}|[{_HYPHENS}])half(?![\w])",
                             re.I),
        }
        self.year_run = re.compile(r"(?:19|20)\d\d")
        self.point_groups = re.compile(r"\d{1,3}(?:\.\d{3})+")           # French "18.561"
        # 1-3 digits, a point or a comma, three digits: a decimal or a grouped integer ("Law 26.659").
        self.ambiguous = re.compile(r"(\d{1,3})[.,](\d{3})(?![\d.,])")


_COMMON: list[_Common] = []


def _common() -> _Common:
    if not _COMMON:
        _COMMON.append(_Common())
    return _COMMON[0]


# French words for 0..99 and the English ones, as sequences of words (hyphens and spaces alike).
_FR_UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
             "onze", "douze", "treize", "quatorze", "quinze", "seize"]
_FR_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}
_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
             "nineteen"]
_EN_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty",
            90: "ninety"}
# Words that stand for a number on their own.
_SINGLE_WORDS = {
    "fr": {"midi": 12, "minuit": 0, "moitié": 50, "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20,
           "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100},
    "en": {"noon": 12, "midnight": 0, "half": 50, "decade": 10, "biennial": 2, "biennium": 2, "triennial": 3,
           "quadrennial": 4, "quinquennial": 5, "decennial": 10},
}
_SINGLE_WORDS["fr"].update(
    {stem + end: n
     for stem, n in (("biennal", 2), ("triennal", 3), ("quadriennal", 4), ("quinquennal", 5), ("septennal", 7),
                     ("décennal", 10))
     for end in ("", "e", "es", "s")},
    décennie=10, biennaux=2, triennaux=3, quadriennaux=4, quinquennaux=5, septennaux=7, décennaux=10)
_HALF = frozenset({"moitié", "half"})          # a percent: "la moitié" / "50 per cent"
# Loose readings: a counterpart for a figure of the other side, never reported themselves.
_LOOSE = frozenset(_SINGLE_WORDS["fr"]) | frozenset(_SINGLE_WORDS["en"]) | {"a dozen"}
_EN_ORDINAL_WORDS = frozenset({"first", "second", "third", "fifth", "eighth", "ninth", "twelfth",
                               "hundredth", "thousandth"})


def _fr_forms(n: int) -> list[tuple[str, ...]]:
    """Every way of writing n (0..99) in French, as word sequences."""
    if n <= 16:
        return [(_FR_UNITS[n],)] + ([("une",)] if n == 1 else [])
    if n < 20:
        return [("dix", _FR_UNITS[n - 10])]
    if n < 70:
        tens, unit = divmod(n, 10)
        head: tuple[str, ...] = (_FR_TENS[tens * 10],)
        if unit == 0:
            return [head]
        if unit == 1:
            return [head + ("et", "un"), head + ("et", "une")]
        return [head + (_FR_UNITS[unit],)]
    if n < 80:
        if n == 71:
            return [("soixante", "et", "onze")]
        return [("soixante",) + f for f in _fr_forms(n - 60)]
    if n == 80:
        return [("quatre", "vingts"), ("quatre", "vingt")]
    return [("quatre", "vingt") + f for f in _fr_forms(n - 80)]


def _en_forms(n: int) -> list[tuple[str, ...]]:
    if n < 20:
        return [(_EN_UNITS[n],)]
    tens, unit = divmod(n, 10)
    return [(_EN_TENS[n],)] if unit == 0 else [(_EN_TENS[tens * 10], _EN_UNITS[unit])]


class _Lang:
    """Per-language patterns and word tables."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        if lang == "fr":
            # A group of three after a space never follows a 4-digit run ("en 2015 200 personnes").
            num = (rf"\d{{1,3}}(?:[{_SP}]\d{{3}}(?!\d))+(?:,\d+)?"
                   rf"|\d{{1,3}}(?:\.\d{{3}}(?!\d))+(?![.,]\d)"
                   rf"|\d+(?:[.,]\d+)*")
            times = [rf"(?P<h1>\d{{1,2}}){_OWS}(?:h|heures?)(?:{_OWS}(?P<m1>\d{{2}})(?!\d))?(?![^\W\d_])"]
            percent = rf"{_OWS}%|{_WS}(?:pour{_WS}cent|p\.{_OWS}100|pour{_WS}100)(?![\w]|[{_SP}]?\d)"
            scale = {"million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9,
                     "billion": 10**12, "billions": 10**12, "mille": 10**3}
            forms = {n: _fr_forms(n) for n in range(100)}
            self.hundreds = {"cent": False, "cents": True}     # word -> needs a number before it
            self.lone = frozenset({"un", "une"})
            self.percent_words = re.compile(rf"{_WS}(?:pour{_WS}cent|p\.{_OWS}100)(?![\w]|{_WS}\d)", re.I)
        else:
            # Groups of three after a no-break or thin space too (SI style), never after a plain space.
            num = (r"\d{1,3}(?:,\d{3}(?!\d))+(?:\.\d+)?"
                   r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3}(?!\d))+(?:\.\d+)?"
                   r"|\d+(?:\.\d+)*")
            times = [
                rf"(?P<h1>\d{{1,2}})(?:[.:](?P<m1>\d{{2}}))?{_OWS}"
                r"(?P<ampm>a\.\s?m\.?|p\.\s?m\.?|am|pm|noon|midnight)(?![^\W\d_])",
                r"(?P<h2>\d{1,2}):(?P<m2>\d{2})(?!\d)(?![.,:]\d)",
                # "1100 hours", "between 1100 and 1200 hours", "At 0300,"
                rf"(?P<h3>[01]\d|2[0-4])(?P<m3>[0-5]\d)(?=(?:{_WS}(?:and|to){_WS}|{_OWS}[{_DASHES}]{_OWS})\d{{4}}{_WS}hours"
                rf"|{_OWS}(?:hours|hrs)\b)",
                r"(?<=[Aa]t )(?P<h4>[01]\d|2[0-4])(?P<m4>[0-5]\d)(?=[,;)])",
            ]
            percent = rf"{_OWS}%|(?:{_WS}|-)(?:per(?:{_WS}|-)cent|percent)(?![\w]|[{_SP}]?\d)"
            scale = {"million": 10**6, "billion": 10**9, "trillion": 10**12, "thousand": 10**3}
            forms = {n: _en_forms(n) for n in range(100)}
            self.hundreds = {"hundred": False}
            self.lone = frozenset({"one"})
            self.percent_words = re.compile(rf"{_WS}(?:per{_WS}cent|percent)(?!\w)", re.I)
        self.scale = scale
        self.small: dict[tuple[str, ...], int] = {}
        for n, fs in forms.items():
            for f in fs:
                self.small[f] = n
                self.small[tuple(_fold(w) for w in f)] = n
        self.max_small = max(len(k) for k in self.small)
        self.singles = _SINGLE_WORDS[lang]
        self.starts = (frozenset(k[0] for k in self.small) | frozenset(scale) | frozenset(self.hundreds)
                       | frozenset(self.singles) | {"a"})
        # Can the text hold a number in words at all? One C-level search spares the word-by-word
        # scan for most sentences ("a" only counts before a scale word, which is listed).
        # "un", "une", "one" alone are articles and pronouns; in a number they stand next to a cue
        # of their own ("vingt et un", "un million", "one hundred"), so they need not wake the scan.
        cues = sorted((w for w in self.starts | set(_EN_ORDINAL_WORDS) | {"dozen"}
                       if w not in ("a", "un", "une", "one") and len(w) > 1), key=len, reverse=True)
        # Searched in lowercased text: a case-insensitive pattern costs six times more here.
        # Two plain patterns run faster than one with mixed branches.
        self.maybe_words = re.compile(r"\b(?:" + trie_pattern(w.lower() for w in cues) + r")\b")
        # "ième", "première", "-th" endings; each branch starts with its own letter (two never match
        # at one place), which the regex engine scans for faster than for "(?:four|six|...)th".
        self.maybe_ordinal = re.compile(r"i(?:[eè]mes?|eth)\b|fourth\b|s(?:ixth|eventh)\b|t(?:e(?:nth|enth)|housandth)\b"
                                        r"|eleventh\b|hundredth\b|millionth\b|premi")
        # A reference (slashed digits), a time, then any number; never from inside a number.
        self.digits = re.compile(
            rf"(?<!\d)(?:(?P<ref>\d+(?:/\d+)+)(?![\d/])|{'|'.join(times)}|(?P<num>{num}))")
        self.percent = re.compile(percent, re.I)
        scale_words = "|".join(sorted(scale, key=len, reverse=True))
        self.scale_after = re.compile(rf"(\)?){_WS}({scale_words})(?![\w\-])", re.I)
        self.months = frozenset(_MONTHS[lang])
        self.demi = _common().demi[lang]


_LANGS: dict[str, _Lang] = {}


def _lang(lang: str) -> _Lang:
    """A language's patterns, compiled on first use (a French draft never pays for English)."""
    if lang not in _LANGS:
        if lang not in ("fr", "en"):
            raise ValueError(f"unsupported language {lang!r} (expected 'fr' or 'en')")
        _LANGS[lang] = _Lang(lang)
    return _LANGS[lang]


# --------------------------------------------------------------------------------------------------
# Helpers


def _fold(s: str) -> str:
    return s.replace("é", "e").replace("è", "e").replace("ê", "e")


def _canon(int_digits: str, frac_digits: str = "", shift: int = 0) -> str:
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


def _plus_half(value: str) -> str:
    whole, _, frac = value.partition(".")
    if frac:
        return value
    return f"{whole}.5"


def _code_or_canon(whole: str, frac: str) -> str:
    """A run such as "0800" or "041" (a code, a telephone number) keeps its digits as written."""
    if not frac and len(whole) >= 3 and whole.startswith("0"):
        return whole
    return _canon(whole, frac)


def _roman(s: str) -> int:
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN_VALUES[c]
        total += -v if i + 1 < len(s) and _ROMAN_VALUES[s[i + 1]] > v else v
    return total


def _is_year(s: str) -> bool:
    return len(s) == 4 and s.isdigit() and 1900 <= int(s) <= 2099


def _year_end(first: int, second: str) -> int | None:
    """The end year of "2014-15", "2014/15", "2014/2015"; None when not a year pair."""
    if len(second) == 4:
        v = int(second)
    elif len(second) == 2:
        v = first // 100 * 100 + int(second)
    else:
        return None
    return v if 0 < v - first <= 10 else None


class _Spans:
    """Spans asked whether they overlap a span, in logarithmic time: their starts sorted, and the
    furthest end reached by any span up to each start (a paragraph of 8,000 dates asked once per
    number was quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = self.spans = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []
        furthest = -1
        for _, b in ordered:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def __bool__(self) -> bool:
        return bool(self.starts)


def _overlaps(span: tuple[int, int], spans: "_Spans") -> bool:
    s, e = span
    i = bisect_left(spans.starts, e)  # the spans that start before this one ends
    return i > 0 and spans.reach[i - 1] > s


def _letters_before(text: str, pos: int) -> str:
    j = pos
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return text[j:pos]


def _word_before(text: str, pos: int) -> str:
    """The word ending before the spaces at ``pos``, lowercase ('' when none)."""
    j = pos
    while j > 0 and text[j - 1] in _SP:
        j -= 1
    if j == pos:
        return ""
    return _letters_before(text, j).lower()


def _blocked_spans(text: str, exclude: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = [(int(s), int(e)) for s, e in exclude]
    if "/" in text:
        spans.extend(m.span() for m in _common().slashed.finditer(text) if _common().letter.search(m.group(0)))
    if "@" in text or "www" in text or "http" in text:
        spans.extend(m.span() for m in _common().url.finditer(text))
    return spans


def _ordinal_word(cand: str, lang: str) -> int | None:
    """An ordinal written in words in ``lang`` ("vingt-cinquième", "twenty-fifth")."""
    c = cand.replace("\u2011", "-").replace("\u2010", "-").replace("-et-", " et ")
    if lang == "fr":
        c = c.replace("ieme", "ième")
        if not (c.endswith(("ième", "ièmes")) or c.startswith("premi")):
            return None
        v = ordinal_value(c)
        if v is None and c.endswith("s"):
            v = ordinal_value(c[:-1])
        return v if v is not None else {"centième": 100, "millième": 1000}.get(c)
    if not c.isascii() or not c.endswith(("th", "first", "second", "third")):
        return None                                    # "the Premier" of a Territory
    v = ordinal_value(c)
    return v if v is not None else {"hundredth": 100, "thousandth": 1000}.get(c)


# --------------------------------------------------------------------------------------------------
# Scanning


class _Scan:
    def __init__(self, text: str, lang: str, exclude: Iterable[tuple[int, int]]) -> None:
        self.text = text
        self.lang = lang
        self.L = _lang(lang)
        self.C = _common()
        self.blocked = _Spans(_blocked_spans(text, exclude))
        self.out: list[Number] = []
        self.taken: list[tuple[int, int]] = []     # text read by the digit pass, incl. "%", "heures"

    def add(self, s: int, e: int, value: str, kind: str, words: bool = False, note: bool = False,
            taken_end: int | None = None) -> None:
        self.out.append(Number((s, e), value, kind, self.text[s:e], words, note))
        self.taken.append((s, max(e, taken_end or e)))

    # -- digits -----------------------------------------------------------------------------------

    def paragraph(self) -> int:
        m = self.C.paragraph.match(self.text)
        if not m:
            return 0
        g = next(k for k in ("dot", "paren", "multi", "bare") if m.group(k))
        if g == "bare" and m.group("next").lower().rstrip(".") in _ALL_MONTHS:
            return 0                                  # "15 January 2015: ..."
        s, e = m.span(g)
        if _overlaps((s, e), self.blocked):
            return 0
        written = m.group(g)
        self.add(s, e, written if "." in written else _canon(written), "paragraph")
        return m.end()

    def digits(self, start: int) -> None:
        text, L = self.text, self.L
        for m in _digit_matches(L.digits, text, start):
            s, e = m.span()
            if (self.taken and s < self.taken[-1][1]) or _overlaps((s, e), self.blocked):
                continue                             # "p. 100" after "20", a symbol
            before = text[s - 1] if s > 0 else ""
            note = False
            if before.isalpha() or (before in _HYPHENS and s > 1 and text[s - 2].isalpha()):
                # Glued to letters: a code ("G20", "COVID-19"), a footnote marker ("Crime1"), a year
                # that lost its hyphen ("post2015"), a sum ("Euro131").
                letters = _letters_before(text, s if before.isalpha() else s - 1)
                run = m.group(0)
                if letters.lower() in _CURRENCIES or text[s - len(letters) - 1:s - len(letters)] == "$":
                    pass                             # "Euro131 million", "$A45,000"
                elif letters[-1].isupper() and not (before in _HYPHENS and not letters.isupper()):
                    continue
                elif before.isalpha() and letters.lower() in _SQUARE_UNITS and run in ("2", "3"):
                    continue
                elif before.isalpha() and m.group("num") and len(run) <= 3 and run.isdigit():
                    note = True
            elif before and before in ".;:,)]\"”»'’" and s > 1 and (
                    text[s - 2].isalpha() or text[s - 2] in ")\"”»'’"
                    or (before in ";:," and _is_year(text[s - 5:s - 1]) and not text[s - 6:s - 5].isdigit())):
                run = m.group(0)
                if m.group("num") and run.isdigit() and len(run) <= 3 and self.C.note_end.match(text, e):
                    note = True                      # "(Malvinas)1", "Yugoslavia;1", "position.2", "2015;2"
            if m.group(0) == "1" and text[e:e + 1] in "'’" and text[e + 1:e + 2].isalpha():
                continue                             # "1'espace": a misread "l'"
            if m.group("ref"):
                self.ref(m)
            elif m.group("num"):
                self.number(m, note)
            else:
                self.time(m)

    def glued_after(self, e: int) -> str:
        g = self.C.glued_after.match(self.text, e)
        return g.group(0) if g else ""

    def ref(self, m: re.Match) -> None:
        s, e = m.span()
        parts = m.group("ref").split("/")
        # A year pair "2014/15", "2014/2015": two cardinals, as "2014-2015".
        if len(parts) == 2 and _is_year(parts[0]):
            second = _year_end(int(parts[0]), parts[1])
            if second is not None:
                self.add(s, s + 4, parts[0], "cardinal")
                self.add(s + 5, e, str(second), "cardinal")
                return
        if not self.glued_after(e):
            self.add(s, e, self.text[s:e], "ref")

    def time(self, m: re.Match) -> None:
        k = next(i for i in "1234" if m.group("h" + i) is not None) if self.lang == "en" else "1"
        hg, mg = "h" + k, "m" + k
        hour = int(m.group(hg))
        minutes = m.group(mg)
        ampm = ((m.group("ampm") if k == "1" and self.lang == "en" else None) or "").lower()
        if hour > 24 or (minutes and int(minutes) > 59):
            self.add(*m.span(hg), _canon(m.group(hg)), "cardinal")
            if minutes:
                self.add(*m.span(mg), _canon(minutes), "cardinal")
            return
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        elif ampm == "midnight" and hour == 12:
            hour = 0
        self.add(*m.span(hg), str(hour), "cardinal", taken_end=m.end())
        if minutes and minutes != "00":
            self.add(*m.span(mg), str(int(minutes)), "cardinal", taken_end=m.end())

    def number(self, m: re.Match, note: bool) -> None:
        text, L, lang = self.text, self.L, self.lang
        s, e = m.span("num")
        written = text[s:e]
        plain = written
        for sp in _SP:
            plain = plain.replace(sp, "")
        seps = plain.count(",") + plain.count(".")
        if lang == "en":
            whole, _, frac = plain.replace(",", "").partition(".")
            several = plain.count(".") > 1
        elif self.C.point_groups.fullmatch(plain):
            whole, frac, several = plain.replace(".", ""), "", False       # "18.561"
        else:
            whole, _, frac = plain.replace(".", ",").partition(",")
            several = seps > 1
        if several:
            if not self.glued_after(e):
                self.add(s, e, written, "ref")            # "1.2.3": a section number
            return
        if self.glued_years(s, e, whole, frac):
            return
        prev = self.out[-1] if self.out else None
        # A year range written short: "2014-15" -> 2015.
        if (prev is not None and prev.kind == "cardinal" and not prev.words and _is_year(prev.value)
                and not frac and len(whole) == 2 and prev.span[1] == s - 1 and text[s - 1] in _DASH_CHARS):
            second = _year_end(int(prev.value), whole)
            if second is not None:
                self.add(s, e, str(second), "cardinal")
                return
        glued = self.glued_after(e)
        if glued:
            after = e + len(glued)
            if after < len(text) and text[after].isdigit():
                return                                   # "1N1", "2B2"
            if glued[0].isupper() and not (len(glued) > 2 and glued[1:].islower()):
                return                                   # "235U", "5G", "041A"; not "2013December"
            low = glued.lower()
            if low in _ORD_SUFFIX[lang] and not frac:
                kind = "ordinal"
                if whole in ("1", "01") and low in ("er", "ᵉʳ", "st") and self.first_is_cardinal(s, after):
                    kind = "cardinal"                    # "1er juin", "article 1er"
                self.add(s, after, _canon(whole), kind)
                return
            if lang == "fr" and low == "h":
                return                                   # "100h" (not a time): a code
            # "1990s", "100km", "20112012b", "2013December": the number, its letters left out.
            self.add(s, e, _code_or_canon(whole, frac), "cardinal", note=note)
            return
        value = _code_or_canon(whole, frac)
        if lang == "fr" and len(whole) == 2 and not frac and _word_before(text, s) == "années":
            value = "19" + whole                         # "années 60" = the 1960s
        end = e
        sc = L.scale_after.match(text, e)
        if sc and not (sc.group(1) and text[s - 1:s] != "("):
            mult = L.scale[sc.group(2).lower()]
            value = _canon(whole, frac, len(str(mult)) - 1)
            end = sc.end() if not sc.group(1) else e
        elif not frac:
            d = L.demi.match(text, e)
            if d:
                value = _plus_half(value)
        p = L.percent.match(text, end)
        if p:
            self.add(s, p.end(), value, "percent")
            return
        self.add(s, end, value, "cardinal", note=note, taken_end=sc.end() if sc else end)

    def glued_years(self, s: int, e: int, whole: str, frac: str) -> bool:
        """A range that lost its dash ("20142020") or a year with a footnote marker glued to it
        ("septembre 201442", "2014-20151", "2014.42"): read as the years and the marker."""
        text = self.text
        if not frac and len(whole) == 8 and self.C.year_run.fullmatch(whole[:4]) and self.C.year_run.fullmatch(whole[4:]):
            if _year_end(int(whole[:4]), whole[4:]) is not None:
                self.add(s, s + 4, whole[:4], "cardinal")
                self.add(s + 4, e, whole[4:], "cardinal")
                return True
            return False
        prev = self.out[-1] if self.out else None
        if not frac and 5 <= len(whole) <= 7 and self.C.year_run.fullmatch(whole[:4]):
            after_range = (prev is not None and _is_year(prev.value) and prev.span[1] == s - 1
                           and text[s - 1] in _DASH_CHARS and _year_end(int(prev.value), whole[:4]))
            after_month = _word_before(text, s) in self.L.months
            if after_range or after_month:
                self.add(s, s + 4, whole[:4], "cardinal")
                self.add(s + 4, e, _canon(whole[4:]), "cardinal", note=True)
                return True
        if (frac and len(frac) <= 3 and _is_year(whole) and text[s:e] == f"{whole}.{frac}"
                and (e == len(text) or text[e] in _SP)):
            self.add(s, s + 4, whole, "cardinal")
            self.add(s + 5, e, _canon(frac), "cardinal", note=True)
            return True
        return False

    def first_is_cardinal(self, s: int, e: int) -> bool:
        """A "1er"/"1st" that is a day ("1er juin", "1er et 2 décembre") or an article number."""
        d = self.C.day_chain.match(self.text, e)
        if d and d.group(1).lower() in self.L.months:
            return True
        return _word_before(self.text, s) in ("article", "articles", "art")

    # -- words ------------------------------------------------------------------------------------

    def words(self) -> None:
        text, L, lang = self.text, self.L, self.lang
        low = text.lower()
        cues = [m.span() for m in L.maybe_words.finditer(low)] + [m.span() for m in L.maybe_ordinal.finditer(low)]
        if not cues:
            return
        cues.sort()
        # Only the words around a cue can belong to a number in words: scan those windows, which
        # merge where cues are close ("quatre-vingt-dix-neuf mille neuf cents").
        windows: list[list[int]] = []
        for s, e in cues:
            s, e = max(0, s - 48), e + 48
            if windows and s <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], e)
            else:
                windows.append([s, e])
        pieces = []
        read = _Spans([*self.taken, *self.blocked.spans])  # words inside these are not read
        for s, e in windows:
            for m in self.C.word.finditer(text, s, e):
                span = m.span()
                if not (read and _overlaps(span, read)):
                    pieces.append(span)
        if not pieces:
            return
        low = [text[a:b].lower() for a, b in pieces]
        n = len(pieces)
        seps = [""] * n
        for i in range(1, n):
            gap = text[pieces[i - 1][1]:pieces[i][0]]
            if gap == " ":  # the commonest, decided at once
                seps[i] = " "
            elif len(gap) == 1 and gap in _HYPHENS:
                seps[i] = "-"
            elif gap and len(gap) <= 2 and all(c in _SP for c in gap):
                seps[i] = " "
        self.pieces, self.low, self.seps = pieces, low, seps
        self.folded = [_fold(w) for w in low]
        used = [False] * n
        self.used = used

        # Ordinals first: "vingt-cinquième" must not read as "vingt".
        for i in range(n):
            w = low[i]
            if not (w.endswith(("ième", "ieme", "ièmes", "iemes", "th")) or w.startswith("premi")
                    or w in _EN_ORDINAL_WORDS):
                continue
            found = None
            for k in range(max(0, i - 3), i + 1):      # longest first: up to three words before it
                if any(used[j] for j in range(k, i + 1)) or any(not seps[j] for j in range(k + 1, i + 1)):
                    continue
                cand = low[k] + "".join(seps[j] + low[j] for j in range(k + 1, i + 1))
                v = _ordinal_word(cand, lang)
                if v is not None:
                    found = (k, v)
                    break
            if found is None:
                continue
            k, v = found
            s, e = pieces[k][0], pieces[i][1]
            if lang == "fr" and low[k].startswith("premi") and k == i:
                if self.C.ministre.match(text, e):
                    continue                                  # "Premier Ministre"
                if _word_before(text, s) in ("article", "articles"):
                    self.mark(k, i + 1)
                    self.out.append(Number((s, e), "1", "cardinal", text[s:e], True))
                    continue
            # "cent trente et unième", "one hundred and thirty-first"
            j0 = k - 1 if lang == "en" and k > 0 and low[k - 1] == "and" and seps[k] else k
            for j in range(max(0, j0 - 4), j0):
                if not seps[j0] or used[j]:
                    continue
                r = self.cardinal_words(j, stop=j0)
                if r is not None and r[1] == j0 and r[0] % 100 == 0:
                    v += r[0]
                    s, k = pieces[j][0], j
                    break
            self.mark(k, i + 1)
            self.out.append(Number((s, e), str(v), "ordinal", text[s:e], True))

        i = 0
        while i < n:
            if used[i] or low[i] not in L.starts:
                i += 1
                continue
            r = self.cardinal_words(i)
            if r is None:
                i += 1
                continue
            value, j = r
            s, e = pieces[i][0], pieces[j - 1][1]
            self.mark(i, j)
            v = str(value)
            kind = "cardinal"
            if low[i] in _HALF:
                kind = "percent"
            elif L.percent_words.match(text, e):
                kind = "percent"
            elif L.demi.match(text, e):
                v = _plus_half(v)
            self.out.append(Number((s, e), v, kind, text[s:e], True))
            i = j

    def mark(self, a: int, b: int) -> None:
        for t in range(a, b):
            self.used[t] = True

    def small_at(self, j: int, stop: int) -> tuple[int, int] | None:
        L, seps, used = self.L, self.seps, self.used
        # The words from j that may form one number: not yet read, each joined to the one before.
        size, top = 0, min(L.max_small, stop - j)
        while size < top and not used[j + size] and (size == 0 or seps[j + size]):
            size += 1
        for size in range(size, 0, -1):  # the longest first
            v = L.small.get(tuple(self.folded[j:j + size]))
            if v is not None:
                return v, j + size
        return None

    def cardinal_words(self, i: int, stop: int | None = None) -> tuple[int, int] | None:
        """The number written in words from piece i: (value, index after its last piece)."""
        L, low, seps, used = self.L, self.low, self.seps, self.used
        n = len(low) if stop is None else stop
        en = self.lang == "en"
        if low[i] in L.singles:
            if low[i] == "half":
                if i > 0 and low[i - 1] in ("and", "a", "one") and seps[i]:
                    return None                            # "two and a half", "a half-day"
                return L.singles["half"], i + 1
            if en or i == 0 or not low[i].endswith("aine") or low[i - 1] in ("une", "des", "d", "quelque"):
                return L.singles[low[i]], i + 1
            return None
        total = group = 0
        has_small = has_hundred = False
        last_scale = 10**16
        j = i
        end = i
        value = None
        lone = True            # only "un", "une" or "one": an article or a pronoun
        while j < n and not used[j]:
            if j > i and not seps[j]:
                break
            w = low[j]
            if en and w == "and" and (has_hundred or total) and not has_small and j + 1 < n and seps[j + 1]:
                sm = self.small_at(j + 1, n)
                if sm is None:
                    break
                group += sm[0]
                has_small, lone = True, False
                j = end = sm[1]
                value = total + group
                continue
            if en and w == "a" and j == i:
                if j + 1 < n and seps[j + 1] and (low[j + 1] in L.hundreds or low[j + 1] in L.scale
                                                   or low[j + 1] == "dozen"):
                    if low[j + 1] == "dozen":
                        return 12, j + 2
                    group, lone = 1, False
                    j += 1
                    continue
                return None
            sm = self.small_at(j, n)
            if sm is not None:
                if has_small:
                    break
                group += sm[0]
                has_small = True
                if not (sm[1] - j == 1 and w in L.lone):
                    lone = False
                j = end = sm[1]
                value = total + group
                continue
            if w in L.hundreds:
                if has_hundred or (group == 0 and (L.hundreds[w] or en)) or group >= 100:
                    break
                if group == 0 and j > 0 and low[j - 1] == "pour":
                    break                                  # "pour cent"
                group = (group or 1) * 100
                has_hundred, has_small, lone = True, False, False
                j = end = j + 1
                value = total + group
                if w == "cents":
                    break
                continue
            if w in L.scale:
                S = L.scale[w]
                if S >= last_scale or (group == 0 and not (w == "mille" and j == i)):
                    break
                total += (group or 1) * S
                group = 0
                has_small = has_hundred = lone = False
                last_scale = S
                j = end = j + 1
                value = total
                continue
            break
        if value is None or lone:
            return None
        return value, end

    # -- both passes done -------------------------------------------------------------------------

    def roman_ordinals(self) -> None:
        text = self.text
        if not self.C.roman_hint.search(text):
            return
        taken = _Spans(self.taken)
        for m in self.C.roman.finditer(text):
            roman = m.group(1)
            if not roman or (len(roman) == 1 and roman not in "IVX"):
                continue                                   # "Ce", "Le", "De", "Me"
            if _overlaps(m.span(), self.blocked) or _overlaps(m.span(), taken):
                continue
            v = _roman(roman)
            if m.group(2).lower() in ("er", "ᵉʳ") and v != 1:
                continue
            self.add(m.start(), m.end(), str(v), "ordinal", words=True)

    def finish(self) -> list[Number]:
        out = sorted(self.out, key=lambda x: x.span)
        # "20-30 %", "entre 20 et 30 %", "20 to 30 per cent": the range is in per cent.
        text = self.text
        for idx in range(len(out) - 2, -1, -1):
            a, b = out[idx], out[idx + 1]
            if (a.kind == "cardinal" and b.kind == "percent" and not a.note and not _is_year(a.value)
                    and self.C.range_gap.fullmatch(text, a.span[1], b.span[0])):
                out[idx] = a._replace(kind="percent")
        return out


# --------------------------------------------------------------------------------------------------
# API


_DIGIT = re.compile(r"\d")
_DIGIT_RUNS = re.compile(r"\d+")


def _digit_matches(pattern: re.Pattern, text: str, start: int) -> Iterator[re.Match]:
    """``pattern.finditer(text, start)`` for a pattern whose every match begins a run of digits
    (it opens with ``(?<!\\d)`` and a digit). The regex engine cannot skip ahead to a lookbehind
    and would try the pattern at every character; here it is tried where a run of digits begins."""
    pos = start
    for run in _DIGIT_RUNS.finditer(text, start):
        if run.start() < pos:
            continue  # inside the previous match
        m = pattern.match(text, run.start())
        if m:
            yield m
            pos = m.end()


def find_numbers(text: str, lang: str, exclude: Sequence[tuple[int, int]] = ()) -> list[Number]:
    """Every number of ``text`` (in ``lang``, "fr" or "en") in text order; numbers overlapping a span
    of ``exclude`` (a symbol, a date the caller has read) are left out."""
    scan = _Scan(text, lang, exclude)
    start = scan.paragraph()
    if _DIGIT.search(text, start):
        scan.digits(start)
    if lang == "fr":
        scan.roman_ordinals()
    scan.words()
    return [x for x in scan.finish() if not _overlaps(x.span, scan.blocked)]


def _key(n: Number) -> tuple[str, str]:
    if n.kind == "ref":
        return "ref", " ".join(n.written.split())
    return n.kind, n.value


def comparable(numbers: Iterable[Number]) -> Counter:
    """The multiset of (group, value) to compare across languages, paragraph numbers left out:
    groups "cardinal", "ordinal", "percent" compare canonical values, "ref" the text as written
    (spaces normalised)."""
    return Counter(_key(n) for n in numbers if n.kind != "paragraph")


_CROSS = {"cardinal": "ordinal", "ordinal": "cardinal"}


def _readings(x: Number) -> list[tuple[str, str]]:
    """The keys a digit number may stand for: its own; for "26.659" or "1,000" the other reading of
    the separator; for "20152" a year with a footnote mark glued to it ("pour 20152;" / "for
    2015;2": UN style groups five digits, "20 152" and "20,152")."""
    k = _key(x)
    if x.kind in ("cardinal", "percent"):
        m = _common().ambiguous.match(x.written)
        if m:
            return [k, (x.kind, _canon(m.group(1) + m.group(2))), (x.kind, _canon(m.group(1), m.group(2)))]
        w = x.written
        if x.kind == "cardinal" and 5 <= len(w) <= 6 and w.isdigit() and _is_year(w[:4]):
            return [k, ("cardinal", w[:4])]
    return [k]


def mismatches(src: Sequence[Number], tgt: Sequence[Number]) -> tuple[list[Number], list[Number]]:
    """The digit numbers of ``src`` with no counterpart in ``tgt``, and those of ``tgt`` with none in
    ``src``, in text order.

    A counterpart has the same group and value (a "ref" the same text), in digits or in words; a
    number in words may also stand for a digit number of the other of cardinal/ordinal ("première
    partie" / "part 1", "douzième réunion" / "COP 12"). Numbers are paired one for one, but a value
    written more often on one side than on the other is reported only when the other side also
    has a number without counterpart: a translation may repeat "the 15-working-day limit" or say
    "24 heures sur 24" once, while "2011 ... 2011" for "2011 ... 2012" is a change. "26.659" and
    "1,000" may be read either way (decimal or grouped), and four digits that are not a year may be
    a range that lost its dash ("aged 1564" / "15-64 ans").

    Never reported: footnote markers (``note``), paragraph numbers, a cardinal 1 (the other side
    may say "un", "une", "one", which are never read as numbers), and a number in words, unless
    the other side has a number of the same kind in words without counterpart either: "eighth" /
    "neuvième" is a change, while "trois" / "4" (only the "4" is reported) or "trois" / nothing may
    be a rephrasing. Loose readings ("moitié", "décennal", "une quarantaine", "midi") are never
    reported."""
    def counts(nums: Sequence[Number]) -> tuple[Counter, Counter]:
        every: Counter = Counter()
        words: Counter = Counter()
        for x in nums:
            if x.kind != "paragraph":
                every[_key(x)] += 1
                if x.words:
                    words[_key(x)] += 1
                elif not x.note:
                    # "20152" also answers a "2015" of the other side (a year and its footnote mark).
                    for k in _readings(x)[1:]:
                        if k[1] == x.written[:4]:
                            every[k] += 1
        return every, words

    def unmatched(nums: Sequence[Number], other: tuple[Counter, Counter]) -> tuple[list[Number], list[Number]]:
        """(numbers whose value the other side lacks, numbers the other side has fewer times)."""
        every, words = other
        used: Counter = Counter()
        hard, soft = [], []
        # Numbers in words take their counterparts first, one each: in "Trois (3) hommes" /
        # "Three (4) men" the "three" answers "trois", and the 3 is left without a counterpart.
        for x in nums:
            if x.kind == "paragraph" or not x.words:
                continue
            for k in [_key(x)] + ([(_CROSS[x.kind], x.value)] if x.kind in _CROSS else []):
                if used[k] < every[k]:
                    used[k] += 1
                    break
        for x in nums:
            if x.kind == "paragraph" or x.words or x.note:
                continue
            keys = [k for k in _readings(x) if every[k]]
            if not keys and x.kind in _CROSS and words[(_CROSS[x.kind], x.value)]:
                keys = [(_CROSS[x.kind], x.value)]
            if not keys:
                hard.append(x)
                continue
            free = [k for k in keys if used[k] < every[k]]
            if free:
                used[free[0]] += 1
            else:
                soft.append(x)
        return hard, soft

    def lost_dashes(a: list[Number], b: list[Number], b_keys: Counter) -> tuple[list[Number], list[Number]]:
        for x in list(a):
            w = x.written
            if x.kind == "cardinal" and len(w) == 4 and w.isdigit() and not _is_year(w):
                lo, hi = str(int(w[:2])), str(int(w[2:]))
                if int(lo) < int(hi) and b_keys[("cardinal", lo)] and b_keys[("cardinal", hi)]:
                    a.remove(x)
                    b = [y for y in b if not (y.kind == "cardinal" and y.value in (lo, hi))]
        return a, b

    def not_one(xs: list[Number]) -> list[Number]:
        return [x for x in xs if not (x.kind == "cardinal" and x.value == "1")]

    def words_without(nums: Sequence[Number], every: Counter) -> list[Number]:
        """Numbers in words without counterpart, leaving out loose readings ("moitié", "biennal")."""
        return [x for x in nums if x.words and x.kind != "paragraph" and not every[_key(x)]
                and not (x.kind in _CROSS and every[(_CROSS[x.kind], x.value)])
                and not (x.kind == "cardinal" and x.value == "1") and x.written.lower() not in _LOOSE]


    src_counts, tgt_counts = counts(src), counts(tgt)
    hard_src, soft_src = unmatched(src, tgt_counts)
    hard_tgt, soft_tgt = unmatched(tgt, src_counts)
    hard_src, hard_tgt = lost_dashes(hard_src, hard_tgt, tgt_counts[0])
    hard_tgt, hard_src = lost_dashes(hard_tgt, hard_src, src_counts[0])
    hard_src, soft_src, hard_tgt, soft_tgt = map(not_one, (hard_src, soft_src, hard_tgt, soft_tgt))
    miss_src = hard_src + (soft_src if hard_tgt or soft_tgt else [])
    miss_tgt = hard_tgt + (soft_tgt if hard_src or soft_src else [])
    # Numbers in words are reported when both sides have one of the same kind without counterpart:
    # "eighth session" / "neuvième session" is a change, "trois" / "4" may be a rephrasing.
    words_src, words_tgt = words_without(src, tgt_counts[0]), words_without(tgt, src_counts[0])
    kinds_src, kinds_tgt = {x.kind for x in words_src}, {x.kind for x in words_tgt}
    miss_src += [x for x in words_src if x.kind in kinds_tgt]
    miss_tgt += [x for x in words_tgt if x.kind in kinds_src]
    return sorted(miss_src, key=lambda x: x.span), sorted(miss_tgt, key=lambda x: x.span)


# --------------------------------------------------------------------------------------------------
# Numbers in the same slot


# Words that name the same slot in French and English and share no stem ("point 9" / "item 9").
_SLOT_WORDS = {
    "point": "item", "points": "items", "an": "year", "ans": "years", "année": "year", "années": "years",
    "jour": "day", "jours": "days", "mois": "month", "semaine": "week", "semaines": "weeks",
    "heure": "hour", "heures": "hours", "fois": "times", "pays": "countries", "état": "state",
    "états": "states", "séance": "meeting", "séances": "meetings", "réunion": "meeting",
    "réunions": "meetings", "niveau": "level", "femmes": "women", "enfants": "children",
    "hommes": "men", "personnes": "people", "postes": "posts", "alinéa": "subparagraph",
    "par": "para", "tableau": "table", "tableaux": "tables", "chapitre": "chapter", "annexe": "annex",
}
_SLOT_SAME = {frozenset((_fold(fr), en)) for fr, en in _SLOT_WORDS.items()}
_NEIGHBOUR = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_SKIP_BEFORE = frozenset({"le", "la", "les", "l", "de", "des", "du", "d", "au", "aux", "à", "en", "the", "of",
                          "in", "to", "at", "a", "an", "et", "and", "for", "pour", "sur", "on", "by", "par"})


def _neighbours(text: str, n: Number) -> tuple[str, list[str]]:
    """The word before a number (articles and prepositions passed over) and the two words after
    it (an English adjective comes before its noun: "3 regional projects" / "trois projets")."""
    before = [w.group(0) for w in _NEIGHBOUR.finditer(text, max(0, n.span[0] - 40), n.span[0])]
    while before and before[-1].lower() in _SKIP_BEFORE and len(before) > 1:
        before.pop()
    after = [w.group(0).lower() for w in _NEIGHBOUR.finditer(text, n.span[1], min(len(text), n.span[1] + 40))][:2]
    return (before[-1].lower() if before else ""), after


def _same_word(a: str, b: str) -> bool:
    """One word in French and English: the same, the same stem ("paragraphe" / "paragraph",
    "catégorie" / "category", "postes" / "posts"), or a pair of _SLOT_WORDS ("point" / "item")."""
    if not a or not b:
        return False
    a, b = _fold(a).replace("ç", "c"), _fold(b).replace("ç", "c")
    if a == b or frozenset((a, b)) in _SLOT_SAME:
        return True
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n >= 4 and n * 2 >= min(len(a), len(b))


def same_slot(a_text: str, a: Number, b_text: str, b: Number) -> bool:
    """Do two numbers of a source and its translation stand in the same words: the same word
    before them ("paragraphe 1" / "paragraph 4") or after them ("neuf postes" / "0 posts",
    "1 P-5" / "4 P-5")?"""
    (ab, aa), (bb, ba) = _neighbours(a_text, a), _neighbours(b_text, b)
    if aa[:1] and aa[:1] == ba[:1] and not aa[0].isdigit():
        return True  # "1 P-5" / "4 P-5"
    return _same_word(ab, bb) or any(x[:1].isalpha() and _same_word(x, y) for x in aa for y in ba)


def without_counterpart(nums: Sequence[Number], other: Sequence[Number]) -> list[Number]:
    """The numbers of ``nums`` whose value ``other`` does not have in any reading, the ones
    ``mismatches`` never reports included: a cardinal 1 (the other side may say "one"), a number
    in words ("neuf"), but not a loose reading ("une trentaine", "biennal") nor a footnote mark."""
    keys = comparable(other)
    out = []
    for x in nums:
        if x.kind in ("paragraph", "ref") or x.note or x.written.lower() in _LOOSE:
            continue
        if any(keys[k] for k in _readings(x)) or (x.kind in _CROSS and keys[(_CROSS[x.kind], x.value)]):
            continue
        out.append(x)
    return out


_COMPARABLE_KINDS = {"cardinal": "n", "ordinal": "n", "percent": "p"}


def _may_pair(x: Number, y: Number) -> bool:
    """A number in words stands only for a number of its own kind, never a year ("quatrième
    Conférence" is not "(1995)")."""
    if not (x.words or y.words):
        return True
    return x.kind == y.kind and not _is_year(x.value) and not _is_year(y.value)


def _magnitude(x: Number) -> int:
    return len(x.value.partition(".")[0])


def pair_by_slot(a: Sequence[tuple[str, Number]], b: Sequence[tuple[str, Number]]) -> list[tuple[Number, Number]]:
    """Numbers of one side and of the other (each without a counterpart across, each given with
    the text its span points into) that take the same place: first those with the same
    neighbouring word ("paragraphe 1" / "paragraph 4", "1 P-5" / "4 P-5"), then, among the rest,
    the only ones of their kind on each side: a figure for a figure ("point 9" / "item 1"), a
    number in words only for a figure of the same order ("trois" / "6", "neuf" / "0"), since a
    translation may convert a unit ("quatre hectares" / "10-acre"). Each is paired once."""
    pairs: list[tuple[Number, Number]] = []
    left_a, left_b = list(a), list(b)
    for item in list(left_a):
        a_text, x = item
        kind = _COMPARABLE_KINDS.get(x.kind)
        hit = next(((t, y) for t, y in left_b if _COMPARABLE_KINDS.get(y.kind) == kind and _may_pair(x, y)
                    and same_slot(a_text, x, t, y)), None)
        if hit is not None:
            pairs.append((x, hit[1]))
            left_b.remove(hit)
            left_a.remove(item)
    for kind in set(_COMPARABLE_KINDS.values()):
        xs = [x for _, x in left_a if _COMPARABLE_KINDS.get(x.kind) == kind]
        ys = [y for _, y in left_b if _COMPARABLE_KINDS.get(y.kind) == kind]
        if len(xs) == 1 and len(ys) == 1 and _may_pair(xs[0], ys[0]) and (
                not (xs[0].words or ys[0].words) or _magnitude(xs[0]) == _magnitude(ys[0])):
            pairs.append((xs[0], ys[0]))
    return pairs
