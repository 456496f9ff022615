"""The window's side of one journal on several computers: merging another copy, and where the journal is kept.

Journal → Merge another copy… opens ``MergeCopyDialog`` on a file chosen by
hand (a sync tool's conflicting copy, an old laptop's journal).  On every
unlock the journal's place is looked at: a folder a sync tool copies, or
conflicting copies beside it, is said in the info bar (``services.sync_guards``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog

from netjournal.services.sync_guards import conflict_copies, looks_synced
from netjournal.ui.dialogs.merge_copy_dialog import MergeCopyDialog
from netjournal.ui.dialogs.sync_dialog import SyncDialog
from netjournal.ui.i18n import tr
from netjournal.ui.shell.file_places import journal_folder
from netjournal.ui.shell.sync_controller import SyncController

if TYPE_CHECKING:
    from netjournal.ui.shell.actions import WindowActions
    from netjournal.ui.shell.main_window import MainWindow

JOURNAL_FILTER = "netjournal journals (*.netjournal);;All files (*)"


def place_warnings(path: Path) -> list[str]:
    """What the window says about where the journal at ``path`` is kept; nothing when all is well."""
    said = []
    tool = looks_synced(path)
    if tool is not None:
        said.append(
            tr(
                "This journal is in a folder {0} copies. A sync tool copying the live journal can damage it or split"
                " it into conflicting copies: keep the journal outside, and let netjournal write its own change files"
                " to a sync folder instead."
            ).format(tool)
        )
    copies = conflict_copies(path)
    if copies:
        names = ", ".join(f"“{copy.name}”" for copy in copies[:3]) + (" …" if len(copies) > 3 else "")
        said.append(
            tr(
                "A sync tool left {0} conflicting copies of this journal beside it ({1}): merge them in with"
                " Journal → Merge another copy…, then remove them."
            ).format(len(copies), names)
            if len(copies) > 1
            else tr(
                "A sync tool left a conflicting copy of this journal beside it ({0}): merge it in with"
                " Journal → Merge another copy…, then remove it."
            ).format(names)
        )
    return said


class SyncCommands(QObject):
    def __init__(self, host: MainWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.dialog: MergeCopyDialog | None = None
        self.controller = SyncController(host, self)
        host.session.opened.connect(self._look_at_the_place)

    def wire(self, actions: WindowActions) -> None:
        actions.merge_copy.triggered.connect(self.choose_and_merge)
        actions.sync.triggered.connect(self.show_sync)

    def show_sync(self) -> SyncDialog | None:
        """Journal → Sync…: the folder, this computer, what the last sync did, and Sync now."""
        if not self.host.session.is_open:
            return None
        dialog = SyncDialog(self.controller, self.host.dialog_parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _look_at_the_place(self) -> None:
        session = self.host.session
        if session.is_open:
            for warning in place_warnings(session.journal.path):
                self.host.info.add_line(warning)  # beside the due loops and the demo's passphrase

    def choose_and_merge(self) -> None:
        session = self.host.session
        if not session.is_open or session.busy:
            return
        start = journal_folder(session.journal.path)
        path, _ = QFileDialog.getOpenFileName(
            self.host.dialog_parent(), tr("Merge another copy of this journal"), str(start), tr(JOURNAL_FILTER)
        )
        if path:
            self.merge_copy(Path(path))

    def merge_copy(self, path: Path) -> MergeCopyDialog | None:
        """Open the merge dialog on ``path`` (the file dialog's choice, or a test's)."""
        session = self.host.session
        if not session.is_open or session.busy:
            return None
        dialog = MergeCopyDialog(session, path, self.host.dialog_parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: MergeCopyDialog) -> None:
        report = dialog.merged
        self.dialog = None
        if report is None:
            return
        added, updated, deleted = report.totals()
        self.host.show_notice(
            tr(
                "Merged {0}: {1} added, {2} updated, {3} deleted; {4} conflicts decided, the other versions kept."
            ).format(
                dialog.path.name,
                sum(added.values()),
                sum(updated.values()),
                sum(deleted.values()),
                len(report.conflicts),
            )
        )
