"""Putting another file in a journal's place: a re-encrypted copy (a passphrase change) or a restored backup.

Either way the new file is written beside the journal, checked, and renamed
over it in one step, so at every moment the journal is whole: the old file
or the new one, never half of each.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.store import rekey, schema
from netjournal.store.connection import open_connection
from netjournal.store.copies import export_encrypted, migration_backup_path
from netjournal.store.errors import (
    JournalError,
    JournalNotReplacedError,
    PassphraseChangedNotReopenedError,
    PassphraseNotChangedError,
    RestoredNotReopenedError,
)
from netjournal.store.files import fsync_dir, remove_journal_files
from netjournal.store.lock import JournalLock
from netjournal.store.passphrase import check_passphrase
from netjournal.store.snapshot import SnapshotSource, reader
from netjournal.store.translate import DRIVER_ERRORS, translate_error

if TYPE_CHECKING:
    from playhouse.sqlcipher_ext import SqlCipherDatabase


def restore_copy_path(journal: Path) -> Path:
    return journal.with_name(f".{journal.name}.restoring")


class FileReplacement:
    """The passphrase change and the restore of ``JournalDatabase`` (which provides what is declared here)."""

    path: Path
    db: SqlCipherDatabase
    kdf_iter: int
    damaged: bool
    _lock: JournalLock

    def _passphrase(self) -> str:
        raise NotImplementedError

    def _close_connection(self) -> None:
        raise NotImplementedError

    def _migration_backup_taken(self, version: int) -> Path | None:
        raise NotImplementedError

    def backup_to(self, destination: str | os.PathLike[str]) -> Path:
        raise NotImplementedError

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
        # The same journal in a new file: it stays the same device in a sync folder.
        from netjournal.store import sync_device  # only a passphrase change gets here: not every command pays

        sync_device.restamp(self.db, self.path)

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


def _reason(error: JournalError) -> str:
    """An error's sentence as a clause inside another one."""
    text = str(error).rstrip(".")
    return text[:1].lower() + text[1:] + "."
