"""Work that would freeze the window (a re-encryption, a backup, a restore) run on a worker thread.

The GUI thread only starts the work and receives its result: ``succeeded``
and ``failed`` arrive through a queued connection, so a slot may touch
widgets.  Work that uses the window's own connection to the journal runs
inside ``Session.busy_with`` (see there), so nothing on the GUI thread reads
through that connection meanwhile.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from netjournal.services.errors import JournalError

_log = logging.getLogger(__name__)


class BackgroundTask(QObject):
    """Run ``work`` once on a pool thread; ``succeeded(result)`` or ``failed(error)`` then ``finished``.

    ``failed`` carries the ``JournalError`` itself (its sentence is meant for
    people), or None for a bug, whose text is never shown (it could quote
    journal data) and whose frames go to the log.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()
    _done = Signal(object, object, bool)  # result, error, ok

    # Kept alive here until delivered: the widget that started it may go first.
    _running: ClassVar[set[BackgroundTask]] = set()

    def __init__(self, work: Callable[[], object], name: str = "background work") -> None:
        super().__init__()
        self._work_fn = work
        self._name = name
        self._started = False
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self in BackgroundTask._running

    def start(self, pool: QThreadPool | None = None) -> None:
        if self._started:
            raise RuntimeError("A BackgroundTask runs only once.")
        self._started = True
        BackgroundTask._running.add(self)
        (pool or QThreadPool.globalInstance()).start(QRunnable.create(self._run))

    def _run(self) -> None:
        try:
            result = self._work_fn()
        except JournalError as error:
            self._done.emit(None, error, False)
        except Exception as error:
            frames = "".join(traceback.format_tb(error.__traceback__))
            _log.error("Unexpected %s during %s:\n%s", type(error).__name__, self._name, frames)
            self._done.emit(None, None, False)
        else:
            self._done.emit(result, None, True)

    @Slot(object, object, bool)
    def _deliver(self, result: object, error: object, ok: bool) -> None:
        BackgroundTask._running.discard(self)
        if ok:
            self.succeeded.emit(result)
        else:
            self.failed.emit(error)
        self.finished.emit()
