"""Changing a few columns of rows that stay, recorded so that the change can be put back exactly.

A merge of two people moves rows from one person to the other and fills in
the fields of the person kept; its undo must put each row back as it was.
``change`` records the columns it changes as they were and as it leaves them
(references to people by UUID: local ids may change by the time of the
undo), with each row's place in the search index, which the update triggers
move to the end of its day.  ``put_back`` sets the old values again in rows
not changed since (with a new update time, so that other copies of the
journal take the undo), and leaves a row edited or deleted since as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import peewee

from netjournal.store.clock import later_stamp
from netjournal.store.errors import RestoreConflictError
from netjournal.store.removal import SearchPlace, foreign_keys, search_entity
from netjournal.store.rows import put_search_places_back


@dataclass(frozen=True, slots=True)
class ChangedRow:
    """Some columns of one row before and after a change; person references as the person's UUID."""

    table: str
    uuid: str
    before: Mapping[str, object]  # includes updated_at
    after: Mapping[str, object]  # includes the updated_at the change gave it


@dataclass(frozen=True, slots=True)
class Changes:
    rows: tuple[ChangedRow, ...]
    search: tuple[SearchPlace, ...]  # where the changed rows sat in the search index before

    def count(self, table: str) -> int:
        return sum(1 for row in self.rows if row.table == table)


@dataclass(frozen=True, slots=True)
class PutBack:
    ids: Mapping[str, tuple[int, ...]]  # table -> rows put back as they were
    left: int  # rows left as they are: edited or deleted since the change


def _person_columns(db: peewee.Database) -> dict[str, set[str]]:
    columns: dict[str, set[str]] = {}
    for key in foreign_keys(db):
        if key.parent == "person":
            columns.setdefault(key.table, set()).add(key.column)
    return columns


def _uuid_of_person(db: peewee.Database, person_id: object) -> str | None:
    if person_id is None:
        return None
    found = db.execute_sql("SELECT uuid FROM person WHERE id = ?", (person_id,)).fetchone()
    return None if found is None else str(found[0])


def _id_of_person(db: peewee.Database, uuid: object) -> int | None:
    if uuid is None:
        return None
    found = db.execute_sql("SELECT id FROM person WHERE uuid = ?", (uuid,)).fetchone()
    if found is None:
        raise RestoreConflictError(RestoreConflictError.PARENT_GONE, "person")
    return int(found[0])


def _read(db: peewee.Database, table: str, key: str, value: object, columns: Sequence[str]) -> tuple | None:
    names = ", ".join(f'"{c}"' for c in columns)
    return db.execute_sql(f"SELECT id, {names} FROM {table} WHERE {key} = ?", (value,)).fetchone()


def change(db: peewee.Database, planned: Sequence[tuple[str, int, Mapping[str, object]]]) -> Changes:
    """Set ``values`` in each (table, id) of ``planned`` and move its update time; call inside a transaction.

    Person columns take a person's id, as usual; the record names people by UUID.
    """
    people = _person_columns(db)
    changed: list[ChangedRow] = []
    places: list[SearchPlace] = []
    for table, row_id, values in planned:
        columns = [*values, "updated_at"]
        found = _read(db, table, "id", row_id, ["uuid", *columns])
        if found is None:
            continue
        uuid, old = str(found[1]), dict(zip(columns, found[2:], strict=True))
        place = db.execute_sql(
            "SELECT rowid FROM search_key WHERE entity = ? AND entity_id = ?", (search_entity(table), row_id)
        ).fetchone()
        if place is not None:
            places.append(SearchPlace(table, uuid, int(place[0])))
        # After the version it replaces, even when this clock is behind the one that wrote it.
        new = {**values, "updated_at": later_stamp(str(old["updated_at"]))}
        assignments = ", ".join(f'"{c}" = ?' for c in new)
        db.execute_sql(f"UPDATE {table} SET {assignments} WHERE id = ?", [*new.values(), row_id])
        mine = people.get(table, set())
        before = {c: _uuid_of_person(db, v) if c in mine else v for c, v in old.items()}
        after = {c: _uuid_of_person(db, v) if c in mine else v for c, v in new.items()}
        changed.append(ChangedRow(table, uuid, before, after))
    return Changes(tuple(changed), tuple(places))


def put_back(db: peewee.Database, changes: Changes) -> PutBack:
    """Set the old values again where a row still holds what ``change`` left; call inside a transaction.

    ``RestoreConflictError`` when a person a row named before is gone (nothing of the row is written).
    """
    people = _person_columns(db)
    ids: dict[str, list[int]] = {}
    left = 0
    restored: set[tuple[str, str]] = set()
    for row in reversed(changes.rows):
        columns = list(row.after)
        found = _read(db, row.table, "uuid", row.uuid, columns)
        mine = people.get(row.table, set())
        now = None if found is None else {c: _uuid_of_person(db, v) if c in mine else v
                                          for c, v in zip(columns, found[1:], strict=True)}  # fmt: skip
        if found is None or now != dict(row.after):
            left += 1
            continue
        old = {c: _id_of_person(db, v) if c in mine else v for c, v in row.before.items()}
        # An edit like any other to the journal's other copies: its own time, never the old one,
        # which would lose there to the version the change made.
        old["updated_at"] = later_stamp(str(row.after["updated_at"]))
        assignments = ", ".join(f'"{c}" = ?' for c in old)
        db.execute_sql(f"UPDATE {row.table} SET {assignments} WHERE id = ?", [*old.values(), found[0]])
        ids.setdefault(row.table, []).append(int(found[0]))
        restored.add((row.table, row.uuid))
    put_search_places_back(db, [p for p in changes.search if (p.table, p.uuid) in restored])
    return PutBack({t: tuple(reversed(i)) for t, i in ids.items()}, left)
