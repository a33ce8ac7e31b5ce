"""Conflicts between the mentions of one meeting (entities.py links them): two datings of it that
disagree (or one body's meeting dated twice with a slip), its report cited under two symbols of one
series, a "session" here and a "meeting" there, a number here and another there."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from ..lang.text import PerLanguage
from ..named_tuples import NamedTuple
from .bodies import body_class, same_body
from .entities import MANY_DATINGS, MeetingEntity
from .meetings import MeetingMention


class DateConflict(NamedTuple):
    """Two mentions of one meeting (or two near-identical datings of one body's meeting) whose
    dates disagree: ``at`` is where to report it, ``other`` the place it disagrees with."""

    at: MeetingMention
    other: MeetingMention
    entity: MeetingEntity
    linked: bool  # the two mentions share an identifier (else: same body, near-identical dates)


def compatible(a: MeetingMention, b: MeetingMention) -> bool:
    """The same days, or a day (or days) of a meeting that another place dates in full ("le lundi
    23 mai" for its opening, "du 23 au 27 mai" for the session); two ranges must be the same."""
    return _compatible(a.dates.covered, b.dates.covered, a.dates.mention.kind, b.dates.mention.kind)


def _compatible(x: frozenset[date], y: frozenset[date], kind_x: str, kind_y: str) -> bool:
    if x == y:
        return True
    kinds = (kind_x, kind_y)
    if kinds == ("range", "range"):
        return False
    if kinds == ("single", "single"):
        # Days named alone ("lundi 15 octobre" for the opening, "vendredi 19 octobre" for the
        # report): days of one session, unless they lie too far apart to be.
        days = sorted(x | y)
        return (days[-1] - days[0]).days <= 14
    return x <= y or y <= x


# Words that make the day after them a meeting's first: "s'ouvrira le mardi 6 septembre", "will be
# opened at 10 a.m. on Monday, 13 March" (in the same clause, the date at most 80 characters on).
_OPENS = PerLanguage(re.I, fr=r"\b(?:s'ouvrir\w*|sera ouverte?s?|ouvrira)\b[^.;:]{0,80}$",
                     en=r"\b(?:will\s+(?:be\s+)?open(?:ed)?|opens)\b[^.;:]{0,80}$")


def _opening_gap(analysis, a, b) -> int | None:
    """Of two datings of one meeting, (days, mentions) each, where one is a single day on which the
    meeting opens and the other a span of days that starts on another ("s'ouvrira le mardi 6
    septembre" and "4-8 septembre 2016": one of them is a slip), the days between the two; else
    None."""
    (single, ms), (span, _) = sorted((a, b), key=lambda x: len(x[0]))
    if len(single) == 1 < len(span) and min(single) != min(span) and any(_opens(analysis, m) for m in ms):
        return abs((min(single) - min(span)).days)
    return None


# A part of a meeting that opens on a day of its own: "the high-level segment of the sixtieth
# session will be opened on Tuesday", "le débat général s'ouvrira le mercredi".
_PART = PerLanguage(re.I, fr=r"\b(?:débats?|segments?|discussions?|dialogues?|tables? rondes?|consultations?|"
                             r"comités?|plénières?|parties?|réunions?-débats?|groupes? de discussion)\b",
                    en=r"\b(?:debates?|segments?|discussions?|dialogues?|panels?|round\s*tables?|consultations?|"
                       r"committees?|plenar(?:y|ies)|parts?)\b")


def _opens(analysis, m: MeetingMention) -> bool:
    """Is the single day of ``m`` the day the meeting itself opens (so the first of its days), not
    a part of it?"""
    text = m.paragraph.text[m.sentence[0]:m.dates.start]
    text = text.replace("\u2019", "'").replace("a.m.", "am").replace("p.m.", "pm")  # "at 10 a.m. on"
    opening = _OPENS[analysis.lang].search(text, max(0, len(text) - 120))
    return opening is not None and not _PART[analysis.lang].search(text, 0, opening.start())


def near_identical(a: MeetingMention, b: MeetingMention) -> bool:
    """Datings that differ in one of day, month or year only (a slip), as opposed to two meetings
    of one body: "les 19 et 20 octobre 2010" and "les 19 et 20 octobre 2011", or "du 17 au 21
    octobre" and "du 17 au 21 novembre", but not "le 4 juillet" and "le 15 février"."""
    # Compared by their first and last days, so that "du 6 au 8 septembre" and "les 6, 7 et 8
    # septembre" are written alike.
    x, y = sorted(a.dates.covered), sorted(b.dates.covered)
    pairs = [(x[0], y[0]), (x[-1], y[-1])]
    differs = {
        "year": any(p.year != q.year for p, q in pairs),
        "month": any(p.month != q.month for p, q in pairs),
        "day": any(p.day != q.day for p, q in pairs),
    }
    if sum(differs.values()) != 1:
        return False
    if differs["day"]:
        return bool(a.dates.covered & b.dates.covered)  # overlapping days; two meetings of a month stay apart
    return True


def meeting_conflicts(analysis, entities: list[MeetingEntity]) -> list[DateConflict]:
    out: list[DateConflict] = []
    reported: set[tuple[int, int, int]] = set()

    def report(at: MeetingMention, other: MeetingMention, entity: MeetingEntity, linked: bool) -> None:
        if at.key not in reported:
            reported.add(at.key)
            out.append(DateConflict(at, other, entity, linked))

    # One meeting, two datings: each dating against the principal one (the commonest, the widest
    # on a tie), so that an opening day and a closing day each within the session are no conflict.
    for e in entities:
        groups: dict[frozenset[date], list[MeetingMention]] = {}
        kinds: dict[frozenset[date], str] = {}
        for days, kind, m in _sentence_datings(e):
            groups.setdefault(days, []).append(m)
            kinds.setdefault(days, kind)
        if len(groups) < 2:
            continue
        ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), -len(kv[0]), kv[1][0].key))
        principal_days, principal = ranked[0]
        for days, ms in ranked[1:MANY_DATINGS]:
            if _compatible(days, principal_days, kinds[days], kinds[principal_days]) and _opening_gap(
                    analysis, (days, ms), (principal_days, principal)) is None:
                continue
            at, other = _where(ms, principal, len(ms) == len(principal))
            report(at, other, e, True)

    # One body's meeting dated twice with one slip, the two places sharing no identifier (the slip
    # broke the link "same body, same dates").
    by_body: dict[str, list[MeetingEntity]] = {}
    for e in entities:
        if e.dated:
            by_body.setdefault((e.mentions[0].paragraph.group, body_class(analysis, e.body)), []).append(e)
    for group in by_body.values():
        if len(group) < 2 or len(group) > 4 * MANY_DATINGS:
            continue
        for i, e in enumerate(group):
            for f in group[:i]:
                if _distinct(e, f) or not same_body(analysis, e.body, f.body):
                    continue
                pair = _near_pair(analysis, e, f)
                if pair:
                    m, o = pair
                    at, other = _where([m] * len(e.dated), [o] * len(f.dated), len(e.dated) == len(f.dated))
                    report(at, other, e if at is m else f, False)
    out.sort(key=lambda c: c.at.key)
    return out


