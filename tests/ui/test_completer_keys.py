"""The person completer's suggestion list never takes keys meant for elsewhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from netjournal.domain import Kind
from netjournal.services import people, records
from netjournal.store.models import Person
from netjournal.ui.dialogs.exchange_dialog import ExchangeDialog


def key_target() -> QWidget:
    """Where a keyboard's key goes: an open suggestion list takes it, as under a real window system."""
    widget = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def type_keys(qtbot, text: str) -> None:
    for character in text:
        qtbot.keyClick(key_target(), character)


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(key_target(), key, modifier)


def open_dialog(qtbot, session) -> ExchangeDialog:
    dialog = ExchangeDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.person_field)
    return dialog


def test_a_mnemonic_with_suggestions_open_moves_on_and_adds_no_character(qtbot, session) -> None:
    people.add_person(session.journal, people.PersonInput("Varun Odhiambo"))
    dialog = open_dialog(qtbot, session)
    type_keys(qtbot, "Varun Odhiambo")
    popup = dialog.person_field.completer().popup()
    assert popup.isVisible()  # the list is up, as it is for a person typing

    press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.kind_field
    assert not popup.isVisible()
    type_keys(qtbot, "i")  # type-ahead in the Kind list
    assert dialog.person_field.text() == "Varun Odhiambo"
    assert dialog.kind is Kind.INTRODUCTION


def test_saving_after_a_mnemonic_logs_for_the_existing_person(qtbot, session) -> None:
    varun = people.add_person(session.journal, people.PersonInput("Varun Odhiambo"))
    dialog = open_dialog(qtbot, session)
    before = Person.select().count(session.journal.db)
    type_keys(qtbot, "Varun Odhiambo")
    press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    type_keys(qtbot, "a")  # Advice
    press(qtbot, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # to the Summary
    assert QApplication.focusWidget() is dialog.summary_field
    type_keys(qtbot, "Walked Varun through pricing his first consulting contract")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)
    assert Person.select().count(session.journal.db) == before  # nobody new
    saved = records.exchange(session.journal, dialog.saved_id)
    assert saved is not None and saved.person_id == varun and saved.kind is Kind.ADVICE
