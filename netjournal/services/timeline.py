"""Timelines, newest first, fetched a page at a time.

Pages use keyset pagination on (date, type rank, id): every page is an index
range scan, so the hundredth page of a 100,000-entry network timeline costs
the same as the first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netjournal.domain import (
    BrokeredEntry,
    Direction,
    EntryType,
    ExchangeEntry,
    Kind,
    LoopEntry,
    LoopKind,
    ReflectionEntry,
    TimelineEntry,
    TouchpointEntry,
)
from netjournal.services.journal import Journal

# Within one day: exchanges above touchpoints above loops above reflections, then
# introductions between others (the owner's own dealings come first).
_RANK = {
    EntryType.EXCHANGE: 4,
    EntryType.TOUCHPOINT: 3,
    EntryType.LOOP: 2,
    EntryType.REFLECTION: 1,
    EntryType.BROKERED_INTRODUCTION: 0,
}


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the previous page ended."""

    date: str
    rank: int
    id: int

    @classmethod
    def after(cls, entry: TimelineEntry) -> Cursor:
        return cls(entry.date.isoformat(), _RANK[entry.type], entry.id)


# Each source: (type, table alias SQL, date column, select list, person filter)
_SOURCES: dict[EntryType, tuple[str, str, str, str]] = {
    EntryType.EXCHANGE: (
        "exchange e LEFT JOIN person p ON p.id = e.person_id LEFT JOIN person q ON q.id = e.second_person_id",
        "e.date",
        "e.id, e.date, e.summary, e.person_id, p.name, e.direction, e.kind, e.significance, e.details, "
        "q.name, e.community, e.reciprocates_id, e.second_person_id, e.outcome",
        "(e.person_id = :person OR e.second_person_id = :person)",
    ),
    EntryType.TOUCHPOINT: (
        "touchpoint t JOIN person p ON p.id = t.person_id",
        "t.date",
        "t.id, t.date, t.note, t.person_id, p.name, NULL, t.channel, NULL, '', NULL, NULL, NULL, NULL, NULL",
        "t.person_id = :person",
    ),
    EntryType.LOOP: (
        "open_loop l LEFT JOIN person p ON p.id = l.person_id",
        "l.opened_on",
        "l.id, l.opened_on, l.what, l.person_id, p.name, NULL, l.loop_kind, NULL, "
        "coalesce(l.due_on, ''), coalesce(l.done_on, ''), NULL, NULL, NULL, NULL",
        "l.person_id = :person",
    ),
    EntryType.REFLECTION: (
        "reflection r LEFT JOIN person p ON p.id = r.person_id",
        "r.date",
        "r.id, r.date, r.text, r.person_id, p.name, NULL, coalesce(r.prompt_id, ''), NULL, r.prompt_text, "
        "NULL, NULL, NULL, NULL, NULL",
        "r.person_id = :person",
    ),
    EntryType.BROKERED_INTRODUCTION: (
        "brokered_introduction b JOIN person p ON p.id = b.broker_id "
        "LEFT JOIN person f ON f.id = b.first_person_id LEFT JOIN person s ON s.id = b.second_person_id",
        "b.date",
        "b.id, b.date, b.summary, b.broker_id, p.name, NULL, NULL, b.first_person_id, f.name, "
        "s.name, NULL, NULL, b.second_person_id, b.outcome",
        "(b.broker_id = :person OR b.first_person_id = :person OR b.second_person_id = :person)",
    ),
}


def _alias(date_column: str) -> str:
    return date_column.split(".")[0]


