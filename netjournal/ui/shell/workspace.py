"""The unlocked journal's three columns: people; the timeline (or search results) over the selected entry in
full; and one side column whose tabs hold the relationship and the prompts (one scroll area showing at a time)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from netjournal.domain import Entity
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.services.search import SearchHit
from netjournal.ui.panels.contacts import ContactsPane
from netjournal.ui.panels.prompts_panel import PromptsPanel
from netjournal.ui.panels.relationship_panel import RelationshipPanel
from netjournal.ui.panels.search_panel import SearchPanel
from netjournal.ui.panels.timeline_view import TimelinePane
from netjournal.ui.session import Session

# Side columns as a share of the window, within bounds: at 1024 px the timeline keeps over 400 px and the
# relationship its contact details unclipped; wider windows give the extra width mostly to the timeline.
CONTACTS_SHARE, CONTACTS_WIDTH = 0.22, (200, 300)
SIDE_SHARE, SIDE_WIDTH = 0.3, (320, 460)


def default_sizes(width: int) -> list[int]:
    """Widths of people, timeline and side column for a workspace ``width`` pixels wide."""
    contacts = int(min(max(width * CONTACTS_SHARE, CONTACTS_WIDTH[0]), CONTACTS_WIDTH[1]))
    side = int(min(max(width * SIDE_SHARE, SIDE_WIDTH[0]), SIDE_WIDTH[1]))
    return [contacts, max(0, width - contacts - side), side]


class Workspace(QWidget):
    """Arranges the panes and connects them; owns no journal logic itself."""

    selectionChanged = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.contacts = ContactsPane(session, self)
        self.timeline = TimelinePane(session, self)
        self.search = SearchPanel(session, self)
        self.relationship = RelationshipPanel(session, self)
        self.prompts = PromptsPanel(session, self)

        self.centre = QStackedWidget(self)
        self.centre.addWidget(self.timeline)
        self.centre.addWidget(self.search)

        self.side = QTabWidget(self)
        self.side.setObjectName("sideTabs")
        self.side.setAccessibleName(self.tr("Relationship and prompts"))
        self.side.setDocumentMode(True)
        self.side.addTab(self.relationship, self.tr("Relationship"))
        self.side.addTab(self.prompts, self.tr("Prompts"))
        self.prompts.countChanged.connect(self._prompt_count)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.contacts)
        self.splitter.addWidget(self.centre)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setChildrenCollapsible(False)
        # Until the person drags a splitter (or remembered sizes are put back), widths follow the window.
        self.sizes_chosen = False
        self.splitter.splitterMoved.connect(self._sizes_chosen)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.contacts.personSelected.connect(self.show_person)
        self.contacts.everyoneSelected.connect(self.show_everyone)
        self.relationship.entriesRequested.connect(self._show_entries)
        self.relationship.personRequested.connect(self.select_person)
        self.prompts.personRequested.connect(self._open_from_prompt)
        self.search.queryChanged.connect(self._query_changed)
        self.search.hitActivated.connect(self.open_hit)
        session.opened.connect(self.show_everyone)
        session.closed.connect(self._closed)
        session.changed.connect(self._changed)

    # -- navigation ------------------------------------------------------------------

    @property
    def person_id(self) -> int | None:
        return self.contacts.selected_person_id

    def show_person(self, person_id: int) -> None:
        self.centre.setCurrentWidget(self.timeline)
        self.timeline.show_person(person_id)
        self.relationship.show_person(person_id)
        self.selectionChanged.emit()

    def show_everyone(self) -> None:
        if not self.session.is_open:
            return
        if not self.contacts.everyone_button.isChecked():
            self.contacts.select_everyone()
            return  # select_everyone emits everyoneSelected, which lands back here
        self.centre.setCurrentWidget(self.timeline)
        self.timeline.show_person(None)
        self.relationship.show_person(None)
        self.selectionChanged.emit()

    def select_person(self, person_id: int) -> None:
        self.contacts.select_person(person_id)
        if self.contacts.selected_person_id != person_id:
            self.show_person(person_id)

    def open_hit(self, hit: SearchHit) -> None:
        """Show a search hit in its timeline, selected."""
        person = hit.entity_id if hit.entity == "person" else hit.person_id
        if hit.entity in ("person", "contact_detail") and person is not None:
            self.search.clear()
            self.select_person(person)
            self.timeline.list.setFocus()
            return
        person_id = hit.person_id
        self.search.clear()
        if person_id is not None:
            self.select_person(person_id)
        elif hit.entity != "circumstance":
            self.contacts.mark_everyone()  # jump_to below shows the network's timeline
            self.relationship.show_person(None)
        entry_type = hit.entry_type
        if entry_type is not None:
            self.centre.setCurrentWidget(self.timeline)
            self.timeline.jump_to(entry_type, hit.entity_id, person_id)

    def focus_prompts(self) -> None:
        self.side.setCurrentWidget(self.prompts)
        self.prompts.focus_first()

    def _open_from_prompt(self, person_id: int) -> None:
        self.select_person(person_id)
        self.side.setCurrentWidget(self.relationship)

    def _prompt_count(self, count: int) -> None:
        index = self.side.indexOf(self.prompts)
        self.side.setTabText(index, self.tr("Prompts ({0})").format(count) if count else self.tr("Prompts"))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.sizes_chosen and event.size().width() > 0:
            self.splitter.setSizes(default_sizes(self.splitter.width()))

    def _sizes_chosen(self, *_args: object) -> None:
        self.sizes_chosen = True

    def focus_search(self) -> None:
        self.search.box.setFocus()
        self.search.box.selectAll()

    def focus_contacts(self) -> None:
        self.contacts.filter.setFocus()
        self.contacts.filter.selectAll()

    def _show_entries(self, ids: list[int], caption: str) -> None:
        self.centre.setCurrentWidget(self.timeline)
        self.timeline.show_entries(ids, caption)

    def _query_changed(self, text: str) -> None:
        self.centre.setCurrentWidget(self.search if text.strip() else self.timeline)

    def _changed(self, change: JournalChange) -> None:
        gone = change.entity is Entity.PERSON and change.action is ChangeAction.DELETED
        if gone and {self.person_id, self.timeline.model.person_id} & set(change.ids):
            self.show_everyone()  # their timeline and relationship have nothing left to show

    def _closed(self) -> None:
        self.centre.setCurrentWidget(self.timeline)
