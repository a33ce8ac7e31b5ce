"""TM2xx: dates — weekdays that do not match, misspelled names, impossible days, and one event dated
differently in two places."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import NamedTuple

from ..documents.model import Paragraph
from ..lang.calendar import weekday_name
from ..lang.dates import DateMention
from ..lang.ordinals import ordinal_value
from ..facts.analysis import Analysis
from .base import Rule
from ..facts.symbols import canonical_symbol


def _fmt(d: date, lang: str) -> str:
    from ..lang.calendar import month_name

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
            where = f" (the year {dd.year} is taken from the document)" if dd.year_source != "written" else ""
            yield self.finding(analysis, dd.paragraph, a, b,
                               f"{_fmt(real, lang)} is a {weekday_name('en', real.weekday())}, not a "
                               f"{weekday_name('en', d.weekday)} ('{written}'){where}", right)


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
                kind = "weekday" if issue.kind == "weekday" else "month"
                yield self.finding(analysis, p, a, b, f"misspelled {kind} '{issue.written}'; write '{issue.correct}'",
                                   issue.correct)


class ImpossibleDate(Rule):
    """A day that does not exist: 31 June, 30 February, 29 February of a common year, day 0 or 32.

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
        from ..lang.calendar import month_name

        for p, m in analysis.mentions:
            for d in m.days:
                if d.is_valid():
                    continue
                a, b = d.span
                month = month_name(analysis.lang, d.month)
                if 1 <= d.day <= 31:
                    why = f"{month_name('en', d.month)} {d.year} has no day {d.day}" if d.month == 2 and d.day == 29 and d.year else f"{month_name('en', d.month)} has no day {d.day}"
                else:
                    why = f"there is no day {d.day} in any month"
                yield self.finding(analysis, p, a, b, f"'{p.text[a:b]} {month}' does not exist: {why}")


# -- one event, two datings -----------------------------------------------------------------------

_MEETING_NOUN = {"fr": r"sessions?|réunions?|sessions? extraordinaires?", "en": r"sessions?|meetings?|special sessions?"}
# An ordinal word (checked by ordinal_value, not spelled out in a 200-way alternation that would
# cost start-up time) before "session", "réunion" or "meeting".
_ORDINAL = re.compile(r"(?<![\w-])(?P<ord>(?:[^\W\d_]+[- ](?:et )?)?[^\W_]+)\s+(?P<noun>session|réunion|meeting)s?\b", re.I)
_PLAIN_MEETING = {
    "fr": re.compile(r"\b(?:sa |leur |la |les |une )?(?:réunions?|sessions?)\b", re.I),
    "en": re.compile(r"\b(?:its |their |the |a )?(?:meetings?|sessions?)\b", re.I),
}
_HELD = {"fr": re.compile(r"\b(?:tenue?s?|organisée?s?|qui (?:s'est|se sont|se tiendra|aura) )", re.I),
         "en": re.compile(r"\b(?:held|convened|which took place|to be held)\b", re.I)}
_REPORT = {"fr": re.compile(r"\brapport\b", re.I), "en": re.compile(r"\breport\b", re.I)}
_POSSESSIVE = {"fr": re.compile(r"\b(?:sa|son|leur)\s+$", re.I), "en": re.compile(r"\b(?:its|their)\s+$", re.I)}
# What "the Working Group" or "la Conférence" means when a document names its own bodies without
# their full titles: kept apart from the glossary's entries, and used only for near-identical datings.
_GENERIC = {
    "fr": re.compile(r"\b(Bureau élargi|Bureau|Groupe de travail|groupe d'experts|Conférence|Commission|Comité|Assemblée générale)\b"),
    "en": re.compile(r"\b(extended Bureau|Bureau|Working Group|expert group|Conference|Commission|Committee|General Assembly)\b"),
}
_BODY_KINDS = {"organ", "body", "working-group", "meeting"}


class _Dating(NamedTuple):
    paragraph: Paragraph
    mention: DateMention
    days: tuple[date, ...]
    strong: bool  # keyed by an ordinal or a report symbol: any difference is a conflict


