"""The list of a journal's backups with what each holds, for ``netjournal backups`` and the Backups dialog."""

from __future__ import annotations

from dataclasses import dataclass

from netjournal.services import backups
from netjournal.services.journal import Journal
from netjournal.store.errors import DamagedJournalError, JournalError, WrongPassphraseError
from netjournal.store.snapshot import Contents, read_contents


def size_text(size: int) -> str:
    """A file size as people read it: "225 KB", "2.5 MB"."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000)):,} KB"
    return f"{size / 1_000_000:,.1f} MB"


@dataclass(frozen=True, slots=True)
class ListedBackup:
    file: backups.BackupFile
    contents: Contents | None  # None: not known without its own passphrase, or unreadable
    note: str  # why the contents are unknown ("" when known)


def catalog(journal: Journal, *, read_unknown: bool = True) -> list[ListedBackup]:
    """Every backup, newest first, with what it holds as noted when it was taken.

    A backup the journal has no note of (one taken before a restore, or a
    migration's copy) is read with the journal's passphrase when
    ``read_unknown``, and the finding noted for next time.
    """
    try:
        with journal.store.reading():
            noted = backups.noted_contents(journal.db)
    except JournalError:
        noted = {}  # damage where the notes are: the backups are still listed, read one by one
    listed: list[ListedBackup] = []
    learned: list[backups.TakenBackup] = []
    source = journal.snapshot_source()
    for file in backups.list_backups(journal.path, source.backup_place):
        held = noted.get(file.name)
        note = ""
        if held is None and read_unknown:
            try:
                held = read_contents(file.path, source.passphrase, source.kdf_iter)
            except WrongPassphraseError:
                note = "under an earlier passphrase"
            except DamagedJournalError:
                note = "damaged"
            except JournalError:
                note = "unreadable"
            else:
                learned.append(backups.TakenBackup(file, held, ()))
        listed.append(ListedBackup(file, held, note))
    if learned and not journal.store.damaged:
        try:
            with journal.write():
                for taken in learned:
                    backups.note(journal.db, taken)
        except JournalError:
            pass  # only a shortcut for next time
    return listed
