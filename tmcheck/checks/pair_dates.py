"""TM205: a date of the source changed in the translation (day, month, year or weekday)."""

from __future__ import annotations

from typing import Iterator

from ..i18n import _
from ..lang.calendar import month_name, weekday_name
from ..facts.analysis import Analysis, PairAnalysis
from .base import ComparisonRule, Difference


def _days(analysis: Analysis, pieces) -> list[tuple]:
    """(piece, mention, day) for every day written in the pieces."""
    out = []
    for piece in pieces:
        for m in analysis.mentions_in(piece.paragraph, piece.start, piece.end):
            out.extend((piece, m, d) for d in m.days)
    return out


def _same_day(a, b) -> bool:
    return a.day == b.day and a.month == b.month and (a.year is None or b.year is None or a.year == b.year)


def _written(lang: str, d, weekday: int | None = None) -> str:
    """A day as the language writes it, with its weekday when the replaced text had one."""
    day = ("1er" if lang == "fr" else "1") if d.day == 1 else str(d.day)
    text = f"{day} {month_name(lang, d.month)}" + (f" {d.year}" if d.year else "")
    if weekday is None:
        return text
    name = weekday_name(lang, weekday)
    return f"{name}, {text}" if lang == "en" else f"{name} {text}"


class DateMismatch(ComparisonRule):
    """A date of the source that the translation gives differently: another day, month, year or
    weekday (a date on one side only is TM206).

    Why:
        Dates are facts the translation must carry unchanged whatever each language's form ("le 1er
        juin 2016" is "1 June 2016"; "du 28 au 30 septembre" is "from 28 to 30 September"). A
        changed month or weekday is the error revisers most often find and token-based checkers
        never see.

    Fix:
        Give the translation the source's date (the suggestion, where one part differs).

    Bad (fr):
        La réunion se tiendra du lundi 17 au vendredi 21 octobre 2016 à Vienne.
        ->
        The meeting will be held in Vienna from Monday, 17 to Friday, 21 November 2016.

    Good (fr):
        La réunion se tiendra du lundi 17 au vendredi 21 octobre 2016 à Vienne.
        ->
        The meeting will be held in Vienna from Monday, 17 to Friday, 21 October 2016.

    Bad (en):
        The Working Group met on 6 and 7 June 2016.
        ->
        Le Groupe de travail s'est réuni les 6 et 7 juin 2015.

    Good (en):
        The Working Group met on 6 and 7 June 2016.
        ->
        Le Groupe de travail s'est réuni les 6 et 7 juin 2016.
    """

    code = "TM205"
    name = "date-mismatch"
    severity = "error"
    part = "changed"

    @staticmethod
    def compare(pa: PairAnalysis) -> Iterator[Difference]:
        return _compare(pa)


class DateMissing(ComparisonRule):
    """A date written on one side only: in the source and not in the translation, or the reverse.

    Why:
        A date left out or added may be a lost phrase; it may also be the translator's choice ("le
        2 février 2015" as "in February 2015"), so it is information for the reviser. A date that
        changed is TM205.

    Fix:
        Check that the translation says everything the source says.

    Bad (fr):
        Le Comité a adopté son rapport le 2 février 2015.
        ->
        The Committee adopted its report.

    Good (fr):
        Le Comité a adopté son rapport le 2 février 2015.
        ->
        The Committee adopted its report on 2 February 2015.

    Bad (en):
        The Committee adopted its report on 2 February 2015.
        ->
        Le Comité a adopté son rapport.

    Good (en):
        The Committee adopted its report on 2 February 2015.
        ->
        Le Comité a adopté son rapport le 2 février 2015.
    """

    code = "TM206"
    name = "date-missing"
    severity = "info"
    part = "one-sided"
    compare = staticmethod(DateMismatch.compare)


