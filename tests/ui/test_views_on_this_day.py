"""The On this day view: entries of today's date in earlier years, by year; Enter opens one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from views_support import focused, press_view_key

from netjournal.services import entries, people


def _years_ago(years: int) -> dt.date:
    today = dt.date.today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February: the service looks for the 29th only in leap years
        return today.replace(year=today.year - years, day=28)


def test_ctrl_5_groups_earlier_years_and_enter_opens_the_entry(qtbot, window) -> None:
    journal = window.session.journal
    ana = people.find_person(journal, "Ana Silva")
    assert ana is not None
    entries.add_touchpoint(journal, ana.id, "Lunch at the harbour", date=_years_ago(1))
    entries.add_reflection(journal, "Three years of the Lisbon meetup", date=_years_ago(3))
    press_view_key(qtbot, window, 5)
    view = window.views.on_this_day
    assert window.workspace.centre.currentWidget() is view and focused() is view.list
    lines = [view.list.item(row).text() for row in range(view.list.count())]
    year = dt.date.today().year
    assert lines[0] == f"{year - 1} · a year ago" and "Lunch at the harbour" in lines[1]
    assert lines[2] == f"{year - 3} · 3 years ago" and "Three years of the Lisbon meetup" in lines[3]
    assert view.caption.text().startswith("2 entries on ")
    assert view.list.currentRow() == 1  # the first entry, not its year's heading

    qtbot.keyClick(view.list, Qt.Key.Key_Down)  # skips the heading of the next year
    assert view.list.currentRow() == 3
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    dialog = window.entries.current_dialog
    assert dialog is not None and dialog.objectName() == "reflectionDialog"
    dialog.reject()


def test_a_day_without_history_says_so_in_a_sentence(qtbot, window) -> None:
    press_view_key(qtbot, window, 5)
    view = window.views.on_this_day
    assert view.list.count() == 0
    assert view.caption.text().startswith("Nothing happened on ") and view.caption.text().endswith(".")
