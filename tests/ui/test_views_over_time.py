"""The Over time view: given and received per month, for the selected person or the whole network."""

from __future__ import annotations

from PySide6.QtCore import Qt
from views_support import focused, press_view_key

from netjournal.services import people


def test_ctrl_4_shows_the_selected_person_and_the_keyboard_switches_to_the_network(qtbot, window) -> None:
    journal = window.session.journal
    tom = people.find_person(journal, "Tom Reyes")
    assert tom is not None
    window.select_person(tom.id)
    press_view_key(qtbot, window, 4)
    view = window.views.over_time
    assert window.workspace.centre.currentWidget() is view and focused() is view.scope
    assert view.scope.currentText() == "Tom Reyes"
    # Within the last three years: three rubric reviews, and being introduced to Ana.
    assert view.caption.text() == "Tom Reyes: 4 given and 0 received in 36 months."
    assert len(view.chart.rows) == 36 and sum(row.given for row in view.chart.rows) == 4
    assert [row.label for row in view.kinds.rows] == ["Feedback", "Introduction"]
    assert "you gave 3 times" in view.kinds.accessibleDescription()

    qtbot.keyClick(view.scope, Qt.Key.Key_Up)  # the whole network
    assert view.caption.text() == "The whole network: 4 given and 1 received in 36 months."
    qtbot.keyClick(view.scope, Qt.Key.Key_Tab)
    assert focused() is view.span
    qtbot.keyClick(view.span, Qt.Key.Key_Up)  # the last 12 months
    assert len(view.chart.rows) == 12
    assert view.caption.text() == "The whole network: 3 given and 1 received in 12 months."


def test_an_empty_scope_says_so_and_draws_nothing(qtbot, window) -> None:
    journal = window.session.journal
    lee = people.find_person(journal, "Lee Park")
    assert lee is not None
    window.select_person(lee.id)
    press_view_key(qtbot, window, 4)
    view = window.views.over_time
    assert view.caption.text() == "No exchanges with Lee Park in these months."
    assert view.kinds.rows == [] and not view.kinds_heading.isVisible()
    window.grab()  # paints the empty chart without failing


def test_locking_clears_the_views(qtbot, window) -> None:
    press_view_key(qtbot, window, 4)
    with qtbot.waitSignal(window.session.closed):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.views.over_time.chart.rows == [] and window.views.over_time.caption.text() == ""
    assert not window.views.actions["over_time"].isEnabled()


def test_more_than_five_years_are_drawn_by_quarter() -> None:
    from netjournal.services.over_time import MonthFlow
    from netjournal.ui.views.over_time import chart_rows

    months = tuple(MonthFlow(2020 + i // 12, i % 12 + 1, 1, 2, 0, 0) for i in range(72))
    rows = chart_rows(months)
    assert len(rows) == 24 and rows[0] == ("2020", 3, 0) and rows[4].label == "2021" and rows[5].label == ""
    assert len(chart_rows(months[:60])) == 60
