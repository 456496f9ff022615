"""A sick sync folder or an unusual edit must leave the journal whole, writable and in step with the others."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER
from sync_support import export

from netjournal.domain import ContactDetail, DetailField, EntryType
from netjournal.imports.contacts import ImportedContact, ParsedContacts
from netjournal.services import entries, people, use_cases
from netjournal.services.contact_import import apply_plan, plan_import
from netjournal.services.journal import Journal
from netjournal.services.sync_folder import (
    ChangeFilePassphraseError,
    device_of,
    pending_files,
    set_sync_folder,
    sync_folder_of,
    sync_now,
    write_changes,
)
from netjournal.services.sync_report import report_lines
from netjournal.store import clock, sync_files
from netjournal.store.errors import JournalError, StorageFullError
from netjournal.store.history import history_of


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


def _settle(*journals: Journal) -> None:
    for _ in range(6):
        reports = [sync_now(journal) for journal in journals]
        if not any(r.written or r.changed for r in reports):
            return
    raise AssertionError("the devices kept writing files")


@pytest.fixture
def devices(journal: Journal, tmp_path: Path):
    """A laptop and a desktop holding one journal, synced once."""
    journal.backup_to(tmp_path / "desktop.nj")
    desktop = Journal.open(tmp_path / "desktop.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    folder = tmp_path / "Sync"
    folder.mkdir()
    sync_now(journal, folder, "Laptop")
    sync_now(desktop, folder, "Desktop")
    yield journal, desktop, folder
    desktop.close()


def test_a_link_a_deletion_clears_is_an_edit_and_a_refused_deletion_leaves_the_devices_equal(
    journal: Journal, tmp_path: Path
) -> None:
    ana = people.add_person(journal, people.PersonInput("Ana Silva"))
    ben = people.add_person(journal, people.PersonInput("Ben Okafor"))
    entries.add_exchange(
        journal,
        entries.ExchangeInput("given", "introduction", "Ana met Ben", ana, "2026-01-02", second_person_id=ben),
    )
    journal.backup_to(tmp_path / "desktop.nj")
    desktop = Journal.open(tmp_path / "desktop.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    try:
        folder = tmp_path / "Sync"
        folder.mkdir()
        sync_now(journal, folder, "Laptop")
        sync_now(desktop, folder, "Desktop")
        (before,) = journal.sql("SELECT updated_at FROM exchange").fetchone()
        use_cases.delete_person(journal, ben)  # the exchange's second person is cleared
        (after, second) = journal.sql("SELECT updated_at, second_person_id FROM exchange").fetchone()
        assert second is None and after > before  # the cleared link moved the row's update time
        desk_ben = people.find_person(desktop, "Ben Okafor")
        assert desk_ben is not None
        time.sleep(0.005)  # after the deletion, on these clocks too
        people.update_person(desktop, desk_ben.id, people.PersonInput("Ben Okafor", role="edited after"))
        _settle(journal, desktop)
        assert export(journal) == export(desktop)
    finally:
        desktop.close()


def test_an_import_on_a_slow_clock_is_stamped_after_the_version_it_replaces(devices, monkeypatch) -> None:
    laptop, desktop, _ = devices
    email = [ContactDetail(DetailField.EMAIL, "ana@x.example")]
    ana = people.add_person(laptop, people.PersonInput("Ana Silva", details=email))
    real = clock.utc_now
    monkeypatch.setattr(clock, "utc_now", lambda: real() + dt.timedelta(hours=1))  # the laptop is an hour fast
    people.update_person(laptop, ana, people.PersonInput("Ana Silva", role="Partner", details=email))
    monkeypatch.setattr(clock, "utc_now", real)
    _settle(laptop, desktop)  # the desktop has seen "Partner"
    (seen,) = desktop.sql("SELECT updated_at FROM person").fetchone()
    contact = ImportedContact("card 1", "Ana Silva", "Northwind", "", details=tuple(email))
    apply_plan(desktop, plan_import(desktop, ParsedContacts(Path("c.vcf"), "vcard", [contact], [])), backup=False)
    (organisation, stamped) = desktop.sql("SELECT organisation, updated_at FROM person").fetchone()
    assert organisation == "Northwind" and stamped > seen
    _settle(desktop, laptop)
    assert laptop.sql("SELECT role, organisation FROM person").fetchall() == [("Partner", "Northwind")]
    assert export(laptop) == export(desktop)


def _conflict_on_ana(laptop: Journal, desktop: Journal) -> tuple[int, int, str]:
    """Ana edited on both devices: each ends with her losing version in the history."""
    ana = people.add_person(laptop, people.PersonInput("Ana Silva"))
    _settle(laptop, desktop)
    found = people.find_person(desktop, "Ana Silva")
    assert found is not None
    people.update_person(laptop, ana, people.PersonInput("Ana Silva", role="Partner (laptop)"))
    people.update_person(desktop, found.id, people.PersonInput("Ana Silva", role="Advisor (desktop)"))
    _settle(laptop, desktop)
    (uuid,) = laptop.sql("SELECT uuid FROM person WHERE id = ?", (ana,)).fetchone()
    assert history_of(laptop.db, uuid) and history_of(desktop.db, uuid) == history_of(laptop.db, uuid)
    return ana, found.id, uuid


def test_a_refused_deletion_keeps_the_history_of_the_row_it_kept(devices) -> None:
    laptop, desktop, _ = devices
    ana, desk_ana, uuid = _conflict_on_ana(laptop, desktop)
    kept = history_of(desktop.db, uuid)
    use_cases.delete_person(laptop, ana)
    assert history_of(laptop.db, uuid) == []  # a deletion is meant: the history goes with the row
    time.sleep(0.005)  # after the deletion, on these clocks too
    people.update_person(desktop, desk_ana, people.PersonInput("Ana Silva", role="Advisor, edited after"))
    _settle(laptop, desktop)
    for journal in (laptop, desktop):
        assert journal.sql("SELECT role FROM person WHERE uuid = ?", (uuid,)).fetchall() == [("Advisor, edited after",)]
        assert history_of(journal.db, uuid)[-len(kept) :] == kept
    assert export(laptop) == export(desktop)


def test_a_deletion_takes_the_history_on_every_device_without_tombstones_of_its_own(devices) -> None:
    laptop, desktop, _ = devices
    ana, _, uuid = _conflict_on_ana(laptop, desktop)
    use_cases.delete_person(laptop, ana)
    _settle(laptop, desktop)
    for journal in (laptop, desktop):
        assert history_of(journal.db, uuid) == []
        assert journal.sql("SELECT count(*) FROM tombstone WHERE entity = 'entry_history'").fetchone() == (0,)
    assert export(laptop) == export(desktop)


def test_undoing_a_delete_brings_the_history_back_here_and_on_the_other_device(devices) -> None:
    laptop, desktop, _ = devices
    ana, _, uuid = _conflict_on_ana(laptop, desktop)
    kept = history_of(laptop.db, uuid)
    undo = use_cases.delete_person(laptop, ana)
    _settle(laptop, desktop)
    use_cases.undo_delete(laptop, undo)
    assert history_of(laptop.db, uuid) == kept
    _settle(laptop, desktop)
    assert history_of(desktop.db, uuid) == kept
    assert export(laptop) == export(desktop)


def test_a_late_copy_of_a_file_does_not_bring_back_history_on_one_side_only(devices) -> None:
    laptop, desktop, _ = devices
    ana = people.add_person(laptop, people.PersonInput("Ana Silva"))
    _settle(laptop, desktop)
    found = people.find_person(desktop, "Ana Silva")
    assert found is not None
    people.update_person(laptop, ana, people.PersonInput("Ana Silva", role="laptop's"))
    people.update_person(desktop, found.id, people.PersonInput("Ana Silva", role="desktop's"))
    stale = sync_now(laptop).written
    assert stale is not None
    _settle(laptop, desktop)
    undo = use_cases.delete_person(laptop, ana)
    _settle(laptop, desktop)
    use_cases.undo_delete(laptop, undo)
    _settle(laptop, desktop)
    shutil.copyfile(stale, Path(stale).with_name(Path(stale).stem + " (conflicted copy).nj-changes"))
    _settle(laptop, desktop)
    assert export(laptop) == export(desktop)


def test_an_edit_on_a_slow_clock_after_a_deletion_elsewhere_is_kept_in_the_history(devices, monkeypatch) -> None:
    laptop, desktop, _ = devices
    ana = people.add_person(laptop, people.PersonInput("Ana Silva"))
    note = entries.add_touchpoint(laptop, ana, "original note")
    _settle(laptop, desktop)
    (uuid,) = laptop.sql("SELECT uuid FROM touchpoint WHERE id = ?", (note,)).fetchone()
    use_cases.delete_entry(laptop, EntryType.TOUCHPOINT, note)
    sync_now(laptop)
    real = clock.utc_now
    monkeypatch.setattr(clock, "utc_now", lambda: real() - dt.timedelta(hours=1))  # the desktop is an hour slow
    (desk_note,) = desktop.sql("SELECT id FROM touchpoint WHERE uuid = ?", (uuid,)).fetchone()
    entries.update_touchpoint(desktop, desk_note, "rewritten on the desktop, after the deletion")
    monkeypatch.setattr(clock, "utc_now", real)
    report = sync_now(desktop)  # sends the edit, then meets the deletion: the deletion wins by its time
    assert any("before this journal's edit of it" in line for line in report_lines(report))
    _settle(desktop, laptop)
    for journal in (laptop, desktop):
        assert journal.sql("SELECT count(*) FROM touchpoint WHERE uuid = ?", (uuid,)).fetchone() == (0,)
        kept = [json.loads(v)["note"] for _, _, v in history_of(journal.db, uuid)]
        assert kept == ["rewritten on the desktop, after the deletion"]
    assert export(laptop) == export(desktop)


def test_an_emptied_device_folder_gets_a_new_base(journal: Journal, tmp_path: Path) -> None:
    ana = people.add_person(journal, people.PersonInput("Ana Silva"))
    journal.backup_to(tmp_path / "desktop.nj")
    folder = tmp_path / "Stick"
    folder.mkdir()
    sync_now(journal, folder, "Laptop")
    people.update_person(journal, ana, people.PersonInput("Ana Silva", role="r0"))
    sync_now(journal)
    shutil.rmtree(folder)  # a new stick at the same path: the folder is empty
    folder.mkdir()
    people.update_person(journal, ana, people.PersonInput("Ana Silva", role="after the new stick"))
    written = sync_now(journal).written
    assert written is not None and written.endswith(".nj-base")
    desktop = Journal.open(tmp_path / "desktop.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    try:
        sync_now(desktop, folder, "Desktop")
        assert desktop.sql("SELECT role FROM person").fetchone() == ("after the new stick",)
        people.update_person(journal, ana, people.PersonInput("Ana Silva", role="then a change"))
        written = sync_now(journal).written
        assert written is not None and written.endswith(".nj-changes")  # one base is enough
        sync_now(desktop)
        assert desktop.sql("SELECT role FROM person").fetchone() == ("then a change",)
    finally:
        desktop.close()


def test_a_file_that_failed_holds_back_the_devices_later_files_from_the_pending_list(devices) -> None:
    laptop, desktop, _ = devices
    people.add_person(laptop, people.PersonInput("Ana Silva"))
    _settle(laptop, desktop)
    desktop.change_passphrase("another passphrase entirely")
    found = people.find_person(desktop, "Ana Silva")
    assert found is not None
    for n in range(2):
        people.update_person(desktop, found.id, people.PersonInput("Ana Silva", role=f"r{n}"))
        sync_now(desktop)
    assert len(pending_files(laptop)) == 2
    with pytest.raises(ChangeFilePassphraseError):
        sync_now(laptop)  # the question is turned down
    assert pending_files(laptop) == []  # nothing to look at again until a file changes


@pytest.mark.parametrize("where", ["own folder", "other device's folder", "journal folder"])
def test_a_folder_that_fails_to_read_gets_a_sentence(devices, monkeypatch, where: str) -> None:
    laptop, desktop, folder = devices
    people.add_person(desktop, people.PersonInput("Ben Okafor"))
    sync_now(desktop)
    inner = next(p for p in folder.iterdir() if p.name.startswith("netjournal-"))
    mine = inner / device_of(laptop)[0]
    target = {"own folder": mine, "journal folder": inner}.get(where)
    if target is None:
        target = next(p for p in inner.iterdir() if p != mine)
    real = os.scandir

    def failing(path):
        if Path(path) == target:
            raise OSError(errno.EIO, "Input/output error", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", failing)
    people.add_person(laptop, people.PersonInput("Chen Wei"))
    with pytest.raises(JournalError, match=r"Could not (read|write to) the sync folder .*input/output error"):
        sync_now(laptop)
    if where != "own folder":  # a watcher's look (which reads only the others') stays quiet: the sync said why
        assert pending_files(laptop) == []
    monkeypatch.undo()
    sync_now(laptop)
    assert laptop.sql("SELECT count(*) FROM person WHERE name = 'Ben Okafor'").fetchone() == (1,)


@pytest.mark.parametrize("levels", [0, 1])
def test_a_sync_folder_that_holds_the_journal_itself_is_refused(journal: Journal, levels: int) -> None:
    folder = journal.path.parent
    for _ in range(levels):
        folder = folder.parent
    with pytest.raises(JournalError, match="The journal itself is in"):
        set_sync_folder(journal, folder, "Laptop")
    assert sync_folder_of(journal) is None
    with pytest.raises(JournalError, match="The journal itself is in"):
        sync_now(journal, folder, "Laptop")
    assert not list(folder.glob("netjournal-*"))


def test_a_sync_folder_beside_the_journal_is_accepted(journal: Journal) -> None:
    folder = journal.path.parent / "Sync"
    folder.mkdir()
    assert set_sync_folder(journal, folder, "Laptop") == folder


def test_a_version_saved_again_unchanged_is_neither_history_nor_an_update(devices) -> None:
    laptop, desktop, _ = devices
    ana = people.add_person(laptop, people.PersonInput("Ana Silva"))
    note = entries.add_touchpoint(laptop, ana, "Coffee in Lisbon")
    _settle(laptop, desktop)
    entries.update_touchpoint(laptop, note, "Coffee in Lisbon")  # Save pressed with nothing changed
    sync_now(laptop)
    report = sync_now(desktop)
    assert report.totals()[1] == {} and not report.conflicts
    assert desktop.sql("SELECT count(*) FROM entry_history").fetchone() == (0,)
    _settle(laptop, desktop)
    assert export(laptop) == export(desktop)  # the later update time everywhere


def test_the_report_counts_skipped_files_apart_from_other_sentences(devices) -> None:
    laptop, desktop, _ = devices
    people.add_person(desktop, people.PersonInput("Ben Okafor"))
    written = sync_now(desktop).written
    assert written is not None
    with open(written, "r+b") as handle:  # incomplete: a sync tool still copying it
        handle.truncate(Path(written).stat().st_size - 100)
    report = sync_now(laptop)
    assert report.files_skipped == 1 and report.skipped_files == [written]
    report.skipped.append("a exchange whose person is not here yet")  # a row, not a file
    assert report.files_skipped == 1
