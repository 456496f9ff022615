"""The JSON export: schema-valid, deterministic, complete, written only where asked and atomically."""

from __future__ import annotations

import datetime as dt
import io
import json
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from support import file_digests

from netjournal.domain import ContactDetail, DetailField, Direction, EntryType, Kind, LoopKind
from netjournal.exports.json_export import SECTIONS, export_json, write_export
from netjournal.services import deletions, entries, people, prompting
from netjournal.services.brokered_introductions import BrokeredInput, add_brokered
from netjournal.services.journal import Journal
from netjournal.store.errors import JournalError, StorageFullError
from netjournal.store.models import (
    BrokeredIntroduction,
    Circumstance,
    ContactDetailRow,
    Exchange,
    OpenLoop,
    Person,
    PromptState,
    Reflection,
    Touchpoint,
)

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "json-format.schema.json").read_text())
TABLE_SECTION = {
    "person": "people",
    "exchange": "exchanges",
    "touchpoint": "touchpoints",
    "open_loop": "loops",
    "reflection": "reflections",
    "circumstance": "circumstances",
    "prompt_state": "prompt_states",
    "contact_detail": "contact_details",
    "brokered_introduction": "brokered_introductions",
}
PERSON_REFERENCES = ("person", "second_person", "broker", "first_person")
# Columns that are deliberately not exported (docs/json-format.md, "What is not exported").
NOT_EXPORTED = {"id", "last_entry_on"}


def _export(journal: Journal) -> dict[str, Any]:
    buffer = io.BytesIO()
    write_export(journal, buffer)
    return json.loads(buffer.getvalue())


def _fill(journal: Journal) -> dict[str, int]:
    ana = people.add_person(
        journal,
        people.PersonInput(
            name="Ana Silva",
            tags=["investor", "Lisbon"],
            details=[
                ContactDetail(DetailField.EMAIL, "ana@northwind.example", "work"),
                ContactDetail(DetailField.WEB, "https://www.linkedin.com/in/ana-silva-example", "LinkedIn"),
                ContactDetail(DetailField.BIRTHDAY, "--04-15"),
            ],
        ),
    )
    ben = people.add_person(journal, people.PersonInput(name="Ben Okafor", cadence_days=30))
    intro = entries.add_exchange(
        journal,
        entries.ExchangeInput(Direction.GIVEN, Kind.INTRODUCTION, "Introduced Ana to Ben for the pilot", ana,
                              date="2025-02-01", second_person_id=ben, outcome="They signed"),
    )  # fmt: skip
    back = entries.add_exchange(
        journal,
        entries.ExchangeInput(Direction.RECEIVED, Kind.REFERRAL, "Ana referred me to Northwind", ana,
                              date="2025-03-01", reciprocates_id=intro),
    )  # fmt: skip
    entries.add_exchange(
        journal,
        entries.ExchangeInput(Direction.GIVEN, Kind.INFORMATION, "Shared the job list", None, date="2025-03-02",
                              community="Lisbon Python"),
    )  # fmt: skip
    entries.add_touchpoint(journal, ben, "Coffee", date="2025-03-03", channel="coffee")
    loop = entries.add_loop(journal, LoopKind.ASKED, "Ana to intro me to Tom", person_id=ana, due_on="2025-04-01",
                            opened_on="2025-03-04")  # fmt: skip
    entries.close_loop(journal, loop, done_on="2025-03-20")
    entries.add_reflection(journal, "I ask Ana more than I give", person_id=ana, date="2025-03-05")
    entries.add_circumstance(journal, ben, "New baby", start_on="2025-01-01", end_on="2025-06-30")
    prompting.snooze_prompt(journal, "weekly@2025-W10", until=dt.date(2025, 3, 14))
    cy = people.add_person(journal, people.PersonInput(name="Cy Lee"))
    brokered = add_brokered(journal, BrokeredInput(ana, ben, cy, "Ana put Ben in touch with Cy", date="2025-03-06"))
    return {"ana": ana, "ben": ben, "cy": cy, "intro": intro, "back": back, "loop": loop, "brokered": brokered}


