"""The Overdue view: people past their rhythm, most valuable first, and a touchpoint a key away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from views_support import focused, press_view_key, texts

from netjournal.services import people


def test_ctrl_6_lists_overdue_people_and_t_logs_a_touchpoint_that_takes_them_off(qtbot, window) -> None:
    press_view_key(qtbot, window, 6)
    view = window.views.overdue
    assert window.workspace.centre.currentWidget() is view
    assert focused() is view.table
    rows = texts(view.table)
    assert [row[0] for row in rows] == ["Ana Silva · Northwind"]  # Tom and Lee have no rhythm
    assert view.caption.text().startswith("One person is past their rhythm. Enter or T logs a touchpoint")

    qtbot.keyClick(view.table, Qt.Key.Key_T)
    dialog = window.entries.current_dialog
    assert dialog is not None and dialog.objectName() == "touchpointDialog"
    assert dialog.person_field.text() == "Ana Silva"
    dialog.note_field.setFocus()
    qtbot.keyClicks(dialog.note_field, "Sent Ana the Lisbon meetup notes")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.note_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.table.topLevelItemCount() == 0)
    assert view.caption.text() == "Nobody is past their keep-in-touch rhythm."
    qtbot.waitUntil(lambda: focused() is view.table)


def test_the_most_valuable_tie_comes_first_and_p_opens_their_timeline(qtbot, window) -> None:
    journal = window.session.journal
    tom = people.find_person(journal, "Tom Reyes")
    assert tom is not None
    # Tom's last entry is 50 days old: with a 30-day rhythm he is overdue too.
    people.update_person(
        journal, tom.id, people.PersonInput("Tom Reyes", organisation="Fernhill Labs", cadence_days=30)
    )
    press_view_key(qtbot, window, 6)
    view = window.views.overdue
    # In two years Tom had 3 × 3 in feedback and was introduced (4); Ana had 4 given and 5 received.
    rows = texts(view.table)
    assert [row[0] for row in rows] == ["Tom Reyes · Fernhill Labs", "Ana Silva · Northwind"]
    assert rows[0][4] == "gave 13 · received 0" and rows[1][4] == "gave 4 · received 5"
    assert "2 people are past their rhythm, ranked by the significance" in view.caption.text()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_P)
    assert window.workspace.centre.currentWidget() is window.workspace.timeline
    ana = people.find_person(journal, "Ana Silva")
    assert ana is not None and window.current_person_id() == ana.id
