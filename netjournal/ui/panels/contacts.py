"""The contact list: a filter box, a sort choice and a list of people drawn by a delegate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netjournal.domain import Entity
from netjournal.services.contact_list import ContactOrder
from netjournal.services.events import JournalChange
from netjournal.services.people import list_people
from netjournal.ui.models.contact_model import ContactDelegate, ContactListModel
from netjournal.ui.session import Session
from netjournal.ui.widgets import icons
from netjournal.ui.widgets.colors import muted
from netjournal.ui.widgets.common import is_palette_change

ORDER_LABELS = {
    ContactOrder.NAME: "Name",
    ContactOrder.LAST_CONTACT: "Last contact",
    ContactOrder.OVERDUE: "Overdue first",
    ContactOrder.BALANCE: "Balance (you give most)",
}


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


class _PeopleList(QListView):
    """Delete on a person asks to delete them (the window asks what goes with them first).

    With nobody to list it says why in ``empty_text``, drawn where the rows would be: the list stays
    in place (and can take the focus) while a filter finds nobody.
    """

    deleteRequested = Signal()
    empty_text = ""

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self.setAccessibleDescription(text)
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if not self.empty_text or model is None or model.rowCount():
            return
        painter = QPainter(self.viewport())
        painter.setPen(muted(self.palette()))
        flags = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        painter.drawText(self.viewport().rect().adjusted(8, 8, -8, -8), int(flags), self.empty_text)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if self.currentIndex().isValid():
                self.deleteRequested.emit()
            return
        super().keyPressEvent(event)


class ContactsPane(QWidget):
    """Everyone / filter / sort / archived toggle / list; emits the selection."""

    personSelected = Signal(int)
    everyoneSelected = Signal()
    deletePersonRequested = Signal(int)
    sortChanged = Signal(str)  # a ContactOrder value

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        super().__init__(parent)
        self._session = session
        self.model = ContactListModel(today, self)

        self.everyone_button = QPushButton(self.tr("Everyone: the whole network"), self)
        self._tint_icons()
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
        self.sort.currentIndexChanged.connect(self._sort_changed)
        self.archived = QCheckBox(self.tr("Archived"), self)
        self.archived.setObjectName("showArchived")
        self.archived.setAccessibleName(self.tr("Show archived people"))
        self.archived.toggled.connect(self.model.set_include_archived)

        self.list = _PeopleList(self)
        self.list.setObjectName("contactList")
        self.list.setAccessibleName(self.tr("People"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(ContactDelegate(today, self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.list.deleteRequested.connect(self._delete_requested)
        # A filter that finds nobody says so, instead of leaving a blank list.
        self.model.modelReset.connect(self._show_empty_note)

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
        self._stale: set[int] | None = set()  # people to refresh; None: everyone
        self._reload_timer = QTimer(self, singleShot=True, interval=0)
        self._reload_timer.timeout.connect(self._refresh_stale)
        session.opened.connect(self.reload)
        session.closed.connect(self.clear)
        session.changed.connect(self._on_change)

    # -- state -------------------------------------------------------------------

    def reload(self) -> None:
        self._stale = set()
        if self._session.is_open:
            self.model.load(list_people(self._session.journal))

    def _refresh_stale(self) -> None:
        self._reload_timer.stop()  # also called directly, ahead of the timer
        stale, self._stale = self._stale, set()
        if not self._session.is_open:
            return
        if stale is None:
            self.model.load(list_people(self._session.journal))
        elif stale:
            rows = list_people(self._session.journal, only=stale)
            self.model.update(rows, gone=stale - {row.id for row in rows})  # asked for and not found: deleted

    def clear(self) -> None:
        self._selected_id = None
        self.filter.setText("")  # unlike clear(), also forgets the undo history
        self.model.clear()
        self.everyone_button.setChecked(False)

    def _on_change(self, change: JournalChange) -> None:
        if change.entity in (Entity.PROMPT_STATE, Entity.CIRCUMSTANCE):
            return  # nothing a row shows
        if change.is_whole_journal or (change.entity is Entity.PERSON and not change.person_ids):
            self._stale = None
        elif self._stale is not None:
            self._stale.update(change.person_ids)
        self._reload_timer.start()  # coalesce a burst of changes into one refresh

    @property
    def selected_person_id(self) -> int | None:
        return self._selected_id

    def select_person(self, person_id: int) -> None:
        if self._reload_timer.isActive():
            self._refresh_stale()  # the write just made (adding this person, say) shows first
        row = self.model.row_of(person_id)
        if row is None and self._session.is_open:
            # The list may lag behind a write (a person just added): read this one person now.
            fresh = list_people(self._session.journal, only={person_id})
            self.model.update(fresh)
            row = self.model.row_of(person_id)
            if row is None and self.filter.text():
                self.filter.clear()
                row = self.model.row_of(person_id)
            # Only an archived person is a reason to show the archived; nobody else turns the box on.
            if row is None and fresh and fresh[0].archived and not self.archived.isChecked():
                self.archived.setChecked(True)
                row = self.model.row_of(person_id)
        if row is not None:
            index = self.model.index(row)
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index)
        elif person_id != self._selected_id:
            # No row to highlight: highlight nobody rather than someone else, and still make them
            # the person the window is on, so what is shown and what Ctrl+N logs for are one person.
            self.list.clearSelection()
            self.list.setCurrentIndex(QModelIndex())
            self._selected_id = person_id
            self.everyone_button.setChecked(False)
            self.personSelected.emit(person_id)

    def select_everyone(self) -> None:
        self._choose_everyone()

    def mark_everyone(self) -> None:
        """Show "Everyone" as chosen and nobody in the list, without telling anyone (the caller shows it)."""
        self._selected_id = None
        self.list.clearSelection()
        self.list.setCurrentIndex(QModelIndex())  # an invalid current index emits nothing
        self.everyone_button.setChecked(True)

    def set_sort(self, value: str) -> None:
        """Sort by a ContactOrder value (as saved in the settings); unknown values are ignored."""
        index = self.sort.findData(value)
        if index >= 0:
            self.sort.setCurrentIndex(index)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if is_palette_change(event) and hasattr(self, "everyone_button"):  # also sent while __init__ runs
            self._tint_icons()

    # -- slots ---------------------------------------------------------------------

    def _tint_icons(self) -> None:
        self.everyone_button.setIcon(icons.icon("everyone", self.palette().color(QPalette.ColorRole.ButtonText)))

    def _sort_changed(self, _index: int) -> None:
        order = ContactOrder(self.sort.currentData())
        self.model.set_order(order)
        self.sortChanged.emit(order.value)

    def _choose_everyone(self) -> None:
        self.mark_everyone()
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

    def _show_empty_note(self) -> None:
        empty = self._session.is_open and self.model.rowCount() == 0
        self.list.set_empty_text(self._empty_sentence() if empty else "")

    def _empty_sentence(self) -> str:
        text = self.filter.text().strip()
        if not text:
            if self.model.hidden_archived_count():
                return self.tr("Everyone here is archived: tick Archived to see them.")
            return self.tr("Nobody here yet: add a person with Ctrl+Shift+N.")
        if self.model.hidden_archived_count():
            return self.tr(
                "Nobody that is not archived matches \u201c{0}\u201d: tick Archived to look among archived people too."
            ).format(text)
        return self.tr(
            "Nobody matches \u201c{0}\u201d. Names, organisations and tags are searched; "
            "Ctrl+F searches everything you wrote."
        ).format(text)

    def _delete_requested(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            self.deletePersonRequested.emit(self.model.person_at(index.row()).id)

    def _focus_list(self) -> None:
        if not self.model.rowCount():
            return  # the sentence saying nobody matches stays in view, and typing goes on
        self.list.setFocus()
        if self.model.rowCount() and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.model.index(0))

    def _activate_first(self) -> None:
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))
            self.list.setFocus()
