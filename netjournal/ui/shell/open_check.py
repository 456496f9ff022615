"""After every unlock, a check of the journal's pages in the background.

Reading every page of a large journal takes about a second, too long to wait
for before the window shows; so the window opens at once and the check runs
on a connection of its own.  When it finds damage, the journal is marked so
(it takes no more writes) and the window says so, with the newest backup.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from netjournal.services import backup_choices, backups
from netjournal.store.snapshot import quick_check
from netjournal.ui.background import BackgroundTask
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session


class OpenCheck(QObject):
    """``damaged(message)`` when the journal just opened fails its check; ``sound()`` when it passes."""

    damaged = Signal(str)
    sound = Signal()

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._task: BackgroundTask | None = None
        self.damaged_found = False
        self.checked_sound = False
        session.opened.connect(self.start)

    @property
    def running(self) -> bool:
        return self._task is not None

    def start(self) -> None:
        if not self._session.is_open:
            return
        self.damaged_found = self.checked_sound = False
        journal = self._session.journal
        source = journal.snapshot_source()
        task = BackgroundTask(lambda: quick_check(source), "the check after opening")
        task.succeeded.connect(lambda problems, path=journal.path: self._checked(path, problems))
        task.finished.connect(self._finished)
        self._task = task
        task.start()

    def _finished(self) -> None:
        self._task = None

    def _checked(self, path: object, problems: list[str]) -> None:
        if not self._session.is_open or self._session.journal.path != path:
            return  # locked or another journal meanwhile
        if not problems:
            self.checked_sound = True
            self.sound.emit()
            return
        self._session.journal.store.damaged = True
        self.damaged_found = True
        journal = self._session.journal
        newest = next(iter(backups.list_backups(journal.path, backup_choices.journal_place(journal))), None)
        text = tr(
            "This journal is damaged: {0} of its checks failed. You can read it, but nothing more will be "
            "written into it."
        ).format(len(problems))
        if newest is not None:
            when = newest.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
            text += " " + tr("The newest backup is from {0}; Journal → Backups… restores it.").format(when)
        else:
            text += " " + tr("There is no backup of it; keep the file as it is and ask for help.")
        self.damaged.emit(text)
