"""The Introductions view: who connected whom, what came of it, and writing that down from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit
from views_support import focused, press_view_key, texts

from netjournal.services import entries, people
from netjournal.services.introductions import introductions


def test_ctrl_7_lists_introductions_and_enter_records_what_came_of_one(qtbot, window) -> None:
    journal = window.session.journal
    lee = people.find_person(journal, "Lee Park")
    ana = people.find_person(journal, "Ana Silva")
    assert lee is not None and ana is not None
    entries.add_exchange(
        journal,
        entries.ExchangeInput("received", "introduction", "Lee put me in touch with Ana's co-founder", lee.id,
                              second_person_id=ana.id),
    )  # fmt: skip
    press_view_key(qtbot, window, 7)
    view = window.views.introductions
    assert window.workspace.centre.currentWidget() is view and focused() is view.table
    rows = texts(view.table)
    assert [row[1:3] for row in rows] == [
        ["Lee Park introduced you to Ana Silva", "—"],
        ["You introduced Ana Silva to Tom Reyes", "—"],
    ]
    assert view.caption.text().startswith("1 made, 1 received, 0 between others; 2 without a word on what came of it.")

    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = window.findChild(QInputDialog, "outcomeDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    field = dialog.findChild(QLineEdit, "outcomeField")
    qtbot.waitUntil(lambda: focused() is field)
    assert "You introduced Ana Silva to Tom Reyes" in dialog.labelText()
    qtbot.keyClicks(field, "Tom hired her data lead")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: texts(view.table)[1][2] == "Tom hired her data lead")
    assert view.table.currentItem() is view.table.topLevelItem(1)  # the row stays chosen
    assert introductions(journal).without_outcome == 1
    qtbot.waitUntil(lambda: focused() is view.table)


def test_escape_in_the_outcome_dialog_writes_nothing(qtbot, window) -> None:
    press_view_key(qtbot, window, 7)
    view = window.views.introductions
    qtbot.keyClick(view.table, Qt.Key.Key_O)
    dialog = window.findChild(QInputDialog, "outcomeDialog")
    field = dialog.findChild(QLineEdit, "outcomeField")
    qtbot.waitUntil(lambda: focused() is field)
    qtbot.keyClicks(field, "Not this")
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert introductions(window.session.journal).introductions[0].outcome == ""


def test_the_chosen_introduction_is_read_in_full_under_the_list(qtbot, window) -> None:
    journal = window.session.journal
    lee = people.find_person(journal, "Lee Park")
    ana = people.find_person(journal, "Ana Silva")
    assert lee is not None and ana is not None
    outcome = "They met twice, then Ana hired Lee's former colleague as head of data " * 3
    entries.add_exchange(
        journal,
        entries.ExchangeInput("given", "introduction", "Introduced Lee to Ana for her data hire", lee.id,
                              second_person_id=ana.id, outcome=outcome.strip()),
    )  # fmt: skip
    press_view_key(qtbot, window, 7)
    view = window.views.introductions
    assert view.detail.text().endswith(f"What came of it: {outcome.strip()}")
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert "You introduced Ana Silva to Tom Reyes" in view.detail.text()
    assert view.detail.text().endswith("What came of it: Nothing recorded yet (Enter or O).")


def test_at_1024_by_700_long_names_leave_the_outcome_column_in_view(qtbot, window) -> None:
    journal = window.session.journal
    first = people.add_person(journal, people.PersonInput("Maximiliane Auguste von Hohenzollern-Sigmaringen"))
    second = people.add_person(journal, people.PersonInput("Bartholomew Fitzwilliam Montgomery-Ashworth III"))
    entries.add_exchange(
        journal, entries.ExchangeInput("given", "introduction", "about the archive", first, second_person_id=second)
    )
    window.resize(1024, 700)
    press_view_key(qtbot, window, 7)
    table = window.views.introductions.table
    qtbot.waitUntil(lambda: table.viewport().width() > 0)
    viewport = table.viewport().width()
    assert table.columnWidth(1) <= int(viewport * 0.6)
    assert table.header().sectionPosition(2) + 40 <= viewport  # some of "What came of it" shows
