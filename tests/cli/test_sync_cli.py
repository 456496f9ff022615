"""``netjournal merge``: another copy merged in, previewed, refused when it is another journal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


def _person(run_cli, journal: Path, name: str) -> None:
    assert run_cli("--journal", journal, "person", name, "--role", "Partner").code in (0, 1)
    assert run_cli("--journal", journal, "touch", "--with", name, "Coffee").code == 0


def test_merge_adds_what_the_copy_has_after_showing_it(run_cli, made: Path, tmp_path: Path, count_rows) -> None:
    copy = tmp_path / "laptop.netjournal"
    shutil.copyfile(made, copy)
    _person(run_cli, copy, "Ana Silva")
    preview = run_cli("--journal", made, "merge", copy, "--dry-run")
    assert preview.code == 0, preview.err
    assert "added 1 person, 1 touchpoint" in preview.out and "Dry run: nothing was written." in preview.out
    assert count_rows(made, "person") == 0
    refused = run_cli("--journal", made, "merge", copy)  # no terminal to ask, and no --yes
    assert refused.code == 1 and "add --yes" in refused.err and count_rows(made, "person") == 0
    done = run_cli("--journal", made, "merge", copy, "--yes")
    assert done.code == 0, done.err
    assert "Backup taken first" in done.out and count_rows(made, "person") == 1
    again = run_cli("--journal", made, "merge", copy, "--yes")
    assert again.code == 0 and "nothing new" in again.out


def test_merge_refuses_another_journal(
    run_cli, made: Path, tmp_path: Path, empty_template: Path, one_error_line
) -> None:
    stranger = tmp_path / "stranger.netjournal"
    assert run_cli("--journal", stranger, "init").code == 0
    result = run_cli("--journal", made, "merge", stranger, "--yes")
    assert result.code == 1
    one_error_line(result.err, "is another journal, not a copy of this one", "nothing was merged")


@pytest.mark.parametrize("damage", ["truncated", "text"])
def test_merge_refuses_a_damaged_file_with_a_sentence(
    run_cli, made: Path, tmp_path: Path, damage: str, one_error_line, count_rows
) -> None:
    copy = tmp_path / "copy.netjournal"
    shutil.copyfile(made, copy)
    _person(run_cli, copy, "Ana Silva")
    data = copy.read_bytes()
    copy.write_bytes(data[: len(data) // 2] if damage == "truncated" else b"hello, not a journal\n")
    result = run_cli("--journal", made, "merge", copy, "--yes")
    assert result.code == 1
    one_error_line(result.err)
    assert count_rows(made, "person") == 0


def test_merge_asks_for_the_copys_own_passphrase(run_cli, made: Path, tmp_path: Path, monkeypatch, count_rows) -> None:
    copy = tmp_path / "old.netjournal"
    shutil.copyfile(made, copy)
    _person(run_cli, copy, "Ana Silva")
    monkeypatch.setenv("NETJOURNAL_NEW_PASSPHRASE", "another one entirely 99")
    assert run_cli("--journal", copy, "passwd").code == 0
    monkeypatch.setenv("NETJOURNAL_OTHER_PASSPHRASE", "another one entirely 99")
    result = run_cli("--journal", made, "merge", copy, "--yes")
    assert result.code == 0, result.err
    assert count_rows(made, "person") == 1


def test_sync_without_a_folder_says_how_to_set_one(run_cli, made: Path, one_error_line) -> None:
    result = run_cli("--journal", made, "sync")
    assert result.code == 1
    one_error_line(result.err, "No sync folder is set", "netjournal sync --folder DIR")


def test_sync_through_a_folder_between_two_copies(run_cli, made: Path, tmp_path: Path, count_rows) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    copy = tmp_path / "desktop.netjournal"
    shutil.copyfile(made, copy)
    first = run_cli("--journal", made, "sync", "--folder", folder, "--name", "Laptop")
    assert first.code == 0, first.err
    assert "Wrote this device's changes" in first.out and ".nj-base" in first.out
    _person(run_cli, made, "Ana Silva")
    assert run_cli("--journal", made, "sync").code == 0  # the folder is remembered
    second = run_cli("--journal", copy, "sync", "--folder", folder, "--name", "Desktop")
    assert second.code == 0, second.err
    assert "From Laptop" in second.out and "added 1 person, 1 touchpoint" in second.out
    assert count_rows(copy, "person") == 1
    assert run_cli("--journal", copy, "sync").code == 0
    again = run_cli("--journal", made, "sync")
    assert again.code == 0, again.err


def test_sync_asks_for_another_devices_passphrase(
    run_cli, made: Path, tmp_path: Path, monkeypatch, count_rows, one_error_line, cli_passphrase: str
) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    copy = tmp_path / "desktop.netjournal"
    shutil.copyfile(made, copy)
    assert run_cli("--journal", made, "sync", "--folder", folder, "--name", "Laptop").code == 0
    assert run_cli("--journal", copy, "sync", "--folder", folder, "--name", "Desktop").code == 0
    monkeypatch.setenv("NETJOURNAL_NEW_PASSPHRASE", "another one entirely 99")
    assert run_cli("--journal", made, "passwd").code == 0
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", "another one entirely 99")
    _person(run_cli, made, "Ana Silva")
    # The laptop now meets the desktop's files under the old passphrase: it asks for that one.
    monkeypatch.setenv("NETJOURNAL_OTHER_PASSPHRASE", cli_passphrase)
    laptop = run_cli("--journal", made, "sync")
    assert laptop.code == 0, laptop.err
    monkeypatch.delenv("NETJOURNAL_OTHER_PASSPHRASE")
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", cli_passphrase)
    refused = run_cli("--journal", copy, "sync", stdin="not it\n")
    assert refused.code == 1 and count_rows(copy, "person") == 0
    one_error_line(refused.err, "does not open Laptop's files either")
    monkeypatch.setenv("NETJOURNAL_OTHER_PASSPHRASE", "another one entirely 99")
    done = run_cli("--journal", copy, "sync")
    assert done.code == 0, done.err
    assert count_rows(copy, "person") == 1


def test_sync_warns_on_stderr_when_the_journal_itself_sits_in_a_synced_folder(
    run_cli, empty_template: Path, tmp_path: Path, env_passphrase: str
) -> None:
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    journal = synced / "work.netjournal"
    shutil.copyfile(empty_template, journal)
    shared = tmp_path / "shared"
    shared.mkdir()
    result = run_cli("--journal", journal, "sync", "--folder", shared, "--name", "Laptop")
    assert result.code == 0, result.err
    assert "netjournal: warning: This journal is in a folder Dropbox copies." in result.err
