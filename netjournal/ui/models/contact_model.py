"""The contact list's rows: all people in memory, filtered and sorted in Python, and how a row is drawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from netjournal.domain import Direction
from netjournal.services.contact_list import ContactOrder, filter_people, rank_by_name, sort_people
from netjournal.services.people import PersonRow
from netjournal.ui.i18n import tr
from netjournal.ui.widgets.colors import direction_color, muted, overdue_color
from netjournal.ui.widgets.common import ago_text, days_text

PersonRole = Qt.ItemDataRole.UserRole + 1


def since_text(days: int | None) -> str:
    if days is None:
        return tr("never")
    if days == 0:
        return tr("today")
    if days < 60:
        return tr("{0}d").format(days)
    if days < 730:
        return tr("{0}mo").format(days // 30)
    return tr("{0}y").format(days // 365)


class ContactListModel(QAbstractListModel):
    """All people in memory; the visible rows are a filtered, sorted Python list."""

    def __init__(self, today: Callable[[], dt.date] = dt.date.today, parent=None) -> None:
        super().__init__(parent)
        self._today = today
        self._all: list[PersonRow] = []
        self._rows: list[PersonRow] = []
        self.filter_text = ""
        self.order = ContactOrder.NAME
        self.include_archived = False

    # -- data in -------------------------------------------------------------

    def update(self, rows: list[PersonRow], *, gone: Collection[int] = ()) -> None:
        """Replace or add these people's rows and drop the ``gone`` ones, keeping everyone else's."""
        fresh = {row.id: row for row in rows}
        kept = [row for row in self._all if row.id not in gone or row.id in fresh]
        self._all = [fresh.pop(row.id, row) for row in kept] + list(fresh.values())
        self._apply()

    def load(self, rows: list[PersonRow]) -> None:
        self._all = rows
        self._apply()

    def clear(self) -> None:
        self._all = []
        self._apply()

    def set_filter(self, text: str) -> None:
        self.filter_text = text
        self._apply()

    def set_order(self, order: ContactOrder) -> None:
        self.order = order
        self._apply()

    def set_include_archived(self, include: bool) -> None:
        self.include_archived = include
        self._apply()

    def _apply(self) -> None:
        self.beginResetModel()
        kept = filter_people(self._all, self.filter_text, include_archived=self.include_archived)
        self._rows = rank_by_name(sort_people(kept, self.order, self._today()), self.filter_text)
        self.endResetModel()

    def hidden_archived_count(self) -> int:
        """Archived people the filter would show if archived people were shown."""
        if self.include_archived:
            return 0
        archived = [row for row in self._all if row.archived]
        return len(filter_people(archived, self.filter_text, include_archived=True))

    # -- Qt model --------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def person_at(self, row: int) -> PersonRow:
        return self._rows[row]

    def row_of(self, person_id: int) -> int | None:
        for number, person in enumerate(self._rows):
            if person.id == person_id:
                return number
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        person = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return person.name
        if role == PersonRole:
            return person
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return self.describe(person)
        return None

    def describe(self, person: PersonRow) -> str:
        today = self._today()
        parts = [person.name]
        if person.organisation:
            parts.append(person.organisation)
        days = person.days_since(today)
        parts.append(tr("no entries yet") if days is None else tr("last entry {0}").format(ago_text(days)))
        overdue = person.overdue_days(today)
        if overdue:
            parts.append(tr("overdue by {0}").format(days_text(overdue)))
        parts.append(tr("gave {0}, received {1}").format(person.given, person.received))
        if person.archived:
            parts.append(tr("archived"))
        return ", ".join(parts)


class ContactDelegate(QStyledItemDelegate):
    """Name and organisation at left; time since contact, overdue mark and balance bar at right."""

    def __init__(self, today: Callable[[], dt.date], parent=None) -> None:
        super().__init__(parent)
        self._today = today

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(200, metrics.height() * 2 + 12)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        person: PersonRow = index.data(PersonRole)
        style = option.widget.style() if option.widget else None
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        rect = option.rect.adjusted(8, 5, -8, -5)
        metrics = QFontMetrics(option.font)
        line = metrics.height()
        right_width = 64
        painter.save()
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(text_color)
        name_rect = QRect(rect.left(), rect.top(), rect.width() - right_width, line)
        painter.drawText(
            name_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(bold).elidedText(person.name, Qt.TextElideMode.ElideRight, name_rect.width()),
        )
        painter.setFont(option.font)
        secondary = text_color if selected else muted(palette)
        painter.setPen(secondary)
        org = ", ".join(p for p in (person.organisation, person.role) if p)
        if person.archived:  # shown only with "Archived" ticked, and then told apart from the rest
            org = tr("Archived") + (f" \u00b7 {org}" if org else "")
        org_rect = QRect(rect.left(), rect.top() + line + 2, rect.width() - right_width, line)
        painter.drawText(
            org_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(org, Qt.TextElideMode.ElideRight, org_rect.width()),
        )
        today = self._today()
        overdue = person.overdue_days(today) > 0
        since_rect = QRect(rect.right() - right_width, rect.top(), right_width, line)
        painter.setPen(overdue_color(palette) if overdue and not selected else secondary)
        label = since_text(person.days_since(today)) + (" !" if overdue else "")
        painter.drawText(since_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        self._paint_balance(painter, QRect(rect.right() - 48, rect.top() + line + 6, 48, 6), person, palette)
        painter.restore()

    @staticmethod
    def _paint_balance(painter: QPainter, rect: QRect, person: PersonRow, palette: QPalette) -> None:
        total = person.given + person.received
        painter.setPen(Qt.PenStyle.NoPen)
        if total == 0:
            painter.setBrush(muted(palette))
            painter.setOpacity(0.35)
            painter.drawRoundedRect(rect, 3, 3)
            painter.setOpacity(1.0)
            return
        given_width = round(rect.width() * person.given / total)
        painter.setBrush(direction_color(Direction.GIVEN, palette))
        painter.drawRect(QRect(rect.left(), rect.top(), given_width, rect.height()))
        painter.setBrush(direction_color(Direction.RECEIVED, palette))
        painter.drawRect(QRect(rect.left() + given_width, rect.top(), rect.width() - given_width, rect.height()))
