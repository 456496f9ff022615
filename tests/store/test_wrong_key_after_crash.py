"""After a crash leaves a write-ahead log, a refused passphrase changes nothing on disk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER, file_digests

from netjournal.services.journal import Journal
from netjournal.store.errors import WrongPassphraseError
from netjournal.store.models import Person

# Writes people and dies without closing, so its committed rows are only in the -wal.
CRASH = """
import os, sys
from netjournal.services import people
from netjournal.services.journal import Journal
journal = Journal.open(sys.argv[1], sys.argv[2], kdf_iter=int(sys.argv[3]))
for number in range(40):
    people.add_person(journal, people.PersonInput(name=f"Person {number}"))
os._exit(9)
"""


def test_a_wrong_passphrase_after_a_crash_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    Journal.create(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER).close()
    crashed = subprocess.run([sys.executable, "-c", CRASH, str(path), PASSPHRASE, str(TEST_KDF_ITER)], timeout=60)
    assert crashed.returncode == 9
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0, "the crash should leave committed rows in the log"
    before = file_digests(tmp_path)

    with pytest.raises(WrongPassphraseError):
        Journal.open(path, "not the passphrase", kdf_iter=TEST_KDF_ITER)
    assert file_digests(tmp_path) == before  # the log was neither checkpointed nor deleted

    with Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        assert Person.select().count(journal.db) == 40  # nothing acknowledged was lost
