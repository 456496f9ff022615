"""The window's handle on the open journal, and the bridge from core notifications to Qt."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from netjournal.services.events import JournalChange
from netjournal.services.journal import Journal
from netjournal.ui.background import BackgroundTask


class Session(QObject):
    """Holds the unlocked journal (or none) for every view.

    ``changed`` carries each ``JournalChange`` on the GUI thread, whatever
    thread wrote it (the connection is queued when needed), so views refresh
    from notifications and never poll.
    """

    opened = Signal()
    closing = Signal()  # the journal is still open: a last write may happen (the sync folder's change file)
    closed = Signal()
    changed = Signal(object)
    busy_ended = Signal()
    _relay = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._journal: Journal | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._busy = False
        # AutoConnection: direct on the GUI thread, queued from workers.
        self._relay.connect(self._deliver, Qt.ConnectionType.AutoConnection)

    @property
    def journal(self) -> Journal:
        if self._journal is None:
            raise RuntimeError("No journal is open.")
        return self._journal

    @property
    def is_open(self) -> bool:
        return self._journal is not None and self._journal.is_open

    @property
    def busy(self) -> bool:
        """A worker is using the journal's own connection (a passphrase change, a restore)."""
        return self._busy

    def busy_with(self, work: Callable[[Journal], object], name: str) -> BackgroundTask:
        """Run ``work(journal)`` on a worker while the GUI thread keeps off the journal.

        Until it finishes, ``busy`` is true: the window defers a lock and its
        views fetch nothing more, so only the worker touches the connection.
        The caller connects to the task's signals, then ``busy_ended`` follows.
        """
        if self._busy:
            raise RuntimeError("The journal is busy already.")
        journal = self.journal
        task = BackgroundTask(lambda: work(journal), name)
        self._busy = True
        # Connected first, so the caller's slots find the journal free again (they may close it).
        task.succeeded.connect(self._end_busy)
        task.failed.connect(self._end_busy)
        task.start()
        return task

    def _end_busy(self, *_result: object) -> None:
        self._busy = False
        self.busy_ended.emit()

    def attach(self, journal: Journal) -> None:
        """Take over an unlocked journal (opened on any thread) and tell the views."""
        self.detach()
        self._journal = journal
        self._unsubscribe = journal.changes.subscribe(self._relay.emit)
        self.opened.emit()

    def detach(self) -> None:
        """Close the journal, if any; views clear themselves on ``closed``."""
        if self._journal is None:
            return
        if self._busy:
            raise RuntimeError("The journal cannot close while a worker uses it.")
        self.closing.emit()
        journal, self._journal = self._journal, None
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        journal.close()
        self.closed.emit()

    @Slot(object)
    def _deliver(self, change: JournalChange) -> None:
        self.changed.emit(change)
