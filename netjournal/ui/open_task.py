"""Opening or creating a journal off the GUI thread.

``OpenTask`` derives the key and opens (or creates) the file on a worker
thread, so the window keeps painting during PBKDF2.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from netjournal.services.errors import JournalError
from netjournal.services.journal import DEFAULT_KDF_ITER, Journal

_log = logging.getLogger(__name__)


class OpenTask(QObject):
    """Open or create one journal on a worker thread; results arrive on the GUI thread.

    Create it on the GUI thread, connect ``succeeded(Journal)`` / ``failed(class
    name, message)``, then ``start()``.  ``finished`` follows either.  After
    ``cancel()`` nothing is emitted but ``finished``, and a journal that opened
    anyway is closed again (so its lock is not left held).
    """

    succeeded = Signal(object)
    failed = Signal(str, str)
    finished = Signal()
    _done = Signal(object, str, str)  # journal or None, error class name, message

    # Tasks are parentless and kept alive here until their result is delivered,
    # so a widget going away mid-derivation cannot delete the object the worker emits from.
    _running: ClassVar[set[OpenTask]] = set()

    def __init__(
        self, path: str | Path, passphrase: str, *, create: bool = False, kdf_iter: int = DEFAULT_KDF_ITER
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.create = create
        self._passphrase = passphrase
        self._kdf_iter = kdf_iter
        self._cancelled = False
        self._started = False
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self in OpenTask._running

    def start(self, pool: QThreadPool | None = None) -> None:
        if self._started:
            raise RuntimeError("An OpenTask runs only once.")
        self._started = True
        OpenTask._running.add(self)
        (pool or QThreadPool.globalInstance()).start(QRunnable.create(self._work))

    @Slot()
    def cancel(self) -> None:
        self._cancelled = True

    def _work(self) -> None:
        """Runs on a pool thread: no widgets here, only the store."""
        passphrase, self._passphrase = self._passphrase, ""
        try:
            if self.create:
                journal = Journal.create(self.path, passphrase, kdf_iter=self._kdf_iter)
            else:
                journal = Journal.open(self.path, passphrase, kdf_iter=self._kdf_iter)
        except JournalError as error:
            self._done.emit(None, type(error).__name__, str(error))
        except Exception as error:
            # A bug elsewhere: report where, but not the message (it could quote data).
            frames = "".join(traceback.format_tb(error.__traceback__))
            _log.error("Unexpected %s while opening a journal:\n%s", type(error).__name__, frames)
            self._done.emit(None, type(error).__name__, "")
        else:
            self._done.emit(journal, "", "")

    @Slot(object, str, str)
    def _deliver(self, journal: Journal | None, name: str, message: str) -> None:
        OpenTask._running.discard(self)
        if self._cancelled:
            if journal is not None:
                journal.close()
        elif journal is not None:
            self.succeeded.emit(journal)
        else:
            self.failed.emit(
                name,
                message
                or self.tr(
                    "Something unexpected went wrong, so the journal was not opened. "
                    "Please try again; if it keeps happening, report the problem."
                ),
            )
        self.finished.emit()
