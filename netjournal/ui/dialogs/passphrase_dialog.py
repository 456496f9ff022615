"""Changing the passphrase of the open journal (a rekey), with the same strength meter as creation.

The current passphrase is asked for first, so someone passing an unlocked, unattended window
cannot lock the owner out of their own journal.
"""

from __future__ import annotations

import hmac

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from netjournal.services import use_cases
from netjournal.services.errors import JournalError, PassphraseChangedNotReopenedError
from netjournal.ui.session import Session
from netjournal.ui.widgets import messages
from netjournal.ui.widgets.common import secret_field
from netjournal.ui.widgets.strength import PassphraseStrength


class ChangePassphraseDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePassphraseDialog")
        self.setWindowTitle(self.tr("Change passphrase"))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(440)
        self._session = session
        self.current = secret_field(self, "changeCurrentPassphrase", self.tr("Current passphrase"))
        self.new = secret_field(self, "changeNewPassphrase", self.tr("New passphrase"))
        self.again = secret_field(self, "changeConfirmPassphrase", self.tr("New passphrase again"))
        self.strength = PassphraseStrength(self)
        self.error = QLabel(self)
        self.error.setObjectName("changePassphraseError")
        self.error.setAccessibleName(self.tr("Error"))
        self.error.setWordWrap(True)
        warning = QLabel(
            self.tr("The journal is re-encrypted under the new passphrase. A lost passphrase cannot be recovered."),
            self,
        )
        warning.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Current passphrase"), self.current)
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
        self.progress_label = QLabel(
            self.tr("Re-encrypting the journal and checking the result… This takes a few seconds on a large journal."),
            self,
        )
        self.progress_label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("changePassphraseProgress")
        self.progress.setAccessibleName(self.tr("Re-encrypting"))
        self.progress.setRange(0, 0)  # no measure of how far along: a busy indicator
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        self.progress_label.hide()
        self.progress.hide()
        self.working = False
        layout.addWidget(self.buttons)
        for field in (self.current, self.new, self.again):
            field.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.strength.set_passphrase(self.new.text())
        ok = bool(self.current.text()) and self.strength.acceptable and self.new.text() == self.again.text()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if self.again.text() and self.new.text() != self.again.text():
            self.error.setText(self.tr("The two passphrases differ."))
        else:
            self.error.clear()

    def _current_matches(self) -> bool:
        # The driver keeps the passphrase while the journal is open; compare without leaking timing.
        actual = self._session.journal.store.db.connect_params.get("passphrase")
        typed = self.current.text()
        return isinstance(actual, str) and hmac.compare_digest(typed.encode("utf-8"), actual.encode("utf-8"))

    def _change(self) -> None:
        if not self._session.is_open:
            self.reject()
            return
        if not self._current_matches():
            self.current.setText("")
            self.current.setFocus()
            self.error.setText(self.tr("That is not the current passphrase."))
            return
        new = self.new.text()
        self._set_working(True)
        # Re-encrypting a large journal takes seconds: on a worker, with the window kept off the journal.
        task = self._session.busy_with(lambda journal: use_cases.change_passphrase(journal, new), "passphrase change")
        task.succeeded.connect(self._changed)
        task.failed.connect(self._failed)

    def _changed(self, outcome: use_cases.KeychainOutcome) -> None:
        self.keychain_outcome = outcome
        self._set_working(False)
        self.accept()

    def _failed(self, error: JournalError | None) -> None:
        self._set_working(False)
        if isinstance(error, PassphraseChangedNotReopenedError):
            # It did change, but this window has no open journal any more: say so, then unlock again.
            messages.show_error(self.parentWidget() or self, self.tr("Passphrase changed"), str(error))
            self.reject()
            self._session.detach()
            return
        self.error.setText(
            str(error)
            if error is not None
            else self.tr("Something unexpected went wrong; the journal still opens with its old passphrase.")
        )

    def _set_working(self, working: bool) -> None:
        self.working = working
        self.progress.setVisible(working)
        self.progress_label.setVisible(working)
        for field in (self.current, self.new, self.again):
            field.setEnabled(not working)
        self.buttons.setEnabled(not working)
        if not working:
            self._update()

    def reject(self) -> None:
        if getattr(self, "working", False):
            return  # Esc cannot stop a re-encryption half-way; it finishes or changes nothing
        super().reject()

    def done(self, result: int) -> None:
        """However the dialog ends (saved, cancelled, locked), no passphrase stays in its fields."""
        for field in (self.current, self.new, self.again):
            field.setText("")
        super().done(result)
