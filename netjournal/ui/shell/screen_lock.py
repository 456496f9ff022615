"""Ask for a lock when the desktop locks the screen or the computer is about to sleep.

The desktop says so over D-Bus: the screen saver's ``ActiveChanged`` on the session bus (under
its freedesktop and its GNOME name), and logind's ``PrepareForSleep`` and the session's ``Lock``
on the system bus. Where there is no bus (Windows, macOS, CI, a bare console) nothing is
subscribed and nothing is said: the idle lock and Ctrl+L still apply.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusError, QDBusMessage, QDBusObjectPath

SCREEN_SAVERS = (
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),  # KDE, Xfce, LXQt, Cinnamon, ...
    ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)
LOGIN1 = "org.freedesktop.login1"
LOGIN1_PATH = "/org/freedesktop/login1"
LOGIN1_MANAGER = "org.freedesktop.login1.Manager"
LOGIN1_SESSION = "org.freedesktop.login1.Session"
# Every signal is taken from any sender: a forged one can only lock, which is the safe direction, and
# listening needs no blocking look-up of who owns the well-known name.
_ANY_SENDER = ""


def _slot(signature: str) -> Any:
    """A receiver's slot as QtDBus wants it: SLOT()'s code prefix and its @Slot signature.

    ``Any`` because PySide6's stubs ask for bytes, which it then refuses; it takes SLOT()'s str.
    """
    return SLOT(signature)


class ScreenLockWatcher(QObject):
    """Emits ``lock_requested`` when the screen locks or the computer prepares to sleep, while ``enabled``."""

    lock_requested = Signal()

    def __init__(
        self, session_bus: QDBusConnection, system_bus: QDBusConnection, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.enabled = True
        self.session_path: str | None = None  # logind's object for this login session, once known
        self._system_bus = system_bus
        subscribed = []
        if session_bus.isConnected():
            for path, interface in SCREEN_SAVERS:
                subscribed.append(self._listen(session_bus, path, interface, "ActiveChanged", "_active_changed(bool)"))
        if system_bus.isConnected():
            subscribed.append(
                self._listen(system_bus, LOGIN1_PATH, LOGIN1_MANAGER, "PrepareForSleep", "_prepare_for_sleep(bool)")
            )
            self._find_session()
        self.listening = any(subscribed)

    @classmethod
    def for_desktop(cls, parent: QObject | None = None) -> ScreenLockWatcher:
        """A watcher on this desktop's own buses; on Windows and macOS, on none."""
        if sys.platform in ("win32", "darwin"):
            # Qt would go looking for a libdbus there is no point in finding.
            nowhere = QDBusConnection("netjournal-no-bus")
            return cls(nowhere, nowhere, parent)
        return cls(QDBusConnection.sessionBus(), QDBusConnection.systemBus(), parent)

    def _listen(self, bus: QDBusConnection, path: str, interface: str, name: str, slot: str) -> bool:
        return bus.connect(_ANY_SENDER, path, interface, name, self, _slot(slot))

    def _find_session(self) -> None:
        # "auto" is the caller's session or, for an app started outside it (as GNOME starts them, in
        # its own systemd scope), the user's graphical one; GetSessionByPID would fail for the latter.
        # Asynchronous, so a system bus without logind cannot hold up the window.
        call = QDBusMessage.createMethodCall(LOGIN1, LOGIN1_PATH, LOGIN1_MANAGER, "GetSession")
        call.setArguments(["auto"])
        self._system_bus.callWithCallback(
            call, self, _slot("_session_found(QDBusMessage)"), _slot("_no_session(QDBusError)")
        )

    @Slot(QDBusMessage)
    def _session_found(self, reply: QDBusMessage) -> None:
        arguments = reply.arguments()
        if not arguments or not isinstance(arguments[0], QDBusObjectPath):
            return
        path = arguments[0].path()
        if self._listen(self._system_bus, path, LOGIN1_SESSION, "Lock", "_session_locked()"):
            self.session_path = path
            self.listening = True

    @Slot(QDBusError)
    def _no_session(self, _error: QDBusError) -> None:
        """No logind, or no session of ours: the screen saver and sleep signals still count."""

    @Slot(bool)
    def _active_changed(self, active: bool) -> None:
        if active:  # false is the screen unlocking again
            self._request()

    @Slot(bool)
    def _prepare_for_sleep(self, starting: bool) -> None:
        if starting:  # false is the computer waking up
            self._request()

    @Slot()
    def _session_locked(self) -> None:
        self._request()

    def _request(self) -> None:
        if self.enabled:
            self.lock_requested.emit()
