"""Journal-level commands: create, open, the demo, passphrase, backup, about.

What they need of the window is a ``CommandHost``; the window connects its
actions and the welcome and unlock pages' requests to them (and Lock and Quit
to itself).
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from netjournal.paths import JOURNAL_SUFFIX
from netjournal.services.errors import JournalError
from netjournal.services.journal import Journal
from netjournal.services.use_cases import KeychainOutcome
from netjournal.ui.background import BackgroundTask
from netjournal.ui.i18n import tr
from netjournal.ui.shell.file_places import DEMO_FOLDER_PREFIX, beside_journal, journal_folder
from netjournal.ui.widgets import messages

if TYPE_CHECKING:
    from netjournal.ui.shell.command_host import CommandHost

FILE_FILTER = "netjournal journals (*.netjournal *.nj);;All files (*)"
JSON_FILTER = "JSON files (*.json);;All files (*)"
_KEYCHAIN_NOTICES = {
    KeychainOutcome.NOT_REMEMBERED: "Changed the passphrase.",
    KeychainOutcome.UPDATED: "Changed the passphrase, and the one this computer's keychain remembers.",
    KeychainOutcome.REMOVED: "Changed the passphrase. The keychain could not be updated, so it no longer remembers "
    "one: you will be asked next time.",
    KeychainOutcome.STALE: "Changed the passphrase. The keychain could not be updated or cleared and still holds "
    "the old one; remove it there.",
}


def passphrase_changed_notice(outcome: KeychainOutcome) -> str:
    return tr(_KEYCHAIN_NOTICES[outcome])


def demo_passphrase() -> str:
    """Readable but unguessable, so it can be shown and typed back."""
    return "-".join(secrets.token_hex(3) for _ in range(4))


class JournalCommands(QObject):
    demoOpened = Signal(Path, str)  # the demo journal and its passphrase, for the unlock screen after a lock

    def __init__(self, host: CommandHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self._demo_folders: list[Path] = []
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._remove_demo_folders)

    def create_journal(self) -> None:
        from netjournal.ui.dialogs.create_journal import CreateJournalDialog

        dialog = CreateJournalDialog(self.host.dialog_parent(), kdf_iter=self.host.kdf_iter)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._attach_created(dialog))
        dialog.open()

    def _attach_created(self, dialog: object) -> None:
        journal = getattr(dialog, "journal", None)
        if journal is not None:
            self.host.session.detach()
            self.host.attach(journal)

    def choose_journal(self) -> None:
        start = str(journal_folder(self.host.journal_path))
        path, _ = QFileDialog.getOpenFileName(self.host.dialog_parent(), tr("Open a journal"), start, tr(FILE_FILTER))
        if path:
            self.host.session.detach()
            self.host.show_unlock(Path(path))

    def open_demo(self) -> Journal | None:
        """Create a fresh small demo journal in a temporary folder, open it, show its passphrase."""
        from netjournal.services.demo import create_demo_journal

        passphrase = demo_passphrase()
        folder: Path | None = None
        journal: Journal | None = None
        failure = ""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            folder = Path(tempfile.mkdtemp(prefix=DEMO_FOLDER_PREFIX))
            path = folder / f"demo{JOURNAL_SUFFIX}"
            create_demo_journal(path, passphrase, "small", kdf_iter=self.host.kdf_iter)
            journal = Journal.open(path, passphrase, kdf_iter=self.host.kdf_iter)
        except JournalError as error:
            failure = str(error)
        except OSError as error:  # no temporary folder to put it in
            failure = tr("Could not make a folder for it in {0} ({1}).").format(
                tempfile.gettempdir(), error.strerror or type(error).__name__
            )
        finally:
            QApplication.restoreOverrideCursor()
        if journal is None or folder is None:
            # The journal that was open (if any) stays open and shown; the half-made demo goes now.
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            messages.show_error(self.host.dialog_parent(), tr("Could not create the demo"), failure)
            return None
        self._demo_folders.append(folder)
        self.host.session.detach()
        self.host.attach(journal)
        self.host.show_notice(
            tr(
                "This is a demo journal with invented people, in {folder}. Its passphrase is {passphrase} — "
                "you need it after locking (Ctrl+L). The folder is removed when netjournal quits."
            ).format(folder=folder, passphrase=passphrase)
        )
        self.demoOpened.emit(journal.path, passphrase)
        return journal

    def _remove_demo_folders(self) -> None:
        self.host.session.detach()
        for folder in self._demo_folders:
            shutil.rmtree(folder, ignore_errors=True)
        self._demo_folders.clear()

    def change_passphrase(self) -> None:
        from netjournal.ui.dialogs.passphrase_dialog import ChangePassphraseDialog

        if self.host.session.is_open:
            dialog = ChangePassphraseDialog(self.host.session, self.host.dialog_parent())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self.host.show_notice(passphrase_changed_notice(dialog.keychain_outcome)))
            dialog.open()

    def backup(self) -> None:
        """Journal → Back up to a file…: an encrypted copy where the user chooses, taken on a worker."""
        if not self.host.session.is_open:
            return
        journal = self.host.session.journal
        suggested = beside_journal(journal.path, f"{journal.path.stem}-backup{journal.path.suffix}")
        path, _ = QFileDialog.getSaveFileName(
            self.host.dialog_parent(), tr("Back up the journal"), str(suggested), tr(FILE_FILTER)
        )
        if not path:
            return
        from netjournal.store.snapshot import write_snapshot

        destination = Path(path).expanduser().absolute()
        source = journal.snapshot_source()
        self.host.show_notice(tr("Writing an encrypted copy to {0}…").format(destination))
        task = BackgroundTask(lambda: write_snapshot(source, destination), "a backup to a file")
        task.succeeded.connect(
            lambda _held: self.host.show_notice(
                tr("An encrypted copy is at {0}. It opens with the same passphrase.").format(destination)
            )
        )
        task.failed.connect(lambda error: self._backup_failed(error))
        task.start()
        self.backup_task = task

    def _backup_failed(self, error: JournalError | None) -> None:
        self.host.show_notice("")
        messages.show_error(
            self.host.dialog_parent(),
            tr("Backup failed"),
            str(error) if error is not None else tr("Something unexpected went wrong; no copy was written."),
        )

    def show_backups(self) -> None:
        """Journal → Backups…: the automatic backups, a preview of each, and restore."""
        if not self.host.session.is_open:
            return
        from netjournal.ui.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.host.session, self.host.dialog_parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._restored(dialog.restored))
        dialog.open()
        self.backups_dialog = dialog

    def _restored(self, done: object) -> None:
        kept = getattr(done, "kept", None)
        if kept is not None:
            self.host.show_notice(
                tr("Restored the backup. The journal as it was is kept as {0}.").format(kept.file.path.name)
            )

    def export_json(self) -> None:
        """Journal → Export → JSON…: the whole journal as plaintext, where the user chooses."""
        if not self.host.session.is_open:
            return
        journal = self.host.session.journal
        parent = self.host.dialog_parent()
        suggested = beside_journal(journal.path, f"{journal.path.stem}.json")
        path, _ = QFileDialog.getSaveFileName(parent, tr("Export the journal as JSON"), str(suggested), tr(JSON_FILTER))
        if not path:
            return
        from netjournal.exports.json_export import export_json

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = export_json(journal, Path(path))
        except JournalError as error:
            messages.show_error(parent, tr("Export failed"), str(error))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.host.show_notice(
            tr("Exported everything to {0}. That file is not encrypted: keep it somewhere safe.").format(written)
        )

    def about(self) -> QDialog:
        from netjournal.paths import default_journal_path
        from netjournal.ui.dialogs.about_dialog import AboutDialog

        journal = self.host.journal_path
        dialog = AboutDialog(default_journal_path().parent, journal, self.host.dialog_parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # not exec(): the window goes on (and can lock) behind it
        return dialog

    def explain(self) -> None:
        from netjournal.ui.shell.explain import explanation

        messages.show_info(self.host.dialog_parent(), tr("How hints and scores are worked out"), explanation())
