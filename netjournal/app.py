"""The window's entry point: QApplication set-up and the test/script seam ``open_main_window``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from netjournal import __version__
from netjournal.services.journal import DEFAULT_KDF_ITER, Journal
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.shell.settings import WindowSettings


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created once with the app's identity."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    if not isinstance(app, QApplication):  # a QCoreApplication made elsewhere cannot show windows
        raise RuntimeError("netjournal's window needs a QApplication, and a non-GUI application already exists.")
    QApplication.setApplicationName("netjournal")
    QApplication.setOrganizationName("netjournal")
    QApplication.setApplicationVersion(__version__)
    # The desktop entry's name (build/desktop/), so Wayland desktops match the window to its icon and entry.
    QApplication.setDesktopFileName("org.netjournal.netjournal")
    return app


def open_main_window(
    path: str | os.PathLike[str],
    passphrase: str,
    *,
    kdf_iter: int = DEFAULT_KDF_ITER,
    settings: WindowSettings | None = None,
) -> MainWindow:
    """Open ``path`` and show the main window on it, with no dialog (for tests and scripts)."""
    application()
    window = MainWindow(settings, kdf_iter=kdf_iter)
    window.attach(Journal.open(path, passphrase, kdf_iter=kdf_iter))
    window.show()
    return window


def _quit_on_signals(app: QApplication) -> None:
    """Ctrl+C or SIGTERM quit like the Quit menu, so the journal closes and a demo folder is removed."""
    import signal

    from PySide6.QtCore import QTimer

    for number in (signal.SIGINT, signal.SIGTERM):
        # Through the event loop: a signal that lands before exec() still ends it once it starts.
        signal.signal(number, lambda *_: QTimer.singleShot(0, app.quit))
    # Python runs signal handlers only between bytecodes; an idle tick lets it in while Qt waits.
    ticker = QTimer(app)
    ticker.timeout.connect(lambda: None)
    ticker.start(250)


def launch_window(
    *,
    journal: Path | None = None,
    demo: bool = False,
    kdf_iter: int = DEFAULT_KDF_ITER,
    settings: WindowSettings | None = None,
    server_name: str | None = None,
) -> MainWindow | None:
    """The window ``netjournal`` shows, or None when a running netjournal took the request (see single_instance).

    The demo always gets a window of its own: its journal is new, so nothing is fought over.
    """
    app = application()
    from netjournal.ui.shell import single_instance

    server = None
    if not demo:
        # Hand over, else listen: one step under a lock, so two launches at once make one window.
        server = single_instance.claim(journal, server_name)
        if server is None:
            return None
    window = MainWindow(settings, kdf_iter=kdf_iter)
    if server is not None:
        # Messages that came meanwhile wait in their sockets: they are read once the event loop runs.
        server.setParent(window)
        if server.is_listening():
            server.requested.connect(lambda path: single_instance.present(window, path))
            app.aboutToQuit.connect(server.close)
    window.show()
    if demo:
        window.journals.open_demo()
        return window
    target = journal or window.settings.last_journal()
    if target is not None and target.exists():
        window.show_unlock(target.expanduser().absolute())
        window.unlock.try_remembered()
    elif journal is not None:
        window.show_welcome()
        from netjournal.ui.widgets import messages

        messages.show_error(
            window, window.tr("No journal there"), window.tr("There is no journal at {0}.").format(journal)
        )
    return window


def run_window(*, journal: Path | None = None, demo: bool = False) -> int:
    """``netjournal`` without a command: the demo, a given journal, the last one, or the welcome page."""
    app = application()
    from netjournal.ui.shell import failsafe

    failsafe.install()
    _quit_on_signals(app)
    window = launch_window(journal=journal, demo=demo)
    if window is None:
        print("netjournal is already running: its window was brought to the front.", file=sys.stderr)
        return 0
    return app.exec()
