"""Changing the passphrase of the open journal (a rekey), with the same strength meter as creation."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from netjournal.services import keychain
from netjournal.store.errors import JournalError
from netjournal.ui.session import Session
from netjournal.ui.strength import PassphraseStrength


class ChangePassphraseDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePassphraseDialog")
        self.setWindowTitle(self.tr("Change passphrase"))
        self.setMinimumWidth(440)
        self._session = session
        self.new = QLineEdit(self)
        self.new.setObjectName("changeNewPassphrase")
        self.new.setAccessibleName(self.tr("New passphrase"))
        self.new.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit(self)
        self.again.setObjectName("changeConfirmPassphrase")
        self.again.setAccessibleName(self.tr("New passphrase again"))
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength = PassphraseStrength(self)
        self.error = QLabel(self)
        self.error.setObjectName("changePassphraseError")
        self.error.setWordWrap(True)
        warning = QLabel(
            self.tr("The journal is re-encrypted under the new passphrase. A lost passphrase cannot be recovered."),
            self,
        )
        warning.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&New passphrase"), self.new)
        form.addRow(self.tr("&Again"), self.again)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Change"))
        self.buttons.accepted.connect(self._change)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.strength)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.new.textChanged.connect(self._update)
        self.again.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.strength.set_passphrase(self.new.text())
        ok = self.strength.acceptable and self.new.text() == self.again.text()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if self.again.text() and self.new.text() != self.again.text():
            self.error.setText(self.tr("The two passphrases differ."))
        else:
            self.error.clear()

    def _change(self) -> None:
        journal = self._session.journal
        new = self.new.text()
        try:
            journal.change_passphrase(new)
        except JournalError as error:
            self.error.setText(str(error))
            return
        if keychain.recall(journal.path) is not None:
            try:
                keychain.remember(journal.path, new)
            except keychain.KeychainUnavailable:
                keychain.forget(journal.path)
        self.new.clear()
        self.again.clear()
        self.accept()
