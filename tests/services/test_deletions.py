"""Deletes can be undone: every row, link, search entry and derived date comes back exactly."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from typing import Any

import pytest

from netjournal.domain import Entity, EntryType
from netjournal.exports.json_export import write_export
from netjournal.services import deletions, entries, people, prompting, use_cases
from netjournal.services.deletions import UndoRefusedError
from netjournal.services.entries import ExchangeInput
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.services.journal import Journal
from netjournal.services.search import search
from netjournal.services.validation import NotFoundError
from netjournal.store.models import Exchange, Touchpoint

WORDS = ("pitch", "maya", "deck", "lisbon", "referral", "baby", "spreadsheet", "intro", "chen", "ana")


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _fill(journal: Journal) -> dict[str, int]:
    """Maya is linked every way the schema allows; Tom and Ana stay when she goes."""
    tom = people.add_person(journal, people.PersonInput("Tom Reyes", organisation="Fernhill"))
    ana = people.add_person(journal, people.PersonInput("Ana Silva", tags=["Lisbon"]))
    maya = people.add_person(
        journal, people.PersonInput("Maya Chen", organisation="Northwind", notes="Met at the Lisbon summit")
    )

    def exchange(direction: str, kind: str, summary: str, person: int | None, date: str, **more: Any) -> int:
        return entries.add_exchange(journal, ExchangeInput(direction, kind, summary, person, date=_day(date), **more))

    ids = {"tom": tom, "ana": ana, "maya": maya}
    ids["tom_gave"] = exchange("given", "advice", "Helped Tom with his hiring rubric", tom, "2025-01-05")
    # Maya is the second person of Tom's introduction: it stays, without her.
    ids["tom_intro"] = exchange(
        "given", "introduction", "Intro of Tom to Maya for the pilot", tom, "2025-01-10", second_person_id=maya
    )
    ids["maya_intro"] = exchange(
        "given", "introduction", "Intro of Maya to Ana in Lisbon", maya, "2025-01-12", second_person_id=ana
    )
    ids["maya_thanks"] = exchange("received", "support", "Maya's thanks for the notes", maya, "2025-02-10")
    ids["maya_gave"] = exchange("given", "advice", "Reviewed Maya's pitch deck", maya, "2025-02-01")
    # Entries on the same day as hers, written after hers: their search order must survive.
    ids["ana_touch"] = entries.add_touchpoint(journal, ana, "Coffee in Lisbon about the deck", date=_day("2025-02-01"))
    # Another person's exchange returns hers; hers returns his; one of hers returns another of hers.
    ids["tom_back"] = exchange(
        "received", "referral", "Tom's referral after the deck review", tom, "2025-02-03",
        reciprocates_id=ids["maya_gave"],
    )  # fmt: skip
    ids["maya_back"] = exchange(
        "received", "support", "Maya returned Tom's rubric help", maya, "2025-02-04", reciprocates_id=ids["tom_gave"]
    )
    ids["maya_self"] = exchange(
        "received", "feedback", "Maya's feedback on my pitch", maya, "2025-02-05", reciprocates_id=ids["maya_gave"]
    )
    ids["network"] = exchange("given", "information", "Shared the deck template", None, "2025-02-01")
    # Written later than the exchange that returns it (an edit linked them): restored rows point forward too.
    ids["maya_notes"] = exchange("given", "resource", "Lent Maya my notes", maya, "2025-01-03")
    entries.update_exchange(
        journal,
        ids["maya_thanks"],
        ExchangeInput("received", "support", "Maya's thanks for the notes", maya, date=_day("2025-02-10"),
                      reciprocates_id=ids["maya_notes"]),
    )  # fmt: skip
    ids["maya_touch"] = entries.add_touchpoint(journal, maya, "Called Maya about the pilot", date=_day("2025-02-01"))
    ids["maya_touch2"] = entries.add_touchpoint(journal, maya, "Lunch with Maya", date=_day("2025-03-01"))
    ids["maya_loop"] = entries.add_loop(
        journal, "promised", "Send Maya the pricing spreadsheet", person_id=maya, opened_on=_day("2025-02-02")
    )
    ids["maya_done"] = entries.add_loop(
        journal, "asked", "Ask Maya for an intro", person_id=maya, opened_on=_day("2025-01-02")
    )
    entries.close_loop(journal, ids["maya_done"], done_on=_day("2025-01-20"))
    ids["maya_reflection"] = entries.add_reflection(
        journal, "I ask Maya for more than I offer", person_id=maya, date=_day("2025-02-06")
    )
    ids["network_reflection"] = entries.add_reflection(journal, "The deck is the network's", date=_day("2025-02-01"))
    ids["maya_circumstance"] = entries.add_circumstance(
        journal, maya, "New baby", start_on=_day("2025-01-15"), end_on=_day("2025-04-01")
    )
    ids["tom_touch"] = entries.add_touchpoint(journal, tom, "Tom's intro call", date=_day("2025-03-02"))
    prompting.snooze_prompt(journal, f"quiet#{maya}", until=_day("2025-03-01"))
    return ids


@pytest.fixture
def filled(journal: Journal) -> dict[str, int]:
    return _fill(journal)


def dump(journal: Journal) -> dict[str, list[tuple]]:
    """Every row of every table, the search indexes' own rows, and search results (FTS internals aside)."""
    tables = list(journal.sql("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"))
    virtual = [name for name, sql in tables if sql.upper().startswith("CREATE VIRTUAL")]
    result: dict[str, list[tuple]] = {}
    for name, _sql in tables:
        if any(name.startswith(f"{v}_") for v in virtual):
            continue  # FTS5's shadow tables: b-tree segments, which a delete and re-insert lay out anew
        select = f"SELECT rowid, * FROM {name}" if name in virtual else f"SELECT * FROM {name}"
        cursor = journal.sql(select)
        columns = [d[0] for d in cursor.description]
        # An undo is an edit to the journal's other copies: it moves the update times on (see below).
        result[name] = sorted(
            (tuple("moved" if c == "updated_at" else v for c, v in zip(columns, row, strict=True)) for row in cursor),
            key=repr,
        )
    for word in WORDS:
        result[f"search {word}"] = [
            (h.entity, h.entity_id, h.person_id, h.person_name, h.date, h.snippet) for h in search(journal, word)
        ]
        result[f"names {word}"] = list(
            journal.sql(
                "SELECT rowid FROM person_name_index WHERE person_name_index MATCH ? ORDER BY rowid", (f"{word}*",)
            )
        )
    return result


