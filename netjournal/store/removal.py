"""What a delete takes with it, read before the delete so that it can be put back.

Deleting one row reaches further than the row: SQLite's foreign-key actions
delete the rows that depend on it (``ON DELETE CASCADE``) and clear the
references other rows hold to it (``ON DELETE SET NULL``), and triggers drop
search entries and leave tombstones.  ``capture`` follows the foreign keys the
schema itself declares (``PRAGMA foreign_key_list``), not a list kept here, so
a key added by a later migration is covered the day it exists.

Rows are recorded with every column as stored, and each reference also by the
UUID of the row it names: local ids may be taken by other rows by the time the
delete is undone, UUIDs never are (``rows.restore`` puts it all back).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import peewee

from netjournal.store.tables import TRACKED_TABLES

_CHUNK = 500  # ids per IN (...) list, well below SQLite's limit on parameters


@dataclass(frozen=True, slots=True)
class ForeignKey:
    table: str
    column: str
    parent: str
    on_delete: str  # "CASCADE", "SET NULL", ... as the schema says


@dataclass(frozen=True, slots=True)
class Reference:
    """A foreign key value of a removed row, also named by the UUID of the row it points at."""

    column: str
    parent: str
    uuid: str
    cascade: bool  # the row goes when its parent goes: without the parent it cannot come back


@dataclass(frozen=True, slots=True)
class StoredRow:
    table: str
    values: Mapping[str, object]  # every column, as stored
    references: tuple[Reference, ...] = ()

    @property
    def uuid(self) -> str:
        return str(self.values["uuid"])


@dataclass(frozen=True, slots=True)
class ClearedLink:
    """A reference the delete set to NULL in a row that stays."""

    table: str
    uuid: str  # the row that stays
    column: str
    target: str  # UUID of the removed row it pointed at
    updated_at: str  # the row's update time then (SET NULL does not move it)
    content: str | None = None  # digest of the row then, but for its update time and this column


@dataclass(frozen=True, slots=True)
class SearchPlace:
    """Where a row sat in the search index: its rowid orders results (newest first, then by entry)."""

    table: str
    uuid: str
    rowid: int


@dataclass(frozen=True, slots=True)
class Removal:
    """Everything one delete changes: the rows it removes, the links it clears, their search places."""

    rows: tuple[StoredRow, ...]  # the row asked for first, then what cascades from it
    cleared: tuple[ClearedLink, ...] = ()
    search: tuple[SearchPlace, ...] = ()
    person_ids: tuple[int, ...] = ()  # every person the removed and relinked rows named
    history: tuple[StoredRow, ...] = ()  # the removed rows' entry history (it follows its row: goes, comes back)

    def count(self, table: str) -> int:
        return sum(1 for row in self.rows if row.table == table)

    def cleared_count(self, table: str, column: str) -> int:
        return sum(1 for link in self.cleared if link.table == table and link.column == column)

    def tables(self) -> Counter[str]:
        return Counter(row.table for row in self.rows)


def foreign_keys(db: peewee.Database) -> list[ForeignKey]:
    """Every foreign key in the journal, read from the schema."""
    keys = []
    tables = [name for (name,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for row in db.execute_sql(f'PRAGMA foreign_key_list("{table}")'):
            # (id, seq, parent table, from column, to column, on update, on delete, match)
            if table not in TRACKED_TABLES or row[4] not in (None, "id"):
                # Restoring finds rows by UUID and references by id: a key of any other shape needs thought here.
                raise NotImplementedError(f"{table}.{row[3]} references {row[2]}.{row[4]}")
            keys.append(ForeignKey(table, row[3], row[2], row[6]))
    return keys


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def _where_in(column: str, ids: list[int]) -> str:
    return f"{column} IN ({', '.join('?' * len(ids))})"


def capture(db: peewee.Database, table: str, row_id: int) -> Removal:
    """What deleting ``row_id`` from ``table`` would change; reads only (call it in the delete's transaction)."""
    keys = foreign_keys(db)
    removed: dict[str, set[int]] = {table: {row_id}}
    order: list[tuple[str, list[int]]] = [(table, [row_id])]
    frontier: list[tuple[str, set[int]]] = [(table, {row_id})]
    while frontier:  # breadth first: parents are listed (and put back) before what depends on them
        parent, parent_ids = frontier.pop(0)
        for key in (k for k in keys if k.parent == parent and k.on_delete == "CASCADE"):
            found: set[int] = set()
            for chunk in _chunks(parent_ids):
                sql = f"SELECT id FROM {key.table} WHERE {_where_in(key.column, chunk)}"
                found.update(i for (i,) in db.execute_sql(sql, chunk))
            new = found - removed.setdefault(key.table, set())
            if new:
                removed[key.table].update(new)
                order.append((key.table, sorted(new)))
                frontier.append((key.table, new))
    rows = [row for name, ids in order for row in _stored_rows(db, name, ids, keys)]
    cleared = _cleared_links(db, keys, removed)
    return Removal(
        tuple(rows),
        tuple(cleared),
        tuple(_search_places(db, rows, cleared)),
        _people(db, keys, rows, cleared),
        tuple(history_rows(db, [row.uuid for row in rows if row.table != "entry_history"])),
    )


def history_rows(db: peewee.Database, row_uuids: Iterable[str]) -> list[StoredRow]:
    """The entry history of these rows, every column as stored (the schema's triggers delete it with them)."""
    wanted = list(dict.fromkeys(row_uuids))
    if not wanted or not db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'entry_history'").fetchone():
        return []
    found: list[StoredRow] = []
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        cursor = db.execute_sql(
            f"SELECT * FROM entry_history WHERE row_uuid IN ({', '.join('?' * len(chunk))}) ORDER BY id", chunk
        )
        names = [d[0] for d in cursor.description]
        found += [StoredRow("entry_history", dict(zip(names, raw, strict=True))) for raw in cursor.fetchall()]
    return found


def forget_history_tombstones(db: peewee.Database, history: Iterable[StoredRow]) -> None:
    """Drop the tombstones the schema's triggers left for history deleted with its row.

    What a row's deletion takes of its history: the versions it superseded.
    Versions kept because another copy's deletion of what they belonged to
    removed them (``history.ORPHANED``) exist for deleted rows, and stay
    (``put_history_back``), whichever copy deletes the row first.

    History follows its row: each copy deletes a row's history when it
    deletes the row (by the row's own tombstone), and keeps it when it keeps
    the row (a deletion refused there: the row was edited after it).  A
    tombstone of its own would delete it there even then, and keep it out
    for good once the row came back.
    """
    uuids = [row.uuid for row in history]
    for start in range(0, len(uuids), _CHUNK):
        chunk = uuids[start : start + _CHUNK]
        db.execute_sql(
            f"DELETE FROM tombstone WHERE entity = 'entry_history' AND uuid IN ({', '.join('?' * len(chunk))})", chunk
        )


def _stored_rows(db: peewee.Database, table: str, ids: list[int], keys: list[ForeignKey]) -> list[StoredRow]:
    mine = [k for k in keys if k.table == table]
    stored = []
    for chunk in _chunks(ids):
        cursor = db.execute_sql(f"SELECT * FROM {table} WHERE {_where_in('id', chunk)} ORDER BY id", chunk)
        names = [d[0] for d in cursor.description]
        for raw in cursor.fetchall():
            values = dict(zip(names, raw, strict=True))
            references = []
            for key in mine:
                target = values[key.column]
                if target is not None:
                    (uuid,) = db.execute_sql(f"SELECT uuid FROM {key.parent} WHERE id = ?", (target,)).fetchone()
                    references.append(Reference(key.column, key.parent, uuid, key.on_delete == "CASCADE"))
            stored.append(StoredRow(table, values, tuple(references)))
    return stored


def _cleared_links(db: peewee.Database, keys: list[ForeignKey], removed: dict[str, set[int]]) -> list[ClearedLink]:
    from netjournal.store.portable import content_digest, specs

    cleared = []
    tables = specs(db)
    for key in (k for k in keys if k.on_delete == "SET NULL"):
        gone_here = removed.get(key.table, set())
        for chunk in _chunks(removed.get(key.parent, ())):
            sql = (
                f"SELECT t.id, t.uuid, t.updated_at, p.uuid FROM {key.table} t JOIN {key.parent} p "
                f"ON p.id = t.{key.column} WHERE {_where_in('t.' + key.column, chunk)} ORDER BY t.id"
            )
            for child_id, uuid, updated_at, target in db.execute_sql(sql, chunk):
                if child_id not in gone_here:  # a row removed too comes back with its link as it was
                    content = content_digest(db, tables[key.table], uuid, key.column)
                    cleared.append(ClearedLink(key.table, uuid, key.column, target, updated_at, content))
    return cleared


def search_entity(table: str) -> str:
    """The name a table's rows have in the search index (and in tombstones)."""
    return TRACKED_TABLES[table]


def _search_places(db: peewee.Database, rows: list[StoredRow], cleared: list[ClearedLink]) -> Iterator[SearchPlace]:
    wanted = [(row.table, row.uuid, row.values["id"]) for row in rows]
    for link in cleared:
        (link_id,) = db.execute_sql(f"SELECT id FROM {link.table} WHERE uuid = ?", (link.uuid,)).fetchone()
        wanted.append((link.table, link.uuid, link_id))
    seen = set()
    for table, uuid, row_id in wanted:
        if (table, uuid) in seen:
            continue
        seen.add((table, uuid))
        found = db.execute_sql(
            "SELECT rowid FROM search_key WHERE entity = ? AND entity_id = ?", (search_entity(table), row_id)
        ).fetchone()
        if found is not None:
            yield SearchPlace(table, uuid, int(found[0]))


def _people(
    db: peewee.Database, keys: list[ForeignKey], rows: list[StoredRow], cleared: list[ClearedLink]
) -> tuple[int, ...]:
    people: set[int] = set()
    for row in rows:
        if row.table == "person":
            people.add(int(row.values["id"]))  # type: ignore[arg-type]
        people.update(
            int(row.values[k.column])  # type: ignore[arg-type]
            for k in keys
            if k.table == row.table and k.parent == "person" and row.values[k.column] is not None
        )
    for link in cleared:
        people.update(people_of(db, keys, link.table, link.uuid))
    return tuple(sorted(people))


def people_of(db: peewee.Database, keys: list[ForeignKey], table: str, uuid: str) -> set[int]:
    """The people a row names now, through its foreign keys."""
    columns = [k.column for k in keys if k.table == table and k.parent == "person"]
    if not columns:
        return set()
    found = db.execute_sql(f"SELECT {', '.join(columns)} FROM {table} WHERE uuid = ?", (uuid,)).fetchone()
    return {int(p) for p in found or () if p is not None}


def put_history_back(db: peewee.Database, history: Iterable[StoredRow]) -> None:
    """History rows back as they were (a history row is the same in every copy), their tombstones gone."""
    for row in history:
        values = dict(row.values)
        if db.execute_sql("SELECT 1 FROM entry_history WHERE id = ?", (values.get("id"),)).fetchone():
            del values["id"]  # taken since: a new one
        columns = ", ".join(f'"{name}"' for name in values)
        marks = ", ".join("?" * len(values))
        db.execute_sql(
            f"INSERT INTO entry_history ({columns}) VALUES ({marks}) ON CONFLICT(uuid) DO NOTHING",
            list(values.values()),
        )
        db.execute_sql("DELETE FROM tombstone WHERE entity = 'entry_history' AND uuid = ?", (row.uuid,))
