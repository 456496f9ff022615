"""Journal → Import…: a preview read on a worker, then the import, with progress; Cancel rolls it back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from netjournal.services import people
from netjournal.ui.dialogs.import_dialog import ImportDialog

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"


def _names(window) -> list[str]:
    return [p.name for p in people.list_people(window.session.journal)]


def _opened(qtbot, window, path: Path) -> ImportDialog:
    with qtbot.waitSignal(window.session.busy_ended, timeout=20_000):
        dialog = window.imports.import_file(path)
        assert dialog is not None
    return dialog


def test_the_preview_shows_each_group_and_importing_adds_them(qtbot, window) -> None:
    before = _names(window)
    dialog = _opened(qtbot, window, SAMPLES / "linkedin-connections.csv")
    assert dialog.heading.text() == "linkedin-connections.csv: 6 people to add, 0 people to update, 1 entry skipped."
    tabs = [dialog.groups.tabText(i) for i in range(dialog.groups.count())]
    assert tabs == ["To add (6)", "To update (0)", "Skipped (1)"]
    first = dialog.groups.widget(0).model()
    assert [first.index(0, c).data() for c in range(3)] == ["line 5", "Amara Okafor", "Added as a new person."]
    skipped = dialog.groups.widget(2).model()
    assert "no first or last name" in skipped.index(0, 2).data()
    assert _names(window) == before  # nothing written by the preview
    assert dialog.import_button.isEnabled() and dialog.import_button.hasFocus()
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as done:
        qtbot.keyClick(dialog.import_button, Qt.Key.Key_Space)
    assert "Imported 6 new people and updated 0" in done.args[0]
    assert "Amara Okafor" in _names(window) and len(_names(window)) == len(before) + 6
    # The contact list took the whole-journal change notice or the people's: they are listed.
    model = window.workspace.contacts.model
    listed = lambda: [model.person_at(row).name for row in range(model.rowCount())]  # noqa: E731
    qtbot.waitUntil(lambda: "Amara Okafor" in listed(), timeout=5_000)
    dialog.reject()
    assert "Imported 6 new people" in window.info.label.text()


def test_importing_the_same_file_again_offers_nothing(qtbot, window) -> None:
    dialog = _opened(qtbot, window, SAMPLES / "linkedin-connections.csv")
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.start_import()
    dialog.reject()
    again = _opened(qtbot, window, SAMPLES / "linkedin-connections.csv")
    assert "Nothing to import" in again.heading.text()
    assert not again.import_button.isEnabled()
    assert again.close_button.text() == "Close"
    again.reject()


def test_a_file_that_cannot_be_read_says_why_and_writes_nothing(qtbot, window) -> None:
    before = _names(window)
    dialog = _opened(qtbot, window, SAMPLES / "truncated.csv")
    assert "is never closed" in dialog.heading.text() and "truncated.csv" in dialog.heading.text()
    assert not dialog.import_button.isEnabled() and dialog.groups.isHidden()
    assert _names(window) == before
    dialog.reject()


def test_cancel_during_the_import_rolls_it_all_back(qtbot, window, tmp_path: Path) -> None:
    from imports.generate_csv import many_linkedin

    big = tmp_path / "Connections.csv"
    big.write_text(many_linkedin(1_200), encoding="utf-8", newline="")
    before = _names(window)
    dialog = _opened(qtbot, window, big)
    # The first progress report (after 500 people) finds Cancel pressed and stops the transaction there.
    dialog.start_import()
    dialog.reject()
    assert dialog.isVisible()  # it waits for the worker to stop
    qtbot.waitUntil(lambda: "cancelled" in dialog.heading.text(), timeout=20_000)
    assert _names(window) == before
    dialog.reject()
    assert not dialog.isVisible()


def test_the_menu_asks_for_a_file_first(qtbot, window, monkeypatch) -> None:
    asked: list[str] = []

    def open_file_name(_parent, title, _start, _filter):
        asked.append(title)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_file_name)
    window.window_actions.import_file.trigger()
    assert asked == ["Import contacts or a netjournal export"]
    assert window.imports.dialog is None


def _export_of(journal) -> dict:
    import io
    import json

    from netjournal.exports.json_export import write_export

    buffer = io.BytesIO()
    write_export(journal, buffer)
    document = json.loads(buffer.getvalue())
    document.pop("exported_at")
    return document


def test_a_json_export_goes_into_an_empty_journal_exactly(qtbot, window, tmp_path: Path, settings_file) -> None:
    from PySide6.QtCore import QSettings
    from support import PASSPHRASE, TEST_KDF_ITER

    from netjournal.app import open_main_window
    from netjournal.exports.json_export import export_json
    from netjournal.services.journal import Journal
    from netjournal.ui.shell.settings import WindowSettings

    export = tmp_path / "everything.json"
    export_json(window.session.journal, export)
    original = _export_of(window.session.journal)
    # Into the window's own journal, which has people: refused, with the way out.
    refused = _opened(qtbot, window, export)
    assert "already has people or entries" in refused.heading.text()
    assert not refused.import_button.isEnabled()
    refused.reject()
    # Into a new, empty journal: the same journal again, identity and all.
    empty = tmp_path / "new.netjournal"
    Journal.create(empty, PASSPHRASE, kdf_iter=TEST_KDF_ITER).close()
    settings = WindowSettings(QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat))
    other = open_main_window(empty, PASSPHRASE, kdf_iter=TEST_KDF_ITER, settings=settings)
    qtbot.addWidget(other)
    dialog = _opened(qtbot, other, export)
    assert "a netjournal export (format 4) of 3 people" in dialog.heading.text()
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=30_000) as done:
        dialog.start_import()
    assert "with the identity of the journal it came from" in done.args[0]
    assert _export_of(other.session.journal) == original
    model = other.workspace.contacts.model
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5_000)
    dialog.reject()
    other.close()
