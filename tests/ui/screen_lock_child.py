"""The window as its own process, on whatever D-Bus its environment names (run by test_screen_lock_process).

    python screen_lock_child.py JOURNAL SETTINGS_FILE

Opens JOURNAL with a dialog over it and prints ``listening`` or ``deaf``. A listening window then waits
for a lock and prints what it left on screen; a deaf one turns its event loop once, prints whether the
journal is still open, and quits.
QDBusConnection.sessionBus() reads its address once per process, hence a process of its own.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from PySide6.QtWidgets import QApplication, QDialog
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.app import open_main_window
from netjournal.ui.shell.settings import WindowSettings


def main(journal: str, settings_file: str) -> int:
    settings = WindowSettings(QSettings(settings_file, QSettings.Format.IniFormat))
    window = open_main_window(journal, PASSPHRASE, kdf_iter=TEST_KDF_ITER, settings=settings)
    app = QApplication.instance()
    assert app is not None
    window.entries.log_exchange()

    def report() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        page = "unlock" if window.pages.currentWidget() is window.unlock else "other"
        print(f"locked page={page} dialogs={len(dialogs)} people={window.workspace.contacts.model.rowCount()}")
        sys.stdout.flush()
        app.quit()

    if not window.screen_lock.listening:
        print("deaf", flush=True)

        def finish() -> None:
            print("open" if window.session.is_open else "closed", flush=True)
            app.quit()

        QTimer.singleShot(0, finish)
        return app.exec()
    # Once a bus answers, it has every match rule sent before on that connection: the test may emit.
    ping = QDBusMessage.createMethodCall(
        "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetId"
    )
    for bus in (QDBusConnection.sessionBus(), QDBusConnection.systemBus()):
        if bus.isConnected():
            bus.call(ping)
    window.session.closed.connect(lambda: QTimer.singleShot(0, report))  # once lock() has shown the unlock page
    print("listening", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
