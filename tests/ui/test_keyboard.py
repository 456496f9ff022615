"""Keyboard paths a person takes without touching the mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QToolButton
from support import PASSPHRASE

from netjournal.domain import EntryType


def focused():
    return QApplication.focusWidget()


def test_after_a_lock_the_passphrase_can_be_typed_straight_away(qtbot, window) -> None:
    with qtbot.waitSignal(window.session.closed):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert focused() is not None and focused().objectName() == "passphraseField"
    qtbot.keyClicks(focused(), PASSPHRASE)
    with qtbot.waitSignal(window.session.opened, timeout=10_000):
        qtbot.keyClick(focused(), Qt.Key.Key_Return)


def test_ctrl_l_locks_even_while_a_dialog_is_open(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.entries.current_dialog
    qtbot.waitUntil(lambda: focused() is not None and dialog.isAncestorOf(focused()))
    qtbot.keyClicks(focused(), "Private words typed into the dialog")
    with qtbot.waitSignal(window.session.closed):
        qtbot.keyClick(focused(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not [d for d in window.findChildren(QDialog) if d.isVisible()]


def test_enter_in_the_search_box_opens_the_newest_match(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "hiring rubric")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    current = window.workspace.timeline.list.current_entry()
    assert current is not None and current.type is EntryType.EXCHANGE
    assert current.title == "Reviewed Tom's hiring rubric, draft 100"  # the newest of three drafts


def test_the_search_box_shows_no_clear_button_once_emptied(qtbot, window) -> None:
    box = window.workspace.search.box
    clear_button = box.findChild(QToolButton)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, "pricing")
    qtbot.waitUntil(lambda: clear_button.property("opacity") == 1.0)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # jumps, and empties the box
    assert box.text() == ""
    qtbot.waitUntil(lambda: clear_button.property("opacity") == 0.0)


def test_ctrl_l_locks_over_the_change_passphrase_dialog(qtbot, window) -> None:
    window.window_actions.change_passphrase.trigger()
    dialog = window.findChild(QDialog, "changePassphraseDialog")
    qtbot.waitUntil(lambda: dialog.isVisible())
    field = dialog.findChild(QLineEdit, "changeCurrentPassphrase")
    field.setFocus()
    qtbot.waitUntil(lambda: focused() is field)
    with qtbot.waitSignal(window.session.closed):
        qtbot.keyClick(field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not [d for d in window.findChildren(QDialog) if d.isVisible()]
