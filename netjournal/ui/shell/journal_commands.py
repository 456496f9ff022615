"""Journal-level commands: create, open, the demo, lock, passphrase, backup, about."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from netjournal import __version__
from netjournal.paths import JOURNAL_SUFFIX
from netjournal.services.errors import JournalError
from netjournal.services.journal import Journal
from netjournal.ui.i18n import tr
from netjournal.ui.widgets import messages

if TYPE_CHECKING:
    from netjournal.ui.shell.main_window import MainWindow

FILE_FILTER = "netjournal journals (*.netjournal *.nj);;All files (*)"


def demo_passphrase() -> str:
    """Readable but unguessable, so it can be shown and typed back."""
    return "-".join(secrets.token_hex(3) for _ in range(4))


class JournalCommands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._demo_folders: list[Path] = []
        a = window.window_actions
        a.new_journal.triggered.connect(self.create_journal)
        a.open_journal.triggered.connect(self.choose_journal)
        a.open_demo.triggered.connect(self.open_demo)
        a.lock.triggered.connect(window.lock)
        a.change_passphrase.triggered.connect(self.change_passphrase)
        a.backup.triggered.connect(self.backup)
        a.quit.triggered.connect(window.close)
        a.about.triggered.connect(self.about)
        a.explain.triggered.connect(self.explain)
        window.welcome.createRequested.connect(self.create_journal)
        window.welcome.openRequested.connect(self.choose_journal)
        window.welcome.demoRequested.connect(self.open_demo)
        window.unlock.openAnotherRequested.connect(self.choose_journal)
        window.unlock.createRequested.connect(self.create_journal)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._remove_demo_folders)

    def create_journal(self) -> None:
        from netjournal.ui.dialogs.create_journal import CreateJournalDialog

        dialog = CreateJournalDialog(self.window, kdf_iter=self.window.kdf_iter)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._attach_created(dialog))
        dialog.open()

    def _attach_created(self, dialog: object) -> None:
        journal = getattr(dialog, "journal", None)
        if journal is not None:
            self.window.session.detach()
            self.window.attach(journal)

    def choose_journal(self) -> None:
        start = str(self.window.journal_path.parent) if self.window.journal_path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self.window, tr("Open a journal"), start, tr(FILE_FILTER))
        if path:
            self.window.session.detach()
            self.window.show_unlock(Path(path))

    def open_demo(self) -> Journal | None:
        """Create a fresh small demo journal in a temporary folder, open it, show its passphrase."""
        from netjournal.services.demo import create_demo_journal

        folder = Path(tempfile.mkdtemp(prefix="netjournal-demo-"))
        self._demo_folders.append(folder)
        path = folder / f"demo{JOURNAL_SUFFIX}"
        passphrase = demo_passphrase()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            create_demo_journal(path, passphrase, "small", kdf_iter=self.window.kdf_iter)
            journal = Journal.open(path, passphrase, kdf_iter=self.window.kdf_iter)
        except JournalError as error:
            messages.show_error(self.window, tr("Could not create the demo"), str(error))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.window.session.detach()
        self.window.attach(journal)
        self.window.info.show_message(
            tr(
                "This is a demo journal with invented people, in {folder}. Its passphrase is {passphrase} — "
                "you need it after locking (Ctrl+L). The folder is removed when netjournal quits."
            ).format(folder=folder, passphrase=passphrase)
        )
        return journal

    def _remove_demo_folders(self) -> None:
        self.window.session.detach()
        for folder in self._demo_folders:
            shutil.rmtree(folder, ignore_errors=True)
        self._demo_folders.clear()

    def change_passphrase(self) -> None:
        from netjournal.ui.dialogs.passphrase_dialog import ChangePassphraseDialog

        if self.window.session.is_open:
            dialog = ChangePassphraseDialog(self.window.session, self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def backup(self) -> None:
        if not self.window.session.is_open:
            return
        journal = self.window.session.journal
        suggested = journal.path.with_name(f"{journal.path.stem}-backup{journal.path.suffix}")
        path, _ = QFileDialog.getSaveFileName(self.window, tr("Back up the journal"), str(suggested), tr(FILE_FILTER))
        if not path:
            return
        try:
            written = journal.backup_to(path)
        except JournalError as error:
            messages.show_error(self.window, tr("Backup failed"), str(error))
            return
        messages.show_info(
            self.window,
            tr("Backup written"),
            tr("An encrypted copy is at {0}. It opens with the same passphrase.").format(written),
        )

    def about(self) -> None:
        messages.show_info(
            self.window,
            tr("About netjournal"),
            tr(
                "netjournal {0}\n\nA private, offline journal of what moves between you and the people you "
                "know. Everything lives in one encrypted file under your passphrase."
            ).format(__version__),
        )

    def explain(self) -> None:
        from netjournal.ui.shell.explain import explanation

        messages.show_info(self.window, tr("How hints and scores are worked out"), explanation())
