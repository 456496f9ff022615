"""A copy of a whole journal is trusted only when it holds the rows of every entity table, the newest too;
and what a copy holds (a backup's preview) counts them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.domain import DetailField
from netjournal.services import people
from netjournal.services.brokered_introductions import BrokeredInput, add_brokered
from netjournal.services.journal import Journal
from netjournal.store.copies import export_encrypted
from netjournal.store.errors import JournalError
from netjournal.store.models import ContactDetailRow
from netjournal.store.rekey import verify_copy
from netjournal.store.snapshot import read_contents


def _three(journal: Journal) -> tuple[int, int, int]:
    ana, ben, chen = (
        people.add_person(journal, people.PersonInput(n)) for n in ("Ana Silva", "Ben Okafor", "Chen Wei")
    )
    return ana, ben, chen


def test_a_copy_of_every_row_is_verified(journal: Journal, tmp_path: Path) -> None:
    ana, ben, chen = _three(journal)
    add_brokered(journal, BrokeredInput(ana, ben, chen, "for the pilot", date="2025-01-02"))
    export_encrypted(journal.db, tmp_path / "copy.nj", PASSPHRASE, TEST_KDF_ITER)
    verify_copy(journal.db, tmp_path / "copy.nj", PASSPHRASE, TEST_KDF_ITER)


@pytest.mark.parametrize("table", ["brokered_introduction", "contact_detail"])
def test_a_copy_without_the_newest_rows_of_a_later_table_is_not_trusted(
    journal: Journal, tmp_path: Path, table: str
) -> None:
    ana, ben, chen = _three(journal)
    export_encrypted(journal.db, tmp_path / "copy.nj", PASSPHRASE, TEST_KDF_ITER)
    # Rows written after the copy, only into the table added by schema 8 (or 6): nothing else changes.
    if table == "brokered_introduction":
        add_brokered(journal, BrokeredInput(ana, ben, chen, "for the pilot", date="2025-01-02"))
    else:
        with journal.write():
            journal.insert(ContactDetailRow, {"person": ana, "field": DetailField.EMAIL, "value": "ana@x.example"})
    with pytest.raises(JournalError, match="does not hold every entry"):
        verify_copy(journal.db, tmp_path / "copy.nj", PASSPHRASE, TEST_KDF_ITER)


def test_what_a_copy_holds_counts_introductions_between_others(journal: Journal, tmp_path: Path) -> None:
    ana, ben, chen = _three(journal)
    add_brokered(journal, BrokeredInput(ana, ben, chen, "Ana put Ben in touch with Chen", date="2025-01-02"))
    export_encrypted(journal.db, tmp_path / "copy.nj", PASSPHRASE, TEST_KDF_ITER)
    held = read_contents(tmp_path / "copy.nj", PASSPHRASE, TEST_KDF_ITER)
    assert (held.entries, held.counts["person"], held.counts["brokered_introduction"]) == (1, 3, 1)
    assert (held.newest_on, held.newest_summary) == ("2025-01-02", "Ana put Ben in touch with Chen")
