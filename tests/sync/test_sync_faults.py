"""A sick sync folder or an unusual edit must leave the journal whole, writable and in step with the others."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from netjournal.services import entries, people
from netjournal.services.journal import Journal
from netjournal.services.sync_folder import set_sync_folder, sync_now, write_changes
from netjournal.store import sync_files
from netjournal.store.errors import StorageFullError


def _fill_a_journal(journal: Journal, count: int = 60) -> int:
    ana = people.add_person(journal, people.PersonInput("Ana Silva", notes="x" * 200))
    for i in range(count):
        entries.add_touchpoint(journal, ana, f"note {i} " + "lorem ipsum " * 30)
    return ana


def _still_whole_and_writable(journal: Journal, folder: Path) -> None:
    names = [str(row[1]) for row in journal.sql("PRAGMA database_list").fetchall()]
    assert names == ["main"]  # the file being written is not left attached
    assert not journal.store.damaged
    people.add_person(journal, people.PersonInput("Ben Okafor"))  # the journal still takes writes
    assert journal.sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not list(folder.rglob(".nj-partial-*"))  # the half-written file is gone


def test_a_file_that_outgrows_its_room_leaves_the_journal_writable(
    journal: Journal, tmp_path: Path, monkeypatch
) -> None:
    """The full disk, made small: SQLite's own size limit on the file being written."""
    _fill_a_journal(journal)
    folder = tmp_path / "Sync"
    folder.mkdir()
    set_sync_folder(journal, folder, "Laptop")
    fill = sync_files._fill

    def in_a_small_room(db, heading, upto) -> None:
        db.execute_sql("PRAGMA nj.max_page_count = 8")
        fill(db, heading, upto)

    monkeypatch.setattr(sync_files, "_fill", in_a_small_room)
    with pytest.raises(StorageFullError, match="disk is full"):
        sync_now(journal)
    _still_whole_and_writable(journal, folder)
    monkeypatch.undo()
    written = write_changes(journal)
    assert written is not None and written.name == "1.nj-base"


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 200 KiB file system (tmpfs; needs root, skipped without)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root")
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(mount)], check=False).returncode:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_sync_folder_leaves_the_journal_writable(journal: Journal, small_disk: Path) -> None:
    _fill_a_journal(journal, 400)
    set_sync_folder(journal, small_disk, "Laptop")
    with pytest.raises(StorageFullError, match="disk is full"):
        sync_now(journal)
    _still_whole_and_writable(journal, small_disk)
