"""People past their keep-in-touch rhythm, most valuable first.

*Valuable* is the significance of what moved both ways with them in the last
two years (given and received added: a tie you invest in matters as much as one
that helps you); ties of equal value are ordered by how long they are overdue.
The same rule as the contact list's: overdue when more days have passed since
the last entry than the rhythm allows; archived people are left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netjournal.services.journal import Journal

VALUE_WINDOW_DAYS = 730
LIMIT = 200


@dataclass(frozen=True, slots=True)
class OverduePerson:
    id: int
    name: str
    organisation: str
    cadence_days: int
    last_entry_on: dt.date
    days_overdue: int
    given_significance: int  # in the last two years
    received_significance: int

    @property
    def value(self) -> int:
        return self.given_significance + self.received_significance


@dataclass(frozen=True, slots=True)
class OverdueList:
    people: tuple[OverduePerson, ...]  # at most ``limit`` of them
    total: int  # how many are overdue in all


_OVERDUE = (
    "FROM person p WHERE p.cadence_days IS NOT NULL AND p.archived = 0 AND p.last_entry_on IS NOT NULL "
    "AND julianday(:today) - julianday(p.last_entry_on) > p.cadence_days"
)


def overdue_people(journal: Journal, today: dt.date | None = None, *, limit: int = LIMIT) -> OverdueList:
    today = today or dt.date.today()
    params = {
        "today": today.isoformat(),
        "since": (today - dt.timedelta(days=VALUE_WINDOW_DAYS)).isoformat(),
        "limit": limit,
    }
    (total,) = journal.sql(f"SELECT count(*) {_OVERDUE}", params).fetchone()
    rows = journal.sql(
        "SELECT p.id, p.name, p.organisation, p.cadence_days, p.last_entry_on, "
        " CAST(julianday(:today) - julianday(p.last_entry_on) AS INTEGER) - p.cadence_days AS late, "
        " (SELECT total(significance) FROM exchange x WHERE x.date >= :since AND x.direction = 'given' AND"
        "  (x.person_id = p.id OR (x.second_person_id = p.id AND x.kind = 'introduction'))) AS gave, "
        " (SELECT total(significance) FROM exchange x WHERE x.date >= :since AND x.direction = 'received'"
        "  AND x.person_id = p.id) AS got "
        f"{_OVERDUE} ORDER BY gave + got DESC, late DESC, p.name COLLATE NOCASE LIMIT :limit",
        params,
    )
    people = tuple(
        OverduePerson(pid, name, org, cadence, dt.date.fromisoformat(last), int(late), int(gave), int(got))
        for pid, name, org, cadence, last, late, gave, got in rows
    )
    return OverdueList(people, int(total))
