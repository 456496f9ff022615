"""File dialogs start where a file can stay: beside the journal, or for a demo (removed at quit) in Documents."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from netjournal.ui.shell.file_places import documents_folder
from netjournal.ui.shell.main_window import MainWindow


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The path each file dialog suggested; every dialog is cancelled."""
    suggested: list[str] = []

    def cancel(_parent, _title, path, _filter):
        suggested.append(path)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancel)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", cancel)
    return suggested


def _open_demo(qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    from netjournal.services.demo import builder

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(builder, "populate_demo", lambda *args, **kwargs: None)
    window.window_actions.open_demo.trigger()
    qtbot.waitUntil(lambda: window.session.is_open and window.session.journal.path.parent.parent == tmp_path / "tmp")
    return window.session.journal.path.parent


def test_a_demo_suggests_its_copies_and_exports_outside_its_temporary_folder(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path, asked: list[str]
) -> None:
    demo_folder = _open_demo(qtbot, window, monkeypatch, tmp_path)
    actions = window.window_actions

    for action in (actions.backup, actions.export_json, actions.export_vcard, actions.open_journal):
        action.trigger()

    assert len(asked) == 4
    for path in asked:
        assert demo_folder.name not in path
        assert Path(path) == documents_folder() or Path(path).parent == documents_folder()


def test_an_ordinary_journal_suggests_copies_beside_itself(qtbot, window: MainWindow, asked: list[str]) -> None:
    journal = window.session.journal.path

    window.window_actions.backup.trigger()
    window.window_actions.open_journal.trigger()

    assert asked == [str(journal.with_name(f"{journal.stem}-backup{journal.suffix}")), str(journal.parent)]
