"""TM2xx: dates — weekdays that do not match, misspelled names, impossible days, and one event dated
differently in two places."""

from __future__ import annotations

import re
from datetime import date

from ..facts.analysis import Analysis
from ..facts.bodies import body_name
from ..facts.model import Facts
from ..i18n import _, language
from ..lang.calendar import month_name, weekday_name
from ..lang.text import PerLanguage
from .base import Rule
from .messages import kind_name, of_body


def _fmt(d: date, lang: str) -> str:
    day = "1er" if lang == "fr" and d.day == 1 else str(d.day)
    return f"{day} {month_name(lang, d.month)} {d.year}"


def _same_case(written: str, right: str) -> str:
    if written[:1].isupper():
        return right[:1].upper() + right[1:]
    return right[:1].lower() + right[1:]


class WeekdayMismatch(Rule):
    """A weekday written next to a date on which that day does not fall.

    Why:
        "le mardi 17 octobre 2016" cannot be right: 17 October 2016 was a Monday. Either the weekday
        or the date is wrong, and participants travel on the strength of it. A date written without
        a year (a row of the organization of work, "Mardi 18 octobre") takes its year from the same
        day written in full elsewhere in the document, else the nearest year before it in the
        paragraph, else the year most of the document's dates carry.

    Fix:
        Correct the weekday (the suggestion) or the date.

    Bad (fr):
        La session s'ouvrira le mardi 17 octobre 2016 à 10 heures.

    Good (fr):
        La session s'ouvrira le lundi 17 octobre 2016 à 10 heures.

    Bad (en):
        The session will open on Tuesday, 17 October 2016, at 10 a.m.

    Good (en):
        The session will open on Monday, 17 October 2016, at 10 a.m.
    """

    code = "TM201"
    name = "weekday-mismatch"
    severity = "error"

    def check(self, analysis: Analysis):
        lang = analysis.lang
        for dd in analysis.dated_days:
            d = dd.day
            if d.weekday is None or d.weekday_span is None or dd.year is None:
                continue
            real = d.as_date(dd.year)
            if real is None or real.weekday() == d.weekday:
                continue
            if dd.year_source == "document" and any(
                    (alt := d.as_date(dd.year + k)) is not None and alt.weekday() == d.weekday for k in (-1, 1)):
                continue  # a year-less row of a calendar that runs into the next (or last) year
            a, b = d.weekday_span
            written = dd.paragraph.text[a:b]
            right = _same_case(written, weekday_name(lang, real.weekday()))
            # In the messages' language; the word written is quoted only where it is another word
            # (a French draft, English messages): "... is a Tuesday, not a Wednesday" says it all.
            shown = language()
            values = dict(date=_fmt(real, shown), weekday=weekday_name(shown, real.weekday()),
                          wrong=weekday_name(shown, d.weekday), written=written)
            if written.lower() == values["wrong"].lower():
                message = _("{date} is a {weekday}, not a {wrong}").format(**values)
            else:
                message = _("{date} is a {weekday}, not a {wrong} ('{written}')").format(**values)
            if dd.year_source != "written":
                message += " (" + _("the year {year} is taken from the document").format(year=dd.year) + ")"
            yield self.finding(analysis, dd.paragraph, a, b, message, right)


class DateNameMisspelled(Rule):
    """A misspelled weekday or month inside a date ("mecredi", "ocotbre", "fevrier", "Wendesday").

    Why:
        A spell checker set to the wrong language passes "Octobre" in English or "fevrier" without
        its accent; in a date the intended name is certain, so the fix can be given.

    Fix:
        Write the name given as suggestion.

    Bad (fr):
        La réunion se tiendra le mecredi 17 octobre 2012.

    Good (fr):
        La réunion se tiendra le mercredi 17 octobre 2012.

    Bad (en):
        The meeting will be held on Wendesday, 17 October 2012.

    Good (en):
        The meeting will be held on Wednesday, 17 October 2012.
    """

    code = "TM202"
    name = "date-name-misspelled"
    severity = "error"
    local = True

    def check(self, analysis: Analysis):
        for p, m in analysis.mentions:
            for issue in m.issues:
                a, b = issue.span
                message = (_("misspelled weekday '{written}'; write '{right}'") if issue.kind == "weekday"
                           else _("misspelled month '{written}'; write '{right}'"))
                yield self.finding(analysis, p, a, b, message.format(written=issue.written, right=issue.correct),
                                   issue.correct)


