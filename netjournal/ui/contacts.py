"""The contact list: a filter box, a sort choice and a list of people drawn by a delegate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from netjournal.domain import Direction
from netjournal.services.contact_list import ContactOrder, filter_people, sort_people
from netjournal.services.events import JournalChange
from netjournal.services.people import PersonRow, list_people
from netjournal.ui import icons
from netjournal.ui.colors import direction_color, muted, overdue_color
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session

PersonRole = Qt.ItemDataRole.UserRole + 1
ORDER_LABELS = {
    ContactOrder.NAME: "Name",
    ContactOrder.LAST_CONTACT: "Last contact",
    ContactOrder.OVERDUE: "Overdue first",
    ContactOrder.BALANCE: "Balance (you give most)",
}


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
        self._rows = sort_people(kept, self.order, self._today())
        self.endResetModel()

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
        parts.append(tr("no entries yet") if days is None else tr("last entry {0} days ago").format(days))
        overdue = person.overdue_days(today)
        if overdue:
            parts.append(tr("overdue by {0} days").format(overdue))
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


class _FilterField(QLineEdit):
    """Down moves into the list; Enter opens the first match."""

    moveDown = Signal()
    activateFirst = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.moveDown.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activateFirst.emit()
            return
        super().keyPressEvent(event)


class ContactsPane(QWidget):
    """Everyone / filter / sort / archived toggle / list; emits the selection."""

    personSelected = Signal(int)
    everyoneSelected = Signal()

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        super().__init__(parent)
        self._session = session
        self.model = ContactListModel(today, self)

        self.everyone_button = QPushButton(self.tr("Everyone: the whole network"), self)
        self.everyone_button.setIcon(icons.icon("everyone", self.palette().color(QPalette.ColorRole.ButtonText)))
        self.everyone_button.setToolTip(self.tr("Everyone's timeline (Ctrl+0)"))
        self.everyone_button.setObjectName("everyoneButton")
        self.everyone_button.setAccessibleName(self.tr("Show the whole network's timeline"))
        self.everyone_button.setCheckable(True)
        self.everyone_button.setFlat(True)
        self.everyone_button.clicked.connect(self._choose_everyone)

        self.filter = _FilterField(self)
        self.filter.setObjectName("contactFilter")
        self.filter.setAccessibleName(self.tr("Filter people"))
        self.filter.setPlaceholderText(self.tr("Find a person, organisation or tag (Ctrl+K)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.model.set_filter)
        self.filter.moveDown.connect(self._focus_list)
        self.filter.activateFirst.connect(self._activate_first)

        self.sort = QComboBox(self)
        self.sort.setObjectName("contactSort")
        self.sort.setAccessibleName(self.tr("Sort people by"))
        for order, label in ORDER_LABELS.items():
            self.sort.addItem(self.tr(label), order.value)
        self.sort.currentIndexChanged.connect(lambda _i: self.model.set_order(ContactOrder(self.sort.currentData())))
        self.archived = QCheckBox(self.tr("Archived"), self)
        self.archived.setObjectName("showArchived")
        self.archived.setAccessibleName(self.tr("Show archived people"))
        self.archived.toggled.connect(self.model.set_include_archived)

        self.list = QListView(self)
        self.list.setObjectName("contactList")
        self.list.setAccessibleName(self.tr("People"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(ContactDelegate(today, self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)

        controls = QHBoxLayout()
        controls.addWidget(self.sort, 1)
        controls.addWidget(self.archived)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.everyone_button)
        layout.addWidget(self.filter)
        layout.addLayout(controls)
        layout.addWidget(self.list, 1)

        self._selected_id: int | None = None
        self._reload_timer = QTimer(self, singleShot=True, interval=0)
        self._reload_timer.timeout.connect(self.reload)
        session.opened.connect(self.reload)
        session.closed.connect(self.clear)
        session.changed.connect(self._on_change)

    # -- state -------------------------------------------------------------------

    def reload(self) -> None:
        if self._session.is_open:
            self.model.load(list_people())

    def clear(self) -> None:
        self._selected_id = None
        self.filter.clear()
        self.model.clear()
        self.everyone_button.setChecked(False)

    def _on_change(self, change: JournalChange) -> None:
        if change.entity != "prompt":
            self._reload_timer.start()  # coalesce a burst of changes into one reload

    @property
    def selected_person_id(self) -> int | None:
        return self._selected_id

    def select_person(self, person_id: int) -> None:
        row = self.model.row_of(person_id)
        if row is None and self.filter.text():
            self.filter.clear()
            row = self.model.row_of(person_id)
        if row is None and not self.archived.isChecked():
            self.archived.setChecked(True)
            row = self.model.row_of(person_id)
        if row is not None:
            index = self.model.index(row)
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index)

    def select_everyone(self) -> None:
        self._choose_everyone()

    # -- slots ---------------------------------------------------------------------

    def _choose_everyone(self) -> None:
        self._selected_id = None
        self.list.clearSelection()
        self.list.setCurrentIndex(QModelIndex())
        self.everyone_button.setChecked(True)
        self.everyoneSelected.emit()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        person = self.model.person_at(current.row())
        if person.id == self._selected_id:
            return
        self._selected_id = person.id
        self.everyone_button.setChecked(False)
        self.personSelected.emit(person.id)

    def _remember_selection(self) -> None:
        self._restoring = self._selected_id

    def _restore_selection(self) -> None:
        wanted = getattr(self, "_restoring", None)
        if wanted is None:
            return
        row = self.model.row_of(wanted)
        if row is not None:
            self.list.selectionModel().blockSignals(True)
            self.list.setCurrentIndex(self.model.index(row))
            self.list.selectionModel().blockSignals(False)

    def _focus_list(self) -> None:
        self.list.setFocus()
        if self.model.rowCount() and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.model.index(0))

    def _activate_first(self) -> None:
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))
            self.list.setFocus()
