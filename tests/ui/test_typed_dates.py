"""Dates are typed as people write them, and a date that does not exist is refused where it was typed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QDialog, QTableView, QWidget

from netjournal.services import records
from netjournal.store.models import Exchange
from netjournal.ui.dialogs.exchange_dialog import ExchangeDialog

TODAY = dt.date.today()
LEE = 3  # in the seeded journal


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def type_keys(qtbot, text: str) -> None:
    """One key at a time to whichever widget has focus then, as a keyboard would."""
    for character in text:
        qtbot.keyClick(focused(), character)


def press(qtbot, key: Qt.Key) -> None:
    qtbot.keyClick(focused(), key)


@pytest.fixture
def dialog(qtbot, session) -> ExchangeDialog:
    opened = ExchangeDialog(session, person_id=LEE)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    opened.activateWindow()
    opened.date_field.setFocus()
    opened.date_field.selectAll()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is opened.date_field)
    return opened


@pytest.mark.parametrize("typed", ["2025-11-20", "20251120", "20.11.2025", "2025-11-20 "])
def test_a_typed_date_is_that_date_and_stays_in_the_date_field(qtbot, dialog, typed) -> None:
    type_keys(qtbot, typed)
    assert focused() is dialog.date_field
    assert dialog.date_field.date() == QDate(2025, 11, 20)
    assert dialog.summary_field.text() == ""
    assert not dialog.date_field.message.isVisible()


def test_tab_leaves_a_typed_date_for_the_summary(qtbot, dialog) -> None:
    type_keys(qtbot, "2025-11-20")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.summary_field
    type_keys(qtbot, "Reviewed Lee's slides for the Lisbon keynote, two pages of notes")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)
    assert records.exchange(dialog.session.journal, dialog.saved_id).date == dt.date(2025, 11, 20)


@pytest.mark.parametrize(
    ("typed", "says"),
    [("20991345", "no month 13"), ("2025-02-30", "no day 30"), ("2099-01-01", "after"), ("next week", "not a date")],
)
def test_an_impossible_date_is_refused_by_the_field_and_never_saved(qtbot, dialog, typed, says) -> None:
    type_keys(qtbot, typed)
    press(qtbot, Qt.Key.Key_Tab)
    message = dialog.date_field.message
    assert message.isVisible() and says in message.text()
    assert dialog.date_field.text() == typed  # left as typed, not turned into some other date
    dialog.summary_field.setText("Reviewed Lee's slides for the Lisbon keynote, two pages of notes")
    before = Exchange.select().count(dialog.session.journal.db)
    dialog.save_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert focused() is dialog.date_field and dialog.date_field.property("invalid")
    assert Exchange.select().count(dialog.session.journal.db) == before
    dialog.date_field.selectAll()
    type_keys(qtbot, "2025-11-20")  # corrected, the message goes and the save goes through
    assert not message.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.save_button.click()
    assert records.exchange(dialog.session.journal, dialog.saved_id).date == dt.date(2025, 11, 20)


def test_the_calendar_opens_from_the_keyboard_and_picks_a_date(qtbot, dialog) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = dialog.findChild(QCalendarWidget, "dateFieldCalendar")
    assert calendar is not None and calendar.isVisible()
    calendar.setSelectedDate(QDate(2025, 3, 4))
    qtbot.keyClick(calendar.findChild(QTableView), Qt.Key.Key_Return)
    assert not calendar.isVisible()
    assert dialog.date_field.date() == QDate(2025, 3, 4) and dialog.date_field.text() == "2025-03-04"


def test_a_date_set_as_text_is_the_date_saved(qtbot) -> None:
    """Found in review: a draft restores the field with setText, which left date() at today's."""
    from PySide6.QtCore import QDate

    from netjournal.ui.widgets.date_field import DateField

    field = DateField(QDate(2026, 1, 10))
    qtbot.addWidget(field)
    with qtbot.waitSignal(field.dateChanged):
        field.setText("2025-03-04")
    assert field.date() == QDate(2025, 3, 4) and field.problem() == ""
    field.setText("2025-02-30")  # no such day: the date stays, and the field says why
    assert field.date() == QDate(2025, 3, 4) and "has no day 30" in field.problem()


def test_year_zero_is_said_as_such() -> None:
    """Found in review: 0000-01-01 was "month 1 of 0 has no day 1"."""
    from netjournal.ui.widgets.date_field import parse_date

    assert parse_date("0000-01-01") == (None, "“0000-01-01” is not a date: there is no year 0.")
