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

from ..records import NEW, Record
from .calendar import near_name
from .date_mentions import DateMention, DayRef, NameIssue
from .date_patterns import (
    AFTER_DAY, AMBIGUOUS_EN, DASH_SEP, DAY_START, OF, REF_NOUNS, SP, US_NEXT_OK, WORD_AFTER, WORD_AT,
    YEAR, YEAR_US, lang_patterns,
)
from .latin1 import is_latin1, with_ascii_digits

__all__ = ["DayRef", "NameIssue", "DateMention", "find_dates", "may_hold_dates"]

_LATIN1_DAY_START = with_ascii_digits(DAY_START)  # for a Latin-1 text
_DIGIT = re.compile(r"\d")


def may_hold_dates(text: str) -> bool:
    """Whether ``text`` holds a digit (\\d), without which it dates nothing (a date has a day
    number): asked of every paragraph of a draft, half of which have none. Each ASCII digit is
    looked for by str's search in C (a text of Latin-1 has no other), where a search of \\d tests
    every character's Unicode category (~10 times the cost); only a text past Latin-1 without
    them is searched so."""
    if ("0" in text or "1" in text or "2" in text or "3" in text or "4" in text or "5" in text or "6" in text
            or "7" in text or "8" in text or "9" in text):
        return True
    return not is_latin1(text) and _DIGIT.search(text) is not None


# --------------------------------------------------------------------------------------------------
# Parsing


