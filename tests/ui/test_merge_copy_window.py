"""Journal → Merge another copy…: its passphrase, a preview, the merge on a worker, a notice; warnings at open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from support import PASSPHRASE, TEST_KDF_ITER
from views_support import focused

from netjournal.services import entries, people
from netjournal.services.journal import Journal
from netjournal.ui.shell.sync_commands import place_warnings


def _edited_copy(window, tmp_path: Path) -> Path:
    copy = window.session.journal.backup_to(tmp_path / "laptop.netjournal")
    with Journal.open(copy, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as other:
        lee = people.find_person(other, "Lee Park")
        assert lee is not None
        entries.add_touchpoint(other, lee.id, "Coffee on the laptop's side")
    return copy


def _touchpoints(window) -> list[str]:
    return [note for (note,) in window.session.journal.sql("SELECT note FROM touchpoint ORDER BY id")]


def test_a_copy_is_previewed_then_merged_from_the_keyboard(qtbot, window, tmp_path: Path) -> None:
    copy = _edited_copy(window, tmp_path)
    dialog = window.sync.merge_copy(copy)
    assert dialog is not None
    qtbot.waitUntil(lambda: focused() is dialog.passphrase)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.merge_button.isEnabled())
    assert "added 1 touchpoint" in dialog.report_view.toPlainText()
    assert "Dry run: nothing was written." in dialog.report_view.toPlainText()
    assert "Coffee on the laptop's side" not in _touchpoints(window)
    assert focused() is dialog.merge_button
    qtbot.keyClick(dialog.merge_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.merged is not None)
    assert "Coffee on the laptop's side" in _touchpoints(window)
    assert "Dry run" not in dialog.report_view.toPlainText()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.info.label.text().startswith("Merged laptop.netjournal: 1 added"))


def test_a_wrong_passphrase_is_said_and_nothing_is_merged(qtbot, window, tmp_path: Path) -> None:
    copy = _edited_copy(window, tmp_path)
    dialog = window.sync.merge_copy(copy)
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "passphrase is wrong" in dialog.error.text()
    assert not dialog.merge_button.isEnabled()
    assert "Coffee on the laptop's side" not in _touchpoints(window)
    dialog.reject()


def test_another_journal_is_refused(qtbot, window, tmp_path: Path) -> None:
    other = tmp_path / "other.netjournal"
    Journal.create(other, PASSPHRASE, kdf_iter=TEST_KDF_ITER).close()
    dialog = window.sync.merge_copy(other)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "not a copy of this journal" in dialog.error.text() or "another journal" in dialog.error.text()
    dialog.reject()


def test_conflicting_copies_beside_the_journal_are_said_at_open(tmp_path: Path) -> None:
    journal = tmp_path / "work.netjournal"
    journal.write_bytes(b"x")
    (tmp_path / "work (conflicted copy 2026-12-01).netjournal").write_bytes(b"x")
    (said,) = place_warnings(journal)
    assert "conflicting copy of this journal beside it" in said and "Merge another copy" in said


def test_a_journal_in_a_synced_folder_is_warned_about_when_it_opens(qtbot, tmp_path: Path, settings_file) -> None:
    from PySide6.QtCore import QSettings

    from netjournal.app import open_main_window
    from netjournal.ui.shell.settings import WindowSettings

    folder = tmp_path / "Sync"
    (folder / ".stfolder").mkdir(parents=True)
    path = folder / "work.netjournal"
    Journal.create(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER).close()
    settings = WindowSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    window = open_main_window(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER, settings=settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "in a folder Syncthing copies" in window.info.label.text())


def test_the_version_a_merge_set_aside_is_read_on_the_entry(qtbot, window, tmp_path: Path) -> None:
    from netjournal.domain import EntryType
    from netjournal.services.sync_merge import merge_journal
    from netjournal.ui.panels.entry_detail import EntryDetail

    journal = window.session.journal
    (touch_id,) = journal.sql("SELECT id FROM touchpoint ORDER BY id LIMIT 1").fetchone()
    copy = journal.backup_to(tmp_path / "laptop.netjournal")
    with Journal.open(copy, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as other:
        entries.update_touchpoint(other, touch_id, "Written on the laptop first")
    entries.update_touchpoint(journal, touch_id, "Written here later, so it wins")
    report = merge_journal(journal, copy, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    assert len(report.conflicts) == 1
    timeline = window.workspace.timeline
    window.workspace.show_everyone()
    qtbot.waitUntil(lambda: timeline.list.select_entry(EntryType.TOUCHPOINT, touch_id))
    pane = window.findChild(EntryDetail, "entryDetail")
    qtbot.waitUntil(lambda: "Written here later" in pane.toPlainText())
    text = pane.toPlainText()
    assert "Earlier versions, kept when another copy's edit was newer:" in text
    assert "Written on the laptop first" in text
