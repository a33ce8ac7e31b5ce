"""Dates as French and English UN documents write them, found in a paragraph of text.

``find_dates(text, lang)`` returns every day-bearing date expression of ``text``:

* single  -- "lundi 17 octobre 2016", "le 1er juin", "Monday, 17 October 2016", "October 17, 2016";
* range   -- "du 28 au 30 septembre 2015", "17-21 octobre 2016", "entre le 3 et le 5 mai 2017",
             "from 28 September to 2 October 2015", "between 3 and 5 May 2017", "October 17–21, 2016";
* list    -- "les 6, 7 et 8 juin 2016", "on 6 and 7 June 2016".

Only expressions with a day number and a month name count: a month with a year alone ("the May 2016
session"), a bare number or a document symbol is never a date. A number right after a reference noun
("article 17", "paragraphe 3", "rule 5") never starts a date.

Misspelt month and weekday names ("ocotbre", "mecredi", "fevrier") are read as the intended name and
reported as ``NameIssue``; a misspelt month only counts when something else says "date" (a year, a
weekday, a correctly written month, or a word such as "le", "du", "on", "from" before the day) --
except a name wrong only in its accents ("aout"), which is as sure as a correct one.

Spans: ``DateMention.span`` starts at the introducer of a range ("du", "entre", "from", "between"),
otherwise at the first weekday or day number; articles ("le", "les", "on") are left out. It ends
after the last year, month or day written. An English month name that is also a word ("may",
"march", "august") counts in lowercase only before a year, and in US order ("May 17") only with a
year or a weekday.

Not supported (rare in UN text; the parts still parse as separate mentions where they can): a
range inside a list ("17-18 and 20 May"), a weekday written after its date ("17 octobre (lundi)"),
day numbers in words ("premier juin"), numeric dates ("17/10/2016", "2016-10-17").

Pure functions, no I/O; one left-to-right pass over the digits of the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Iterator, NamedTuple

from .calendar import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS, near_name

__all__ = ["DayRef", "NameIssue", "DateMention", "find_dates"]


# --------------------------------------------------------------------------------------------------
# Data model


class DayRef(NamedTuple):
    day: int                  # as written, may be invalid (31 in "31 juin", 0, 35)
    month: int                # 1..12
    year: int | None          # None when the text gives no year for this day (caller infers)
    span: tuple[int, int]     # the day number (incl. "1er"/"1st")
    weekday: int | None = None            # weekday written next to this day, 0=Monday
    weekday_span: tuple[int, int] | None = None

    def is_valid(self) -> bool:
        """False for day 0 or > 31, 31 June, 30 February, or 29 February of a known non-leap year."""
        if not 1 <= self.day <= 31 or not 1 <= self.month <= 12:
            return False
        try:
            date(self.year if self.year is not None else 2000, self.month, self.day)
        except ValueError:
            return False
        return True

    def as_date(self, default_year: int | None = None) -> date | None:
        """The calendar date, taking ``default_year`` when the text gives none; None when the year is
        unknown or the day impossible."""
        y = self.year if self.year is not None else default_year
        if y is None:
            return None
        try:
            return date(y, self.month, self.day)
        except ValueError:
            return None


class NameIssue(NamedTuple):
    """A misspelt month or weekday inside a date. ``correct`` is the name to write, with the initial
    capital of ``written`` kept ("Mecredi" -> "Mercredi")."""
    span: tuple[int, int]
    written: str
    correct: str
    kind: str                 # "month" | "weekday"


class DateMention(NamedTuple):
    span: tuple[int, int]     # the whole expression, e.g. "du 28 au 30 septembre 2015"
    kind: str                 # "single" | "range" | "list"
    days: tuple[DayRef, ...]  # single: 1; range: first and last; list: each listed day in order
    issues: tuple[NameIssue, ...] = ()


# --------------------------------------------------------------------------------------------------
# Patterns

_SP = " \u00a0\u202f\u2009\u2007"          # spaces inside an expression (never a tab: tabs split cells)
_WS = f"[{_SP}]+"
_OWS = f"[{_SP}]*"
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014"   # for character classes
_WORD = r"[^\W\d_]+"

# Where a day number may start: one or two digits, not glued to a word, a symbol or another number
# ("(?<![\w/.,:-])\d{1,2}(?!\d)"). Found from the runs of digits (see _day_candidates): the regex
# engine cannot skip ahead to a lookbehind, and would try it at every character.
_DIGIT_RUN = re.compile(r"\d+")
_NOT_BEFORE_DAY = re.compile(rf"[\w/.,:{_DASHES}]")

_YEAR = re.compile(rf"{_WS}([12]\d{{3}})(?![\w/])(?![.,]\d)")
_YEAR_US = re.compile(rf"(?:{_OWS},)?{_WS}([12]\d{{3}})(?![\w/])(?![.,]\d)")
_WORD_AFTER = re.compile(rf"{_WS}({_WORD})(?![\w'’{_DASHES}])")
_WORD_AT = re.compile(rf"({_WORD})(?![\w'’{_DASHES}])(?:{_OWS},)?{_WS}(?=\d)")
_DASH_SEP = re.compile(rf"{_OWS}[{_DASHES}]{_OWS}(?=\d|{_WORD})")
# What may follow the first day number of a day-first expression: a word (month), a dash or a comma.
_AFTER_DAY = re.compile(rf"\d{{1,2}}(?:[{_SP}]?{_WORD})?[{_SP}]*(?:[^\W\d_]|[{_DASHES},])")
_OF = re.compile(rf"{_WS}of(?={_WS})", re.I)

# Words that may follow "October 17" without a year; any other word makes the number a count.
_US_NEXT_OK = frozenset({"and", "at", "to", "through", "until", "till", "or", "from", "in", "on", "the"})

_AMBIGUOUS_EN = frozenset({"may", "march", "august"})   # also ordinary English words

_REF_NOUNS = frozenset("""
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


