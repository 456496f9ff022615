"""Stable identities (schema 5): UUIDs, creation and update times, tombstones, the journal's own UUID."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.domain import ContactDetail, DetailField, Direction, EntryType, Kind, LoopKind
from netjournal.services import deletions, entries, people, prompting
from netjournal.services.brokered_introductions import BrokeredInput, add_brokered
from netjournal.services.journal import Journal
from netjournal.services.search import search
from netjournal.store.models import Exchange
from netjournal.store.tables import TRACKED_TABLES

STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def _fill(journal: Journal) -> dict[str, int]:
    ana = people.add_person(
        journal,
        people.PersonInput(
            name="Ana Silva",
            organisation="Northwind",
            details=[ContactDetail(DetailField.EMAIL, "ana@northwind.example")],
        ),
    )
    ben = people.add_person(journal, people.PersonInput(name="Ben Okafor"))
    exchange = entries.add_exchange(
        journal, entries.ExchangeInput(Direction.GIVEN, Kind.INTRODUCTION, "Introduced Ana to Ben", ana,
                                       date="2025-03-01", second_person_id=ben),
    )  # fmt: skip
    touch = entries.add_touchpoint(journal, ana, "Congratulated her", date="2025-04-01")
    loop = entries.add_loop(journal, LoopKind.PROMISED, "Send the deck", person_id=ana, opened_on="2025-04-02")
    reflection = entries.add_reflection(journal, "She gives generously", person_id=ana, date="2025-04-03")
    circumstance = entries.add_circumstance(journal, ben, "New baby", start_on="2025-01-01")
    chen = people.add_person(journal, people.PersonInput(name="Chen Wei"))
    add_brokered(journal, BrokeredInput(chen, ana, ben, "Chen put them together", date="2025-04-04"))
    prompting.snooze_prompt(journal, "weekly-thanks@2025-W14", until=__import__("datetime").date(2025, 4, 9))
    return {"ana": ana, "ben": ben, "exchange": exchange, "touch": touch, "loop": loop,
            "reflection": reflection, "circumstance": circumstance}  # fmt: skip


def _row(journal: Journal, table: str, row_id: int | str, key: str = "id") -> tuple[str, str, str]:
    return journal.sql(f"SELECT uuid, created_at, updated_at FROM {table} WHERE {key} = ?", (row_id,)).fetchone()


def test_every_row_has_a_uuid_and_millisecond_utc_times(journal: Journal) -> None:
    _fill(journal)
    seen: set[str] = set()
    for table in TRACKED_TABLES:
        rows = journal.sql(f"SELECT uuid, created_at, updated_at FROM {table}").fetchall()
        assert rows or table == "entry_history", table  # history is written by merges of copies only
        for uuid, created, updated in rows:
            assert UUID.match(uuid), (table, uuid)
            assert STAMP.match(created) and STAMP.match(updated), (table, created, updated)
            assert created <= updated
            seen.add(uuid)
    total = sum(journal.sql(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TRACKED_TABLES)
    assert len(seen) == total  # unique across tables too


def test_updated_at_moves_on_every_edit_and_never_on_a_read(journal: Journal) -> None:
    ids = _fill(journal)
    before = {
        "person": _row(journal, "person", ids["ana"]),
        "exchange": _row(journal, "exchange", ids["exchange"]),
        "touchpoint": _row(journal, "touchpoint", ids["touch"]),
        "open_loop": _row(journal, "open_loop", ids["loop"]),
        "reflection": _row(journal, "reflection", ids["reflection"]),
    }
    time.sleep(0.002)  # the clock's resolution is a millisecond; this is not waiting for an event
    # Reads of every kind change nothing.
    people.get_person(journal, ids["ana"])
    people.find_person(journal, "ana")
    people.list_people(journal)
    search(journal, "deck")
    prompting.prompts_for(journal)
    assert _row(journal, "person", ids["ana"]) == before["person"]
    # A new entry about Ana moves her last contact, which is derived: not an edit of Ana.
    entries.add_touchpoint(journal, ids["ana"], "Coffee in Lisbon", date="2025-05-01")
    assert _row(journal, "person", ids["ana"]) == before["person"]

    people.update_person(journal, ids["ana"], people.PersonInput(name="Ana Silva", organisation="Contoso"))
    entries.update_exchange(
        journal, ids["exchange"], entries.ExchangeInput(Direction.GIVEN, Kind.INTRODUCTION,
                                                        "Introduced Ana to Ben, for her seed round", ids["ana"],
                                                        date="2025-03-01", second_person_id=ids["ben"]),
    )  # fmt: skip
    entries.update_touchpoint(journal, ids["touch"], "Congratulated her on the new role")
    entries.close_loop(journal, ids["loop"], done_on="2025-04-05")
    entries.update_reflection(journal, ids["reflection"], "She gives generously and specifically")
    after = {
        "person": _row(journal, "person", ids["ana"]),
        "exchange": _row(journal, "exchange", ids["exchange"]),
        "touchpoint": _row(journal, "touchpoint", ids["touch"]),
        "open_loop": _row(journal, "open_loop", ids["loop"]),
        "reflection": _row(journal, "reflection", ids["reflection"]),
    }
    for table, (uuid, created, updated) in after.items():
        old_uuid, old_created, old_updated = before[table]
        assert (uuid, created) == (old_uuid, old_created), table  # identity and creation never change
        assert updated > old_updated, table


def test_a_prompt_state_keeps_its_identity_when_it_changes(journal: Journal) -> None:
    import datetime as dt

    prompting.snooze_prompt(journal, "k@1", until=dt.date(2025, 1, 1))
    uuid, created, updated = _row(journal, "prompt_state", "k@1", key="prompt_key")
    time.sleep(0.002)
    prompting.dismiss_prompt(journal, "k@1", today=dt.date(2025, 1, 2))
    again = _row(journal, "prompt_state", "k@1", key="prompt_key")
    assert again[:2] == (uuid, created) and again[2] > updated


def _tombstones(journal: Journal) -> set[tuple[str, str]]:
    return {(entity, uuid) for entity, uuid in journal.sql("SELECT entity, uuid FROM tombstone")}


def test_deletes_leave_tombstones_also_for_rows_a_cascade_removes(journal: Journal) -> None:
    ids = _fill(journal)
    exchange_uuid = _row(journal, "exchange", ids["exchange"])[0]
    circumstance_uuid = _row(journal, "circumstance", ids["circumstance"])[0]
    deletions.delete_entry(journal, EntryType.EXCHANGE, ids["exchange"])
    deletions.delete_circumstance(journal, ids["circumstance"])
    assert _tombstones(journal) == {("exchange", exchange_uuid), ("circumstance", circumstance_uuid)}
    (deleted_at,) = journal.sql("SELECT deleted_at FROM tombstone WHERE uuid = ?", (exchange_uuid,)).fetchone()
    assert STAMP.match(deleted_at)

    # Deleting a person takes their touchpoints, loops and circumstances with them: each leaves a tombstone.
    from netjournal.store.models import Person

    owned = {
        ("touchpoint", _row(journal, "touchpoint", ids["touch"])[0]),
        ("loop", _row(journal, "open_loop", ids["loop"])[0]),
        ("person", _row(journal, "person", ids["ana"])[0]),
    }
    with journal.write():
        journal.delete(Person, ids["ana"])
    assert owned <= _tombstones(journal)


def test_the_journal_uuid_is_kept_by_backups(journal: Journal, tmp_path: Path) -> None:
    uuid, created = journal.identity()
    assert UUID.match(uuid) and STAMP.match(created)
    copy = journal.backup_to(tmp_path / "copy.nj")
    with Journal.open(copy, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as backup:
        assert backup.identity() == (uuid, created)


def test_large_ids_fit_the_search_index(journal: Journal) -> None:
    """Version 3 packed the id into the search rowid (27 bits); now any id is found."""
    ana = people.add_person(journal, people.PersonInput(name="Ana Silva"))
    huge = 2**40 + 7
    with journal.write():
        journal.insert(
            Exchange,
            {"id": huge, "date": "2025-01-01", "direction": "given", "kind": "advice",
             "summary": "Walked her through the flamingo budget", "significance": 3, "person": ana},
        )  # fmt: skip
    entries.add_exchange(journal, entries.ExchangeInput(Direction.GIVEN, Kind.ADVICE, "flamingo two", ana,
                                                        date="2025-01-01"))  # fmt: skip
    hits = search(journal, "flamingo")
    assert [h.entity_id for h in hits] == [huge + 1, huge]  # newest first: same day, later entry first
    deletions.delete_entry(journal, EntryType.EXCHANGE, huge)
    assert [h.entity_id for h in search(journal, "flamingo")] == [huge + 1]


def test_finding_a_person_while_typing_is_one_query_on_the_name_index(journal: Journal) -> None:
    for name in ("Ana Silva", "Anabel Costa", "Ben Okafor", "Élodie Durand"):
        people.add_person(journal, people.PersonInput(name=name))
    statements: list[str] = []
    connection = journal.db.connection()
    connection.set_trace_callback(statements.append)
    try:
        assert people.find_person(journal, "ana s").name == "Ana Silva"
    finally:
        connection.set_trace_callback(None)
    ours = [s for s in statements if not s.startswith("--")]  # FTS5 reports its own inner reads as comments
    assert len(ours) == 1
    plan = journal.sql("EXPLAIN QUERY PLAN " + ours[0]).fetchall()
    details = " ".join(str(row[-1]) for row in plan)
    assert "person_name_index VIRTUAL TABLE INDEX" in details
    assert "SEARCH t1 USING INTEGER PRIMARY KEY" in details  # the people by id, not a scan of them
    assert people.find_person(journal, "elodie").name == "Élodie Durand"  # accents folded


@pytest.mark.parametrize("name", ["---", "&"])
def test_a_name_of_punctuation_only_is_still_found(journal: Journal, name: str) -> None:
    people.add_person(journal, people.PersonInput(name=name))
    assert people.find_person(journal, name).name == name
