"""Data belongs to its journal: several journals open in one process never see each other's rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.domain import Direction, Kind
from netjournal.services import entries, people
from netjournal.services.journal import Journal
from netjournal.services.search import search
from netjournal.services.timeline import timeline_page
from netjournal.store.errors import JournalError, WrongPassphraseError
from netjournal.store.models import Exchange, Person


def _journal(path: Path) -> Journal:
    return Journal.create(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)


def _names(journal: Journal) -> list[str]:
    return [p.name for p in people.list_people(journal)]


def _log(journal: Journal, name: str, summary: str) -> int:
    person_id = people.add_person(journal, people.PersonInput(name=name))
    return entries.add_exchange(
        journal, entries.ExchangeInput(Direction.GIVEN, Kind.ADVICE, summary, person_id, date="2026-01-05")
    )


def test_two_open_journals_each_read_and_write_their_own_file(tmp_path: Path) -> None:
    first, second = _journal(tmp_path / "mine.nj"), _journal(tmp_path / "other.nj")
    try:
        _log(first, "Ana Silva", "Reviewed her pitch deck, slide by slide")
        _log(second, "Ben Okafor", "Explained the grant reporting rules")
        _log(first, "Cy Lee", "Sent the hiring rubric")
        assert _names(first) == ["Ana Silva", "Cy Lee"]
        assert _names(second) == ["Ben Okafor"]
        assert [h.entity_id for h in search(first, "rubric")] == [2]
        assert search(second, "rubric") == []
        assert [e.title for e in timeline_page(second)] == ["Explained the grant reporting rules"]
        assert Exchange.select().count(first.db) == 2
        assert people.find_person(second, "ana") is None
        # Ids overlap between journals; each id means the row of its own journal.
        assert people.get_person(first, 1).name == "Ana Silva"
        assert people.get_person(second, 1).name == "Ben Okafor"
        assert first.identity()[0] != second.identity()[0]
    finally:
        first.close()
        second.close()
    # Reopened alone, each file holds exactly what was written to it.
    for path, expected in ((tmp_path / "mine.nj", ["Ana Silva", "Cy Lee"]), (tmp_path / "other.nj", ["Ben Okafor"])):
        with Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as alone:
            assert _names(alone) == expected


def test_closing_one_journal_leaves_the_other_working(tmp_path: Path) -> None:
    first, second = _journal(tmp_path / "a.nj"), _journal(tmp_path / "b.nj")
    try:
        _log(first, "Ana Silva", "Shared the pricing spreadsheet")
        first.close()
        _log(second, "Ben Okafor", "Introduced him to the Lisbon meetup")
        assert _names(second) == ["Ben Okafor"]
        # The closed one stays closed instead of silently reconnecting.
        with pytest.raises(Exception):  # noqa: B017 - peewee's own "database closed" error
            people.list_people(first)
    finally:
        second.close()


def test_failing_to_open_a_journal_leaves_the_open_one_working(tmp_path: Path) -> None:
    mine = _journal(tmp_path / "mine.nj")
    other = _journal(tmp_path / "other.nj")
    other.close()
    try:
        with pytest.raises(WrongPassphraseError):
            Journal.open(tmp_path / "other.nj", "not the passphrase", kdf_iter=TEST_KDF_ITER)
        with pytest.raises(JournalError):
            Journal.create(tmp_path / "missing-folder" / "x.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER)
        _log(mine, "Ana Silva", "Lent her the book on negotiation")
        assert _names(mine) == ["Ana Silva"]
    finally:
        mine.close()


def test_a_query_that_names_no_journal_fails_instead_of_reaching_one(journal: Journal) -> None:
    people.add_person(journal, people.PersonInput(name="Ana Silva"))
    with pytest.raises(Exception, match=r"(?i)database|bound"):
        list(Person.select())
