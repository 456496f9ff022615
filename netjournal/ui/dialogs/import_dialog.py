"""Journal → Import…: what a file would add, update and skip, then the import itself, off the GUI thread.

The file is read and matched on a worker (a file of 8,000 cards takes a
moment) and nothing is written until the person presses Import.  The import
is one transaction after a backup; Cancel while it runs rolls it back, so the
journal is either all imported or untouched.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
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

from netjournal.imports.csv_contacts import CsvColumns
from netjournal.services.contact_import import ImportPlan, PlannedContact, apply_plan
from netjournal.services.errors import JournalError
from netjournal.services.journal import Journal
from netjournal.ui.dialogs.import_columns import ImportColumns
from netjournal.ui.i18n import tr
from netjournal.ui.models.import_plan_model import ImportPlanModel
from netjournal.ui.session import Session

Progress = Callable[[int, int], None]
ColumnMapping = Mapping[str, str]  # a CSV column's header to the field it holds, as ``--map`` gives it


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
    columns: CsvColumns | None = None  # a CSV file's columns, whose meaning the person may choose
    name_missing: bool = False  # no column gives a name yet: the person is to choose one


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
    """Shows the preview that ``prepare(journal, mapping)`` builds, then runs the import it offers.

    For a CSV file the preview carries its columns: a Columns tab lets the
    person say what each holds, and every change prepares the preview again
    with that mapping (on the worker, after the choices rest a moment).
    """

    imported = Signal(str)  # the sentence saying what was done

    def __init__(
        self,
        session: Session,
        path: Path,
        prepare: Callable[[Journal, ColumnMapping], ImportPreview],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(tr("Import {0}").format(path.name))
        self.setAccessibleName(self.windowTitle())
        self.resize(820, 560)
        self.session = session
        self.path = path
        self.preview: ImportPreview | None = None
        self.prepare = prepare
        self.columns: ImportColumns | None = None  # created with the first preview of a CSV file
        self._replan_waiting = False  # the columns changed while the worker was busy: prepare again after
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
        self._start(lambda journal: prepare(journal, {}), self._previewed, "reading an import")
        session.busy_ended.connect(self._replan_if_waiting)

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
        self._replan_if_waiting()

    # -- the preview ---------------------------------------------------------------

    def _previewed(self, preview: object) -> None:
        assert isinstance(preview, ImportPreview)
        self._running = False
        if self._cancel.is_set():
            super().reject()  # cancelled while the file was being read
            return
        self.preview = preview
        self._show_preview(preview)
        # A change of columns that came while this preview was being read: it is out of date already.
        self._replan_if_waiting()

    def _show_preview(self, preview: ImportPreview) -> None:
        first = self.columns is None
        choosing = self.columns is not None and self.groups.currentWidget() is self.columns
        self.progress.hide()
        self.heading.setText(tr("{0}: {1}").format(self.path.name, preview.summary))
        self._show_groups(preview)
        self._show_detail()
        if preview.name_missing or choosing:
            assert self.columns is not None
            self.groups.setCurrentWidget(self.columns)
        else:
            for title, entries in preview.groups:
                if entries:
                    self.groups.setCurrentIndex(self._group_titles().index(title))
                    break
        if preview.refusal:
            self.heading.setText(f"{self.heading.text()}\n{preview.refusal}")
            self.close_button.setText(tr("Close"))
            return
        self.close_button.setText(tr("Cancel"))
        self.import_button.setEnabled(preview.run is not None)
        self.import_button.setDefault(preview.run is not None)
        if preview.name_missing and first and self.columns is not None:
            next(combo for combo in self.columns.combos if combo.isEnabled()).setFocus()
        elif first:
            self.import_button.setFocus()

    def _show_groups(self, preview: ImportPreview) -> None:
        """The Columns tab (made once, kept across previews) and one tab per group of this preview."""
        if preview.columns is not None and self.columns is None:
            self.columns = ImportColumns(preview.columns)
            self.columns.touched.connect(self._columns_touched)
            self.columns.changed.connect(self._replan)
            self.groups.insertTab(0, self.columns, tr("Columns ({0:,})").format(len(preview.columns.headers)))
        if self.columns is not None:
            self.columns.explain(name_missing=preview.name_missing)
        kept = 1 if self.columns is not None else 0
        while self.groups.count() > kept:
            old = self.groups.widget(kept)
            self.groups.removeTab(kept)
            if old is not None:
                old.deleteLater()
        for title, entries in preview.groups:
            self.groups.addTab(self._table(entries, title), title)
        self.groups.setVisible(self.groups.count() > 0)

    def _group_titles(self) -> list[str]:
        return [self.groups.tabText(number) for number in range(self.groups.count())]

    # -- choosing the columns -------------------------------------------------------

    def _columns_touched(self) -> None:
        # What the tabs say is the old mapping's until the file is read again.
        self.import_button.setEnabled(False)

    def _replan(self) -> None:
        """Read and match the file again with the columns as now chosen."""
        if self.columns is None or self._cancel.is_set():
            return
        if self._running or self.session.busy:
            self._replan_waiting = True
            return
        if not self.session.is_open:
            return
        self._replan_waiting = False
        mapping = self.columns.mapping()
        prepare = self.prepare
        self.import_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.heading.setText(tr("Reading {0} again with the columns as chosen…").format(self.path.name))
        self._start(lambda journal: prepare(journal, mapping), self._previewed, "reading an import again")

    def _replan_if_waiting(self) -> None:
        if self._replan_waiting and not self._running:
            self._replan()

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
        if not isinstance(view, QTableView) or index is None or not index.isValid():
            self.detail.hide()  # the Columns tab, or an empty group
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
        if self._replan_waiting or (self.columns is not None and self.columns.pending):
            return  # the preview is the old columns' until the file is read again
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