def export(journal: Journal) -> bytes:
    out = io.BytesIO()
    write_export(journal, out, exported_at="2025-06-01T00:00:00.000Z")
    # An undo moves update times on, so that other copies of the journal take it too.
    return re.sub(rb'"updated_at": "[^"]*"', b'"updated_at": "moved"', out.getvalue())


def indexes_sound(journal: Journal) -> None:
    for index in ("search_index", "person_name_index"):
        journal.sql(f"INSERT INTO {index}({index}) VALUES ('integrity-check')")
    assert list(journal.sql("PRAGMA foreign_key_check")) == []


def tombstones(journal: Journal) -> list[tuple]:
    return list(journal.sql("SELECT entity, uuid FROM tombstone ORDER BY entity, uuid"))


def test_deleting_a_person_and_undoing_it_changes_nothing(journal: Journal, filled: dict[str, int]) -> None:
    before, exported = dump(journal), export(journal)
    maya = filled["maya"]

    deleted = use_cases.delete_person(journal, maya)

    assert deleted.entity is Entity.PERSON and deleted.id == maya and deleted.title == "Maya Chen"
    assert journal.sql("SELECT count(*) FROM person WHERE id = ?", (maya,)).fetchone() == (0,)
    row = journal.sql("SELECT second_person_id FROM exchange WHERE id = ?", (filled["tom_intro"],)).fetchone()
    assert row == (None,)  # Tom's introduction stays, without her
    row = journal.sql("SELECT reciprocates_id FROM exchange WHERE id = ?", (filled["tom_back"],)).fetchone()
    assert row == (None,)
    row = journal.sql("SELECT person_id FROM reflection WHERE id = ?", (filled["maya_reflection"],)).fetchone()
    assert row == (None,)
    assert len(tombstones(journal)) == 1 + 6 + 2 + 2 + 1  # her, her exchanges, touchpoints, loops, circumstance
    assert search(journal, "maya chen") == []

    restored = use_cases.undo_delete(journal, deleted)

    assert restored.links_left == 0
    assert dump(journal) == before
    assert export(journal) == exported
    assert tombstones(journal) == []
    indexes_sound(journal)


