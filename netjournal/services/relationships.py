"""One relationship read as a whole: ledger, pattern hint, circumstances, open loops."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netjournal.domain import CircumstanceRecord, ContactDetail, Direction, ExchangeRecord, Kind
from netjournal.insights.ledger import WINDOW_BY_KEY, Ledger, build_ledger
from netjournal.insights.patterns import PatternHint, pattern_hint
from netjournal.services.journal import Journal
from netjournal.services.people import get_person
from netjournal.store.models import Circumstance, OpenLoop

_EXCHANGE_COLUMNS = (
    "id, date, direction, kind, summary, significance, person_id, second_person_id, reciprocates_id, details"
)


WINDOW_3Y = WINDOW_BY_KEY["3y"]


def exchange_record(row: tuple) -> ExchangeRecord:
    eid, date, direction, kind, summary, significance, person_id, second_id, reciprocates_id, details = row
    return ExchangeRecord(
        id=eid,
        date=dt.date.fromisoformat(date),
        direction=Direction(direction),
        kind=Kind(kind),
        summary=summary,
        significance=significance,
        person_id=person_id,
        second_person_id=second_id,
        reciprocates_id=reciprocates_id,
        details=details,
    )


def exchanges_with(journal: Journal, person_id: int) -> list[ExchangeRecord]:
    """The person's exchanges: those with them, and introductions you made of them.

    An introduction you made gives value to both people introduced; one you
    received ("Ana introduced me to Tom") is Ana's gift, not Tom's.
    """
    rows = journal.sql(
        f"SELECT {_EXCHANGE_COLUMNS} FROM exchange WHERE person_id = ? "
        f"UNION SELECT {_EXCHANGE_COLUMNS} FROM exchange WHERE second_person_id = ? "
        "AND kind = 'introduction' AND direction = 'given' ORDER BY date, id",
        (person_id, person_id),
    )
    return [exchange_record(r) for r in rows]


def returned_elsewhere(journal: Journal, exchanges: list[ExchangeRecord]) -> set[int]:
    """Ids among ``exchanges`` that some exchange, with anyone, links back to (paid forward)."""
    given = [e.id for e in exchanges if e.direction is Direction.GIVEN]
    returned: set[int] = set()
    for start in range(0, len(given), 500):  # stay under SQLite's parameter limit
        chunk = given[start : start + 500]
        marks = ",".join("?" * len(chunk))
        returned.update(
            row[0]
            for row in journal.sql(
                f"SELECT DISTINCT reciprocates_id FROM exchange WHERE reciprocates_id IN ({marks})", chunk
            )
        )
    return returned


def exchanges_by_id(journal: Journal, ids: list[int] | tuple[int, ...]) -> list[ExchangeRecord]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = journal.sql(f"SELECT {_EXCHANGE_COLUMNS} FROM exchange WHERE id IN ({marks}) ORDER BY date, id", ids)
    return [exchange_record(r) for r in rows]


@dataclass(frozen=True, slots=True)
class LoopRow:
    id: int
    loop_kind: str
    what: str
    opened_on: dt.date
    due_on: dt.date | None
    done_on: dt.date | None


@dataclass(frozen=True, slots=True)
class Relationship:
    person_id: int
    name: str
    organisation: str
    role: str
    ledger: Ledger
    hint: PatternHint
    circumstances: tuple[CircumstanceRecord, ...]
    open_loops: tuple[LoopRow, ...]  # not yet done, soonest due first
    first_entry_on: dt.date | None
    details: tuple[ContactDetail, ...] = ()  # emails, phones, … in the order the person's dialog lists them
    archived: bool = False


def _first_entry_on(journal: Journal, person_id: int) -> dt.date | None:
    (first,) = journal.sql(
        "SELECT min(d) FROM ("
        " SELECT min(date) AS d FROM exchange WHERE person_id = :p"
        " UNION ALL SELECT min(date) FROM exchange WHERE second_person_id = :p"
        " UNION ALL SELECT min(date) FROM touchpoint WHERE person_id = :p"
        " UNION ALL SELECT min(opened_on) FROM open_loop WHERE person_id = :p"
        " UNION ALL SELECT min(date) FROM reflection WHERE person_id = :p)",
        {"p": person_id},
    ).fetchone()
    return dt.date.fromisoformat(first) if first else None


def circumstances_of(journal: Journal, person_id: int) -> tuple[CircumstanceRecord, ...]:
    query = Circumstance.select().where(Circumstance.person == person_id).order_by(Circumstance.start_on)
    return tuple(CircumstanceRecord(c.id, person_id, c.note, c.start_on, c.end_on) for c in journal.rows(query))


def relationship(journal: Journal, person_id: int, *, today: dt.date | None = None) -> Relationship:
    today = today or dt.date.today()
    person = get_person(journal, person_id)
    exchanges = exchanges_with(journal, person_id)
    circumstances = circumstances_of(journal, person_id)
    first = _first_entry_on(journal, person_id)
    ledger = build_ledger(
        exchanges,
        today=today,
        last_entry_on=person.last_entry_on,
        cadence_days=person.cadence_days,
        returned_ids=returned_elsewhere(journal, exchanges),
    )
    hint = pattern_hint(
        exchanges,
        today=today,
        first_entry_on=first,
        last_entry_on=person.last_entry_on,
        cadence_days=person.cadence_days,
        circumstances=circumstances,
        name=person.name,
    )
    open_loops = (
        OpenLoop.select()
        .where((OpenLoop.person == person_id) & OpenLoop.done_on.is_null())
        .order_by(OpenLoop.due_on.is_null(), OpenLoop.due_on, OpenLoop.opened_on)
    )
    loops = tuple(
        LoopRow(loop.id, loop.loop_kind, loop.what, loop.opened_on, loop.due_on, loop.done_on)
        for loop in journal.rows(open_loops)
    )
    return Relationship(
        person_id,
        person.name,
        person.organisation,
        person.role,
        ledger,
        hint,
        circumstances,
        loops,
        first,
        person.details,
        person.archived,
    )
