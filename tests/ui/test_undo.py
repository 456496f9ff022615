"""Deletes in the window can be undone: Edit → Undo (Ctrl+Z) or the status bar's button, until the journal closes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu, QMessageBox, QPushButton

from netjournal.domain import EntryType
from netjournal.services import people
from netjournal.services.deletions import GoesWith
from netjournal.store.models import Touchpoint
from netjournal.ui.shell.delete_commands import person_question
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.widgets import messages

LEE_TOUCH = "Met Lee at the Lisbon data meetup"
UNDO_HINT = "You can undo this until you close the journal."


def person_id(window: MainWindow, name: str) -> int:
    person = people.find_person(window.session.journal, name)
    assert person is not None
    return person.id


def widgets_naming(text: str) -> list[str]:
    """Live labels and buttons whose text, or spoken name, contains ``text``."""
    return [
        w.objectName() or type(w).__name__
        for w in QApplication.allWidgets()
        if text in w.accessibleName() or (isinstance(w, QLabel | QAbstractButton) and text in w.text())
    ]


def show_lee_touchpoint(window: MainWindow) -> None:
    window.workspace.select_person(person_id(window, "Lee Park"))
    timeline = window.workspace.timeline
    timeline.list.setCurrentIndex(timeline.model.index(timeline.model.find(EntryType.TOUCHPOINT, 1)))
    timeline.list.setFocus()


def confirm_and_record(monkeypatch, answer: bool = True) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _parent, _title, text, **_k: asked.append(text) or answer)
    return asked


def test_nothing_to_undo_at_first(window: MainWindow) -> None:
    undo = window.window_actions.undo
    assert not undo.isEnabled() and undo.text() == "&Undo"
    assert undo.shortcut().toString() == "Ctrl+Z"
    edit = window.menuBar().findChild(QMenu, "menuEdit")
    assert edit is not None and undo in edit.actions()
    assert not window.undo_notice.isVisible()


def test_delete_key_and_confirm_then_ctrl_z_brings_the_entry_back(qtbot, window: MainWindow) -> None:
    show_lee_touchpoint(window)
    timeline = window.workspace.timeline
    asked: list[str] = []

    def press_delete_in_the_box() -> None:
        box = next((b for b in window.findChildren(QMessageBox) if b.isVisible()), None)
        if box is None:
            QTimer.singleShot(10, press_delete_in_the_box)
            return
        asked.append(box.text())
        [delete] = [b for b in box.findChildren(QPushButton) if b.text() == "Delete"]
        delete.click()

    QTimer.singleShot(0, press_delete_in_the_box)
    with qtbot.waitSignal(window.session.changed):
        qtbot.keyClick(timeline.list, Qt.Key.Key_Delete)  # returns once the confirmation's exec() has ended
    met = (dt.date.today() - dt.timedelta(days=10)).isoformat()  # as seeded
    assert asked == [f"Delete this touchpoint from {met}?\n\n{LEE_TOUCH}\n\n" + UNDO_HINT]
    qtbot.waitUntil(lambda: timeline.model.find(EntryType.TOUCHPOINT, 1) is None)
    undo = window.window_actions.undo
    assert undo.isEnabled() and undo.text() == f"&Undo delete of the touchpoint “{LEE_TOUCH}”"
    assert window.undo_notice.isVisible()
    assert window.undo_notice.label.text() == f"Deleted the touchpoint “{LEE_TOUCH}”."
    assert window.undo_notice.button.accessibleName() == f"Undo delete of the touchpoint “{LEE_TOUCH}”"

    # The offscreen platform has no window manager to give the window back its focus once the box is gone.
    qtbot.waitUntil(lambda: window.findChildren(QMessageBox) == [])
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert QApplication.focusWidget() is timeline.list
    with qtbot.waitSignal(window.session.changed):
        qtbot.keyClick(timeline.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: timeline.model.find(EntryType.TOUCHPOINT, 1) is not None)
    assert not undo.isEnabled() and undo.text() == "&Undo"
    assert window.undo_notice.label.text() == f"Brought back the touchpoint “{LEE_TOUCH}”."
    assert not window.undo_notice.button.isVisible()


def test_deleting_a_person_from_the_menu_names_what_goes_and_the_button_undoes_it(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    ws = window.workspace
    tom = person_id(window, "Tom Reyes")
    ws.select_person(tom)
    asked = confirm_and_record(monkeypatch)
    people_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&People")
    [delete] = [a for a in people_menu.actions() if a.objectName() == "actionDeletePerson"]
    assert delete.text() == "&Delete person…" and delete.isEnabled()

    with qtbot.waitSignal(window.session.changed):
        delete.trigger()

    assert asked == [
        "Delete Tom Reyes and their 3 exchanges?\n\nThe introduction that names them as the second person stays, "
        "without them. Your reflection about them stays, about nobody in particular.\n\n" + UNDO_HINT
    ]
    assert people.find_person(window.session.journal, "Tom Reyes") is None
    qtbot.waitUntil(lambda: ws.contacts.model.row_of(tom) is None)
    assert ws.timeline.title.text() == "Everyone" and ws.relationship.person_id() is None
    assert ws.contacts.everyone_button.isChecked()
    assert window.undo_notice.label.text() == "Deleted Tom Reyes."
    assert window.window_actions.undo.text() == "&Undo delete of Tom Reyes"

    with qtbot.waitSignal(window.session.changed):
        qtbot.mouseClick(window.undo_notice.button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: ws.contacts.model.row_of(tom) is not None)
    assert ws.person_id == tom and ws.timeline.title.text() == "Tom Reyes"
    qtbot.waitUntil(lambda: ws.relationship.person_id() == tom)
    titles = [e.title for e in ws.timeline.model.entries()]
    assert "Reviewed Tom's hiring rubric, draft 100" in titles
    assert "Introduced Ana to Tom Reyes for her data-platform hire" in titles  # he is its second person again
    assert window.undo_notice.label.text() == "Brought back Tom Reyes."


def test_the_delete_key_on_a_person_asks_about_them(qtbot, window: MainWindow, monkeypatch) -> None:
    ws = window.workspace
    lee = person_id(window, "Lee Park")
    ws.contacts.select_person(lee)
    ws.contacts.list.setFocus()
    asked = confirm_and_record(monkeypatch, answer=False)
    qtbot.keyClick(ws.contacts.list, Qt.Key.Key_Delete)
    assert asked == ["Delete Lee Park and their 1 touchpoint?\n\n" + UNDO_HINT]
    assert ws.contacts.model.row_of(lee) is not None and len(window.undo_history) == 0
    # The same, and editing, archiving and merging, are in the person's context menu.
    names = [a.objectName() for a in ws.contacts.list.actions()]
    assert names == ["actionEditPerson", "actionArchivePerson", "actionDeletePerson", "actionMergePerson"]
    assert ws.contacts.list.contextMenuPolicy() is Qt.ContextMenuPolicy.ActionsContextMenu


def test_ctrl_z_in_a_text_field_undoes_the_text_not_the_delete(qtbot, window: MainWindow, monkeypatch) -> None:
    confirm_and_record(monkeypatch)
    show_lee_touchpoint(window)
    timeline = window.workspace.timeline
    with qtbot.waitSignal(window.session.changed):
        qtbot.keyClick(timeline.list, Qt.Key.Key_Delete)
    for field in (window.workspace.contacts.filter, window.workspace.search.box):
        field.setFocus()
        qtbot.keyClicks(field, "Ana")
        qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert field.text() == ""  # its own undo
        qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing left in it to undo
        assert len(window.undo_history) == 1
        assert window.session.journal.first(Touchpoint.select().where(Touchpoint.id == 1)) is None
    timeline.list.setFocus()
    with qtbot.waitSignal(window.session.changed):
        qtbot.keyClick(timeline.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.journal.first(Touchpoint.select().where(Touchpoint.id == 1)) is not None


def test_undo_brings_back_the_newest_delete_first(qtbot, window: MainWindow, monkeypatch) -> None:
    confirm_and_record(monkeypatch)
    show_lee_touchpoint(window)
    window.window_actions.delete_entry.trigger()
    window.deletes.delete_person(person_id(window, "Ana Silva"))
    undo = window.window_actions.undo
    assert undo.text() == "&Undo delete of Ana Silva"
    undo.trigger()
    assert undo.text() == f"&Undo delete of the touchpoint “{LEE_TOUCH}”"
    undo.trigger()
    assert not undo.isEnabled()
    assert people.find_person(window.session.journal, "Ana Silva") is not None
    assert window.session.journal.first(Touchpoint.select().where(Touchpoint.id == 1)) is not None


def test_an_undo_that_can_no_longer_be_done_says_why(qtbot, window: MainWindow, monkeypatch) -> None:
    confirm_and_record(monkeypatch)
    show_lee_touchpoint(window)
    window.window_actions.delete_entry.trigger()
    deleted = window.undo_history.latest
    assert deleted is not None
    journal = window.session.journal
    with journal.write():  # the same touchpoint again, as from an older copy of the journal
        journal.insert(Touchpoint, {k: v for k, v in deleted.removal.rows[0].values.items() if k != "id"})
    errors: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, _title, text: errors.append(text))
    window.window_actions.undo.trigger()
    assert errors == [
        f"The touchpoint “{LEE_TOUCH}” cannot be brought back: the same touchpoint is in the journal again."
    ]
    assert not window.window_actions.undo.isEnabled() and not window.undo_notice.isVisible()


def test_lock_clears_the_undo_history(qtbot, window: MainWindow, monkeypatch) -> None:
    confirm_and_record(monkeypatch)
    window.deletes.delete_person(person_id(window, "Tom Reyes"))
    assert window.undo_notice.isVisible() and len(window.undo_history) == 1
    with qtbot.waitSignal(window.session.closed):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    undo = window.window_actions.undo
    assert len(window.undo_history) == 0 and window.undo_history.latest is None
    assert not undo.isEnabled() and undo.text() == "&Undo"
    assert not window.undo_notice.isVisible() and window.undo_notice.label.text() == ""
    assert widgets_naming("Tom Reyes") == []
    focus = QApplication.focusWidget()
    assert focus is not None and focus.objectName() == "passphraseField"


def test_the_person_question_lists_what_goes_and_what_stays(qtbot) -> None:
    goes = GoesWith("Maya Chen", 12, 3, 1, 0, 0, 0, 0, 0, 0, 0)
    assert person_question(goes) == "Delete Maya Chen and their 12 exchanges, 3 touchpoints and 1 open loop?\n\n" + (
        UNDO_HINT
    )
    everything = GoesWith("Maya Chen", 1, 1, 2, 1, 2, 2, 1, 3, 0, 0)
    assert person_question(everything) == (
        "Delete Maya Chen and their 1 exchange, 1 touchpoint, 2 open loops, 1 closed loop and 2 circumstances?\n\n"
        "The 2 introductions that name them as the second person stay, without them. Your reflection about them "
        "stays, about nobody in particular. 3 exchanges with other people that returned theirs stay, no longer "
        "linked to them.\n\n" + UNDO_HINT
    )
    assert person_question(GoesWith("Lee Park", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) == "Delete Lee Park?\n\n" + UNDO_HINT


def test_long_texts_are_shortened_in_the_menu_and_the_notice(qtbot, window: MainWindow, monkeypatch) -> None:
    confirm_and_record(monkeypatch)
    long_name = "Maximiliana " + "Vandenberghe-" * 12 + "Okonkwo"
    maya = people.add_person(window.session.journal, people.PersonInput(long_name))
    window.deletes.delete_person(maya)
    text = window.window_actions.undo.text()
    assert text.startswith("&Undo delete of Maximiliana Vandenberghe-") and text.endswith("…")
    assert len(text) < 70 and long_name not in window.undo_notice.label.text()