def test_what_goes_with_a_person_is_what_the_delete_takes(journal: Journal, filled: dict[str, int]) -> None:
    goes = deletions.what_goes_with(journal, filled["maya"])
    assert goes == deletions.GoesWith(
        name="Maya Chen", exchanges=6, touchpoints=2, open_loops=1, closed_loops=1, circumstances=1,
        introductions=1, reflections=1, returns=1, brokered=0, introduced_by_others=0,
    )  # fmt: skip
    assert goes.removed == 11
    # Reading it changed nothing.
    assert journal.sql("SELECT count(*) FROM tombstone").fetchone() == (0,)
    nobody = people.add_person(journal, people.PersonInput("Lee Park"))
    assert deletions.what_goes_with(journal, nobody) == deletions.GoesWith("Lee Park", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    with pytest.raises(NotFoundError):
        deletions.what_goes_with(journal, 999)


@pytest.mark.parametrize(
    ("entry_type", "key"),
    [
        (EntryType.EXCHANGE, "maya_gave"),  # returned by two exchanges, one of another person's
        (EntryType.EXCHANGE, "tom_intro"),  # names a second person, whose last entry date moves
        (EntryType.EXCHANGE, "network"),
        (EntryType.TOUCHPOINT, "maya_touch"),
        (EntryType.LOOP, "maya_done"),
        (EntryType.REFLECTION, "maya_reflection"),
        (EntryType.REFLECTION, "network_reflection"),
    ],
)
def test_deleting_an_entry_and_undoing_it_changes_nothing(
    journal: Journal, filled: dict[str, int], entry_type: EntryType, key: str
) -> None:
    before, exported = dump(journal), export(journal)
    deleted = use_cases.delete_entry(journal, entry_type, filled[key])
    assert dump(journal) != before
    assert deleted.id == filled[key]
    use_cases.undo_delete(journal, deleted)
    assert dump(journal) == before
    assert export(journal) == exported
    indexes_sound(journal)


def test_deleting_a_circumstance_and_undoing_it_changes_nothing(journal: Journal, filled: dict[str, int]) -> None:
    before, exported = dump(journal), export(journal)
    deleted = use_cases.delete_circumstance(journal, filled["maya_circumstance"])
    assert deleted.title == "New baby" and tombstones(journal) != []
    use_cases.undo_delete(journal, deleted)
    assert dump(journal) == before
    assert export(journal) == exported


def test_deletes_undone_newest_first_restore_everything(journal: Journal, filled: dict[str, int]) -> None:
    before = dump(journal)
    history = [
        use_cases.delete_entry(journal, EntryType.EXCHANGE, filled["tom_back"]),  # returns one of Maya's
        use_cases.delete_entry(journal, EntryType.EXCHANGE, filled["maya_gave"]),
        use_cases.delete_person(journal, filled["maya"]),
        use_cases.delete_person(journal, filled["tom"]),
    ]
    for deleted in reversed(history):
        use_cases.undo_delete(journal, deleted)
    assert dump(journal) == before


def test_undo_after_new_rows_took_the_ids_brings_everything_back_under_new_ids(
    journal: Journal, filled: dict[str, int]
) -> None:
    exported = export(journal)
    deleted = use_cases.delete_person(journal, filled["maya"])
    # SQLite gives new rows the highest id plus one: these take Maya's ids.
    lee = people.add_person(journal, people.PersonInput("Lee Park"))
    assert lee == filled["maya"]
    newer = entries.add_loop(journal, "promised", "Send Lee the deck", person_id=lee, opened_on=_day("2025-03-03"))
    assert newer == filled["maya_loop"]

    restored = use_cases.undo_delete(journal, deleted)

    maya = people.find_person(journal, "Maya Chen")
    assert maya is not None and maya.id != lee and restored.ids["person"] == (maya.id,)
    links = journal.sql("SELECT second_person_id FROM exchange WHERE id = ?", (filled["tom_intro"],)).fetchone()
    assert links == (maya.id,)
    # The export names rows by UUID: it is the one from before, plus Lee and his loop.
    before, after = json.loads(exported), json.loads(export(journal))
    for section, records in after.items():
        if isinstance(records, list):
            assert [r for r in records if "Lee" not in repr(r)] == before[section], section
    assert people.person_name(journal, lee) == "Lee Park"
    assert journal.sql("SELECT person_id FROM open_loop WHERE id = ?", (newer,)).fetchone() == (lee,)
    assert restored.ids["open_loop"] != (filled["maya_loop"], filled["maya_done"])
    indexes_sound(journal)


def test_undo_is_refused_when_the_same_row_is_back(journal: Journal, filled: dict[str, int]) -> None:
    deleted = use_cases.delete_entry(journal, EntryType.TOUCHPOINT, filled["maya_touch"])
    again = deleted.removal.rows[0].values
    with journal.write():  # as an import of an older copy would bring it back
        journal.insert(Touchpoint, {k: v for k, v in again.items() if k != "id"})
    before = dump(journal)
    with pytest.raises(UndoRefusedError) as refused:
        use_cases.undo_delete(journal, deleted)
    assert str(refused.value) == (
        "The touchpoint “Called Maya about the pilot” cannot be brought back: the same touchpoint is in the journal "
        "again."
    )
    assert dump(journal) == before


def test_undo_is_refused_while_what_it_belonged_to_is_gone(journal: Journal, filled: dict[str, int]) -> None:
    before = dump(journal)
    touch = use_cases.delete_entry(journal, EntryType.TOUCHPOINT, filled["tom_touch"])
    tom = use_cases.delete_person(journal, filled["tom"])
    gone = dump(journal)
    with pytest.raises(UndoRefusedError, match="the person it belonged to has been deleted since"):
        use_cases.undo_delete(journal, touch)
    assert dump(journal) == gone
    use_cases.undo_delete(journal, tom)
    use_cases.undo_delete(journal, touch)
    assert dump(journal) == before


def test_a_link_in_a_row_edited_since_is_left_as_edited(journal: Journal, filled: dict[str, int]) -> None:
    deleted = use_cases.delete_person(journal, filled["maya"])
    entries.update_exchange(
        journal,
        filled["tom_intro"],
        ExchangeInput("given", "introduction", "Intro of Tom to Ana", filled["tom"], date=_day("2025-01-10"),
                      second_person_id=filled["ana"]),
    )  # fmt: skip
    restored = use_cases.undo_delete(journal, deleted)
    assert restored.links_left == 1
    assert people.find_person(journal, "Maya Chen") is not None
    row = journal.sql("SELECT second_person_id FROM exchange WHERE id = ?", (filled["tom_intro"],)).fetchone()
    assert row == (filled["ana"],)
    # The other links came back.
    row = journal.sql("SELECT reciprocates_id FROM exchange WHERE id = ?", (filled["tom_back"],)).fetchone()
    assert row == (filled["maya_gave"],)
    indexes_sound(journal)


def test_deletes_and_undos_tell_the_views_whom_they_touch(journal: Journal, filled: dict[str, int]) -> None:
    heard: list[JournalChange] = []
    journal.changes.subscribe(heard.append)
    deleted = use_cases.delete_person(journal, filled["maya"])
    everyone = (filled["tom"], filled["ana"], filled["maya"])
    assert set(deleted.person_ids) == set(everyone)
    assert (Entity.PERSON, ChangeAction.DELETED, (filled["maya"],)) in [(c.entity, c.action, c.ids) for c in heard]
    assert {c.entity for c in heard} >= {Entity.PERSON, Entity.EXCHANGE, Entity.TOUCHPOINT, Entity.REFLECTION}
    assert all(set(c.person_ids) == set(everyone) for c in heard)
    heard.clear()
    use_cases.undo_delete(journal, deleted)
    assert (Entity.PERSON, ChangeAction.ADDED, (filled["maya"],)) in [(c.entity, c.action, c.ids) for c in heard]
    assert all(set(c.person_ids) == set(everyone) for c in heard)


def test_a_failed_delete_writes_nothing(journal: Journal, filled: dict[str, int]) -> None:
    before = dump(journal)
    with pytest.raises(NotFoundError):
        use_cases.delete_person(journal, 999)
    with pytest.raises(NotFoundError):
        use_cases.delete_entry(journal, EntryType.EXCHANGE, 999)
    assert dump(journal) == before
    assert journal.first(Exchange.select().where(Exchange.id == filled["maya_gave"])) is not None


def test_an_undone_delete_is_newer_than_the_delete(journal: Journal, filled: dict[str, int]) -> None:
    """Other copies of the journal take the undo only if it is an edit after the deletion."""
    before = dict(journal.sql("SELECT uuid, updated_at FROM exchange").fetchall())
    removal = use_cases.delete_person(journal, filled["maya"])
    deleted = dict(journal.sql("SELECT uuid, deleted_at FROM tombstone WHERE entity = 'exchange'").fetchall())
    use_cases.undo_delete(journal, removal)
    after = dict(journal.sql("SELECT uuid, updated_at FROM exchange").fetchall())
    assert deleted and set(after) == set(before)
    for uuid, stamp in deleted.items():
        assert after[uuid] > stamp > before[uuid]
