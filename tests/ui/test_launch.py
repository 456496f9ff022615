"""``netjournal FILE`` opens that journal, and a second launch goes to the running window (single_instance)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.app import launch_window
from netjournal.cli.parser import parse_arguments
from netjournal.services import people
from netjournal.services.journal import Journal
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.shell.settings import WindowSettings
from netjournal.ui.shell.single_instance import InstanceServer, hand_over, server_name
from netjournal.ui.shell.single_instance import answers as hand_over_probe


def _journal(path: Path, name: str) -> Path:
    with Journal.create(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        people.add_person(journal, people.PersonInput(name))
    return path


@pytest.fixture
def settings(tmp_path: Path) -> WindowSettings:
    return WindowSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def launched(qtbot, settings: WindowSettings) -> Iterator[list[MainWindow]]:
    """Windows launched by a test, closed after it (which also stops their servers)."""
    windows: list[MainWindow] = []
    yield windows
    for window in windows:
        for server in window.findChildren(InstanceServer):
            server.close()
        window.close()


def _launch(qtbot, launched: list[MainWindow], settings: WindowSettings, journal: Path | None) -> MainWindow:
    window = launch_window(journal=journal, kdf_iter=TEST_KDF_ITER, settings=settings)
    assert window is not None
    qtbot.addWidget(window)
    launched.append(window)
    return window


def _second_launch(*argv: str) -> subprocess.Popen[str]:
    """A real second ``netjournal`` process, in the test's own HOME and runtime folder (set by conftest)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "netjournal", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def _finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    try:
        _out, err = process.communicate(timeout=60)
    finally:
        process.kill()  # a launch that did not hand over would wait on a window of its own
    return process.returncode, err


def test_a_lone_path_is_a_journal_to_open_and_commands_keep_their_meaning(tmp_path: Path) -> None:
    path = _journal(tmp_path / "work.netjournal", "Ana Silva")
    args = parse_arguments([str(path)])
    assert args.command is None and args.journal == str(path)
    assert parse_arguments(["--demo", "./log"]).journal == "./log"  # a separator makes it a path
    assert parse_arguments(["search", "work.netjournal"]).command == "search"  # a command's own argument
    for command_or_typo in (["log"], ["serach"]):
        with pytest.raises(SystemExit) as usage:
            parse_arguments(command_or_typo)
        assert usage.value.code == 2


def test_netjournal_file_shows_that_journal_locked_and_unlocks_it(
    qtbot, tmp_path: Path, settings: WindowSettings, launched: list[MainWindow]
) -> None:
    _journal(tmp_path / "other.netjournal", "Tom Reyes")
    settings.set_last_journal(tmp_path / "other.netjournal")  # FILE wins over the last journal
    path = _journal(tmp_path / "work.netjournal", "Ana Silva")

    window = _launch(qtbot, launched, settings, Path(parse_arguments([str(path)]).journal))

    assert window.pages.currentWidget() is window.unlock
    assert window.journal_path == path
    qtbot.keyClicks(window.unlock.passphrase_field, PASSPHRASE)
    with qtbot.waitSignal(window.session.opened, timeout=10_000):
        qtbot.keyClick(window.unlock.passphrase_field, Qt.Key.Key_Return)
    assert window.session.journal.path == path
    assert window.workspace.contacts.list.model().rowCount() == 1


def test_a_second_launch_with_a_file_hands_it_to_the_running_window(
    qtbot, tmp_path: Path, settings: WindowSettings, launched: list[MainWindow]
) -> None:
    first = _journal(tmp_path / "first.netjournal", "Ana Silva")
    second = _journal(tmp_path / "second.netjournal", "Tom Reyes")
    window = _launch(qtbot, launched, settings, None)
    window.attach(Journal.open(first, PASSPHRASE, kdf_iter=TEST_KDF_ITER))
    (server,) = window.findChildren(InstanceServer)

    with qtbot.waitSignal(server.requested, timeout=60_000) as asked:
        process = _second_launch(str(second))
    code, err = _finished(process)

    assert asked.args == [second]
    assert code == 0 and "already running" in err
    # The open journal was locked (what was typed kept as a draft), and the one asked for waits for its passphrase.
    assert not window.session.is_open
    assert window.pages.currentWidget() is window.unlock and window.journal_path == second
    assert "first.netjournal was locked" in window.unlock.note_label.text()


def test_a_second_launch_without_a_file_only_brings_the_window_forward(
    qtbot, tmp_path: Path, settings: WindowSettings, launched: list[MainWindow]
) -> None:
    first = _journal(tmp_path / "first.netjournal", "Ana Silva")
    window = _launch(qtbot, launched, settings, None)
    window.attach(Journal.open(first, PASSPHRASE, kdf_iter=TEST_KDF_ITER))
    window.showMinimized()
    (server,) = window.findChildren(InstanceServer)

    with qtbot.waitSignal(server.requested, timeout=60_000) as asked:
        process = _second_launch()
    code, _err = _finished(process)

    assert asked.args == [None] and code == 0
    assert window.session.is_open and window.session.journal.path == first
    assert not window.isMinimized()


