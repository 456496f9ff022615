"""Encrypted copies taken on a connection of their own, and what such a copy holds.

A snapshot reads the journal through its own connection, so the window (or
another command) can go on reading and writing while it is taken: with a
write-ahead log, a reader sees the journal as it was when its read began and
writers are not held up.  The copy is checked before it is given its name, so a
backup in the folder is either whole and readable or not there at all.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import peewee
from playhouse.sqlcipher_ext import SqlCipherDatabase

from netjournal.store import schema
from netjournal.store.copies import export_encrypted, probe, refuse_a_wrong_key_before_recovery
from netjournal.store.errors import (
    DamagedJournalError,
    JournalError,
    JournalExistsError,
    JournalNotFoundError,
)
from netjournal.store.files import fsync_dir, move_without_replacing, remove_journal_files
from netjournal.store.keyed import silence_cipher_log
from netjournal.store.translate import DRIVER_ERRORS, translate_error
from netjournal.store.wal import refuse_a_damaged_log

_ENTRY_TABLES = ("exchange", "touchpoint", "open_loop", "reflection", "brokered_introduction")  # the last from v8
_COUNTED = ("person", *_ENTRY_TABLES)


@dataclass(frozen=True)
class SnapshotSource:
    """What it takes to read a journal on a connection of one's own. The passphrase never shows in a repr."""

    path: Path
    passphrase: str = field(repr=False)
    kdf_iter: int
    backup_place: Path | None = None  # where the journal's backups go, if not beside it (see services.backups)


