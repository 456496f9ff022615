"""The window's automatic backups: after a change, once the newest backup is old enough, on a worker.

The backup reads the journal on a connection of its own, so the window goes
on reading and writing while it is taken; nothing here touches the window's
connection but to learn what a snapshot needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from netjournal.services import backup_choices, backups
from netjournal.services.events import JournalChange
from netjournal.store.errors import DamagedJournalError, JournalError
from netjournal.ui.background import BackgroundTask
from netjournal.ui.session import Session


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class AutoBackups(QObject):
    """Takes the automatic backups while a journal is open in the window.

    ``taken(TakenBackup)`` after each; ``failed(message)`` when one could not
    be taken (a damaged journal is then marked so, and takes no more writes).
    """

    taken = Signal(object)
    failed = Signal(str)

    def __init__(
        self, session: Session, parent: QObject | None = None, *, now: Callable[[], dt.datetime] = _utc_now
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._now = now
        self._pending = False  # a change since the last backup was started
        self._task: BackgroundTask | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._consider)
        session.changed.connect(self._changed)
        session.closed.connect(self._forget)
        session.busy_ended.connect(self._consider)

    @property
    def running(self) -> bool:
        return self._task is not None

    def _changed(self, _change: JournalChange) -> None:
        if backups.automatic_backups_enabled():
            self._pending = True
            self._consider()

    def _forget(self) -> None:
        self._pending = False
        self._timer.stop()

    def _consider(self) -> None:
        if not self._pending or self._task is not None or self._session.busy or not self._session.is_open:
            return
        journal = self._session.journal
        if journal.store.damaged:
            return
        wait = backups.time_until_due(journal.path, self._now(), place=backup_choices.journal_place(journal))
        if wait > dt.timedelta(0):
            self._timer.start(int(wait.total_seconds() * 1000) + 1)
            return
        self._pending = False
        source, now = journal.snapshot_source(), self._now()
        self._task = BackgroundTask(lambda: backups.back_up_if_due(source, now=now), "automatic backup")
        self._task.succeeded.connect(self._succeeded)
        self._task.failed.connect(self._failed)
        self._task.finished.connect(self._finished)
        self._task.start()

    def _succeeded(self, taken: backups.TakenBackup | None) -> None:
        if taken is not None:
            self.taken.emit(taken)

    def _failed(self, error: JournalError | None) -> None:
        if (
            isinstance(error, DamagedJournalError)
            and self._session.is_open
            and str(getattr(error, "path", "")) == str(self._session.journal.path)
        ):  # the journal's own pages, not the copy's
            self._session.journal.store.damaged = True
        self.failed.emit(
            self.tr("The automatic backup could not be taken: {0}").format(error)
            if error is not None
            else self.tr("The automatic backup could not be taken because of an unexpected problem.")
        )

    def _finished(self) -> None:
        self._task = None
        self._consider()  # changes made while it ran wait for the next interval
