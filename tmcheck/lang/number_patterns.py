"""The patterns and word tables of the numbers scanner (see lang/numbers.py), French and English.

Patterns both languages use are compiled on first use (:func:`common`), and each language's on
first use of that language (:func:`lang_patterns`): a French draft never pays for English.
"""

from __future__ import annotations

import re

from .text import trie_pattern

SP = " \u00a0\u202f\u2009\u2007"               # spaces inside a number or an expression
WS = f"[{SP}]+"
OWS = f"[{SP}]*"
DASH_CHARS = "-\u2010\u2011\u2012\u2013\u2014"
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014"   # for character classes
HYPHENS = "-\u2010\u2011"
UPPER = "A-ZÀ-ÖØ-Þ"

MONTHS = {
    "fr": ("janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
           "septembre", "octobre", "novembre", "décembre", "decembre", "janv", "févr", "avr", "juill",
           "juil", "sept", "oct", "nov", "déc"),
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "jan", "feb", "mar", "apr", "aug", "sept", "oct", "nov",
           "dec"),
}
ALL_MONTHS = frozenset(MONTHS["fr"] + MONTHS["en"])

# Glued after digits: the ordinal endings of each language.
ORD_SUFFIX = {
    "fr": frozenset({"e", "è", "ème", "eme", "er", "re", "ère", "ere", "es", "èmes", "emes", "ers",
                     "res", "ᵉ", "ᵉʳ", "ʳᵉ", "ᵉˢ"}),
    "en": frozenset({"st", "nd", "rd", "th"}),
}
SQUARE_UNITS = frozenset({"m", "km", "cm", "mm", "dm"})
# Letters glued before a sum ("Euro131 million", "$A45,000", "US$5").
CURRENCIES = frozenset({"euro", "euros", "eur", "usd", "chf", "rs", "sfr"})


class Common:
    """The patterns both languages use, compiled on first use (start-up time matters)."""

    def __init__(self) -> None:
        # The number that opens a text.
        self.paragraph = re.compile(
            rf"[{SP}\t]*(?:"
            rf"(?P<dot>\d{{1,4}}(?:\.\d{{1,3}})*)\.(?=[{SP}\t])"                    # "20. ", "3.1. "
            rf"|\(?(?P<paren>\d{{1,3}})\)(?=[{SP}\t])"                              # "1) ", "(1) "
            rf"|(?P<multi>\d{{1,3}}(?:\.\d{{1,3}})+)(?=[{SP}\t]+[{UPPER}])"        # "2.26 The Office"
            rf"|(?P<bare>\d{{1,3}})(?=[{SP}\t]+(?P<next>[{UPPER}][^\W\d_]*)(?![\w/.,]\d)))")
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
        self.range_gap = re.compile(rf"{OWS}(?:[{DASHES}]|à|au|et|ou|to|and|or){OWS}", re.I)
        # What may close a footnote marker glued to punctuation.
        self.note_end = re.compile(r"(?:[\s.,;:)\]]|$)")
        # Before a first day that is a date: "1er juin", "1er et 2 décembre", "1st to 4 July".
        self.day_chain = re.compile(
            rf"(?:{OWS}(?:,|au|et|à|[{DASHES}]|to|and|or|ou){OWS}(?:le{WS}|the{WS})?\d{{1,2}}"
            rf"(?:er|st|nd|rd|th)?)*{WS}(?:of{WS})?([^\W\d_]+)", re.I)
        self.ministre = re.compile(rf"(?:{WS}|[{HYPHENS}])(?:ministre|minister)\b", re.I)
        # "deux ans et demi", "four and a half years": + 0.5
        self.demi = {
            "fr": re.compile(rf"(?:{WS}[^\W\d_]+)?{WS}et{WS}demie?(?![\w])", re.I),
            "en": re.compile(rf"(?:{WS}|[{HYPHENS}])and(?:{WS}|[{HYPHENS}])a(?:{WS}|[{HYPHENS}])half(?![\w])",
                             re.I),
        }
        self.year_run = re.compile(r"(?:19|20)\d\d")
        self.point_groups = re.compile(r"\d{1,3}(?:\.\d{3})+")           # French "18.561"
        # 1-3 digits, a point or a comma, three digits: a decimal or a grouped integer ("Law 26.659").
        self.ambiguous = re.compile(r"(\d{1,3})[.,](\d{3})(?![\d.,])")


