"""The entry history: versions a merge replaced or turned down, so that no edit is lost.

A history row names its row by UUID (not by id: the row may be gone, or not
here yet) and holds the version's portable values as JSON.  Its own UUID is
derived from the version (row UUID, update time, content digest), and its
times from the version that superseded it, so two devices that decide the
same conflict write the very same history row; merged like any row, the two
are then one.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

import peewee

from netjournal.store.portable import TABLE_OF_ENTITY, Version

_NAMESPACE = uuid.UUID("6f1c3a52-8d0e-4c59-9b51-2f7d5a0c9e11")

# Why a version is in the history, as stored (the same in every copy):
SUPERSEDED = "superseded"  # another version of the row is current
ORPHANED = "parent deleted"  # edited after the row it belongs to was deleted in another copy
# How a merge report describes a superseded version (this copy's view only):
CONFLICT = "conflict"  # the row had changed here too
REPLACED = "replaced"  # an earlier version, replaced by the other copy's edit


def history_uuid(entity: str, version: Version) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{entity}|{version.uuid}|{version.updated_at}|{version.digest}"))


def row_is_here(db: peewee.Database, entity: str, row_uuid: str) -> bool:
    """Whether the row a history row belongs to is in this journal."""
    table = TABLE_OF_ENTITY.get(entity)
    if table is None:
        return False
    return db.execute_sql(f"SELECT 1 FROM {table} WHERE uuid = ?", (row_uuid,)).fetchone() is not None


def admits(db: peewee.Database, data: Mapping[str, object]) -> bool:
    """Whether a history row (its portable values) belongs in this journal: history follows its row.

    It does while its row is here, whatever tombstone it has itself (one left
    by an older netjournal, which deleted history with tombstones of its own;
    the caller removes it).  A version the row's own deletion made obsolete
    (superseded, and the row deleted here) does not: the copy that deleted
    the row deleted its history with it.  Otherwise its own tombstone decides.
    """
    entity, row_uuid = str(data.get("entity", "")), str(data.get("row_uuid", ""))
    if row_is_here(db, entity, row_uuid):
        return True
    if data.get("reason") == SUPERSEDED and _tombstoned(db, entity, row_uuid):
        return False
    own = db.execute_sql(
        "SELECT deleted_at FROM tombstone WHERE entity = 'entry_history' AND uuid = ?", (str(data.get("uuid")),)
    ).fetchone()
    return own is None or str(own[0]) < str(data.get("updated_at", ""))


def _tombstoned(db: peewee.Database, entity: str, uuid: str) -> bool:
    found = db.execute_sql("SELECT 1 FROM tombstone WHERE entity = ? AND uuid = ?", (entity, uuid)).fetchone()
    return found is not None


def keep(db: peewee.Database, entity: str, version: Version, superseded_at: str, reason: str) -> str | None:
    """Keep ``version`` in the history; returns the history row's UUID, None when it is there already.

    A tombstone of that history row (an older netjournal's) is respected unless
    the row it belongs to is here; then it goes (history follows its row).
    """
    if entity == "entry_history":
        return None  # history rows never change: two versions of one are the same row
    name = history_uuid(entity, version)
    data = {"uuid": name, "entity": entity, "row_uuid": version.uuid, "reason": reason, "updated_at": superseded_at}
    if not admits(db, data):
        return None
    db.execute_sql("DELETE FROM tombstone WHERE entity = 'entry_history' AND uuid = ?", (name,))
    cursor = db.execute_sql(
        "INSERT INTO entry_history(uuid, entity, row_uuid, version_updated_at, content_hash, values_json, "
        "superseded_at, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(uuid) DO NOTHING",
        (name, entity, version.uuid, version.updated_at, version.digest, version.json(), superseded_at, reason,
         superseded_at, superseded_at),
    )  # fmt: skip
    return name if cursor.rowcount else None


def history_of(db: peewee.Database, row_uuid: str) -> list[tuple[str, str, str]]:
    """(version updated_at, reason, values JSON) of a row's kept versions, newest first."""
    rows = db.execute_sql(
        "SELECT version_updated_at, reason, values_json FROM entry_history WHERE row_uuid = ? "
        "ORDER BY version_updated_at DESC, content_hash DESC",
        (row_uuid,),
    ).fetchall()
    return [(str(a), str(b), str(c)) for a, b, c in rows]
