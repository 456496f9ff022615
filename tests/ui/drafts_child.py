"""The window as its own process, to be killed while a draft is open (run by test_drafts).

    python drafts_child.py JOURNAL SETTINGS_FILE

Opens JOURNAL, opens Log an exchange, types into it, and prints ``kept`` once the
draft is in the journal; then it waits, to be killed with SIGKILL.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.app import open_main_window
from netjournal.ui.shell.settings import WindowSettings

SUMMARY = "Walked her through the Series A term sheet, clause by clause"
DETAILS = "Liquidation preference 1x non-participating.\nShe will send the cap table on Friday."


def main(journal: str, settings_file: str) -> int:
    settings = WindowSettings(QSettings(settings_file, QSettings.Format.IniFormat))
    window = open_main_window(journal, PASSPHRASE, kdf_iter=TEST_KDF_ITER, settings=settings)
    app = QApplication.instance()
    assert app is not None
    window.entries.log_exchange()
    dialog = window.entries.current_dialog
    assert dialog is not None
    QTest.keyClicks(dialog.findChild(QLineEdit, "personField"), "Ana Silva")
    QTest.keyClicks(dialog.findChild(QLineEdit, "summaryField"), SUMMARY)
    dialog.findChild(QPlainTextEdit, "detailsField").setPlainText(DETAILS)
    dialog.drafts.kept.connect(lambda: print("kept", flush=True))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