class ImpossibleDate(Rule):
    """A day that does not exist (31 June, 30 February, 29 February of a common year, day 0 or 32), or a
    range of days that ends before it starts.

    Why:
        An impossible date is always a typing error in the day or the month; the reader cannot tell
        which, so it must be caught before publication.

    Fix:
        Check the day and the month against the source.

    Bad (fr):
        La réunion s'est tenue le 31 juin 2016 à Vienne.

    Good (fr):
        La réunion s'est tenue le 30 juin 2016 à Vienne.

    Bad (en):
        The meeting was held on 30 February 2016 in Vienna.

    Good (en):
        The meeting was held on 29 February 2016 in Vienna.
    """

    code = "TM203"
    name = "impossible-date"
    severity = "error"
    local = True

    def check(self, analysis: Analysis):
        for p, m in analysis.mentions:
            for d in m.days:
                if d.is_valid():
                    continue
                a, b = d.span
                month = month_name(analysis.lang, d.month)
                shown = month_name(language(), d.month)
                if 1 <= d.day <= 31 and d.month == 2 and d.day == 29 and d.year:
                    why = _("{month} {year} has no day {day}").format(month=shown, year=d.year, day=d.day)
                elif 1 <= d.day <= 31:
                    why = _("{month} has no day {day}").format(month=shown, day=d.day)
                else:
                    why = _("there is no day {day} in any month").format(day=d.day)
                yield self.finding(analysis, p, a, b, _("'{written}' does not exist: {why}").format(
                    written=f"{p.text[a:b]} {month}", why=why))
            # A range that ends before it starts ("du 30 mai au 1er mai 2012"); from December to
            # January it runs into the next year. Read in the mention alone (the rule is local).
            if m.kind == "range" and len(m.days) == 2 and all(d.is_valid() for d in m.days):
                first, last = m.days[0].as_date(2000), m.days[1].as_date(2000)
                if m.days[0].year == m.days[1].year and first > last and not (first.month == 12 and last.month == 1):
                    a, b = m.span
                    yield self.finding(analysis, p, a, b,
                                       _("'{written}' ends before it starts: check the day and the month").format(
                                           written=p.text[a:b]))


