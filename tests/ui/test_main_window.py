"""The main window end to end, on a real encrypted journal, driven by keys and clicks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from support import PASSPHRASE

from netjournal.domain import Direction, EntryType, ReflectionEntry
from netjournal.services import relationships
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.widgets import messages
from netjournal.ui.widgets.balance_chart import BalanceChart


def person_id(window: MainWindow, name: str) -> int:
    from netjournal.services.people import find_person

    person = find_person(window.session.journal, name)
    assert person is not None
    return person.id


def focused():
    return QApplication.focusWidget()


def visible_texts(window: MainWindow) -> str:
    texts = [w.text() for w in window.findChildren(QLabel)] + [w.text() for w in window.findChildren(QLineEdit)]
    return "\n".join(texts)


def test_filter_and_select_a_person_with_the_keyboard(qtbot, window: MainWindow) -> None:
    contacts = window.workspace.contacts
    assert contacts.filter.hasFocus()
    qtbot.keyClicks(contacts.filter, "fernhill")  # organisation, not name
    assert [contacts.model.person_at(r).name for r in range(contacts.model.rowCount())] == ["Tom Reyes"]
    qtbot.keyClick(contacts.filter, Qt.Key.Key_Return)
    assert window.workspace.timeline.title.text() == "Tom Reyes"
    assert window.workspace.relationship.person_id() == person_id(window, "Tom Reyes")


def test_timeline_shows_both_directions_in_words_and_colour(window: MainWindow) -> None:
    window.workspace.select_person(person_id(window, "Ana Silva"))
    model = window.workspace.timeline.model
    exchanges = [e for e in model.entries() if e.type is EntryType.EXCHANGE]
    assert {e.direction for e in exchanges} == {Direction.GIVEN, Direction.RECEIVED}
    spoken = [model.data(model.index(model.find(e.type, e.id)), Qt.ItemDataRole.AccessibleTextRole) for e in exchanges]
    assert any(text.startswith("Gave introduction to Ana Silva") for text in spoken)
    assert any(text.startswith("Received advice from Ana Silva") for text in spoken)
    headers = [model.row_at(r) for r in range(model.rowCount()) if not hasattr(model.row_at(r), "type")]
    assert headers, "entries are grouped under month headers"


def test_log_an_exchange_with_the_keyboard_alone(qtbot, window: MainWindow) -> None:
    ana = person_id(window, "Ana Silva")
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "ana silva")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert window.workspace.person_id == ana
    before = relationships.relationship(window.session.journal, ana).ledger.totals["12m"].given_count
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.entries.current_dialog
    assert dialog is not None and dialog.objectName() == "exchangeDialog"
    qtbot.waitUntil(lambda: focused() is not None and dialog.isAncestorOf(focused()))
    # Person is preset to Ana: focus starts on the kind; move to the summary by Tab alone.
    while focused().objectName() != "summaryField":
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "helped with stuff")
    hint = dialog.findChild(QLabel, "specificityHint")
    assert "vague" in hint.text().lower() or "name" in hint.text().lower()
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    summary = "Sent Ana the Lisbon pricing spreadsheet for her board meeting on Friday"
    qtbot.keyClicks(focused(), summary)
    with qtbot.waitSignal(window.session.changed):
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert window.entries.current_dialog is None
    qtbot.waitUntil(lambda: any(e.title == summary for e in window.workspace.timeline.model.entries()))
    after = relationships.relationship(window.session.journal, ana).ledger.totals["12m"].given_count
    assert after == before + 1
    chart = window.workspace.relationship.findChild(BalanceChart)
    qtbot.waitUntil(lambda: f"12 months: you gave {after} time" in chart.accessibleDescription())


def test_answer_a_prompt_puts_a_reflection_on_the_timeline(qtbot, window: MainWindow, monkeypatch) -> None:
    prompts = window.workspace.prompts
    qtbot.waitUntil(lambda: len(prompts.cards()) > 0)
    card = prompts.cards()[0]
    prompt = card.prompt
    monkeypatch.setattr(prompts, "_ask_answer", lambda _p: "I will write to her this week with the numbers.")
    with qtbot.waitSignal(window.session.changed):
        card.answerRequested.emit(prompt)
    window.workspace.show_everyone()
    qtbot.waitUntil(
        lambda: any(
            isinstance(e, ReflectionEntry) and e.prompt_id == prompt.key
            for e in window.workspace.timeline.model.entries()
        )
    )
    qtbot.waitUntil(lambda: all(c.prompt.key != prompt.key for c in prompts.cards()))
    model = window.workspace.timeline.model
    answer = next(e for e in model.entries() if isinstance(e, ReflectionEntry) and e.prompt_id == prompt.key)
    spoken = model.data(model.index(model.find(answer.type, answer.id)), Qt.ItemDataRole.AccessibleTextRole)
    assert "answering" in spoken
    assert prompt.text in spoken  # the question as it was asked, names and all


def test_search_and_jump_to_the_entry(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = window.workspace.search.box
    assert box.hasFocus()
    qtbot.keyClicks(box, "pricing deck")
    results = window.workspace.search.model
    qtbot.waitUntil(lambda: results.rowCount() == 1)
    assert window.workspace.centre.currentWidget() is window.workspace.search
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(window.workspace.search.results, Qt.Key.Key_Return)
    timeline = window.workspace.timeline
    assert window.workspace.centre.currentWidget() is timeline
    assert timeline.title.text() == "Ana Silva"
    current = timeline.list.current_entry()
    assert current is not None and "pricing deck" in current.title
    assert box.text() == ""


def test_lock_clears_every_view_and_unlock_restores(qtbot, window: MainWindow, settings_file: Path) -> None:
    window.workspace.select_person(person_id(window, "Ana Silva"))
    window.workspace.search.box.setText("Tom")
    window.workspace.search.run_search()
    with qtbot.waitSignal(window.session.closed):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.session.is_open
    assert window.pages.currentWidget() is window.unlock
    ws = window.workspace
    assert ws.contacts.model.rowCount() == 0
    assert ws.timeline.model.rowCount() == 0
    assert ws.search.model.rowCount() == 0
    assert ws.prompts.cards() == []
    assert window.status_label.text() == ""
    text = visible_texts(window)
    for secret in ("Ana", "Tom", "Lee", "Northwind", "pricing"):
        assert secret not in text
    assert not window.window_actions.log_exchange.isEnabled()

    field = window.unlock.findChild(QLineEdit, "passphraseField")
    field.setFocus()
    qtbot.keyClicks(field, PASSPHRASE)
    with qtbot.waitSignal(window.session.opened, timeout=10_000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is ws
    assert ws.contacts.model.rowCount() == 3
    window.close()
    stored = settings_file.read_text(encoding="utf-8", errors="replace")
    for secret in ("Ana", "Tom", PASSPHRASE, "pricing"):
        assert secret not in stored


def test_delete_asks_then_deletes(qtbot, window: MainWindow, monkeypatch) -> None:
    window.workspace.select_person(person_id(window, "Lee Park"))
    timeline = window.workspace.timeline
    timeline.list.setCurrentIndex(timeline.model.index(timeline.model.find(EntryType.TOUCHPOINT, 1)))
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: asked.append(a) or False)
    qtbot.keyClick(timeline.list, Qt.Key.Key_Delete)
    assert asked and timeline.model.find(EntryType.TOUCHPOINT, 1) is not None
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    with qtbot.waitSignal(window.session.changed):
        qtbot.keyClick(timeline.list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: timeline.model.find(EntryType.TOUCHPOINT, 1) is None)


def test_enter_on_an_exchange_opens_it_for_editing(qtbot, window: MainWindow) -> None:
    window.workspace.select_person(person_id(window, "Tom Reyes"))
    timeline = window.workspace.timeline
    first = next(e for e in timeline.model.entries() if e.type is EntryType.EXCHANGE)
    timeline.list.setCurrentIndex(timeline.model.index(timeline.model.find(EntryType.EXCHANGE, first.id)))
    qtbot.keyClick(timeline.list, Qt.Key.Key_Return)
    dialog = window.entries.current_dialog
    assert dialog is not None and dialog.objectName() == "exchangeDialog"
    assert dialog.findChild(QLineEdit, "summaryField").text() == first.title
    dialog.reject()


def test_everyone_timeline_is_fetched_lazily(qtbot, window: MainWindow) -> None:
    from netjournal.services import entries
    from netjournal.ui.models.timeline_model import PAGE

    journal = window.session.journal
    lee = person_id(window, "Lee Park")
    with journal.write():
        for n in range(PAGE * 2):
            entries.add_touchpoint(journal, lee, f"Check-in number {n}")
    window.workspace.show_everyone()
    model = window.workspace.timeline.model
    loaded = len(model.entries())
    assert loaded == PAGE
    assert model.canFetchMore()
    window.workspace.timeline.list.scrollToBottom()
    qtbot.waitUntil(lambda: len(model.entries()) > loaded)


def test_idle_journal_locks_itself(qtbot, window: MainWindow) -> None:
    window.idle_lock._timer.setInterval(30)
    window.idle_lock.arm()
    qtbot.waitUntil(lambda: not window.session.is_open, timeout=5000)
    assert window.pages.currentWidget() is window.unlock
    note = window.unlock.findChild(QLabel, "unlockNote")
    assert "without activity" in note.text()
    assert window.workspace.contacts.model.rowCount() == 0


def test_activity_postpones_the_idle_lock(qtbot, window: MainWindow, monkeypatch) -> None:
    lock = window.idle_lock
    lock.arm()
    restarts = []
    real_start = lock._timer.start
    monkeypatch.setattr(lock._timer, "start", lambda *a: (restarts.append(a), real_start(*a)))
    qtbot.keyClick(window.workspace.contacts.filter, Qt.Key.Key_A)
    assert restarts, "a key press restarts the countdown"
    assert lock.armed and window.session.is_open


def test_window_actions_leave_qwidget_actions_alone(window: MainWindow) -> None:
    """The commands live in ``window_actions``; ``QWidget.actions()`` is not shadowed and lists them."""
    listed = window.actions()
    assert window.window_actions.lock in listed
    assert all(action in listed for action in window.window_actions.journal_actions())
