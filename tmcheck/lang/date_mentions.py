"""What the dates parser finds (lang/dates.py): date mentions, the days they name, and the
misspelt month and weekday names inside them."""

from __future__ import annotations

from datetime import date

from ..named_tuples import NamedTuple


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

