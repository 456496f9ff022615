"""Journal → Import…: what a file would add, update and skip, then the import itself, off the GUI thread.

The file is read and matched on a worker (a file of 8,000 cards takes a
moment) and nothing is written until the person presses Import.  The import
is one transaction after a backup; Cancel while it runs rolls it back, so the
journal is either all imported or untouched.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from netjournal.services.contact_import import ImportPlan, PlannedContact, apply_plan
from netjournal.services.errors import JournalError
from netjournal.services.journal import Journal
from netjournal.ui.i18n import tr
from netjournal.ui.models.import_plan_model import ImportPlanModel
from netjournal.ui.session import Session

Progress = Callable[[int, int], None]


class ImportCancelled(JournalError):
    def __init__(self) -> None:
        super().__init__(tr("The import was cancelled; nothing was imported."))


@dataclass
class ImportPreview:
    """What the dialog shows before an import, whatever the kind of file."""

    summary: str
    groups: list[tuple[str, list[PlannedContact]]] = field(default_factory=list)
    refusal: str = ""  # why it cannot be imported at all (nothing to do, a non-empty journal …)
    run: Callable[[Journal, Progress], str] | None = None  # does the import; returns a sentence saying what it did


def contacts_preview(plan: ImportPlan) -> ImportPreview:
    groups = [
        (tr("To add ({0:,})").format(len(plan.added)), plan.added),
        (tr("To update ({0:,})").format(len(plan.updated)), plan.updated),
        (tr("Skipped ({0:,})").format(len(plan.skipped)), plan.skipped),
    ]

    def run(journal: Journal, progress: Progress) -> str:
        result = apply_plan(journal, plan, progress=progress)
        said = tr("Imported {0:,} new people and updated {1:,}; {2:,} entries were skipped.").format(
            result.added, result.updated, result.skipped
        )
        if result.backup is not None:
            said += " " + tr("The journal as it was is kept as the backup {0}.").format(result.backup.name)
        return said

    refusal = "" if plan.writes_anything else tr("Nothing to import: the journal already holds everything in it.")
    return ImportPreview(plan.summary() + ".", groups, refusal, None if refusal else run)


class _ProgressRelay(QObject):
    """Carries the worker's progress to the GUI thread (queued: the signal is emitted on the worker)."""

    moved = Signal(int, int)


