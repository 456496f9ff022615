"""Journal → Backups…: the automatic backups, what each holds, and restoring one.

Listing reads only what the journal noted about each backup; the preview
reads the chosen backup itself (its pages checked, on a worker) while the
journal stays open; a restore runs on a worker too, with the window kept off
the journal until it is done.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netjournal.services import backup_choices, backups, restore
from netjournal.services.backup_catalog import ListedBackup, catalog, size_text
from netjournal.services.errors import JournalError
from netjournal.store.errors import RestoredNotReopenedError, WrongPassphraseError
from netjournal.store.snapshot import Contents
from netjournal.ui.background import BackgroundTask
from netjournal.ui.session import Session
from netjournal.ui.widgets import messages
from netjournal.ui.widgets.common import secret_field

_PATH_ROLE = Qt.ItemDataRole.UserRole


class BackupsDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.setWindowTitle(self.tr("Backups"))
        self.setAccessibleName(self.windowTitle())
        self.resize(760, 560)
        self._session = session
        self._preview: restore.Preview | None = None
        self._task: BackgroundTask | None = None
        self._inspect_when_free = False
        self.restored: restore.Restored | None = None
        folder = backups.backup_folder(session.journal.path, backup_choices.journal_place(session.journal))
        self._folder = folder

        intro = QLabel(
            self.tr(
                "netjournal keeps encrypted backups of this journal in {0}: one at most every 30 minutes "
                "while you write, and one before every restore and passphrase change. Older ones are thinned "
                "to one a day, then a week, then a month. Each opens with the passphrase the journal had "
                "when it was taken."
            ).format(folder),
            self,
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.list = QTreeWidget(self)
        self.list.setObjectName("backupList")
        self.list.setAccessibleName(self.tr("Backups, newest first"))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setHeaderLabels([self.tr("Taken"), self.tr("Why"), self.tr("Entries"), self.tr("Size")])
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            self.list.headerItem().setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.list.currentItemChanged.connect(lambda *_: self._inspect())

        box = QGroupBox(self.tr("What this backup holds"), self)
        self.preview_label = QLabel(self.tr("Choose a backup to see what it holds."), box)
        self.preview_label.setObjectName("backupPreview")
        self.preview_label.setAccessibleName(self.tr("What the chosen backup holds"))
        self.preview_label.setWordWrap(True)
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.passphrase = secret_field(box, "backupPassphrase", self.tr("The backup's passphrase"))
        self.unlock_button = QPushButton(self.tr("&Read it"), box)
        self.unlock_button.setObjectName("readBackupButton")
        self.unlock_button.clicked.connect(lambda: self._inspect(self.passphrase.text()))
        self.passphrase.returnPressed.connect(self.unlock_button.click)
        ask = QHBoxLayout()
        ask.addWidget(self.passphrase, 1)
        ask.addWidget(self.unlock_button)
        self._ask_row = QWidget(box)
        self._ask_row.setLayout(ask)
        ask.setContentsMargins(0, 0, 0, 0)
        self._ask_row.hide()
        inner = QVBoxLayout(box)
        inner.addWidget(self.preview_label)
        inner.addWidget(self._ask_row)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("backupsProgress")
        self.progress.setAccessibleName(self.tr("Working"))
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()

        self.back_up_button = QPushButton(self.tr("&Back up now"), self)
        self.back_up_button.setObjectName("backUpNowButton")
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("&Restore…"), self)
        self.restore_button.setObjectName("restoreBackupButton")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.ask_to_restore)
        folder_button = QPushButton(self.tr("Show &folder"), self)
        folder_button.setObjectName("showBackupFolderButton")
        folder_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder))))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("closeBackupsButton")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.back_up_button, folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(box)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.refresh()

    # -- the list ---------------------------------------------------------------------

    def refresh(self, select: Path | None = None) -> None:
        self.list.clear()
        listed = catalog(self._session.journal, read_unknown=False)
        for item in listed:
            row = QTreeWidgetItem(self.list, self._columns(item))
            row.setData(0, _PATH_ROLE, str(item.file.path))
            for column in (2, 3):
                row.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if not listed:
            self.preview_label.setText(self.tr("No backups yet: the first is taken after your next change."))
            return
        chosen = 0
        if select is not None:
            chosen = next((n for n, item in enumerate(listed) if item.file.path == select), 0)
        item = self.list.topLevelItem(chosen)
        if item is not None:
            self.list.setCurrentItem(item)

    def _columns(self, item: ListedBackup) -> list[str]:
        when = item.file.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        entries = f"{item.contents.entries:,}" if item.contents is not None else "—"
        return [when, self.tr(item.file.reason.label), entries, size_text(item.file.size)]

    def chosen_path(self) -> Path | None:
        current = self.list.currentItem()
        return Path(current.data(0, _PATH_ROLE)) if current is not None else None

    # -- preview ------------------------------------------------------------------------

    def _inspect(self, passphrase: str | None = None) -> None:
        path = self.chosen_path()
        self._preview = None
        self.restore_button.setEnabled(False)
        if self._task is not None:
            self._inspect_when_free = True  # once the work under way is done
            return
        if path is None:
            return
        journal = self._session.journal
        source = journal.snapshot_source()
        key = passphrase if passphrase else source.passphrase
        uuid = restore.own_uuid(journal)
        self.preview_label.setText(self.tr("Reading the backup and checking every page…"))
        self._start(
            lambda: restore.inspect(
                path,
                key=key,
                kdf_iter=source.kdf_iter,
                journal=journal.path,
                journal_uuid=uuid,
                place=source.backup_place,
            ),
            lambda held: self._show_preview(path, held, key),
            lambda error: self._preview_failed(error, asked=bool(passphrase)),
            "reading a backup",
        )

    def _show_preview(self, path: Path, held: Contents, key: str) -> None:
        self.passphrase.setText("")
        self._ask_row.hide()
        if path != self.chosen_path() or not self._session.is_open:
            self._inspect()  # the choice moved on meanwhile
            return
        now = restore.current_contents(self._session.journal)
        self._preview = restore.Preview(path, held, now, key)
        self.preview_label.setText(
            "\n\n".join(
                (self._describe(self.tr("This backup holds"), held), self._describe(self.tr("The journal holds"), now))
            )
        )
        self.restore_button.setEnabled(True)

    def _describe(self, label: str, held: Contents | None) -> str:
        if held is None:
            return self.tr("The journal is too damaged to say what it holds.")
        text = self.tr("{0} {1:,} people and {2:,} entries.").format(label, held.counts.get("person", 0), held.entries)
        if held.newest_on:
            text += " " + self.tr("Newest entry, {0}: “{1}”").format(held.newest_on, held.newest_summary)
        return text

    def _preview_failed(self, error: JournalError | None, *, asked: bool) -> None:
        self.passphrase.setText("")
        if isinstance(error, WrongPassphraseError):
            self.preview_label.setText(
                self.tr("That passphrase does not open this backup.")
                if asked
                else self.tr(
                    "This backup does not open with the journal's passphrase: it is from before a passphrase "
                    "change. Type the passphrase the journal had then to read it."
                )
            )
            self._ask_row.show()
            self.passphrase.setFocus()
            return
        self._ask_row.hide()
        self.preview_label.setText(
            str(error)
            if error is not None
            else self.tr("This backup could not be read because of an unexpected problem.")
        )

    # -- backing up and restoring ----------------------------------------------------------

    def back_up_now(self) -> None:
        source = self._session.journal.snapshot_source()
        self._start(
            lambda: backups.take_backup(source, backups.Reason.MANUAL),
            lambda taken: self.refresh(select=taken.file.path),
            lambda error: self._report(self.tr("Backup failed"), error),
            "a backup",
        )

    def ask_to_restore(self) -> None:
        chosen = self._preview
        if chosen is None or self._task is not None:
            return
        current = self.list.currentItem()
        when = current.text(0) if current is not None else ""
        question = self.tr(
            "Replace the journal with the backup from {0}?\n\n{1}\n{2}\n\nThe journal as it is now is kept as a "
            "backup first, so this can be undone by restoring that one."
        ).format(
            when,
            self._describe(self.tr("The backup holds"), chosen.held),
            self._describe(self.tr("The journal holds"), chosen.current),
        )
        if not messages.confirm(self, self.tr("Restore this backup?"), question, action=self.tr("Restore")):
            return
        self._set_working(True)
        task = self._session.busy_with(lambda journal: restore.restore(journal, chosen), "a restore")
        self._task = task
        task.succeeded.connect(self._restored)
        task.failed.connect(self._restore_failed)
        task.finished.connect(self._task_finished)

    def _restore_failed(self, error: JournalError | None) -> None:
        if isinstance(error, RestoredNotReopenedError):
            # The backup is in place, but this window lost the journal: say so, then unlock again.
            messages.show_error(self.parentWidget() or self, self.tr("Backup restored"), str(error))
            self.reject()
            if self._session.is_open:
                self._session.detach()
            return
        self._report(self.tr("Restore failed"), error)

    def _restored(self, done: restore.Restored) -> None:
        self.restored = done
        self.accept()

    def _start(
        self,
        work: Callable[[], object],
        succeeded: Callable[[Any], None],
        failed: Callable[[JournalError | None], None],
        name: str,
    ) -> None:
        self._set_working(True)
        task = BackgroundTask(work, name)
        self._task = task
        task.succeeded.connect(succeeded)
        task.failed.connect(failed)
        task.finished.connect(self._task_finished)
        task.start()

    def _task_finished(self) -> None:
        self._task = None
        self._set_working(False)
        if self._inspect_when_free and self._session.is_open:
            self._inspect_when_free = False
            self._inspect()

    def _set_working(self, working: bool) -> None:
        self.progress.setVisible(working)
        for widget in (self.back_up_button, self.list, self.unlock_button, self.close_button):
            widget.setEnabled(not working)
        self.restore_button.setEnabled(not working and self._preview is not None)

    def _report(self, title: str, error: JournalError | None) -> None:
        messages.show_error(
            self,
            title,
            str(error) if error is not None else self.tr("Something unexpected went wrong; nothing was changed."),
        )

    def reject(self) -> None:
        if self._task is not None and self._session.busy:
            return  # a restore runs to its end; Esc cannot leave it half-done
        super().reject()
