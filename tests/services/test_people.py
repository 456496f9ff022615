"""Finding people by what a person would type, and the contact list's counts and last-entry dates."""

from __future__ import annotations

import datetime as dt

import pytest

from netjournal.domain import EntryType, LoopKind
from netjournal.services import deletions, entries, people
from netjournal.services.journal import Journal
from netjournal.services.validation import AmbiguousPersonError, ValidationError
from netjournal.store.models import Person, Reflection, Touchpoint


def _add(journal: Journal, name: str, **fields: object) -> int:
    return people.add_person(journal, people.PersonInput(name=name, **fields))  # type: ignore[arg-type]


def _name(journal: Journal, query: str) -> str | None:
    found = people.find_person(journal, query)
    return None if found is None else found.name


def test_find_person_exact_and_case_insensitive(journal: Journal) -> None:
    _add(journal, "Ana Silva")
    _add(journal, "Ben Okafor")
    assert _name(journal, "Ana Silva") == "Ana Silva"
    assert _name(journal, "ana silva") == "Ana Silva"
    assert _name(journal, "ANA SILVA") == "Ana Silva"
    assert _name(journal, "  ana   silva ") == "Ana Silva"
    assert _name(journal, "ben okafor") == "Ben Okafor"


def test_find_person_prefix(journal: Journal) -> None:
    _add(journal, "Ana Silva")
    _add(journal, "Ben Okafor")
    assert _name(journal, "ana") == "Ana Silva"
    assert _name(journal, "An") == "Ana Silva"
    assert _name(journal, "silva") == "Ana Silva"  # a later word of the name
    assert _name(journal, "ana s") == "Ana Silva"
    assert _name(journal, "ana silva") == "Ana Silva"
    assert _name(journal, "okafor ben") is None  # words must come in order
    assert _name(journal, "nas") is None  # not the start of a word


def test_find_person_prefix_of_each_word(journal: Journal) -> None:
    """find_person's contract: every typed word starts a name word, in order, so "b oka" is Ben Okafor."""
    _add(journal, "Ana Silva")
    _add(journal, "Ben Okafor")
    _add(journal, "Maria de la Cruz")
    assert _name(journal, "b oka") == "Ben Okafor"
    assert _name(journal, "a silva") == "Ana Silva"
    assert _name(journal, "maria cruz") == "Maria de la Cruz"


def test_exact_match_beats_prefix(journal: Journal) -> None:
    _add(journal, "Ana")
    _add(journal, "Ana Silva")
    assert _name(journal, "ana") == "Ana"
    assert _name(journal, "ana si") == "Ana Silva"


def test_find_person_ambiguous_lists_candidates(journal: Journal) -> None:
    _add(journal, "Ana Silva", organisation="Acme")
    _add(journal, "Ana Souza")
    _add(journal, "Ben Okafor")
    with pytest.raises(AmbiguousPersonError) as caught:
        people.find_person(journal, "ana")
    assert sorted(caught.value.candidates) == ["Ana Silva (Acme)", "Ana Souza"]
    assert caught.value.field == "person"
    assert "Ana Silva (Acme)" in str(caught.value)
    assert "Ana Souza" in str(caught.value)
    assert "Ben" not in str(caught.value)
    # Two people with exactly the same name are ambiguous too, told apart by organisation.
    _add(journal, "Cy Lee", organisation="Acme")
    _add(journal, "Cy Lee", organisation="Globex")
    with pytest.raises(AmbiguousPersonError) as caught:
        people.find_person(journal, "cy lee")
    assert sorted(caught.value.candidates) == ["Cy Lee (Acme)", "Cy Lee (Globex)"]


def test_find_person_unknown_and_empty(journal: Journal) -> None:
    assert _name(journal, "Zed") is None  # empty journal
    _add(journal, "Ana Silva")
    assert _name(journal, "Zed") is None
    assert _name(journal, "ana silvas") is None
    with pytest.raises(ValidationError) as caught:
        people.find_person(journal, "   ")
    assert caught.value.field == "person"


def test_find_person_with_wildcard_characters_in_names(journal: Journal) -> None:
    """SQL LIKE wildcards in what is typed match themselves, never anything else."""
    _add(journal, "Jo_Ann Smith")
    _add(journal, "Joanne Park")
    _add(journal, "100% Design")
    _add(journal, "1000 Cranes")
    assert _name(journal, "joxann smith") is None
    assert _name(journal, "10%") is None  # "%" is not "any text": 1000 Cranes must not match
    assert _name(journal, "jo_ann smith") == "Jo_Ann Smith"
    assert _name(journal, "100% design") == "100% Design"
    # As a prefix, too:
    assert _name(journal, "jo_") == "Jo_Ann Smith"
    assert _name(journal, "100%") == "100% Design"


