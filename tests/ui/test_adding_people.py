"""Adding a person from the window: a shared name is pointed out, the list shows them, and entries go to them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from netjournal.services import people, records
from netjournal.store.models import Person
from netjournal.ui.dialogs.person_dialog import PersonDialog


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def type_keys(qtbot, text: str) -> None:
    for character in text:
        qtbot.keyClick(QApplication.activePopupWidget() or focused(), character)


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.activePopupWidget() or focused(), key, modifier)


def highlighted_person(window) -> int | None:
    pane = window.workspace.contacts
    index = pane.list.currentIndex()
    return pane.model.person_at(index.row()).id if index.isValid() else None


def back_in(qtbot, window) -> None:
    """The window has the keyboard again once a dialog has closed."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def add_person_by_keyboard(qtbot, window, name: str) -> int:
    back_in(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.entries.current_dialog
    assert isinstance(dialog, PersonDialog)
    qtbot.waitUntil(lambda: focused() is dialog.name_field)
    type_keys(qtbot, name)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)
    assert dialog.saved_id is not None
    return dialog.saved_id


def test_the_dialog_names_the_person_who_already_has_the_name(qtbot, session) -> None:
    people.add_person(session.journal, people.PersonInput("Varun Odhiambo", organisation="Fieldmark"))
    dialog = PersonDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    warning = dialog.findChild(QWidget, "sameNameWarning")
    assert warning is not None and not warning.isVisible()
    qtbot.keyClicks(dialog.name_field, "varun  odhiambo")
    assert warning.isVisible()
    assert "Varun Odhiambo (Fieldmark)" in warning.text() and warning.text().endswith(".")
    qtbot.keyClicks(dialog.name_field, "x")
    assert not warning.isVisible()
    dialog.name_field.setText("Varun Odhiambo")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):  # a warning, not a refusal
        dialog.save_button.click()
    assert Person.select().where(Person.name == "Varun Odhiambo").count(session.journal.db) == 2


def test_editing_a_person_does_not_warn_about_their_own_name(qtbot, session) -> None:
    dialog = PersonDialog(session, person_id=1)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.findChild(QWidget, "sameNameWarning").isVisible()


def test_a_new_person_is_highlighted_and_shown_and_the_archived_box_stays_off(qtbot, window) -> None:
    pane = window.workspace.contacts
    first = add_person_by_keyboard(qtbot, window, "Varun Odhiambo")
    assert highlighted_person(window) == first == window.current_person_id()
    second = add_person_by_keyboard(qtbot, window, "Varun Odhiambo")
    assert second != first
    assert not pane.archived.isChecked()
    qtbot.waitUntil(lambda: pane.model.row_of(second) is not None)
    assert not pane.archived.isChecked()
    assert highlighted_person(window) == second
    assert window.current_person_id() == second
    assert window.workspace.relationship._person_id == second


def test_an_exchange_after_adding_a_second_varun_goes_to_the_one_shown(qtbot, window) -> None:
    add_person_by_keyboard(qtbot, window, "Varun Odhiambo")
    second = add_person_by_keyboard(qtbot, window, "Varun Odhiambo")
    shown = window.workspace.relationship._person_id
    back_in(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.entries.current_dialog
    qtbot.waitUntil(lambda: focused() is dialog.kind_field)  # opened for the person shown
    type_keys(qtbot, "a")
    press(qtbot, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    type_keys(qtbot, "Walked Varun through pricing his first consulting contract")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)
    saved = records.exchange(window.session.journal, dialog.saved_id)
    assert saved is not None and saved.person_id == shown == second


def test_a_person_the_list_has_not_caught_up_with_is_still_the_one_highlighted_and_shown(qtbot, window) -> None:
    pane = window.workspace.contacts
    first = people.add_person(window.session.journal, people.PersonInput("Varun Odhiambo"))
    window.select_person(first)
    second = people.add_person(window.session.journal, people.PersonInput("Varun Odhiambo"))
    pane._reload_timer.stop()  # the refresh the write asked for has not happened yet
    pane._stale = set()
    window.select_person(second)
    assert not pane.archived.isChecked()  # Varun is not archived: nothing to show the archived for
    assert highlighted_person(window) == second
    assert window.current_person_id() == second == window.workspace.relationship._person_id