class _Item(Record):
    """A day as parsed, and what stands around it. A record, not a dataclass: making one compiles
    its methods at every start (records.py)."""

    FIELDS = ("day", "span", "end", "month", "month_sure", "year", "weekday", "weekday_span", "article", "issues")

    def __init__(self, day: int, span: tuple[int, int], end: int, month: int | None = None, month_sure: bool = True,
                 year: int | None = None, weekday: int | None = None, weekday_span: tuple[int, int] | None = None,
                 article: bool = False, issues: list[NameIssue] = NEW):
        self.day = day
        self.span = span
        self.end = end
        self.month = month
        self.month_sure = month_sure
        self.year = year
        self.weekday = weekday
        self.weekday_span = weekday_span
        self.article = article  # introduced by "le"/"les"/"on" after a separator
        self.issues = [] if issues is NEW else issues


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
    while j > floor and text[j - 1] in SP:
        j -= 1
    had_comma = False
    if allow_comma and j > floor and text[j - 1] == ",":
        had_comma = True
        j -= 1
        while j > floor and text[j - 1] in SP:
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
        self.L = lang_patterns(lang)
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
                if (self.lang == "en" and name.lower() in AMBIGUOUS_EN and name[0].islower()
                        and not YEAR.match(text, m.end())):
                    return None   # "article 17 may apply", "you may 17 times"
                return L.months[name.lower()], m.end(), True, None
            return L.abbrs[m.group(2).lower()], m.end(), True, None
        w = WORD_AFTER.match(text, pos)
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
            of = OF.match(text, p)   # "17th of June"
            if of and L.month_after.match(text, of.end()):
                p = of.end()
        mo = self.month_at(p)
        if mo:
            it.month, it.end, it.month_sure, issue = mo
            if issue:
                it.issues.append(issue)
            y = YEAR.match(text, it.end)
            if y:
                it.year, it.end = int(y.group(1)), y.end()
        return it

    def item_after_sep(self, pos: int, allow_article: bool) -> _Item | None:
        """An item after a separator: optional article ("et le 5"), optional weekday ("au vendredi 21")."""
        text = self.text
        article = False
        if allow_article:
            a = self.L.article_at.match(text, pos)
            if a and (text[a.end():a.end() + 1].isdigit() or WORD_AT.match(text, a.end())):
                pos, article = a.end(), True
        wd = None
        w = WORD_AT.match(text, pos)
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
            DASH_SEP.match(text, first.end) or L.range_word.match(text, first.end)
            or L.and_word.match(text, first.end) or L.comma.match(text, first.end)
        ):
            return None

        start, blocked, intro, context_word = self.before_day(first, s, floor)
        second = self.range_end(first, intro)
        items, kind = ([first, second], "range") if second is not None else self.listed(first)

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

    def before_day(self, first: _Item, s: int, floor: int) -> tuple[int, bool, tuple | None, bool]:
        """Looking back from the first day number at ``s``: weekday, article, introducer ("du lundi
        17", "entre le 3", "from Monday, 17"). The weekday is set on ``first``; returns where the
        expression starts, whether a reference noun blocks it ("article 17"), the introducer (word,
        start, had_comma) if any, and whether a word before it says "date"."""
        text, L = self.text, self.L
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
        blocked = wd is None and pw is not None and pw[0].lower() in REF_NOUNS
        article = intro = None
        if pw and pw[0].lower() in L.articles:
            article = pw
            pw = _prev_word(text, pw[1], floor)
        if pw and pw[0].lower() in L.intros:
            intro = pw
        context_word = bool(article or intro) or (
            pw is not None and pw[0].lower() in L.context)
        return start, blocked, intro, context_word

    def range_end(self, first: _Item, intro: tuple | None) -> _Item | None:
        """The second day of a range that ``first`` opens ("17-21", "du 17 au 21", "entre le 3 et le 5")."""
        text, L, p = self.text, self.L, first.end
        nxt = None
        d = DASH_SEP.match(text, p)
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
        return nxt

    def listed(self, first: _Item) -> tuple[list[_Item], str]:
        """The days listed after ``first`` ("les 6, 7 et 8 juin"), up to a year: (items, kind)."""
        text, L = self.text, self.L
        items = [first]
        kind = "single"
        bare_so_far = True
        p = first.end
        while True:
            last = items[-1]
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
        return items, kind

    def us(self, s: int, floor: int) -> tuple[DateMention, int] | None:
        """US order: "October 17, 2016", "Monday, October 17, 2016", "October 17–21, 2016",
        "October 17 to 21", "June 6, 7 and 8, 2016"."""
        text = self.text
        named = self.us_month(s, floor)
        if named is None:
            return None
        word, mstart, month, issue = named
        first = self.item(s, with_month=False)
        if first is None:
            return None
        first.month = month
        items, kind, p = self.us_days(first)
        for it in items:
            it.month = month
        y = YEAR_US.match(text, p)
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
            if word.lower() in AMBIGUOUS_EN and first.weekday is None:
                return None   # "You May 17 times"
            nw = WORD_AFTER.match(text, p)
            if nw and nw.group(1).lower() not in US_NEXT_OK:
                return None   # "in October 17 delegations", "In June 17 States ratified"
        if issue is not None:
            first.issues.insert(0, issue)
        return self.mention(start, p, kind, items), p

    def us_month(self, s: int, floor: int) -> tuple[str, int, int, NameIssue | None] | None:
        """The month name just before the day number at ``s`` in US order: (word, start, month,
        issue); a misspelt one counts only capitalised."""
        pw = _prev_word(self.text, s, floor)
        if not pw or pw[0].endswith("."):
            return None
        word, mstart, _ = pw
        month = self.L.months.get(word.lower())
        issue = None
        if month is None:
            if not word[0].isupper():
                return None  # asked first: most words before a number are no misspelt month
            correct = near_name(word, self.lang, "month")
            if correct is None:
                return None
            mspan = (mstart, mstart + len(word))
            month, issue = self.L.months[correct.lower()], _issue(self.text, mspan, correct, "month")
        return word, mstart, month, issue

    def us_days(self, first: _Item) -> tuple[list[_Item], str, int]:
        """The days after the month in US order: a range ("October 17–21"), a list closed by a year
        ("June 6, 7 and 8, 2016") or ``first`` alone: (items, kind, end)."""
        text, L = self.text, self.L
        items = [first]
        p = first.end
        sep = DASH_SEP.match(text, p) or L.range_word.match(text, p)
        second = self.item(sep.end(), with_month=False) if sep else None
        if second is not None and not L.month_after.match(text, second.end):
            return items + [second], "range", second.end
        # "June 6, 7 and 8, 2016": a list only counts when the year closes it.
        more: list[_Item] = []
        q = p
        while True:
            sep = L.and_word.match(text, q) or L.comma.match(text, q)
            nxt = self.item(sep.end(), with_month=False) if sep else None
            if nxt is None:
                break
            more.append(nxt)
            q = nxt.end
        if more and YEAR_US.match(text, q):
            return items + more, "list", q
        return items, "single", p

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
        for candidate in (_LATIN1_DAY_START if is_latin1(text) else DAY_START).finditer(text):
            s = candidate.start()
            if s < floor:
                continue
            res = self.dmy(s, floor) if AFTER_DAY.match(text, s) else None
            if (res is None or res[0] is None) and self.lang == "en" and s > 0 and text[s - 1] in SP:
                res = self.us(s, floor) or res
            if res is None:
                continue
            mention, end = res
            if mention is not None:
                out.append(mention)
            floor = end
        return out


def find_dates(text: str, lang: str) -> list[DateMention]:
    """Every day-bearing date expression of ``text`` (a paragraph; ``lang`` "fr" or "en"), in order."""
    return _Parser(text, lang).run()
