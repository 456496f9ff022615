"""Merging versions of rows and tombstones from another copy into this journal, by identity.

The rules, applied row by row so that every copy that sees the same versions
ends in the same state, whatever the order they arrive in:

- a row only there is added (parents first, references resolved from UUIDs
  to local ids);
- a row in both copies keeps the version with the later update time (equal
  times: the larger content digest); the other version, if its content
  differs, goes into the entry history (the same content at another time is
  neither kept nor counted as an update);
- a tombstone deletes the row unless the row was edited after the deletion
  (then the row stays, and is sent on again); with the row go the rows that
  cannot exist without it, and those among them edited after the deletion
  go into the history first;
- a row this journal has a tombstone for comes back only if it was edited
  after that deletion; a row whose parent is deleted here cannot come back,
  and is kept in the history if it was edited after that deletion;
- a tombstone that deletes a version this device sent (or had yet to send)
  since it last merged the others' files keeps that version in the history:
  it may be an edit on a clock behind, made after a deletion it had not seen;
- tombstones keep the latest deletion time.

Nothing is written for a version this journal already holds, so merging the
same versions twice writes nothing the second time.  Derived data (search
index, last-contact dates) follows by the schema's own triggers.  Call
``apply`` inside a transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import peewee

from netjournal.store import history
from netjournal.store.clock import format_stamp
from netjournal.store.portable import (
    MERGE_ORDER,
    TABLE_OF_ENTITY,
    TableSpec,
    Version,
    ids_of,
    read_by,
    specs,
    tombstones_of,
)
from netjournal.store.removal import capture, forget_history_tombstones, history_rows, put_history_back
from netjournal.store.sync_device import sent_unmerged
from netjournal.store.sync_schema import OUTBOX_KEY


@dataclass(frozen=True, slots=True)
class Tomb:
    entity: str
    uuid: str
    deleted_at: str


@dataclass(frozen=True, slots=True)
class Decision:
    """One row both copies had in different versions, or a deletion one of them turned down."""

    entity: str
    uuid: str
    kept: str  # "here" or "there": whose version is current now
    kept_updated_at: str
    other_updated_at: str
    reason: str  # history.CONFLICT, ORPHANED, REPLACED, KEPT_OVER_DELETION or DELETED_UNSENT
    history_uuid: str | None  # where the other version went (None: nowhere, a deletion was refused)


@dataclass(slots=True)
class Applied:
    added: Counter[str] = field(default_factory=Counter)  # by entity
    updated: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    decisions: list[Decision] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted or self.decisions)


KEPT_OVER_DELETION = "edited after its deletion"
DELETED_UNSENT = "deleted before this copy sent its edit"


def _after(stamp: str) -> str:
    import datetime as dt

    return format_stamp(dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")) + dt.timedelta(milliseconds=1))


class _Merge:
    def __init__(self, db: peewee.Database) -> None:
        self.db = db
        self.specs = specs(db)
        self.applied = Applied()
        self.links: list[tuple[TableSpec, str, str, str]] = []  # spec, row uuid, column, target uuid
        self.outbox = db.execute_sql("SELECT 1 FROM journal_meta WHERE key = ?", (OUTBOX_KEY,)).fetchone() is not None
        self.local_changes = self._pending_here()

    def _pending_here(self) -> set[tuple[str, str]]:
        """Rows changed here since this device last wrote its changes: a replaced one was a conflict."""
        if not self.outbox:
            return set()
        pending = {(str(e), str(u)) for e, u in self.db.execute_sql("SELECT DISTINCT entity, uuid FROM sync_outbox")}
        return pending | sent_unmerged(self.db)  # sent, but perhaps not seen yet where a deletion was made

    # -- rows ----------------------------------------------------------------------

    def rows(self, spec: TableSpec, incoming: Sequence[Version]) -> None:
        keys = [str(v.data[spec.key]) for v in incoming]
        local = read_by(self.db, spec, spec.key, keys)
        dead = tombstones_of(self.db, spec.entity, [v.uuid for v in incoming])
        for version in incoming:
            here = local.get(str(version.data[spec.key]))
            if here is not None:
                if (here.updated_at, here.digest) != (version.updated_at, version.digest):
                    self._both(spec, here, version)
                    local[str(version.data[spec.key])] = max(here, version, key=lambda v: v.order)
                continue
            deleted_at = dead.get(version.uuid)
            if spec.entity == "entry_history":
                if not history.admits(self.db, version.data):
                    continue  # history follows its row: not without it
            elif deleted_at is not None and deleted_at >= version.updated_at:
                continue  # deleted after this version was written
            if self._insert(spec, version):
                if deleted_at is not None:
                    self.db.execute_sql(
                        "DELETE FROM tombstone WHERE entity = ? AND uuid = ?", (spec.entity, version.uuid)
                    )
                self.applied.added[spec.entity] += 1
                local[str(version.data[spec.key])] = version

    def _both(self, spec: TableSpec, here: Version, there: Version) -> None:
        same = here.digest == there.digest  # saved again unchanged: only the update time differs
        if there.order > here.order:
            winner, loser, kept = there, here, "there"
            self._write(spec, there, update_of=here)  # the later time, for every copy to hold the same
            if not same:
                self.applied.updated[spec.entity] += 1
        else:
            winner, loser, kept = here, there, "here"
        if same:
            return  # nothing to keep in the history, nothing decided
        # The report calls it a conflict when this copy had changed the row too (or won); the
        # history row itself must not depend on that, which only this copy knows.
        both_changed = kept == "here" or (spec.entity, here.uuid) in self.local_changes
        reason = history.CONFLICT if both_changed else history.REPLACED
        kept_in = history.keep(self.db, spec.entity, loser, winner.updated_at, history.SUPERSEDED)
        if both_changed and spec.entity != "entry_history":
            self.applied.decisions.append(
                Decision(spec.entity, winner.uuid, kept, winner.updated_at, loser.updated_at, reason,
                         kept_in or history.history_uuid(spec.entity, loser))
            )  # fmt: skip

    def _resolve(self, spec: TableSpec, version: Version) -> dict[str, Any] | None:
        """The row's values with references as local ids; None when a parent it needs is deleted or unknown."""
        values = dict(version.data)
        for column, parent in spec.references.items():
            target = values.get(column)
            if target is None:
                continue
            found = ids_of(self.db, parent, [str(target)]).get(str(target))
            if found is not None:
                values[column] = found
                continue
            if column in spec.required:
                self._orphan(spec, version, parent, str(target))
                return None
            values[column] = None
            self.links.append((spec, version.uuid, column, str(target)))
        return values

    def _orphan(self, spec: TableSpec, version: Version, parent: str, target: str) -> None:
        parent_dead = tombstones_of(self.db, self.specs[parent].entity, [target]).get(target)
        if parent_dead is None:
            self.applied.skipped.append(f"a {spec.entity} whose {parent} is not here yet")
            return
        self._bury(spec.entity, version, parent_dead)

    def _bury(self, entity: str, version: Version, parent_deleted_at: str) -> None:
        """A row that goes (or stays away) with its deleted parent; kept in the history if edited since."""
        stamp = parent_deleted_at
        if version.updated_at > parent_deleted_at:
            stamp = _after(version.updated_at)
            name = history.keep(self.db, entity, version, parent_deleted_at, history.ORPHANED)
            self.applied.decisions.append(
                Decision(entity, version.uuid, "there" if name else "here", parent_deleted_at,
                         version.updated_at, history.ORPHANED, name or history.history_uuid(entity, version))
            )  # fmt: skip
        self._tombstone(entity, version.uuid, stamp)

    def _insert(self, spec: TableSpec, version: Version) -> bool:
        values = self._resolve(spec, version)
        if values is None:
            return False
        columns = ", ".join(f'"{c}"' for c in values)
        marks = ", ".join("?" * len(values))
        self.db.execute_sql(f"INSERT INTO {spec.table} ({columns}) VALUES ({marks})", list(values.values()))
        return True

    def _write(self, spec: TableSpec, version: Version, *, update_of: Version) -> None:
        values = self._resolve(spec, version)
        if values is None:
            return
        assignments = ", ".join(f'"{c}" = ?' for c in values)
        self.db.execute_sql(
            f'UPDATE {spec.table} SET {assignments} WHERE "{spec.key}" = ?',
            [*values.values(), update_of.data[spec.key]],
        )

    def relink(self) -> None:
        """References to rows that arrived later in the same merge (an exchange returning a later one)."""
        for spec, uuid, column, target in self.links:
            found = ids_of(self.db, spec.references[column], [target]).get(target)
            if found is not None:
                self.db.execute_sql(f'UPDATE {spec.table} SET "{column}" = ? WHERE uuid = ?', (found, uuid))

    # -- tombstones ------------------------------------------------------------------

    def _tombstone(self, entity: str, uuid: str, deleted_at: str) -> None:
        self.db.execute_sql(
            "INSERT INTO tombstone(entity, uuid, deleted_at) VALUES (?, ?, ?) ON CONFLICT(entity, uuid) "
            "DO UPDATE SET deleted_at = excluded.deleted_at WHERE excluded.deleted_at > tombstone.deleted_at",
            (entity, uuid, deleted_at),
        )

    def tombstone(self, tomb: Tomb) -> None:
        table = TABLE_OF_ENTITY.get(tomb.entity)
        spec = self.specs.get(table or "")
        if spec is None:
            self.applied.skipped.append(f"a deletion of an unknown kind of row ({tomb.entity})")
            return
        here = read_by(self.db, spec, "uuid", [tomb.uuid]).get(tomb.uuid)
        if here is None:
            self._tombstone(tomb.entity, tomb.uuid, tomb.deleted_at)
            return
        if tomb.entity == "entry_history" and history.admits(self.db, here.data):
            return  # an older netjournal's: history follows its row, which is here
        if here.updated_at > tomb.deleted_at:
            # Kept, and sent on again (with its history): the copy that deleted it takes it back.
            if self.outbox:
                self.db.execute_sql("INSERT INTO sync_outbox(entity, uuid) VALUES (?, ?)", (tomb.entity, tomb.uuid))
                self.db.execute_sql(
                    "INSERT INTO sync_outbox(entity, uuid) SELECT 'entry_history', uuid FROM entry_history "
                    "WHERE row_uuid = ? ORDER BY id",
                    (tomb.uuid,),
                )
            self.applied.decisions.append(
                Decision(tomb.entity, tomb.uuid, "here", here.updated_at, tomb.deleted_at, KEPT_OVER_DELETION, None)
            )
            return
        self._delete(spec, here, tomb.deleted_at)

    def _delete(self, spec: TableSpec, here: Version, deleted_at: str) -> None:
        (row_id,) = self.db.execute_sql(f"SELECT rowid FROM {spec.table} WHERE uuid = ?", (here.uuid,)).fetchone()
        removal = capture(self.db, spec.table, int(row_id)) if spec.table != "prompt_state" else None
        # The row's history goes with it (by the schema's triggers), here as in the copy that deleted it.
        kept = removal.history if removal is not None else tuple(history_rows(self.db, [here.uuid]))
        dependents: list[tuple[str, Version]] = []
        if removal is not None:
            by_table: dict[str, list[str]] = {}
            for stored in removal.rows:
                if stored.uuid != here.uuid:
                    by_table.setdefault(stored.table, []).append(stored.uuid)
            for table, uuids in by_table.items():
                child = self.specs[table]
                dependents += [(child.entity, v) for v in read_by(self.db, child, "uuid", uuids).values()]
        self.db.execute_sql(f"DELETE FROM {spec.table} WHERE uuid = ?", (here.uuid,))
        forget_history_tombstones(self.db, kept)
        put_history_back(self.db, [row for row in kept if row.values.get("reason") == history.ORPHANED])
        self._keep_unsent(spec.entity, here, deleted_at)
        self.applied.deleted[spec.entity] += 1
        # The deletion's own time, not this device's: every copy then holds the same tombstones.
        self.db.execute_sql(
            "UPDATE tombstone SET deleted_at = ? WHERE entity = ? AND uuid = ?", (deleted_at, spec.entity, here.uuid)
        )
        for entity, version in dependents:
            self.applied.deleted[entity] += 1
            self.db.execute_sql("DELETE FROM tombstone WHERE entity = ? AND uuid = ?", (entity, version.uuid))
            if version.updated_at <= deleted_at:
                self._keep_unsent(entity, version, deleted_at)
            self._bury(entity, version, deleted_at)

    def _keep_unsent(self, entity: str, version: Version, deleted_at: str) -> None:
        """A version deleted before this device sent it: an edit on a clock behind, made after the deletion.

        Its update time says it is older than the deletion, so the deletion
        wins; but it was never seen elsewhere, so it goes into the history
        (as a version edited after the deletion, with an id derived from it,
        like ``_bury``'s) instead of being lost without trace.
        """
        if (entity, version.uuid) not in self.local_changes or entity == "entry_history":
            return
        name = history.keep(self.db, entity, version, deleted_at, history.ORPHANED)
        self.applied.decisions.append(
            Decision(entity, version.uuid, "there", deleted_at, version.updated_at, DELETED_UNSENT,
                     name or history.history_uuid(entity, version))
        )  # fmt: skip


def apply(db: peewee.Database, versions: Mapping[str, Sequence[Version]], tombstones: Iterable[Tomb]) -> Applied:
    """Merge ``versions`` (by table) and ``tombstones`` into ``db``; call inside a transaction."""
    merge = _Merge(db)
    for table in MERGE_ORDER:
        incoming = versions.get(table)
        spec = merge.specs.get(table)
        if incoming and spec is not None:
            merge.rows(spec, incoming)
    merge.relink()
    for tomb in tombstones:
        merge.tombstone(tomb)
    return merge.applied
