"""The window locks when the desktop says the screen locks or the computer sleeps, over a real D-Bus."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import ClassInfo, QObject, Qt, Slot
from PySide6.QtDBus import QDBusConnection, QDBusObjectPath
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit

from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.shell.screen_lock import ScreenLockWatcher

TYPED = "Half-typed note about the Lisbon offer"
OUR_SESSION = "/org/freedesktop/login1/session/_37"


def open_dialog_with_text(qtbot, window: MainWindow) -> QDialog:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.entries.current_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "summaryField"), TYPED)
    return dialog


def assert_locked_like_ctrl_l(window: MainWindow) -> None:
    assert not window.session.is_open
    assert window.pages.currentWidget() is window.unlock
    assert window.workspace.contacts.model.rowCount() == 0
    assert window.workspace.timeline.model.rowCount() == 0
    assert window.entries.current_dialog is None
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()] == []
    note = window.unlock.findChild(QLabel, "unlockNote")
    assert "screen locked" in note.text()


@pytest.mark.parametrize(
    ("path", "interface"),
    [
        ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
        ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
    ],
)
def test_the_screen_locking_locks_the_window(qtbot, bus_window, private_bus, path, interface) -> None:
    open_dialog_with_text(qtbot, bus_window)
    private_bus.emit(path, f"{interface}.ActiveChanged", "boolean:true")
    qtbot.waitUntil(lambda: not bus_window.session.is_open, timeout=10_000)
    assert_locked_like_ctrl_l(bus_window)


def test_the_screen_unlocking_does_not_lock(qtbot, bus_window, private_bus, window_bus) -> None:
    private_bus.emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:false")
    private_bus.emit("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver.ActiveChanged", "boolean:false")
    private_bus.delivered(qtbot, window_bus)
    assert bus_window.session.is_open


def test_going_to_sleep_locks_and_waking_up_does_not(qtbot, bus_window, private_bus, window_bus) -> None:
    manager = ("/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep")
    private_bus.emit(*manager, "boolean:false")
    private_bus.delivered(qtbot, window_bus)
    assert bus_window.session.is_open
    open_dialog_with_text(qtbot, bus_window)
    private_bus.emit(*manager, "boolean:true")
    qtbot.waitUntil(lambda: not bus_window.session.is_open, timeout=10_000)
    assert_locked_like_ctrl_l(bus_window)


@ClassInfo({"D-Bus Interface": "org.freedesktop.login1.Manager"})
class FakeLogin1(QObject):
    """Just enough of logind to say which session the caller is in."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    @Slot(str, result=QDBusObjectPath)
    def GetSession(self, session_id: str) -> QDBusObjectPath:  # named as the D-Bus method it answers
        self.asked.append(session_id)
        return QDBusObjectPath(OUR_SESSION)


@pytest.fixture
def login1(private_bus) -> FakeLogin1:
    server = private_bus.connection()
    fake = FakeLogin1()
    assert server.registerService("org.freedesktop.login1")
    assert server.registerObject("/org/freedesktop/login1", fake, QDBusConnection.RegisterOption.ExportAllSlots)
    return fake


def test_locking_this_login_session_locks_and_another_does_not(qtbot, login1, bus_window, private_bus, window_bus):
    watcher = bus_window.screen_lock
    qtbot.waitUntil(lambda: watcher.session_path is not None, timeout=10_000)
    assert login1.asked == ["auto"]  # the caller's session, or the user's graphical one
    assert watcher.session_path == OUR_SESSION
    private_bus.ready(window_bus)

    private_bus.emit("/org/freedesktop/login1/session/_99", "org.freedesktop.login1.Session.Lock")
    private_bus.delivered(qtbot, window_bus)
    assert bus_window.session.is_open

    open_dialog_with_text(qtbot, bus_window)
    private_bus.emit(OUR_SESSION, "org.freedesktop.login1.Session.Lock")
    qtbot.waitUntil(lambda: not bus_window.session.is_open, timeout=10_000)
    assert_locked_like_ctrl_l(bus_window)


def test_a_lock_request_without_an_open_journal_changes_nothing(qtbot, bus_window, private_bus, window_bus) -> None:
    bus_window.session.detach()
    bus_window.show_welcome()
    private_bus.emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true")
    private_bus.delivered(qtbot, window_bus)
    assert bus_window.pages.currentWidget() is bus_window.welcome


def test_without_a_bus_the_watcher_listens_to_nothing_and_says_nothing(qtbot, qtlog, capfd) -> None:
    nowhere = QDBusConnection.connectToBus("unix:path=/nonexistent/netjournal-test-bus", "test-no-bus")
    try:
        assert not nowhere.isConnected()
        capfd.readouterr()
        watcher = ScreenLockWatcher(nowhere, nowhere)
        requested = []
        watcher.lock_requested.connect(lambda: requested.append(True))
        QApplication.processEvents()
        assert not watcher.listening
        assert watcher.session_path is None
        assert requested == []
        assert capfd.readouterr() == ("", "")
        assert [record.message for record in qtlog.records] == []  # Qt's own warnings, which pytest-qt catches
    finally:
        QDBusConnection.disconnectFromBus("test-no-bus")


def run_child(journal: Path, settings_file: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    root = Path(__file__).resolve().parents[2]
    env = dict(env, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join([str(root), str(root / "tests")]))
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("screen_lock_child.py")), str(journal), str(settings_file)],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def next_line(process: subprocess.Popen[str], timeout: float = 60) -> str:
    """The child's next line of output, waiting for it at most ``timeout`` seconds."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    assert ready, "the window process said nothing in time"
    return process.stdout.readline().strip()


def stderr_of(process: subprocess.Popen[str]) -> list[str]:
    """What the child wrote to stderr, less the offscreen platform's one notice about window sizes."""
    _, err = process.communicate(timeout=60)
    return [line for line in err.splitlines() if "propagateSizeHints" not in line]


def bare_environment() -> dict[str, str]:
    return {
        k: v for k, v in os.environ.items() if not k.startswith("DBUS_") and k not in ("DISPLAY", "WAYLAND_DISPLAY")
    }


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the freedesktop buses")
@pytest.mark.parametrize(
    "signal",
    [
        ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true"),
        ("/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep", "boolean:true"),
    ],
)
def test_a_window_on_the_desktops_own_buses_locks(seeded_journal, settings_file, private_bus, signal) -> None:
    """The session bus and the system bus as the environment names them, the way the app runs."""
    seeded_journal.close()
    env = dict(
        bare_environment(), DBUS_SESSION_BUS_ADDRESS=private_bus.address, DBUS_SYSTEM_BUS_ADDRESS=private_bus.address
    )
    child = run_child(seeded_journal.path, settings_file, env)
    try:
        assert next_line(child) == "listening"
        private_bus.emit(*signal)
        assert next_line(child) == "locked page=unlock dialogs=0 people=0"
        assert child.wait(timeout=60) == 0
        assert stderr_of(child) == []
    finally:
        if child.poll() is None:
            child.kill()


@pytest.mark.slow
def test_without_any_bus_the_window_stays_open_and_quiet(seeded_journal, settings_file, tmp_path) -> None:
    seeded_journal.close()
    env = dict(bare_environment(), DBUS_SYSTEM_BUS_ADDRESS=f"unix:path={tmp_path / 'no-system-bus'}")
    child = run_child(seeded_journal.path, settings_file, env)
    try:
        assert next_line(child) == "deaf"
        assert next_line(child) == "open"
        assert child.wait(timeout=60) == 0
        assert stderr_of(child) == []
    finally:
        if child.poll() is None:
            child.kill()
