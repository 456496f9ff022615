"""Merging another copy of the same journal into this one, by identity (see ``store.sync_apply``).

The other copy is read on a read-only connection of its own: another journal
file (``merge_journal``: an old laptop's file, a sync tool's conflicted copy)
or a device's change file (``services.sync_folder``).  A copy of another
journal (a different journal identity) is refused with a sentence, never
merged; a damaged one is refused before anything is written.  The first merge
of a session takes a backup first; ``dry_run`` merges inside a transaction
that is rolled back, so the report says what would happen and nothing is
written.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import peewee

from netjournal.domain import Entity
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.services.journal import Journal
from netjournal.services.sync_report import MergeReport, Source
from netjournal.store import schema
from netjournal.store.clock import now_stamp
from netjournal.store.copies import probe
from netjournal.store.errors import DamagedJournalError, JournalError
from netjournal.store.portable import Version, read_all, specs
from netjournal.store.snapshot import full_check
from netjournal.store.sync_apply import Applied, Tomb, apply
from netjournal.store.translate import DRIVER_ERRORS, translate_error

_backed_up: weakref.WeakSet[Journal] = weakref.WeakSet()  # journals backed up before a merge this session


class ForeignJournalError(JournalError):
    """The other file is a different journal, not a copy of this one."""


class _DryRun(Exception):
    """Raised inside a dry run's transaction so that it rolls back."""


@dataclass(frozen=True, slots=True)
class Incoming:
    """Everything one copy holds or sends: row versions by table, and tombstones."""

    versions: Mapping[str, Sequence[Version]]
    tombstones: Sequence[Tomb]

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.versions.values()) + len(self.tombstones)


def read_copy(db: peewee.Database) -> Incoming:
    """Every row and tombstone of a journal (or of a full copy of one), as versions."""
    versions = {table: list(read_all(db, spec)) for table, spec in specs(db).items()}
    tombstones = [
        Tomb(str(e), str(u), str(d)) for e, u, d in db.execute_sql("SELECT entity, uuid, deleted_at FROM tombstone")
    ]
    return Incoming(versions, tombstones)


def merge_incoming(
    journal: Journal, incoming: Incoming, source: Source, report: MergeReport, *, files: int = 1
) -> Applied:
    """Merge ``incoming`` into ``journal`` in one transaction (rolled back for a dry run), noting it in ``report``."""
    applied = Applied()
    try:
        with journal.write() as changes:
            applied = apply(journal.db, incoming.versions, incoming.tombstones)
            if report.dry_run:
                raise _DryRun
            changes.extend(change_notices(applied))
    except _DryRun:
        pass
    report.add(source, applied, files)
    return applied


def change_notices(applied: Applied) -> list[JournalChange]:
    """One change notice per kind of row the merge touched, so every view reloads what it shows."""
    kinds: set[str] = {*applied.added, *applied.updated, *applied.deleted}
    kinds.update(d.entity for d in applied.decisions)
    known = {e.value for e in Entity}
    return [JournalChange(Entity(kind), ChangeAction.UPDATED, (), ()) for kind in sorted(kinds) if kind in known]


def backup_before_first_merge(journal: Journal) -> str | None:
    """A backup of the journal the first time it takes a merge in this session; its path, or None."""
    if journal in _backed_up:
        return None
    from netjournal.services.backups import Reason, take_backup

    taken = take_backup(journal.snapshot_source(), Reason.BEFORE_MERGE)
    _backed_up.add(journal)
    return str(taken.file.path)


def _check_pages(db: peewee.Database, path: Path) -> None:
    try:
        if full_check(db):
            raise DamagedJournalError(path, "so nothing was merged from it")
    except DRIVER_ERRORS as error:
        raise translate_error(path, error) from None


def check_same_journal(journal: Journal, other: peewee.Database, path: Path) -> None:
    rows = dict(other.execute_sql("SELECT key, value FROM journal_meta WHERE key IN ('uuid', 'created_at')"))
    found = schema.user_version(other)
    if found > schema.CURRENT_VERSION:
        raise JournalError(f"{path} was written by a newer netjournal (format {found}); nothing was merged.")
    if rows.get("uuid") != journal.identity()[0]:
        raise ForeignJournalError(
            f"{path} is another journal, not a copy of this one (their identities differ); nothing was merged."
        )
    if found < schema.CURRENT_VERSION:
        raise JournalError(
            f"{path} is in an older file format ({found}); open it once with this netjournal to upgrade it, "
            "then merge again. Nothing was merged."
        )


def merge_journal(
    journal: Journal, other_path: Path, passphrase: str, *, dry_run: bool = False, kdf_iter: int | None = None
) -> MergeReport:
    """Merge another copy of this journal, read without writing to it; the report says what changed."""
    other_path = other_path.expanduser().absolute()
    with suppress(OSError):
        if other_path.samefile(journal.path):
            raise JournalError("That file is this journal itself; nothing to merge.")
    report = MergeReport(now_stamp(), dry_run=dry_run)
    if not other_path.is_file():
        raise JournalError(f"{other_path} does not exist; nothing was merged.")
    try:
        with probe(other_path, passphrase, journal.store.kdf_iter if kdf_iter is None else kdf_iter,
                   immutable=True) as db:  # fmt: skip
            _check_pages(db, other_path)
            check_same_journal(journal, db, other_path)
            incoming = read_copy(db)
    except DRIVER_ERRORS as error:
        raise translate_error(other_path, error) from None
    if not dry_run:
        report.backup = backup_before_first_merge(journal)
    merge_incoming(journal, incoming, Source(other_path.name, None, None), report)
    return report


def merge_many(journal: Journal, batches: Iterable[tuple[Source, Incoming]], report: MergeReport) -> None:
    for source, incoming in batches:
        merge_incoming(journal, incoming, source, report)
