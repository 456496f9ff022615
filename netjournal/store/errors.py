"""Errors the store raises, each with a message a person can act on."""

from __future__ import annotations


class JournalError(Exception):
    """Base of every error about opening or writing a journal.

    ``str(error)`` is a complete sentence meant for the user.
    """


class EmptyPassphraseError(JournalError):
    def __init__(self) -> None:
        super().__init__("The passphrase is empty. Choose one with at least one visible character.")


class JournalNotFoundError(JournalError):
    def __init__(self, path: object) -> None:
        super().__init__(f"There is no journal at {path}.")


class JournalExistsError(JournalError):
    def __init__(self, path: object) -> None:
        super().__init__(f"A file already exists at {path}; choose another name, nothing was overwritten.")


class WrongPassphraseError(JournalError):
    def __init__(self, path: object) -> None:
        super().__init__(f"Could not unlock {path}: the passphrase is wrong, or the start of the file is damaged.")


class NotAJournalError(JournalError):
    def __init__(self, path: object, why: str) -> None:
        super().__init__(f"{path} is not a netjournal journal ({why}).")


class DamagedJournalError(JournalError):
    def __init__(self, path: object, detail: str = "") -> None:
        self.path = path
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"The journal {path} is damaged{extra}. Restore it from a backup; the file has not been changed."
        )


class DamagedLogError(DamagedJournalError):
    """The log of recent changes a crash left is damaged: recovering it would drop saved entries."""

    def __init__(self, path: object) -> None:
        JournalError.__init__(
            self,
            f"The journal {path} was not opened: its log of recent changes is damaged, and opening it "
            "would lose entries saved before the last crash. Restore a backup, or keep the files as they "
            "are and ask for help; nothing was changed.",
        )


class NewerJournalError(JournalError):
    def __init__(self, path: object, found: int, supported: int) -> None:
        super().__init__(
            f"{path} was written by a newer version of netjournal (format {found}; this version reads "
            f"up to {supported}). Update netjournal to open it; the file has not been changed."
        )


class JournalLockedError(JournalError):
    def __init__(self, path: object) -> None:
        super().__init__(f"{path} is already open in another netjournal window or command. Close it there first.")


class StorageFullError(JournalError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"Could not save to {path}: the disk is full. Nothing was written; free some space and try again."
        )


class SyncFolderError(JournalError):
    """The sync folder (or a file in it) cannot be read or written: a drive pulled out, failing, or offline."""

    def __init__(self, folder: object, error: OSError, *, writing: bool = False) -> None:
        reason = (error.strerror or str(error) or type(error).__name__).rstrip(".")
        what = "write to" if writing else "read"
        super().__init__(
            f"Could not {what} the sync folder {folder} ({reason[:1].lower()}{reason[1:]}); nothing more was "
            "synced. If it is on a drive or a network share, check that it is connected, then sync again."
        )
        self.folder = folder
        self.errno = error.errno


class JournalReadOnlyError(JournalError):
    def __init__(self, path: object) -> None:
        super().__init__(f"Could not write to {path}: the file or its folder is read-only.")


class PassphraseNotChangedError(JournalError):
    def __init__(self, why: str) -> None:
        super().__init__(f"The passphrase was not changed: {why} The journal still opens with the passphrase it had.")


class PassphraseChangedNotReopenedError(JournalError):
    """The journal now opens with the new passphrase only, but this process could not reopen it."""

    def __init__(self, path: object, why: str) -> None:
        super().__init__(
            f"The passphrase of {path} was changed, but the journal could not be opened again ({why}). "
            "Open it with the new passphrase."
        )


class JournalNotReplacedError(JournalError):
    def __init__(self, why: str) -> None:
        super().__init__(f"The backup was not restored: {why} The journal is as it was.")


class RestoredNotReopenedError(JournalError):
    """The backup is in the journal's place, but this process could not reopen it."""

    def __init__(self, path: object, why: str) -> None:
        super().__init__(
            f"The backup was restored into {path}, but the journal could not be opened again ({why}). Open it again."
        )


class ForeignBackupError(JournalError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"{path} is a copy of another journal, not of this one, so it was not restored. "
            "Open it as a journal of its own if you need what it holds."
        )


class RestoreConflictError(JournalError):
    """Deleted rows cannot be put back as they were: the journal has changed since. Nothing was written."""

    AGAIN = "again"
    PARENT_GONE = "parent gone"

    def __init__(self, reason: str, table: str) -> None:
        entity = {"open_loop": "open loop"}.get(table, table)
        super().__init__(
            f"the same {entity} is in the journal again."
            if reason == self.AGAIN
            else f"the {entity} it belonged to has been deleted since."
        )
        self.reason = reason
        self.table = table