def _subquery(entry_type: EntryType, person_id: int | None, cursor: Cursor | None) -> str:
    table, date_col, columns, person_filter = _SOURCES[entry_type]
    alias = _alias(date_col)
    rank = _RANK[entry_type]
    conditions = []
    if person_id is not None:
        conditions.append(person_filter)
    if cursor is not None:
        if rank < cursor.rank:
            conditions.append(f"{date_col} <= :cdate")
        elif rank > cursor.rank:
            conditions.append(f"{date_col} < :cdate")
        else:
            conditions.append(f"({date_col}, {alias}.id) < (:cdate, :cid)")
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return (
        f"SELECT * FROM (SELECT {rank} AS rank, {columns} FROM {table} {where} "
        f"ORDER BY {date_col} DESC, {alias}.id DESC LIMIT :limit)"
    )


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _entry(row: tuple) -> TimelineEntry:
    rank, eid, date, title, person_id, person_name, direction, kind, significance, detail, *rest = row
    day = dt.date.fromisoformat(date)
    if rank == _RANK[EntryType.EXCHANGE]:
        second_name, community, reciprocates_id, second_id, outcome = rest
        return ExchangeEntry(
            eid, day, person_id, person_name, title, Direction(direction), Kind(kind), significance, detail,
            second_id, second_name, community, reciprocates_id, outcome or "",
        )  # fmt: skip
    if rank == _RANK[EntryType.TOUCHPOINT]:
        return TouchpointEntry(eid, day, person_id, person_name, title, kind or "")
    if rank == _RANK[EntryType.BROKERED_INTRODUCTION]:
        second_name, _, _, second_id, outcome = rest
        return BrokeredEntry(
            eid, day, person_id, person_name, title, significance, detail, second_id, second_name, outcome or ""
        )
    if rank == _RANK[EntryType.LOOP]:
        return LoopEntry(eid, day, person_id, person_name, title, LoopKind(kind), _day(detail), _day(rest[0]))
    return ReflectionEntry(eid, day, person_id, person_name, title, kind or None, detail or "")


def timeline_page(
    journal: Journal, *, person_id: int | None = None, cursor: Cursor | None = None, limit: int = 200
) -> list[TimelineEntry]:
    """Up to ``limit`` entries older than ``cursor`` (all of them from the top when ``None``)."""
    union = " UNION ALL ".join(_subquery(t, person_id, cursor) for t in _RANK)
    sql = f"SELECT * FROM ({union}) ORDER BY 3 DESC, 1 DESC, 2 DESC LIMIT :limit"
    params: dict[str, object] = {"limit": limit, "person": person_id}
    if cursor is not None:
        params.update(cdate=cursor.date, cid=cursor.id)
    return [_entry(row) for row in journal.sql(sql, params)]


def full_timeline(journal: Journal, person_id: int, page: int = 500) -> list[TimelineEntry]:
    """Every entry of one person (a relationship rarely has more than a few thousand)."""
    entries: list[TimelineEntry] = []
    cursor = None
    while True:
        batch = timeline_page(journal, person_id=person_id, cursor=cursor, limit=page)
        entries.extend(batch)
        if len(batch) < page:
            return entries
        cursor = Cursor.after(batch[-1])


def exchange_entries(journal: Journal, ids: list[int] | tuple[int, ...]) -> list[TimelineEntry]:
    """The given exchanges as timeline entries, newest first (for "show the entries behind this")."""
    if not ids:
        return []
    table, date_col, columns, _ = _SOURCES[EntryType.EXCHANGE]
    marks = ",".join("?" * len(ids))
    sql = (
        f"SELECT {_RANK[EntryType.EXCHANGE]}, {columns} FROM {table} WHERE e.id IN ({marks}) "
        f"ORDER BY {date_col} DESC, e.id DESC"
    )
    return [_entry(row) for row in journal.sql(sql, tuple(ids))]


def entry_position(journal: Journal, entry_type: EntryType, entry_id: int) -> Cursor | None:
    """A cursor that makes the next page start exactly at this entry."""
    table, date_col, _, _ = _SOURCES[entry_type]
    alias = _alias(date_col)
    row = journal.sql(f"SELECT {date_col} FROM {table} WHERE {alias}.id = ?", (entry_id,)).fetchone()
    if row is None:
        return None
    return Cursor(row[0], _RANK[entry_type], entry_id + 1)
