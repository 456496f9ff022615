"""An open journal as the rest of the program sees it: the store plus its notifier."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import peewee

from netjournal.services.events import ChangeNotifier, JournalChange
from netjournal.store import rows
from netjournal.store.database import DEFAULT_KDF_ITER, JournalDatabase
from netjournal.store.errors import JournalError
from netjournal.store.lock import JournalLock
from netjournal.store.models import TrackedModel
from netjournal.store.removal import Removal, capture
from netjournal.store.snapshot import SnapshotSource

__all__ = ["DEFAULT_KDF_ITER", "Journal"]

SqlParams = Sequence[object] | Mapping[str, object]
M = TypeVar("M", bound=peewee.Model)


class JournalBusyError(JournalError):
    """A write while another thread's write is open on the journal; nothing was written."""

    def __init__(self) -> None:
        super().__init__("The journal is busy with other work (a sync, an import); nothing was saved yet. Try again.")


class Journal:
    """One unlocked journal, and the only way services reach its rows.

    Every read runs on this journal's own connection (``select``, ``sql``), so
    several journals can be open at once; every write goes through ``write``:
    one transaction, then one change notification once it has committed (never
    for a rolled-back write).
    """

    def __init__(self, store: JournalDatabase) -> None:
        self.store = store
        self.changes = ChangeNotifier()
        self._pending: list[JournalChange] | None = None
        self._writer: int | None = None  # the thread whose write is open: one connection, one writer at a time
        self._writer_guard = threading.Lock()
        # The keep-in-touch rhythm a person added by name (in an entry) starts with: the window's
        # preference for new people, set by the window; None, the command line's, adds them without one.
        self.new_person_cadence_days: int | None = None

    @classmethod
    def create(cls, path: str | os.PathLike[str], passphrase: str, *, kdf_iter: int | None = None) -> Journal:
        return cls(JournalDatabase.create(path, passphrase, kdf_iter=kdf_iter))

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        passphrase: str,
        *,
        kdf_iter: int | None = None,
        lock: JournalLock | None = None,
        keyed: Any = None,
    ) -> Journal:
        """Open and unlock (key derivation included: a worker thread may call this).

        ``lock`` and ``keyed`` hand over a lock and a keyed connection taken
        early (see ``store.keyed``).
        """
        return cls(JournalDatabase.open(path, passphrase, kdf_iter=kdf_iter, lock=lock, keyed=keyed))

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def is_open(self) -> bool:
        return self.store.is_open

    @property
    def db(self) -> peewee.Database:
        return self.store.db

    # -- reading ---------------------------------------------------------------

    def sql(self, text: str, params: SqlParams = ()) -> Any:
        """Run hand-written SQL on this journal; returns the cursor."""
        with self.store.reading():
            return self.store.db.execute_sql(text, params)

    def rows(self, query: peewee.ModelSelect[M]) -> list[M]:
        """Every row of a peewee query, read from this journal."""
        with self.store.reading():
            return list(query.execute(self.store.db))

    def first(self, query: peewee.ModelSelect[M]) -> M | None:
        with self.store.reading():
            return query.get_or_none(self.store.db)

    def exists(self, query: peewee.ModelSelect[Any]) -> bool:
        with self.store.reading():
            return bool(query.exists(self.store.db))

    def identity(self) -> tuple[str, str]:
        """This journal's UUID and creation time, shared by every copy of it."""
        return self.store.identity()

    # -- writing ---------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[list[JournalChange]]:
        """Run a write in one transaction and yield the list to append its changes to.

        Listeners hear about the changes once the outermost write has
        committed; a nested write joins the outer transaction and its changes
        wait for the outer commit too.
        """
        me = threading.get_ident()
        with self._writer_guard:
            if self._pending is not None and self._writer != me:
                # Another thread (a sync, an import on a worker) is inside a transaction on this one
                # connection: joining it would make this write part of theirs, and lost if theirs rolls back.
                raise JournalBusyError()
            outermost = self._pending is None
            if outermost:
                self._pending, self._writer = [], me
        pending = self._pending
        assert pending is not None
        try:
            with self.store.transaction():
                yield pending
        finally:
            if outermost:
                with self._writer_guard:
                    self._pending, self._writer = None, None
        if outermost:
            for change in pending:
                self.changes.notify(change)

    def insert(self, model: type[TrackedModel], values: Mapping[str, Any]) -> int:
        """Add a row with a new identity; call inside ``write``."""
        return rows.insert(self.store.db, model, values)

    def update(self, model: type[TrackedModel], row_id: object, values: Mapping[str, Any]) -> int:
        """Change a row and move its update time; call inside ``write``."""
        return rows.update(self.store.db, model, row_id, values)

    def delete(self, model: type[TrackedModel], row_id: object) -> int:
        """Remove a row, leaving a tombstone; call inside ``write``."""
        return rows.delete(self.store.db, model, row_id)

    def remove(self, model: type[TrackedModel], row_id: int) -> Removal | None:
        """``delete``, returning all it changed, to undo it with ``restore``; call inside ``write``."""
        return rows.remove(self.store.db, model, row_id)

    def restore(self, removal: Removal) -> rows.Restored:
        """Put back what ``remove`` took; call inside ``write`` (a conflict rolls it back)."""
        return rows.restore(self.store.db, removal)

    def what_delete_takes(self, model: type[TrackedModel], row_id: int) -> Removal:
        """What deleting the row would remove and change, without deleting anything."""
        return capture(self.store.db, model._meta.table_name, row_id)

    # -- life cycle --------------------------------------------------------------

    def close(self) -> None:
        self.store.close()
        self.changes.clear()

    def discard(self) -> None:
        """Close and delete a journal just created here (see ``JournalDatabase.discard``)."""
        self.store.discard()
        self.changes.clear()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt; no change notice, as every entry reads as before (views reloading a large
        journal for nothing would hold up the window for a third of a second)."""
        self.store.change_passphrase(new_passphrase)

    def backup_to(self, destination: str | os.PathLike[str]) -> Path:
        return self.store.backup_to(destination)

    def snapshot_source(self) -> SnapshotSource:
        """For a backup taken on a connection of its own while this journal stays open (and where it goes)."""
        from dataclasses import replace

        from netjournal.services.backup_choices import journal_place

        return replace(self.store.snapshot_source(), backup_place=journal_place(self))

    def check(self) -> list[str]:
        """Every problem a full check finds (``[]`` when sound); a damaged journal takes no more writes."""
        return self.store.check()