class MentionConflict(NamedTuple):
    """Two mentions of one meeting that name it otherwise: its report under two symbols, or a
    "session" here and a "meeting" there."""

    at: MeetingMention
    other: MeetingMention
    entity: MeetingEntity


def report_conflicts(entities: list[MeetingEntity]) -> list[MentionConflict]:
    """The report on one meeting cited under two symbols of one series ("CTOC/COP/WG.4/2015/6"
    here, ".../7" there); two series (E/2016/28 and E/CN.7/2016/15, the same report under the
    Council's and the Commission's symbols) are no slip."""
    out = []
    for e in entities:
        cited = [m for m in e.mentions if m.report and m.report_span and m.siblings == 1]
        by_symbol: dict[str, list[MeetingMention]] = {}
        for m in cited:
            by_symbol.setdefault(m.report, []).append(m)
        if len(by_symbol) < 2:
            continue
        ranked = sorted(by_symbol.values(), key=lambda ms: (-len(ms), ms[0].key))
        for ms in ranked[1:]:
            if ms[0].report.rsplit("/", 1)[0] != ranked[0][0].report.rsplit("/", 1)[0]:
                continue
            at, other = _where(ms, ranked[0], len(ms) == len(ranked[0]))
            out.append(MentionConflict(at, other, e))
    return out


