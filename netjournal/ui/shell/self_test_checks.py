"""The Qt half of ``netjournal --self-test`` (``netjournal.cli.self_test`` calls it lazily; the CLI imports no Qt).

Each check proves that a part of Qt the window needs is in this installation and works:
SVG icons drawn, the main window opened offscreen on the throw-away journal, and the
second-launch hand-over (QtNetwork's local sockets and a lock file) run once, on a
socket inside the self-test's temporary folder, so a running netjournal is never asked.
"""

from __future__ import annotations

import os
import threading
import time
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSettings, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

_ICON_SIZE = 32
_HAND_OVER_SECONDS = 30


class CheckFailed(Exception):
    """A Qt check found something wrong; the message says what."""


class QtRun:
    """One QApplication for the self-test (offscreen: the caller sets the platform), Qt's messages kept, not printed.

    The offscreen platform warns about what it cannot do for a window (size hints, ...): noise
    here. A fatal message is printed, since Qt ends the process after it.
    """

    def __init__(self) -> None:
        self.messages: list[str] = []
        self._previous = qInstallMessageHandler(self._message)
        existing = QApplication.instance()
        self.app = existing if isinstance(existing, QApplication) else QApplication(["netjournal"])

    def _message(self, kind: QtMsgType, _where: object, text: str) -> None:
        self.messages.append(text)
        if kind == QtMsgType.QtFatalMsg:
            import sys

            print(f"netjournal self-test: Qt: {text}", file=sys.stderr)

    def close(self) -> None:
        """Put Qt's previous message handler back."""
        qInstallMessageHandler(self._previous)


def check_icons() -> str:
    folder = resources.files("netjournal.resources").joinpath("icons")
    names = sorted(item.name for item in folder.iterdir() if item.name.endswith(".svg"))
    if not names:
        raise CheckFailed("no icons found")
    for name in names:
        renderer = QSvgRenderer(QByteArray(folder.joinpath(name).read_bytes()))
        if not renderer.isValid():
            raise CheckFailed(f"the icon {name} does not load")
        image = QImage(_ICON_SIZE, _ICON_SIZE, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, _ICON_SIZE, _ICON_SIZE))
        painter.end()
        if not any(image.pixelColor(x, y).alpha() for x in range(_ICON_SIZE) for y in range(_ICON_SIZE)):
            raise CheckFailed(f"the icon {name} draws nothing")
    return f"loaded and drew all {len(names)} icons"


def check_window(journal_path: Path, passphrase: str, kdf_iter: int, folder: Path, people: int) -> str:
    """Open the main window on the journal, with settings kept in ``folder``; it must list ``people`` people."""
    from netjournal.services.journal import Journal
    from netjournal.ui.shell.main_window import MainWindow
    from netjournal.ui.shell.settings import WindowSettings

    settings = WindowSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, kdf_iter=kdf_iter)
    try:
        window.attach(Journal.open(journal_path, passphrase, kdf_iter=kdf_iter))
        window.show()
        if window.pages.currentWidget() is not window.workspace:
            raise CheckFailed("the window did not show the unlocked journal")
        shown = window.workspace.contacts.list.model().rowCount()
    finally:
        window.close()
        window.deleteLater()
    if shown != people:
        raise CheckFailed(f"the window's contact list shows {shown} people, not {people}")
    return f"opened the window offscreen on the journal ({shown} people listed)"


def check_launch(folder: Path, journal_path: Path) -> str:
    """A first launch listens on a socket in ``folder``; a second one, on a thread of its own, hands it a journal."""
    from netjournal.ui.shell import single_instance

    name = str(folder / "launch")  # short: a Unix socket's path has room for about 100 bytes
    server = single_instance.claim(None, name)
    if server is None:
        raise CheckFailed("something already answers on the self-test's own socket")
    if not server.is_listening():
        raise CheckFailed(f"could not listen on a local socket at {name} ({len(os.fsencode(name))} bytes long)")
    asked: list[Path | None] = []
    server.requested.connect(asked.append)
    handed: list[bool] = []
    # hand_over blocks while it waits for the answer, which this thread's event loop gives.
    second = threading.Thread(target=lambda: handed.append(single_instance.hand_over(journal_path, name)))
    second.start()
    deadline = time.monotonic() + _HAND_OVER_SECONDS
    try:
        while (second.is_alive() or not asked) and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.005)
    finally:
        second.join(_HAND_OVER_SECONDS)
        server.close()
    if handed != [True]:
        raise CheckFailed("the second launch got no answer from the first")
    if asked != [journal_path]:
        raise CheckFailed(f"the first launch was asked for {asked}, not the journal handed over")
    return "a second launch handed the journal's path to the first over a local socket (QtNetwork, lock file)"
