"""How many backups a journal keeps: chosen for it, stored inside it, obeyed by every backup taken of it."""

from __future__ import annotations

import datetime as dt

import pytest

from netjournal.services import backup_choices, backups
from netjournal.services.backups import DEFAULT_LIMITS, Limits, Reason
from netjournal.services.journal import Journal
from netjournal.store import meta

UTC = dt.UTC


def test_a_journal_keeps_the_default_until_told_otherwise(journal: Journal) -> None:
    assert backup_choices.journal_kept_limits(journal) == DEFAULT_LIMITS


def test_the_number_kept_is_stored_in_the_journal_and_used_when_thinning(journal: Journal) -> None:
    backup_choices.keep_in_journal(journal, Limits(daily=1, weekly=0, monthly=0))
    assert backup_choices.journal_kept_limits(journal) == Limits(1, 0, 0)
    source = journal.snapshot_source()  # as the command line's helper process takes them: no limits given
    first = dt.datetime(2026, 3, 2, 12, tzinfo=UTC)
    for n in range(6):
        backups.take_backup(source, Reason.AUTO, now=first + dt.timedelta(days=n))
    days = [b.local_day() for b in backups.list_backups(journal.path)]
    newest = (first + dt.timedelta(days=5)).astimezone().date()
    # Today and yesterday always; then the newest of one more day, and nothing older.
    assert days == [newest, newest - dt.timedelta(days=1), newest - dt.timedelta(days=2)]


def test_limits_given_by_the_caller_still_win(journal: Journal) -> None:
    backup_choices.keep_in_journal(journal, Limits(0, 0, 0))
    source = journal.snapshot_source()
    first = dt.datetime(2026, 3, 2, 12, tzinfo=UTC)
    for n in range(4):
        backups.take_backup(source, Reason.AUTO, now=first + dt.timedelta(days=n), limits=DEFAULT_LIMITS)
    assert len(backups.list_backups(journal.path)) == 4


@pytest.mark.parametrize("stored", [None, "many", {"daily": -1, "weekly": "x"}, {"daily": 500}])
def test_a_stored_value_that_is_not_one_of_ours_reads_as_the_default(journal: Journal, stored: object) -> None:
    with journal.write():
        meta.put(journal.db, "settings:backups-kept", stored)
    assert backup_choices.journal_kept_limits(journal) == DEFAULT_LIMITS


def test_out_of_range_counts_are_refused(journal: Journal) -> None:
    with pytest.raises(ValueError, match="between 0 and 99"):
        backup_choices.keep_in_journal(journal, Limits(100, 0, 0))


def test_two_journals_of_one_name_in_one_chosen_place_keep_their_own_backups(tmp_path) -> None:
    """Found in review: a/journal.netjournal and b/journal.netjournal shared one folder there, so each
    listed the other's backups and thinning one deleted the other's."""
    from support import PASSPHRASE, TEST_KDF_ITER

    place = tmp_path / "drive"
    place.mkdir()
    opened = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        journal = Journal.create(tmp_path / folder / "journal.netjournal", PASSPHRASE, kdf_iter=TEST_KDF_ITER)
        backup_choices.choose_place(journal, place)
        backup_choices.keep_in_journal(journal, Limits(1, 0, 0))
        opened.append(journal)
    a, b = opened
    try:
        start = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)
        b_taken = backups.take_backup(b.snapshot_source(), Reason.AUTO, now=start)
        for days in (5, 10):
            backups.take_backup(a.snapshot_source(), Reason.AUTO, now=start + dt.timedelta(days=days))
        b_listed = backups.list_backups(b.path, backup_choices.journal_place(b))
        a_listed = backups.list_backups(a.path, backup_choices.journal_place(a))
        assert [x.path for x in b_listed] == [b_taken.file.path] and b_taken.file.path.exists()
        assert b_taken.file.path not in [x.path for x in a_listed]
    finally:
        a.close()
        b.close()