def test_find_person_non_ascii_case_insensitive(journal: Journal) -> None:
    _add(journal, "Élodie Durand")
    _add(journal, "Øystein Berg")
    assert _name(journal, "Élodie Durand") == "Élodie Durand"
    assert _name(journal, "élodie durand") == "Élodie Durand"
    assert _name(journal, "élodie") == "Élodie Durand"
    assert _name(journal, "øystein") == "Øystein Berg"


def test_find_or_create_person(journal: Journal) -> None:
    heard = []
    journal.changes.subscribe(heard.append)
    ana, created = people.find_or_create_person(journal, "Ana Silva")
    assert created
    assert people.get_person(journal, ana).name == "Ana Silva"
    again, created_again = people.find_or_create_person(journal, "ana")
    assert (again, created_again) == (ana, False)
    ben, created = people.find_or_create_person(journal, "  Ben   Okafor ")
    assert created
    assert people.get_person(journal, ben).name == "Ben Okafor"  # whitespace normalised
    assert Person.select().count(journal.db) == 2
    assert len(heard) == 2
    with pytest.raises(ValidationError):
        people.find_or_create_person(journal, "")
    assert Person.select().count(journal.db) == 2


def test_person_fields_are_normalised(journal: Journal) -> None:
    pid = _add(journal, "  Ana  Silva ", organisation=" Acme ", tags=[" ml ", "ML", "  data  science ", ""])
    person = people.get_person(journal, pid)
    assert person.name == "Ana Silva"
    assert person.organisation == "Acme"
    assert person.tag_list == ["ml", "data science"]


def _row(journal: Journal, pid: int) -> people.PersonRow:
    rows = {r.id: r for r in people.list_people(journal)}
    return rows[pid]


def _state(journal: Journal, pid: int) -> tuple[int, int, dt.date | None]:
    row = _row(journal, pid)
    assert Person.select().where(Person.id == pid).get(journal.db).last_entry_on == row.last_entry_on
    return row.given, row.received, row.last_entry_on


D = dt.date


def test_list_people_counts_and_last_entry_follow_every_change(journal: Journal) -> None:
    ana = _add(journal, "Ana Silva")
    ben = _add(journal, "Ben Okafor")
    cy = _add(journal, "Cy Lee")
    assert _state(journal, ana) == (0, 0, None)

    gave = entries.add_exchange(
        journal, entries.ExchangeInput("given", "advice", "CV review", ana, date=D(2024, 1, 10))
    )
    assert _state(journal, ana) == (1, 0, D(2024, 1, 10))
    got = entries.add_exchange(journal, entries.ExchangeInput("received", "advice", "pricing", ana, date=D(2024, 2, 1)))
    assert _state(journal, ana) == (1, 1, D(2024, 2, 1))
    # An older entry does not move the date back.
    entries.add_exchange(journal, entries.ExchangeInput("received", "information", "old news", ana, date=D(2023, 5, 1)))
    assert _state(journal, ana) == (1, 2, D(2024, 2, 1))

    touch = entries.add_touchpoint(journal, ana, "coffee", date=D(2024, 3, 1))
    assert _state(journal, ana) == (1, 2, D(2024, 3, 1))
    loop = entries.add_loop(journal, LoopKind.PROMISED, "send deck", person_id=ana, opened_on=D(2024, 4, 1))
    assert _state(journal, ana) == (1, 2, D(2024, 4, 1))
    entries.close_loop(journal, loop, done_on=D(2024, 5, 1))  # an update: done_on counts
    assert _state(journal, ana) == (1, 2, D(2024, 5, 1))
    # A reflection about Ana is your own thought, not contact with her: the date stays.
    note = entries.add_reflection(journal, "Ana is generous", date=D(2024, 6, 1), person_id=ana)
    assert _state(journal, ana) == (1, 2, D(2024, 5, 1))

    # Updates through the models (not the services) fire the same triggers.
    with journal.write():
        journal.update(Reflection, note, {"date": D(2024, 7, 1)})
    assert _state(journal, ana) == (1, 2, D(2024, 5, 1))
    with journal.write():
        journal.update(Touchpoint, touch, {"date": D(2024, 8, 1)})
    assert _state(journal, ana) == (1, 2, D(2024, 8, 1))

    # Deletes move the date back to the newest remaining entry.
    deletions.delete_entry(journal, EntryType.TOUCHPOINT, touch)
    assert _state(journal, ana) == (1, 2, D(2024, 5, 1))
    deletions.delete_entry(journal, EntryType.REFLECTION, note)
    assert _state(journal, ana) == (1, 2, D(2024, 5, 1))
    deletions.delete_entry(journal, EntryType.LOOP, loop)
    assert _state(journal, ana) == (1, 2, D(2024, 2, 1))

    # Editing an exchange: the direction moves between the counts, the date follows.
    entries.update_exchange(
        journal, gave, entries.ExchangeInput("received", "advice", "CV review", ana, date=D(2024, 1, 10))
    )
    assert _state(journal, ana) == (0, 3, D(2024, 2, 1))
    # Moving an exchange to another person updates both people.
    entries.update_exchange(
        journal, got, entries.ExchangeInput("received", "advice", "pricing", cy, date=D(2024, 2, 1))
    )
    assert _state(journal, ana) == (0, 2, D(2024, 1, 10))
    assert _state(journal, cy) == (0, 1, D(2024, 2, 1))
    assert _state(journal, ben) == (0, 0, None)


