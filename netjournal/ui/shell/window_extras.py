"""The window's reminders of due loops, its Preferences and its Help, wired in one call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netjournal.ui.shell.help import HelpCommands
from netjournal.ui.shell.preferences import WindowPreferences
from netjournal.ui.shell.reminders import LoopReminders

if TYPE_CHECKING:
    from netjournal.ui.shell.main_window import MainWindow


def window_extras(window: MainWindow) -> tuple[LoopReminders, WindowPreferences, HelpCommands]:
    reminders = LoopReminders(window.session, window.statusBar(), window.info, window)
    preferences = WindowPreferences(window, reminders)
    window.window_actions.preferences.triggered.connect(preferences.edit)
    return reminders, preferences, HelpCommands(window, window.window_actions)