class EventDateConflict(Rule):
    """The same event given different dates in two places of a document.

    Why:
        A meeting is identified by the body that held it and its number ("sixième session de la
        Conférence", "its eighth session"), or by the symbol of its report. Dated once in May and
        once in June, one of the two is wrong. A body's meetings cited without a number ("la
        réunion du Groupe de travail tenue les 19 et 20 octobre 2010") are compared only when the
        two datings differ in just a day, a month or a year, so that two real meetings of one body
        are never confused.

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
        years = {(dd.paragraph.index, dd.mention.span, dd.day.span): dd.year for dd in analysis.dated_days}
        seen: dict[tuple, list[_Dating]] = {}
        for p, m in analysis.mentions:
            days = []
            for d in m.days:
                y = years.get((p.index, m.span, d.span))
                real = d.as_date(y)
                if real is None:
                    break
                days.append(real)
            else:
                if not days:
                    continue
                sentence = analysis.sentence_at(p, m.span[0])
                for key, strong in _event_keys(analysis, p, m):
                    dating = _Dating(p, m, tuple(days), strong)
                    earlier = seen.setdefault((p.group, key), [])  # one document's events
                    # Two datings in one sentence are deliberate ("on 21 February 2014 and from 4
                    # to 13 February 2015": an opening meeting, then the session).
                    clash = next((e for e in earlier if _conflict(e, dating)
                                  and not (e.paragraph is p and analysis.sentence_at(p, e.mention.span[0]) == sentence)), None)
                    if clash:
                        yield self._report(analysis, key, clash, dating)
                        break
                    earlier.append(dating)

    def _report(self, analysis, key, earlier: _Dating, later: _Dating):
        p, m = later.paragraph, later.mention
        what = _describe_key(analysis, key)
        then = earlier.paragraph.text[earlier.mention.span[0]:earlier.mention.span[1]]
        now = p.text[m.span[0]:m.span[1]]
        return self.finding(
            analysis, p, m.span[0], m.span[1],
            f"{what} is dated '{now}' here but '{then}' elsewhere",
            related=[self.related(analysis, earlier.paragraph, earlier.mention.span[0], earlier.mention.span[1],
                                  f"{what} dated '{then}'")])


def _describe_key(analysis: Analysis, key: tuple) -> str:
    kind = key[0]
    if kind == "symbol":
        return f"the meeting whose report is {key[1]}"
    body = _body_name(analysis, key[1])
    if kind == "ordinal":
        return f"{key[3]} no. {key[2]} of the {body}"
    return f"the meeting of the {body}"


def _body_name(analysis: Analysis, body: str) -> str:
    if body.startswith("generic:"):
        return body.split(":", 1)[1]
    return analysis.glossary.entry(body).side(analysis.lang).term


def _span_days(days: tuple[date, ...], kind: str) -> set[date]:
    if kind == "range" and len(days) == 2 and days[0] <= days[1] and (days[1] - days[0]).days <= 62:
        from datetime import timedelta

        return {days[0] + timedelta(n) for n in range((days[1] - days[0]).days + 1)}
    return set(days)


def _conflict(a: _Dating, b: _Dating) -> bool:
    da, db = _span_days(a.days, a.mention.kind), _span_days(b.days, b.mention.kind)
    if da == db or da <= db or db <= da:
        return False  # the same dates, or one day of a longer meeting
    if a.strong and b.strong:
        return True
    # Without an ordinal or a symbol: near-identical datings only (one of day, month, year differs).
    if len(a.days) != len(b.days):
        return False
    pairs = list(zip(a.days, b.days))
    differs = {
        "year": any(x.year != y.year for x, y in pairs),
        "month": any(x.month != y.month for x, y in pairs),
        "day": any(x.day != y.day for x, y in pairs),
    }
    if sum(differs.values()) != 1:
        return False
    if differs["day"]:
        return bool(da & db)  # overlapping days; two meetings of a month stay apart
    return True


def _event_keys(analysis: Analysis, p: Paragraph, m: DateMention):
    """The events a date mention dates: (key, strong) pairs."""
    lang = analysis.lang
    text = p.text
    a, b = analysis.sentence_at(p, m.span[0])
    before = text[a:m.span[0]]
    keys = []
    # A report's symbol right after the date: "Rapport de la réunion..., tenue du 27 au 29 juin 2012 (X/2012/4)".
    sym = next((s for s in analysis.symbols(p) if m.span[1] <= s.start < m.span[1] + 80 and s.start < b), None)
    if sym and _REPORT[lang].search(before) and _HELD[lang].search(before[-80:]) and not re.search(r"\d{4}", text[m.span[1]:sym.start]):
        keys.append((("symbol", canonical_symbol(sym.text)), True))
    # An ordinal session or meeting before the date, in the same sentence.
    ords = [o for o in _ORDINAL.finditer(text, a, m.span[0])
            if m.span[0] - o.end() <= 150 and _ordinal_of(o) is not None]
    if ords:
        o = ords[-1]
        n, start = _ordinal_at(o)
        noun = "session" if o.group("noun").lower() == "session" else "meeting"
        body = _body_of_meeting(analysis, p, (a, b), start, o.end())
        if body:
            keys.append((("ordinal", body, n, noun), True))
            return keys
    # A body's meeting held on these dates, without a number.
    if _HELD[lang].search(before[-60:]) or re.search(r"(?:réunion|session|meeting)s?\s*$", before[-40:], re.I):
        meeting = list(_PLAIN_MEETING[lang].finditer(before))
        if meeting:
            mm = meeting[-1]
            noun_start = a + mm.end() - len(mm.group(0).split()[-1])
            body = _body_of_meeting(analysis, p, (a, b), noun_start, a + mm.end())
            if body:
                keys.append((("body", body), False))
    return keys


_OF_THE = re.compile(r"\s*(?:de la|du|de l'|des|of the|of)?\s*", re.I)


def _body_of_meeting(analysis: Analysis, p: Paragraph, sentence: tuple[int, int], start: int, end: int) -> str | None:
    """Whose meeting: the body named right after the noun ("session de la Conférence"), else, after
    "sa"/"its", the body the sentence is about; a name the glossary does not know ("le Groupe de
    travail") stands for the one body of the document it can only mean, or for itself."""
    lang = analysis.lang
    text = p.text
    a, b = sentence
    bodies = [t for t in analysis.terms(p) if a <= t.start < b and t.role in ("term", "short")
              and analysis.glossary.entry(t.entry_id).kind in _BODY_KINDS]
    after = end + len(_OF_THE.match(text, end).group(0))
    named = next((t.entry_id for t in bodies if t.start == after), None)
    if named:
        return named
    generic = _GENERIC[lang].match(text, after)
    if generic:
        return _alias(analysis, generic.group(1))
    if _POSSESSIVE[lang].search(text[a:start]):
        if bodies:
            return min(bodies, key=lambda t: abs(t.start - start)).entry_id
        near = min(_GENERIC[lang].finditer(text, a, b), key=lambda g: abs(g.start() - start), default=None)
        if near:
            return _alias(analysis, near.group(1))
        return None
    before = [t for t in bodies if t.start < start]
    if before:
        return before[-1].entry_id
    near = list(_GENERIC[lang].finditer(text, a, start))
    return _alias(analysis, near[-1].group(1)) if near else None


def _alias(analysis: Analysis, noun: str) -> str:
    """'the Working Group' -> the working group the document is about: the one whose series its
    own symbol belongs to, else the one it names in full clearly more often than any other."""
    aliases = analysis.__dict__.setdefault("_generic_aliases", {})
    if noun not in aliases:
        g = analysis.glossary
        key = noun.lower()

        def fits(entry_id: str) -> bool:
            e = g.entry(entry_id)
            return e.kind in _BODY_KINDS and e.side(analysis.lang).term.lower().startswith(key)

        votes = Counter(t.entry_id for p in analysis.paragraphs for t in analysis.terms(p)
                        if t.role in ("term", "short") and fits(t.entry_id))
        own = next((s for p in analysis.paragraphs[:8] for s in analysis.symbols(p)), None)
        owner = g.series_of(own.text) if own else None
        if owner and fits(owner):
            votes[owner] += 1000
        ranked = votes.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            aliases[noun] = ranked[0][0]
        else:
            aliases[noun] = "generic:" + noun
    return aliases[noun]


def _ordinal_of(match) -> int | None:
    """The ordinal before the meeting noun: "vingt-cinquième", "vingt et unième", "sixth", "6e"."""
    return _ordinal_at(match)[0]


def _ordinal_at(match) -> tuple[int | None, int]:
    """(value, start) of the ordinal: the whole group ("vingt et unième") or its last word ("sa sixième")."""
    words = match.group("ord")
    n = ordinal_value(words)
    if n:
        return n, match.start("ord")
    last = words.split(" ")[-1]
    return ordinal_value(last), match.end("ord") - len(last)


RULES = [WeekdayMismatch, DateNameMisspelled, ImpossibleDate, EventDateConflict]
