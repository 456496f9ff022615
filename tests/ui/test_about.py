"""Help → About netjournal: version, the data folder, and every bundled part with its licence."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableWidget

from netjournal import __version__
from netjournal.components import COMPONENTS, licence_texts
from netjournal.paths import default_journal_path
from netjournal.ui.dialogs.about_dialog import AboutDialog
from netjournal.ui.shell.main_window import MainWindow


def _rows(table: QTableWidget) -> dict[str, tuple[str, str]]:
    return {
        table.item(row, 0).text(): (table.item(row, 1).text(), table.item(row, 2).text())
        for row in range(table.rowCount())
    }


def test_the_about_box_names_the_version_the_data_folder_and_the_licences(qtbot, window: MainWindow) -> None:
    window.window_actions.about.trigger()
    dialog = window.findChild(AboutDialog, "aboutDialog")
    assert dialog is not None and dialog.isVisible()

    heading = dialog.findChild(QLabel, "aboutVersion")
    assert heading is not None and heading.text() == f"netjournal {__version__}"
    places = dialog.places.text()
    assert str(default_journal_path().parent) in places
    assert str(window.journal_path) in places
    rows = _rows(dialog.table)
    assert len(rows) == len(COMPONENTS)
    assert rows["Qt 6"][0].startswith("6.")
    assert rows["Qt 6"][1] == "LGPL-3.0-only, inside PySide6"
    assert rows["SQLCipher"][1] == "BSD-3-Clause, inside sqlcipher3"
    assert rows["peewee"][1] == "MIT" and rows["peewee"][0]  # a version, read from the package's metadata
    # From source there is no bundled licence file; the box says where the texts are instead.
    assert ".dist-info" in dialog.licences.toPlainText()
    dialog.close()


def test_the_licence_text_the_bundle_ships_holds_each_packages_own_licence() -> None:
    text = licence_texts()
    assert "Qt 6" in text and "LGPL-3.0-only" in text and "SQLCipher" in text
    assert "peewee" in text and "Charles Leifer" in text  # peewee's LICENSE file, not only its name
    assert "sqlcipher3: sqlcipher3-" in text


def test_the_first_screen_says_a_lost_passphrase_cannot_be_recovered(qtbot) -> None:
    from netjournal.ui.shell.welcome import WelcomeScreen

    welcome = WelcomeScreen()
    qtbot.addWidget(welcome)
    note = welcome.passphrase_note.text()
    assert "only key" in note and "No one can recover or reset it" in note
    assert note.count(".") == 2  # two sentences, no more
