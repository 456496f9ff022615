"""Journal → Preferences…: the dialog opened, and each choice stored and put in force at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication

from netjournal.services import backup_choices, backups, sync_folder
from netjournal.services.errors import JournalError
from netjournal.ui.dialogs.preferences_dialog import LockPreferences, PreferencesDialog
from netjournal.ui.shell.idle_lock import MAX_MINUTES, MIN_MINUTES
from netjournal.ui.shell.reminders import LoopReminders
from netjournal.ui.widgets import dates
from netjournal.ui.widgets.appearance import apply_appearance

if TYPE_CHECKING:
    from netjournal.ui.shell.main_window import MainWindow


class WindowPreferences(QObject):
    def __init__(self, window: MainWindow, reminders: LoopReminders) -> None:
        super().__init__(window)
        self._window, self._reminders = window, reminders
        settings = window.settings
        dates.set_style(settings.date_style())
        dates.set_first_day_of_week(settings.first_day_of_week())
        if settings.appearance() != "system":  # "system" is what the application starts with
            self._apply_appearance(settings.appearance())
        reminders.notify = settings.notify_due_loops()
        window.session.opened.connect(self._journal_opened)

    def current(self) -> LockPreferences:
        s = self._window.settings
        folder, device, known = self._sync_choices()
        return LockPreferences(
            idle_minutes=s.idle_lock_minutes(),
            with_screen=s.lock_with_screen(),
            default_cadence_days=s.default_cadence_days(),
            first_day_of_week=s.first_day_of_week(),
            date_style=s.date_style(),
            appearance=s.appearance(),
            notify_due_loops=s.notify_due_loops(),
            backups_kept=self._backups_kept(),
            backup_place=backup_choices.journal_place(self._window.session.journal)
            if self._window.session.is_open
            else None,
            sync_folder=folder,
            device_name=device,
            sync_known=known,
        )

    def _sync_choices(self) -> tuple[Path | None, str, bool]:
        """The sync folder and this computer's name, and whether they could be read (not while a worker writes)."""
        session = self._window.session
        if not session.is_open or session.busy:
            return None, "", False
        try:
            return sync_folder.sync_folder_of(session.journal), sync_folder.device_of(session.journal)[1], True
        except JournalError:  # a damaged journal takes no write (the device's name is made on first use)
            return None, "", False

    def _backups_kept(self) -> tuple[int, int, int] | None:
        session = self._window.session
        if not session.is_open:
            return None
        kept = backup_choices.journal_kept_limits(session.journal)
        return kept.daily, kept.weekly, kept.monthly

    def edit(self) -> PreferencesDialog:
        window = self._window
        dialog = PreferencesDialog(
            self.current(),
            minutes_range=(MIN_MINUTES, MAX_MINUTES),
            screen_lock_available=window.screen_lock.listening,
            parent=window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply(dialog.preferences()))
        dialog.open()
        return dialog

    def apply(self, chosen: LockPreferences) -> None:
        """Stored, and in force at once: the idle countdown restarts with the new time, dates are redrawn."""
        window, s = self._window, self._window.settings
        before = self.current()
        s.set_idle_lock_minutes(chosen.idle_minutes)
        s.set_lock_with_screen(chosen.with_screen)
        s.set_default_cadence_days(chosen.default_cadence_days)
        s.set_first_day_of_week(chosen.first_day_of_week)
        s.set_date_style(chosen.date_style)
        s.set_appearance(chosen.appearance)
        s.set_notify_due_loops(chosen.notify_due_loops)
        s.sync()
        window.idle_lock.set_interval_ms(chosen.idle_minutes * 60_000)
        window.screen_lock.enabled = chosen.with_screen
        self._reminders.notify = chosen.notify_due_loops
        self._journal_opened()
        session = window.session
        if chosen.backups_kept is not None and chosen.backups_kept != before.backups_kept and session.is_open:
            daily, weekly, monthly = chosen.backups_kept
            try:
                backup_choices.keep_in_journal(session.journal, backups.Limits(daily, weekly, monthly))
            except JournalError as error:  # a damaged or full journal takes no write: say so, keep the rest
                window.show_notice(self.tr("The number of backups kept is as it was: {0}").format(error))
        if chosen.backups_kept is not None and chosen.backup_place != before.backup_place and session.is_open:
            try:
                backup_choices.choose_place(session.journal, chosen.backup_place)
            except JournalError as error:
                window.show_notice(self.tr("Backups still go where they went: {0}").format(error))
        if chosen.sync_known and session.is_open:
            self._apply_sync(before, chosen)
        dates.set_first_day_of_week(chosen.first_day_of_week)
        dates.set_style(chosen.date_style)
        if chosen.appearance != before.appearance:
            self._apply_appearance(chosen.appearance)
        if (chosen.date_style, chosen.first_day_of_week) != (before.date_style, before.first_day_of_week):
            self._redraw()

    def _apply_sync(self, before: LockPreferences, chosen: LockPreferences) -> None:
        window = self._window
        if (chosen.sync_folder, chosen.device_name) == (before.sync_folder, before.device_name):
            return
        try:
            sync_folder.set_sync_folder(window.session.journal, chosen.sync_folder, chosen.device_name or None)
        except JournalError as error:
            window.show_notice(self.tr("The sync folder is as it was: {0}").format(error))
            return
        window.sync.controller.restart()  # a sync at once in the new folder (none when cleared)

    def _journal_opened(self) -> None:
        if self._window.session.is_open:
            self._window.session.journal.new_person_cadence_days = self._window.settings.default_cadence_days()

    @staticmethod
    def _apply_appearance(appearance: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, appearance)

    def _redraw(self) -> None:
        """Dates are drawn when the panes fill themselves: fill them again, and repaint the rest."""
        workspace = self._window.workspace
        if self._window.session.is_open:
            workspace.relationship.redraw()
        self._reminders.refresh()
        for view in self._window.findChildren(QAbstractScrollArea):
            view.viewport().update()  # list rows draw their dates as they paint
