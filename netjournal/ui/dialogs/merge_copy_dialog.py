"""Merge another copy of the open journal (a sync tool's conflicting copy, an old laptop's file): preview, then merge.

The copy is read, never written.  Its passphrase is asked for (it is the
journal's own unless it was changed on one side); a preview merges inside a
transaction that is rolled back, and only Merge writes, on a worker, after a
backup.  What came in, and how each conflict was decided, is listed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netjournal.services.journal import Journal
from netjournal.services.sync_merge import merge_journal
from netjournal.services.sync_report import MergeReport, report_lines
from netjournal.ui.dialogs.form_support import name_widget
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session
from netjournal.ui.widgets.common import secret_field


class MergeCopyDialog(QDialog):
    """Preview (Enter in the passphrase), then Merge; ``merged`` holds the report once it is done."""

    def __init__(self, session: Session, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.path = session, path
        self.merged: MergeReport | None = None
        self._previewed_with: str | None = None
        self.setObjectName("mergeCopyDialog")
        self.setWindowTitle(tr("Merge another copy"))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(560)
        intro = QLabel(
            tr(
                "Changes in “{0}” are merged into this journal by identity: what is new comes in, a row changed in "
                "both keeps the newer version and the other goes into the entry's history, nothing is lost. The copy "
                "itself is only read."
            ).format(path.name),
            self,
        )
        intro.setWordWrap(True)
        self.passphrase = secret_field(self, "mergeCopyPassphrase", tr("The copy's passphrase"))
        self.passphrase.setPlaceholderText(tr("Usually this journal's own"))
        self.passphrase.returnPressed.connect(self.preview)
        form = QFormLayout()
        form.addRow(tr("Copy's &passphrase"), self.passphrase)
        self.report_view = QPlainTextEdit(self)
        name_widget(self.report_view, "mergeCopyReport", tr("What the merge brings"))
        self.report_view.setReadOnly(True)
        self.report_view.setPlaceholderText(tr("Enter the passphrase and press Enter to see what would come in."))
        self.error = QLabel(self)
        name_widget(self.error, "mergeCopyError", tr("Error"))
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        self.buttons = QDialogButtonBox(self)
        self.preview_button: QPushButton = self.buttons.addButton(
            tr("Pre&view"), QDialogButtonBox.ButtonRole.ActionRole
        )
        name_widget(self.preview_button, "mergeCopyPreview", tr("Preview"))
        self.merge_button: QPushButton = self.buttons.addButton(tr("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        name_widget(self.merge_button, "mergeCopyMerge", tr("Merge"))
        self.merge_button.setEnabled(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        name_widget(self.close_button, "mergeCopyClose", tr("Cancel"))
        self.preview_button.clicked.connect(self.preview)
        self.merge_button.clicked.connect(self.merge)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.passphrase.setFocus()

    def _run(self, dry_run: bool, done: Callable[[MergeReport], None]) -> None:
        if self.session.busy:
            self._show_error(tr("The journal is busy with other work; try again in a moment."))
            return
        secret, path = self.passphrase.text(), self.path

        def work(journal: Journal) -> MergeReport:
            return merge_journal(journal, path, secret, dry_run=dry_run)

        self._set_working(True)
        task = self.session.busy_with(work, "merging another copy")
        task.succeeded.connect(lambda report: self._finished(report, done))
        task.failed.connect(self._failed)

    def preview(self) -> None:
        self._previewed_with = self.passphrase.text()
        self._run(True, self._show_preview)

    def merge(self) -> None:
        if self._previewed_with != self.passphrase.text():
            self.preview()  # what is merged is what was shown
            return
        self._run(False, self._show_merged)

    def _finished(self, report: MergeReport, done: Callable[[MergeReport], None]) -> None:
        self._set_working(False)
        done(report)

    def _show_preview(self, report: MergeReport) -> None:
        self.error.hide()
        self.report_view.setPlainText("\n".join(report_lines(report)))
        self.merge_button.setEnabled(report.changed)
        if report.changed:
            self.merge_button.setDefault(True)
            self.merge_button.setFocus()
        else:
            self.report_view.appendPlainText(tr("This journal already holds everything the copy has."))

    def _show_merged(self, report: MergeReport) -> None:
        self.merged = report
        self.report_view.setPlainText("\n".join(report_lines(report)))
        self.merge_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self.close_button.setText(tr("Close"))
        self.close_button.setFocus()

    def _failed(self, error: object) -> None:
        self._set_working(False)
        self.merge_button.setEnabled(False)
        self._show_error(str(error) if error is not None else tr("Something went wrong; nothing was merged."))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.passphrase.setFocus()
        self.passphrase.selectAll()

    def _set_working(self, working: bool) -> None:
        for widget in (self.passphrase, self.preview_button, self.merge_button, self.close_button):
            widget.setEnabled(not working)

    def reject(self) -> None:
        if self.session.busy and not self.passphrase.isEnabled():
            return  # a merge runs: it finishes (or rolls back) before the dialog may go
        self.passphrase.clear()
        super().reject()

    def done(self, result: int) -> None:
        self.passphrase.clear()  # the secret does not outlive the dialog
        super().done(result)