@dataclass(frozen=True, slots=True)
class Contents:
    """What a journal, or a copy of it, holds: enough to recognise it and to choose among copies."""

    journal_uuid: str
    version: int
    counts: dict[str, int]  # person, exchange, touchpoint, open_loop, reflection, brokered_introduction
    newest_on: str | None  # the date of the newest entry (ISO), if any
    newest_summary: str  # what that entry says, shortened

    @property
    def entries(self) -> int:
        return sum(self.counts.get(table, 0) for table in _ENTRY_TABLES)

    def as_json(self) -> dict[str, object]:
        return {
            "journal_uuid": self.journal_uuid,
            "version": self.version,
            "counts": self.counts,
            "newest_on": self.newest_on,
            "newest_summary": self.newest_summary,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Contents:
        counts = data.get("counts")
        return cls(
            journal_uuid=str(data.get("journal_uuid", "")),
            version=int(str(data.get("version", 0))),
            counts={str(k): int(v) for k, v in counts.items()} if isinstance(counts, dict) else {},
            newest_on=str(data["newest_on"]) if data.get("newest_on") else None,
            newest_summary=str(data.get("newest_summary", "")),
        )


@contextmanager
def reader(source: SnapshotSource) -> Iterator[peewee.Database]:
    """A connection of its own to a journal that never writes to it (a copy may be ATTACHed to it).

    With no other connection open, this one would recover a log a crash left:
    so the same guards as any open come first (a damaged log is refused, a
    wrong key is found without touching the files).
    """
    silence_cipher_log()
    if not source.path.is_file():  # a read-write open would create an empty database there
        raise JournalNotFoundError(source.path)
    refuse_a_damaged_log(source.path)
    refuse_a_wrong_key_before_recovery(source.path, source.passphrase, source.kdf_iter)
    db = SqlCipherDatabase(
        str(source.path),
        passphrase=source.passphrase,
        pragmas=[("kdf_iter", int(source.kdf_iter))],
        autoconnect=False,
        timeout=10,
    )
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        yield db
    except DRIVER_ERRORS as error:
        raise translate_error(source.path, error) from None
    finally:
        with suppress(*DRIVER_ERRORS):
            db.close()


def full_check(db: peewee.Database) -> list[str]:
    """Every page's HMAC, then SQLite's own check of every b-tree: ``[]`` when sound."""
    problems = [str(row[0]) for row in db.execute_sql("PRAGMA cipher_integrity_check")]
    problems += [str(row[0]) for row in db.execute_sql("PRAGMA integrity_check") if row[0] != "ok"]
    return problems


def quick_check(source: SnapshotSource) -> list[str]:
    """Every page's HMAC and SQLite's quick check, on a connection of its own: ``[]`` when sound.

    The check an open runs in the background: about a second on an 80 MB
    journal, so never on the thread a person is waiting on.
    """
    with reader(source) as db:
        try:
            problems = [str(row[0]) for row in db.execute_sql("PRAGMA cipher_integrity_check")]
            problems += [str(row[0]) for row in db.execute_sql("PRAGMA quick_check") if row[0] != "ok"]
        except DRIVER_ERRORS as error:
            translated = translate_error(source.path, error)
            if not isinstance(translated, DamagedJournalError):
                raise translated from None  # busy, a full disk: not a finding about the pages
            problems = [str(translated)]
    return problems


def contents(db: peewee.Database) -> Contents:
    """Counts and the newest entry, read in one transaction so they agree with each other."""
    with db.atomic():
        tables = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = {
            table: int(db.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in _COUNTED
            if table in tables
        }
        # Older formats have no creation times: there, the newest day is enough.
        created = "created_at" if _has_column(db, "exchange", "created_at") else "''"
        brokered = (
            " UNION ALL SELECT date, summary, created_at FROM brokered_introduction"
            if "brokered_introduction" in tables
            else ""
        )
        newest = db.execute_sql(
            "SELECT date, summary FROM ("
            f" SELECT date, summary, {created} AS created FROM exchange"
            f" UNION ALL SELECT date, note, {created} FROM touchpoint"
            f" UNION ALL SELECT date, text, {created} FROM reflection{brokered}"
            ") ORDER BY date DESC, created DESC LIMIT 1"
        ).fetchone()
        uuid = ""
        if "journal_meta" in tables:
            row = db.execute_sql("SELECT value FROM journal_meta WHERE key = 'uuid'").fetchone()
            uuid = str(row[0]) if row else ""
        version = schema.user_version(db)
    newest_on, summary = (str(newest[0]), str(newest[1])) if newest else (None, "")
    if len(summary) > 120:
        summary = summary[:119].rstrip() + "…"
    return Contents(uuid, version, counts, newest_on, summary)


def _has_column(db: peewee.Database, table: str, column: str) -> bool:
    return any(row[1] == column for row in db.execute_sql(f"PRAGMA table_info({table})"))


def write_snapshot(
    source: SnapshotSource,
    destination: Path,
    after: Callable[[peewee.Database, Contents], None] | None = None,
) -> Contents:
    """Check the journal, copy it to ``destination`` (0600) and read the copy back; returns what it holds.

    Raises ``DamagedJournalError`` (and writes nothing) when the journal fails
    its check; a copy that cannot be read back is removed, never named.
    ``after`` runs once the copy has its name, on the same connection to the
    journal (to note there what the copy holds).
    """
    if destination.exists():
        raise JournalExistsError(destination)
    if not destination.parent.is_dir():
        raise JournalError(f"The folder {destination.parent} does not exist.")
    partial = destination.with_name(f".{destination.name}.partial")
    with reader(source) as db:
        try:
            problems = full_check(db)
        except DRIVER_ERRORS as error:
            raise translate_error(source.path, error) from None
        if problems:
            raise DamagedJournalError(source.path, "so no backup was made of it")
        export_encrypted(db, partial, source.passphrase, source.kdf_iter)
        try:
            held = read_contents(partial, source.passphrase, source.kdf_iter, identified=False)
            move_without_replacing(partial, destination)
        except FileExistsError:
            remove_journal_files(partial)
            raise JournalExistsError(destination) from None
        except OSError as error:
            remove_journal_files(partial)
            raise translate_error(destination, error) from None
        except BaseException:
            remove_journal_files(partial)
            raise
        with suppress(OSError):  # some drives cannot flush a folder; the copy is in place
            fsync_dir(destination.parent)
        if after is not None:
            try:
                after(db, held)
            except DRIVER_ERRORS as error:
                raise translate_error(source.path, error) from None
    return held


def read_contents(
    path: Path, passphrase: str, kdf_iter: int, *, check: bool = False, identified: bool = True
) -> Contents:
    """What the copy at ``path`` holds, read without writing to it; ``check`` reads every page first.

    ``WrongPassphraseError`` when the key does not open it, ``DamagedJournalError``
    when a page fails, ``JournalError`` when it is not a journal at all.
    """
    try:
        with probe(path, passphrase, kdf_iter, immutable=True) as db:
            if check and full_check(db):
                raise DamagedJournalError(path, "so it cannot be used")
            held = contents(db)
    except DRIVER_ERRORS as error:
        raise translate_error(path, error) from None
    if identified and not held.journal_uuid:  # journals have carried one since format 5
        raise JournalError(f"{path} is not a netjournal journal.")
    return held


def file_size(path: Path) -> int:
    with suppress(OSError):
        return os.stat(path).st_size
    return 0
