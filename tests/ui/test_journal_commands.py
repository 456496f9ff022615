"""Journal-level commands from the window: the JSON export, the passphrase notice, a demo that fails."""

from __future__ import annotations

import json
import stat
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog, QLineEdit
from support import PASSPHRASE, MemoryKeyring, shows_no_notice

from netjournal.services import keychain
from netjournal.services.people import find_person
from netjournal.store.errors import StorageFullError
from netjournal.ui.dialogs.person_dialog import PersonDialog
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.widgets import messages

NEW = "velvet canyon orbits a quiet plum 42"


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The error boxes the window would show, as (title, text), instead of showing them."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, title, text: shown.append((title, text)))
    return shown


def save_as(monkeypatch: pytest.MonkeyPatch, chosen: Path | None) -> list[str]:
    """Answer the save dialog with ``chosen`` (None: cancelled); returns the paths it suggested."""
    suggested: list[str] = []

    def get_save_file_name(parent, caption, directory, filter_="", *args, **kwargs):
        suggested.append(directory)
        return ("" if chosen is None else str(chosen), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    return suggested


# -- Journal → Export → JSON… ----------------------------------------------------------


def test_export_json_writes_the_whole_journal_where_chosen(qtbot, window: MainWindow, tmp_path: Path, monkeypatch):
    action = window.window_actions.export_json
    assert action.objectName() == "actionExportJson"
    assert action.isEnabled()
    target = tmp_path / "exports" / "everything.json"
    target.parent.mkdir()
    suggested = save_as(monkeypatch, target)

    action.trigger()

    assert suggested == [str(window.session.journal.path.with_name("journal.json"))]
    document = json.loads(target.read_text(encoding="utf-8"))
    names = [person["name"] for person in document["people"]]
    assert sorted(names) == ["Ana Silva", "Lee Park", "Tom Reyes"]
    assert any(e["summary"] == "Ana reviewed my pricing deck and cut tier three" for e in document["exchanges"])
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # plaintext: readable by the owner alone
    assert window.info.isVisible()
    assert str(target) in window.info.label.text()
    assert "not encrypted" in window.info.label.text()
    assert QApplication.overrideCursor() is None
    assert sorted(p.name for p in target.parent.iterdir()) == ["everything.json"]  # no partial file left


def test_cancelling_the_export_writes_nothing(qtbot, window: MainWindow, tmp_path: Path, monkeypatch):
    save_as(monkeypatch, None)
    before = sorted(tmp_path.rglob("*"))
    window.window_actions.export_json.trigger()
    assert sorted(tmp_path.rglob("*")) == before
    assert shows_no_notice(window)


def test_a_failed_export_says_why_and_the_journal_stays_open(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch, errors
):
    save_as(monkeypatch, tmp_path / "no such folder" / "everything.json")
    window.window_actions.export_json.trigger()
    assert errors == [("Export failed", f"The folder {tmp_path / 'no such folder'} does not exist.")]
    assert not (tmp_path / "no such folder").exists()
    assert window.session.is_open
    assert QApplication.overrideCursor() is None


def test_export_needs_an_unlocked_journal(qtbot, window: MainWindow) -> None:
    window.lock()
    assert not window.window_actions.export_json.isEnabled()


# -- the passphrase notice ---------------------------------------------------------------


def change_passphrase(qtbot, window: MainWindow) -> None:
    window.window_actions.change_passphrase.trigger()
    dialog = window.findChild(QDialog, "changePassphraseDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    for name, text in (
        ("changeCurrentPassphrase", PASSPHRASE),
        ("changeNewPassphrase", NEW),
        ("changeConfirmPassphrase", NEW),
    ):
        qtbot.keyClicks(dialog.findChild(QLineEdit, name), text)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


class UnwritableKeyring(MemoryKeyring):
    """A keychain that still holds the old passphrase but refuses to store a new one."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError("the keychain is locked")


def test_the_notice_says_the_passphrase_changed(qtbot, window: MainWindow, failing_keyring) -> None:
    assert shows_no_notice(window)
    change_passphrase(qtbot, window)
    assert window.info.isVisible()
    assert window.info.label.text() == "Changed the passphrase."


def test_the_notice_says_the_keychain_was_updated(qtbot, window: MainWindow, memory_keyring) -> None:
    path = window.session.journal.path
    keychain.remember(path, PASSPHRASE)
    change_passphrase(qtbot, window)
    assert keychain.recall(path) == NEW
    assert window.info.isVisible()
    assert window.info.label.text() == "Changed the passphrase, and the one this computer's keychain remembers."


def test_the_notice_says_the_keychain_forgot_the_old_passphrase(qtbot, window: MainWindow) -> None:
    import keyring

    path = window.session.journal.path
    backend = UnwritableKeyring()
    backend.secrets[(keychain.SERVICE, str(path.resolve()))] = PASSPHRASE
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        change_passphrase(qtbot, window)
    finally:
        keyring.set_keyring(previous)
    assert backend.secrets == {}  # the old passphrase no longer sits in the keychain
    assert window.info.isVisible()
    assert "no longer remembers" in window.info.label.text()
    assert "asked next time" in window.info.label.text()


# -- a demo that cannot be created ---------------------------------------------------------


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the demo's temporary folder goes, inside this test's own folder."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def assert_still_works(qtbot, window: MainWindow, journal: object) -> None:
    """The journal that was open is still shown, and reads and writes through the window still work."""
    assert window.session.is_open and window.session.journal is journal
    assert window.pages.currentWidget() is window.workspace
    assert window.window_actions.log_exchange.isEnabled()
    assert QApplication.overrideCursor() is None

    window.workspace.search.box.setText("pricing deck")
    window.workspace.search.run_search()
    assert window.workspace.search.model.rowCount() == 1

    window.window_actions.add_person.trigger()
    dialog = window.entries.current_dialog
    assert isinstance(dialog, PersonDialog)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.name_field, "Mira Chen")
    with qtbot.waitSignal(window.session.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    mira = find_person(window.session.journal, "Mira Chen")
    assert mira is not None
    assert window.workspace.person_id == mira.id
    qtbot.waitUntil(lambda: window.workspace.contacts.model.rowCount() == 4)


def test_a_demo_that_fails_while_filling_leaves_the_open_journal_working(
    qtbot, window: MainWindow, monkeypatch, errors, temp_folder: Path
):
    from netjournal.services.demo import builder

    def full_disk(journal, *args, **kwargs):
        raise StorageFullError(journal.path)

    # The real creation runs (a second encrypted journal is made and closed); only filling it fails.
    monkeypatch.setattr(builder, "populate_demo", full_disk)
    journal = window.session.journal

    window.window_actions.open_demo.trigger()

    [(title, text)] = errors
    assert title == "Could not create the demo"
    assert "the disk is full" in text
    assert list(temp_folder.iterdir()) == []  # the half-made demo does not wait for the quit to go
    assert shows_no_notice(window)  # no demo passphrase notice
    assert_still_works(qtbot, window, journal)


def test_a_demo_with_nowhere_to_go_leaves_the_open_journal_working(
    qtbot, window: MainWindow, monkeypatch, errors, tmp_path: Path
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "gone"))  # the temporary folder does not exist
    journal = window.session.journal

    window.window_actions.open_demo.trigger()

    [(title, text)] = errors
    assert title == "Could not create the demo"
    assert str(tmp_path / "gone") in text
    assert not (tmp_path / "gone").exists()
    assert_still_works(qtbot, window, journal)