class _Lang:
    """Per-language patterns and word sets."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.months = MONTHS[lang]
        self.abbrs = MONTH_ABBREVIATIONS[lang]
        self.weekdays = WEEKDAYS[lang]
        full = "|".join(re.escape(n) for n in sorted(self.months, key=len, reverse=True))
        abbr = "|".join(re.escape(n) for n in sorted(self.abbrs, key=len, reverse=True))
        self.month_after = re.compile(rf"{_WS}(?:({full})(?!\w)|({abbr}))", re.I)
        if lang == "fr":
            self.day = re.compile(r"(\d{1,2})(?:(" + f"[{_SP}]?" + r"(?:er|ᵉʳ))(?!\w))?(?![\w/])(?![.,:]\d)",
                                  re.I)
            self.range_word = re.compile(rf"{_WS}(?:au|jusqu['’]au){_WS}(?=\d|{_WORD})", re.I)
            self.and_word = re.compile(rf"(?:{_OWS},)?{_WS}et{_WS}", re.I)
            self.articles = frozenset({"le", "les"})
            self.intros = frozenset({"du", "entre"})
            self.between = "entre"
            self.from_ = "du"
            self.context = frozenset({"le", "les", "du", "au", "entre", "dès", "depuis", "jusqu'au",
                                      "jusqu’au", "avant", "après", "d'ici", "d’ici"})
        else:
            self.day = re.compile(r"(\d{1,2})(st|nd|rd|th)?(?![\w/])(?![.,:]\d)", re.I)
            self.range_word = re.compile(rf"{_WS}(?:to|through|until|till){_WS}(?=\d|{_WORD})", re.I)
            self.and_word = re.compile(rf"(?:{_OWS},)?{_WS}and{_WS}", re.I)
            self.articles = frozenset({"on"})
            self.intros = frozenset({"from", "between"})
            self.between = "between"
            self.from_ = "from"
            self.context = frozenset({"on", "from", "between", "of", "by", "until", "since", "before",
                                      "after", "dated", "to", "through"})
        self.comma = re.compile(rf"{_OWS},{_WS}")
        self.article_at = re.compile(rf"({'|'.join(sorted(self.articles, key=len, reverse=True))}){_WS}",
                                     re.I)


_LANGS: dict[str, _Lang] = {}


def _lang(lang: str) -> _Lang:
    """A language's patterns, compiled on first use (a French draft never pays for English)."""
    if lang not in _LANGS:
        if lang not in MONTHS:
            raise ValueError(f"unsupported language {lang!r} (expected 'fr' or 'en')")
        _LANGS[lang] = _Lang(lang)
    return _LANGS[lang]


# --------------------------------------------------------------------------------------------------
# Parsing


@dataclass
class _Item:
    day: int
    span: tuple[int, int]
    end: int
    month: int | None = None
    month_sure: bool = True
    year: int | None = None
    weekday: int | None = None
    weekday_span: tuple[int, int] | None = None
    article: bool = False              # introduced by "le"/"les"/"on" after a separator
    issues: list[NameIssue] = field(default_factory=list)


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s.casefold()) if not unicodedata.combining(c))