def test_an_export_is_valid_against_the_documented_schema(journal: Journal) -> None:
    _fill(journal)
    document = _export(journal)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert document["format"] == "netjournal" and document["version"] == 4
    assert document["journal"]["uuid"] == journal.identity()[0]
    assert [key for key in document if key in SECTIONS] == list(SECTIONS)


def test_an_empty_journal_exports_empty_lists_that_are_valid(journal: Journal) -> None:
    document = _export(journal)
    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert all(document[key] == [] for key in (*SECTIONS, "deleted"))


def test_the_schema_rejects_what_the_format_forbids(journal: Journal) -> None:
    _fill(journal)
    document = _export(journal)
    document["exchanges"][0]["direction"] = "sideways"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)
    document = _export(journal)
    document["people"][0]["nickname"] = "not a field"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_references_are_uuids_of_the_records_they_name(journal: Journal) -> None:
    _fill(journal)
    document = _export(journal)
    by_name = {p["name"]: p["uuid"] for p in document["people"]}
    intro = next(e for e in document["exchanges"] if e["kind"] == "introduction")
    back = next(e for e in document["exchanges"] if e["kind"] == "referral")
    assert (intro["person"], intro["second_person"]) == (by_name["Ana Silva"], by_name["Ben Okafor"])
    assert back["reciprocates"] == intro["uuid"]
    assert next(e for e in document["exchanges"] if e["community"])["person"] is None
    [brokered] = document["brokered_introductions"]
    assert (brokered["broker"], brokered["first_person"], brokered["second_person"]) == (
        by_name["Ana Silva"], by_name["Ben Okafor"], by_name["Cy Lee"],
    )  # fmt: skip


def test_an_introduction_between_others_names_nobody_where_that_person_was_deleted(journal: Journal) -> None:
    ids = _fill(journal)
    deletions.delete_person(journal, ids["cy"])
    document = _export(journal)
    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)
    [brokered] = document["brokered_introductions"]
    assert brokered["second_person"] is None and brokered["first_person"] is not None
    deletions.delete_person(journal, ids["ana"])  # the one who made it: it goes with her, and says so
    document = _export(journal)
    assert document["brokered_introductions"] == []
    assert ("brokered_introduction", brokered["uuid"]) in {(d["entity"], d["uuid"]) for d in document["deleted"]}
    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_the_same_journal_gives_the_same_bytes(journal: Journal) -> None:
    _fill(journal)
    first, second = io.BytesIO(), io.BytesIO()
    write_export(journal, first, exported_at="2026-01-01T00:00:00.000Z")
    write_export(journal, second, exported_at="2026-01-01T00:00:00.000Z")
    assert first.getvalue() == second.getvalue()
    assert first.getvalue().decode("utf-8").count("\n") > 10  # one record a line


