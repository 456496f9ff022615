"""The window's reminders of due loops, its Preferences, its Help and its merging of copies, wired in one call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netjournal.ui.shell.help import HelpCommands
from netjournal.ui.shell.preferences import WindowPreferences
from netjournal.ui.shell.reminders import LoopReminders
from netjournal.ui.shell.sync_commands import SyncCommands

if TYPE_CHECKING:
    from netjournal.ui.shell.main_window import MainWindow


def window_extras(window: MainWindow) -> tuple[LoopReminders, WindowPreferences, HelpCommands, SyncCommands]:
    reminders = LoopReminders(window.session, window.statusBar(), window.info, window)
    preferences = WindowPreferences(window, reminders)
    window.window_actions.preferences.triggered.connect(preferences.edit)
    sync = SyncCommands(window, window)
    sync.wire(window.window_actions)
    return reminders, preferences, HelpCommands(window, window.window_actions), sync
