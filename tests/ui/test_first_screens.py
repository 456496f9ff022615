"""The first screens a new user meets answer the keys they try: one Alt letter per field, Enter on a card."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from support import TEST_KDF_ITER

from netjournal.ui.dialogs.create_journal import CreateJournalDialog
from netjournal.ui.shell.welcome import WelcomeScreen


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).casefold() if found else None


def test_the_create_dialog_uses_each_alt_letter_once(qtbot, tmp_path) -> None:
    dialog = CreateJournalDialog(kdf_iter=TEST_KDF_ITER, path=tmp_path / "mine.netjournal")
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    letters = [letter for letter in map(_mnemonic, texts) if letter]
    assert len(letters) == len(set(letters)), letters

    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.confirm_field
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.path_field


@pytest.mark.parametrize(
    ("button", "signal"),
    [("create_button", "createRequested"), ("open_button", "openRequested"), ("demo_button", "demoRequested")],
)
@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_a_welcome_card_chooses_it(qtbot, button: str, signal: str, key: Qt.Key) -> None:
    welcome = WelcomeScreen()
    qtbot.addWidget(welcome)
    welcome.show()
    welcome.activateWindow()
    qtbot.waitUntil(welcome.isActiveWindow)
    card = getattr(welcome, button)
    card.setFocus()
    qtbot.waitUntil(card.hasFocus)

    with qtbot.waitSignal(getattr(welcome, signal), timeout=1_000):
        qtbot.keyClick(card, key)
