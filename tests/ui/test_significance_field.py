"""Significance is 1 to 5; a number typed outside that is moved onto the scale and the dialog says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from netjournal.services import records
from netjournal.ui.dialogs.exchange_dialog import ExchangeDialog

LEE = 3  # in the seeded journal


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def open_on_significance(qtbot, session) -> ExchangeDialog:
    dialog = ExchangeDialog(session, person_id=LEE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog)
    dialog.summary_field.setText("Reviewed Lee's conference talk slides ahead of the Lisbon keynote")
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Sig&nificance
    assert focused() is dialog.significance_field.lineEdit() or focused() is dialog.significance_field
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    return dialog


def test_zero_typed_and_tab_becomes_one_and_says_so(qtbot, session) -> None:
    dialog = open_on_significance(qtbot, session)
    qtbot.keyClicks(focused(), "0")
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.significance_field.value() == 1  # the nearest end of the scale, not the 3 it was
    assert "0 is not on the scale of 1 to 5, so it is 1." in dialog.significance_words.text()
    assert "small" in dialog.significance_words.text()


def test_enter_on_zero_shows_the_change_before_saving(qtbot, session) -> None:
    dialog = open_on_significance(qtbot, session)
    qtbot.keyClicks(focused(), "0")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.saved_id is None  # not saved yet: the person sees what it became
    assert dialog.significance_field.value() == 1
    assert "so it is 1" in dialog.significance_words.text()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)
    saved = records.exchange(session.journal, dialog.saved_id)
    assert saved is not None and saved.significance == 1


def test_nine_becomes_five_and_an_arrow_key_forgets_the_note(qtbot, session) -> None:
    dialog = open_on_significance(qtbot, session)
    qtbot.keyClicks(focused(), "9")
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.significance_field.value() == 5
    assert "9 is not on the scale" in dialog.significance_words.text()
    dialog.significance_field.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    assert dialog.significance_field.value() == 4
    assert "not on the scale" not in dialog.significance_words.text()
