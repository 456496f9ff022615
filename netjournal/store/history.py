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

import peewee

from netjournal.store.portable import Version

_NAMESPACE = uuid.UUID("6f1c3a52-8d0e-4c59-9b51-2f7d5a0c9e11")

# Why a version is in the history, as stored (the same in every copy):
SUPERSEDED = "superseded"  # another version of the row is current
ORPHANED = "parent deleted"  # edited after the row it belongs to was deleted in another copy
# How a merge report describes a superseded version (this copy's view only):
CONFLICT = "conflict"  # the row had changed here too
REPLACED = "replaced"  # an earlier version, replaced by the other copy's edit


def history_uuid(entity: str, version: Version) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{entity}|{version.uuid}|{version.updated_at}|{version.digest}"))


def keep(db: peewee.Database, entity: str, version: Version, superseded_at: str, reason: str) -> str | None:
    """Keep ``version`` in the history; returns the history row's UUID, None when it is there already."""
    if entity == "entry_history":
        return None  # history rows never change: two versions of one are the same row
    name = history_uuid(entity, version)
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
