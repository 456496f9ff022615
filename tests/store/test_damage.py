"""A damaged journal is found out, said plainly, and never written into."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.services import people
from netjournal.services.journal import Journal
from netjournal.store.errors import DamagedJournalError, JournalError
from netjournal.store.models import Person

PAGE = 4096  # SQLCipher 4's page size


def _journal(path: Path) -> None:
    with Journal.create(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal, journal.write():
        for number in range(300):
            journal.insert(Person, {"name": f"Person {number}", "notes": "Knows the harbour people. " * 6})


def _flip(path: Path, page: int, offset: int = 200) -> None:
    data = bytearray(path.read_bytes())
    assert len(data) > (page + 1) * PAGE, "the journal is too small for this page"
    data[page * PAGE + offset] ^= 0xFF
    path.write_bytes(bytes(data))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_sound_journal_passes_the_full_check(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    _journal(path)
    with Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        assert journal.check() == []
        people.add_person(journal, people.PersonInput(name="Still writable"))


def test_a_flipped_byte_on_page_five_is_found_and_nothing_more_is_written(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    _journal(path)
    _flip(path, 4)  # the fifth page
    before = _digest(path)
    with Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        problems = journal.check()
        assert problems, "the damaged page must be reported"
        with pytest.raises(DamagedJournalError, match="damaged"):
            people.add_person(journal, people.PersonInput(name="Written into a damaged file"))
        with pytest.raises(DamagedJournalError):
            journal.backup_to(tmp_path / "copy.nj")
    assert _digest(path) == before
    assert not (tmp_path / "copy.nj").exists()


def test_a_flipped_byte_on_page_one_is_refused_at_the_door(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    _journal(path)
    _flip(path, 0, offset=100)
    before = _digest(path)
    with pytest.raises(JournalError, match=r"damaged|passphrase is wrong"):
        Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    assert _digest(path) == before
