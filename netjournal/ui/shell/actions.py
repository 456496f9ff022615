"""Every command of the window as a QAction, with its shortcut, in menus and a toolbar."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar

from netjournal.ui.i18n import tr


@dataclass
class WindowActions:
    new_journal: QAction
    open_journal: QAction
    open_demo: QAction
    lock: QAction
    change_passphrase: QAction
    backup: QAction
    backups: QAction
    export_json: QAction
    export_vcard: QAction
    import_file: QAction
    merge_copy: QAction
    sync: QAction
    preferences: QAction
    quit: QAction
    undo: QAction
    log_exchange: QAction
    log_touchpoint: QAction
    add_loop: QAction
    add_person: QAction
    add_reflection: QAction
    note_brokered: QAction
    add_circumstance: QAction
    edit_person: QAction
    archive_person: QAction
    delete_person: QAction
    merge_person: QAction
    possible_duplicates: QAction
    brief_person: QAction
    review_period: QAction
    edit_entry: QAction
    delete_entry: QAction
    find: QAction
    find_person: QAction
    everyone: QAction
    focus_timeline: QAction
    focus_prompts: QAction
    about: QAction
    explain: QAction
    shortcuts: QAction
    guide: QAction

    def journal_actions(self) -> list[QAction]:
        """Actions that need an unlocked journal (Undo also needs something to undo: see ``undo.UndoHistory``)."""
        return [
            self.lock, self.change_passphrase, self.backup, self.backups, self.export_json, self.export_vcard,
            self.import_file, self.merge_copy, self.sync, self.log_exchange,
            self.log_touchpoint, self.add_loop, self.add_person, self.add_reflection, self.note_brokered,
            self.add_circumstance,
            self.edit_person, self.archive_person, self.delete_person, self.merge_person,
            self.possible_duplicates, self.brief_person, self.review_period,
            self.edit_entry,
            self.delete_entry, self.find, self.find_person,
            self.everyone, self.focus_timeline, self.focus_prompts,
        ]  # fmt: skip


def _action(
    window: QMainWindow,
    name: str,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
) -> QAction:
    action = QAction(tr(text), window)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def _preferences_action(window: QMainWindow) -> QAction:
    # The platform's own key where it has one (⌘, on macOS); none is made up where it has not.
    action = _action(window, "actionPreferences", "Pr&eferences…", QKeySequence.StandardKey.Preferences)
    action.setMenuRole(QAction.MenuRole.PreferencesRole)  # into the application menu on macOS
    return action


def _shortcuts_action(window: QMainWindow) -> QAction:
    action = _action(window, "actionShortcuts", "&Keyboard shortcuts", QKeySequence.StandardKey.HelpContents)
    # F1 where the platform has it, and Ctrl+/ everywhere (macOS has no F1 for help).
    keys = [*action.shortcuts(), QKeySequence("Ctrl+/")]
    if QKeySequence("F1") not in keys:
        keys.insert(0, QKeySequence("F1"))
    action.setShortcuts(keys)
    return action


def create_actions(window: QMainWindow) -> WindowActions:
    key = QKeySequence.StandardKey
    return WindowActions(
        new_journal=_action(window, "actionNewJournal", "&New journal…"),
        open_journal=_action(window, "actionOpenJournal", "&Open journal…", key.Open),
        open_demo=_action(window, "actionOpenDemo", "Open a &demo journal"),
        lock=_action(window, "actionLock", "&Lock", "Ctrl+L"),
        change_passphrase=_action(window, "actionChangePassphrase", "Change &passphrase…"),
        backup=_action(window, "actionBackup", "&Back up to a file…"),
        backups=_action(window, "actionBackups", "Bac&kups…"),
        export_json=_action(window, "actionExportJson", "&JSON…"),
        export_vcard=_action(window, "actionExportVcard", "&vCard (contacts)…"),
        import_file=_action(window, "actionImport", "&Import contacts…", "Ctrl+Shift+I"),
        merge_copy=_action(window, "actionMergeCopy", "&Merge another copy…"),
        sync=_action(window, "actionSync", "S&ync…"),
        preferences=_preferences_action(window),
        quit=_action(window, "actionQuit", "&Quit", key.Quit),
        # A focused text field takes Ctrl+Z for its own undo first (Qt sends it the shortcut override).
        undo=_action(window, "actionUndo", "&Undo", key.Undo),
        log_exchange=_action(window, "actionLogExchange", "Log an &exchange…", key.New),
        log_touchpoint=_action(window, "actionLogTouchpoint", "Log a &touchpoint…", "Ctrl+T"),
        add_loop=_action(window, "actionAddLoop", "Add an open &loop…", "Ctrl+J"),
        add_person=_action(window, "actionAddPerson", "Add a &person…", "Ctrl+Shift+N"),
        add_reflection=_action(window, "actionAddReflection", "Write a &reflection…", "Ctrl+Shift+R"),
        note_brokered=_action(window, "actionNoteBrokered", "An introduction &between others…"),
        add_circumstance=_action(window, "actionAddCircumstance", "Note a &circumstance…"),
        edit_person=_action(window, "actionEditPerson", "&Edit person…", "Ctrl+Shift+E"),
        archive_person=_action(window, "actionArchivePerson", "&Archive or restore person"),
        delete_person=_action(window, "actionDeletePerson", "&Delete person…"),
        merge_person=_action(window, "actionMergePerson", "&Merge into…"),
        possible_duplicates=_action(window, "actionPossibleDuplicates", "Possible d&uplicates…"),
        brief_person=_action(window, "actionBriefPerson", "&Brief as PDF…", "Ctrl+Shift+B"),
        review_period=_action(window, "actionReviewPeriod", "&Review a period…"),
        edit_entry=_action(window, "actionEditEntry", "Ed&it entry…", "Ctrl+E"),
        delete_entry=_action(window, "actionDeleteEntry", "&Delete entry…"),
        find=_action(window, "actionFind", "&Search everything", key.Find),
        find_person=_action(window, "actionFindPerson", "Find a &person", "Ctrl+K"),
        everyone=_action(window, "actionEveryone", "&Everyone's timeline", "Ctrl+0"),
        focus_timeline=_action(window, "actionFocusTimeline", "Go to &timeline", "Ctrl+2"),
        focus_prompts=_action(window, "actionFocusPrompts", "Go to p&rompts", "Ctrl+3"),
        about=_action(window, "actionAbout", "&About netjournal"),
        explain=_action(window, "actionExplain", "How &hints and scores are worked out"),
        shortcuts=_shortcuts_action(window),
        guide=_action(window, "actionGuide", "The &ideas behind netjournal"),
    )


def build_menus(menu_bar: QMenuBar, actions: WindowActions) -> None:
    journal = menu_bar.addMenu(tr("&Journal"))
    journal.addActions([actions.new_journal, actions.open_journal, actions.open_demo])
    journal.addSeparator()
    journal.addActions([actions.lock, actions.change_passphrase, actions.backups, actions.backup])
    journal.addAction(actions.review_period)
    journal.addAction(actions.import_file)
    journal.addActions([actions.merge_copy, actions.sync])
    export = journal.addMenu(tr("E&xport"))
    export.setObjectName("menuExport")
    export.addActions([actions.export_json, actions.export_vcard])
    journal.addSeparator()
    journal.addAction(actions.preferences)
    journal.addSeparator()
    journal.addAction(actions.quit)
    edit = menu_bar.addMenu(tr("E&dit"))  # Alt+E is the Entry menu's
    edit.setObjectName("menuEdit")
    edit.addAction(actions.undo)
    entry = menu_bar.addMenu(tr("&Entry"))
    entry.addActions([actions.log_exchange, actions.log_touchpoint, actions.add_loop, actions.add_reflection])
    entry.addAction(actions.note_brokered)
    entry.addSeparator()
    entry.addActions([actions.edit_entry, actions.delete_entry])
    people = menu_bar.addMenu(tr("&People"))
    people.addActions([actions.add_person, actions.edit_person, actions.add_circumstance, actions.archive_person])
    people.addSeparator()
    people.addAction(actions.delete_person)
    people.addActions([actions.merge_person, actions.possible_duplicates])
    people.addSeparator()
    people.addAction(actions.brief_person)
    view = menu_bar.addMenu(tr("&View"))
    view.addActions(
        [actions.find, actions.find_person, actions.everyone, actions.focus_timeline, actions.focus_prompts]
    )
    help_menu = menu_bar.addMenu(tr("&Help"))
    help_menu.addActions([actions.shortcuts, actions.guide, actions.explain])
    help_menu.addSeparator()
    help_menu.addAction(actions.about)
