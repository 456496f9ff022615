"""Warnings about where a journal is kept: a synced folder, conflicting copies a sync tool made."""

from __future__ import annotations

from pathlib import Path

import pytest

from netjournal.services.sync_guards import conflict_copies, looks_synced, warnings_for


@pytest.mark.parametrize(
    ("parts", "marker", "tool"),
    [
        (("Sync", "work"), ".stfolder", "Syncthing"),
        (("box", "deep", "er"), ".dropbox", "Dropbox"),
        (("Nextcloud", "journals"), None, "Nextcloud"),
        (("OneDrive - Fieldmark", "notes"), None, "OneDrive"),
        (("Library", "Mobile Documents", "com~apple~CloudDocs"), None, "iCloud Drive"),
        (("Dropbox (Personal)",), None, "Dropbox"),
    ],
)
def test_a_journal_inside_a_synced_folder_is_named_with_its_tool(tmp_path: Path, parts, marker, tool) -> None:
    folder = tmp_path.joinpath(*parts)
    folder.mkdir(parents=True)
    if marker:
        (tmp_path / parts[0] / marker).mkdir()
    assert looks_synced(folder / "work.netjournal") == tool


def test_a_journal_in_a_plain_folder_is_not_said_to_be_synced(tmp_path: Path) -> None:
    (tmp_path / "Documents").mkdir()
    assert looks_synced(tmp_path / "Documents" / "work.netjournal") is None
    assert warnings_for(tmp_path / "Documents" / "work.netjournal") == []


def test_conflicting_copies_beside_the_journal_are_found_and_nothing_else(tmp_path: Path) -> None:
    journal = tmp_path / "work.netjournal"
    journal.write_bytes(b"x")
    copies = [
        "work (conflicted copy 2026-12-01).netjournal",
        "work.sync-conflict-20261201-101500-ABCDEFG.netjournal",
        "work_conflict-20261201-101500.netjournal",
        "work (1).netjournal",
    ]
    others = ["work.netjournal-wal", "workshop.txt", "home.netjournal", "work-2025-archive.netjournal"]
    for name in copies + others:
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in conflict_copies(journal)] == sorted(copies)
    (said,) = warnings_for(journal)
    assert said.startswith("A sync tool left 4 conflicting copies of this journal beside it")
    assert "Merge another copy" in said
