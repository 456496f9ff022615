"""What the window keeps across a lock, in memory only: the person shown, and a demo journal's passphrase.

After Ctrl+L (or an idle or screen lock) the unlock screen asks for the
passphrase; once the same journal is unlocked again the window goes back to
the person it was on, instead of starting over at Everyone.  Nothing here is
written to the settings: it lasts as long as the process.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from netjournal.services.people import get_person
from netjournal.services.validation import NotFoundError
from netjournal.ui.session import Session
from netjournal.ui.shell.journal_commands import JournalCommands
from netjournal.ui.shell.unlock import UnlockScreen
from netjournal.ui.shell.workspace import Workspace


class LockMemory(QObject):
    def __init__(
        self,
        session: Session,
        workspace: Workspace,
        unlock: UnlockScreen,
        journals: JournalCommands,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._workspace = workspace
        self._path: Path | None = None  # the journal open now
        self._shown: int | None = None  # the person shown now
        self._return_to: tuple[Path, int] | None = None  # set when a journal closes with a person shown
        journals.demoOpened.connect(unlock.know_demo)
        workspace.selectionChanged.connect(self._selection_changed)
        # Connected after the workspace's own handlers, so these run once it has shown Everyone or cleared.
        session.opened.connect(self._opened)
        session.closed.connect(self._closed)

    def _selection_changed(self) -> None:
        if self._session.is_open:
            self._shown = self._workspace.timeline.model.person_id

    def _closed(self) -> None:
        if self._path is not None and self._shown is not None:
            self._return_to = (self._path, self._shown)
        self._path = self._shown = None

    def _opened(self) -> None:
        self._path = self._session.journal.path.absolute()
        wanted, self._return_to = self._return_to, None
        if wanted is not None and wanted[0] == self._path:
            # After the contact list's first load, which the opening also starts.
            QTimer.singleShot(0, self, lambda: self._return(wanted[1]))

    def _return(self, person_id: int) -> None:
        if not self._session.is_open:
            return
        try:
            get_person(self._session.journal, person_id)
        except NotFoundError:
            return  # gone since (another window, a restore): Everyone it is
        self._workspace.select_person(person_id)
