"""Creating, opening, re-keying and backing up one encrypted journal file.

A journal is a single SQLCipher 4 database.  ``create`` and ``open`` are
separate on purpose: SQLCipher happily creates a new file (or a plaintext one
when given an empty key) wherever it is pointed, so both refuse the cases that
would lose or expose data before SQLCipher ever sees the path.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import peewee
from playhouse.sqlcipher_ext import SqlCipherDatabase
from sqlcipher3 import dbapi2 as sqlcipher

from netjournal.store import rekey, schema
from netjournal.store.connection import open_connection
from netjournal.store.copies import (
    export_encrypted,
    holds_the_same_rows,
    migration_backup_path,
    migration_backups,
)
from netjournal.store.errors import (
    DamagedJournalError,
    EmptyPassphraseError,
    JournalError,
    JournalExistsError,
    JournalNotReplacedError,
    NewerJournalError,
    NotAJournalError,
    PassphraseChangedNotReopenedError,
    PassphraseNotChangedError,
    RestoredNotReopenedError,
)
from netjournal.store.files import fsync_dir, move_without_replacing, remove_journal_files
from netjournal.store.kdf import DEFAULT_KDF_ITER, TEST_KDF_VARIABLE, default_kdf_iter
from netjournal.store.keyed import PLAINTEXT_HEADER, precheck_existing
from netjournal.store.lock import JournalLock
from netjournal.store.snapshot import SnapshotSource, reader
from netjournal.store.translate import DRIVER_ERRORS, translate_error

__all__ = [
    "DEFAULT_KDF_ITER",
    "PLAINTEXT_HEADER",
    "TEST_KDF_VARIABLE",
    "JournalDatabase",
    "default_kdf_iter",
    "migration_backup_path",
]


def check_passphrase(passphrase: str | None) -> str:
    if passphrase is None or not any(_visible(character) for character in passphrase):
        raise EmptyPassphraseError()
    if "\x00" in passphrase:
        raise JournalError("A passphrase cannot contain a NUL character.")
    return passphrase


def _visible(character: str) -> bool:
    """Not a space, a control or a format character (such as U+200B, which shows nothing)."""
    return unicodedata.category(character)[0] not in "ZC"


class JournalDatabase:
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

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt under a new passphrase, or leave the journal as it was and say so.

        Returns only once the journal has been reopened with the new passphrase
        and refuses the old one (see ``rekey``).  ``PassphraseNotChangedError``:
        nothing changed; ``PassphraseChangedNotReopenedError``: it changed, but
        this object could not reopen it.
        """
        new = check_passphrase(new_passphrase)
        old = self._passphrase()
        copy = rekey.rekeyed_path(self.path)
        rekey.ensure_single_name(self.path)
        rekey.ensure_room_for_a_copy(self.path)
        try:
            export_encrypted(self.db, copy, new, self.kdf_iter)
            rekey.verify_rekeyed(self.db, copy, new, old, self.kdf_iter)
            copy_lock = JournalLock(copy)  # the copy's identity becomes the journal's
        except JournalError as error:
            remove_journal_files(copy)
            raise PassphraseNotChangedError(_reason(error)) from None
        # Everything is written, checked and flushed: now one rename switches the passphrase.
        self._take_the_place_of_the_journal(
            copy,
            copy_lock,
            new,
            old,
            PassphraseNotChangedError,
            lambda why: PassphraseChangedNotReopenedError(self.path, why),
        )
        if rekey.opens_with(self.path, old, self.kdf_iter):  # pragma: no cover - the copy was checked
            raise JournalError(f"{self.path} still opens with the old passphrase; change it again.")

    def replace_with(self, backup: Path, backup_passphrase: str) -> None:
        """Put the journal a backup holds in this journal's place, under this journal's passphrase.

        The backup is re-encrypted into a copy beside the journal, the copy is
        checked to hold every row of the backup, and only then renamed over the
        journal: until that rename the journal is as it was.  A backup from an
        earlier format version is brought up to date afterwards, as on open.
        ``JournalNotReplacedError``: nothing changed.
        """
        # No check of ``damaged`` here: putting a sound copy in place of a damaged journal is what restoring is for.
        key = self._passphrase()
        copy = restore_copy_path(self.path)
        try:
            rekey.ensure_single_name(self.path)
            rekey.ensure_room_for_a_copy(self.path, extra=backup)
            with reader(SnapshotSource(backup, backup_passphrase, self.kdf_iter)) as source:
                export_encrypted(source, copy, key, self.kdf_iter)
                rekey.verify_copy(source, copy, key, self.kdf_iter)
            copy_lock = JournalLock(copy)
        except JournalError as error:
            remove_journal_files(copy)
            raise JournalNotReplacedError(_reason(error)) from None
        self._take_the_place_of_the_journal(
            copy, copy_lock, key, key, JournalNotReplacedError, lambda why: RestoredNotReopenedError(self.path, why)
        )
        self.damaged = False
        try:
            if schema.pending_migrations(self.db):
                found = schema.user_version(self.db)
                if self._migration_backup_taken(found) is None:
                    self.backup_to(migration_backup_path(self.path, found))
                schema.migrate_forward(self.db)
        except DRIVER_ERRORS as error:
            raise translate_error(self.path, error) from None

    def _take_the_place_of_the_journal(
        self,
        copy: Path,
        copy_lock: JournalLock,
        key_after: str,
        key_before: str,
        not_done: Callable[[str], JournalError],
        not_reopened: Callable[[str], JournalError],
    ) -> None:
        """Rename a checked copy over the journal and reopen it; ``not_done(why)`` if the rename fails."""
        os.chmod(copy, stat.S_IMODE(os.stat(self.path).st_mode))  # as private as the journal was
        self._close_connection()
        try:
            os.replace(copy, self.path)
        except OSError as error:
            copy_lock.release()
            remove_journal_files(copy)
            self.db = open_connection(self.path, key_before, self.kdf_iter)
            raise not_done(f"the copy could not take the journal's place ({error.strerror}).") from None
        # From here on the journal is the copy, whatever else fails.
        with suppress(OSError):  # some drives cannot flush a folder; the rename has happened
            fsync_dir(self.path.parent)
        self._lock.release()
        self._lock = copy_lock
        for leftover in ("-wal", "-shm"):  # the old file's log and index, emptied by the checkpoint
            with suppress(FileNotFoundError):
                os.unlink(f"{self.path}{leftover}")
        try:
            self.db = open_connection(self.path, key_after, self.kdf_iter)
        except JournalError as error:
            raise not_reopened(_reason(error)) from None

    def _close_connection(self) -> None:
        with suppress(peewee.DatabaseError):
            self.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()

    def backup_to(self, destination: str | os.PathLike[str]) -> Path:
        """Write an encrypted copy under the same key; the copy appears whole or not at all."""
        destination = Path(destination).expanduser().absolute()
        if destination.exists():
            raise JournalExistsError(destination)
        if not destination.parent.is_dir():
            raise JournalError(f"The folder {destination.parent} does not exist.")
        problems = self.check()
        if problems:
            raise DamagedJournalError(self.path, "so no backup was made of it")
        partial = destination.with_name(f".{destination.name}.partial")
        export_encrypted(self.db, partial, self._passphrase(), self.kdf_iter)
        try:
            move_without_replacing(partial, destination)
        except FileExistsError:
            remove_journal_files(partial)
            raise JournalExistsError(destination) from None
        except OSError as error:
            remove_journal_files(partial)
            raise translate_error(destination, error) from None
        with suppress(OSError):  # some drives cannot flush a folder; the copy is in place
            fsync_dir(destination.parent)
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
            problems = [str(row[0]) for row in self.db.execute_sql("PRAGMA cipher_integrity_check")]
            problems += [str(row[0]) for row in self.db.execute_sql("PRAGMA integrity_check") if row[0] != "ok"]
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


def restore_copy_path(journal: Path) -> Path:
    return journal.with_name(f".{journal.name}.restoring")


def _reason(error: JournalError) -> str:
    """An error's sentence as a clause inside another one."""
    text = str(error).rstrip(".")
    return text[:1].lower() + text[1:] + "."


def _first_cause(error: BaseException) -> BaseException:
    """The error that started it: after a full disk SQLite may have rolled back by itself, and
    the rollback that follows fails with "no transaction is active", hiding the real cause."""
    while "cannot rollback" in str(error).lower() and isinstance(error.__context__, DRIVER_ERRORS):
        error = error.__context__
    return error
