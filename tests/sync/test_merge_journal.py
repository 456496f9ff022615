"""Merging another copy of the same journal, by identity: the rules one by one, on real encrypted files."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.domain import EntryType
from netjournal.exports.json_export import write_export
from netjournal.services import duplicates, entries, people, use_cases
from netjournal.services.journal import Journal
from netjournal.services.sync_merge import ForeignJournalError, merge_journal
from netjournal.services.sync_report import report_lines
from netjournal.store import clock
from netjournal.store.errors import JournalError, WrongPassphraseError
from netjournal.store.history import history_of


def exported(journal: Journal) -> dict:
    out = io.BytesIO()
    write_export(journal, out, exported_at="2026-01-01T00:00:00.000Z")
    return json.loads(out.getvalue())


def _copy(journal: Journal, tmp_path: Path, name: str) -> Journal:
    journal.backup_to(tmp_path / name)
    return Journal.open(tmp_path / name, PASSPHRASE, kdf_iter=TEST_KDF_ITER)


def _merge(into: Journal, other: Journal, **kwargs: bool):
    path = other.path
    other.close()
    report = merge_journal(into, path, PASSPHRASE, **kwargs)
    return report, Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)


@pytest.fixture
def pair(journal: Journal, tmp_path: Path):
    ana = people.add_person(journal, people.PersonInput("Ana Silva"))
    entries.add_exchange(journal, entries.ExchangeInput("given", "advice", "Reviewed Ana's deck", ana, "2026-01-02"))
    other = _copy(journal, tmp_path, "laptop.nj")
    yield journal, other, ana
    other.close()


def test_rows_only_there_are_added_with_their_references(pair) -> None:
    here, there, _ = pair
    ben = people.add_person(there, people.PersonInput("Ben Okafor"))
    entries.add_exchange(there, entries.ExchangeInput("received", "referral", "Ben sent a client", ben, "2026-01-03"))
    report, there = _merge(here, there)
    assert exported(here)["people"] == exported(there)["people"]
    assert exported(here)["exchanges"] == exported(there)["exchanges"]
    assert report.totals()[0] == {"person": 1, "exchange": 1}
    # Derived data follows: the search index and Ben's last contact.
    assert here.sql("SELECT last_entry_on FROM person WHERE name = 'Ben Okafor'").fetchone() == ("2026-01-03",)
    assert here.sql("SELECT count(*) FROM search_index WHERE search_index MATCH 'client'").fetchone() == (1,)
    # Merging twice changes nothing.
    before = exported(here)
    again, there = _merge(here, there)
    assert exported(here) == before and not again.changed


def test_a_row_changed_in_both_keeps_the_newer_and_the_other_goes_to_history(pair, monkeypatch) -> None:
    here, there, ana = pair
    people.update_person(there, ana, people.PersonInput("Ana Silva", organisation="Northwind"))
    monkeypatch.setattr(clock, "utc_now", lambda: dt.datetime(2099, 1, 1, tzinfo=dt.UTC))
    people.update_person(here, ana, people.PersonInput("Ana Silva", organisation="Contoso"))
    monkeypatch.undo()
    report, there = _merge(here, there)
    assert here.sql("SELECT organisation FROM person WHERE id = ?", (ana,)).fetchone() == ("Contoso",)
    (conflict,) = report.conflicts
    assert conflict.kept == "here" and conflict.history_uuid
    uuid = here.sql("SELECT uuid FROM person WHERE id = ?", (ana,)).fetchone()[0]
    [(_, reason, values)] = history_of(here.db, uuid)
    assert json.loads(values)["organisation"] == "Northwind" and reason == "superseded"
    # The other copy, merging this one, decides the same and writes the same history row.
    here_path = here.path
    here.close()
    merge_journal(there, here_path, PASSPHRASE)
    assert history_of(there.db, uuid) == [(_, reason, values)]
    assert any("changed in both copies" in line for line in report_lines(report))


def test_a_deletion_wins_unless_the_row_was_edited_after_it(pair) -> None:
    here, there, _ = pair
    (exchange,) = [r[0] for r in there.sql("SELECT id FROM exchange")]
    use_cases.delete_entry(there, EntryType.EXCHANGE, exchange)
    _, there = _merge(here, there)
    assert here.sql("SELECT count(*) FROM exchange").fetchone() == (0,)
    assert exported(here)["deleted"] == exported(there)["deleted"]


def test_a_row_edited_after_its_deletion_stays_and_comes_back_in_the_other(pair, monkeypatch) -> None:
    here, there, ana = pair
    (exchange,) = [r[0] for r in there.sql("SELECT id FROM exchange")]
    use_cases.delete_entry(there, EntryType.EXCHANGE, exchange)
    monkeypatch.setattr(clock, "utc_now", lambda: dt.datetime(2099, 1, 1, tzinfo=dt.UTC))
    entries.update_exchange(
        here, exchange, entries.ExchangeInput("given", "advice", "Reviewed Ana's deck again", ana, "2026-01-02")
    )
    monkeypatch.undo()
    report, there = _merge(here, there)
    assert [d.reason for d in report.conflicts] == ["edited after its deletion"]
    assert here.sql("SELECT summary FROM exchange").fetchall() == [("Reviewed Ana's deck again",)]
    # The copy that deleted it takes it back, with the edit.
    here_path = here.path
    here.close()
    merge_journal(there, here_path, PASSPHRASE)
    assert there.sql("SELECT summary FROM exchange").fetchall() == [("Reviewed Ana's deck again",)]
    assert there.sql("SELECT count(*) FROM tombstone").fetchone() == (0,)


def test_an_undone_delete_comes_back_in_the_other_copy(pair) -> None:
    here, there, ana = pair
    deleted = use_cases.delete_person(there, ana)
    _, there = _merge(here, there)
    assert here.sql("SELECT count(*) FROM person").fetchone() == (0,)
    use_cases.undo_delete(there, deleted)
    _, there = _merge(here, there)
    assert exported(here)["people"] == exported(there)["people"]
    assert exported(here)["exchanges"] == exported(there)["exchanges"]
    assert exported(here)["deleted"] == exported(there)["deleted"] == []


def test_the_same_person_added_in_two_copies_is_a_possible_duplicate(pair) -> None:
    here, there, _ = pair
    people.add_person(here, people.PersonInput("Chen Wei"))
    people.add_person(there, people.PersonInput("Chen Wei"))
    _, there = _merge(here, there)
    assert here.sql("SELECT count(*) FROM person WHERE name = 'Chen Wei'").fetchone() == (2,)
    pairs = [(p.first.name, p.second.name) for p in duplicates.possible_duplicates(here)]
    assert ("Chen Wei", "Chen Wei") in pairs


def test_another_journal_is_refused(journal: Journal, tmp_path: Path) -> None:
    stranger = Journal.create(tmp_path / "stranger.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    people.add_person(stranger, people.PersonInput("Zed"))
    stranger.close()
    with pytest.raises(ForeignJournalError, match="another journal"):
        merge_journal(journal, tmp_path / "stranger.nj", PASSPHRASE)
    assert journal.sql("SELECT count(*) FROM person").fetchone() == (0,)


def test_a_dry_run_writes_nothing(pair) -> None:
    here, there, _ = pair
    people.add_person(there, people.PersonInput("Ben Okafor"))
    before = exported(here)
    report, there = _merge(here, there, dry_run=True)
    assert report.totals()[0] == {"person": 1} and exported(here) == before


def test_a_truncated_copy_is_refused_and_nothing_merged(pair, tmp_path: Path) -> None:
    here, there, _ = pair
    people.add_person(there, people.PersonInput("Ben Okafor"))
    there.close()
    data = there.path.read_bytes()
    cut = tmp_path / "cut.nj"
    cut.write_bytes(data[: len(data) // 2 + 100])
    before = exported(here)
    with pytest.raises(JournalError):
        merge_journal(here, cut, PASSPHRASE)
    assert exported(here) == before


def test_a_copy_under_another_passphrase_is_refused(pair) -> None:
    here, there, _ = pair
    there.close()
    with pytest.raises(WrongPassphraseError):
        merge_journal(here, there.path, PASSPHRASE + "!")


def test_the_history_is_exported_and_read_back(pair, tmp_path: Path, monkeypatch) -> None:
    from netjournal.services.json_document import read_export
    from netjournal.services.json_import import import_json

    here, there, ana = pair
    people.update_person(there, ana, people.PersonInput("Ana Silva", role="Partner"))
    monkeypatch.setattr(clock, "utc_now", lambda: dt.datetime(2099, 1, 1, tzinfo=dt.UTC))
    people.update_person(here, ana, people.PersonInput("Ana Silva", role="CFO"))
    monkeypatch.undo()
    _, there = _merge(here, there)
    document = exported(here)
    (entry,) = document["entry_history"]
    assert json.loads(entry["values_json"])["role"] == "Partner" and entry["reason"] == "superseded"
    (tmp_path / "out.json").write_bytes(json.dumps(document).encode())
    with Journal.create(tmp_path / "new.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER) as target:
        import_json(target, read_export(tmp_path / "out.json"))
        assert exported(target) == document
