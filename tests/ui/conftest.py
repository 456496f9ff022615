"""Fixtures for widget tests: a Session, or the whole window, on a real encrypted journal with a little history."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import SLOT, QObject, QSettings, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.app import open_main_window
from netjournal.services import entries, people
from netjournal.services.journal import Journal
from netjournal.ui.session import Session
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.shell.screen_lock import ScreenLockWatcher
from netjournal.ui.shell.settings import WindowSettings

TODAY = dt.date.today()


def _days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def seeded_journal(journal: Journal) -> Journal:
    """Ana (mutual, overdue), Tom (mostly you give), Lee (new)."""
    ana = people.add_person(
        journal, people.PersonInput("Ana Silva", organisation="Northwind", role="Series A partner", cadence_days=30)
    )
    tom = people.add_person(journal, people.PersonInput("Tom Reyes", organisation="Fernhill Labs", tags=["hiring"]))
    lee = people.add_person(journal, people.PersonInput("Lee Park"))
    gift = entries.add_exchange(
        journal,
        entries.ExchangeInput(
            "given",
            "introduction",
            "Introduced Ana to Tom Reyes for her data-platform hire",
            ana,
            date=_days_ago(400),
            second_person_id=tom,
            significance=4,
        ),
    )
    entries.add_exchange(
        journal,
        entries.ExchangeInput(
            "received",
            "advice",
            "Ana reviewed my pricing deck and cut tier three",
            ana,
            date=_days_ago(120),
            reciprocates_id=gift,
            significance=5,
        ),
    )
    for days in (300, 200, 100):
        entries.add_exchange(
            journal,
            entries.ExchangeInput(
                "given",
                "feedback",
                f"Reviewed Tom's hiring rubric, draft {days}",
                tom,
                date=_days_ago(days),
                significance=3,
            ),
        )
    entries.add_touchpoint(journal, lee, "Met Lee at the Lisbon data meetup", date=_days_ago(10))
    entries.add_loop(
        journal,
        "promised",
        "Send Ana the pricing spreadsheet",
        person_id=ana,
        due_on=_days_ago(5),
        opened_on=_days_ago(40),
    )
    entries.add_reflection(journal, "Tom keeps asking; worth a frank chat", person_id=tom, date=_days_ago(50))
    return journal


@pytest.fixture
def session(qtbot, seeded_journal: Journal) -> Iterator[Session]:
    current = Session()
    current.attach(seeded_journal)
    yield current
    current.detach()


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def window(qtbot, seeded_journal: Journal, settings_file: Path) -> MainWindow:
    path = seeded_journal.path
    seeded_journal.close()
    settings = WindowSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    opened = open_main_window(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER, settings=settings)
    qtbot.addWidget(opened)
    opened.resize(1280, 800)
    qtbot.waitExposed(opened)
    return opened


class _Marker(QObject):
    """Counts the test's own marker signal, which arrives after everything sent before it."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    @Slot()
    def mark(self) -> None:
        self.count += 1


class PrivateBus:
    """A dbus-daemon of the test's own, standing in for the session bus and for the system bus."""

    def __init__(self, address: str) -> None:
        self.address = address
        self._names: list[str] = []
        self._markers: list[tuple[QDBusConnection, _Marker]] = []

    def connection(self) -> QDBusConnection:
        name = f"test-{uuid.uuid4().hex}"
        self._names.append(name)
        bus = QDBusConnection.connectToBus(self.address, name)
        assert bus.isConnected(), bus.lastError().message()
        return bus

    def emit(self, path: str, member: str, *arguments: str) -> None:
        """``dbus-send`` a signal, as the desktop would: ``emit("/p", "org.x.Iface.Name", "boolean:true")``."""
        subprocess.run(
            ["dbus-send", f"--bus={self.address}", "--type=signal", path, member, *arguments],
            check=True, capture_output=True, timeout=30,
        )  # fmt: skip

    def ready(self, bus: QDBusConnection) -> None:
        """Return once the daemon has taken every match rule ``bus`` sent: its messages are handled in order."""
        ping = QDBusMessage.createMethodCall(
            "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetId"
        )
        reply = bus.call(ping)
        assert reply.type() == QDBusMessage.MessageType.ReplyMessage, reply.errorMessage()

    def delivered(self, qtbot, bus: QDBusConnection) -> None:
        """Wait until every signal emitted so far has reached ``bus``'s receivers, by sending a marker after them."""
        found = [m for b, m in self._markers if b.name() == bus.name()]
        if found:
            marker = found[0]
        else:
            marker = _Marker()
            assert bus.connect("", "/test", "org.example.Test", "Marker", marker, SLOT("mark()"))
            self._markers.append((bus, marker))
            self.ready(bus)
        expected = marker.count + 1
        self.emit("/test", "org.example.Test.Marker")
        qtbot.waitUntil(lambda: marker.count == expected, timeout=10_000)

    def close(self) -> None:
        for name in self._names:
            QDBusConnection.disconnectFromBus(name)


@pytest.fixture
def private_bus() -> Iterator[PrivateBus]:
    """A bus that only this test uses; skipped where there is no dbus-daemon (CI installs one, see .ci/run)."""
    if shutil.which("dbus-daemon") is None or shutil.which("dbus-send") is None:
        pytest.skip("needs dbus-daemon and dbus-send (Debian package dbus)")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()  # printed once it listens
    bus = PrivateBus(address)
    try:
        yield bus
    finally:
        bus.close()
        daemon.terminate()
        daemon.wait(timeout=30)


@pytest.fixture
def window_bus(private_bus: PrivateBus) -> QDBusConnection:
    """The connection ``bus_window`` hears both the screen saver and logind on."""
    return private_bus.connection()


@pytest.fixture
def bus_window(
    qtbot, seeded_journal: Journal, settings_file: Path, private_bus: PrivateBus, window_bus: QDBusConnection
) -> MainWindow:
    """The window on the seeded journal, hearing the screen saver and logind on ``private_bus``."""
    path = seeded_journal.path
    seeded_journal.close()
    settings = WindowSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    bus = window_bus
    opened = MainWindow(settings, kdf_iter=TEST_KDF_ITER, screen_lock=ScreenLockWatcher(bus, bus))
    qtbot.addWidget(opened)
    opened.attach(Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER))
    opened.resize(1280, 800)
    opened.show()
    qtbot.waitExposed(opened)
    private_bus.ready(bus)
    return opened