def _markers(journal: Journal) -> dict[str, tuple[str, dict[str, object]]]:
    """One row in every table with a distinctive value in every column; returns uuid -> (table, values)."""
    count = iter(range(1, 1000))

    def stamp() -> str:
        return f"2019-01-01T00:00:00.{next(count):03d}Z"

    def ident(table: str) -> dict[str, object]:
        return {"uuid": f"00000000-0000-4000-8000-{next(count):012d}", "created_at": stamp(), "updated_at": stamp()}

    rows: dict[str, tuple[str, dict[str, object]]] = {}

    def add(model: type, table: str, values: dict[str, object]) -> int:
        values = {**ident(table), **values}
        row_id = journal.insert(model, values)
        rows[str(values["uuid"])] = (table, values)
        return row_id

    with journal.write():
        person = add(Person, "person", {
            "name": "m-name", "organisation": "m-org", "role": "m-role", "how_met": "m-how-met",
            "notes": "m-notes", "tags": "m-tag-one, m-tag-two", "cadence_days": 4321, "archived": True,
        })  # fmt: skip
        other = add(Person, "person", {"name": "m-other"})
        earlier = add(Exchange, "exchange", {
            "date": "2019-02-03", "direction": "received", "kind": "expertise", "summary": "m-earlier",
            "significance": 2, "person": person,
        })  # fmt: skip
        add(Exchange, "exchange", {
            "date": "2019-02-04", "direction": "given", "kind": "introduction", "summary": "m-summary",
            "details": "m-details", "significance": 4, "person": person, "second_person": other,
            "community": "m-community", "reciprocates": earlier, "outcome": "m-outcome",
        })  # fmt: skip
        add(
            Touchpoint, "touchpoint", {"date": "2019-02-05", "person": person, "channel": "m-channel", "note": "m-note"}
        )
        add(OpenLoop, "open_loop", {
            "loop_kind": "asked", "person": person, "what": "m-what", "opened_on": "2019-02-06",
            "due_on": "2019-02-07", "done_on": "2019-02-08",
        })  # fmt: skip
        add(Reflection, "reflection", {
            "date": "2019-02-09", "text": "m-text", "prompt_id": "m-prompt-id", "prompt_text": "m-prompt-text",
            "person": person,
        })  # fmt: skip
        add(Circumstance, "circumstance", {
            "person": person, "note": "m-circumstance", "start_on": "2019-02-10", "end_on": "2019-02-11",
        })  # fmt: skip
        add(ContactDetailRow, "contact_detail", {
            "person": person, "field": "web", "value": "m-value", "label": "m-label", "position": 7,
        })  # fmt: skip
        third = add(Person, "person", {"name": "m-third"})
        add(BrokeredIntroduction, "brokered_introduction", {
            "date": "2019-02-15", "broker": other, "first_person": person, "second_person": third,
            "summary": "m-brokered-summary", "outcome": "m-brokered-outcome",
        })  # fmt: skip
        add(PromptState, "prompt_state", {
            "prompt_key": "m-key", "snoozed_until": "2019-02-12", "dismissed_on": "2019-02-13",
            "answered_on": "2019-02-14",
        })  # fmt: skip
    return rows


def test_every_column_of_every_table_reaches_the_export(journal: Journal) -> None:
    rows = _markers(journal)
    uuid_of = {
        (table, journal.sql(f"SELECT id FROM {table} WHERE uuid = ?", (uuid,)).fetchone()[0]): uuid
        for uuid, (table, _) in rows.items()
        if table != "prompt_state"
    }
    # Every column the journal has was given a marker, so a column added later fails here until exported.
    for table in TABLE_SECTION:
        columns = {row[1] for row in journal.sql(f"PRAGMA table_info({table})")} - NOT_EXPORTED
        given = set().union(*({k if k not in (*PERSON_REFERENCES, "reciprocates") else f"{k}_id"
                               for k in values} for t, values in rows.values() if t == table))  # fmt: skip
        assert columns == given, table
    document = _export(journal)
    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)
    for uuid, (table, values) in rows.items():
        [record] = [r for r in document[TABLE_SECTION[table]] if r["uuid"] == uuid]
        for column, value in values.items():
            if column in PERSON_REFERENCES:
                expected: object = uuid_of[("person", value)]
            elif column == "reciprocates":
                expected = uuid_of[("exchange", value)]
            elif column == "tags":
                expected = ["m-tag-one", "m-tag-two"]
            else:
                expected = value
            assert record[column] == expected, (table, column)


