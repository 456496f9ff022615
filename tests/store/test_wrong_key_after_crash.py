"""After a crash leaves a write-ahead log, a refused passphrase changes nothing on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER, crash_after_adding_people, file_digests

from netjournal.services.journal import Journal
from netjournal.store.errors import WrongPassphraseError
from netjournal.store.models import Person


def test_a_wrong_passphrase_after_a_crash_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    Journal.create(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER).close()
    crash_after_adding_people(path, PASSPHRASE, TEST_KDF_ITER, 40)  # its committed rows are only in the -wal
    before = file_digests(tmp_path)

    with pytest.raises(WrongPassphraseError):
        Journal.open(path, "not the passphrase", kdf_iter=TEST_KDF_ITER)
    assert file_digests(tmp_path) == before  # the log was neither checkpointed nor deleted

    with Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        assert Person.select().count(journal.db) == 40  # nothing acknowledged was lost
