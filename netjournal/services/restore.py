"""Restoring a backup: look at what it holds first, keep the journal as it is, then put the backup in its place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from netjournal.services import backup_choices, backups
from netjournal.services.events import JournalChange
from netjournal.services.journal import Journal
from netjournal.store import schema
from netjournal.store.errors import (
    DamagedJournalError,
    ForeignBackupError,
    JournalError,
    JournalNotReplacedError,
    NewerJournalError,
    NotAJournalError,
)
from netjournal.store.snapshot import Contents, contents, read_contents
from netjournal.store.translate import DRIVER_ERRORS


@dataclass(frozen=True, slots=True)
class Preview:
    """A backup beside the journal it would replace, both read as they are now."""

    backup: Path
    held: Contents  # what the backup holds
    current: Contents | None  # what the journal holds now; None when it is too damaged to say
    passphrase: str  # the one that opened the backup (kept for the restore that follows)

    def __repr__(self) -> str:  # never the passphrase
        return f"Preview(backup={self.backup!r}, held={self.held!r})"


def preview(journal: Journal, backup: Path, passphrase: str | None = None) -> Preview:
    """What ``backup`` holds, read from the backup itself while the journal stays open.

    Tried with the journal's own passphrase unless ``passphrase`` is given (a
    backup from before a passphrase change has the one it had then):
    ``WrongPassphraseError`` says to ask for it.  A damaged backup, a copy of
    another journal and one from a newer netjournal are refused.
    """
    source = journal.snapshot_source()
    key = source.passphrase if passphrase is None else passphrase
    held = inspect(
        backup, key=key, kdf_iter=source.kdf_iter, journal=journal.path, journal_uuid=own_uuid(journal),
        place=source.backup_place,
    )  # fmt: skip
    return Preview(Path(backup).expanduser().absolute(), held, current_contents(journal), key)


def own_uuid(journal: Journal) -> str | None:
    """The journal's UUID; None when damage hides it (then only its own backup folder is trusted)."""
    try:
        return journal.identity()[0]
    except JournalError:
        return None


def current_contents(journal: Journal) -> Contents | None:
    try:
        return contents(journal.db)
    except DRIVER_ERRORS:
        return None


def inspect(
    backup: Path, *, key: str, kdf_iter: int, journal: Path, journal_uuid: str | None, place: Path | None = None
) -> Contents:
    """The checks of ``preview`` on the backup alone: safe on any thread, as it never reads the journal."""
    backup = Path(backup).expanduser().absolute()
    if not backup.is_file():
        raise JournalError(f"There is no backup at {backup}.")
    if backup.resolve() == journal.resolve():
        raise JournalError(f"{backup} is the journal itself, not a backup of it.")
    held = read_contents(backup, key, kdf_iter, check=True)
    if held.version > schema.CURRENT_VERSION:
        raise NewerJournalError(backup, held.version, schema.CURRENT_VERSION)
    if held.version < 1:
        raise NotAJournalError(backup, "it holds no netjournal data")
    if journal_uuid is None:
        if not backups.is_backup_folder(backup.parent, journal, place):
            raise ForeignBackupError(backup)
    elif held.journal_uuid != journal_uuid:
        raise ForeignBackupError(backup)
    return held


@dataclass(frozen=True, slots=True)
class Restored:
    preview: Preview
    kept: backups.TakenBackup  # the journal as it was just before (a plain copy of it if it was damaged)


def restore(journal: Journal, chosen: Preview) -> Restored:
    """Keep the journal as it is now as a backup, then put the previewed backup in its place.

    The backup is checked again (it may have changed since the preview); a
    journal that cannot be backed up first is not replaced.
    """
    again = preview(journal, chosen.backup, chosen.passphrase)
    place = backup_choices.journal_place(journal)
    if journal.store.damaged:
        kept = backups.keep_damaged_copy(journal.path, place=place)
    else:
        if place is not None and not place.is_dir():
            # The journal is never replaced without a copy of it first, and that copy goes where backups go.
            raise JournalNotReplacedError(
                f"backups go to {place}, which is not there, so no copy of the journal could be kept first. "
                "Reconnect that drive, or choose another place for backups in Preferences."
            )
        try:
            kept = backups.take_backup(journal.snapshot_source(), backups.Reason.BEFORE_RESTORE, keep=[again.backup])
        except DamagedJournalError:
            kept = backups.keep_damaged_copy(journal.path, place=place)
    if not again.backup.is_file():
        raise JournalNotReplacedError("the backup is no longer there.")
    try:
        journal.store.replace_with(again.backup, again.passphrase)
        with journal.write():
            backups.note(journal.db, kept)  # the restored journal knows of the copy taken just now
    finally:
        if journal.is_open:  # replaced or not, the views read the journal again
            journal.changes.notify(JournalChange.whole_journal())
    return Restored(again, kept)
