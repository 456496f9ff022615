"""Journal → Import… on a CSV file: the Columns tab says what each column holds, as --map does on the command line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from netjournal.domain import DetailField
from netjournal.services import people
from netjournal.ui.dialogs.import_columns import ImportColumns
from netjournal.ui.dialogs.import_dialog import ImportDialog

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"


def _opened(qtbot, window, path: Path) -> ImportDialog:
    with qtbot.waitSignal(window.session.busy_ended, timeout=20_000):
        dialog = window.imports.import_file(path)
        assert dialog is not None
    return dialog


def _choose(qtbot, window, dialog: ImportDialog, header: str, field: str) -> None:
    """Choose what a column is and wait for the file to be read again with it."""
    assert dialog.columns is not None
    with qtbot.waitSignal(window.session.busy_ended, timeout=20_000):
        dialog.columns.choose(header, field)
        assert not dialog.import_button.isEnabled()  # the tabs are the old mapping's meanwhile
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=5_000)


def _imported(qtbot, dialog: ImportDialog) -> str:
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as done:
        dialog.import_button.click()
    return done.args[0]


def _person(window, name: str) -> people.PersonRecord:
    found = people.find_person(window.session.journal, name)
    assert found is not None and found.name == name
    return people.get_person(window.session.journal, found.id)


def test_choosing_the_met_column_imports_the_date_met(qtbot, window) -> None:
    dialog = _opened(qtbot, window, SAMPLES / "spreadsheet-semicolon.csv")
    columns = dialog.findChild(ImportColumns, "importColumns")
    assert columns is dialog.columns
    tabs = [dialog.groups.tabText(i) for i in range(dialog.groups.count())]
    assert tabs == ["Columns (5)", "To add (2)", "To update (0)", "Skipped (1)"]
    assert dialog.groups.currentIndex() == 1  # the preview first: the known columns need nothing
    assert [columns.choice(i) for i in range(5)] == ["name", "organisation", "email", "notes", "ignore"]
    met = columns.combos[4]
    assert met.accessibleName() == "Column Met: what it is"
    assert met.currentText() == "Ignore"
    assert [met.itemText(i) for i in range(met.count())][-2:] == ["Date you met", "Ignore"]

    _choose(qtbot, window, dialog, "Met", "met_on")
    assert columns.mapping() == {"Met": "met_on"}
    assert dialog.heading.text() == "spreadsheet-semicolon.csv: 2 people to add, 0 people to update, 1 entry skipped."
    assert "Imported 2 new people" in _imported(qtbot, dialog)
    assert _person(window, "Inês Duarte").how_met == "Met on 14 March 2023"
    assert _person(window, "George Papadopoulos").how_met == "Met on 2 November 2022"
    dialog.reject()


def test_a_file_without_a_name_column_asks_for_one(qtbot, window, tmp_path: Path, settings_file: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "Who;Where;Mail\nRosa Delgado;Lisbon;rosa@harbourline.example\nEmeka Obi;Porto;emeka@kilnloom.example\n",
        encoding="utf-8",
    )
    before = {p.name for p in people.list_people(window.session.journal)}
    dialog = _opened(qtbot, window, path)
    assert dialog.columns is not None
    assert dialog.groups.currentWidget() is dialog.columns
    assert "Choose which column holds the name" in dialog.columns.prompt.text()
    assert "--map" not in dialog.heading.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.columns.combos[0].hasFocus()  # the question is where the keyboard is
    # "Mail" is recognised as the email; the mapping names only what differs from that.
    assert [dialog.columns.choice(i) for i in range(3)] == ["ignore", "ignore", "email"]

    _choose(qtbot, window, dialog, "Who", "name")
    assert "Choose which column" not in dialog.columns.prompt.text()
    assert dialog.heading.text() == "people.csv: 2 people to add, 0 people to update, 0 entries skipped."
    assert dialog.groups.currentWidget() is dialog.columns  # the person is still choosing: stay there
    _choose(qtbot, window, dialog, "Where", "location")
    assert dialog.columns.mapping() == {"Who": "name", "Where": "location"}
    added = dialog.groups.widget(1).model()
    assert [added.index(row, 1).data() for row in range(added.rowCount())] == ["Rosa Delgado", "Emeka Obi"]

    _imported(qtbot, dialog)
    after = {p.name for p in people.list_people(window.session.journal)}
    assert after - before == {"Rosa Delgado", "Emeka Obi"}
    rosa = _person(window, "Rosa Delgado")
    assert [(d.field, d.value) for d in rosa.details] == [
        (DetailField.EMAIL, "rosa@harbourline.example"),
        (DetailField.LOCATION, "Lisbon"),
    ]
    dialog.reject()
    # Headers and values are the file's personal data: none of them is kept in the settings.
    window.settings.sync()
    kept = settings_file.read_text(encoding="utf-8") if settings_file.exists() else ""
    assert not any(word in kept for word in ("Who", "Where", "Rosa", "Lisbon", "people.csv"))


def test_every_column_choice_is_reached_with_tab(qtbot, window) -> None:
    dialog = _opened(qtbot, window, SAMPLES / "spreadsheet-semicolon.csv")
    assert dialog.columns is not None
    dialog.groups.setCurrentWidget(dialog.columns)
    dialog.columns.combos[0].setFocus()
    reached = [QApplication.focusWidget()]
    for _ in range(len(dialog.columns.combos) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == dialog.columns.combos
    # The keyboard changes a choice too; the file is read again once the choices rest.
    with qtbot.waitSignal(window.session.busy_ended, timeout=20_000):
        qtbot.keyClick(dialog.columns.combos[4], Qt.Key.Key_Up)  # Ignore → Date you met
    assert dialog.columns.mapping() == {"Met": "met_on"}
    dialog.reject()


def test_linkedin_and_vcard_files_have_no_columns_tab(qtbot, window) -> None:
    for sample in ("linkedin-connections.csv", "google-3.0.vcf"):
        dialog = _opened(qtbot, window, SAMPLES / sample)
        assert dialog.columns is None and dialog.findChild(ImportColumns) is None
        assert dialog.groups.tabText(0).startswith("To add")
        dialog.reject()


def test_a_known_export_keeps_its_columns_as_recognised(qtbot, window) -> None:
    dialog = _opened(qtbot, window, SAMPLES / "outlook-contacts.csv")
    assert dialog.columns is not None and dialog.columns.mapping() == {}
    assert dialog.import_button.isEnabled()
    assert dialog.groups.currentIndex() == 1  # the preview of what the known columns give
    dialog.reject()