class DateStyle(Rule):
    """A date written otherwise than UN style: "1 juin" for "1er juin" in French; in English an
    ordinal ("1st June"), the month before the day ("June 1, 2016") or no comma after the weekday
    ("Wednesday 1 June"); month and weekday names in the other language's case ("le Mercredi 1er
    juin", "1 june").

    Why:
        The editorial manuals of both languages fix how a date is written: the first day of a month
        is "1er" in French ("du 1er au 3 juin 2016"); English writes the day, then the month, then the
        year, with no ordinal and no comma ("1 June 2016"), and a comma after the weekday ("Wednesday,
        1 June 2016"). French writes month and weekday names in lower case inside a sentence,
        English capitalizes them. A translation that follows another usage (the source's, or an
        American one) must be brought back to it, in the text and in the tables.

    Fix:
        Write the form given as suggestion (the order of the day and the month is for a human to
        change: the date's other words may have to follow). The month before the day is reported as
        information: a text quoted as written (an agreement annexed to a resolution) keeps it.

    Bad (fr):
        La session s'ouvrira le mercredi 1 juin 2016 à 10 heures.

    Good (fr):
        La session s'ouvrira le mercredi 1er juin 2016 à 10 heures.

    Bad (en):
        The session will open on Wednesday 1st June 2016 at 10 a.m. and close on June 3, 2016.

    Good (en):
        The session will open on Wednesday, 1 June 2016, at 10 a.m. and close on 3 June 2016.
    """

    code = "TM207"
    name = "date-style"
    severity = "warning"
    local = True

    def check(self, analysis: Analysis):
        lang = analysis.lang
        for p, m in analysis.mentions:
            text = p.text
            for d in m.days:
                a, b = d.span
                written = text[a:b]
                if lang == "fr" and written == "1" and d.day == 1:
                    yield self.finding(analysis, p, a, b, _("UN French writes '1er' for the first day of a month"), "1er")
                elif lang == "en" and written[-2:].lower() in _ORDINAL_SUFFIXES and written[:-2].isdigit():
                    yield _house_form(self, analysis, p, a, b, written[:-2],
                                      _("UN {language} writes '{right}' in a date, not '{written}'"))
                if lang == "en" and d.weekday_span is not None and d.weekday_span[1] <= a \
                        and text[d.weekday_span[1]:d.weekday_span[1] + 1] == " ":
                    w0, w1 = d.weekday_span
                    right = text[w0:w1] + ","
                    yield self.finding(analysis, p, w0, w1, _("UN English writes a comma after the weekday: '{right}'").format(
                        right=f"{right} {text[w1 + 1:m.span[1]]}"), right)
            yield from self._capitals(analysis, p, m)
            if lang == "en":
                yield from self._month_first(analysis, p, m)

    def _capitals(self, analysis: Analysis, p, m):
        """Month and weekday names in the case of the other language: French writes them in lower
        case inside a sentence ("le mercredi 1er juin", "4-15 mai 2015"), English capitalizes them."""
        lang, text = analysis.lang, p.text
        a, b = m.span
        for found in _MONTH_OR_WEEKDAY[lang].finditer(text, a, b):
            written = found.group(0)
            name = written.lower()
            if lang == "en":
                right = name[:1].upper() + name[1:]
                wrong = written == name
            else:
                right = name
                # Capitalized inside a sentence: after a day number (a month) or after a word in
                # lower case or a comma (a weekday); a table cell or a line starts with a capital.
                before = text[max(0, found.start() - 4):found.start()]
                wrong = written != name and written[1:] == name[1:] and (
                    (name in _FR_MONTHS and re.search(r"\d(?:er)? $", before) is not None)
                    or (name in _FR_WEEKDAYS and re.search(r"[a-zà-ÿ,] $", before) is not None))
            if wrong:
                yield _house_form(self, analysis, p, found.start(), found.end(), right,
                                  _("UN {language} writes '{right}' in a date, not '{written}'"))

    def _month_first(self, analysis: Analysis, p, m):
        """"June 1, 2016", "from June 1 to 3, 2016": the day, then the month (a fix for a single date
        and for a range within one month; a human decides)."""
        text = p.text
        first = m.days[0]
        month = _EN_MONTH["en"].search(text, m.span[0], first.span[0])
        if month is None:
            return
        start, end = month.start(), m.span[1]
        year = next((d.year for d in m.days if d.year), None)
        name = text[month.start():month.end()]
        right = None
        if m.kind == "single":
            right = f"{text[first.span[0]:first.span[1]]} {name}" + (f" {year}" if year else "")
        elif m.kind == "range" and len(m.days) == 2 and m.days[0].month == m.days[1].month \
                and not _EN_MONTH["en"].search(text, first.span[1], m.days[1].span[0]):
            last = m.days[1]
            right = (f"{text[first.span[0]:first.span[1]]}{text[first.span[1]:last.span[0]]}"
                     f"{text[last.span[0]:last.span[1]]} {name}" + (f" {year}" if year else ""))
        message = (_("UN English writes the day before the month: '{right}'").format(right=right) if right
                   else _("UN English writes the day before the month"))
        f = self.finding(analysis, p, start, end, message, right)
        f.applicability = "unsafe" if right else None
        # Information only: a text quoted as written keeps its order (an agreement annexed to a
        # resolution, as in S/RES/2202 (2015)).
        f.severity = "info"
        yield f


_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
_FR_MONTHS = frozenset(month_name("fr", k) for k in range(1, 13))
_FR_WEEKDAYS = frozenset(weekday_name("fr", k) for k in range(7))
# Month and weekday names as a date writes them, in any case (the check reads the case), and
# English month names: compiled on first use (a lint of a draft with no date never pays).
_MONTH_OR_WEEKDAY = PerLanguage(re.I, **{lang: r"(?<![\w-])(?:" + "|".join(
    [month_name(lang, k) for k in range(1, 13)] + [weekday_name(lang, k) for k in range(7)]) + r")(?![\w-])"
    for lang in ("fr", "en")})
