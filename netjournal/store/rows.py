"""Writing rows: the one place that gives every row its identity and times.

Services write through these functions, never through ``Model.create`` or a
bare ``update``, so a row always has a UUID, ``created_at`` is set once and
``updated_at`` moves on every edit (and never on a read).  Deletes leave
tombstones by trigger (``identity_schema``), which also covers rows removed by
a cascading delete.  ``remove`` and ``restore`` are a delete that can be
undone: the first records everything the delete changes (``removal``), the
second puts it back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import peewee

from netjournal.store.clock import edit_stamp_sql, later_stamp, new_uuid, now_stamp
from netjournal.store.errors import RestoreConflictError
from netjournal.store.history import ORPHANED
from netjournal.store.models import TrackedModel
from netjournal.store.removal import (
    ClearedLink,
    ForeignKey,
    Reference,
    Removal,
    SearchPlace,
    StoredRow,
    capture,
    foreign_keys,
    forget_history_tombstones,
    history_rows,
    people_of,
    put_history_back,
    search_entity,
)


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
    stamp = peewee.SQL(edit_stamp_sql(), (now_stamp(),))
    return int(model.update(**values, updated_at=stamp).where(key == row_id).execute(db))


def upsert(db: peewee.Database, model: type[TrackedModel], values: Mapping[str, Any], *, key: str) -> None:
    """Insert, or update the row with the same ``key`` column, keeping its identity and creation time."""
    stamp = now_stamp()
    changed = {**values, "updated_at": peewee.SQL(edit_stamp_sql(), (stamp,))}
    row = {"uuid": new_uuid(), "created_at": stamp, **values, "updated_at": stamp}
    field = model._meta.fields[key]
    model.insert(**row).on_conflict(conflict_target=[field], update=changed).execute(db)


def delete(db: peewee.Database, model: type[TrackedModel], row_id: object) -> int:
    key = model._meta.primary_key
    table = model._meta.table_name
    if isinstance(row_id, int) and any(k.parent == table for k in foreign_keys(db)):
        # Other rows may point here: links the delete clears are edits (``stamp_cleared``).
        return 0 if remove(db, model, row_id) is None else 1
    found = model.select(model.uuid).where(key == row_id).tuples().execute(db) if table != "entry_history" else []
    history = history_rows(db, [str(uuid) for (uuid,) in found])
    deleted = int(model.delete().where(key == row_id).execute(db))
    forget_history_tombstones(db, history)
    put_history_back(db, [row for row in history if row.values.get("reason") == ORPHANED])
    return deleted


def _delete_row(db: peewee.Database, model: type[TrackedModel], row_id: int) -> None:
    model.delete().where(model._meta.primary_key == row_id).execute(db)


def remove(db: peewee.Database, model: type[TrackedModel], row_id: int) -> Removal | None:
    """``delete``, returning everything the delete changed (``None`` when there is no such row)."""
    table = model._meta.table_name
    if db.execute_sql(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is None:
        return None
    removal = capture(db, table, row_id)
    _delete_row(db, model, row_id)
    forget_history_tombstones(db, removal.history)
    put_history_back(db, [row for row in removal.history if row.values.get("reason") == ORPHANED])
    stamp_cleared(db, removal.cleared)
    return removal


def stamp_cleared(db: peewee.Database, cleared: Sequence[ClearedLink]) -> None:
    """Give the rows whose links a delete cleared (``ON DELETE SET NULL``) an edit's update time.

    SQLite clears the link without moving ``updated_at``: the row would then
    differ from the other copies' at the same update time, and a merge (the
    later time wins, equal times the larger digest) could keep the link there
    for good, or bring it back here.  Stamped, the cleared link is an edit made
    with the deletion, which every copy takes.  Call in the delete's transaction.
    """
    stamp = now_stamp()
    for table, uuid in dict.fromkeys((link.table, link.uuid) for link in cleared):
        db.execute_sql(f"UPDATE {table} SET updated_at = {edit_stamp_sql()} WHERE uuid = ?", (stamp, uuid))


@dataclass(frozen=True, slots=True)
class Restored:
    ids: Mapping[str, tuple[int, ...]]  # table -> the ids its rows came back under
    relinked: Mapping[str, tuple[int, ...]]  # table -> rows whose cleared links were set again
    links_left: int  # cleared links left as they are: their row was edited or deleted since
    person_ids: tuple[int, ...]  # every person the restored and relinked rows name


def restore(db: peewee.Database, removal: Removal) -> Restored:
    """Put back what a delete removed and changed.  Call inside a transaction; on
    ``RestoreConflictError`` the caller's rollback leaves the journal as it was.

    Rows come back with every column as stored (UUID, times, derived ones),
    under their old ids unless another row has taken one since (SQLite gives a
    new row the highest id plus one), then under a new id that every reference
    follows.  A reference to a row that is gone is refused when the row could
    not exist without it (CASCADE) and left empty otherwise, as the delete of
    that row would have left it.  Cleared links are set again in rows not
    changed since.  The rows' tombstones go, and their search entries go back
    to their old places, so results come in the same order.  Restored and
    relinked rows get a new update time, later than their deletion: to the
    other copies of the journal (``services.sync_merge``) they are edits made
    after the deletion, so they come back there too instead of losing to the
    tombstone.
    """
    keys = foreign_keys(db)
    new_ids = _allocate_ids(db, removal.rows)
    # Restored rows may point at each other in any order (an exchange returning a later one).
    db.execute_sql("PRAGMA defer_foreign_keys = ON")
    people: set[int] = set()
    for row in removal.rows:
        values = {**row.values, "id": new_ids[row.table, row.uuid]}
        deleted = db.execute_sql(
            "SELECT deleted_at FROM tombstone WHERE entity = ? AND uuid = ?", (search_entity(row.table), row.uuid)
        ).fetchone()
        values["updated_at"] = later_stamp(str(row.values["updated_at"]), deleted[0] if deleted else None)
        for reference in row.references:
            values[reference.column] = _resolve(db, new_ids, reference)
            if reference.parent == "person" and values[reference.column] is not None:
                people.add(int(values[reference.column]))  # type: ignore[arg-type]
        if row.table == "person":
            people.add(int(values["id"]))  # type: ignore[arg-type]
        # Column names come from the table's own description (capture's SELECT *).
        columns = ", ".join(f'"{name}"' for name in values)
        marks = ", ".join("?" * len(values))
        db.execute_sql(f"INSERT INTO {row.table} ({columns}) VALUES ({marks})", list(values.values()))
        db.execute_sql("DELETE FROM tombstone WHERE entity = ? AND uuid = ?", (search_entity(row.table), row.uuid))
    put_history_back(db, removal.history)
    relinked, left_out = _relink(db, keys, removal.cleared, new_ids)
    for table, uuid in relinked:
        people.update(people_of(db, keys, table, uuid))
    skipped = {(link.table, link.uuid) for link in removal.cleared} - set(relinked)
    _restore_search_places(db, [p for p in removal.search if (p.table, p.uuid) not in skipped])
    ids: dict[str, list[int]] = {}
    for row in removal.rows:
        ids.setdefault(row.table, []).append(new_ids[row.table, row.uuid])
    relinked_ids: dict[str, list[int]] = {}
    for table, uuid in relinked:
        relinked_ids.setdefault(table, []).append(_id_of(db, table, uuid))
    return Restored(
        {t: tuple(i) for t, i in ids.items()},
        {t: tuple(i) for t, i in relinked_ids.items()},
        left_out,
        tuple(sorted(people)),
    )


def _id_of(db: peewee.Database, table: str, uuid: str) -> int:
    return int(db.execute_sql(f"SELECT id FROM {table} WHERE uuid = ?", (uuid,)).fetchone()[0])


def _allocate_ids(db: peewee.Database, stored: Sequence[StoredRow]) -> dict[tuple[str, str], int]:
    """Each row's id to come back under: its own, unless taken; refuses a row whose UUID is back already."""
    chosen: dict[tuple[str, str], int] = {}
    for table in dict.fromkeys(row.table for row in stored):
        mine = [row for row in stored if row.table == table]
        wanted = [int(row.values["id"]) for row in mine]  # type: ignore[arg-type]
        (highest,) = db.execute_sql(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
        following = max([int(highest), *wanted]) + 1
        for row, row_id in zip(mine, wanted, strict=True):
            if db.execute_sql(f"SELECT 1 FROM {table} WHERE uuid = ?", (row.uuid,)).fetchone() is not None:
                raise RestoreConflictError(RestoreConflictError.AGAIN, table)
            if db.execute_sql(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is not None:
                row_id, following = following, following + 1
            chosen[table, row.uuid] = row_id
    return chosen


def _resolve(db: peewee.Database, new_ids: Mapping[tuple[str, str], int], reference: Reference) -> int | None:
    if (reference.parent, reference.uuid) in new_ids:
        return new_ids[reference.parent, reference.uuid]
    found = db.execute_sql(f"SELECT id FROM {reference.parent} WHERE uuid = ?", (reference.uuid,)).fetchone()
    if found is not None:
        return int(found[0])
    if reference.cascade:
        raise RestoreConflictError(RestoreConflictError.PARENT_GONE, reference.parent)
    return None


def _relink(
    db: peewee.Database,
    keys: Sequence[ForeignKey],
    cleared: Sequence[ClearedLink],
    new_ids: Mapping[tuple[str, str], int],
) -> tuple[list[tuple[str, str]], int]:
    relinked: list[tuple[str, str]] = []
    left_out = 0
    parents = {(k.table, k.column): k.parent for k in keys}
    for link in cleared:
        target = new_ids.get((parents[link.table, link.column], link.target))
        found = db.execute_sql(
            f'SELECT id, updated_at, "{link.column}" FROM {link.table} WHERE uuid = ?', (link.uuid,)
        ).fetchone()
        # Edited since, the row may no longer allow the link (a kind that has no second person).
        # An undo of another delete moves the update time on but leaves the content as it was.
        if target is None or found is None or found[2] is not None or not _unchanged(db, link):
            left_out += 1
            continue
        db.execute_sql(
            f'UPDATE {link.table} SET "{link.column}" = ?, updated_at = ? WHERE id = ?',
            (target, later_stamp(str(found[1])), found[0]),
        )
        if (link.table, link.uuid) not in relinked:
            relinked.append((link.table, link.uuid))
    return relinked, left_out


def _unchanged(db: peewee.Database, link: ClearedLink) -> bool:
    from netjournal.store.portable import content_digest, specs

    if link.content is None:
        found = db.execute_sql(f"SELECT updated_at FROM {link.table} WHERE uuid = ?", (link.uuid,)).fetchone()
        return found is not None and found[0] == link.updated_at
    return content_digest(db, specs(db)[link.table], link.uuid, link.column) == link.content


def put_search_places_back(db: peewee.Database, places: Sequence[SearchPlace]) -> None:
    """Return rows' search entries to where they sat (an update trigger moves them to the end of their day)."""
    _restore_search_places(db, places)


def _restore_search_places(db: peewee.Database, places: Sequence[SearchPlace]) -> None:
    """Move each row's search entry back to the rowid it had (triggers gave it the end of its day)."""
    moves: list[tuple[int, int]] = []  # (where it is, where it was)
    for place in places:
        found = db.execute_sql(
            "SELECT k.rowid FROM search_key k JOIN " + place.table + " t ON t.id = k.entity_id "
            "WHERE k.entity = ? AND t.uuid = ?",
            (search_entity(place.table), place.uuid),
        ).fetchone()
        if found is not None and found[0] != place.rowid:
            moves.append((int(found[0]), place.rowid))
    # Out of the way first: two restored entries may each sit where the other was.
    for number, (now, _) in enumerate(moves):
        _move_search_entry(db, now, -1 - number)
    late = []
    for number, (now, home) in enumerate(moves):
        if _search_rowid_free(db, home):
            _move_search_entry(db, -1 - number, home)
        else:  # a new entry has it: keep the place the trigger gave, or the end of that day
            late.append((number, now))
    for number, now in late:
        _move_search_entry(db, -1 - number, now if _search_rowid_free(db, now) else _end_of_day(db, now))


def _search_rowid_free(db: peewee.Database, rowid: int) -> bool:
    return db.execute_sql("SELECT 1 FROM search_key WHERE rowid = ?", (rowid,)).fetchone() is None


def _end_of_day(db: peewee.Database, rowid: int) -> int:
    day = rowid >> 32
    (free,) = db.execute_sql(
        "SELECT coalesce(max(rowid) + 1, ? << 32) FROM search_key WHERE rowid >= (? << 32) AND rowid < ((? + 1) << 32)",
        (day, day, day),
    ).fetchone()
    return int(free)


def _move_search_entry(db: peewee.Database, source: int, target: int) -> None:
    entry = db.execute_sql(
        "SELECT body, entity, entity_id, person_id, date FROM search_index WHERE rowid = ?", (source,)
    ).fetchone()
    db.execute_sql("DELETE FROM search_index WHERE rowid = ?", (source,))
    db.execute_sql(
        "INSERT INTO search_index(rowid, body, entity, entity_id, person_id, date) VALUES (?, ?, ?, ?, ?, ?)",
        (target, *entry),
    )
    db.execute_sql("UPDATE search_key SET rowid = ? WHERE rowid = ?", (target, source))
