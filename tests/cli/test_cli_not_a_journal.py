"""A file that is not a journal is called that, before any passphrase is asked; a wrong passphrase stays one."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest


def _plain_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE person (name TEXT)")
    connection.commit()
    connection.close()


def _text(path: Path) -> None:
    path.write_text(json.dumps({"format": "netjournal", "people": [{"name": "Ana Silva"}] * 200}), encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (_plain_sqlite, "it is an unencrypted SQLite database"),
        (_text, "it is a text file"),
    ],
    ids=["sqlite", "text"],
)
def test_a_file_that_is_not_a_journal_says_so_without_asking(tmp_path, run_cli, monkeypatch, make, why, one_error_line):
    monkeypatch.delenv("NETJOURNAL_PASSPHRASE", raising=False)
    path = tmp_path / "odd.netjournal"
    make(path)
    before = path.read_bytes()
    # No passphrase on stdin: the refusal must come before the question.
    result = run_cli("--journal", path, "show", "Ana")
    assert result.code == 1
    one_error_line(result.err, f"{path} is not a netjournal journal ({why}")
    assert "passphrase" not in result.err
    assert path.read_bytes() == before


def test_a_text_file_is_not_a_journal_with_the_passphrase_in_the_environment(tmp_path, sub, one_error_line):
    path = tmp_path / "contacts.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Silva\r\nEND:VCARD\r\n" * 40, encoding="utf-8")
    result = sub("--journal", path, "search", "x", passphrase="whatever it is")
    assert result.returncode == 1
    one_error_line(result.stderr, "is not a netjournal journal (it is a text file)")


def test_backup_of_a_text_file_is_refused_as_not_a_journal(tmp_path, run_cli, one_error_line):
    path = tmp_path / "notes.netjournal"
    path.write_text("Ana Silva, Northwind\n" * 100, encoding="utf-8")
    result = run_cli("--journal", path, "backup", tmp_path / "copy.netjournal")
    assert result.code == 1
    one_error_line(result.err, "is not a netjournal journal (it is a text file)")
    assert not (tmp_path / "copy.netjournal").exists()


def test_a_journal_with_the_wrong_passphrase_is_still_a_wrong_passphrase(made, sub, one_error_line):
    result = sub("--journal", made, "show", "Ana", passphrase="not the right one")
    assert result.returncode == 1
    one_error_line(result.stderr, "the passphrase is wrong")
    assert "not a netjournal journal" not in result.stderr


def test_random_whole_pages_cannot_be_told_from_a_journal(tmp_path, sub, one_error_line):
    """Encrypted pages are indistinguishable from noise: whole pages of it may be a journal under another key."""
    path = tmp_path / "noise.netjournal"
    path.write_bytes(os.urandom(8192))
    result = sub("--journal", path, "show", "Ana", passphrase="whatever it is")
    assert result.returncode == 1
    one_error_line(result.stderr, "Could not unlock")


def test_a_journal_cut_short_is_damaged_not_something_else(made, run_cli, one_error_line):
    """Found in review: a size that is not whole pages was refused as "not a journal", so the damaged
    journal could no longer be checked, read, or restored from its backups."""
    assert run_cli("--journal", made, "touch", "--with", "Ana Silva", "Coffee by the harbour").code == 0
    with made.open("r+b") as handle:
        handle.truncate(made.stat().st_size - 100)
    shown = run_cli("--journal", made, "show", "Ana Silva")
    assert "is not a netjournal journal" not in shown.err
    checked = run_cli("--journal", made, "check")
    assert checked.code == 1 and "damaged" in checked.err
