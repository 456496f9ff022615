"""Dates as contacts exports write them: "25 May 2023", "2023-05-25", "4/15/1985", "--04-15".

Month names are matched against an English table, not ``strptime("%b")``:
that follows the process locale, which Qt sets from the desktop, so a French
desktop would fail to read LinkedIn's English "25 May 2023".

Slash dates are month first (Outlook and LinkedIn in the US) unless the file
itself shows otherwise: ``slashes_are_day_first`` looks at all of a column's
values, and one "25/05/2023" makes the whole column day first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")  # Excel may add " 00:00:00"
_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")  # vCard and Google: the year is not known
_NUMERIC = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([a-z]+)\.?,?[ -](\d{4}|\d{2})")  # 25 May 2023, 25-May-23
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\.? (\d{1,2}),? (\d{4})")  # May 25, 2023
# Apple and some Google syncs write this year for "year not known".
_UNKNOWN_YEAR = 1604


def slashes_are_day_first(values: Iterable[str]) -> bool:
    """True when a column's slash dates can only be day first ("25/05/2023"), else month first."""
    for value in values:
        match = _NUMERIC.fullmatch(value.strip())
        if match and match.group(2) == "/" and int(match.group(1)) > 12 >= int(match.group(3)):
            return True
    return False


def parse_date(text: str, *, day_first: bool = False) -> dt.date | None:
    """A full date, or None when ``text`` is empty, has no year, or is not a date."""
    parts = _date_parts(text, day_first=day_first)
    if parts is None or parts[0] is None:
        return None
    year, month, day = parts
    return _valid(year, month, day)


def parse_birthday(text: str, *, day_first: bool = False) -> str | None:
    """A birthday as a contact detail holds it: "YYYY-MM-DD", or "--MM-DD" when the year is not known."""
    parts = _date_parts(text, day_first=day_first)
    if parts is None:
        return None
    year, month, day = parts
    if year is None:
        return f"--{month:02d}-{day:02d}" if _valid(2000, month, day) else None  # 2000 allows 29 February
    date = _valid(year, month, day)
    return date.isoformat() if date else None


def _date_parts(text: str, *, day_first: bool) -> tuple[int | None, int, int] | None:
    value = " ".join(text.strip().casefold().split())
    if not value:
        return None
    if match := _ISO.fullmatch(value):
        year, month, day = (int(group) for group in match.groups())
        return (None if year == _UNKNOWN_YEAR else year), month, day
    if match := _NO_YEAR.fullmatch(value):
        return None, int(match.group(1)), int(match.group(2))
    if match := _NUMERIC.fullmatch(value):
        first, separator, second, year_text = match.groups()
        # Dotted dates are German-style day first whatever the rest of the column says.
        day_leads = day_first or separator == "."
        day, month = (int(first), int(second)) if day_leads else (int(second), int(first))
        if day == 0 or month == 0:
            return None  # Outlook's "0/0/00" for "no birthday"
        return _full_year(year_text), month, day
    if match := _DAY_MONTH_YEAR.fullmatch(value):
        day_text, month_name, year_text = match.groups()
        month = _MONTHS.get(month_name)
        return (_full_year(year_text), month, int(day_text)) if month else None
    if match := _MONTH_DAY_YEAR.fullmatch(value):
        month_name, day_text, year_text = match.groups()
        month = _MONTHS.get(month_name)
        return (_full_year(year_text), month, int(day_text)) if month else None
    return None


def _full_year(text: str) -> int | None:
    year = int(text)
    if len(text) == 4:
        return None if year == _UNKNOWN_YEAR else year
    # Two digits: the most recent such year that is not in the future (birthdays, first meetings).
    this_year = dt.date.today().year
    century = this_year - this_year % 100
    return century + year if century + year <= this_year else century - 100 + year


def _valid(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
