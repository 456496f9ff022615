"""One window per user: a second ``netjournal`` (or a double-clicked journal) goes to the running window.

The first window listens on a local socket (QLocalServer: a Unix socket in the user's
runtime folder, a named pipe on Windows). A later launch connects, says which journal
it was asked to open, if any, waits for the answer and ends, so two processes never
fight over a journal's lock. The message is a path, never anything from a journal:
one line of JSON, ``{"open": "/path/to/file"}`` or ``{"open": null}``.

Two rules keep it to one window when launches race (``claim``):

- A message written to a window that stays connected is delivered: that window reads it
  as soon as its GUI thread is free (it may be busy for seconds, in a keychain look-up
  before its event loop starts, say), so the launch ends instead of opening a second
  window on the same file. Only a window that goes away without answering is no window.
- "Hand over, else listen" runs under a lock file beside the socket, so two launches at
  the same moment cannot both find nobody and both open a window, and replacing a socket
  left by a crash never removes one a racing launch has just made.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDeadlineTimer, QLockFile, QObject, QStandardPaths, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from netjournal.ui.i18n import tr

if TYPE_CHECKING:
    from netjournal.ui.shell.main_window import MainWindow

_WAIT_MS = 3000  # to connect and to write
# The answer is awaited in short slices: Qt's wait holds Python's lock meanwhile, and a window
# on another thread of the same process (the self-test's) needs it to answer.
_POLL_MS = 50
# A window that keeps the connection open but does not answer for this long is busy, not gone: the
# message waits in its socket, read once its GUI thread is free; the launch ends as handed over.
_DELIVERED_AFTER_MS = 20_000
# How long a launch waits for another one's hand-over-or-listen step (which takes at most the above).
_LOCK_WAIT_MS = 30_000
_MAX_MESSAGE = 64 * 1024  # a path; anything longer is not from netjournal
_ANSWER = b"ok\n"


def server_name() -> str:
    """Where this user's running netjournal listens: a socket in the runtime folder, or a per-user pipe name."""
    if sys.platform == "win32":
        return f"netjournal-{getpass.getuser()}"
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    return os.path.join(folder or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation), (
        "netjournal.socket"
    ))  # fmt: skip


def launch_lock_path(name: str | None = None) -> str:
    """The lock file that serialises "hand over, else listen": beside the socket, or in the temporary folder."""
    name = name or server_name()
    if os.path.isabs(name):
        return name + ".lock"
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)
    return os.path.join(folder, name + ".lock")


def hand_over(journal: Path | None, name: str | None = None) -> bool:
    """Pass ``journal`` (or just a "come to the front") to a running netjournal; True when one took it.

    Taken means answered, or still connected after the message was written (see the module's note);
    a window that closes the connection without answering has not taken it.
    """
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(_WAIT_MS):
        return False
    target = None if journal is None else str(journal.expanduser().absolute())
    socket.write(json.dumps({"open": target}).encode("utf-8") + b"\n")
    if not socket.waitForBytesWritten(_WAIT_MS) and socket.bytesToWrite() > 0:
        socket.abort()
        return False
    answer = b""
    patience = QDeadlineTimer(_DELIVERED_AFTER_MS)
    while len(answer) < len(_ANSWER) and not patience.hasExpired():
        if socket.waitForReadyRead(_POLL_MS):
            answer += socket.readAll().data()
        elif socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            answer += socket.readAll().data()  # what came just before it closed
            break
    delivered = answer == _ANSWER or (
        len(answer) < len(_ANSWER) and socket.state() == QLocalSocket.LocalSocketState.ConnectedState
    )
    socket.disconnectFromServer()
    return delivered


def claim(journal: Path | None, name: str | None = None) -> InstanceServer | None:
    """Under the launch lock: hand ``journal`` over to a running netjournal (None), or be the one that listens.

    The server returned listens, unless the socket could not be made at all (an unwritable
    runtime folder): the window then works alone, as it would without this module.
    """
    lock = QLockFile(launch_lock_path(name))
    lock.setStaleLockTime(0)  # stale only when its process is gone: a hand-over may rightly take a while
    locked = lock.tryLock(_LOCK_WAIT_MS)  # without it (a lock that never came free), go on unserialised
    try:
        if hand_over(journal, name):
            return None
        server = InstanceServer(name)
        if server.listen():
            return server
        if answers(server.name) and hand_over(journal, name):  # a netjournal that listened without the lock
            return None
        return server
    finally:
        if locked:
            lock.unlock()


class InstanceServer(QObject):
    """Listens for later launches; ``requested`` carries the journal each asked for (None: just show yourself)."""

    requested = Signal(object)  # Path | None

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._sockets: list[QLocalSocket] = []  # accepted, not yet closed by the other side

    def listen(self) -> bool:
        """Start listening; a socket left by a netjournal that crashed (nobody answers on it) is replaced."""
        if self._server.listen(self.name):
            return True
        if self._server.serverError() == QAbstractSocket.SocketError.AddressInUseError and not answers(self.name):
            QLocalServer.removeServer(self.name)
            return self._server.listen(self.name)
        return False

    def is_listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        """Stop listening and drop the connections still open, before the server (their parent) deletes them."""
        self._server.close()
        while self._sockets:
            socket = self._sockets.pop()
            # Deleted with the server, a socket still says "disconnected": no slot may run then (a crash).
            socket.readyRead.disconnect()
            socket.disconnected.disconnect()
            socket.abort()

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            buffer = bytearray()
            self._sockets.append(socket)
            socket.readyRead.connect(lambda s=socket, b=buffer: self._read(s, b))
            socket.disconnected.connect(lambda s=socket: self._closed(s))

    def _closed(self, socket: QLocalSocket) -> None:
        if socket in self._sockets:
            self._sockets.remove(socket)
            # Out of the server's children first: a server deleted while this deletion is pending crashed later.
            socket.setParent(None)
            socket.deleteLater()

    def _read(self, socket: QLocalSocket, buffer: bytearray) -> None:
        buffer += socket.readAll().data()
        if b"\n" not in buffer and len(buffer) < _MAX_MESSAGE:
            return
        try:
            message = json.loads(bytes(buffer).split(b"\n", 1)[0])
            target = message.get("open") if isinstance(message, dict) else None
        except (ValueError, UnicodeDecodeError):
            target = None
        socket.write(_ANSWER)
        socket.flush()
        socket.disconnectFromServer()
        self.requested.emit(Path(target) if isinstance(target, str) and target else None)


def answers(name: str) -> bool:
    """True when a netjournal listens on ``name``."""
    probe = QLocalSocket()
    probe.connectToServer(name)
    connected = probe.waitForConnected(500)
    probe.abort()
    return connected


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return one == other


def present(window: MainWindow, journal: Path | None) -> None:
    """Bring the window to the front; on the journal asked for, which it shows locked if it was not open."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    if journal is None:
        return
    from netjournal.ui.widgets import messages

    if not journal.is_file():
        messages.show_error(window, tr("No journal there"), tr("There is no journal at {0}.").format(journal))
        return
    current = window.journal_path
    if current is not None and _same_file(current, journal) and window.pages.currentWidget() is not window.welcome:
        return  # already the one shown, open or locked
    if window.session.busy:
        window.show_notice(tr("Finish what is running first; then open {0}.").format(journal))
        return
    was_open = window.session.is_open
    if was_open:
        window.lock()  # what is typed stays as a draft of that journal, as with Ctrl+L
    window.show_unlock(journal)
    if was_open and current is not None:
        window.unlock.set_message(tr("{0} was locked to open this journal.").format(current.name))
    else:
        window.unlock.try_remembered()
