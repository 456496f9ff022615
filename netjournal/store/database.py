"""Creating, opening, re-keying and backing up one encrypted journal file.

A journal is a single SQLCipher 4 database.  ``create`` and ``open`` are
separate on purpose: SQLCipher happily creates a new file (or a plaintext one
when given an empty key) wherever it is pointed, so both refuse the cases that
would lose or expose data before SQLCipher ever sees the path.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import peewee
from playhouse.sqlcipher_ext import SqlCipherDatabase
from sqlcipher3 import dbapi2 as sqlcipher

from netjournal.store import rekey, schema
from netjournal.store.connection import open_connection
from netjournal.store.copies import (
    holds_the_same_rows,
    migration_backup_path,
    migration_backups,
)
from netjournal.store.errors import (
    DamagedJournalError,
    JournalError,
    JournalExistsError,
    NewerJournalError,
    NotAJournalError,
)
from netjournal.store.files import remove_journal_files
from netjournal.store.kdf import DEFAULT_KDF_ITER, TEST_KDF_VARIABLE, default_kdf_iter
from netjournal.store.keyed import PLAINTEXT_HEADER, precheck_existing
from netjournal.store.lock import JournalLock
from netjournal.store.passphrase import check_passphrase
from netjournal.store.replacement import FileReplacement, restore_copy_path
from netjournal.store.snapshot import SnapshotSource, full_check, write_snapshot
from netjournal.store.translate import DRIVER_ERRORS, translate_error

__all__ = [
    "DEFAULT_KDF_ITER",
    "PLAINTEXT_HEADER",
    "TEST_KDF_VARIABLE",
    "JournalDatabase",
    "check_passphrase",
    "default_kdf_iter",
    "migration_backup_path",
]


class JournalDatabase(FileReplacement):
    """An open, unlocked journal: its own connection, the lock, and file-level operations.

    Each journal has its own peewee ``Database``; the models are bound to
    none, so every query names the journal it runs on (``query.execute(db)``),
    and any number of journals can be open in one process side by side.
    """

    def __init__(self, path: Path, db: SqlCipherDatabase, lock: JournalLock, kdf_iter: int) -> None:
        self.path = path
        self.db = db
        self.kdf_iter = kdf_iter
        self._lock = lock
        self._creator_fd = -1  # kept open until close by ``create`` (see there)
        self.damaged = False  # set when damage is found: from then on nothing is written
        self._identity: tuple[str, str] | None = None

    # -- opening -------------------------------------------------------------

    @classmethod
    def create(cls, path: str | os.PathLike[str], passphrase: str, *, kdf_iter: int | None = None) -> JournalDatabase:
        passphrase = check_passphrase(passphrase)
        kdf_iter = default_kdf_iter() if kdf_iter is None else kdf_iter
        path = Path(path).expanduser().resolve()
        if path.exists():
            raise JournalExistsError(path)
        if not path.parent.is_dir():
            raise JournalError(f"The folder {path.parent} does not exist.")
        # O_EXCL: never overwrite a file that appeared since the check above.
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise JournalExistsError(path) from None
        lock: JournalLock | None = None
        journal: JournalDatabase | None = None
        try:
            lock = JournalLock(path)
            journal = cls._connect(path, passphrase, kdf_iter, lock)
            schema.create_v1(journal.db)
            schema.migrate_forward(journal.db)
            # Read through the descriptor that created the file: opening and closing another
            # one while SQLite holds the file would drop SQLite's own locks on it (POSIX).
            if os.pread(fd, len(PLAINTEXT_HEADER), 0) == PLAINTEXT_HEADER:
                raise JournalError(f"{path} was written unencrypted; refusing to use it.")
            journal._creator_fd, fd = fd, -1
        except BaseException as error:
            if journal is not None:
                with suppress(*DRIVER_ERRORS):
                    journal.db.close()
            if fd >= 0:
                os.close(fd)
            remove_journal_files(path)
            if lock is not None:
                lock.release()
            if isinstance(error, DRIVER_ERRORS):
                raise translate_error(path, error) from None
            raise
        return journal

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        passphrase: str,
        *,
        kdf_iter: int | None = None,
        backup_before_migrating: bool = True,
        lock: JournalLock | None = None,
        keyed: sqlcipher.Connection | None = None,
    ) -> JournalDatabase:
        """Open and unlock; ``lock`` and ``keyed`` are a lock and a connection taken early (``keyed``)."""
        passphrase = check_passphrase(passphrase)
        kdf_iter = default_kdf_iter() if kdf_iter is None else kdf_iter
        path = Path(path).expanduser().resolve()
        try:
            precheck_existing(path)
            lock = lock or JournalLock(path)
        except BaseException:
            if keyed is not None:
                keyed.close()
            if lock is not None:
                lock.release()
            raise
        try:
            # A passphrase change or restore killed half-way leaves its copy; the journal is whole without it.
            remove_journal_files(rekey.rekeyed_path(path))
            remove_journal_files(restore_copy_path(path))
            journal = cls(path, open_connection(path, passphrase, kdf_iter, keyed), lock, kdf_iter)
            try:
                found = schema.user_version(journal.db)
                if found > schema.CURRENT_VERSION:
                    raise NewerJournalError(path, found, schema.CURRENT_VERSION)
                if found < 1:
                    raise NotAJournalError(path, "it holds no netjournal data")
                pending = schema.pending_migrations(journal.db)
                if pending:
                    if backup_before_migrating and journal._migration_backup_taken(found) is None:
                        journal.backup_to(migration_backup_path(path, found))
                    schema.migrate_forward(journal.db)
                with suppress(JournalError):  # a damaged page there shows up on the first read or check
                    journal.identity()
            except BaseException as error:
                journal.db.close()
                if isinstance(error, DRIVER_ERRORS):
                    raise translate_error(path, error) from None
                raise
        except BaseException:
            lock.release()
            raise
        return journal

    @classmethod
    def _connect(cls, path: Path, passphrase: str, kdf_iter: int, lock: JournalLock) -> JournalDatabase:
        return cls(path, open_connection(path, passphrase, kdf_iter), lock, kdf_iter)

    # -- life cycle ----------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return not self.db.is_closed()

    def discard(self) -> None:
        """Close and delete a journal this process has just created and nobody else has seen.

        For a creation that failed half-way (a demo that ran out of space):
        an empty journal left behind would only block the retry.
        """
        self.close()
        remove_journal_files(self.path)
        with suppress(FileNotFoundError):
            os.unlink(f"{self.path}.lock")  # Windows keeps its lock in a file beside the journal

    def close(self) -> None:
        """Checkpoint, close and unlock; safe to call twice."""
        try:
            if not self.db.is_closed():
                self._close_connection()
        finally:
            # Nothing needs the secret once the connection is gone.
            self.db.connect_params.pop("passphrase", None)
            if self._creator_fd >= 0:
                os.close(self._creator_fd)
                self._creator_fd = -1
            self._lock.release()

    def __enter__(self) -> JournalDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading and writing -----------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[None]:
        """A read; a damaged page it meets comes out as ``DamagedJournalError`` and stops all writes."""
        try:
            yield
        except DRIVER_ERRORS as error:
            translated = translate_error(self.path, error)
            if isinstance(translated, DamagedJournalError):
                self.damaged = True
            raise translated from None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write; driver errors come out as ``JournalError``.  A damaged journal takes none."""
        if self.damaged:
            raise DamagedJournalError(self.path, "nothing more is written into it")
        try:
            with self.db.atomic():
                yield
        except DRIVER_ERRORS as error:
            translated = translate_error(self.path, _first_cause(error))
            if isinstance(translated, DamagedJournalError):
                self.damaged = True
            raise translated from None

    # -- file-level operations -------------------------------------------------

    def _close_connection(self) -> None:
        with suppress(peewee.DatabaseError):
            self.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()

    def backup_to(self, destination: str | os.PathLike[str]) -> Path:
        """Write an encrypted copy under the same key, whole or not at all (see ``snapshot``)."""
        destination = Path(destination).expanduser().absolute()
        try:
            write_snapshot(self.snapshot_source(), destination)
        except DamagedJournalError:
            self.damaged = True
            raise
        return destination

    def snapshot_source(self) -> SnapshotSource:
        """What a connection of its own needs to read this journal (a backup taken while it stays open)."""
        return SnapshotSource(self.path, self._passphrase(), self.kdf_iter)

    def _passphrase(self) -> str:
        return str(self.db.connect_params["passphrase"])

    def _migration_backup_taken(self, version: int) -> Path | None:
        """A backup of this journal, as it is now, left by an earlier attempt to migrate it.

        A migration that was interrupted (killed, power cut) rolled back and
        left the journal exactly as it was when its backup was taken; opening
        it again must not pile up one more copy per attempt.  A candidate
        counts only if it opens with this journal's key, is at ``version``
        and holds the same rows (count and highest id of every table).
        """
        for candidate in reversed(migration_backups(self.path, version)):
            if candidate.is_file() and holds_the_same_rows(
                self.db, candidate, self._passphrase(), self.kdf_iter, version
            ):
                return candidate
        return None

    def check(self) -> list[str]:
        """Every problem found on a full check: each page's HMAC, then SQLite's own check; ``[]`` when sound.

        Reading every page takes a while on a large journal (about half a
        second for 80 MB), so it runs on request (``netjournal check``) and
        before every backup, not on each open.  A damaged journal is marked
        read-only: nothing more is written into it.
        """
        try:
            problems = full_check(self.db)
        except DRIVER_ERRORS as error:
            problems = [str(translate_error(self.path, error))]
        if problems:
            self.damaged = True
        return problems

    def integrity_check(self) -> list[str]:
        """SQLite's findings, ``["ok"]`` for a sound file; damage it cannot even read raises."""
        try:
            rows = self.db.execute_sql("PRAGMA integrity_check").fetchall()
        except DRIVER_ERRORS as error:
            raise translate_error(self.path, error) from None
        return [row[0] for row in rows]

    def schema_version(self) -> int:
        return schema.user_version(self.db)

    def identity(self) -> tuple[str, str]:
        """The journal's own UUID and creation time, the same in every copy and backup of it.

        Remembered once read, so a journal damaged since it was opened can still
        tell its own backups from another journal's.
        """
        if self._identity is None:
            try:
                rows = dict(
                    self.db.execute_sql("SELECT key, value FROM journal_meta WHERE key IN ('uuid', 'created_at')")
                )
            except DRIVER_ERRORS as error:
                raise translate_error(self.path, error) from None
            self._identity = (rows["uuid"], rows["created_at"])
        return self._identity

    def forget_identity(self) -> None:
        """Read the identity from the file again when next asked: an import has just given the journal another."""
        self._identity = None


def _first_cause(error: BaseException) -> BaseException:
    """The error that started it: after a full disk SQLite may have rolled back by itself, and
    the rollback that follows fails with "no transaction is active", hiding the real cause."""
    while "cannot rollback" in str(error).lower() and isinstance(error.__context__, DRIVER_ERRORS):
        error = error.__context__
    return error
