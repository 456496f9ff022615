"""When a stored birthday next comes round, and how old it makes the person: for the panel and the brief."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from netjournal.domain import ContactDetail, DetailField
from netjournal.services.contact_details import birthday_text

SOON_DAYS = 14  # a birthday this close is worth a word before meeting

_STORED = re.compile(r"(?:(\d{4})|-)-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class BirthdayFacts:
    text: str  # "15 April 1985", or "15 April" without a year
    age: int | None  # their age today; None without a year
    days_until: int  # 0 on the day itself

    @property
    def is_soon(self) -> bool:
        return self.days_until <= SOON_DAYS


def _on_year(year: int, month: int, day: int) -> dt.date:
    # 29 February is kept on the 28th in a year without it.
    if month == 2 and day == 29 and not calendar.isleap(year):
        day = 28
    return dt.date(year, month, day)


def birthday_facts(value: str, today: dt.date) -> BirthdayFacts | None:
    """What a stored birthday (``YYYY-MM-DD`` or ``--MM-DD``) means on ``today``; None if it is no day."""
    found = _STORED.fullmatch(value)
    if not found:
        return None
    year_text, month_text, day_text = found.groups()
    month, day = int(month_text), int(day_text)
    try:
        this_year = _on_year(today.year, month, day)
    except ValueError:
        return None
    upcoming = this_year if this_year >= today else _on_year(today.year + 1, month, day)
    age = None
    if year_text:
        age = today.year - int(year_text) - (1 if this_year > today else 0)
        age = age if age >= 0 else None  # a birthday typed in the future tells no age
    return BirthdayFacts(birthday_text(value), age, (upcoming - today).days)


def birthday_of(details: tuple[ContactDetail, ...] | list[ContactDetail], today: dt.date) -> BirthdayFacts | None:
    """The first birthday among ``details``, as of ``today``."""
    for detail in details:
        if detail.field is DetailField.BIRTHDAY:
            facts = birthday_facts(detail.value, today)
            if facts is not None:
                return facts
    return None
