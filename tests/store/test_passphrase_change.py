"""A passphrase change happens whole or not at all, and says which; a full disk is the hard case."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.services import people
from netjournal.services.journal import Journal
from netjournal.store import rekey
from netjournal.store.copies import opens_with
from netjournal.store.errors import PassphraseNotChangedError, StorageFullError, WrongPassphraseError
from netjournal.store.models import Person


def _journal_with_people(path: Path, count: int) -> None:
    with Journal.create(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal, journal.write():
        for number in range(count):
            journal.insert(Person, {"name": f"Person {number}", "notes": "Met at the harbour meetup."})


def test_the_new_passphrase_opens_it_and_the_old_one_no_longer_does(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    _journal_with_people(path, 30)
    with Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        uuid = journal.identity()[0]
        journal.change_passphrase("a brand new passphrase 1")
        people.add_person(journal, people.PersonInput(name="Written after the change"))  # still usable
    with pytest.raises(WrongPassphraseError):
        Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    with Journal.open(path, "a brand new passphrase 1", kdf_iter=TEST_KDF_ITER) as journal:
        assert Person.select().count(journal.db) == 31
        assert journal.identity()[0] == uuid  # the same journal, under a new key
        assert journal.store.integrity_check() == ["ok"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.nj"]


@pytest.fixture
def tiny_disk(small_disk: Callable[[str], Path]) -> Path:
    return small_disk("1m")


@pytest.mark.parametrize("room_check", ["checked first", "left to the copy"])
def test_on_a_nearly_full_disk_it_changes_or_says_it_did_not_twenty_times(
    tiny_disk: Path, room_check: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if room_check == "left to the copy":  # the disk fills up half-way through writing the copy
        monkeypatch.setattr(rekey, "ensure_room_for_a_copy", lambda _path: None)
    path = tiny_disk / "journal.nj"
    _journal_with_people(path, 25)
    filler = tiny_disk / "filler"
    current = PASSPHRASE
    outcomes = []
    for attempt in range(20):
        free_wanted = 8 * 1024 + attempt * 40 * 1024  # from almost nothing to room for a copy
        filler.unlink(missing_ok=True)
        free = shutil.disk_usage(tiny_disk).free
        with filler.open("wb") as handle:
            handle.write(b"\0" * max(0, free - free_wanted))
        new = f"new passphrase number {attempt}"
        try:
            journal = Journal.open(path, current, kdf_iter=TEST_KDF_ITER)
        except StorageFullError:
            outcomes.append("no room to open")  # a sentence, and nothing written
        else:
            with journal:
                try:
                    journal.change_passphrase(new)
                except PassphraseNotChangedError as error:
                    assert "was not changed" in str(error)
                    outcomes.append("kept")
                else:
                    current = new
                    outcomes.append("changed")
        filler.unlink()
        # Exactly one passphrase opens it: the one we were told it has.
        assert opens_with(path, current, TEST_KDF_ITER)
        assert not opens_with(path, new if current != new else PASSPHRASE, TEST_KDF_ITER)
        with Journal.open(path, current, kdf_iter=TEST_KDF_ITER) as journal:
            assert journal.store.integrity_check() == ["ok"]
            assert Person.select().count(journal.db) == 25
        assert sorted(p.name for p in tiny_disk.iterdir()) == ["journal.nj"]  # no copy left behind
    assert "kept" in outcomes and "changed" in outcomes, outcomes


def test_the_journal_stays_private_and_a_hard_link_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    _journal_with_people(path, 3)
    with Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        journal.change_passphrase("a brand new passphrase 1")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    os.link(path, tmp_path / "second-name.nj")
    with (
        Journal.open(path, "a brand new passphrase 1", kdf_iter=TEST_KDF_ITER) as journal,
        pytest.raises(PassphraseNotChangedError, match="hard link"),
    ):
        journal.change_passphrase("another passphrase 2")
    assert opens_with(path, "a brand new passphrase 1", TEST_KDF_ITER)


def test_a_folder_that_cannot_be_flushed_does_not_undo_a_change(tmp_path: Path, monkeypatch) -> None:
    from netjournal.store import replacement

    def unflushable(_folder: Path) -> None:
        raise OSError(22, "Invalid argument")

    path = tmp_path / "journal.nj"
    _journal_with_people(path, 3)
    monkeypatch.setattr(replacement, "fsync_dir", unflushable)  # where the switch lives
    with Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        journal.change_passphrase("a brand new passphrase 1")
        assert Person.select().count(journal.db) == 3
    assert opens_with(path, "a brand new passphrase 1", TEST_KDF_ITER)
    assert not opens_with(path, PASSPHRASE, TEST_KDF_ITER)
