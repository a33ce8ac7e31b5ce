"""The patterns and word sets of the dates parser (lang/dates.py), French and English; each
language's are compiled on first use of that language (:func:`lang_patterns`)."""

from __future__ import annotations

import re

from .calendar import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS

SP = " \u00a0\u202f\u2009\u2007"          # spaces inside an expression (never a tab: tabs split cells)
WS = f"[{SP}]+"
OWS = f"[{SP}]*"
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014"   # for character classes
WORD = r"[^\W\d_]+"

# Where a day number may start: one or two digits, not glued to a word, a symbol or another number
# ("(?<![\w/.,:-])\d{1,2}(?!\d)"). The pattern opens with a digit, which the regex engine scans for
# in one tight loop, and looks behind only then: opening with the look-behind, it would be tried at
# every character. Inside a run of digits the look-behind fails at once (a digit is a word character).
DAY_START = re.compile(rf"\d(?<![\w/.,:{DASHES}]\d)\d?(?!\d)")

YEAR = re.compile(rf"{WS}([12]\d{{3}})(?![\w/])(?![.,]\d)")
YEAR_US = re.compile(rf"(?:{OWS},)?{WS}([12]\d{{3}})(?![\w/])(?![.,]\d)")
WORD_AFTER = re.compile(rf"{WS}({WORD})(?![\w'’{DASHES}])")
WORD_AT = re.compile(rf"({WORD})(?![\w'’{DASHES}])(?:{OWS},)?{WS}(?=\d)")
DASH_SEP = re.compile(rf"{OWS}[{DASHES}]{OWS}(?=\d|{WORD})")
# What may follow the first day number of a day-first expression: a word (month), a dash or a comma.
AFTER_DAY = re.compile(rf"\d{{1,2}}(?:[{SP}]?{WORD})?[{SP}]*(?:[^\W\d_]|[{DASHES},])")
OF = re.compile(rf"{WS}of(?={WS})", re.I)

# Words that may follow "October 17" without a year; any other word makes the number a count.
US_NEXT_OK = frozenset({"and", "at", "to", "through", "until", "till", "or", "from", "in", "on", "the"})

AMBIGUOUS_EN = frozenset({"may", "march", "august"})   # also ordinary English words

REF_NOUNS = frozenset("""
    article articles art. paragraphe paragraphes par. paragr. para. paras. alinéa alinéas
    sous-paragraphe résolution résolutions décision décisions règle règles point points chapitre
    chapitres section sections annexe annexes appendice page pages p. pp. tableau tableaux figure figures
    graphique encadré note notes recommandation recommandations objectif objectifs cible cibles principe
    principes n° no no. nos nos. numéro numéros vol. volume volumes partie parties titre livre ligne
    lignes étape option options catégorie catégories groupe document documents
    paragraph paragraphs subparagraph rule rules resolution resolutions decision decisions item items
    chapter chapters annex appendix table tables box footnote recommendation recommendations goal
    goals target targets principle principles number numbers part parts title book line lines step
    category categories group
""".split())


class DatePatterns:
    """Per-language patterns and word sets."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.months = MONTHS[lang]
        self.abbrs = MONTH_ABBREVIATIONS[lang]
        self.weekdays = WEEKDAYS[lang]
        full = "|".join(re.escape(n) for n in sorted(self.months, key=len, reverse=True))
        abbr = "|".join(re.escape(n) for n in sorted(self.abbrs, key=len, reverse=True))
        self.month_after = re.compile(rf"{WS}(?:({full})(?!\w)|({abbr}))", re.I)
        if lang == "fr":
            self.day = re.compile(r"(\d{1,2})(?:(" + f"[{SP}]?" + r"(?:er|ᵉʳ))(?!\w))?(?![\w/])(?![.,:]\d)",
                                  re.I)
            self.range_word = re.compile(rf"{WS}(?:au|jusqu['’]au){WS}(?=\d|{WORD})", re.I)
            self.and_word = re.compile(rf"(?:{OWS},)?{WS}et{WS}", re.I)
            self.articles = frozenset({"le", "les"})
            self.intros = frozenset({"du", "entre"})
            self.between = "entre"
            self.from_ = "du"
            self.context = frozenset({"le", "les", "du", "au", "entre", "dès", "depuis", "jusqu'au",
                                      "jusqu’au", "avant", "après", "d'ici", "d’ici"})
        else:
            self.day = re.compile(r"(\d{1,2})(st|nd|rd|th)?(?![\w/])(?![.,:]\d)", re.I)
            self.range_word = re.compile(rf"{WS}(?:to|through|until|till){WS}(?=\d|{WORD})", re.I)
            self.and_word = re.compile(rf"(?:{OWS},)?{WS}and{WS}", re.I)
            self.articles = frozenset({"on"})
            self.intros = frozenset({"from", "between"})
            self.between = "between"
            self.from_ = "from"
            self.context = frozenset({"on", "from", "between", "of", "by", "until", "since", "before",
                                      "after", "dated", "to", "through"})
        self.comma = re.compile(rf"{OWS},{WS}")
        self.article_at = re.compile(rf"({'|'.join(sorted(self.articles, key=len, reverse=True))}){WS}",
                                     re.I)


_LANGS: dict[str, DatePatterns] = {}


def lang_patterns(lang: str) -> DatePatterns:
    """A language's patterns, compiled on first use (a French draft never pays for English)."""
    if lang not in _LANGS:
        if lang not in MONTHS:
            raise ValueError(f"unsupported language {lang!r} (expected 'fr' or 'en')")
        _LANGS[lang] = DatePatterns(lang)
    return _LANGS[lang]

