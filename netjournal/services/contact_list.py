"""Filtering and sorting the contact list in plain Python.

Thousands of ``PersonRow``s sit in memory; each keystroke filters them with a
precomputed case-folded text, which costs well under a millisecond for 8,000
people (a QSortFilterProxyModel over 100,000 rows took 0.6 s per change of filter here).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence

from netjournal.services.people import PersonRow


class ContactOrder(enum.StrEnum):
    NAME = "name"
    LAST_CONTACT = "last_contact"
    OVERDUE = "overdue"
    BALANCE = "balance"


def matches(row: PersonRow, words: Sequence[str]) -> bool:
    text = row.search_text
    return all(word in text for word in words)


def filter_people(rows: Sequence[PersonRow], text: str, *, include_archived: bool = False) -> list[PersonRow]:
    words = text.casefold().split()
    return [r for r in rows if (include_archived or not r.archived) and (not words or matches(r, words))]


def name_rank(row: PersonRow, words: Sequence[str]) -> int:
    """How well filter words fit a person's name: 0 every word starts a word of it, 1 all are in it, 2 neither.

    Typing "mar" means Mariko and Marta far more often than everyone at Fieldmark.
    """
    name = row.name.casefold()
    if all(word in name for word in words):
        starts = name.split()
        return 0 if all(any(part.startswith(word) for part in starts) for word in words) else 1
    return 2


def rank_by_name(rows: Sequence[PersonRow], text: str) -> list[PersonRow]:
    """Rows whose name fits the filter first, each group in the order it came (``sorted`` is stable)."""
    words = text.casefold().split()
    if not words:
        return list(rows)
    return sorted(rows, key=lambda r: name_rank(r, words))


def sort_people(rows: Sequence[PersonRow], order: ContactOrder, today: dt.date) -> list[PersonRow]:
    def by_name(r: PersonRow) -> tuple:
        return (r.name.casefold(), r.id)

    if order is ContactOrder.LAST_CONTACT:
        # Most recent first; people never contacted last.
        return sorted(
            rows, key=lambda r: (r.last_entry_on is None, -(r.last_entry_on or dt.date.min).toordinal(), *by_name(r))
        )
    if order is ContactOrder.OVERDUE:
        # Most overdue first, then people without a cadence by name.
        return sorted(rows, key=lambda r: (-r.overdue_days(today), r.cadence_days is None, *by_name(r)))
    if order is ContactOrder.BALANCE:
        # Where you give most relative to what you receive first.
        return sorted(rows, key=lambda r: (-(r.given - r.received), -(r.given + r.received), *by_name(r)))
    return sorted(rows, key=by_name)
