"""A command on a journal whose crash log is damaged: one plain line, a non-zero exit, every file as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import crash_after_adding_people, file_digests, flip_byte, wal_frames

from netjournal.cli import early_open
from netjournal.services.journal import Journal

MESSAGE = "its log of recent changes is damaged, and opening it would lose entries saved before the last crash"


@pytest.fixture
def damaged_log(jpath: Path, env_passphrase: str, cli_kdf_iter: int) -> Path:
    """A journal whose 12 people are only in the log a crash left, with one byte flipped in its fourth transaction."""
    Journal.create(jpath, env_passphrase, kdf_iter=cli_kdf_iter).close()
    crash_after_adding_people(jpath, env_passphrase, cli_kdf_iter, 12)
    wal = Path(f"{jpath}-wal")
    commits = [offset for offset, _page, commit, _salt in wal_frames(wal.read_bytes()) if commit]
    flip_byte(wal, commits[3] + 24 + 300)
    return jpath


@pytest.mark.parametrize(
    "argv",
    [("show", "Person 1"), ("log", "--gave", "--kind", "advice", "--with", "Person 1", "Reviewed the pitch deck")],
    ids=["show", "log"],
)
def test_a_damaged_crash_log_is_said_in_one_line_and_nothing_changes(
    damaged_log, run_cli, spy, one_error_line, argv
) -> None:
    taken = spy(early_open.EarlyOpen, "take")  # NETJOURNAL_PASSPHRASE is set: the journal is opened early
    before = file_digests(damaged_log.parent)
    result = run_cli("--journal", damaged_log, *argv)
    assert result.code == 1
    one_error_line(result.err, MESSAGE, "Restore a backup")
    assert taken, "the command should have been handed the early open's refusal"
    assert file_digests(damaged_log.parent) == before


def test_a_damaged_crash_log_is_refused_by_the_installed_command(damaged_log, sub, env_passphrase, one_error_line):
    before = file_digests(damaged_log.parent)
    done = sub("--journal", damaged_log, "show", "Person 1", passphrase=env_passphrase)
    assert done.returncode == 1
    one_error_line(done.stderr, MESSAGE)
    assert file_digests(damaged_log.parent) == before
