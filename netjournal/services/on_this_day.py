"""What happened on this calendar day in earlier years, newest year first.

The days are listed (one per earlier year) so that the date index answers the
query; 29 February is looked for on 28 February of a year that has none.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from netjournal.domain import TimelineEntry
from netjournal.services.journal import Journal

# Private helpers of the timeline, shared so that an entry here is built exactly as it is there.
from netjournal.services.timeline import _RANK, _SOURCES, _entry

YEARS_BACK = 60
LIMIT = 500  # entries in all; a journal with more on one day shows the most recent years


@dataclass(frozen=True, slots=True)
class YearOnThisDay:
    year: int
    years_ago: int
    entries: tuple[TimelineEntry, ...]


def same_days_before(today: dt.date, years_back: int = YEARS_BACK) -> list[dt.date]:
    """Today's day and month in each of the earlier years that have it."""
    days = []
    for year in range(today.year - 1, today.year - years_back - 1, -1):
        if today.month == 2 and today.day == 29 and not calendar.isleap(year):
            continue
        days.append(dt.date(year, today.month, today.day))
        if today.month == 2 and today.day == 28 and not calendar.isleap(today.year) and calendar.isleap(year):
            days.append(dt.date(year, 2, 29))
    return days


def on_this_day(journal: Journal, today: dt.date | None = None, *, limit: int = LIMIT) -> tuple[YearOnThisDay, ...]:
    today = today or dt.date.today()
    days = [day.isoformat() for day in same_days_before(today)]
    marks = ",".join("?" * len(days))
    parts = []
    for entry_type, rank in _RANK.items():
        table, date_col, columns, _ = _SOURCES[entry_type]
        parts.append(f"SELECT {rank} AS rank, {columns} FROM {table} WHERE {date_col} IN ({marks})")
    sql = f"SELECT * FROM ({' UNION ALL '.join(parts)}) ORDER BY 3 DESC, 1 DESC, 2 DESC LIMIT ?"
    entries = [_entry(row) for row in journal.sql(sql, (*days * len(parts), limit))]
    years: dict[int, list[TimelineEntry]] = {}
    for entry in entries:
        years.setdefault(entry.date.year, []).append(entry)
    return tuple(YearOnThisDay(year, today.year - year, tuple(found)) for year, found in years.items())
