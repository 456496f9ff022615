"""Journal → Import… and Journal → Export → vCard…: contacts in and out of the window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from netjournal.services.errors import JournalError
from netjournal.services.journal import Journal
from netjournal.ui.dialogs.import_dialog import ColumnMapping, ImportDialog, ImportPreview, contacts_preview
from netjournal.ui.i18n import tr
from netjournal.ui.shell.file_places import beside_journal
from netjournal.ui.widgets import messages

if TYPE_CHECKING:
    from netjournal.ui.shell.actions import WindowActions
    from netjournal.ui.shell.command_host import CommandHost

IMPORT_FILTER = (
    "Contacts and netjournal exports (*.vcf *.vcard *.csv *.json);;vCard files (*.vcf *.vcard);;"
    "CSV files, LinkedIn's Connections.csv among them (*.csv);;netjournal JSON exports (*.json);;All files (*)"
)
VCARD_FILTER = "vCard files (*.vcf);;All files (*)"


def preview_for(journal: Journal, path: Path, mapping: ColumnMapping | None = None) -> ImportPreview:
    """Read and match the file: the preview the import dialog shows (runs on a worker).

    ``mapping`` says what a CSV file's columns hold, as the dialog's Columns tab chose.
    """
    from netjournal.imports.detect import detect_format, read_contacts
    from netjournal.services.contact_import import plan_import

    file_format = detect_format(path)
    if file_format == "json":
        from netjournal.ui.dialogs.json_import_preview import json_preview

        return json_preview(journal, path)
    if file_format == "csv":
        return _csv_preview(journal, path, mapping or {})
    return contacts_preview(plan_import(journal, read_contacts(path, file_format)))


def _csv_preview(journal: Journal, path: Path, mapping: ColumnMapping) -> ImportPreview:
    from netjournal.imports.csv_contacts import NoNameColumnError, read_csv_columns, read_csv_contacts
    from netjournal.services.contact_import import plan_import

    columns = read_csv_columns(path)
    try:
        parsed = read_csv_contacts(path, mapping)
    except NoNameColumnError:
        # Not a dead end: the dialog's Columns tab asks which column holds the name.
        return ImportPreview(tr("Which column holds the name?"), columns=columns, name_missing=True)
    preview = contacts_preview(plan_import(journal, parsed))
    preview.columns = columns
    return preview


def _downloads_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    return Path(found) if found else Path.home()


class ImportCommands(QObject):
    def __init__(self, host: CommandHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.dialog: ImportDialog | None = None

    def wire(self, actions: WindowActions) -> None:
        actions.export_vcard.triggered.connect(self.export_vcard)
        actions.import_file.triggered.connect(self.choose_and_import)

    def choose_and_import(self) -> None:
        session = self.host.session
        if not session.is_open or session.busy:
            return
        parent = self.host.dialog_parent()
        path, _ = QFileDialog.getOpenFileName(
            parent, tr("Import contacts or a netjournal export"), str(_downloads_folder()), tr(IMPORT_FILTER)
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> ImportDialog | None:
        """Open the import dialog on ``path`` (the file dialog's choice, or a test's)."""
        session = self.host.session
        if not session.is_open or session.busy:
            return None
        dialog = ImportDialog(
            session, path, lambda journal, mapping: preview_for(journal, path, mapping), self.host.dialog_parent()
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self.host.show_notice)
        dialog.destroyed.connect(self._forget_dialog)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget_dialog(self) -> None:
        self.dialog = None

    def export_vcard(self) -> None:
        """Everyone's name, organisation and contact details as a vCard file, for a phone or a mail program."""
        session = self.host.session
        if not session.is_open or session.busy:
            return
        journal = session.journal
        parent = self.host.dialog_parent()
        suggested = beside_journal(journal.path, f"{journal.path.stem}-contacts.vcf")
        path, _ = QFileDialog.getSaveFileName(parent, tr("Export contacts as vCard"), str(suggested), tr(VCARD_FILTER))
        if not path:
            return
        from netjournal.exports.contacts_file import write_contacts_file

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            _written, count = write_contacts_file(journal, Path(path))
        except JournalError as error:
            messages.show_error(parent, tr("Export failed"), str(error))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.host.show_notice(
            tr("Exported {0:,} contacts to {1}. That file is not encrypted: keep it somewhere safe.").format(
                count, path
            )
        )
