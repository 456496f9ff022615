"""A date typed as text: 2026-11-20, 20261120 or 20.11.2026, refused visibly when no such date exists.

Qt's QDateEdit walks through day, month and year sections and quietly "fixes"
what it cannot take (a month 13 becomes some other date; a dash can leave the
field). This field is a line edit instead: whatever is typed stays as typed,
``date()`` is the last date it held that exists and lies within range, and the
field's ``message`` label (placed by the form, under the field) says what is
wrong with anything else. A calendar opens with Alt+Down or F4.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QCalendarWidget, QLabel, QLineEdit, QWidget

from netjournal.ui.i18n import tr
from netjournal.ui.widgets import dates
from netjournal.ui.widgets.colors import overdue_color

_YEAR_FIRST = re.compile(r"(\d{4})[-./ ](\d{1,2})[-./ ](\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})")


def parse_date(text: str) -> tuple[dt.date | None, str]:
    """The date ``text`` names and "", or ``None`` and a sentence saying why it names none."""
    text = text.strip()
    if not text:
        return None, tr("Type a date, for example 2026-11-20.")
    for pattern, order in ((_YEAR_FIRST, "ymd"), (_DIGITS, "ymd"), (_DAY_FIRST, "dmy")):
        found = pattern.fullmatch(text)
        if found is None:
            continue
        parts = dict(zip(order, (int(part) for part in found.groups()), strict=True))
        year, month, day = parts["y"], parts["m"], parts["d"]
        if year < 1:
            return None, tr("“{0}” is not a date: there is no year 0.").format(text)
        if not 1 <= month <= 12:
            return None, tr("“{0}” is not a date: there is no month {1}.").format(text, month)
        try:
            return dt.date(year, month, day), ""
        except ValueError:
            return None, tr("“{0}” is not a date: month {1} of {2} has no day {3}.").format(text, month, year, day)
    return None, tr("“{0}” is not a date; type it as 2026-11-20, 20261120 or 20.11.2026.").format(text)


class DateField(QLineEdit):
    """A line edit holding one date; ``dateChanged`` fires when a new valid date has been typed or set."""

    dateChanged = Signal(QDate)

    def __init__(self, date: QDate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date = date
        self._minimum = QDate(1900, 1, 1)
        self._maximum = QDate(9999, 12, 31)
        self._calendar: QCalendarWidget | None = None
        self.message = QLabel(parent)
        self.message.setObjectName("dateFieldMessage")
        self.message.setAccessibleName(tr("What is wrong with the date"))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        palette = self.message.palette()
        palette.setColor(QPalette.ColorRole.WindowText, overdue_color(self.palette()))
        self.message.setPalette(palette)
        self.message.hide()
        self.setPlaceholderText("YYYY-MM-DD")
        self.setToolTip(tr("A date such as 2026-11-20, 20261120 or 20.11.2026; Alt+Down opens a calendar."))
        self.setText(self._iso(date))
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self._finished)

    # -- the QDateEdit calls the forms use ----------------------------------------

    def date(self) -> QDate:
        return self._date

    def setDate(self, date: QDate) -> None:
        self.setText(self._iso(date))
        self._accept(date)

    def setText(self, text: str) -> None:
        """Also the date, when the text is one (a draft restores the field by its text)."""
        super().setText(text)
        date, _problem = parse_date(text)
        if date is not None and not self.problem():
            self._accept(QDate(date.year, date.month, date.day))

    def minimumDate(self) -> QDate:
        return self._minimum

    def maximumDate(self) -> QDate:
        return self._maximum

    def setMinimumDate(self, date: QDate) -> None:
        self._minimum = date

    def setMaximumDate(self, date: QDate) -> None:
        self._maximum = date
        if self._date > date:
            self.setDate(date)

    # -- checking -----------------------------------------------------------------

    def problem(self) -> str:
        """Why the text is no date this field can take, or "" when it is one."""
        date, problem = parse_date(self.text())
        if date is None:
            return problem
        value = QDate(date.year, date.month, date.day)
        if value > self._maximum:
            return tr("{0} is after {1}, the latest date this field takes.").format(
                self._iso(value), self._iso(self._maximum)
            )
        if value < self._minimum:
            return tr("{0} is before {1}, the earliest date this field takes.").format(
                self._iso(value), self._iso(self._minimum)
            )
        return ""

    def show_problem(self) -> str:
        """Say under the field what is wrong with it (nothing when all is well); returns the sentence."""
        problem = self.problem() if self.isEnabled() else ""
        self.message.setText(problem)
        self.message.setVisible(bool(problem))
        self.setAccessibleDescription(problem)
        return problem

    @Slot(str)
    def _typed(self, text: str) -> None:
        date, problem = parse_date(text)
        if date is not None and not self.problem():
            self._accept(QDate(date.year, date.month, date.day))
            self.show_problem()
        elif date is not None or (problem and self._looks_complete(text)):
            self.show_problem()  # a whole date that does not exist or is out of range: say so at once
        else:
            self.message.hide()  # still being typed

    @Slot()
    def _finished(self) -> None:
        self.show_problem()

    @staticmethod
    def _looks_complete(text: str) -> bool:
        return len(re.sub(r"\D", "", text)) >= 8

    def _accept(self, date: QDate) -> None:
        if date != self._date:
            self._date = date
            self.dateChanged.emit(date)

    @staticmethod
    def _iso(date: QDate) -> str:
        return date.toString("yyyy-MM-dd")

    # -- the calendar -------------------------------------------------------------

    def setCalendarPopup(self, enable: bool) -> None:
        """Kept for the QDateEdit habit: the calendar is always there (Alt+Down, F4)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def calendarWidget(self) -> QCalendarWidget:  # QDateEdit's name, kept for its callers
        """The calendar Alt+Down opens, made on first use."""
        if self._calendar is None:
            self._calendar = QCalendarWidget(self)
            self._calendar.setWindowFlags(Qt.WindowType.Popup)
            self._calendar.setObjectName("dateFieldCalendar")
            self._calendar.setAccessibleName(tr("Calendar"))
            self._calendar.activated.connect(self._picked)
            self._calendar.clicked.connect(self._picked)
        self._calendar.setFirstDayOfWeek(dates.qt_first_day_of_week())  # the weeks Preferences give
        return self._calendar

    def open_calendar(self) -> QCalendarWidget:
        calendar = self.calendarWidget()
        calendar.setDateRange(self._minimum, self._maximum)
        calendar.setSelectedDate(self._date)
        calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus()
        return calendar

    @Slot(QDate)
    def _picked(self, date: QDate) -> None:
        if self._calendar is not None:
            self._calendar.hide()
        self.setDate(date)
        self.show_problem()
        self.setFocus()
