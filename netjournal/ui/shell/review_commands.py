"""People → Brief as PDF… and Journal → Review a period…: PDFs written where the user chooses, off the GUI thread.

Each is plaintext the user asked for: it is written only at the path chosen
in the file dialog (which has already asked before replacing a file), and
offered to open with the desktop's PDF viewer.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QProgressDialog

from netjournal.services import people
from netjournal.services.errors import JournalError
from netjournal.ui.i18n import tr
from netjournal.ui.widgets import messages

if TYPE_CHECKING:
    from netjournal.ui.shell.command_host import CommandHost

PDF_FILTER = "PDF documents (*.pdf);;All files (*)"


def _documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def period_suggestions(today: dt.date) -> list[str]:
    """This year, last year, this and last quarter, this and last month: what a review is usually of."""
    quarter = (today.month - 1) // 3 + 1
    last_quarter = (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)
    last_month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return [
        str(today.year),
        str(today.year - 1),
        f"{today.year}-Q{quarter}",
        f"{last_quarter[0]}-Q{last_quarter[1]}",
        f"{today.year}-{today.month:02d}",
        f"{last_month[0]}-{last_month[1]:02d}",
    ]


class ReviewCommands(QObject):
    def __init__(self, host: CommandHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.progress: QProgressDialog | None = None
        self.written: Path | None = None

    def brief_person(self, person_id: int | None = None, destination: Path | None = None) -> None:
        """Ask where (unless ``destination`` is given), then write the brief on a worker."""
        session = self.host.session
        person_id = person_id if person_id is not None else self.host.current_person_id()
        if not session.is_open or session.busy:
            return
        parent = self.host.dialog_parent()
        if person_id is None:
            messages.show_info(parent, tr("Choose a person"), tr("Select the person the brief is about."))
            return
        from netjournal.exports.person_brief_pdf import slug

        today = dt.date.today()
        name = people.person_name(session.journal, person_id)
        if destination is None:
            suggested = _documents_folder() / f"brief-{slug(name)}-{today.isoformat()}.pdf"
            chosen, _ = QFileDialog.getSaveFileName(
                parent, tr("Write a brief on {0}").format(name), str(suggested), tr(PDF_FILTER)
            )
            if not chosen:
                return
            destination = Path(chosen)
        target = destination

        def work(journal: object) -> Path:
            from netjournal.exports.person_brief_pdf import write_brief_pdf
            from netjournal.services.brief import person_brief

            brief = person_brief(journal, person_id, today)  # type: ignore[arg-type]
            # The file dialog asked before replacing an existing file.
            return write_brief_pdf(brief, target, force=True)

        self._show_progress(tr("Writing the brief on {0}…").format(name))
        task = session.busy_with(work, "a person brief")
        task.succeeded.connect(self._written)
        task.failed.connect(self._failed)

    def review_period(self, period_text: str | None = None, destination: Path | None = None) -> None:
        """Ask for the period (suggestions: this and last year, quarter, month) and where, then write it."""
        from netjournal.services.periods import parse_period
        from netjournal.services.validation import ValidationError

        session = self.host.session
        if not session.is_open or session.busy:
            return
        parent = self.host.dialog_parent()
        today = dt.date.today()
        while True:
            if period_text is None:
                text, ok = QInputDialog.getItem(
                    parent,
                    tr("Review a period"),
                    tr("A year (2026), quarter (2026-Q3), month (2026-03) or range (2026-01-01..2026-06-30):"),
                    period_suggestions(today),
                    0,
                    True,
                )
                if not ok:
                    return
            else:
                text = period_text
            try:
                period = parse_period(text, today)
                break
            except ValidationError as error:
                messages.show_error(parent, tr("Not a period"), error.message)
                if period_text is not None:
                    return
        if destination is None:
            from netjournal.exports.period_review_pdf import default_file_name

            suggested = _documents_folder() / default_file_name(period)
            chosen, _ = QFileDialog.getSaveFileName(
                parent, tr("Write the review of {0}").format(period.title), str(suggested), tr(PDF_FILTER)
            )
            if not chosen:
                return
            destination = Path(chosen)
        target = destination

        def work(journal: object) -> Path:
            from netjournal.exports.period_review_pdf import write_review_pdf
            from netjournal.services.period_review import period_review

            review = period_review(journal, period, today)  # type: ignore[arg-type]
            return write_review_pdf(review, target, force=True)

        self._show_progress(tr("Writing the review of {0}…").format(period.title))
        task = session.busy_with(work, "a period review")
        task.succeeded.connect(self._written)
        task.failed.connect(self._failed)

    def _show_progress(self, text: str) -> None:
        progress = QProgressDialog(text, "", 0, 0, self.host.dialog_parent())
        progress.setObjectName("reviewProgress")
        progress.setWindowTitle(tr("Writing a PDF"))
        progress.setCancelButton(None)  # a half-written PDF is never kept: there is nothing to cancel into
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.show()
        self.progress = progress

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _written(self, path: Path) -> None:
        self._close_progress()
        self.written = path
        self.host.show_notice(tr("Wrote {0}. It is not encrypted: keep it somewhere safe.").format(path))
        box = QMessageBox(
            QMessageBox.Icon.Information,
            tr("PDF written"),
            tr("Wrote {0}.").format(path),
            QMessageBox.StandardButton.Close,
            self.host.dialog_parent(),
        )
        box.setObjectName("pdfWritten")
        open_button = box.addButton(tr("&Open it"), QMessageBox.ButtonRole.AcceptRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda _r: (
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))) if box.clickedButton() is open_button else None
            )
        )
        box.open()

    def _failed(self, error: JournalError | None) -> None:
        self._close_progress()
        messages.show_error(
            self.host.dialog_parent(),
            tr("The PDF was not written"),
            str(error) if error is not None else tr("Something unexpected went wrong; nothing was written."),
        )
