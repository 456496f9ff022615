"""On this day: the entries dated today's day and month in earlier years, grouped by year."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from netjournal.domain import TimelineEntry
from netjournal.services.on_this_day import on_this_day
from netjournal.ui.i18n import tr
from netjournal.ui.models.timeline_model import describe
from netjournal.ui.session import Session
from netjournal.ui.views.base import ViewPage
from netjournal.ui.widgets.common import format_date, plural

ENTRY_ROLE = Qt.ItemDataRole.UserRole


class EntryList(QListWidget):
    """Enter opens the current entry, as on the timeline."""

    entryActivated = Signal(object)  # a TimelineEntry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)  # whole sentences: an entry is read here, not only found
        self.setUniformItemSizes(False)
        self.itemActivated.connect(self._activated)

    def current_entry(self) -> TimelineEntry | None:
        item = self.currentItem()
        return None if item is None else item.data(ENTRY_ROLE)

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Up and Down step over the years' headings, to the entry beyond (or stay put at either end)."""
        target = super().moveCursor(action, modifiers)
        step = (
            -1 if action in (QAbstractItemView.CursorAction.MoveUp, QAbstractItemView.CursorAction.MovePrevious) else 1
        )
        row = target.row()
        while 0 <= row < self.count() and self.item(row).data(ENTRY_ROLE) is None:
            row += step
        if not 0 <= row < self.count():
            return self.currentIndex()
        return self.model().index(row, 0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_entry() is not None:
            self.entryActivated.emit(self.current_entry())
            return
        super().keyPressEvent(event)

    def _activated(self, item: QListWidgetItem) -> None:
        entry = item.data(ENTRY_ROLE)
        if entry is not None:
            self.entryActivated.emit(entry)


class OnThisDayView(ViewPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "onThisDayView", tr("On this day"), parent)
        self.list = EntryList(self)
        self.list.setObjectName("onThisDayList")
        self.list.setAccessibleName(tr("Entries on this day in earlier years"))
        self.body.addWidget(self.list, 1)
        self.today: dt.date | None = None  # tests fix the day; otherwise the calendar's

    def reload(self) -> None:
        today = self.today or dt.date.today()
        years = on_this_day(self.session.journal, today)
        self.list.clear()
        day = today.strftime("%d %B").lstrip("0")
        if not years:
            self.caption.setText(
                tr("Nothing happened on {0} in earlier years, or nothing was written down.").format(day)
            )
            return
        count = sum(len(year.entries) for year in years)
        if count == 1:
            self.caption.setText(tr("One entry on {0} in earlier years.").format(day))
        else:
            self.caption.setText(tr("{count} entries on {day} in earlier years.").format(count=count, day=day))
        for year in years:
            ago = plural(year.years_ago, tr("a year ago"), tr("{0} years ago"))
            header = QListWidgetItem(f"{year.year} · {ago}")
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not selectable, skipped by the arrow keys
            self.list.addItem(header)
            for entry in year.entries:
                item = QListWidgetItem(describe(entry))
                item.setData(ENTRY_ROLE, entry)
                item.setToolTip(format_date(entry.date))
                self.list.addItem(item)
        self.list.setCurrentRow(1)

    def current_entry(self) -> TimelineEntry | None:
        return self.list.current_entry()

    def clear(self) -> None:
        self.list.clear()
