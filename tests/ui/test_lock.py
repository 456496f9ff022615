"""Locking leaves nothing behind: no dialog on screen, no typed text in any widget, no undo history."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
)

from netjournal.domain import EntryType
from netjournal.services.people import find_person
from netjournal.ui.dialogs.entry_dialogs import ReflectionDialog
from netjournal.ui.shell.main_window import MainWindow

SECRET = "Quietly lent Ana the Lisbon flat keys"


def person_id(window: MainWindow, name: str) -> int:
    person = find_person(window.session.journal, name)
    assert person is not None
    return person.id


def shown_dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def widgets_showing(text: str) -> list[str]:
    """Names of live widgets whose text (or spoken name) contains ``text``, anywhere in the application."""
    found = []
    for widget in QApplication.allWidgets():
        texts = [widget.accessibleName(), widget.toolTip()]
        if isinstance(widget, QLineEdit | QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            texts.append(widget.toPlainText())
        if any(text in t for t in texts):
            found.append(widget.objectName() or type(widget).__name__)
    return found


def lock_once_shown(window: MainWindow, find: Callable[[], QDialog | None], fill: Callable[[QDialog], None]) -> list:
    """Once ``find`` gives a dialog (maybe inside its own exec() loop), ``fill`` it and let the idle lock fire.

    Returns a list that gets, at the moment the journal closes, whether that dialog was still on screen.
    A dialog still open then is closed by the test itself, so a failure fails instead of hanging in exec().
    """
    still_open: list[bool] = []

    def watch(dialog: QDialog) -> None:
        shown = shiboken6.isValid(dialog) and dialog.isVisible()
        still_open.append(shown)
        if shown:
            dialog.reject()

    def arm() -> None:
        dialog = find()
        if dialog is None:
            QTimer.singleShot(10, arm)  # not shown yet: look again once it has been
            return
        fill(dialog)
        window.session.closed.connect(lambda: watch(dialog))
        window.idle_lock._timer.setInterval(30)
        window.idle_lock.arm()

    QTimer.singleShot(0, arm)
    return still_open


def test_idle_lock_closes_an_entry_dialog_and_forgets_its_text(qtbot, window: MainWindow) -> None:
    window.workspace.select_person(person_id(window, "Ana Silva"))
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.entries.current_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "summaryField"), SECRET)
    still_open = lock_once_shown(window, lambda: dialog, lambda _d: None)
    qtbot.waitUntil(lambda: not window.session.is_open, timeout=5000)
    assert still_open == [False]
    assert window.entries.current_dialog is None
    assert shown_dialogs() == []
    qtbot.waitUntil(lambda: widgets_showing(SECRET) == [])  # deleted on close, once the event loop turns


def test_idle_lock_ends_a_prompt_answer_running_its_own_loop(qtbot, window: MainWindow) -> None:
    prompts = window.workspace.prompts
    qtbot.waitUntil(lambda: len(prompts.cards()) > 0)
    card = prompts.cards()[0]

    def answer_dialog() -> QDialog | None:
        return next((d for d in prompts.findChildren(ReflectionDialog) if d.isVisible()), None)

    still_open = lock_once_shown(window, answer_dialog, lambda d: d.text_field.setPlainText(SECRET))
    card.answerRequested.emit(card.prompt)  # the panel opens the dialog with exec() once this returns
    qtbot.waitUntil(lambda: not window.session.is_open, timeout=5000)
    assert still_open == [False]
    assert shown_dialogs() == []
    qtbot.waitUntil(lambda: widgets_showing(SECRET) == [])
    assert prompts.findChildren(ReflectionDialog) == []


def test_idle_lock_cancels_the_delete_confirmation(qtbot, window: MainWindow) -> None:
    window.workspace.select_person(person_id(window, "Lee Park"))
    timeline = window.workspace.timeline
    timeline.list.setCurrentIndex(timeline.model.index(timeline.model.find(EntryType.TOUCHPOINT, 1)))

    def confirmation() -> QDialog | None:
        return next((b for b in window.findChildren(QMessageBox) if b.isVisible()), None)

    still_open = lock_once_shown(window, confirmation, lambda _d: None)
    qtbot.keyClick(timeline.list, Qt.Key.Key_Delete)  # returns once the confirmation's exec() has ended
    qtbot.waitUntil(lambda: not window.session.is_open, timeout=5000)
    assert still_open == [False]
    assert shown_dialogs() == []
    qtbot.waitUntil(lambda: window.findChildren(QMessageBox) == [])
    qtbot.waitUntil(lambda: widgets_showing("Met Lee at the Lisbon data meetup") == [])


def test_lock_leaves_no_undo_history_in_the_search_and_filter_boxes(qtbot, window: MainWindow) -> None:
    search = window.workspace.search.box
    people_filter = window.workspace.contacts.filter
    qtbot.keyClicks(search, "pricing")
    qtbot.keyClicks(people_filter, "Ana")
    qtbot.keyClick(search, Qt.Key.Key_Escape)  # Esc clears the box, undoably, as a person would expect
    window.lock()
    for box in (search, people_filter):
        assert not box.isUndoAvailable()
        box.undo()
        assert box.text() == ""