def _compare(pa: PairAnalysis) -> Iterator[Difference]:
    """The date differences between the two sides of each pair."""
    tl = pa.target_lang
    for pair in pa.pairs:
        src = _days(pa.source, pair.source)
        tgt = _days(pa.target, pair.target)
        if not src and not tgt:
            continue
        unmatched_t = list(tgt)
        unmatched_s = []
        for s in src:
            hit = next((t for t in unmatched_t if _same_day(s[2], t[2])), None)
            if hit is None:
                unmatched_s.append(s)
                continue
            unmatched_t.remove(hit)
            yield from _weekday(pa, s[2], hit)
        # One finding per date expression of the translation that lost or changed a day.
        by_mention: dict[tuple, list] = {}
        for t in unmatched_t:
            by_mention.setdefault((id(t[0].paragraph), t[1].span), []).append(t)
        for items in by_mention.values():
            piece, m, td = items[0]
            written = piece.paragraph.text[m.span[0]:m.span[1]]
            if not unmatched_s:
                yield Difference("one-sided", piece.paragraph, m.span[0], m.span[1],
                                 _("the translation has the date '{written}', which the source does not").format(
                                     written=written))
                continue
            sp, sm, sd = unmatched_s[0]
            source_text = sp.paragraph.text[sm.span[0]:sm.span[1]]
            taken = [s for s in unmatched_s if s[1] is sm][:len(items)] or unmatched_s[:1]
            for s in taken:
                unmatched_s.remove(s)
            yield _changed(pa, sd, td, piece, m, written, source_text)
        reported = set()
        for sp, sm, sd in unmatched_s:
            if id(sm) in reported:
                continue
            reported.add(id(sm))
            first = pair.target[0]
            source_text = sp.paragraph.text[sm.span[0]:sm.span[1]]
            yield Difference("one-sided", first.paragraph, first.start, first.end,
                             _("the source's date '{source}' is missing from the translation").format(
                                 source=source_text),
                             _written(tl, sd) if len(sm.days) == 1 else None)


def _weekday(pa: PairAnalysis, sd, hit) -> Iterator[Difference]:
    td = hit[2]
    if sd.weekday is None or td.weekday is None or sd.weekday == td.weekday or not td.weekday_span:
        return
    a, b = td.weekday_span
    written = hit[0].paragraph.text[a:b]
    right = weekday_name(pa.target_lang, sd.weekday)
    if written[:1].isupper():
        right = right[:1].upper() + right[1:]
    yield Difference("changed", hit[0].paragraph, a, b,
                     _("weekday '{written}' where the source has '{source}'").format(
                         written=written, source=weekday_name(pa.source_lang, sd.weekday)), right)


def _changed(pa: PairAnalysis, sd, td, piece, m, written: str, source_text: str) -> Difference:
    text = piece.paragraph.text
    if sd.month == td.month and sd.year == td.year and sd.day != td.day and len(m.days) == 1:
        a, b = td.span
        right = ("1er" if pa.target_lang == "fr" else "1") if sd.day == 1 else str(sd.day)
        return Difference("changed", piece.paragraph, a, b,
                          _("day {written} where the source has {day} ('{source}')").format(
                              written=text[a:b], day=sd.day, source=source_text), right)
    message = (_("month differs: '{written}' where the source has '{source}'")
               if sd.day == td.day and sd.year == td.year else
               _("year differs: '{written}' where the source has '{source}'")
               if sd.day == td.day and sd.month == td.month else
               _("day differs: '{written}' where the source has '{source}'")
               if sd.month == td.month and sd.year == td.year else
               _("date differs: '{written}' where the source has '{source}'"))
    suggestion = None
    if len(m.days) == 1:
        # The replacement covers the whole date as written, weekday included ("Tuesday, 6 October").
        weekday = None
        if td.weekday_span and td.weekday_span[0] == m.span[0]:
            real = sd.as_date(sd.year or td.year)
            weekday = real.weekday() if real else sd.weekday
        suggestion = _written(pa.target_lang, sd, weekday)
        if weekday is not None and written[:1].islower():
            suggestion = suggestion[:1].lower() + suggestion[1:]
    return Difference("changed", piece.paragraph, m.span[0], m.span[1],
                      message.format(written=written, source=source_text), suggestion)



RULES = [DateMismatch, DateMissing]
