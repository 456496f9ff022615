"""Journal → Sync…: where this journal keeps in step with the other computers, and what the last sync did."""

from __future__ import annotations

from typing import TYPE_CHECKING

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

from netjournal.services.sync_report import report_lines
from netjournal.ui.dialogs.form_support import name_widget
from netjournal.ui.i18n import tr

if TYPE_CHECKING:  # the shell's; a dialog only reads it (imports point down: shell → dialogs)
    from netjournal.ui.shell.sync_controller import SyncController


class SyncDialog(QDialog):
    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("syncDialog")
        self.setWindowTitle(tr("Sync"))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(560)
        self.folder = QLabel(self)
        self.device = QLabel(self)
        self.when = QLabel(self)
        for label, name in (
            (self.folder, "syncFolderShown"),
            (self.device, "syncDeviceShown"),
            (self.when, "syncWhen"),
        ):
            label.setObjectName(name)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Sync folder"), self.folder)
        form.addRow(tr("This computer"), self.device)
        form.addRow(tr("Last sync"), self.when)
        self.report = QPlainTextEdit(self)
        name_widget(self.report, "syncReport", tr("What the last sync did"))
        self.report.setReadOnly(True)
        buttons = QDialogButtonBox(self)
        self.sync_button: QPushButton = buttons.addButton(tr("&Sync now"), QDialogButtonBox.ButtonRole.ActionRole)
        name_widget(self.sync_button, "syncNowButton", tr("Sync now"))
        self.sync_button.clicked.connect(self._sync)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        name_widget(close, "syncCloseButton", tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)
        controller.synced.connect(self.refresh)  # a bound method: gone with the dialog
        self.refresh()
        self.sync_button.setFocus()

    def refresh(self, _report: object = None) -> None:
        controller = self.controller
        folder = controller.folder()
        self.folder.setText(
            str(folder) if folder else tr("None. Choose one in Journal → Preferences… (a folder Syncthing, "
                                          "Nextcloud or Dropbox keeps in step, or a USB stick).")
        )  # fmt: skip
        device_id, name = controller.device or ("", tr("Named at the first sync."))
        self.device.setText(f"{name} ({device_id[:8]})" if device_id else name)
        when = controller.last_synced
        self.when.setText(when.strftime("%Y-%m-%d %H:%M") if when else tr("Not yet since the journal was unlocked."))
        lines = report_lines(controller.last_report) if controller.last_report is not None else []
        if controller.last_error:
            lines.append(controller.last_error)
        self.report.setPlainText("\n".join(lines))
        self.sync_button.setEnabled(folder is not None)

    def _sync(self) -> None:
        if self.controller.ask_again():
            self.sync_button.setEnabled(False)
            self.report.setPlainText(tr("Syncing…"))
