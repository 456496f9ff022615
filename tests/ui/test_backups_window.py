"""The window's automatic backups, its Backups… dialog with a preview, and restoring from it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QTreeWidget
from support import PASSPHRASE

from netjournal.services import backups, use_cases
from netjournal.services.backups import Reason
from netjournal.ui.dialogs.backups_dialog import BackupsDialog
from netjournal.ui.session import Session
from netjournal.ui.shell.auto_backups import AutoBackups
from netjournal.ui.widgets import messages

NEW = "velvet canyon orbits a quiet plum 42"


@pytest.fixture
def automatic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(backups.AUTO_BACKUP_VARIABLE, "1")


def test_a_change_in_the_window_takes_a_backup_on_a_worker(qtbot, window, automatic) -> None:
    journal = window.session.journal
    with qtbot.waitSignal(window.auto_backups.taken, timeout=20_000) as taken:
        use_cases.log_touchpoint(journal, "Ana Silva", "Coffee after the board meeting")
    [backup] = backups.list_backups(journal.path)
    assert taken.args[0].file.path == backup.path
    assert backup.reason is Reason.AUTO
    # The next change within 30 minutes waits for the interval instead of taking another.
    use_cases.log_touchpoint(journal, "Tom Reyes", "Call about the rubric")
    assert not window.auto_backups.running
    assert len(backups.list_backups(journal.path)) == 1


def test_the_next_backup_waits_for_the_interval_on_a_fake_clock(qtbot, session: Session, automatic) -> None:
    clock = [dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)]
    auto = AutoBackups(session, now=lambda: clock[0])
    with qtbot.waitSignal(auto.taken, timeout=20_000):
        use_cases.log_touchpoint(session.journal, "Ana Silva", "Coffee")
    clock[0] += dt.timedelta(minutes=10)
    use_cases.log_touchpoint(session.journal, "Tom Reyes", "Call")
    assert auto._timer.isActive()
    assert 19 * 60_000 < auto._timer.remainingTime() <= 21 * 60_000  # a coarse timer may run a little late
    clock[0] += dt.timedelta(minutes=20)
    with qtbot.waitSignal(auto.taken, timeout=20_000) as second:
        auto._timer.timeout.emit()  # as the timer would, 20 minutes later
    assert second.args[0].contents.counts["touchpoint"] == 3


def test_no_change_means_no_backup(qtbot, window, automatic) -> None:
    assert not window.auto_backups.running
    assert backups.list_backups(window.session.journal.path) == []


def open_backups(qtbot, window) -> BackupsDialog:
    window.window_actions.backups.trigger()
    dialog = window.findChild(QDialog, "backupsDialog")
    assert isinstance(dialog, BackupsDialog)
    qtbot.waitUntil(lambda: dialog.findChild(QPushButton, "restoreBackupButton").isEnabled(), timeout=20_000)
    return dialog


def test_the_dialog_lists_backups_and_previews_the_chosen_one(qtbot, window) -> None:
    journal = window.session.journal
    backups.take_backup(journal.snapshot_source(), Reason.MANUAL)
    use_cases.log_touchpoint(journal, "Ana Silva", "Coffee after the board meeting")
    dialog = open_backups(qtbot, window)
    listed = dialog.findChild(QTreeWidget, "backupList")
    assert listed.topLevelItemCount() == 1
    row = listed.topLevelItem(0)
    assert row.text(1) == "taken by hand" and row.text(2) == "8"
    preview = dialog.findChild(QLabel, "backupPreview").text()
    assert "This backup holds 3 people and 8 entries" in preview
    assert "The journal holds 3 people and 9 entries" in preview


def test_back_up_now_adds_one_and_selects_it(qtbot, window) -> None:
    dialog = open_backups_without_any(qtbot, window)
    qtbot.mouseClick(dialog.findChild(QPushButton, "backUpNowButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(QTreeWidget, "backupList").topLevelItemCount() == 1, timeout=20_000)
    qtbot.waitUntil(lambda: dialog.findChild(QPushButton, "restoreBackupButton").isEnabled(), timeout=20_000)
    assert backups.list_backups(window.session.journal.path)[0].reason is Reason.MANUAL


def open_backups_without_any(qtbot, window) -> BackupsDialog:
    window.window_actions.backups.trigger()
    dialog = window.findChild(QDialog, "backupsDialog")
    assert "No backups yet" in dialog.findChild(QLabel, "backupPreview").text()
    return dialog


def test_restoring_from_the_dialog_runs_on_a_worker_and_refreshes_the_window(
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = window.session.journal
    backups.take_backup(journal.snapshot_source(), Reason.MANUAL)
    use_cases.log_touchpoint(journal, "Ana Silva", "Coffee after the board meeting")
    dialog = open_backups(qtbot, window)
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _p, _t, text, action: asked.append(text) or True)
    with qtbot.waitSignal(window.session.changed, timeout=20_000):
        dialog.findChild(QPushButton, "restoreBackupButton").click()
        assert window.session.busy  # the worker has the connection; the window keeps off it
    qtbot.waitUntil(lambda: not window.session.busy, timeout=20_000)
    assert "kept as a backup first" in asked[0]
    assert journal.sql("SELECT count(*) FROM touchpoint").fetchone()[0] == 1
    assert [b.reason for b in backups.list_backups(journal.path)] == [Reason.BEFORE_RESTORE, Reason.MANUAL]
    assert "Restored the backup" in window.info.label.text()


def test_a_backup_under_an_earlier_passphrase_asks_for_it(qtbot, window) -> None:
    journal = window.session.journal
    use_cases.change_passphrase(journal, NEW)
    window.window_actions.backups.trigger()
    dialog = window.findChild(QDialog, "backupsDialog")
    field = dialog.findChild(QLineEdit, "backupPassphrase")
    qtbot.waitUntil(field.isVisible, timeout=20_000)
    assert "before a passphrase change" in dialog.findChild(QLabel, "backupPreview").text()
    qtbot.keyClicks(field, "not it")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "does not open" in dialog.findChild(QLabel, "backupPreview").text(), timeout=20_000)
    qtbot.keyClicks(field, PASSPHRASE)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.findChild(QPushButton, "restoreBackupButton").isEnabled(), timeout=20_000)
    assert field.text() == ""  # the old passphrase does not linger in the field
    assert "This backup holds 3 people" in dialog.findChild(QLabel, "backupPreview").text()


def test_a_failure_on_the_worker_frees_the_journal_before_the_caller_hears_of_it(qtbot, session: Session) -> None:
    """So a caller may close the journal in its failure slot (as after a change it could not reopen)."""
    from netjournal.store.errors import JournalError

    def fail(_journal: object) -> None:
        raise JournalError("it did not work")

    heard: list[bool] = []
    task = session.busy_with(fail, "a failing step")
    task.failed.connect(lambda _error: (heard.append(session.busy), session.detach()))
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert heard == [False]
    assert not session.is_open


def test_a_restore_forgets_the_undo_history(qtbot, window, monkeypatch: pytest.MonkeyPatch) -> None:
    from netjournal.domain import EntryType

    journal = window.session.journal
    backups.take_backup(journal.snapshot_source(), Reason.MANUAL)
    logged = use_cases.log_touchpoint(journal, "Ana Silva", "Coffee after the board meeting")
    window.undo_history.push(use_cases.delete_entry(journal, EntryType.TOUCHPOINT, logged.id))
    assert len(window.undo_history) == 1
    dialog = open_backups(qtbot, window)
    monkeypatch.setattr(messages, "confirm", lambda *_a, **_k: True)
    dialog.findChild(QPushButton, "restoreBackupButton").click()
    qtbot.waitUntil(lambda: not window.session.busy, timeout=20_000)
    assert len(window.undo_history) == 0  # its rows belong to the journal as it was before
