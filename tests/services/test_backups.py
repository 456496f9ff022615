"""Automatic backups: the policy on a fake clock, and real encrypted copies taken, listed and thinned."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.services import backups, use_cases
from netjournal.services.backup_catalog import catalog
from netjournal.services.backups import BackupFile, Limits, Reason, obsolete
from netjournal.services.journal import Journal
from netjournal.store.errors import DamagedJournalError, PassphraseNotChangedError
from netjournal.store.snapshot import read_contents

UTC = dt.UTC


def local(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    """A moment given in local time (days, weeks and months are the user's own)."""
    return dt.datetime(year, month, day, hour).astimezone().astimezone(UTC)


def backup_at(moment: dt.datetime, reason: Reason = Reason.AUTO) -> BackupFile:
    return BackupFile(Path(backups.backup_name(moment, reason)), moment, reason)


def test_names_round_trip_and_strangers_are_ignored() -> None:
    moment = dt.datetime(2026, 3, 4, 5, 6, 7, 891000, tzinfo=UTC)
    name = backups.backup_name(moment, Reason.BEFORE_RESTORE)
    assert name == "2026-03-04T05.06.07.891Z-before-restore.netjournal"
    parsed = backups.parse_backup_name(Path(name))
    assert parsed is not None and parsed.taken_at == moment and parsed.reason is Reason.BEFORE_RESTORE
    for stranger in ("notes.txt", "2026-03-04T05.06.07.891Z-whatever.netjournal", ".x.partial"):
        assert backups.parse_backup_name(Path(stranger)) is None


def test_thinning_keeps_today_and_yesterday_then_the_newest_of_each_day_week_and_month() -> None:
    """Anki's policy on hand-picked dates; 2026-02-22 is a Sunday, so weeks start on the 16th, 9th, 2nd…"""
    today = dt.date(2026, 2, 22)
    limits = Limits(daily=3, weekly=2, monthly=1)
    newest_first = [
        local(2026, 2, 22, 9),  # today and yesterday: every one stays
        local(2026, 2, 22, 8),
        local(2026, 2, 21, 8),
        local(2026, 2, 20, 18),  # daily place 1: the newest of the 20th
        local(2026, 2, 20, 6),  # an older one of the same day: goes
        local(2026, 2, 10),  # daily place 2
        local(2026, 2, 9),  # daily place 3 (a Monday)
        local(2026, 2, 8, 2),  # weekly place 1: the week of 2-8 February
        local(2026, 2, 1, 2),  # weekly place 2: the week of 26 January - 1 February
        local(2026, 1, 27),  # monthly place 1: January
        local(2026, 1, 5),  # no places left
        local(2025, 12, 24),
    ]
    gone = {b.taken_at for b in obsolete([backup_at(m) for m in newest_first], today, limits)}
    assert gone == {local(2026, 2, 20, 6), local(2026, 1, 5), local(2025, 12, 24)}


def test_a_year_of_daily_backups_thins_to_12_days_10_weeks_and_9_months() -> None:
    today = dt.date(2026, 12, 1)
    year = [backup_at(local(2026, 12, 1) - dt.timedelta(days=n)) for n in range(1, 366)]
    gone = obsolete(year, today)
    kept = sorted({b.taken_at for b in year} - {b.taken_at for b in gone}, reverse=True)
    # Yesterday (grace), 12 daily, 10 weekly, 9 monthly.
    assert len(kept) == 1 + 12 + 10 + 9
    days = [k.astimezone().date() for k in kept]
    weekly = days[13:23]
    assert all(d.weekday() == 6 for d in weekly)  # the newest of a week is its Sunday
    monthly = days[23:]
    assert all((d + dt.timedelta(days=1)).month != d.month for d in monthly)  # the last day of a month
    assert len({(d.year, d.month) for d in monthly}) == 9


def test_migration_copies_are_never_thinned() -> None:
    old = backup_at(local(2020, 1, 1), Reason.BEFORE_MIGRATION)
    assert obsolete([old], dt.date(2026, 12, 1)) == []


def test_due_every_30_minutes_and_when_the_clock_went_back(journal: Journal) -> None:
    path = journal.path
    start = dt.datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    assert backups.is_due(path, start)
    backups.take_backup(journal.snapshot_source(), Reason.AUTO, now=start)
    assert not backups.is_due(path, start + dt.timedelta(minutes=29, seconds=59))
    assert backups.time_until_due(path, start + dt.timedelta(minutes=10)) == dt.timedelta(minutes=20)
    assert backups.is_due(path, start + dt.timedelta(minutes=30))
    assert backups.is_due(path, start - dt.timedelta(hours=1))  # a clock set back must not stop backups


def test_back_up_if_due_takes_one_then_none_until_the_interval_passed(journal: Journal) -> None:
    start = dt.datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    source = journal.snapshot_source()
    assert backups.back_up_if_due(source, now=start) is not None
    assert backups.back_up_if_due(source, now=start + dt.timedelta(minutes=5)) is None
    assert backups.back_up_if_due(source, now=start + dt.timedelta(minutes=31)) is not None
    assert len(backups.list_backups(journal.path)) == 2


def test_a_backup_is_a_private_encrypted_journal_holding_what_the_journal_held(journal: Journal) -> None:
    use_cases.log_touchpoint(journal, "Maya Chen", "Coffee at the station")
    taken = backups.take_backup(journal.snapshot_source(), Reason.MANUAL)
    assert taken.file.path.parent == journal.path.with_name("journal.nj.backups")
    assert stat.S_IMODE(os.stat(taken.file.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(taken.file.path.parent).st_mode) == 0o700
    assert not taken.file.path.read_bytes().startswith(b"SQLite format 3")
    held = read_contents(taken.file.path, PASSPHRASE, TEST_KDF_ITER, check=True)
    assert held.counts["person"] == 1 and held.counts["touchpoint"] == 1
    assert held.newest_summary == "Coffee at the station"
    assert held.journal_uuid == journal.identity()[0]
    # Listing needs no key derivation per copy: the journal noted what it holds.
    assert backups.noted_contents(journal.db)[taken.file.name] == held


def test_thinning_happens_as_backups_are_taken_and_forgets_their_notes(journal: Journal) -> None:
    source = journal.snapshot_source()
    first = dt.datetime(2026, 1, 1, 12, tzinfo=UTC)
    taken = [backups.take_backup(source, Reason.AUTO, now=first + dt.timedelta(days=n)) for n in range(40)]
    remaining = sorted(backups.list_backups(journal.path), key=lambda b: b.taken_at, reverse=True)
    days = [b.local_day() for b in remaining]
    newest = taken[-1].file.local_day()
    # One a day: the last two days, then 12 daily places, all kept...
    assert days[:14] == [newest - dt.timedelta(days=n) for n in range(14)]
    # ...then one per week (weeks start on Monday), the newest day of each, until the first day taken.
    older = days[14:]
    weeks = [(d - dt.timedelta(days=d.weekday())) for d in older]
    assert len(set(weeks)) == len(weeks) and all(w < days[13] - dt.timedelta(days=days[13].weekday()) for w in weeks)
    everyone = {t.file.local_day() for t in taken}
    assert all(d + dt.timedelta(days=1) not in everyone or d.weekday() == 6 for d in older)
    assert len(remaining) < 40
    assert set(backups.noted_contents(journal.db)) == {b.name for b in remaining}


def test_a_killed_backup_leaves_only_a_hidden_partial_that_the_next_one_removes(journal: Journal) -> None:
    folder = journal.path.with_name("journal.nj.backups")
    folder.mkdir(mode=0o700)
    leftover = folder / ".2026-01-01T00.00.00.000Z-auto.netjournal.partial"
    leftover.write_bytes(b"half a copy")
    assert backups.list_backups(journal.path) == []
    backups.take_backup(journal.snapshot_source(), Reason.AUTO)
    assert not leftover.exists()


def test_two_backups_at_once_do_not_overlap(journal: Journal) -> None:
    import fcntl

    folder = journal.path.with_name("journal.nj.backups")
    folder.mkdir(mode=0o700)
    fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as another process taking one would
    try:
        assert backups.back_up_if_due(journal.snapshot_source()) is None
        with pytest.raises(backups.BackupInProgress):
            backups.take_backup(journal.snapshot_source(), Reason.MANUAL)
    finally:
        os.close(fd)
    assert backups.back_up_if_due(journal.snapshot_source()) is not None


def test_a_damaged_journal_is_not_backed_up(journal: Journal) -> None:
    use_cases.log_touchpoint(journal, "Maya Chen", "Coffee")
    journal.sql("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(journal.path, "r+b") as raw:
        raw.seek(4096 * 3 + 200)  # inside page 4
        byte = raw.read(1)
        raw.seek(-1, os.SEEK_CUR)
        raw.write(bytes([byte[0] ^ 0xFF]))
    journal.sql("PRAGMA cache_size = 0")  # read the page again from disk
    with pytest.raises(DamagedJournalError):
        backups.take_backup(journal.snapshot_source(), Reason.AUTO)
    assert backups.list_backups(journal.path) == []
    assert list(journal.path.with_name("journal.nj.backups").glob(".*partial*")) == []


def test_a_passphrase_change_takes_a_backup_under_the_old_passphrase_first(journal: Journal) -> None:
    new = "velvet canyon orbits a quiet plum 42"
    use_cases.change_passphrase(journal, new)
    [before] = backups.list_backups(journal.path)
    assert before.reason is Reason.BEFORE_PASSPHRASE_CHANGE
    assert read_contents(before.path, PASSPHRASE, TEST_KDF_ITER).journal_uuid == journal.identity()[0]
    listed = catalog(journal)
    assert listed[0].contents is not None  # noted, so shown without its old passphrase


def test_no_passphrase_change_without_a_backup_first(journal: Journal) -> None:
    journal.path.with_name("journal.nj.backups").write_text("a file where the folder belongs")
    with pytest.raises(PassphraseNotChangedError, match="no backup could be taken"):
        use_cases.change_passphrase(journal, "velvet canyon orbits a quiet plum 42")
    journal.close()
    Journal.open(journal.path, PASSPHRASE, kdf_iter=TEST_KDF_ITER).close()
