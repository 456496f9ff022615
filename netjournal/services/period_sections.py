"""The period review's lists: who moved most, introductions, contributions, seeds, quiet and overdue ties.

Each list is chosen in SQL and capped at ``LISTED`` rows; ``Listing.total``
says how many there were, so a reader knows when a list is a selection.
A standing (seeds not yet returned, quiet ties, overdue people) is judged as
of the period's last day, or today while the period runs (``as_of``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Generic, TypeVar

from netjournal.insights.ledger import cadence
from netjournal.insights.network import VALUABLE_RECEIVED_SIGNIFICANCE, DormantTie, TieValue, dormant_valuable_ties
from netjournal.services.journal import Journal
from netjournal.services.periods import Period

LISTED = 12
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Listing(Generic[T]):
    items: tuple[T, ...]
    total: int  # how many there were before the list was capped

    @property
    def is_empty(self) -> bool:
        return not self.items


def _listing(items: list[T], total: int | None = None) -> Listing[T]:
    return Listing(tuple(items[:LISTED]), len(items) if total is None else total)


@dataclass(frozen=True, slots=True)
class MovedTie:
    """What moved between you and one person in the period (introductions you made of them count as given)."""

    person_id: int
    name: str
    given: int
    given_significance: int
    received: int
    received_significance: int

    @property
    def significance(self) -> int:
        return self.given_significance + self.received_significance


@dataclass(frozen=True, slots=True)
class Movers:
    both_ways: Listing[MovedTie]  # most significance in all, first
    only_given: Listing[MovedTie]  # you gave and received nothing back in the period
    only_received: Listing[MovedTie]  # they gave and you gave nothing in the period


def _names(journal: Journal, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return dict(journal.sql(f"SELECT id, name FROM person WHERE id IN ({marks})", sorted(ids)))


def movers(journal: Journal, period: Period) -> Movers:
    rows = journal.sql(
        "SELECT pid, sum(g), sum(gs), sum(r), sum(rs) FROM ("
        " SELECT person_id AS pid, direction = 'given' AS g, (direction = 'given') * significance AS gs,"
        "  direction = 'received' AS r, (direction = 'received') * significance AS rs"
        " FROM exchange WHERE date BETWEEN :s AND :e AND +person_id IS NOT NULL"
        " UNION ALL SELECT second_person_id, 1, significance, 0, 0 FROM exchange"
        "  WHERE kind = 'introduction' AND direction = 'given' AND date BETWEEN :s AND :e"
        "  AND +second_person_id IS NOT NULL"
        ") GROUP BY pid",
        {"s": period.start.isoformat(), "e": period.end.isoformat()},
    ).fetchall()
    both = sorted((r for r in rows if r[1] and r[3]), key=lambda r: (-(r[2] + r[4]), r[0]))
    given = sorted((r for r in rows if r[1] and not r[3]), key=lambda r: (-r[2], r[0]))
    received = sorted((r for r in rows if r[3] and not r[1]), key=lambda r: (-r[4], r[0]))
    shown = both[:LISTED] + given[:LISTED] + received[:LISTED]
    names = _names(journal, {r[0] for r in shown})

    def listing(chosen: list[tuple[int, int, int, int, int]]) -> Listing[MovedTie]:
        return _listing([MovedTie(r[0], names.get(r[0], "?"), *r[1:]) for r in chosen[:LISTED]], len(chosen))

    return Movers(listing(both), listing(given), listing(received))


@dataclass(frozen=True, slots=True)
class Introduction:
    exchange_id: int
    date: dt.date
    summary: str
    significance: int
    person_id: int | None
    name: str  # "" when the person has been deleted
    second_person_id: int | None
    second_name: str
    outcome: str  # what it led to, "" when nothing is recorded


def introductions(journal: Journal, period: Period) -> Listing[Introduction]:
    """Introductions you made in the period, those with a recorded outcome first, then the weightiest."""
    bounds = (period.start.isoformat(), period.end.isoformat())
    (total,) = journal.sql(
        "SELECT count(*) FROM exchange WHERE kind = 'introduction' AND direction = 'given' AND date BETWEEN ? AND ?",
        bounds,
    ).fetchone()
    rows = journal.sql(
        "SELECT e.id, e.date, e.summary, e.significance, e.person_id, coalesce(a.name, ''),"
        " e.second_person_id, coalesce(b.name, ''), e.outcome FROM exchange e"
        " LEFT JOIN person a ON a.id = e.person_id LEFT JOIN person b ON b.id = e.second_person_id"
        " WHERE e.kind = 'introduction' AND e.direction = 'given' AND e.date BETWEEN ? AND ?"
        " ORDER BY e.outcome = '', e.significance DESC, e.date, e.id LIMIT ?",
        (*bounds, LISTED),
    )
    items = [Introduction(r[0], dt.date.fromisoformat(r[1]), *r[2:]) for r in rows]
    items.sort(key=lambda i: (i.date, i.exchange_id))
    return Listing(tuple(items), total)


@dataclass(frozen=True, slots=True)
class Contribution:
    exchange_id: int
    date: dt.date
    summary: str
    community: str
    significance: int
    outcome: str


def contributions(journal: Journal, period: Period) -> Listing[Contribution]:
    """What you gave to no one person (a talk, a post, a community), weightiest first."""
    bounds = (period.start.isoformat(), period.end.isoformat())
    where = "direction = 'given' AND +person_id IS NULL AND date BETWEEN ? AND ?"
    (total,) = journal.sql(f"SELECT count(*) FROM exchange WHERE {where}", bounds).fetchone()
    rows = journal.sql(
        f"SELECT id, date, summary, community, significance, outcome FROM exchange WHERE {where}"
        " ORDER BY significance DESC, date, id LIMIT ?",
        (*bounds, LISTED),
    )
    items = [Contribution(r[0], dt.date.fromisoformat(r[1]), *r[2:]) for r in rows]
    items.sort(key=lambda c: (c.date, c.exchange_id))
    return Listing(tuple(items), total)


@dataclass(frozen=True, slots=True)
class PlantedSeed:
    """Something given to a person in the period that nothing had returned by its end."""

    exchange_id: int
    date: dt.date
    summary: str
    significance: int
    person_id: int
    name: str


@dataclass(frozen=True, slots=True)
class ReturnedSeed:
    """Something given before the period that an exchange in the period returned."""

    given_id: int
    given_on: dt.date
    given_summary: str
    returned_id: int
    returned_on: dt.date
    returned_summary: str
    person_id: int | None  # who returned it (may differ from whom it was given to: paid forward)
    name: str
    days: int


def seeds_planted(journal: Journal, period: Period, as_of: dt.date) -> Listing[PlantedSeed]:
    """Given in the period to a person and not returned by ``as_of``, weightiest first.

    The same rule as the ledger's seeds (a given exchange that no exchange links
    back to, with anyone), judged at the period's end.
    """
    where = (
        "e.direction = 'given' AND e.date BETWEEN :s AND :e AND e.person_id IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM exchange r WHERE r.reciprocates_id = e.id AND r.date <= :a)"
    )
    bounds = {"s": period.start.isoformat(), "e": period.end.isoformat(), "a": as_of.isoformat(), "n": LISTED}
    (total,) = journal.sql(f"SELECT count(*) FROM exchange e WHERE {where}", bounds).fetchone()
    rows = journal.sql(
        f"SELECT e.id, e.date, e.summary, e.significance, e.person_id, p.name FROM exchange e"
        f" JOIN person p ON p.id = e.person_id WHERE {where} ORDER BY e.significance DESC, e.date, e.id LIMIT :n",
        bounds,
    )
    return Listing(tuple(PlantedSeed(r[0], dt.date.fromisoformat(r[1]), *r[2:]) for r in rows), total)


def seeds_returned(journal: Journal, period: Period) -> Listing[ReturnedSeed]:
    """Exchanges in the period that returned something you gave before it, oldest seed first."""
    rows = journal.sql(
        "SELECT o.id, o.date, o.summary, r.id, r.date, r.summary, r.person_id, coalesce(p.name, '')"
        " FROM exchange r JOIN exchange o ON o.id = r.reciprocates_id LEFT JOIN person p ON p.id = r.person_id"
        " WHERE r.date BETWEEN ? AND ? AND o.direction = 'given' AND o.date < ? ORDER BY o.date, o.id",
        (period.start.isoformat(), period.end.isoformat(), period.start.isoformat()),
    ).fetchall()
    items = []
    for given_id, given_on, given_summary, returned_id, returned_on, returned_summary, pid, name in rows:
        given_day, returned_day = dt.date.fromisoformat(given_on), dt.date.fromisoformat(returned_on)
        items.append(
            ReturnedSeed(
                given_id,
                given_day,
                given_summary,
                returned_id,
                returned_day,
                returned_summary,
                pid,
                name,
                (returned_day - given_day).days,
            )
        )
    return _listing(items)


# The person's latest contact before a day: the same entries as ``person.last_entry_on`` (not reflections).
_LAST_BEFORE = (
    "(SELECT max(d) FROM ("
    " SELECT max(date) AS d FROM exchange WHERE person_id = {p} AND date < :before"
    " UNION ALL SELECT max(date) FROM exchange WHERE second_person_id = {p} AND date < :before"
    " UNION ALL SELECT max(date) FROM touchpoint WHERE person_id = {p} AND date < :before"
    " UNION ALL SELECT max(opened_on) FROM open_loop WHERE person_id = {p} AND opened_on < :before"
    " UNION ALL SELECT max(done_on) FROM open_loop WHERE person_id = {p} AND done_on < :before))"
)


def quiet_ties(journal: Journal, period: Period, as_of: dt.date) -> Listing[DormantTie]:
    """People who gave you real value before the period and had no entry of any kind in it.

    "Real value" is the network view's bar (``VALUABLE_RECEIVED_SIGNIFICANCE``
    received before the period); ``days_since`` counts to ``as_of``.
    """
    rows = journal.sql(
        "WITH valuable AS (SELECT person_id AS pid, count(*) AS n, sum(significance) AS sig FROM exchange"
        "  WHERE direction = 'received' AND date < :s AND person_id IS NOT NULL GROUP BY person_id"
        "  HAVING sum(significance) >= :min),"
        " active AS (SELECT person_id AS pid FROM exchange WHERE date BETWEEN :s AND :e"
        "  UNION SELECT second_person_id FROM exchange WHERE date BETWEEN :s AND :e"
        "  UNION SELECT person_id FROM touchpoint WHERE date BETWEEN :s AND :e"
        "  UNION SELECT person_id FROM open_loop WHERE opened_on BETWEEN :s AND :e OR done_on BETWEEN :s AND :e"
        "  UNION SELECT person_id FROM reflection WHERE date BETWEEN :s AND :e)"
        f" SELECT v.pid, p.name, v.n, v.sig, {_LAST_BEFORE.format(p='v.pid')} FROM valuable v"
        " JOIN person p ON p.id = v.pid AND p.archived = 0 WHERE v.pid NOT IN (SELECT pid FROM active"
        "  WHERE pid IS NOT NULL)",
        {
            "s": period.start.isoformat(),
            "e": period.end.isoformat(),
            "before": period.start.isoformat(),
            "min": VALUABLE_RECEIVED_SIGNIFICANCE,
        },
    ).fetchall()
    ties = [TieValue(pid, name, n, sig, dt.date.fromisoformat(last)) for pid, name, n, sig, last in rows]
    # Quiet all period long is exactly "last entry before its first day" (as the network view's dormancy).
    quiet = dormant_valuable_ties(ties, today=as_of, dormant_days=(as_of - period.start).days, limit=len(ties))
    return _listing(list(quiet))


@dataclass(frozen=True, slots=True)
class OverduePerson:
    person_id: int
    name: str
    cadence_days: int
    last_entry_on: dt.date | None
    overdue_days: int


def overdue_people(journal: Journal, as_of: dt.date) -> Listing[OverduePerson]:
    """People past their keep-in-touch cadence on ``as_of``, most overdue first (the ledger's rule)."""
    rows = journal.sql(
        f"SELECT p.id, p.name, p.cadence_days, {_LAST_BEFORE.format(p='p.id')} FROM person p"
        " WHERE p.cadence_days IS NOT NULL AND p.archived = 0",
        {"before": (as_of + dt.timedelta(days=1)).isoformat()},
    )
    found = []
    for pid, name, days, last in rows:
        last_day = dt.date.fromisoformat(last) if last else None
        standing = cadence(last_day, days, as_of)
        if standing.is_overdue:
            found.append(OverduePerson(pid, name, days, last_day, standing.overdue_days))
    found.sort(key=lambda o: (-o.overdue_days, o.person_id))
    return _listing(found)
