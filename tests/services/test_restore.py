"""Restoring a backup: the preview reads the backup itself, the journal is kept first, strangers are refused."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.exports.json_export import write_export
from netjournal.services import backups, restore, use_cases
from netjournal.services.journal import Journal
from netjournal.store.errors import (
    DamagedJournalError,
    ForeignBackupError,
    JournalError,
    WrongPassphraseError,
)
from netjournal.store.snapshot import read_contents

NEW = "velvet canyon orbits a quiet plum 42"


def export_document(journal: Journal) -> dict:
    out = io.BytesIO()
    write_export(journal, out, exported_at="2026-01-01T00:00:00.000Z")
    return json.loads(out.getvalue())


def entries_of(journal: Journal) -> list[str]:
    return [row[0] for row in journal.sql("SELECT note FROM touchpoint ORDER BY id")]


def test_preview_reads_the_backup_while_the_journal_stays_open(journal: Journal) -> None:
    use_cases.log_touchpoint(journal, "Maya Chen", "Coffee at the station")
    taken = backups.take_backup(journal.snapshot_source(), backups.Reason.MANUAL)
    use_cases.log_touchpoint(journal, "Tom Reyes", "Call about the grant")
    seen = restore.preview(journal, taken.file.path)
    assert seen.held.counts["touchpoint"] == 1 and seen.held.counts["person"] == 1
    assert seen.held.newest_summary == "Coffee at the station"
    assert seen.current.counts["touchpoint"] == 2
    assert journal.is_open and entries_of(journal) == ["Coffee at the station", "Call about the grant"]
    assert PASSPHRASE not in repr(seen)


def test_restore_puts_the_backup_in_place_and_keeps_the_journal_as_it_was(journal: Journal) -> None:
    use_cases.log_touchpoint(journal, "Maya Chen", "Coffee at the station")
    taken = backups.take_backup(journal.snapshot_source(), backups.Reason.MANUAL)
    before = export_document(journal)
    use_cases.log_touchpoint(journal, "Tom Reyes", "Call about the grant")
    done = restore.restore(journal, restore.preview(journal, taken.file.path))
    assert entries_of(journal) == ["Coffee at the station"]
    assert export_document(journal)["people"] == before["people"]
    # The journal as it was just before is a backup of its own, and restoring it brings the call back.
    assert done.kept.file.reason is backups.Reason.BEFORE_RESTORE
    kept = read_contents(done.kept.file.path, PASSPHRASE, TEST_KDF_ITER)
    assert kept.counts["touchpoint"] == 2
    restore.restore(journal, restore.preview(journal, done.kept.file.path))
    assert entries_of(journal) == ["Coffee at the station", "Call about the grant"]
    # And it is still a sound journal that takes writes, under its own passphrase.
    use_cases.log_touchpoint(journal, "Ana Silva", "Lunch")
    assert journal.check() == []
    journal.close()
    Journal.open(journal.path, PASSPHRASE, kdf_iter=TEST_KDF_ITER).close()


def test_a_backup_from_before_a_passphrase_change_needs_the_old_passphrase(journal: Journal) -> None:
    use_cases.log_touchpoint(journal, "Maya Chen", "Coffee at the station")
    use_cases.change_passphrase(journal, NEW)
    [old] = backups.list_backups(journal.path)
    with pytest.raises(WrongPassphraseError):
        restore.preview(journal, old.path)
    use_cases.log_touchpoint(journal, "Tom Reyes", "Call about the grant")
    restore.restore(journal, restore.preview(journal, old.path, PASSPHRASE))
    assert entries_of(journal) == ["Coffee at the station"]
    journal.close()
    # Restored under the journal's current passphrase, not the backup's.
    Journal.open(journal.path, NEW, kdf_iter=TEST_KDF_ITER).close()
    with pytest.raises(WrongPassphraseError):
        Journal.open(journal.path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)


def test_a_copy_of_another_journal_is_refused(journal: Journal, tmp_path: Path) -> None:
    other = Journal.create(tmp_path / "other.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    taken = backups.take_backup(other.snapshot_source(), backups.Reason.MANUAL)
    other.close()
    use_cases.log_touchpoint(journal, "Maya Chen", "Coffee")
    with pytest.raises(ForeignBackupError, match="another journal"):
        restore.preview(journal, taken.file.path)
    assert entries_of(journal) == ["Coffee"]


def test_a_damaged_backup_is_refused_and_the_journal_is_unchanged(journal: Journal) -> None:
    use_cases.log_touchpoint(journal, "Maya Chen", "Coffee")
    taken = backups.take_backup(journal.snapshot_source(), backups.Reason.MANUAL)
    with open(taken.file.path, "r+b") as raw:
        raw.seek(4096 * 4 + 100)
        byte = raw.read(1)
        raw.seek(-1, os.SEEK_CUR)
        raw.write(bytes([byte[0] ^ 0x01]))
    with pytest.raises(DamagedJournalError):
        restore.preview(journal, taken.file.path)
    assert entries_of(journal) == ["Coffee"]


def test_the_journal_itself_and_missing_files_are_refused(journal: Journal, tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="the journal itself"):
        restore.preview(journal, journal.path)
    with pytest.raises(JournalError, match="There is no backup"):
        restore.preview(journal, tmp_path / "nothing.netjournal")


def test_a_backup_changed_after_its_preview_is_checked_again(journal: Journal, tmp_path: Path) -> None:
    taken = backups.take_backup(journal.snapshot_source(), backups.Reason.MANUAL)
    seen = restore.preview(journal, taken.file.path)
    other = Journal.create(tmp_path / "other.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    other.close()
    shutil.copyfile(other.path, taken.file.path)  # swapped behind the preview's back
    with pytest.raises(ForeignBackupError):
        restore.restore(journal, seen)


def test_a_damaged_journal_can_be_restored_and_is_kept_as_it_was(journal: Journal) -> None:
    use_cases.log_touchpoint(journal, "Maya Chen", "Coffee")
    taken = backups.take_backup(journal.snapshot_source(), backups.Reason.MANUAL)
    journal.sql("PRAGMA wal_checkpoint(TRUNCATE)")
    damaged_bytes = bytearray(journal.path.read_bytes())
    damaged_bytes[4096 * 3 + 200] ^= 0xFF
    journal.path.write_bytes(bytes(damaged_bytes))
    journal.sql("PRAGMA cache_size = 0")
    assert journal.check() != []  # now marked damaged: it takes no writes
    done = restore.restore(journal, restore.preview(journal, taken.file.path))
    assert done.kept.contents is None  # a plain copy: it could not be exported
    assert done.kept.file.path.read_bytes() == bytes(damaged_bytes)
    assert entries_of(journal) == ["Coffee"]
    use_cases.log_touchpoint(journal, "Tom Reyes", "Call")  # writes again
    assert journal.check() == []


def test_the_chosen_backup_is_kept_from_the_thinning_its_restore_starts(journal: Journal) -> None:
    """The before-restore backup thins older ones; the one being restored must survive that."""
    import datetime as dt

    source = journal.snapshot_source()
    now = dt.datetime.now(dt.UTC)
    use_cases.log_touchpoint(journal, "Maya Chen", "Coffee three days ago")
    older = backups.take_backup(source, backups.Reason.AUTO, now=now - dt.timedelta(days=3, hours=2))
    use_cases.log_touchpoint(journal, "Tom Reyes", "Call three days ago")
    backups.take_backup(source, backups.Reason.AUTO, now=now - dt.timedelta(days=3, hours=1))
    # The older one is now the second of its day: the next backup's thinning would let it go.
    thinned = backups.obsolete(backups.list_backups(journal.path), now.astimezone().date())
    assert older.file.path in [b.path for b in thinned]
    restore.restore(journal, restore.preview(journal, older.file.path))
    assert entries_of(journal) == ["Coffee three days ago"]
    assert journal.check() == []


def test_a_backup_gone_after_its_preview_is_not_restored_and_nothing_changes(journal: Journal) -> None:
    use_cases.log_touchpoint(journal, "Maya Chen", "Coffee")
    taken = backups.take_backup(journal.snapshot_source(), backups.Reason.MANUAL)
    seen = restore.preview(journal, taken.file.path)
    taken.file.path.unlink()
    with pytest.raises(JournalError, match="There is no backup"):
        restore.restore(journal, seen)
    assert not taken.file.path.exists()  # not made again, empty, by a read-write open
    assert entries_of(journal) == ["Coffee"]
