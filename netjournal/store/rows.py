"""Writing rows: the one place that gives every row its identity and times.

Services write through these functions, never through ``Model.create`` or a
bare ``update``, so a row always has a UUID, ``created_at`` is set once and
``updated_at`` moves on every edit (and never on a read).  Deletes leave
tombstones by trigger (``identity_schema``), which also covers rows removed by
a cascading delete.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import peewee

from netjournal.store.clock import new_uuid, now_stamp
from netjournal.store.models import TrackedModel


def insert(db: peewee.Database, model: type[TrackedModel], values: Mapping[str, Any]) -> int:
    """Add one row; returns its local id.  Identity and times given in ``values`` are kept (imports)."""
    stamp = now_stamp()
    row = {"uuid": new_uuid(), "created_at": stamp, "updated_at": stamp, **values}
    return int(model.insert(**row).execute(db))


def insert_many(db: peewee.Database, model: type[TrackedModel], rows: Iterable[Mapping[str, Any]]) -> None:
    stamp = now_stamp()
    stamped = [{"uuid": new_uuid(), "created_at": stamp, "updated_at": stamp, **row} for row in rows]
    if stamped:
        model.insert_many(stamped).execute(db)


def update(db: peewee.Database, model: type[TrackedModel], row_id: object, values: Mapping[str, Any]) -> int:
    """Change one row by its key; returns how many rows changed (0 when it does not exist)."""
    key = model._meta.primary_key
    return int(model.update(**values, updated_at=now_stamp()).where(key == row_id).execute(db))


def upsert(db: peewee.Database, model: type[TrackedModel], values: Mapping[str, Any], *, key: str) -> None:
    """Insert, or update the row with the same ``key`` column, keeping its identity and creation time."""
    stamp = now_stamp()
    changed = {**values, "updated_at": stamp}
    row = {"uuid": new_uuid(), "created_at": stamp, **changed}
    field = model._meta.fields[key]
    model.insert(**row).on_conflict(conflict_target=[field], update=changed).execute(db)


def delete(db: peewee.Database, model: type[TrackedModel], row_id: object) -> int:
    key = model._meta.primary_key
    return int(model.delete().where(key == row_id).execute(db))
