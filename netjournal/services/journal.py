"""An open journal as the rest of the program sees it: the store plus its notifier."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from netjournal.services.events import ChangeNotifier, JournalChange
from netjournal.store.database import DEFAULT_KDF_ITER, JournalDatabase


class Journal:
    """One unlocked journal.

    Every write goes through ``write``: one transaction, then one change
    notification once it has committed (never for a rolled-back write).
    """

    def __init__(self, store: JournalDatabase) -> None:
        self.store = store
        self.changes = ChangeNotifier()
        self._pending: list[JournalChange] | None = None

    @classmethod
    def create(
        cls, path: str | os.PathLike[str], passphrase: str, *, kdf_iter: int = DEFAULT_KDF_ITER, bind: bool = True
    ) -> Journal:
        return cls(JournalDatabase.create(path, passphrase, kdf_iter=kdf_iter, bind=bind))

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], passphrase: str, *, kdf_iter: int = DEFAULT_KDF_ITER, bind: bool = True
    ) -> Journal:
        """Open and unlock; ``bind=False`` leaves the models alone (for worker threads)."""
        return cls(JournalDatabase.open(path, passphrase, kdf_iter=kdf_iter, bind=bind))

    def bind(self) -> None:
        """Make this the journal the models read and write."""
        self.store.bind()

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def is_open(self) -> bool:
        return self.store.is_open

    @contextmanager
    def write(self) -> Iterator[list[JournalChange]]:
        """Run a write in one transaction and yield the list to append its changes to.

        Listeners hear about the changes once the outermost write has
        committed; a nested write joins the outer transaction and its changes
        wait for the outer commit too.
        """
        outermost = self._pending is None
        if outermost:
            self._pending = []
        pending = self._pending
        try:
            with self.store.transaction():
                yield pending
        finally:
            if outermost:
                self._pending = None
        if outermost:
            for change in pending:
                self.changes.notify(change)

    def close(self) -> None:
        self.store.close()
        self.changes.clear()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def change_passphrase(self, new_passphrase: str) -> None:
        self.store.change_passphrase(new_passphrase)
        self.changes.notify(JournalChange("journal", "updated"))

    def backup_to(self, destination: str | os.PathLike[str]) -> Path:
        return self.store.backup_to(destination)
