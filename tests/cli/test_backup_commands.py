"""Automatic backups from the command line, ``netjournal backups`` and ``netjournal restore``."""

from __future__ import annotations

import datetime as dt
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netjournal.cli import auto_backup
from netjournal.services import backups
from netjournal.services.backups import Reason
from netjournal.services.journal import Journal
from netjournal.store.errors import JournalError
from netjournal.store.snapshot import SnapshotSource, read_contents


@pytest.fixture
def helpers(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes] | None]:
    """Automatic backups on; every helper process a command starts, to be awaited by the test."""
    monkeypatch.setenv(backups.AUTO_BACKUP_VARIABLE, "1")
    started: list[subprocess.Popen[bytes] | None] = []
    real = auto_backup.start_if_due

    def recording(source: SnapshotSource, **kwargs: object) -> subprocess.Popen[bytes] | None:
        helper = real(source, **kwargs)  # type: ignore[arg-type]
        started.append(helper)
        return helper

    monkeypatch.setattr(auto_backup, "start_if_due", recording)
    return started


def log(run_cli, made: Path, summary: str):
    return run_cli("--journal", made, "log", "--gave", "--with", "Maya Chen", "--kind", "advice", summary)


def test_a_change_starts_a_helper_that_takes_the_backup_and_the_command_does_not_wait(
    run_cli, made: Path, helpers, cli_passphrase: str
) -> None:
    assert log(run_cli, made, "Priced the Acme proposal with her").code == 0
    [helper] = helpers
    assert helper is not None
    assert cli_passphrase not in " ".join(map(str, helper.args))  # through the pipe, never the arguments
    assert helper.wait(timeout=60) == 0
    [taken] = backups.list_backups(made)
    assert taken.reason is Reason.AUTO
    held = read_contents(taken.path, cli_passphrase, 2, check=True)
    assert held.counts["exchange"] == 1
    # Within 30 minutes, the next change starts none.
    assert log(run_cli, made, "Sent her the pricing sheet").code == 0
    assert helpers[1] is None


def test_reading_commands_start_no_backup(run_cli, made: Path, helpers) -> None:
    assert run_cli("--journal", made, "prompts").code == 0
    assert run_cli("--journal", made, "search", "anything").code == 0
    assert helpers == []


def test_backups_lists_them_with_what_they_hold(run_cli, made: Path, helpers) -> None:
    result = run_cli("--journal", made, "backups")
    assert result.code == 0 and "No backups yet" in result.out
    log(run_cli, made, "Priced the Acme proposal with her")
    assert helpers[0] is not None and helpers[0].wait(timeout=60) == 0
    result = run_cli("--journal", made, "backups")
    assert result.code == 0, result.err
    [line] = [line for line in result.out.splitlines() if line.strip().startswith("1 ")]
    assert "1 entry" in line and "automatic" in line and "KB" in line


def test_restore_by_number_keeps_the_journal_first(run_cli, made: Path, cli_passphrase: str) -> None:
    with Journal.open(made, cli_passphrase) as journal:
        backups.take_backup(journal.snapshot_source(), Reason.MANUAL)
    log(run_cli, made, "Priced the Acme proposal with her")
    refused = run_cli("--journal", made, "restore", "1")
    assert refused.code == 1 and "--yes" in refused.err
    result = run_cli("--journal", made, "restore", "1", "--yes")
    assert result.code == 0, result.err
    assert "The backup holds: 0 people and 0 entries." in result.out
    assert "The journal holds: 1 person and 1 entry; newest entry" in result.out
    with Journal.open(made, cli_passphrase) as journal:
        assert journal.sql("SELECT count(*) FROM exchange").fetchone()[0] == 0
    kinds = [b.reason for b in backups.list_backups(made)]
    assert kinds == [Reason.BEFORE_RESTORE, Reason.MANUAL]


def test_restore_refuses_a_number_it_does_not_list_and_a_stranger(
    run_cli, made: Path, tmp_path: Path, cli_passphrase: str, one_error_line
) -> None:
    result = run_cli("--journal", made, "restore", "3", "--yes")
    one_error_line(result.err, "There is no backup number 3")
    other = Journal.create(tmp_path / "other.netjournal", cli_passphrase)
    other.close()
    result = run_cli("--journal", made, "restore", str(other.path), "--yes")
    one_error_line(result.err, "copy of another journal")