_COMMON: list[Common] = []


def common() -> Common:
    if not _COMMON:
        _COMMON.append(Common())
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
HALF = frozenset({"moitié", "half"})          # a percent: "la moitié" / "50 per cent"
# Loose readings: a counterpart for a figure of the other side, never reported themselves.
LOOSE = frozenset(_SINGLE_WORDS["fr"]) | frozenset(_SINGLE_WORDS["en"]) | {"a dozen"}
EN_ORDINAL_WORDS = frozenset({"first", "second", "third", "fifth", "eighth", "ninth", "twelfth",
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


class LangPatterns:
    """Per-language patterns and word tables."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        num, times, percent, scale, forms = self._french() if lang == "fr" else self._english()
        self.scale = scale
        self.small: dict[tuple[str, ...], int] = {}
        for n, fs in forms.items():
            for f in fs:
                self.small[f] = n
                self.small[tuple(fold(w) for w in f)] = n
        self.max_small = max(len(k) for k in self.small)
        self.singles = _SINGLE_WORDS[lang]
        self.starts = (frozenset(k[0] for k in self.small) | frozenset(scale) | frozenset(self.hundreds)
                       | frozenset(self.singles) | {"a"})
        # The words that can end a number in words worth a whole number of hundreds (its hundreds or
        # scale word, a zero, "centaine", "minuit"), as read from the last word (lowercased or folded):
        # what an ordinal's hundreds written before it ("cent trente et unième") must end with.
        self.round_ends = (frozenset(self.hundreds) | frozenset(scale)
                           | frozenset(k[-1] for k, n in self.small.items() if n % 100 == 0)
                           | frozenset(w for w, n in self.singles.items() if n % 100 == 0))
        # Can the text hold a number in words at all? One C-level search spares the word-by-word
        # scan for most sentences ("a" only counts before a scale word, which is listed).
        # "un", "une", "one" alone are articles and pronouns; in a number they stand next to a cue
        # of their own ("vingt et un", "un million", "one hundred"), so they need not wake the scan.
        cues = sorted((w for w in self.starts | set(EN_ORDINAL_WORDS) | {"dozen"}
                       if w not in ("a", "un", "une", "one") and len(w) > 1), key=len, reverse=True)
        # Searched in lowercased text: a case-insensitive pattern costs six times more here.
        # Two plain patterns run faster than one with mixed branches.
        self.maybe_words = re.compile(r"\b(?:" + trie_pattern(w.lower() for w in cues) + r")\b")
        # What maybe_words finds is a whole word of the lowercased text (\w+ as it reads it): a text
        # whose words (lang.text.lowered_words, a byte for a byte for Latin-1) hold none of these
        # needs no search, which tries the words' trie at every character.
        self.cue_words = frozenset(w.lower() for w in cues)
        # "ième", "première", "-th" endings; each branch starts with its own letter (two never match
        # at one place), which the regex engine scans for faster than for "(?:four|six|...)th".
        self.maybe_ordinal = re.compile(r"i(?:[eè]mes?|eth)\b|fourth\b|s(?:ixth|eventh)\b|t(?:e(?:nth|enth)|housandth)\b"
                                        r"|eleventh\b|hundredth\b|millionth\b|premi")
        # A reference (slashed digits), a time, then any number; never from inside a number.
        self.digits = re.compile(
            rf"(?<!\d)(?:(?P<ref>\d+(?:/\d+)+)(?![\d/])|{'|'.join(times)}|(?P<num>{num}))")
        self.percent = re.compile(percent, re.I)
        scale_words = "|".join(sorted(scale, key=len, reverse=True))
        self.scale_after = re.compile(rf"(\)?){WS}({scale_words})(?![\w\-])", re.I)
        self.months = frozenset(MONTHS[lang])
        self.demi = common().demi[lang]

    def _french(self) -> tuple:
        """The French parts of the patterns: (number, times, percent, scale words, word forms)."""
        # A group of three after a space never follows a 4-digit run ("en 2015 200 personnes").
        num = (rf"\d{{1,3}}(?:[{SP}]\d{{3}}(?!\d))+(?:,\d+)?"
               rf"|\d{{1,3}}(?:\.\d{{3}}(?!\d))+(?![.,]\d)"
               rf"|\d+(?:[.,]\d+)*")
        times = [rf"(?P<h1>\d{{1,2}}){OWS}(?:h|heures?)(?:{OWS}(?P<m1>\d{{2}})(?!\d))?(?![^\W\d_])"]
        percent = rf"{OWS}%|{WS}(?:pour{WS}cent|p\.{OWS}100|pour{WS}100)(?![\w]|[{SP}]?\d)"
        scale = {"million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9,
                 "billion": 10**12, "billions": 10**12, "mille": 10**3}
        forms = {n: _fr_forms(n) for n in range(100)}
        self.hundreds = {"cent": False, "cents": True}     # word -> needs a number before it
        self.lone = frozenset({"un", "une"})
        self.percent_words = re.compile(rf"{WS}(?:pour{WS}cent|p\.{OWS}100)(?![\w]|{WS}\d)", re.I)
        return num, times, percent, scale, forms

    def _english(self) -> tuple:
        """The English parts of the patterns: (number, times, percent, scale words, word forms)."""
        # Groups of three after a no-break or thin space too (SI style), never after a plain space.
        num = (r"\d{1,3}(?:,\d{3}(?!\d))+(?:\.\d+)?"
               r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3}(?!\d))+(?:\.\d+)?"
               r"|\d+(?:\.\d+)*")
        times = [
            rf"(?P<h1>\d{{1,2}})(?:[.:](?P<m1>\d{{2}}))?{OWS}"
            r"(?P<ampm>a\.\s?m\.?|p\.\s?m\.?|am|pm|noon|midnight)(?![^\W\d_])",
            r"(?P<h2>\d{1,2}):(?P<m2>\d{2})(?!\d)(?![.,:]\d)",
            # "1100 hours", "between 1100 and 1200 hours", "At 0300,"
            rf"(?P<h3>[01]\d|2[0-4])(?P<m3>[0-5]\d)(?=(?:{WS}(?:and|to){WS}|{OWS}[{DASHES}]{OWS})\d{{4}}{WS}hours"
            rf"|{OWS}(?:hours|hrs)\b)",
            r"(?<=[Aa]t )(?P<h4>[01]\d|2[0-4])(?P<m4>[0-5]\d)(?=[,;)])",
        ]
        percent = rf"{OWS}%|(?:{WS}|-)(?:per(?:{WS}|-)cent|percent)(?![\w]|[{SP}]?\d)"
        scale = {"million": 10**6, "billion": 10**9, "trillion": 10**12, "thousand": 10**3}
        forms = {n: _en_forms(n) for n in range(100)}
        self.hundreds = {"hundred": False}
        self.lone = frozenset({"one"})
        self.percent_words = re.compile(rf"{WS}(?:per{WS}cent|percent)(?!\w)", re.I)
        return num, times, percent, scale, forms


_LANGS: dict[str, LangPatterns] = {}


def lang_patterns(lang: str) -> LangPatterns:
    """A language's patterns, compiled on first use (a French draft never pays for English)."""
    if lang not in _LANGS:
        if lang not in ("fr", "en"):
            raise ValueError(f"unsupported language {lang!r} (expected 'fr' or 'en')")
        _LANGS[lang] = LangPatterns(lang)
    return _LANGS[lang]



def fold(s: str) -> str:
    return s.replace("é", "e").replace("è", "e").replace("ê", "e")