_EN_MONTH = PerLanguage(en=r"\b(?:" + "|".join(month_name("en", k) for k in range(1, 13)) + r")\b")
_LANGUAGE_NAMES = {"fr": lambda: _("French"), "en": lambda: _("English")}


def _house_form(rule: Rule, analysis: Analysis, p, a: int, b: int, right: str, message: str):
    """A finding on ``p.text[a:b]``, to be written ``right`` as the draft's language writes it;
    ``message`` (translated) names {language}, {right} and {written}."""
    return rule.finding(analysis, p, a, b, message.format(language=_LANGUAGE_NAMES[analysis.lang](), right=right,
                                                          written=p.text[a:b]), right)


class TimeStyle(Rule):
    """A time of day written otherwise than UN style: "10h00", "10 h 00" or "10h" for "10 heures" and
    "15h30" for "15 h 30" in French; "10:00 a.m.", "10.00 a.m.", "10am" or "10 AM" for "10 a.m." and
    "6:15 p.m." for "6.15 p.m." in English.

    Why:
        The meetings of an agenda and of its programme of work are given by the hour, as the
        editorial manuals write it: "de 10 heures à 13 heures", "à 15 h 30"; "from 10 a.m. to 1
        p.m.", "at 3.30 p.m.". A translation that keeps another usage (a computer's "10:00", the
        source's "10h") must be brought back to it.

    Fix:
        Write the form given as suggestion.

    Bad (fr):
        La séance d'ouverture aura lieu le mardi 6 septembre 2016 à 10h00, la suivante à 15h30.

    Good (fr):
        La séance d'ouverture aura lieu le mardi 6 septembre 2016 à 10 heures, la suivante à 15 h 30.

    Bad (en):
        The opening meeting will be held on Tuesday, 6 September 2016, at 10:00 a.m., the next at 3pm.

    Good (en):
        The opening meeting will be held on Tuesday, 6 September 2016, at 10 a.m., the next at 3 p.m.
    """

    code = "TM208"
    name = "time-style"
    severity = "warning"
    local = True

    def check(self, analysis: Analysis):
        lang = analysis.lang
        pattern, clues = _TIME[lang], _TIME_CLUES[lang]
        for p in analysis.paragraphs:
            text = p.text
            if not any(c in text for c in clues):
                continue  # no letter a wrong time needs: half the paragraphs of French, three in four of English
            for m in pattern.finditer(text):
                if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in ".,:/_"):
                    continue  # inside a number or a word ("1.10h", "A10h"), told here: the pattern
                    # starts with its digit, which the regex engine looks for at once
                hour = int(m.group("hour"))
                minutes = m.group("minutes")
                if hour > 24 or (minutes is not None and int(minutes) > 59):
                    continue
                right = _right_time(lang, hour, minutes, m)
                if right is None or right == m.group(0):
                    continue
                end = m.end()
                if right.endswith(".") and text[end:end + 1] == ".":
                    end += 1  # "at 3pm.": "p.m." ends the sentence with its own full stop
                yield _house_form(self, analysis, p, m.start(), end, right, _("UN {language} writes '{right}', not '{written}'"))


def _right_time(lang: str, hour: int, minutes: str | None, m: re.Match) -> str | None:
    if lang == "fr":
        if minutes not in (None, "00"):
            return f"{hour} h {minutes}"
        return f"{hour} heure" if hour < 2 else f"{hour} heures"  # "1 heure", "0 heure" (minuit)
    marker = "a.m." if m.group("half").lower().startswith("a") else "p.m."
    if hour > 12 or hour == 0:
        return None  # "13:00 pm": which was meant is not certain
    return f"{hour} {marker}" if minutes in (None, "00") else f"{hour}.{minutes} {marker}"


