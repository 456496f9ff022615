"""The window's handle on the open journal, and the bridge from core notifications to Qt."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from netjournal.services.events import JournalChange
from netjournal.services.journal import Journal


class Session(QObject):
    """Holds the unlocked journal (or none) for every view.

    ``changed`` carries each ``JournalChange`` on the GUI thread, whatever
    thread wrote it (the connection is queued when needed), so views refresh
    from notifications and never poll.
    """

    opened = Signal()
    closed = Signal()
    changed = Signal(object)
    _relay = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._journal: Journal | None = None
        self._unsubscribe: Callable[[], None] | None = None
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
        journal, self._journal = self._journal, None
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        journal.close()
        self.closed.emit()

    @Slot(object)
    def _deliver(self, change: JournalChange) -> None:
        self.changed.emit(change)