class ImportDialog(QDialog):
    """Shows the preview that ``prepare(journal)`` builds, then runs the import it offers."""

    imported = Signal(str)  # the sentence saying what was done

    def __init__(
        self, session: Session, path: Path, prepare: Callable[[Journal], ImportPreview], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(tr("Import {0}").format(path.name))
        self.setAccessibleName(self.windowTitle())
        self.resize(820, 560)
        self.session = session
        self.path = path
        self.preview: ImportPreview | None = None
        self._cancel = threading.Event()
        self._running = False
        self._relay = _ProgressRelay(self)
        self._relay.moved.connect(self._moved, Qt.ConnectionType.QueuedConnection)

        self.heading = QLabel(tr("Reading {0}…").format(path))
        self.heading.setObjectName("importHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setAccessibleName(tr("Import progress"))
        self.progress.setRange(0, 0)
        self.groups = QTabWidget()
        self.groups.setObjectName("importGroups")
        self.groups.setAccessibleName(tr("What the import will do"))
        self.groups.hide()
        # The table cuts long reasons to one line; the chosen row's whole reason is read here.
        self.detail = QLabel()
        self.detail.setObjectName("importDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.hide()
        self.groups.currentChanged.connect(lambda _index: self._show_detail())
        self.note = QLabel(
            tr("Nothing is written until you press Import. A backup of the journal is taken first, and the "
               "import is all or nothing. People already in the journal are matched by email, profile address, "
               "or name and organisation; only their empty fields are filled in.")
        )  # fmt: skip
        self.note.setObjectName("importNote")
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton(tr("&Import"))
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setObjectName("importCancelButton")
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.progress)
        layout.addWidget(self.groups, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self._start(lambda journal: prepare(journal), self._previewed, "reading an import")

    # -- running on the worker -------------------------------------------------------

    def _start(self, work: Callable[[Journal], object], done: Callable[[object], None], name: str) -> None:
        self._running = True
        task = self.session.busy_with(work, name)
        task.succeeded.connect(done)
        task.failed.connect(self._failed)

    def _failed(self, error: object) -> None:
        self._running = False
        if self._cancel.is_set() and self.preview is None:
            super().reject()  # cancelled while reading: there is nothing to show
            return
        self.progress.hide()
        message = str(error) if error is not None else tr("Something went wrong; nothing was imported.")
        self.heading.setText(message)
        self.import_button.setEnabled(False)
        self.close_button.setText(tr("Close"))

    # -- the preview ---------------------------------------------------------------

    def _previewed(self, preview: object) -> None:
        assert isinstance(preview, ImportPreview)
        self._running = False
        if self._cancel.is_set():
            super().reject()  # cancelled while the file was being read
            return
        self.preview = preview
        self.progress.hide()
        self.heading.setText(tr("{0}: {1}").format(self.path.name, preview.summary))
        for title, entries in preview.groups:
            self.groups.addTab(self._table(entries, title), title)
        self.groups.setVisible(bool(preview.groups))
        self._show_detail()
        for number, (_title, entries) in enumerate(preview.groups):
            if entries:
                self.groups.setCurrentIndex(number)
                break
        if preview.refusal:
            self.heading.setText(f"{self.heading.text()}\n{preview.refusal}")
            self.close_button.setText(tr("Close"))
            return
        self.import_button.setEnabled(preview.run is not None)
        self.import_button.setDefault(True)
        self.import_button.setFocus()

    def _table(self, entries: list[PlannedContact], title: str) -> QTableView:
        view = QTableView()
        view.setObjectName(f"importTable{len(self.groups.children())}")
        view.setAccessibleName(title)
        view.setModel(ImportPlanModel(entries, view))
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 220)
        header.setStretchLastSection(True)
        selection = view.selectionModel()
        selection.currentRowChanged.connect(lambda *_: self._show_detail())
        if entries:
            view.setCurrentIndex(view.model().index(0, 0))
        return view

    def _show_detail(self) -> None:
        view = self.groups.currentWidget()
        index = view.currentIndex() if isinstance(view, QTableView) else None
        if index is None or not index.isValid():
            self.detail.hide()
            return
        model = view.model()
        row = index.row()
        where, name, what = (model.index(row, column).data() for column in range(3))
        self.detail.setText(f"{where} · {name}: {what}")
        self.detail.show()

    # -- the import ---------------------------------------------------------------

    def start_import(self) -> None:
        if self.preview is None or self.preview.run is None or self._running:
            return
        run = self.preview.run
        self.import_button.setEnabled(False)
        self.groups.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.heading.setText(tr("Importing… (a backup of the journal first)"))
        cancel, relay = self._cancel, self._relay

        def progress(done: int, total: int) -> None:
            if cancel.is_set():
                raise ImportCancelled()  # inside the transaction: everything before it is rolled back
            relay.moved.emit(done, total)

        self._start(lambda journal: run(journal, progress), self._imported, "an import")

    def _moved(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.heading.setText(tr("Importing… {0:,} of {1:,}").format(done, total))

    def _imported(self, said: object) -> None:
        self._running = False
        self.progress.hide()
        self.groups.setEnabled(True)
        self.heading.setText(str(said))
        self.close_button.setText(tr("Close"))
        self.close_button.setFocus()
        self.imported.emit(str(said))

    def reject(self) -> None:
        if self._running:
            # The worker is using the journal: ask it to stop at its next step instead of leaving it.
            self._cancel.set()
            self.heading.setText(tr("Cancelling…"))
            return
        super().reject()
