"""Merging two people moves everything to the one kept, and the merge can be undone exactly."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from typing import Any

import pytest

from netjournal.domain import ContactDetail, DetailField, Entity, EntryType
from netjournal.exports.json_export import write_export
from netjournal.services import entries, people, use_cases
from netjournal.services.brokered_introductions import BrokeredInput, add_brokered, update_brokered
from netjournal.services.deletions import UndoRefusedError
from netjournal.services.entries import ExchangeInput
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.services.journal import Journal
from netjournal.services.merge import merge_people, undo_merge
from netjournal.services.search import search
from netjournal.services.timeline import full_timeline
from netjournal.services.validation import NotFoundError, ValidationError

EMAIL, PHONE, WEB = DetailField.EMAIL, DetailField.PHONE, DetailField.WEB


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _fill(journal: Journal) -> dict[str, int]:
    """Ana Silva (kept) and "A. Silva" (the same woman, added again), with Tom around them."""
    tom = people.add_person(journal, people.PersonInput("Tom Reyes", organisation="Fernhill"))
    ana = people.add_person(
        journal,
        people.PersonInput(
            "Ana Silva", tags=["Lisbon"], notes="Met at the summit",
            details=[ContactDetail(EMAIL, "ana@northwind.example", "work")],
        ),
    )  # fmt: skip
    other = people.add_person(
        journal,
        people.PersonInput(
            "A. Silva", organisation="Northwind", role="Partner", cadence_days=30, tags=["investor", "lisbon"],
            notes="Likes early meetings", details=[
                ContactDetail(EMAIL, "ANA@northwind.example", "home"), ContactDetail(PHONE, "+351 912 345 678"),
                ContactDetail(WEB, "https://www.linkedin.com/in/anasilva/"),
            ],
        ),
    )  # fmt: skip

    def exchange(direction: str, kind: str, summary: str, person: int | None, date: str, **more: Any) -> int:
        return entries.add_exchange(journal, ExchangeInput(direction, kind, summary, person, date=_day(date), **more))

    ids = {"tom": tom, "ana": ana, "other": other}
    ids["ana_gave"] = exchange("given", "advice", "Reviewed Ana's pitch deck", ana, "2025-01-05")
    ids["other_gave"] = exchange("given", "advice", "Helped Silva with the deck", other, "2025-02-01")
    ids["other_got"] = exchange(
        "received", "referral", "Silva's referral after the deck", other, "2025-02-03",
        reciprocates_id=ids["other_gave"],
    )  # fmt: skip
    ids["tom_intro"] = exchange(
        "given", "introduction", "Intro of Tom to Silva", tom, "2025-01-10", second_person_id=other
    )
    ids["between"] = exchange(
        "given", "introduction", "Intro of Ana to Silva, not knowing", ana, "2025-01-12", second_person_id=other
    )
    # Entries on the same day as the other's, written after: their search order must survive.
    ids["tom_touch"] = entries.add_touchpoint(journal, tom, "Coffee about the deck", date=_day("2025-02-01"))
    ids["other_touch"] = entries.add_touchpoint(journal, other, "Called Silva about the deck", date=_day("2025-03-01"))
    ids["other_loop"] = entries.add_loop(
        journal, "promised", "Send Silva the deck template", person_id=other, opened_on=_day("2025-02-02")
    )
    ids["other_thought"] = entries.add_reflection(
        journal, "Silva always asks about the deck", date=_day("2025-02-04"), person_id=other
    )
    ids["other_new_job"] = entries.add_circumstance(journal, other, "Moved to Northwind", start_on=_day("2025-01-01"))
    return ids


@pytest.fixture
def filled(journal: Journal) -> dict[str, int]:
    return _fill(journal)


def export(journal: Journal) -> bytes:
    out = io.BytesIO()
    write_export(journal, out, exported_at="2025-06-01T00:00:00.000Z")
    # An undo moves update times on, so that other copies of the journal take it too.
    return re.sub(rb'"updated_at": "[^"]*"', b'"updated_at": "moved"', out.getvalue())


def dump(journal: Journal) -> dict[str, list[tuple]]:
    """Every row of every table (search index included, FTS internals aside) and what searches find."""
    tables = list(journal.sql("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"))
    virtual = [name for name, sql in tables if sql.upper().startswith("CREATE VIRTUAL")]
    result: dict[str, list[tuple]] = {}
    for name, _sql in tables:
        if any(name.startswith(f"{v}_") for v in virtual):
            continue
        select = f"SELECT rowid, * FROM {name}" if name in virtual else f"SELECT * FROM {name}"
        cursor = journal.sql(select)
        columns = [d[0] for d in cursor.description]
        # An undo is an edit to the journal's other copies: it moves the update times on (see below).
        result[name] = sorted(
            (tuple("moved" if c == "updated_at" else v for c, v in zip(columns, row, strict=True)) for row in cursor),
            key=repr,
        )
    for word in ("deck", "silva", "northwind", "ana"):
        result[f"search {word}"] = [(h.entity, h.entity_id, h.person_id, h.date) for h in search(journal, word)]
    return result


def counts(journal: Journal, person_id: int) -> dict[str, int]:
    def count(sql: str) -> int:
        return int(journal.sql(sql, (person_id,) * sql.count("?")).fetchone()[0])

    return {
        "exchange": count("SELECT count(*) FROM exchange WHERE person_id = ?"),
        "introduced": count("SELECT count(*) FROM exchange WHERE second_person_id = ?"),
        "touchpoint": count("SELECT count(*) FROM touchpoint WHERE person_id = ?"),
        "open_loop": count("SELECT count(*) FROM open_loop WHERE person_id = ?"),
        "reflection": count("SELECT count(*) FROM reflection WHERE person_id = ?"),
        "circumstance": count("SELECT count(*) FROM circumstance WHERE person_id = ?"),
        "contact_detail": count("SELECT count(*) FROM contact_detail WHERE person_id = ?"),
    }


def test_merge_moves_everything_to_the_person_kept(journal: Journal, filled: dict[str, int]) -> None:
    ana, other = filled["ana"], filled["other"]
    merged = merge_people(journal, ana, other)
    assert counts(journal, ana) == {
        "exchange": 4, "introduced": 1, "touchpoint": 1, "open_loop": 1, "reflection": 1, "circumstance": 1,
        "contact_detail": 3,
    }  # fmt: skip
    assert counts(journal, other) == dict.fromkeys(counts(journal, other), 0)
    assert (merged.exchanges, merged.introductions, merged.touchpoints, merged.loops) == (4, 1, 1, 1)
    assert (merged.reflections, merged.circumstances, merged.details_added, merged.details_dropped) == (1, 1, 2, 1)
    # The introduction between the two stays, with Ana and no second person; Tom's introduces Ana now.
    between = journal.sql("SELECT person_id, second_person_id FROM exchange WHERE id = ?", (filled["between"],))
    assert between.fetchone() == (ana, None)
    tom_intro = journal.sql("SELECT second_person_id FROM exchange WHERE id = ?", (filled["tom_intro"],)).fetchone()
    assert tom_intro == (ana,)
    row = next(p for p in people.list_people(journal) if p.id == ana)
    # Two given exchanges, her own introduction, Tom's introduction of her; one received.
    assert (row.given, row.received) == (4, 1)
    assert [p.name for p in people.list_people(journal)] == ["Ana Silva", "Tom Reyes"]


def test_merge_fills_empty_fields_unites_tags_and_joins_notes(journal: Journal, filled: dict[str, int]) -> None:
    merge_people(journal, filled["ana"], filled["other"])
    ana = people.get_person(journal, filled["ana"])
    assert (ana.name, ana.organisation, ana.role, ana.cadence_days) == ("Ana Silva", "Northwind", "Partner", 30)
    assert ana.tags == ("Lisbon", "investor")
    assert ana.notes == "Met at the summit\n\nLikes early meetings"
    assert not ana.archived
    # Her own email keeps its label; the repeat is not added again; the new ones follow hers.
    assert ana.details == (
        ContactDetail(EMAIL, "ana@northwind.example", "work"),
        ContactDetail(PHONE, "+351 912 345 678"),
        ContactDetail(WEB, "https://www.linkedin.com/in/anasilva/"),
    )


def test_archived_only_when_both_were(journal: Journal) -> None:
    one = people.add_person(journal, people.PersonInput("Lee Park", archived=True))
    two = people.add_person(journal, people.PersonInput("Lee Park", archived=False))
    merge_people(journal, one, two)
    assert not people.get_person(journal, one).archived
    three = people.add_person(journal, people.PersonInput("Lee Park", archived=True))
    people.set_archived(journal, one, True)
    merge_people(journal, one, three)
    assert people.get_person(journal, one).archived


def test_the_person_merged_away_leaves_a_tombstone(journal: Journal, filled: dict[str, int]) -> None:
    uuid = people.get_person(journal, filled["other"]).uuid
    merge_people(journal, filled["ana"], filled["other"])
    tombstones = list(journal.sql("SELECT entity, uuid FROM tombstone"))
    assert ("person", uuid) in tombstones
    # The repeated email went with her; the moved rows are edits, not deletes.
    assert sorted(entity for entity, _ in tombstones) == ["contact_detail", "person"]
    with pytest.raises(NotFoundError):
        people.get_person(journal, filled["other"])


def test_undo_puts_back_exactly_what_was_there(journal: Journal, filled: dict[str, int]) -> None:
    before, exported = dump(journal), export(journal)
    merged = use_cases.merge_people(journal, filled["ana"], filled["other"])
    assert export(journal) != exported
    back = use_cases.undo_merge(journal, merged)
    assert back.left == 0 and back.other_id == filled["other"]
    assert export(journal) == exported
    assert dump(journal) == before
    assert journal.sql("SELECT count(*) FROM tombstone").fetchone() == (0,)


def test_undo_after_new_rows_took_the_ids(journal: Journal, filled: dict[str, int]) -> None:
    exported = json.loads(export(journal))
    merged = merge_people(journal, filled["ana"], filled["other"])
    lee = people.add_person(journal, people.PersonInput("Lee Park"))
    assert lee == filled["other"]  # the id is taken: she comes back under another
    back = undo_merge(journal, merged)
    assert back.other_id != filled["other"]
    now = json.loads(export(journal))
    assert [p for p in now["people"] if p["name"] != "Lee Park"] == exported["people"]
    assert {k: v for k, v in now.items() if k != "people"} == {k: v for k, v in exported.items() if k != "people"}


def test_a_row_edited_since_the_merge_keeps_its_edit(journal: Journal, filled: dict[str, int]) -> None:
    merged = merge_people(journal, filled["ana"], filled["other"])
    entries.update_touchpoint(journal, filled["other_touch"], "Called Ana about the deck")
    back = undo_merge(journal, merged)
    assert back.left == 1
    touch = journal.sql("SELECT person_id, note FROM touchpoint WHERE id = ?", (filled["other_touch"],)).fetchone()
    assert touch == (filled["ana"], "Called Ana about the deck")
    assert counts(journal, back.other_id)["exchange"] == 2


def test_undo_is_refused_when_the_person_kept_is_gone(journal: Journal, filled: dict[str, int]) -> None:
    merged = merge_people(journal, filled["ana"], filled["other"])
    use_cases.delete_person(journal, filled["ana"])
    before = dump(journal)
    with pytest.raises(UndoRefusedError, match="Ana Silva has been deleted since"):
        undo_merge(journal, merged)
    assert dump(journal) == before


@pytest.mark.parametrize(
    ("keep", "other", "error", "words"),
    [
        ("ana", "ana", ValidationError, "cannot be merged with themself"),
        ("ana", None, NotFoundError, "There is no person with id 999"),
        (None, "ana", NotFoundError, "There is no person with id 999"),
    ],
)
def test_refused_merges_write_nothing(
    journal: Journal, filled: dict[str, int], keep: str | None, other: str | None, error: type, words: str
) -> None:
    before = dump(journal)
    with pytest.raises(error, match=words):
        merge_people(journal, filled[keep] if keep else 999, filled[other] if other else 999)
    assert dump(journal) == before


def test_merge_and_undo_tell_the_views_about_both_people(journal: Journal, filled: dict[str, int]) -> None:
    heard: list[JournalChange] = []
    journal.changes.subscribe(heard.append)
    ana, other = filled["ana"], filled["other"]
    merged = merge_people(journal, ana, other)
    assert JournalChange(Entity.PERSON, ChangeAction.DELETED, (other,), (ana, other)) in heard
    assert JournalChange(Entity.PERSON, ChangeAction.UPDATED, (ana,), (ana,)) in heard
    assert {c.entity for c in heard} >= {Entity.EXCHANGE, Entity.TOUCHPOINT, Entity.CONTACT_DETAIL}
    heard.clear()
    undo_merge(journal, merged)
    assert JournalChange(Entity.PERSON, ChangeAction.ADDED, (other,), (ana, other)) in heard
    assert all(ana in c.person_ids and other in c.person_ids for c in heard)


# -- introductions between others ------------------------------------------------------------------


def _brokered(journal: Journal, filled: dict[str, int]) -> dict[str, int]:
    """Lee, and introductions between others naming the one merged away in each place, and beside Ana."""
    tom, ana, other = filled["tom"], filled["ana"], filled["other"]
    lee = people.add_person(journal, people.PersonInput("Lee Park"))

    def made(name: str, broker: int, first: int, second: int, date: str) -> None:
        filled[name] = add_brokered(journal, BrokeredInput(broker, first, second, f"{name}: about the deck", date))

    made("silva_made", other, tom, lee, "2025-02-01")  # on the day of other entries: their search order holds
    made("silva_first", tom, other, lee, "2025-02-03")
    made("silva_second", tom, lee, other, "2025-03-01")
    made("ana_made_silva_first", ana, other, tom, "2025-02-04")  # Ana would be the one and the introduced
    made("silva_made_ana_first", other, ana, tom, "2025-02-04")
    made("ana_then_silva", tom, ana, other, "2025-02-05")  # Ana would be introduced to herself
    made("silva_then_ana", tom, other, ana, "2025-02-05")
    made("silva_made_ana_second", other, tom, ana, "2025-02-06")
    made("untouched", lee, tom, ana, "2025-02-06")
    filled["lee"] = lee
    return filled


def _named(journal: Journal, row_id: int) -> tuple[int | None, int | None, int | None]:
    return journal.sql(
        "SELECT broker_id, first_person_id, second_person_id FROM brokered_introduction WHERE id = ?", (row_id,)
    ).fetchone()


def test_introductions_between_others_move_to_the_person_kept_and_never_name_them_twice(
    journal: Journal, filled: dict[str, int]
) -> None:
    ids = _brokered(journal, filled)
    tom, ana, lee = ids["tom"], ids["ana"], ids["lee"]
    untouched = journal.sql("SELECT * FROM brokered_introduction WHERE id = ?", (ids["untouched"],)).fetchone()
    merged = merge_people(journal, ana, ids["other"])
    moved = ("silva_made", "silva_first", "silva_second", "ana_made_silva_first", "silva_made_ana_first",
             "ana_then_silva", "silva_then_ana", "silva_made_ana_second")  # fmt: skip
    assert {name: _named(journal, ids[name]) for name in moved} == {
        "silva_made": (ana, tom, lee),
        "silva_first": (tom, ana, lee),
        "silva_second": (tom, lee, ana),
        "ana_made_silva_first": (ana, None, tom),  # the one who made it is not one of the two introduced
        "silva_made_ana_first": (ana, None, tom),
        "ana_then_silva": (tom, ana, None),  # nor is anyone introduced to themself: the second place goes
        "silva_then_ana": (tom, ana, None),
        "silva_made_ana_second": (ana, tom, None),
    }
    assert (merged.brokered, merged.brokered_cleared) == (8, 5)
    assert merged.moved == 4 + 1 + 1 + 1 + 1 + 8
    # Moved, not deleted: no tombstone, and the row that named only others is as it was.
    assert sorted(entity for (entity,) in journal.sql("SELECT entity FROM tombstone")) == ["contact_detail", "person"]
    assert journal.sql("SELECT * FROM brokered_introduction WHERE id = ?", (ids["untouched"],)).fetchone() == untouched
    assert [e.id for e in full_timeline(journal, lee) if e.type is EntryType.BROKERED_INTRODUCTION] == [
        ids["silva_second"], ids["untouched"], ids["silva_first"], ids["silva_made"],
    ]  # fmt: skip
    assert {h.entity_id for h in search(journal, "silva_made") if h.entity == "brokered_introduction"} >= {
        ids["silva_made"]
    }
    assert [h.person_id for h in search(journal, "silva_made") if h.entity_id == ids["silva_made"]] == [ana]


def test_undo_puts_introductions_between_others_back_exactly(journal: Journal, filled: dict[str, int]) -> None:
    ids = _brokered(journal, filled)
    before, exported = dump(journal), export(journal)
    merged = use_cases.merge_people(journal, ids["ana"], ids["other"])
    back = use_cases.undo_merge(journal, merged)
    assert back.left == 0
    assert export(journal) == exported
    assert dump(journal) == before
    assert journal.sql("SELECT count(*) FROM tombstone").fetchone() == (0,)


def test_an_introduction_between_others_edited_since_the_merge_keeps_its_edit(
    journal: Journal, filled: dict[str, int]
) -> None:
    ids = _brokered(journal, filled)
    merged = merge_people(journal, ids["ana"], ids["other"])
    update_brokered(journal, ids["silva_first"], BrokeredInput(ids["tom"], ids["ana"], ids["lee"], "Edited since"))
    back = undo_merge(journal, merged)
    assert back.left == 1
    assert _named(journal, ids["silva_first"]) == (ids["tom"], ids["ana"], ids["lee"])
    assert _named(journal, ids["silva_made"]) == (back.other_id, ids["tom"], ids["lee"])


def test_merge_and_undo_tell_the_views_of_everyone_an_introduction_names(
    journal: Journal, filled: dict[str, int]
) -> None:
    ids = _brokered(journal, filled)
    heard: list[JournalChange] = []
    journal.changes.subscribe(heard.append)
    merged = merge_people(journal, ids["ana"], ids["other"])
    (told,) = [c for c in heard if c.entity is Entity.BROKERED_INTRODUCTION]
    assert told.person_ids[:2] == (ids["ana"], ids["other"]) and {ids["tom"], ids["lee"]} <= set(told.person_ids)
    heard.clear()
    undo_merge(journal, merged)
    (told,) = [c for c in heard if c.entity is Entity.BROKERED_INTRODUCTION]
    assert {ids["ana"], ids["other"], ids["tom"], ids["lee"]} <= set(told.person_ids)
