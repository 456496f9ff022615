"""The main window: arranges the welcome, unlock and workspace pages, menus and status bar.

It connects every action and every page's and pane's request to whoever carries
it out, and is the ``CommandHost`` the entry and journal commands work through.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from netjournal.domain import TimelineEntry
from netjournal.services.events import JournalChange
from netjournal.services.journal import DEFAULT_KDF_ITER, Journal
from netjournal.services.stats import journal_counts
from netjournal.ui.dialogs.drafts import keep_all_quietly
from netjournal.ui.session import Session
from netjournal.ui.shell.actions import build_menus, create_actions
from netjournal.ui.shell.auto_backups import AutoBackups
from netjournal.ui.shell.delete_commands import DeleteCommands
from netjournal.ui.shell.draft_offer import offer_drafts
from netjournal.ui.shell.entry_commands import EntryCommands
from netjournal.ui.shell.idle_lock import IdleLock
from netjournal.ui.shell.import_commands import ImportCommands
from netjournal.ui.shell.journal_commands import JournalCommands
from netjournal.ui.shell.layout_memory import restore_layout, save_layout
from netjournal.ui.shell.lock_memory import LockMemory
from netjournal.ui.shell.merge_commands import MergeCommands
from netjournal.ui.shell.open_check import OpenCheck
from netjournal.ui.shell.review_commands import ReviewCommands
from netjournal.ui.shell.screen_lock import ScreenLockWatcher
from netjournal.ui.shell.settings import WindowSettings
from netjournal.ui.shell.status_text import journal_summary
from netjournal.ui.shell.undo import UndoHistory, UndoNotice
from netjournal.ui.shell.unlock import UnlockScreen
from netjournal.ui.shell.view_commands import ViewCommands
from netjournal.ui.shell.welcome import WelcomeScreen
from netjournal.ui.shell.window_extras import window_extras
from netjournal.ui.shell.workspace import Workspace
from netjournal.ui.views.base import ViewPage
from netjournal.ui.widgets import icons, messages
from netjournal.ui.widgets.common import is_palette_change
from netjournal.ui.widgets.info_bar import InfoBar

if TYPE_CHECKING:
    from netjournal.ui.dialogs.preferences_dialog import PreferencesDialog


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: WindowSettings | None = None,
        *,
        kdf_iter: int = DEFAULT_KDF_ITER,
        screen_lock: ScreenLockWatcher | None = None,
    ) -> None:
        """``screen_lock`` listens to this desktop's own buses unless another is given (tests give a private one)."""
        super().__init__()
        # First, so that changeEvent, which re-tints their icons, finds them whenever it is called.
        self.window_actions = create_actions(self)
        self.setObjectName("mainWindow")
        self.setWindowIcon(icons.icon("netjournal", "#000000", 64))
        self.settings = settings or WindowSettings()
        self.kdf_iter = kdf_iter
        self.session = Session(self)
        self.journal_path: Path | None = None

        self.welcome = WelcomeScreen(self)
        self.unlock = UnlockScreen(self, kdf_iter=kdf_iter)
        self.workspace = Workspace(self.session, self)
        self.pages = QStackedWidget(self)
        for page in (self.welcome, self.unlock, self.workspace):
            self.pages.addWidget(page)
        self.info = InfoBar(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.info)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        build_menus(self.menuBar(), self.window_actions)
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions(
            [self.window_actions.log_exchange, self.window_actions.log_touchpoint, self.window_actions.add_loop]
        )
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred)
        toolbar.addWidget(spacer)
        self.workspace.search.box.setMinimumWidth(300)
        toolbar.addWidget(self.workspace.search.box)
        toolbar.addAction(self.window_actions.lock)
        self.toolbar = toolbar
        self._set_toolbar_icons()

        self.undo_notice = UndoNotice(self)
        self.statusBar().addWidget(self.undo_notice)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusCounts")
        self.statusBar().addWidget(self.status_label, 1)

        self.undo_history = UndoHistory(self.session, self.window_actions.undo, self.undo_notice, self)
        self.entries = EntryCommands(self, parent=self)
        self.deletes = DeleteCommands(self, self.undo_history, parent=self)
        self.merges = MergeCommands(self, self.undo_history, parent=self)
        self.journals = JournalCommands(self, parent=self)
        self.reviews = ReviewCommands(self, parent=self)
        self.imports = ImportCommands(self, parent=self)
        self.views = ViewCommands(self, parent=self)
        self.auto_backups = AutoBackups(self.session, self)
        self.auto_backups.failed.connect(self.show_notice)
        self.open_check = OpenCheck(self.session, self)
        self.open_check.damaged.connect(self.show_notice)
        self.lock_memory = LockMemory(self.session, self.workspace, self.unlock, self.journals, self)
        self._connect_commands()
        # Due loops, Preferences, Help, and other copies of the journal:
        self.reminders, self.preferences, self.help, self.sync = window_extras(self)
        self._counts_timer = QTimer(self, singleShot=True, interval=0)
        self._counts_timer.timeout.connect(self._update_status)
        self.session.opened.connect(self._opened)
        self.session.closed.connect(self._closed)
        self.session.changed.connect(self._changed)
        self.unlock.unlocked.connect(self.attach)
        self.unlock.notice.connect(self.info.show_message)
        self.idle_lock = IdleLock(self._lock_when_idle, self.settings.idle_lock_minutes() * 60_000, self)
        self.screen_lock = screen_lock if screen_lock is not None else ScreenLockWatcher.for_desktop()
        self.screen_lock.setParent(self)
        self.screen_lock.enabled = self.settings.lock_with_screen()
        self.screen_lock.lock_requested.connect(self._lock_with_screen)
        # A modal dialog blocks the window's shortcuts; the lock key must work over any of them.
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.workspace.contacts.set_sort(self.settings.contact_sort())
        self.workspace.contacts.sortChanged.connect(self.settings.set_contact_sort)
        self._sync_enabled()
        self._restore_geometry()
        self.show_welcome()

    def _connect_commands(self) -> None:
        """Every action, and every request of a page or pane, to whatever carries it out."""
        a, ws, entries, journals = self.window_actions, self.workspace, self.entries, self.journals
        deletes = self.deletes
        a.new_journal.triggered.connect(journals.create_journal)
        a.open_journal.triggered.connect(journals.choose_journal)
        a.open_demo.triggered.connect(journals.open_demo)
        a.lock.triggered.connect(self.lock)
        a.change_passphrase.triggered.connect(journals.change_passphrase)
        a.backup.triggered.connect(journals.backup)
        a.backups.triggered.connect(journals.show_backups)
        a.export_json.triggered.connect(journals.export_json)
        self.imports.wire(a)
        a.quit.triggered.connect(self.close)
        a.about.triggered.connect(journals.about)
        a.explain.triggered.connect(journals.explain)
        self.welcome.createRequested.connect(journals.create_journal)
        self.welcome.openRequested.connect(journals.choose_journal)
        self.welcome.demoRequested.connect(journals.open_demo)
        self.unlock.openAnotherRequested.connect(journals.choose_journal)
        self.unlock.createRequested.connect(journals.create_journal)

        a.log_exchange.triggered.connect(entries.log_exchange)
        a.log_touchpoint.triggered.connect(entries.log_touchpoint)
        a.add_loop.triggered.connect(entries.add_loop)
        a.add_person.triggered.connect(entries.add_person)
        a.add_reflection.triggered.connect(entries.add_reflection)
        a.note_brokered.triggered.connect(entries.note_brokered)
        a.add_circumstance.triggered.connect(lambda: entries.add_circumstance(self.current_person_id()))
        a.edit_person.triggered.connect(lambda: entries.edit_person(self.current_person_id()))
        a.archive_person.triggered.connect(entries.toggle_archived)
        a.edit_entry.triggered.connect(entries.edit_current)
        ws.timeline.list.editRequested.connect(entries.edit_entry)
        ws.relationship.editPersonRequested.connect(entries.edit_person)
        ws.relationship.addCircumstanceRequested.connect(entries.add_circumstance)
        ws.relationship.briefRequested.connect(self.reviews.brief_person)
        a.brief_person.triggered.connect(lambda: self.reviews.brief_person())
        a.review_period.triggered.connect(lambda: self.reviews.review_period())

        a.undo.triggered.connect(deletes.undo)
        self.undo_notice.undoRequested.connect(deletes.undo)
        a.delete_entry.triggered.connect(deletes.delete_current)
        a.delete_person.triggered.connect(deletes.delete_current_person)
        ws.timeline.list.deleteRequested.connect(deletes.delete_entry)
        ws.contacts.deletePersonRequested.connect(deletes.delete_person)
        ws.relationship.deleteCircumstanceRequested.connect(deletes.delete_circumstance)
        # A person's context menu (right click, or the menu key) offers what the People menu does to them.
        ws.contacts.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        ws.contacts.list.addActions([a.edit_person, a.archive_person, a.delete_person, a.merge_person])
        self.merges.wire(a)

        a.find.triggered.connect(ws.focus_search)
        a.find_person.triggered.connect(ws.focus_contacts)
        a.everyone.triggered.connect(ws.show_everyone)
        a.focus_timeline.triggered.connect(ws.timeline.list.setFocus)
        a.focus_prompts.triggered.connect(ws.focus_prompts)

    # -- what the commands may ask (CommandHost; also session, kdf_iter, journal_path, show_unlock, attach) --

    def dialog_parent(self) -> QWidget:
        return self

    def current_person_id(self) -> int | None:
        return self.workspace.person_id

    def current_entry(self) -> TimelineEntry | None:
        """The entry Edit entry and Delete entry act on: the one chosen on the page shown, never one out of sight."""
        shown = self.workspace.centre.currentWidget()
        if isinstance(shown, ViewPage):
            return shown.current_entry()
        return self.workspace.timeline.list.current_entry()

    def select_person(self, person_id: int) -> None:
        self.workspace.select_person(person_id)

    def show_notice(self, text: str) -> None:
        self.info.show_message(text)

    # -- pages -------------------------------------------------------------------------

    def show_welcome(self) -> None:
        self.pages.setCurrentWidget(self.welcome)
        self.setWindowTitle("netjournal")

    def show_unlock(self, path: Path) -> None:
        self.journal_path = path
        self.unlock.set_journal(path)
        self.pages.setCurrentWidget(self.unlock)
        self.setWindowTitle(self.tr("netjournal — {0} (locked)").format(path.name))
        self.unlock.passphrase_field.setFocus()  # type straight away, after a lock or at start-up

    def attach(self, journal: Journal) -> None:
        """Show the workspace on an unlocked journal."""
        self.journal_path = journal.path
        self.settings.set_last_journal(journal.path)
        self.session.attach(journal)

    def lock(self) -> None:
        """Close the journal, clear every view, and ask for the passphrase again.

        While a worker re-encrypts or restores the journal, the lock waits for it to finish.
        """
        if self.session.busy:
            self.session.busy_ended.connect(self.lock, Qt.ConnectionType.SingleShotConnection)
            return
        path = self.journal_path
        self.info.hide()
        # What is typed stays, as a draft in the journal, for after the unlock.
        lost = keep_all_quietly(self)
        self.close_dialogs()  # before the journal closes: nothing typed may outlive the lock, nor try to save
        self.session.detach()
        if path is not None:
            self.show_unlock(path)
            if lost:
                self.unlock.set_message(
                    self.tr("What you were typing could not be kept as a draft: {0}").format(lost[0])
                )

    def edit_preferences(self) -> PreferencesDialog:
        return self.preferences.edit()

    def close_dialogs(self) -> None:
        """Cancel every open dialog and message box of this window (each deletes itself on close)."""
        messages.close_all(self)
        self.entries.current_dialog = None

    # -- session events --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self.session.is_open:
            modal = QApplication.activeModalWidget()
            key = QKeySequence(event.keyCombination())
            if (
                modal is not None
                and self._owns(modal)
                and key.matches(self.window_actions.lock.shortcut()) == (QKeySequence.SequenceMatch.ExactMatch)
            ):
                event.accept()
                QTimer.singleShot(0, self, self.lock)  # after the dialog has finished handling the key
                return True
        return super().eventFilter(watched, event)

    def _owns(self, widget: QWidget) -> bool:
        """True for this window's dialogs (isAncestorOf stops at window boundaries)."""
        parent = widget.parentWidget()
        while parent is not None and parent is not self:
            parent = parent.parentWidget()
        return parent is self

    def _lock_when_idle(self) -> None:
        if self.session.is_open:
            self.lock()
            self.unlock.set_message(self.tr("Locked after a while without activity."))

    def _lock_with_screen(self) -> None:
        if self.session.is_open:
            self.lock()
            self.unlock.set_message(self.tr("Locked when the screen locked or the computer went to sleep."))

    def _opened(self) -> None:
        self.idle_lock.arm()
        self.pages.setCurrentWidget(self.workspace)
        self.setWindowTitle(self.tr("netjournal — {0}").format(self.session.journal.path.name))
        self._sync_enabled()
        self._update_status()
        self.workspace.contacts.filter.setFocus()
        QTimer.singleShot(0, self, lambda: offer_drafts(self, self.entries))

    def _closed(self) -> None:
        keep_all_quietly(self)  # the journal is gone: nothing left to keep a draft in, nor to ask about
        self.close_dialogs()  # however the journal closed: a dialog on it has nothing left to edit
        self.idle_lock.disarm()
        self.status_label.clear()
        self._sync_enabled()

    def _changed(self, _change: JournalChange) -> None:
        self._counts_timer.start()

    def _update_status(self) -> None:
        if not self.session.is_open:
            self.status_label.clear()
            return
        counts = journal_counts(self.session.journal)
        self.status_label.setText(journal_summary(self.session.journal.path.name, counts))

    def _sync_enabled(self) -> None:
        unlocked = self.session.is_open
        for action in self.window_actions.journal_actions():
            action.setEnabled(unlocked)
        self.workspace.search.box.setEnabled(unlocked)

    def _set_toolbar_icons(self) -> None:
        colour = self.palette().color(self.palette().ColorRole.ButtonText)
        self.window_actions.log_exchange.setIcon(icons.icon("add", colour))
        self.window_actions.log_touchpoint.setIcon(icons.icon("touchpoint", colour))
        self.window_actions.add_loop.setIcon(icons.icon("loop", colour))
        self.window_actions.lock.setIcon(icons.icon("lock", colour))
        self.window_actions.find.setIcon(icons.icon("search", colour))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if is_palette_change(event):
            self._set_toolbar_icons()  # tinted for the old palette otherwise

    # -- geometry and closing -----------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.bytes_value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        restore_layout(self.workspace, self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session.busy:  # a re-encryption or restore finishes first, then the window closes
            event.ignore()
            self.session.busy_ended.connect(self.close, Qt.ConnectionType.SingleShotConnection)
            return
        self.settings.set_bytes("window/geometry", self.saveGeometry())
        save_layout(self.workspace, self.settings)
        self.settings.sync()
        keep_all_quietly(self)
        self.close_dialogs()
        self.session.detach()
        super().closeEvent(event)
