"""Periods a review covers: a year, a quarter, a month or any run of days, as a person writes them.

``parse_period`` reads ``2026``, ``2026-Q3``, ``2026-03`` and ``2026-01-01..2026-06-30``;
anything else raises ``ValidationError(field="period")`` with a sentence saying what to write.
Both ends of a period are inclusive calendar dates, the same kind of date every entry carries.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from dataclasses import dataclass

from netjournal.services.validation import ValidationError

# A journal of professional relationships reaches back a working life at most;
# a year before this is a typo (0026 for 2026), not a period anyone means.
EARLIEST_YEAR = 1900
# The longest run of days a review takes: a working life, again. Longer is a typo in a year.
MAX_DAYS = 100 * 366

_FORMS = "a year (2026), a quarter (2026-Q3), a month (2026-03) or two dates (2026-01-01..2026-06-30)"
_YEAR = re.compile(r"(\d{4})")
_QUARTER = re.compile(r"(\d{4})-[Qq](\d+)")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_RANGE = re.compile(r"(.+?)\s*\.\.\s*(.+)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class PeriodKind(enum.StrEnum):
    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"
    DAYS = "days"  # any run of days given by its two ends


@dataclass(frozen=True, slots=True)
class Period:
    """A run of calendar days, both ends included."""

    kind: PeriodKind
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        """The period as it is typed: ``2026``, ``2026-Q3``, ``2026-03`` or ``2026-01-01..2026-06-30``."""
        if self.kind is PeriodKind.YEAR:
            return f"{self.start.year:04d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.start.year:04d}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind is PeriodKind.MONTH:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def title(self) -> str:
        """The period in words, for a heading: ``Q3 2026 (July–September)``, ``March 2026``."""
        year = self.start.year
        if self.kind is PeriodKind.YEAR:
            return str(year)
        if self.kind is PeriodKind.QUARTER:
            first, last = calendar.month_name[self.start.month], calendar.month_name[self.end.month]
            return f"Q{(self.start.month - 1) // 3 + 1} {year} ({first}\u2013{last})"
        if self.kind is PeriodKind.MONTH:
            return f"{calendar.month_name[self.start.month]} {year}"
        return f"{_day_words(self.start)} \u2013 {_day_words(self.end)}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The period of the same length just before: the year, quarter or month before, or as many days."""
        if self.kind is PeriodKind.YEAR:
            return _year(self.start.year - 1)
        if self.kind is PeriodKind.QUARTER:
            month = self.start.month - 3
            year = self.start.year - (1 if month < 1 else 0)
            return _quarter(year, (month - 1) % 12 // 3 + 1)
        if self.kind is PeriodKind.MONTH:
            last = self.start - dt.timedelta(days=1)
            return _month(last.year, last.month)
        end = self.start - dt.timedelta(days=1)
        return Period(PeriodKind.DAYS, end - dt.timedelta(days=self.days - 1), end)


def _day_words(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def _year(year: int) -> Period:
    return Period(PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))


def _quarter(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return Period(PeriodKind.QUARTER, dt.date(year, first, 1), _month(year, first + 2).end)


def _month(year: int, month: int) -> Period:
    return Period(PeriodKind.MONTH, dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))


def _fail(message: str) -> ValidationError:
    return ValidationError("period", message)


def _checked_year(text: str, today: dt.date) -> int:
    year = int(text)
    if year < EARLIEST_YEAR:
        raise _fail(f"The year {year} is too long ago for a journal; write four digits, like {today.year}.")
    if year > today.year:
        raise _fail(f"{year} has not begun yet; a review looks back at what has happened.")
    return year


def _date(text: str, today: dt.date) -> dt.date:
    if not _DATE.fullmatch(text):
        raise _fail(f"\u201c{text}\u201d is not a date; write it as YYYY-MM-DD, like {today.isoformat()}.")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise _fail(f"\u201c{text}\u201d is not a day of the calendar.") from None
    if day.year < EARLIEST_YEAR:
        raise _fail(f"The year {day.year} is too long ago for a journal; write four digits, like {today.year}.")
    return day


def parse_period(text: str, today: dt.date) -> Period:
    """The period ``text`` names; raises ``ValidationError(field="period")`` for anything else.

    ``today`` bounds it: a period that has not begun yet cannot be reviewed,
    while the current year, quarter or month can (it is reviewed so far).
    """
    written = (text or "").strip()
    if not written:
        raise _fail(f"Say which period to review: {_FORMS}.")
    if match := _YEAR.fullmatch(written):
        return _year(_checked_year(match[1], today))
    if match := _QUARTER.fullmatch(written):
        year, quarter = _checked_year(match[1], today), int(match[2])
        if not 1 <= quarter <= 4:
            raise _fail(f"A year has quarters Q1 to Q4; there is no Q{quarter}.")
        period = _quarter(year, quarter)
    elif match := _MONTH.fullmatch(written):
        year, month = _checked_year(match[1], today), int(match[2])
        if not 1 <= month <= 12:
            raise _fail(f"A year has months 01 to 12; there is no month {match[2]}.")
        period = _month(year, month)
    elif match := _RANGE.fullmatch(written):
        start, end = _date(match[1], today), _date(match[2], today)
        if end < start:
            raise _fail(f"The period ends ({end.isoformat()}) before it starts ({start.isoformat()}); swap the dates.")
        if (end - start).days + 1 > MAX_DAYS:
            raise _fail("That period is longer than a hundred years; check the years.")
        period = Period(PeriodKind.DAYS, start, end)
    else:
        raise _fail(f"\u201c{written}\u201d is not a period; write {_FORMS}.")
    if period.start > today:
        raise _fail(f"{period.label} has not begun yet; a review looks back at what has happened.")
    return period
