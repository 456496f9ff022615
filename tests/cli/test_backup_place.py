"""A folder chosen for a journal's backups (kept inside the journal): the command line takes, lists, restores there."""

from __future__ import annotations

from pathlib import Path

import pytest

from netjournal.cli import auto_backup
from netjournal.services import backup_choices, backups
from netjournal.services.backups import Reason
from netjournal.services.journal import Journal
from netjournal.store.errors import JournalError

from .test_backup_commands import helpers, log  # noqa: F401 - the fixture, and the command it runs


def choose(made: Path, passphrase: str, place: Path | None, kdf_iter: int) -> None:
    journal = Journal.open(made, passphrase, kdf_iter=kdf_iter)
    try:
        backup_choices.choose_place(journal, place)
    finally:
        journal.close()


def test_the_helper_takes_the_backup_into_the_chosen_folder_and_backups_lists_it(
    run_cli,
    made: Path,
    helpers,  # noqa: F811 - the fixture imported above
    cli_passphrase: str,
    cli_kdf_iter: int,
    tmp_path: Path,
) -> None:
    place = tmp_path / "elsewhere"
    place.mkdir()
    choose(made, cli_passphrase, place, cli_kdf_iter)
    assert log(run_cli, made, "Priced the Acme proposal with her").code == 0
    [helper] = helpers
    assert helper is not None and helper.wait(timeout=60) == 0
    assert not backups.backup_folder(made).exists(), "nothing beside the journal"
    [taken] = backups.list_backups(made, place)
    assert taken.path.parent == backups.backup_folder(made, place) and taken.reason is Reason.AUTO
    listed = run_cli("--journal", made, "backups")
    assert listed.code == 0
    assert str(backups.backup_folder(made, place)) in listed.out and "1 entry" in listed.out
    restored = run_cli("--journal", made, "restore", "1", "--yes")
    assert restored.code == 0, restored.err


def test_backups_taken_beside_the_journal_before_the_choice_are_still_listed(
    run_cli, made: Path, cli_passphrase: str, cli_kdf_iter: int, tmp_path: Path
) -> None:
    journal = Journal.open(made, cli_passphrase, kdf_iter=cli_kdf_iter)
    try:
        backups.take_backup(journal.snapshot_source(), Reason.MANUAL)
        place = tmp_path / "elsewhere"
        place.mkdir()
        backup_choices.choose_place(journal, place)
        backups.take_backup(journal.snapshot_source(), Reason.MANUAL)
        folders = {b.path.parent for b in backups.list_backups(made, backup_choices.journal_place(journal))}
    finally:
        journal.close()
    assert folders == {backups.backup_folder(made), backups.backup_folder(made, place)}
    assert run_cli("--journal", made, "backups").out.count("taken by hand") == 2


def test_a_missing_or_relative_folder_is_refused(made: Path, cli_passphrase: str, cli_kdf_iter: int, tmp_path) -> None:
    journal = Journal.open(made, cli_passphrase, kdf_iter=cli_kdf_iter)
    try:
        with pytest.raises(JournalError, match="There is no folder"):
            backup_choices.choose_place(journal, tmp_path / "nowhere")
        with pytest.raises(JournalError, match="whole path"):
            backup_choices.choose_place(journal, Path("relative/folder"))
        assert backup_choices.journal_place(journal) is None
        backup_choices.choose_place(journal, made.parent)  # beside the journal is the default, not a choice
        assert backup_choices.journal_place(journal) is None
    finally:
        journal.close()


def test_the_helper_is_told_the_place_in_its_arguments(
    made: Path, cli_passphrase: str, cli_kdf_iter: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netjournal.store.snapshot import SnapshotSource

    monkeypatch.setenv(backups.AUTO_BACKUP_VARIABLE, "1")
    helper = auto_backup.start_if_due(SnapshotSource(made, cli_passphrase, cli_kdf_iter, tmp_path))
    assert helper is not None
    assert str(tmp_path) in helper.args
    assert helper.wait(timeout=60) == 0
    assert [b.path.parent for b in backups.list_backups(made, tmp_path)] == [backups.backup_folder(made, tmp_path)]


def test_restore_while_the_chosen_backup_drive_is_away_says_so_and_changes_nothing(
    run_cli, made: Path, cli_passphrase: str, cli_kdf_iter: int, tmp_path: Path, one_error_line
) -> None:
    """Found in review: the refusal was a bare "Cannot keep backups in …" with no word of what to do."""
    journal = Journal.open(made, cli_passphrase, kdf_iter=cli_kdf_iter)
    try:
        taken = backups.take_backup(journal.snapshot_source(), Reason.MANUAL)  # beside the journal
        drive = tmp_path / "drive"
        drive.mkdir()
        backup_choices.choose_place(journal, drive)
    finally:
        journal.close()
    drive.rmdir()  # unplugged
    before = made.read_bytes()
    result = run_cli("--journal", made, "restore", taken.file.path, "--yes")
    assert result.code == 1
    one_error_line(result.err, "which is not there", "Reconnect that drive", "The journal is as it was")
    assert made.read_bytes() == before