def _issue(text: str, span: tuple[int, int], correct: str, kind: str) -> NameIssue:
    written = text[span[0]:span[1]]
    if len(written) > 1 and written.isupper():
        correct = correct.upper()
    elif written[:1].isupper():
        correct = correct[:1].upper() + correct[1:]
    return NameIssue(span=span, written=written, correct=correct, kind=kind)


def _prev_word(text: str, pos: int, floor: int, allow_comma: bool = False) -> tuple[str, int, bool] | None:
    """The word just before ``pos`` (separated from it by spaces, or by a comma and spaces when
    ``allow_comma``), not reaching before ``floor``: (word, start, had_comma)."""
    j = pos
    while j > floor and text[j - 1] in _SP:
        j -= 1
    had_comma = False
    if allow_comma and j > floor and text[j - 1] == ",":
        had_comma = True
        j -= 1
        while j > floor and text[j - 1] in _SP:
            j -= 1
    elif j == pos:
        return None
    end = j
    if j > floor and text[j - 1] == ".":
        j -= 1
    k = j
    while k > floor and (text[k - 1].isalpha() or text[k - 1] in "'’°"):
        k -= 1
    if k == j or (k > 0 and (text[k - 1].isalnum() or text[k - 1] == "_")):
        return None
    return text[k:end], k, had_comma