def test_the_helper_killed_at_any_moment_leaves_whole_backups_or_none(
    tmp_path: Path, cli_passphrase: str, cli_kdf_iter: int
) -> None:
    """Twenty kills at random moments of a backup: never a half-written backup under a backup's name."""
    from netjournal.services.demo import create_demo_journal

    path = tmp_path / "work.netjournal"
    create_demo_journal(path, cli_passphrase, "small", kdf_iter=cli_kdf_iter)
    dice = random.Random(20)
    killed_mid_copy = finished = 0
    for attempt in range(20):
        helper = subprocess.Popen(
            [sys.executable, "-m", "netjournal", auto_backup.CHILD_COMMAND, str(path), str(cli_kdf_iter)],
            stdin=subprocess.PIPE,
        )
        assert helper.stdin is not None
        helper.stdin.write(cli_passphrase.encode())
        helper.stdin.close()
        if attempt % 2:  # at a random moment of the whole run, start-up included
            try:
                helper.wait(timeout=dice.uniform(0.05, 0.6))
                finished += 1
            except subprocess.TimeoutExpired:
                helper.send_signal(signal.SIGKILL)
                helper.wait()
        else:  # while the copy is being written: once its partial file is there
            while helper.poll() is None and not list(backups.backup_folder(path).glob(".*.partial")):
                pass
            if helper.poll() is None:
                time.sleep(dice.uniform(0, 0.03))  # somewhere inside the copy, not at its first byte
                helper.send_signal(signal.SIGKILL)
                helper.wait()
                killed_mid_copy += 1
            else:
                finished += 1
        for backup in backups.list_backups(path):
            held = read_contents(backup.path, cli_passphrase, cli_kdf_iter, check=True)
            assert held.entries > 1000, (attempt, backup.name)
        # The next backup is due at once (a fake clock: each attempt is "30 minutes later").
        for backup in backups.list_backups(path):
            later = backup.taken_at - dt.timedelta(hours=1 + attempt)
            backup.path.rename(backup.path.with_name(backups.backup_name(later, backup.reason)))
    # The kills must have landed both mid-copy and after: otherwise this proves nothing.
    assert killed_mid_copy >= 1 and finished >= 1, (killed_mid_copy, finished)
    with Journal.open(path, cli_passphrase, kdf_iter=cli_kdf_iter) as journal:
        assert journal.check() == []
    try:
        backups.take_backup(SnapshotSource(path, cli_passphrase, cli_kdf_iter), Reason.MANUAL)
    except JournalError as error:  # pragma: no cover - shown if it happens
        pytest.fail(str(error))
    assert not list(backups.backup_folder(path).glob(".*.partial"))  # leftovers gone with the next backup


def test_the_entry_point_knows_the_helper_by_the_same_word() -> None:
    import netjournal.__main__ as entry

    assert entry._BACKUP_HELPER == auto_backup.CHILD_COMMAND


def test_backup_works_while_the_window_has_the_journal_open(
    run_cli, made: Path, tmp_path: Path, cli_passphrase: str, one_error_line
) -> None:
    """The copy is read on a connection of its own: the window's lock does not stand in its way."""
    with Journal.open(made, cli_passphrase) as window_journal:  # holds the journal's lock, as the window does
        from netjournal.services import use_cases

        use_cases.log_touchpoint(window_journal, "Maya Chen", "Coffee while the window is open")
        locked = run_cli("--journal", made, "touch", "--with", "Maya", "Another")
        one_error_line(locked.err, "already open")
        result = run_cli("--journal", made, "backup", tmp_path / "copy.netjournal")
        assert result.code == 0, result.err
    held = read_contents(tmp_path / "copy.netjournal", cli_passphrase, 2, check=True)
    assert held.counts["touchpoint"] == 1


def test_backup_with_a_wrong_passphrase_writes_nothing(
    run_cli, made: Path, tmp_path: Path, monkeypatch, one_error_line
) -> None:
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", "not the passphrase at all")
    result = run_cli("--journal", made, "backup", tmp_path / "copy.netjournal")
    one_error_line(result.err, "passphrase")
    assert sorted(p.name for p in tmp_path.iterdir()) == [made.name]