_NAMED_KINDS = ("meeting", "session")


def kind_conflicts(entities: list[MeetingEntity]) -> list[MentionConflict]:
    """One meeting called a session in one place and a meeting in another, the two places giving
    it the same days (an opening meeting on one day of a session is another thing), or "that
    session" pointing back to a meeting."""
    out = []
    for e in entities:
        keyed = {m.key: m for m in e.mentions}
        for m in e.mentions:
            first = keyed.get(m.antecedent) if m.antecedent else None
            if first is not None and m.kind != first.kind and m.kind in _NAMED_KINDS and first.kind in _NAMED_KINDS:
                out.append(MentionConflict(m, first, e))
        by_days: dict[frozenset[date], dict[str, list[MeetingMention]]] = {}
        for m in e.dated:
            if m.kind in _NAMED_KINDS:
                by_days.setdefault(m.dates.covered, {}).setdefault(m.kind, []).append(m)
        for kinds in by_days.values():
            if len(kinds) < 2:
                continue
            (k1, a), (k2, b) = sorted(kinds.items(), key=lambda kv: (-len(kv[1]), kv[1][0].key))[:2]
            at, other = _where(b, a, len(a) == len(b))
            out.append(MentionConflict(at, other, e))
    out.sort(key=lambda c: c.at.key)
    return out


def number_conflicts(entities: list[MeetingEntity]) -> list[MentionConflict]:
    """One meeting given two numbers for the same days: "its twenty-fifth session, from 23 to 27
    May 2016" in one place and "its twenty-sixth session, to be held from 23 to 27 May 2016" in
    another, one body's both. The number not dated otherwise elsewhere, then the one most of its
    mentions give, is taken as right (on a tie, the later place is reported)."""
    out = []
    for e in entities:
        counts: dict[tuple[str | None, str, int], int] = {}
        for m in e.mentions:
            if m.ordinal is not None:
                counts[(m.body, m.kind, m.ordinal)] = counts.get((m.body, m.kind, m.ordinal), 0) + 1
        if len({k[:2] for k in counts}) == len(counts):
            continue  # one number for each body and kind (most meetings)
        by_days: dict[tuple, dict[int, list[MeetingMention]]] = {}
        datings: dict[tuple, Counter] = {}  # each number's datings: how many places give which days
        for m in e.dated:
            if m.ordinal is not None:
                datings.setdefault((m.body, m.kind, m.ordinal), Counter())[m.dates.covered] += 1
            if m.ordinal is not None and m.body is not None and not m.body.startswith("generic:") \
                    and m.kind in _NAMED_KINDS and m.siblings == 1:
                by_days.setdefault((m.body, m.kind, m.dates.covered), {}).setdefault(m.ordinal, []).append(m)
        # The days numbered twice, the most often dated first; past a few, a list of meetings over
        # the years rather than one meeting (and the comparisons stay linear).
        twice = sorted(((k, v) for k, v in by_days.items() if len(v) >= 2),
                       key=lambda kv: -sum(map(len, kv[1].values())))[:MANY_DATINGS]
        for (body, kind, days), numbers in twice:

            def elsewhere(n: int) -> int:
                # The number's datings of other days: a number dated otherwise is the odd one here
                # ("its seventh session, from 1 to 5 June 2015" where the seventh is in June 2016).
                return sum(c for covered, c in datings[(body, kind, n)].items() if not covered & days)

            ranked = sorted(numbers, key=lambda n: (elsewhere(n), -counts[(body, kind, n)],
                                                    -numbers[n][-1].key[0], -numbers[n][-1].key[1]))
            right = ranked[0]
            tie = (elsewhere(ranked[0]), counts[(body, kind, ranked[0])]) == (elsewhere(ranked[1]), counts[(body, kind, ranked[1])])
            for n in ranked[1:]:
                at, other = numbers[n][0], numbers[right][0]
                if tie and at.key < other.key:
                    at, other = other, at
                out.append(MentionConflict(at, other, e))
    out.extend(_overlapping_numbers(entities))
    out.sort(key=lambda c: c.at.key)
    return out