class _Parser:
    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.L = _lang(lang)
        self.lang = lang

    # -- names ------------------------------------------------------------------------------------

    def weekday_of(self, start: int, end: int) -> tuple[int, NameIssue | None] | None:
        word = self.text[start:end]
        wd = self.L.weekdays.get(word.lower())
        if wd is not None:
            return wd, None
        correct = near_name(word, self.lang, "weekday")
        if correct is None:
            return None
        return self.L.weekdays[correct.lower()], _issue(self.text, (start, end), correct, "weekday")

    def month_at(self, pos: int) -> tuple[int, int, bool, NameIssue | None] | None:
        """A month name after the spaces at ``pos``: (month, end, sure, issue); ``sure`` is False for a
        misspelling beyond accents, which needs other evidence that the expression is a date."""
        text, L = self.text, self.L
        m = L.month_after.match(text, pos)
        if m:
            if m.group(1):
                name = m.group(1)
                if (self.lang == "en" and name.lower() in _AMBIGUOUS_EN and name[0].islower()
                        and not _YEAR.match(text, m.end())):
                    return None   # "article 17 may apply", "you may 17 times"
                return L.months[name.lower()], m.end(), True, None
            return L.abbrs[m.group(2).lower()], m.end(), True, None
        w = _WORD_AFTER.match(text, pos)
        if w:
            correct = near_name(w.group(1), self.lang, "month")
            if correct is not None:
                # Only the accents wrong ("fevrier", "aout") is as sure as a correct name.
                sure = _fold(w.group(1)) == _fold(correct)
                return L.months[correct.lower()], w.end(), sure, _issue(text, w.span(1), correct, "month")
        return None

    # -- items ------------------------------------------------------------------------------------

    def item(self, pos: int, with_month: bool = True) -> _Item | None:
        """A day number at ``pos``, with its month and year when written."""
        text, L = self.text, self.L
        m = L.day.match(text, pos)
        if not m:
            return None
        day = int(m.group(1))
        if m.group(2) and self.lang == "fr" and day != 1:
            return None   # "3er"
        it = _Item(day=day, span=(pos, m.end()), end=m.end())
        if not with_month:
            return it
        p = m.end()
        if m.group(2) and self.lang == "en":
            of = _OF.match(text, p)   # "17th of June"
            if of and L.month_after.match(text, of.end()):
                p = of.end()
        mo = self.month_at(p)
        if mo:
            it.month, it.end, it.month_sure, issue = mo
            if issue:
                it.issues.append(issue)
            y = _YEAR.match(text, it.end)
            if y:
                it.year, it.end = int(y.group(1)), y.end()
        return it

    def item_after_sep(self, pos: int, allow_article: bool) -> _Item | None:
        """An item after a separator: optional article ("et le 5"), optional weekday ("au vendredi 21")."""
        text = self.text
        article = False
        if allow_article:
            a = self.L.article_at.match(text, pos)
            if a and (text[a.end():a.end() + 1].isdigit() or _WORD_AT.match(text, a.end())):
                pos, article = a.end(), True
        wd = None
        w = _WORD_AT.match(text, pos)
        if w:
            wd = self.weekday_of(*w.span(1))
            if wd is None:
                return None
            wd_span = w.span(1)
            pos = w.end()
        it = self.item(pos)
        if it is None:
            return None
        it.article = article
        if wd is not None:
            it.weekday, it.weekday_span = wd[0], wd_span
            if wd[1]:
                it.issues.insert(0, wd[1])
        return it

    # -- expressions ------------------------------------------------------------------------------

    def dmy(self, s: int, floor: int) -> tuple[DateMention | None, int] | None:
        """A day-first expression whose first day number starts at ``s``; (mention or None, end)."""
        text, L = self.text, self.L
        first = self.item(s)
        if first is None:
            return None
        # Cheap rejection: neither a month nor a separator after the first number.
        if first.month is None and not (
            _DASH_SEP.match(text, first.end) or L.range_word.match(text, first.end)
            or L.and_word.match(text, first.end) or L.comma.match(text, first.end)
        ):
            return None

        # Looking back: weekday, article, introducer ("du lundi 17", "entre le 3", "from Monday, 17").
        start = s
        wd = None
        pw = _prev_word(text, s, floor, allow_comma=True)
        if pw:
            word, wstart, had_comma = pw
            wd = self.weekday_of(wstart, wstart + len(word)) if not word.endswith(".") else None
            if wd is not None:
                first.weekday, first.weekday_span = wd[0], (wstart, wstart + len(word))
                if wd[1]:
                    first.issues.insert(0, wd[1])
                start = wstart
                pw = _prev_word(text, wstart, floor)
            elif had_comma:
                pw = None
        blocked = wd is None and pw is not None and pw[0].lower() in _REF_NOUNS
        article = intro = None
        if pw and pw[0].lower() in L.articles:
            article = pw
            pw = _prev_word(text, pw[1], floor)
        if pw and pw[0].lower() in L.intros:
            intro = pw
        context_word = bool(article or intro) or (
            pw is not None and pw[0].lower() in L.context)

        items = [first]
        kind = "single"
        bare_so_far = True
        p = first.end
        while True:
            last = items[-1]
            if len(items) == 1:
                nxt = None
                d = _DASH_SEP.match(text, p)
                if d:
                    nxt = self.item_after_sep(d.end(), allow_article=False)
                if nxt is None:
                    r = L.range_word.match(text, p)
                    if r and (self.lang == "fr" or first.month is not None
                              or (intro and intro[0].lower() == L.from_)):
                        nxt = self.item_after_sep(r.end(), allow_article=False)
                if nxt is None and intro and intro[0].lower() == L.between:
                    a = L.and_word.match(text, p)
                    if a:
                        nxt = self.item_after_sep(a.end(), allow_article=True)
                if nxt is not None:
                    items.append(nxt)
                    kind = "range"
                    p = nxt.end
                    break
            if last.year is not None:
                break
            bare_so_far = bare_so_far and last.month is None
            a = L.and_word.match(text, p) or L.comma.match(text, p)
            if not a:
                break
            # An article after a separator ("le 6 et le 7 juin") only while no month is written yet,
            # and never after a bare comma; otherwise "et les 18 et 19 mai" starts a new expression.
            allow_article = bare_so_far and not a.group(0).strip() == ","
            nxt = self.item_after_sep(a.end(), allow_article=allow_article)
            if nxt is None:
                break
            items.append(nxt)
            kind = "list"
            p = nxt.end

        # Trailing bare numbers are not part of the date ("le 17 octobre, 18 heures").
        chain = items[:]
        while items and items[-1].month is None:
            items.pop()
        if not items:
            if len(chain) > 2:
                # "1, 2, 3, ... 99": every start inside this chain of bare numbers fails the same way,
                # so resume at its last number (which may still begin "4-5 mai"): linear time.
                last = chain[-1]
                return None, last.weekday_span[0] if last.weekday_span else last.span[0]
            return None
        if len(items) == 1:
            kind = "single"
        end = items[-1].end

        if blocked:
            # "paragraphe 3 et le 5 mai": skip the numbers chained to the blocked one, not a later
            # day introduced by its own article.
            for i in range(1, len(items)):
                if items[i].article:
                    return None, items[i - 1].end
            return None, end

        sure_month = any(i.month is not None and i.month_sure for i in items)
        has_year = any(i.year is not None for i in items)
        has_weekday = any(i.weekday is not None for i in items)
        if not sure_month and not (has_year or has_weekday or context_word):
            return None   # "le" is context; "17 mais" alone is not a date

        if kind == "range" and intro is not None:
            start = intro[1]
        return self.mention(start, end, kind, items), end

    def us(self, s: int, floor: int) -> tuple[DateMention, int] | None:
        """US order: "October 17, 2016", "Monday, October 17, 2016", "October 17–21, 2016",
        "October 17 to 21", "June 6, 7 and 8, 2016"."""
        text = self.text
        pw = _prev_word(text, s, floor)
        if not pw or pw[0].endswith("."):
            return None
        word, mstart, _ = pw
        mspan = (mstart, mstart + len(word))
        month = self.L.months.get(word.lower())
        issue = None
        if month is None:
            correct = near_name(word, self.lang, "month")
            if correct is None or not word[0].isupper():
                return None
            month, issue = self.L.months[correct.lower()], _issue(text, mspan, correct, "month")
        first = self.item(s, with_month=False)
        if first is None:
            return None
        first.month = month
        items = [first]
        p = first.end
        kind = "single"
        sep = _DASH_SEP.match(text, p) or self.L.range_word.match(text, p)
        second = self.item(sep.end(), with_month=False) if sep else None
        if second is not None and not self.L.month_after.match(text, second.end):
            items.append(second)
            kind = "range"
            p = second.end
        else:
            # "June 6, 7 and 8, 2016": a list only counts when the year closes it.
            more: list[_Item] = []
            q = p
            while True:
                sep = self.L.and_word.match(text, q) or self.L.comma.match(text, q)
                nxt = self.item(sep.end(), with_month=False) if sep else None
                if nxt is None:
                    break
                more.append(nxt)
                q = nxt.end
            if more and _YEAR_US.match(text, q):
                items += more
                kind = "list"
                p = q
        for it in items:
            it.month = month
        y = _YEAR_US.match(text, p)
        year = None
        if y:
            year, p = int(y.group(1)), y.end()
            for it in items:
                it.year = year
        start = mstart
        pw2 = _prev_word(text, mstart, floor, allow_comma=True)
        if pw2:
            wd = self.weekday_of(pw2[1], pw2[1] + len(pw2[0])) if not pw2[0].endswith(".") else None
            if wd is not None:
                first.weekday, first.weekday_span = wd[0], (pw2[1], pw2[1] + len(pw2[0]))
                if wd[1]:
                    first.issues.append(wd[1])
                start = pw2[1]
        if year is None:
            if issue is not None or not word[0].isupper():
                return None
            if word.lower() in _AMBIGUOUS_EN and first.weekday is None:
                return None   # "You May 17 times"
            nw = _WORD_AFTER.match(text, p)
            if nw and nw.group(1).lower() not in _US_NEXT_OK:
                return None   # "in October 17 delegations", "In June 17 States ratified"
        if issue is not None:
            first.issues.insert(0, issue)
        return self.mention(start, p, kind, items), p

    def mention(self, start: int, end: int, kind: str, items: list[_Item]) -> DateMention:
        month = year = None
        for it in reversed(items):    # a month or year written later applies to bare days before it
            if it.month is not None:
                month = it.month
            else:
                it.month = month
            if it.year is not None:
                year = it.year
            else:
                it.year = year
        days = tuple(
            DayRef(day=it.day, month=it.month, year=it.year, span=it.span, weekday=it.weekday,
                   weekday_span=it.weekday_span)
            for it in items
        )
        issues = tuple(sorted((iss for it in items for iss in it.issues), key=lambda i: i.span))
        return DateMention(span=(start, end), kind=kind, days=days, issues=issues)

    def run(self) -> list[DateMention]:
        out: list[DateMention] = []
        floor = 0
        text = self.text
        for s in _day_candidates(text):
            if s < floor:
                continue
            res = self.dmy(s, floor) if _AFTER_DAY.match(text, s) else None
            if (res is None or res[0] is None) and self.lang == "en" and s > 0 and text[s - 1] in _SP:
                res = self.us(s, floor) or res
            if res is None:
                continue
            mention, end = res
            if mention is not None:
                out.append(mention)
            floor = end
        return out


def _day_candidates(text: str) -> Iterator[int]:
    for run in _DIGIT_RUN.finditer(text):
        s = run.start()
        if run.end() - s <= 2 and not (s and _NOT_BEFORE_DAY.match(text, s - 1)):
            yield s


def find_dates(text: str, lang: str) -> list[DateMention]:
    """Every day-bearing date expression of ``text`` (a paragraph; ``lang`` "fr" or "en"), in order."""
    return _Parser(text, lang).run()