# Times as UN documents do not write them. French: an "h" glued to the hour ("10h", "10h30",
# "10H00"), or "h 00" ("10 h 00"); "15 h 30" and "10 heures" are right. English: a colon, ".00", or
# "am"/"AM"/"A.M." (with or without a space) before the half of the day; "10 a.m." and "3.30 p.m."
# are right (and are matched too, then left: the suggestion is what is written).
_TIME = PerLanguage(
    fr=r"(?P<hour>\d{1,2})(?:[hH](?P<minutes>\d{2})?(?![\w])|\s[hH]\s00(?![\w]))",
    en=r"(?P<hour>\d{1,2})(?:[.:](?P<minutes>\d{2}))?\s?(?P<half>[aApP](?:\.[mM]\.|[mM]))(?![\w])",
)
# What every such time holds, looked for in C before the pattern (12 ms a megabyte, against 20).
_TIME_CLUES = {"fr": ("h", "H"), "en": tuple(half + m for half in "aApP" for m in ("m", "M", ".m", ".M"))}


# -- one event, two datings -----------------------------------------------------------------------

class EventDateConflict(Rule):
    """The same event given different dates in two places of a document.

    Why:
        A meeting is identified by the body that held it and its number ("sixième session de la
        Conférence", "its eighth session"), or by the symbol of its report. Dated once in May and
        once in June, one of the two is wrong. A body's meetings cited without a number ("la
        réunion du Groupe de travail tenue les 19 et 20 octobre 2010") are compared only when the
        two datings differ in just a day, a month or a year, so that two real meetings of one body
        are never confused. A day on which the meeting will open ("s'ouvrira le mardi 6 septembre",
        "will be opened at 10 a.m. on Monday, 13 March") is the first of its days.

    Fix:
        Check both places against the report of the meeting and correct the wrong one.

    Bad (fr):
        À sa huitième session, tenue à Vienne du 17 au 21 octobre 2016, la Conférence a adopté la résolution 8/1.

        Le rapport de la Conférence sur sa huitième session, tenue du 17 au 21 novembre 2016, est publié.

    Good (fr):
        À sa huitième session, tenue à Vienne du 17 au 21 octobre 2016, la Conférence a adopté la résolution 8/1.

        Le rapport de la Conférence sur sa huitième session, tenue du 17 au 21 octobre 2016, est publié.

    Bad (en):
        At its eighth session, held in Vienna from 17 to 21 October 2016, the Conference adopted resolution 8/1.

        The report of the Conference on its eighth session, held from 17 to 21 November 2016, is issued.

    Good (en):
        At its eighth session, held in Vienna from 17 to 21 October 2016, the Conference adopted resolution 8/1.

        The report of the Conference on its eighth session, held from 17 to 21 October 2016, is issued.
    """

    code = "TM204"
    name = "event-date-conflict"
    severity = "error"

    def check(self, analysis: Analysis):
        for c in Facts.of(analysis).date_conflicts:
            what = _describe(analysis, c)
            at, other = c.at, c.other
            now = at.paragraph.text[at.start:at.end]
            then = other.paragraph.text[other.start:other.end]
            yield self.finding(
                analysis, at.paragraph, at.start, at.end,
                _("{what} is dated '{now}' here but '{then}' elsewhere").format(what=what, now=now, then=then),
                related=[self.related(analysis, other.paragraph, other.start, other.end,
                                      _("{what} dated '{then}'").format(what=what, then=then))])


def _describe(analysis: Analysis, c) -> str:
    """The meeting as the two places name it: its number, else its report, else its body."""
    both = (c.at, c.other)
    body = body_name(analysis, c.at.body)
    numbered = next((m for m in both if m.ordinal is not None), None) or \
        next((m for m in c.entity.mentions if m.ordinal is not None), None)
    if numbered is not None:
        return _("{kind} no. {number} {of_body}").format(kind=kind_name(numbered.kind, article=True),
                                                         number=numbered.ordinal, of_body=of_body(body))
    report = next((m.report for m in both if m.report), None) or next(iter(c.entity.reports), None)
    if report and c.at.body.startswith("generic:"):
        return _("the meeting whose report is {symbol}").format(symbol=report)
    return _("the meeting {of_body}").format(of_body=of_body(body))



RULES = [WeekdayMismatch, DateNameMisspelled, ImpossibleDate, DateStyle, TimeStyle, EventDateConflict]
