"""The sync folder, fault by fault, on real encrypted journals: two devices sharing one folder."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER
from sync_support import export

from netjournal.services import people
from netjournal.services.journal import Journal
from netjournal.services.sync_folder import (
    ChangeFilePassphraseError,
    NoSyncFolderError,
    add_other_passphrase,
    device_of,
    pending_files,
    set_sync_folder,
    sync_folder_of,
    sync_now,
    write_changes,
)
from netjournal.services.sync_merge import ForeignJournalError
from netjournal.services.sync_report import report_lines
from netjournal.store import clock, sync_device
from netjournal.store.copies import opens_with
from netjournal.store.errors import JournalError
from netjournal.store.history import history_of

MARKER = "Zyxquorra"  # a word that must never appear outside the encryption
NEW_PASSPHRASE = "a completely different passphrase, 2026"


@pytest.fixture
def devices(journal: Journal, tmp_path: Path):
    """A laptop and a desktop holding one journal, and the folder their sync tool shares."""
    ana = people.add_person(journal, people.PersonInput("Ana Silva", notes=MARKER))
    journal.backup_to(tmp_path / "desktop.nj")
    desktop = Journal.open(tmp_path / "desktop.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    folder = tmp_path / "Sync"
    folder.mkdir()
    sync_now(journal, folder, "Laptop")
    sync_now(desktop, folder, "Desktop")
    yield journal, desktop, folder, ana
    desktop.close()


def _role(journal: Journal, person: int) -> str:
    return journal.sql("SELECT role FROM person WHERE id = ?", (person,)).fetchone()[0]


def _set_role(journal: Journal, person: int, role: str) -> None:
    people.update_person(journal, person, people.PersonInput("Ana Silva", role=role, notes=MARKER))


def _settle(*journals: Journal) -> None:
    """Sync each in turn until a whole round writes and changes nothing."""
    for _ in range(6):
        reports = [sync_now(journal) for journal in journals]
        if not any(r.written or r.changed for r in reports):
            return
    raise AssertionError("the devices kept writing files")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_devices_exchange_changes_and_the_folder_holds_no_plaintext(devices) -> None:
    laptop, desktop, folder, ana = devices
    assert sync_folder_of(laptop) == folder and device_of(laptop)[1] == "Laptop"
    assert write_changes(laptop) is None  # nothing pending
    _set_role(laptop, ana, "Partner")
    written = write_changes(laptop)
    assert written is not None and written.name == "2.nj-changes"
    assert pending_files(desktop) == [written]
    report = sync_now(desktop)
    assert _role(desktop, ana) == "Partner" and pending_files(desktop) == []
    assert any(line.startswith("From Laptop") for line in report_lines(report))
    # Names are ids and numbers; every file is encrypted, under the passphrase and settings.
    for path in _files(folder):
        assert "Laptop" not in str(path) and "Desktop" not in str(path)
        assert MARKER.encode() not in path.read_bytes() and b"SQLite format 3" not in path.read_bytes()
        assert opens_with(path, PASSPHRASE, TEST_KDF_ITER)
    assert not list(folder.rglob(".nj-partial-*"))
    # The desktop passes on what it merged (and the history it kept); then nothing more moves.
    assert sync_now(desktop).written is not None
    _settle(laptop, desktop)
    assert export(laptop) == export(desktop)


def test_without_a_folder_a_sentence_says_how(journal: Journal) -> None:
    with pytest.raises(NoSyncFolderError, match="netjournal sync --folder DIR"):
        sync_now(journal)
    with pytest.raises(JournalError, match="does not exist"):
        sync_now(journal, Path("/no/such/folder"))
    assert sync_folder_of(journal) is None


def test_a_file_truncated_mid_write_is_skipped_then_merged_once_complete(devices, tmp_path: Path) -> None:
    laptop, desktop, _folder, ana = devices
    _set_role(laptop, ana, "Partner")
    whole = write_changes(laptop)
    assert whole is not None
    content = whole.read_bytes()
    for cut in (5000, 8192):  # inside a page, and at a page boundary (pages missing)
        whole.write_bytes(content[:cut])
        before = export(desktop)
        report = sync_now(desktop)
        assert export(desktop) == before
        assert any(f"Laptop's file {whole.name}" in reason for reason in report.skipped), report.skipped
        assert pending_files(desktop) == []  # not asked about again until it changes
    whole.write_bytes(content)
    assert pending_files(desktop) == [whole]
    sync_now(desktop)
    assert _role(desktop, ana) == "Partner"


def test_a_gap_waits_and_a_stale_file_after_a_newer_one_changes_nothing(devices, tmp_path: Path) -> None:
    laptop, desktop, _folder, ana = devices
    _set_role(laptop, ana, "first")
    second = write_changes(laptop)
    _set_role(laptop, ana, "second")
    third = write_changes(laptop)
    assert second is not None and third is not None
    aside = tmp_path / "late"
    shutil.move(second, aside)  # the sync tool delivers 3 before 2
    report = sync_now(desktop)
    assert _role(desktop, ana) == "" and any("Waiting for Laptop's file 2" in n for n in report.notes)
    shutil.copyfile(aside, second)
    sync_now(desktop)
    assert _role(desktop, ana) == "second"
    # File 2 arrives once more, as a sync tool's conflict copy, after 3: the newer version stays.
    stale = second.with_name("2.sync-conflict-20261201-120000-ABCDEFG.nj-changes")
    shutil.copyfile(aside, stale)
    assert pending_files(desktop) == [stale]
    sync_now(desktop)
    assert _role(desktop, ana) == "second" and pending_files(desktop) == []
    uuid = desktop.sql("SELECT uuid FROM person WHERE id = ?", (ana,)).fetchone()[0]
    assert any('"role":"first"' in values for _, _, values in history_of(desktop.db, uuid))
    assert not sync_now(desktop).changed


def test_a_conflict_copy_is_merged_once_and_stands_in_for_a_missing_file(devices) -> None:
    laptop, desktop, _folder, ana = devices
    _set_role(laptop, ana, "Partner")
    written = write_changes(laptop)
    assert written is not None
    copy = written.with_name(f"{written.stem} (Laptop's conflicted copy 2026-12-01).nj-changes")
    os.replace(written, copy)  # only the copy is left
    sync_now(desktop)
    assert _role(desktop, ana) == "Partner"
    shutil.copyfile(copy, written)  # the file itself turns up too: merged already
    assert pending_files(desktop) == []
    assert not sync_now(desktop).changed


def test_a_device_clock_an_hour_ahead_does_not_win_over_a_later_edit(devices, monkeypatch) -> None:
    laptop, desktop, _folder, ana = devices
    real = clock.utc_now
    monkeypatch.setattr(clock, "utc_now", lambda: real() + dt.timedelta(hours=1))
    _set_role(desktop, ana, "ahead")
    sync_now(desktop)
    monkeypatch.setattr(clock, "utc_now", real)
    sync_now(laptop)
    assert _role(laptop, ana) == "ahead"
    _set_role(laptop, ana, "later")  # an edit after the one it replaces, whatever the clocks say
    _settle(laptop, desktop)
    assert _role(desktop, ana) == "later" == _role(laptop, ana)
    assert export(laptop) == export(desktop)


def test_a_passphrase_changed_on_one_device_is_asked_for_on_the_other(devices) -> None:
    laptop, desktop, _folder, ana = devices
    before = device_of(laptop)
    laptop.change_passphrase(NEW_PASSPHRASE)
    assert device_of(laptop) == before  # the same device in a new file
    _set_role(laptop, ana, "Partner")
    written = write_changes(laptop)
    assert written is not None and opens_with(written, NEW_PASSPHRASE, TEST_KDF_ITER)
    assert not opens_with(written, PASSPHRASE, TEST_KDF_ITER)
    with pytest.raises(ChangeFilePassphraseError) as raised:
        sync_now(desktop)
    assert raised.value.device_name == "Laptop" and raised.value.path == written
    assert raised.value.report is not None and _role(desktop, ana) == ""
    assert pending_files(desktop) == []  # not asked again and again
    assert not add_other_passphrase(desktop, "wrong passphrase", written)
    assert add_other_passphrase(desktop, NEW_PASSPHRASE, written)
    sync_now(desktop)
    assert _role(desktop, ana) == "Partner"


def test_a_foreign_journal_folder_and_file_are_refused(devices, tmp_path: Path) -> None:
    laptop, _desktop, folder, _ana = devices
    stranger = Journal.create(tmp_path / "stranger.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    try:
        people.add_person(stranger, people.PersonInput("Someone Else"))
        own = tmp_path / "theirs"
        own.mkdir()
        sync_now(stranger, own, "Stranger")
        (theirs,) = own.glob("netjournal-*")
        with pytest.raises(ForeignJournalError, match="another journal's files"):
            set_sync_folder(laptop, theirs)
        assert sync_folder_of(laptop) == folder
        # Its device folder copied into this journal's folder: skipped, never merged.
        (device,) = theirs.iterdir()
        (ours,) = folder.glob("netjournal-*")
        shutil.copytree(device, ours / device.name)
        report = sync_now(laptop)
        assert any("belongs to another journal" in reason for reason in report.skipped)
        assert laptop.sql("SELECT count(*) FROM person").fetchone() == (1,)
    finally:
        stranger.close()


def test_a_copied_journal_file_gets_a_new_device_id(devices, tmp_path: Path) -> None:
    _laptop, desktop, _folder, _ana = devices
    original = device_of(desktop)
    path = desktop.path
    desktop.close()
    copy = tmp_path / "copied.nj"
    shutil.copyfile(path, copy)
    with Journal.open(copy, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as copied:
        report = sync_now(copied)
        assert device_of(copied)[0] != original[0]
        assert any("is a copy" in note for note in report.notes)
        assert not report.changed  # what the original wrote is in the copy already
    # The original, moved within its drive, is still itself.
    moved = tmp_path / "moved.nj"
    os.rename(path, moved)
    with Journal.open(moved, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as again:
        assert device_of(again) == original


def test_many_change_files_are_compacted_into_a_base(devices, monkeypatch) -> None:
    laptop, desktop, folder, ana = devices
    monkeypatch.setattr("netjournal.services.sync_folder.COMPACT_AFTER", 3)
    for n in range(4):
        _set_role(laptop, ana, f"role {n}")
        write_changes(laptop)
        if n == 0:
            sync_now(desktop)  # the desktop is up to date once, then falls behind
    laptop_folder = next(p for p in folder.glob("netjournal-*/*") if p.name == device_of(laptop)[0])
    names = sorted(p.name for p in laptop_folder.iterdir())
    assert names == ["5.nj-base", "6.nj-changes"], names
    sync_now(desktop)  # the files it missed are gone: the base bridges the gap
    assert _role(desktop, ana) == "role 3"
    assert not sync_now(desktop).changed


def test_set_sync_folder_none_stops_syncing(devices) -> None:
    laptop, desktop, folder, ana = devices
    set_sync_folder(laptop, None)
    assert sync_folder_of(laptop) is None and not sync_device.outbox_on(laptop.db)
    assert write_changes(laptop) is None  # no folder: nothing to write
    # Chosen again: it starts over with a base, which the other device reads as a whole.
    _set_role(laptop, ana, "back")
    written = sync_now(laptop, folder).written
    assert written is not None and written.endswith(".nj-base")
    sync_now(desktop)
    assert _role(desktop, ana) == "back"


def test_a_first_base_that_failed_is_written_before_any_change_file(
    journal: Journal, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("netjournal.services.sync_folder.write_file", full_disk)
    with pytest.raises(JournalError, match="disk is full"):
        sync_now(journal, folder, "Laptop")
    monkeypatch.undo()
    people.add_person(journal, people.PersonInput("Ana Silva"))
    written = write_changes(journal)
    assert written is not None and written.name == "1.nj-base"
    assert not list(folder.rglob(".nj-partial-*"))


def test_a_folder_that_is_not_there_gets_a_sentence(devices) -> None:
    laptop, _, folder, _ = devices
    shutil.rmtree(folder)
    with pytest.raises(JournalError, match="is not there"):
        sync_now(laptop)


def test_a_bad_device_name_gets_a_sentence(devices) -> None:
    laptop, _desktop, folder, _ana = devices
    for name in ("   ", "x" * 61, "bad\x07name"):
        with pytest.raises(JournalError):
            sync_now(laptop, folder, name)
    assert device_of(laptop)[1] == "Laptop"


def test_a_small_only_write_never_writes_a_base_nor_compacts(devices, monkeypatch, tmp_path: Path) -> None:
    laptop, _desktop, folder, ana = devices
    monkeypatch.setattr("netjournal.services.sync_folder.COMPACT_AFTER", 3)
    laptop_folder = next(p for p in folder.glob("netjournal-*/*") if p.name == device_of(laptop)[0])
    for n in range(4):  # what the window writes on lock: change files only, however many there are
        _set_role(laptop, ana, f"role {n}")
        assert write_changes(laptop, small_only=True) is not None
    assert not any(p.suffix == ".nj-base" and p.name != "1.nj-base" for p in laptop_folder.iterdir())
    # A new folder needs a base first: on close that waits (the changes stay queued) for a worker's write.
    elsewhere = tmp_path / "Elsewhere"
    elsewhere.mkdir()
    set_sync_folder(laptop, elsewhere)
    _set_role(laptop, ana, "queued")
    assert write_changes(laptop, small_only=True) is None
    written = write_changes(laptop)
    assert written is not None and written.suffix == ".nj-base"
