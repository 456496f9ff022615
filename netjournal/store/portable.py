"""Rows as every copy of the journal can read them: by UUID, references by the UUID they name.

A row's local id means nothing in another copy; its UUID means the same row
everywhere.  A *portable* row is its columns as JSON, without the local id and
without derived columns (a person's last-entry date, kept by triggers), each
reference replaced by the UUID of the row it names.  The JSON is built by
SQLite itself (``json_object``), so reading thousands of rows for a change
file is one query per table, and the same SQL reads the local side of a merge,
so both sides hash alike.

The specs are read from the schema itself (``PRAGMA table_info`` and
``foreign_key_list``), so a column added by a later migration travels the day
it exists.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import peewee

from netjournal.store.tables import TRACKED_TABLES

# Parents before children: a merge adds a row only after the rows it names.
MERGE_ORDER: tuple[str, ...] = (
    "person",
    "contact_detail",
    "circumstance",
    "exchange",
    "touchpoint",
    "open_loop",
    "reflection",
    "prompt_state",
    "brokered_introduction",
    "entry_history",
)
DERIVED_COLUMNS: Mapping[str, frozenset[str]] = {"person": frozenset({"last_entry_on"})}
TABLE_OF_ENTITY: Mapping[str, str] = {entity: table for table, entity in TRACKED_TABLES.items()}
_CHUNK = 500  # values per IN (...) list, well below SQLite's limit on parameters


@dataclass(frozen=True, slots=True)
class TableSpec:
    table: str
    entity: str
    columns: tuple[str, ...]  # portable columns, in the table's order
    references: Mapping[str, str]  # column -> the table it names
    required: frozenset[str]  # references the row cannot exist without (NOT NULL)
    key: str  # how copies name the row: "uuid", or a natural key (prompt_key)


@dataclass(frozen=True, slots=True)
class Version:
    """One version of one row: what merges compare."""

    uuid: str
    updated_at: str
    data: Mapping[str, Any]
    digest: str  # of everything but updated_at: breaks ties, names history rows

    @property
    def order(self) -> tuple[str, str]:
        """Newer update time wins; on equal times the larger digest, the same on every device."""
        return (self.updated_at, self.digest)

    def json(self) -> str:
        return canonical(self.data)


def canonical(data: Mapping[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest_of(data: Mapping[str, Any]) -> str:
    content = {k: v for k, v in data.items() if k != "updated_at"}
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()[:32]


def version_of(data: Mapping[str, Any]) -> Version:
    return Version(str(data["uuid"]), str(data["updated_at"]), data, digest_of(data))


def specs(db: peewee.Database) -> dict[str, TableSpec]:
    """Every tracked table's spec, as the journal's schema declares it."""
    found: dict[str, TableSpec] = {}
    for table in MERGE_ORDER:
        info = db.execute_sql(f"PRAGMA table_info({table})").fetchall()
        if not info:
            continue  # an older schema (a file not yet migrated)
        derived = DERIVED_COLUMNS.get(table, frozenset())
        columns = tuple(str(c[1]) for c in info if c[1] not in ("id", *derived))
        not_null = {str(c[1]) for c in info if c[3]}
        references = {str(k[3]): str(k[2]) for k in db.execute_sql(f"PRAGMA foreign_key_list({table})").fetchall()}
        key = "prompt_key" if table == "prompt_state" else "uuid"
        found[table] = TableSpec(
            table,
            TRACKED_TABLES[table],
            columns,
            references,
            frozenset(c for c in references if c in not_null),
            key,
        )
    return found


def _json_sql(spec: TableSpec) -> str:
    parts = []
    for column in spec.columns:
        parent = spec.references.get(column)
        value = f't."{column}"' if parent is None else f'(SELECT p.uuid FROM {parent} p WHERE p.id = t."{column}")'
        parts.append(f"'{column}', {value}")
    return "json_object(" + ", ".join(parts) + ")"


def select_sql(spec: TableSpec, where: str = "") -> str:
    """SELECT uuid, json of ``spec``'s rows (``t`` is the table's alias in ``where``)."""
    return f"SELECT t.uuid, {_json_sql(spec)} FROM {spec.table} t {where}"


def read_all(db: peewee.Database, spec: TableSpec) -> Iterator[Version]:
    cursor = db.execute_sql(select_sql(spec, "ORDER BY t.rowid"))
    while batch := cursor.fetchmany(2000):
        for _, text in batch:
            yield version_of(json.loads(text))


def read_by(db: peewee.Database, spec: TableSpec, column: str, values: Iterable[str]) -> dict[str, Version]:
    """The local versions whose ``column`` (uuid, or the natural key) is one of ``values``, by that value."""
    found: dict[str, Version] = {}
    wanted = list(dict.fromkeys(values))
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for _, text in db.execute_sql(select_sql(spec, f'WHERE t."{column}" IN ({marks})'), chunk).fetchall():
            version = version_of(json.loads(text))
            found[str(version.data[column])] = version
    return found


def ids_of(db: peewee.Database, table: str, uuids: Iterable[str]) -> dict[str, int]:
    """Local ids of the rows of ``table`` with these UUIDs."""
    found: dict[str, int] = {}
    wanted = list(dict.fromkeys(u for u in uuids if u))
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        rows = db.execute_sql(f"SELECT uuid, id FROM {table} WHERE uuid IN ({marks})", chunk).fetchall()
        found.update((str(u), int(i)) for u, i in rows)
    return found


def tombstones_of(db: peewee.Database, entity: str, uuids: Sequence[str]) -> dict[str, str]:
    """deleted_at of each of ``uuids`` that this journal has a tombstone for."""
    found: dict[str, str] = {}
    for start in range(0, len(uuids), _CHUNK):
        chunk = list(uuids[start : start + _CHUNK])
        marks = ", ".join("?" * len(chunk))
        rows = db.execute_sql(
            f"SELECT uuid, deleted_at FROM tombstone WHERE entity = ? AND uuid IN ({marks})", [entity, *chunk]
        ).fetchall()
        found.update((str(u), str(d)) for u, d in rows)
    return found


def content_digest(db: peewee.Database, spec: TableSpec, uuid: str, without: str) -> str | None:
    """The digest of a row's content apart from its update time and ``without``: None when it is gone.

    What an undo compares to tell a row left as a delete left it from one edited since, even when
    another undo has moved the row's update time on.
    """
    found = read_by(db, spec, "uuid", [uuid]).get(uuid)
    if found is None:
        return None
    return digest_of({k: v for k, v in found.data.items() if k != without})
