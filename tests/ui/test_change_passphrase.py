"""Changing the passphrase asks for the current one first, and forgets every field afterwards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QProgressBar
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.services.journal import Journal
from netjournal.store.errors import JournalError
from netjournal.ui.dialogs.passphrase_dialog import ChangePassphraseDialog
from netjournal.ui.session import Session

NEW = "velvet canyon orbits a quiet plum 42"
FIELDS = ("changeCurrentPassphrase", "changeNewPassphrase", "changeConfirmPassphrase")


def fill_and_change(qtbot, session: Session, current: str) -> ChangePassphraseDialog:
    dialog = ChangePassphraseDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.findChild(QLineEdit, "changeCurrentPassphrase")
    assert field.echoMode() == QLineEdit.EchoMode.Password
    assert field.accessibleName() == "Current passphrase"
    for name, text in zip(FIELDS, (current, NEW, NEW), strict=True):
        qtbot.keyClicks(dialog.findChild(QLineEdit, name), text)
    change = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert change.isEnabled()
    qtbot.mouseClick(change, Qt.MouseButton.LeftButton)
    return dialog


def opens_with(path: Path, passphrase: str) -> bool:
    try:
        Journal.open(path, passphrase, kdf_iter=TEST_KDF_ITER).close()
    except JournalError:
        return False
    return True


def test_the_change_button_waits_for_the_current_passphrase(qtbot, session: Session) -> None:
    dialog = ChangePassphraseDialog(session)
    qtbot.addWidget(dialog)
    for name in FIELDS[1:]:
        qtbot.keyClicks(dialog.findChild(QLineEdit, name), NEW)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_a_wrong_current_passphrase_changes_nothing(qtbot, session: Session) -> None:
    dialog = fill_and_change(qtbot, session, "not the passphrase at all")
    assert dialog.isVisible()
    assert "not the current passphrase" in dialog.findChild(QLabel, "changePassphraseError").text()
    assert dialog.findChild(QLineEdit, "changeCurrentPassphrase").text() == ""
    path = session.journal.path
    session.detach()
    assert opens_with(path, PASSPHRASE)
    assert not opens_with(path, NEW)


def test_the_right_current_passphrase_changes_it_and_every_field_is_cleared(qtbot, session: Session) -> None:
    with qtbot.waitSignal(session.busy_ended, timeout=20_000):
        dialog = fill_and_change(qtbot, session, PASSPHRASE)
        # The work is on a worker: the dialog shows it is busy and takes no second click or Esc.
        assert session.busy
        assert dialog.findChild(QProgressBar, "changePassphraseProgress").isVisible()
        assert not dialog.buttons.isEnabled()
        dialog.reject()
        assert dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not session.busy
    assert [dialog.findChild(QLineEdit, name).text() for name in FIELDS] == ["", "", ""]
    path = session.journal.path
    session.detach()
    assert opens_with(path, NEW)
    assert not opens_with(path, PASSPHRASE)


def test_cancelling_clears_the_fields(qtbot, session: Session) -> None:
    dialog = ChangePassphraseDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    for name in FIELDS:
        qtbot.keyClicks(dialog.findChild(QLineEdit, name), PASSPHRASE)
    dialog.reject()
    assert [dialog.findChild(QLineEdit, name).text() for name in FIELDS] == ["", "", ""]


def test_a_lock_during_the_change_waits_for_it_to_finish(qtbot, window) -> None:
    """Ctrl+L while the worker re-encrypts: the journal closes only once the change is complete."""
    window.journals.change_passphrase()
    dialog = window.findChild(QDialog, "changePassphraseDialog")
    for name, text in zip(FIELDS, (PASSPHRASE, NEW, NEW), strict=True):
        dialog.findChild(QLineEdit, name).setText(text)
    path = window.session.journal.path
    with qtbot.waitSignal(window.session.closed, timeout=20_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert window.session.busy
        window.lock()
        assert window.session.is_open  # not yet: the worker still uses the connection
    assert window.pages.currentWidget() is window.unlock
    assert opens_with(path, NEW)
    assert not opens_with(path, PASSPHRASE)