def test_second_person_of_an_introduction_has_a_last_entry(journal: Journal) -> None:
    ana = _add(journal, "Ana Silva")
    ben = _add(journal, "Ben Okafor")
    cy = _add(journal, "Cy Lee")
    intro = entries.add_exchange(
        journal,
        entries.ExchangeInput("given", "introduction", "Ana to Ben", ana, second_person_id=ben, date=D(2024, 7, 1)),
    )
    assert _state(journal, ana) == (1, 0, D(2024, 7, 1))
    assert _row(journal, ben).last_entry_on == D(2024, 7, 1)
    # Re-dating and re-targeting the introduction updates the old and the new second person.
    entries.update_exchange(
        journal,
        intro,
        entries.ExchangeInput("given", "introduction", "Ana to Cy", ana, second_person_id=cy, date=D(2023, 1, 1)),
    )
    assert _row(journal, ben).last_entry_on is None
    assert _row(journal, cy).last_entry_on == D(2023, 1, 1)
    assert _row(journal, ana).last_entry_on == D(2023, 1, 1)
    deletions.delete_entry(journal, EntryType.EXCHANGE, intro)
    assert [_row(journal, p).last_entry_on for p in (ana, ben, cy)] == [None, None, None]
    assert _state(journal, ana) == (0, 0, None)


def test_list_people_order_and_archive_filter(journal: Journal) -> None:
    zed = _add(journal, "zed Zulu")
    ana = _add(journal, "Ana Silva")
    bob = _add(journal, "bob Brown")
    people.set_archived(journal, bob, True)
    assert [r.name for r in people.list_people(journal)] == ["Ana Silva", "bob Brown", "zed Zulu"]
    assert [r.id for r in people.list_people(journal, include_archived=False)] == [ana, zed]
    assert _row(journal, bob).archived


def test_person_row_overdue_arithmetic(journal: Journal) -> None:
    ana = _add(journal, "Ana Silva", cadence_days=30)
    entries.add_touchpoint(journal, ana, "call", date=D(2024, 1, 1))
    row = _row(journal, ana)
    assert row.days_since(D(2024, 1, 31)) == 30
    assert row.overdue_days(D(2024, 1, 31)) == 0
    assert row.overdue_days(D(2024, 2, 10)) == 10
    ben = _add(journal, "Ben Okafor")
    assert _row(journal, ben).overdue_days(D(2030, 1, 1)) == 0
    assert _row(journal, ben).days_since(D(2030, 1, 1)) is None


def test_list_people_can_be_limited_to_some_people(journal: Journal) -> None:
    ana = people.add_person(journal, people.PersonInput("Ana Silva"))
    tom = people.add_person(journal, people.PersonInput("Tom Reyes"))
    entries.add_exchange(
        journal, entries.ExchangeInput("given", "introduction", "Introduced Ana to Tom", ana, second_person_id=tom)
    )
    everyone = {row.id: row for row in people.list_people(journal)}
    assert people.list_people(journal, only=[tom]) == [everyone[tom]]
    assert people.list_people(journal, only=[]) == []
    assert {r.id for r in people.list_people(journal, only={ana, tom})} == {ana, tom}


def test_a_tag_with_a_comma_is_two_tags_as_every_reader_sees_it(journal: Journal) -> None:
    """Found by the JSON round trip: "a,b" was stored as typed, and read back (and exported) as two tags."""
    ana = people.add_person(journal, people.PersonInput(name="Ana", tags=["investor,Lisbon", "Lisbon", " ,"]))
    assert people.get_person(journal, ana).tags == ("investor", "Lisbon")
    assert journal.sql("SELECT tags FROM person WHERE id = ?", (ana,)).fetchone() == ("investor, Lisbon",)