def test_a_delete_is_exported_as_a_tombstone(journal: Journal) -> None:
    ids = _fill(journal)
    before = _export(journal)
    back_uuid = next(e["uuid"] for e in before["exchanges"] if e["kind"] == "referral")
    assert before["deleted"] == []
    deletions.delete_entry(journal, EntryType.EXCHANGE, ids["back"])
    after = _export(journal)
    assert [(d["entity"], d["uuid"]) for d in after["deleted"]] == [("exchange", back_uuid)]
    assert back_uuid not in {e["uuid"] for e in after["exchanges"]}
    jsonschema.validate(after, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_updated_at_in_the_export_moves_on_an_edit_and_not_on_a_read(journal: Journal) -> None:
    ids = _fill(journal)
    first = _export(journal)
    time.sleep(0.002)  # the stamps have millisecond resolution; this waits for no event
    people.list_people(journal)
    prompting.prompts_for(journal)
    _export(journal)
    assert _export(journal)["people"] == first["people"]
    people.update_person(journal, ids["ben"], people.PersonInput(name="Ben Okafor", organisation="Contoso"))
    ben_before = next(p for p in first["people"] if p["name"] == "Ben Okafor")
    ben_after = next(p for p in _export(journal)["people"] if p["name"] == "Ben Okafor")
    assert ben_after["created_at"] == ben_before["created_at"]
    assert ben_after["updated_at"] > ben_before["updated_at"]
    assert ben_after["organisation"] == "Contoso"


def test_export_to_a_file_is_private_atomic_and_leaves_nothing_else(journal: Journal, tmp_path: Path) -> None:
    _fill(journal)
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    target = out_folder / "journal.json"
    assert export_json(journal, target) == target
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert list(out_folder.iterdir()) == [target]
    assert json.loads(target.read_text(encoding="utf-8"))["people"]
    # Written again, the old file is replaced whole.
    before = file_digests(out_folder)
    people.add_person(journal, people.PersonInput(name="Cy Lee"))
    export_json(journal, target)
    assert file_digests(out_folder) != before and list(out_folder.iterdir()) == [target]


def test_a_failed_export_leaves_no_partial_file_and_the_old_one_intact(journal: Journal, tmp_path: Path) -> None:
    _fill(journal)
    target = tmp_path / "journal.json"
    target.write_text("the previous export")

    class Boom(Exception):
        pass

    from netjournal.exports import atomic

    def failing(handle: Any) -> None:
        handle.write(b"{ half")
        raise Boom

    with pytest.raises(Boom):
        atomic.write_atomically(target, failing)
    assert target.read_text() == "the previous export"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")]
    with pytest.raises(JournalError, match="does not exist"):
        export_json(journal, tmp_path / "missing" / "x.json")
    with pytest.raises(JournalError, match="folder"):
        export_json(journal, tmp_path)


@pytest.fixture
def tiny_disk(small_disk: Callable[[str], Path]) -> Path:
    return small_disk("64k")


def test_a_full_disk_is_a_sentence_and_leaves_the_previous_export(journal: Journal, tiny_disk: Path) -> None:
    with journal.write():
        for number in range(300):
            journal.insert(Person, {"name": f"Person {number} with a long enough name to fill a disk " + "x" * 200})
    target = tiny_disk / "journal.json"
    target.write_bytes(b'{\n  "format": "netjournal", "the previous export": true}')
    previous = target.read_bytes()
    with pytest.raises(StorageFullError, match="disk is full"):
        export_json(journal, target)
    assert target.read_bytes() == previous
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["journal.json"]


def test_an_export_never_overwrites_the_journal_or_any_other_file(journal: Journal, tmp_path: Path) -> None:
    _fill(journal)
    before = journal.path.read_bytes()
    with pytest.raises(JournalError, match="the journal itself"):
        export_json(journal, journal.path)
    assert journal.path.read_bytes() == before
    other = tmp_path / "notes.txt"
    other.write_text("my own notes")
    with pytest.raises(JournalError, match="not a netjournal export"):
        export_json(journal, other)
    assert other.read_text() == "my own notes"
    earlier = tmp_path / "export.json"
    export_json(journal, earlier)
    people.add_person(journal, people.PersonInput(name="Cy Lee"))
    export_json(journal, earlier)  # an earlier export may be replaced
    assert "Cy Lee" in earlier.read_text(encoding="utf-8")