def test_the_same_file_again_leaves_the_open_journal_open(
    qtbot, tmp_path: Path, settings: WindowSettings, launched: list[MainWindow]
) -> None:
    first = _journal(tmp_path / "first.netjournal", "Ana Silva")
    window = _launch(qtbot, launched, settings, None)
    window.attach(Journal.open(first, PASSPHRASE, kdf_iter=TEST_KDF_ITER))
    (server,) = window.findChildren(InstanceServer)

    with qtbot.waitSignal(server.requested, timeout=60_000):
        process = _second_launch(str(first))
    assert _finished(process)[0] == 0
    assert window.session.is_open and window.pages.currentWidget() is window.workspace


def test_a_socket_left_by_a_crashed_netjournal_is_taken_over(qtbot) -> None:
    name = server_name()
    assert name.startswith(os.environ["XDG_RUNTIME_DIR"])  # the user's own runtime folder, mode 700
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(name)  # a socket file nobody listens on: what a killed netjournal leaves
    stale.close()
    assert Path(name).exists()

    server = InstanceServer()
    try:
        assert server.listen()
        assert hand_over_probe(name)
    finally:
        server.close()


class _BusyWindow(threading.Thread):
    """A running netjournal whose GUI thread is busy: it takes the connection, reads later, answers after ``delay``.

    ``answer=None`` stands for a netjournal that quits instead: it closes the connection unanswered.
    """

    def __init__(self, name: str, delay: float, answer: bytes | None = b"ok\n") -> None:
        super().__init__(daemon=True)
        self.delay, self.answer, self.message = delay, answer, b""
        self._listener = socket.socket(socket.AF_UNIX)
        self._listener.bind(name)
        self._listener.listen(1)
        self._listener.settimeout(60)
        self.start()

    def run(self) -> None:
        connection, _ = self._listener.accept()
        with connection:
            time.sleep(self.delay)  # the message waits in the socket meanwhile
            while not self.message.endswith(b"\n"):
                chunk = connection.recv(4096)
                if not chunk:
                    break
                self.message += chunk
            if self.answer is not None:
                connection.sendall(self.answer)
        self._listener.close()


def test_a_window_busy_for_seconds_still_takes_the_message(qapp: object, tmp_path: Path) -> None:
    busy = _BusyWindow(str(tmp_path / "busy.socket"), delay=4.5)  # longer than a hand-over waits between reads

    assert hand_over(tmp_path / "work.netjournal", str(tmp_path / "busy.socket"))
    busy.join(10)
    assert busy.message == f'{{"open": "{tmp_path / "work.netjournal"}"}}\n'.encode()


def test_a_window_that_closes_without_answering_has_not_taken_it(qapp: object, tmp_path: Path) -> None:
    gone = _BusyWindow(str(tmp_path / "gone.socket"), delay=0.2, answer=None)

    assert not hand_over(None, str(tmp_path / "gone.socket"))
    gone.join(10)


def _wait(process: subprocess.Popen[str], seconds: float) -> tuple[int | None, str]:
    """The exit status and error output of ``process`` if it ends within ``seconds``, else (None, "") and it runs on."""
    try:
        _out, err = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        return None, ""
    return process.returncode, err


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()  # as Ctrl+C or a logout: the window quits
    try:
        process.wait(timeout=30)
    finally:
        process.kill()


def test_a_second_launch_waits_for_a_window_whose_thread_is_blocked(qapp: object, tmp_path: Path) -> None:
    """The running window is stuck for 5 s (a keychain look-up, a long step): the launch must not open its own."""
    path = _journal(tmp_path / "work.netjournal", "Ana Silva")
    busy = _BusyWindow(server_name(), delay=5.0)
    process = _second_launch(str(path))
    try:
        code, err = _wait(process, 45)
        busy.join(10)
        assert busy.message == f'{{"open": "{path}"}}\n'.encode()
        assert code == 0 and "already running" in err  # not a second window on the same file
    finally:
        _stop(process)


def test_two_launches_at_the_same_moment_make_one_window(qapp: object) -> None:
    launches = [_second_launch(), _second_launch()]
    try:
        deadline = time.monotonic() + 60
        ended: list[tuple[subprocess.Popen[str], int | None, str]] = []
        while not ended and time.monotonic() < deadline:
            ended = [(p, *_wait(p, 0.2)) for p in launches if p.poll() is not None]
        assert len(ended) == 1, "both launches opened a window (or both ended)"
        (_gone, code, err), kept = ended[0], next(p for p in launches if p.poll() is None)
        assert code == 0 and "already running" in err
        # The window that stayed is the one listening: a third launch is handed to it.
        assert kept.poll() is None and hand_over(None)
    finally:
        for process in launches:
            _stop(process)


_DROPPED_SERVER = """
import sys, threading, time
from PySide6.QtWidgets import QApplication
from netjournal.ui.shell.single_instance import InstanceServer, hand_over
app = QApplication(["netjournal"])
name = sys.argv[1]
server = InstanceServer(name)
assert server.listen()
asked = []
server.requested.connect(asked.append)
second = threading.Thread(target=lambda: hand_over(None, name))
second.start()
while second.is_alive() or not asked:
    app.processEvents()
    time.sleep(0.005)
server.close()
del server  # deleted at once, with the connection it answered
for _ in range(20):
    app.processEvents()
    time.sleep(0.005)
print("still running")
"""


def test_a_server_deleted_right_after_a_hand_over_leaves_nothing_that_crashes_later(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _DROPPED_SERVER, str(tmp_path / "s")],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout == "still running\n", done.stderr
