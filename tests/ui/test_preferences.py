"""Preferences: the idle time and the screen lock, chosen from the keyboard, stored and in force at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtDBus import QDBusConnection
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QMenu, QSpinBox
from support import TEST_KDF_ITER

from netjournal.ui.dialogs.preferences_dialog import PreferencesDialog
from netjournal.ui.shell.idle_lock import DEFAULT_MINUTES
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.shell.screen_lock import ScreenLockWatcher
from netjournal.ui.shell.settings import WindowSettings


def saved(settings_file: Path) -> WindowSettings:
    """The settings as the next run of the window reads them back from the file."""
    return WindowSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))


def open_preferences(qtbot, window: MainWindow) -> PreferencesDialog:
    window.window_actions.preferences.trigger()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # the offscreen platform does not activate a new window by itself
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog)
    return dialog


def test_preferences_is_in_the_journal_menu_with_the_platforms_key(window: MainWindow) -> None:
    action = window.window_actions.preferences
    journal_menu = window.menuBar().actions()[0].menu()
    assert isinstance(journal_menu, QMenu) and action in journal_menu.actions()
    assert action.text() == "Pr&eferences…"  # Alt+J, E from the keyboard
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Preferences)
    assert action.isEnabled()
    window.lock()
    assert action.isEnabled(), "how the window locks is not a property of one journal"


def test_the_idle_time_is_changed_from_the_keyboard_and_applies_at_once(qtbot, window, settings_file) -> None:
    assert window.idle_lock.interval_ms == DEFAULT_MINUTES * 60_000
    assert window.idle_lock.armed
    dialog = open_preferences(qtbot, window)
    minutes = dialog.findChild(QSpinBox, "idleMinutesField")
    assert QApplication.focusWidget() is minutes
    qtbot.keyClick(minutes, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(minutes, "3")
    qtbot.keyClick(minutes, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert saved(settings_file).idle_lock_minutes() == 3
    assert window.idle_lock.interval_ms == 3 * 60_000
    assert window.idle_lock.armed
    # The new countdown, not what was left of 15 minutes (a coarse timer may add its 5% of slack).
    assert window.idle_lock._timer.remainingTime() < 4 * 60_000


def test_the_idle_time_has_no_never(qtbot, window, settings_file) -> None:
    dialog = open_preferences(qtbot, window)
    minutes = dialog.findChild(QSpinBox, "idleMinutesField")
    assert "never" in dialog.findChild(QLabel, "idleLockHelp").text()
    assert "never" in minutes.accessibleDescription()
    for _ in range(30):
        qtbot.keyClick(minutes, Qt.Key.Key_PageDown)
    assert minutes.value() == 1
    for _ in range(30):
        qtbot.keyClick(minutes, Qt.Key.Key_PageUp)
    assert minutes.value() == 240
    qtbot.keyClick(minutes, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(minutes, "0")
    qtbot.keyClick(minutes, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert saved(settings_file).idle_lock_minutes() == 240  # the last valid value, not 0 (read back as 15)


def test_escape_changes_nothing(qtbot, window, settings_file) -> None:
    dialog = open_preferences(qtbot, window)
    minutes = dialog.findChild(QSpinBox, "idleMinutesField")
    qtbot.keyClick(minutes, Qt.Key.Key_Up)
    qtbot.keyClick(minutes, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.idle_lock.interval_ms == DEFAULT_MINUTES * 60_000
    assert not settings_file.exists() or "idle_minutes" not in settings_file.read_text(encoding="utf-8")


def test_turning_the_screen_lock_off_stops_dbus_locks(qtbot, bus_window, private_bus, window_bus, settings_file):
    dialog = open_preferences(qtbot, bus_window)
    checkbox = dialog.findChild(QCheckBox, "lockWithScreenField")
    assert checkbox.isChecked() and checkbox.isEnabled()
    assert dialog.findChild(QLabel, "screenLockUnavailable") is None
    qtbot.keyClick(dialog.findChild(QSpinBox, "idleMinutesField"), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is checkbox
    qtbot.keyClick(checkbox, Qt.Key.Key_Space)
    qtbot.keyClick(checkbox, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert saved(settings_file).lock_with_screen() is False

    private_bus.emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true")
    private_bus.delivered(qtbot, window_bus)
    assert bus_window.session.is_open

    # On again, from the dialog: the next lock of the screen locks the journal.
    dialog = open_preferences(qtbot, bus_window)
    qtbot.keyClick(dialog.findChild(QSpinBox, "idleMinutesField"), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.findChild(QCheckBox, "lockWithScreenField").isChecked)  # a mnemonic animates the click
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    private_bus.emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true")
    qtbot.waitUntil(lambda: not bus_window.session.is_open, timeout=10_000)


def test_a_window_started_with_the_screen_lock_off_keeps_it_off(qtbot, settings_file) -> None:
    settings = saved(settings_file)
    settings.set_lock_with_screen(False)
    window = MainWindow(settings, kdf_iter=TEST_KDF_ITER)
    qtbot.addWidget(window)
    assert window.screen_lock.enabled is False


def test_where_the_desktop_says_nothing_the_dialog_says_so(qtbot, settings_file) -> None:
    nowhere = QDBusConnection("test-never-connected")
    window = MainWindow(saved(settings_file), kdf_iter=TEST_KDF_ITER, screen_lock=ScreenLockWatcher(nowhere, nowhere))
    qtbot.addWidget(window)
    window.show()
    dialog = open_preferences(qtbot, window)
    note = dialog.findChild(QLabel, "screenLockUnavailable")
    assert note is not None and note.isVisible()
    assert "only the time above" in dialog.findChild(QCheckBox, "lockWithScreenField").accessibleDescription()


def test_lock_closes_the_preferences_too(qtbot, window) -> None:
    dialog = open_preferences(qtbot, window)
    qtbot.keyClick(dialog.findChild(QSpinBox, "idleMinutesField"), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.session.is_open)
    qtbot.waitUntil(lambda: window.findChild(PreferencesDialog) is None)  # closed, and deleted on close


@pytest.mark.parametrize(
    ("stored", "minutes"),
    [("5", 5), ("0", DEFAULT_MINUTES), ("-3", DEFAULT_MINUTES), ("1000", 240), ("soon", DEFAULT_MINUTES)],
)
def test_the_stored_idle_time_is_read_within_bounds(settings_file, stored, minutes) -> None:
    settings_file.write_text(f"[lock]\nidle_minutes={stored}\n", encoding="utf-8")
    assert saved(settings_file).idle_lock_minutes() == minutes


@pytest.mark.parametrize(
    ("stored", "on"), [("false", False), ("0", False), ("true", True), ("maybe", True), (None, True)]
)
def test_the_stored_screen_lock_flag_is_on_unless_clearly_off(settings_file, stored, on) -> None:
    settings_file.write_text("" if stored is None else f"[lock]\nwith_screen={stored}\n", encoding="utf-8")
    assert saved(settings_file).lock_with_screen() is on