def _overlapping_numbers(entities: list[MeetingEntity]) -> list[MentionConflict]:
    """Two sessions of one body, numbered apart, on days they share: a body holds one session at a
    time, so one number is a slip ("Seventh session" over "Vienna, 15-19 October 2012" where the
    rest of the document opens the sixth on Monday, 15 October 2012). The one fewer places name is
    reported, at its first dating that shares a day with the other."""
    numbered: dict[tuple, list[tuple[int, MeetingEntity, frozenset[date]]]] = {}
    for e in entities:
        ordinals = {(m.body, m.kind, m.ordinal) for m in e.mentions if m.ordinal is not None}
        if len(ordinals) != 1:
            continue
        (body, kind, n), = ordinals
        if body is None or body.startswith("generic:") or kind != "session":
            continue
        days = frozenset().union(*(m.dates.covered for m in e.dated)) if e.dated else frozenset()
        if days:
            numbered.setdefault((e.mentions[0].paragraph.group, body, kind), []).append((n, e, days))
    out = []
    for sessions in numbered.values():
        if len(sessions) < 2 or len(sessions) > 4 * MANY_DATINGS:
            continue
        for i, (n1, e1, d1) in enumerate(sessions):
            for n2, e2, d2 in sessions[i + 1:]:
                shared = d1 & d2
                # The last day of one and the first of the next: a session opened at the close of
                # the one before to elect its Bureau ("le 21 février 2014 et du 4 au 13 février 2015").
                if n1 == n2 or not shared or (len(shared) == 1 and (min(d1) < max(d1) == min(d2) or min(d2) < max(d2) == min(d1))):
                    continue
                odd, right = (e1, e2) if (len(e1.mentions), -e1.mentions[0].key[0]) < (len(e2.mentions), -e2.mentions[0].key[0]) \
                    else (e2, e1)
                at = next(m for m in odd.dated if m.dates.covered & shared)
                other = next(m for m in right.dated if m.dates.covered & shared)
                out.append(MentionConflict(at, other, odd))
    return out


def _sentence_datings(e: MeetingEntity):
    """The meeting's datings sentence by sentence: (days, kind, the sentence's first mention).
    A sentence that dates it more than once says when its parts are ("will be held from 23 to 27
    May 2016; the session was opened on 11 December 2015 for the election of the Bureau"), or
    splits one list among meetings that one entity holds together: its days are read as one list,
    not as datings that disagree, and compared as such with the datings elsewhere (the same days
    in June in another paragraph are a conflict)."""
    by_sentence: dict[tuple[int, int], list[MeetingMention]] = {}
    for m in e.dated:
        by_sentence.setdefault((m.paragraph.index, m.sentence), []).append(m)
    for ms in by_sentence.values():
        if len(ms) == 1:
            yield ms[0].dates.covered, ms[0].dates.mention.kind, ms[0]
        else:
            yield frozenset().union(*(m.dates.covered for m in ms)), "list", ms[0]


def _where(ms: list[MeetingMention], others: list[MeetingMention], tie: bool):
    """(where to report, the place it disagrees with): the fewer datings are the odd ones."""
    if not tie and len(ms) < len(others):
        return ms[0], others[0]
    if not tie:
        return others[0], ms[0]
    a, b = ms[-1], others[-1]
    return (a, b) if a.key > b.key else (b, a)


def _same_sentence(a: MeetingMention, b: MeetingMention) -> bool:
    return a.paragraph.index == b.paragraph.index and a.sentence == b.sentence


def _distinct(e: MeetingEntity, f: MeetingEntity) -> bool:
    """Two meetings that say they are different: other numbers, or other reports."""
    if e.ordinals and f.ordinals and not (e.ordinals & f.ordinals):
        return True
    if e.reports and f.reports and not (e.reports & f.reports):
        return True
    return False


def _near_pair(analysis, e: MeetingEntity, f: MeetingEntity):
    for m in e.dated[:MANY_DATINGS]:
        for o in f.dated[:MANY_DATINGS]:
            if _same_sentence(m, o):
                continue
            if not compatible(m, o) and near_identical(m, o):
                return m, o
            # One body's meeting opening a few days from the first day of the span another place
            # gives it ("s'ouvrira le mardi 6 septembre" and "7-8 septembre 2016"): one meeting.
            gap = _opening_gap(analysis, (m.dates.covered, [m]), (o.dates.covered, [o]))
            if gap is not None and gap <= 3:
                return m, o
    return None
