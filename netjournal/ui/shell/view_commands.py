"""The View menu's pages beside the timeline: over time, on this day, overdue, introductions, tags.

Each is a page of the workspace's centre stack, reached with its own key and
left with any of the others (Ctrl+2 goes back to the timeline). What a page
asks for (a touchpoint, an entry opened, an outcome written, the contact list
filtered) is carried out here through the window's existing commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMenu, QWidget

from netjournal.domain import TimelineEntry
from netjournal.services import people
from netjournal.services.errors import JournalError
from netjournal.services.introductions import Introduction, record_outcome
from netjournal.ui.i18n import tr
from netjournal.ui.views.base import ViewPage
from netjournal.ui.views.introductions import IntroductionsView, who_connected_whom
from netjournal.ui.views.on_this_day import OnThisDayView
from netjournal.ui.views.over_time import OverTimeView
from netjournal.ui.views.overdue import OverdueView
from netjournal.ui.views.tags import TagsView
from netjournal.ui.widgets import messages
from netjournal.ui.widgets.common import format_date, later

if TYPE_CHECKING:
    from netjournal.ui.shell.main_window import MainWindow

# (attribute, object name, menu text, key); Ctrl+0, 2 and 3 are the timeline's and the prompts'.
VIEWS = (
    ("over_time", "actionOverTime", "&Over time", "Ctrl+4"),
    ("on_this_day", "actionOnThisDay", "On this &day", "Ctrl+5"),
    ("overdue", "actionOverdue", "O&verdue people", "Ctrl+6"),
    ("introductions", "actionIntroductions", "&Introductions", "Ctrl+7"),
    ("tags", "actionTags", "T&ags", "Ctrl+8"),
)


class ViewCommands(QObject):
    def __init__(self, window: MainWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.session = window.session
        workspace = window.workspace
        centre = workspace.centre
        self.over_time = OverTimeView(self.session, centre)
        self.on_this_day = OnThisDayView(self.session, centre)
        self.overdue = OverdueView(self.session, centre)
        self.introductions = IntroductionsView(self.session, centre)
        self.tags = TagsView(self.session, centre)
        self.pages: dict[str, ViewPage] = {
            "over_time": self.over_time,
            "on_this_day": self.on_this_day,
            "overdue": self.overdue,
            "introductions": self.introductions,
            "tags": self.tags,
        }
        for page in self.pages.values():
            centre.addWidget(page)

        self.actions: dict[str, QAction] = {}
        for attribute, name, text, key in VIEWS:
            action = QAction(tr(text), window)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _checked=False, which=attribute: self.show(which))
            window.addAction(action)  # the key works with the menu bar hidden
            self.actions[attribute] = action
        menu = self._view_menu()
        if menu is not None:
            menu.addSeparator()
            menu.addActions(list(self.actions.values()))

        self.on_this_day.list.entryActivated.connect(self._open_entry)
        self.overdue.touchpointRequested.connect(self.log_touchpoint)
        self.overdue.personRequested.connect(self._go_to_person)
        self.introductions.outcomeRequested.connect(self.ask_outcome)
        self.introductions.newRequested.connect(self.note_brokered)
        self.introductions.deleteRequested.connect(self.window.deletes.delete_entry)
        self.tags.tagActivated.connect(self.filter_by_tag)
        self.session.opened.connect(self._sync_enabled)
        self.session.closed.connect(self._sync_enabled)
        self._sync_enabled()

    def _view_menu(self) -> QMenu | None:
        for action in self.window.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and menu.title() == tr("&View"):
                return menu
        return None

    def _sync_enabled(self) -> None:
        for action in self.actions.values():
            action.setEnabled(self.session.is_open)

    # -- showing a page ------------------------------------------------------------------

    def show(self, which: str) -> ViewPage:
        page = self.pages[which]
        if page is self.over_time:
            person_id = self.window.current_person_id()
            name = people.person_name(self.session.journal, person_id) if person_id is not None else ""
            self.over_time.set_person(person_id, name)
        self.window.workspace.centre.setCurrentWidget(page)
        page.refresh()
        focus: QWidget = {
            "over_time": self.over_time.scope,
            "on_this_day": self.on_this_day.list,
            "overdue": self.overdue.table,
            "introductions": self.introductions.table,
            "tags": self.tags.table,
        }[which]
        focus.setFocus()
        return page

    # -- what the pages ask for -----------------------------------------------------------

    def log_touchpoint(self, person_id: int) -> None:
        from netjournal.ui.dialogs.entry_dialogs import TouchpointDialog

        dialog = TouchpointDialog(self.session, self.window.dialog_parent(), person_id=person_id)
        dialog.finished.connect(lambda _result: self.overdue.table.setFocus())
        self.window.entries.open_dialog(dialog)

    def _go_to_person(self, person_id: int) -> None:
        self.window.select_person(person_id)
        self.window.workspace.timeline.list.setFocus()

    def note_brokered(self) -> None:
        from netjournal.ui.dialogs.brokered_dialog import BrokeredDialog

        # Not prefilled with the person chosen in the list: on this page that choice is out of sight.
        dialog = BrokeredDialog(self.session, self.window.dialog_parent())
        dialog.finished.connect(lambda _result: later(self, self._back_to_introductions))
        self.window.entries.open_dialog(dialog)

    def _open_entry(self, entry: TimelineEntry) -> None:
        self.window.entries.edit_entry(entry)

    def ask_outcome(self, intro: Introduction) -> QInputDialog:
        dialog = QInputDialog(self.window.dialog_parent())
        dialog.setObjectName("outcomeDialog")
        dialog.setWindowTitle(tr("What came of it"))
        question = tr("{who} on {day}: “{summary}”. What came of it?").format(
            who=who_connected_whom(intro), day=format_date(intro.date), summary=intro.summary
        )
        dialog.setLabelText(question)
        dialog.setMinimumWidth(480)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(intro.outcome)
        dialog.setOkButtonText(tr("&Save"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(lambda text: self._save_outcome(intro, text))
        dialog.finished.connect(lambda _result: later(self, self._back_to_introductions))
        for text in dialog.findChildren(QLabel):
            text.setWordWrap(True)  # a long summary in the question would otherwise widen the dialog off screen
        field = dialog.findChild(QLineEdit)
        if field is not None:
            field.setObjectName("outcomeField")
            field.setAccessibleName(tr("What came of it"))
        dialog.open()
        return dialog

    def _back_to_introductions(self) -> None:
        # The window is active again only once the dialog is gone; without that focus would land nowhere.
        self.window.activateWindow()
        self.introductions.table.setFocus()

    def _save_outcome(self, intro: Introduction, text: str) -> None:
        try:
            record_outcome(self.session.journal, intro, text)
        except JournalError as error:
            messages.show_error(self.window.dialog_parent(), tr("Could not save"), str(error))
            return

    def filter_by_tag(self, tag: str) -> None:
        contacts = self.window.workspace.contacts
        contacts.filter.setText(tag)
        contacts.list.setFocus()
        if contacts.list.model().rowCount() and not contacts.list.currentIndex().isValid():
            contacts.list.setCurrentIndex(contacts.list.model().index(0, 0))
