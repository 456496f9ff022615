"""Introductions someone else made between two others: kept, listed, prompted, searched, deleted and undone."""

from __future__ import annotations

import datetime as dt

import pytest

from netjournal.domain import BrokeredEntry, Entity, EntryType
from netjournal.services import deletions, entries, people, prompting
from netjournal.services.brokered_introductions import (
    BrokeredInput,
    add_brokered,
    get_brokered,
    set_brokered_outcome,
    update_brokered,
)
from netjournal.services.introductions import introductions, outcome_evidence, record_outcome
from netjournal.services.journal import Journal
from netjournal.services.people import PersonInput
from netjournal.services.search import search
from netjournal.services.timeline import full_timeline, timeline_page
from netjournal.services.validation import NotFoundError, ValidationError


def _three(journal: Journal) -> tuple[int, int, int]:
    return tuple(people.add_person(journal, PersonInput(name)) for name in ("Ana Silva", "Ben Okafor", "Chen Wei"))  # type: ignore[return-value]


def test_an_introduction_between_others_is_kept_and_read_back(journal: Journal) -> None:
    ana, ben, chen = _three(journal)
    row = add_brokered(journal, BrokeredInput(ana, ben, chen, "  for Chen's seed round ", date="2026-03-02"))
    entry = get_brokered(journal, row)
    assert entry == BrokeredEntry(
        row, dt.date(2026, 3, 2), ana, "Ana Silva", "for Chen's seed round", ben, "Ben Okafor", chen, "Chen Wei", ""
    )
    assert entry.type is EntryType.BROKERED_INTRODUCTION
    update_brokered(journal, row, BrokeredInput(ana, chen, ben, "for Ben's seed round", date="2026-03-03"))
    set_brokered_outcome(journal, row, "Ben invested")
    entry = get_brokered(journal, row)
    assert (entry.first_person_name, entry.second_person_name, entry.date, entry.outcome) == (
        "Chen Wei", "Ben Okafor", dt.date(2026, 3, 3), "Ben invested",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("which", "field"),
    [
        (lambda a, b, c: BrokeredInput(None, b, c, "x"), "broker"),
        (lambda a, b, c: BrokeredInput(a, None, c, "x"), "first_person"),
        (lambda a, b, c: BrokeredInput(a, b, b, "x"), "second_person"),
        (lambda a, b, c: BrokeredInput(a, a, c, "x"), "broker"),
        (lambda a, b, c: BrokeredInput(a, b, 999, "x"), "second_person"),
        (lambda a, b, c: BrokeredInput(a, b, c, "   "), "summary"),
        (lambda a, b, c: BrokeredInput(a, b, c, "x", date="2999-01-01"), "date"),
        (lambda a, b, c: BrokeredInput(a, b, c, "x", date="20991345"), "date"),
    ],
)
def test_an_impossible_introduction_names_the_field_and_writes_nothing(journal: Journal, which, field) -> None:
    ana, ben, chen = _three(journal)
    with pytest.raises(ValidationError) as raised:
        add_brokered(journal, which(ana, ben, chen))
    assert raised.value.field == field
    assert journal.sql("SELECT count(*) FROM brokered_introduction").fetchone() == (0,)


def test_it_is_on_the_timeline_of_all_three_and_of_the_network_but_moves_no_balance_or_last_contact(
    journal: Journal,
) -> None:
    ana, ben, chen = _three(journal)
    dana = people.add_person(journal, PersonInput("Dana Cole"))
    row = add_brokered(journal, BrokeredInput(ana, ben, chen, "for Chen's seed round", date="2026-03-02"))
    for person in (ana, ben, chen):
        assert [(e.type, e.id) for e in full_timeline(journal, person)] == [(EntryType.BROKERED_INTRODUCTION, row)]
    assert full_timeline(journal, dana) == []
    assert [(e.type, e.id) for e in timeline_page(journal)] == [(EntryType.BROKERED_INTRODUCTION, row)]
    # Nobody was in touch with you: nobody's last contact moves, and there is no exchange to count.
    assert {people.get_person(journal, p).last_entry_on for p in (ana, ben, chen)} == {None}
    assert journal.sql("SELECT count(*) FROM exchange").fetchone() == (0,)


def test_the_timeline_pages_through_it_among_other_entries_of_the_same_day(journal: Journal) -> None:
    ana, ben, chen = _three(journal)
    add_brokered(journal, BrokeredInput(ana, ben, chen, "between them", date="2026-03-02"))
    entries.add_touchpoint(journal, ana, "coffee", date="2026-03-02")
    entries.add_reflection(journal, "a thought", date="2026-03-02", person_id=ana)
    whole = [(e.type, e.id) for e in timeline_page(journal, person_id=ana)]
    paged, cursor = [], None
    from netjournal.services.timeline import Cursor

    while batch := timeline_page(journal, person_id=ana, cursor=cursor, limit=1):
        paged.extend((e.type, e.id) for e in batch)
        cursor = Cursor.after(batch[-1])
    assert paged == whole and whole[-1][0] is EntryType.BROKERED_INTRODUCTION and len(whole) == 3


def test_the_introductions_list_says_who_connected_whom_newest_first(journal: Journal) -> None:
    ana, ben, chen = _three(journal)
    entries.add_exchange(
        journal, entries.ExchangeInput("given", "introduction", "Ben to Chen about hiring", ben, "2026-01-05",
                                       second_person_id=chen),
    )  # fmt: skip
    add_brokered(journal, BrokeredInput(ana, ben, chen, "for Chen's seed round", date="2026-03-02"))
    found = introductions(journal)
    assert (found.made, found.received, found.between_others, found.without_outcome) == (1, 0, 1, 2)
    newest, older = found.introductions
    assert (newest.direction, newest.entity, newest.broker_name, newest.person_name, newest.second_person_name) == (
        None, Entity.BROKERED_INTRODUCTION, "Ana Silva", "Ben Okafor", "Chen Wei",
    )  # fmt: skip
    assert older.entity is Entity.EXCHANGE and older.broker_id is None
    record_outcome(journal, newest, "Chen raised the round")
    record_outcome(journal, older, "Chen hired Ben")
    assert get_brokered(journal, newest.id).outcome == "Chen raised the round"
    assert introductions(journal).without_outcome == 0


def test_a_prompt_some_weeks_later_asks_what_came_of_it_and_the_answer_is_its_outcome(journal: Journal) -> None:
    ana, ben, chen = _three(journal)
    today = dt.date.today()
    row = add_brokered(journal, BrokeredInput(ana, ben, chen, "for Chen's seed round", date=today - dt.timedelta(60)))
    (evidence,) = outcome_evidence(journal, today)
    assert evidence.fields["who"] == "Ben Okafor to Chen Wei" and evidence.fields["by"] == "Ana Silva"
    prompt = next(p for p in prompting.prompts_for(journal, today) if p.entry_ids == (row,))
    assert "Ana Silva introduced Ben Okafor to Chen Wei" in prompt.text
    prompting.answer_prompt(journal, prompt, "Chen raised the round", today=today)
    assert get_brokered(journal, row).outcome == "Chen raised the round"
    assert outcome_evidence(journal, today) == []


def test_search_finds_it_by_its_words_and_its_outcome(journal: Journal) -> None:
    ana, ben, chen = _three(journal)
    row = add_brokered(journal, BrokeredInput(ana, ben, chen, "for the photonics grant", date="2026-03-02"))
    set_brokered_outcome(journal, row, "a joint application")
    for words in ("photonics", "application"):
        hits = search(journal, words)
        assert [(h.entity, h.entity_id) for h in hits] == [("brokered_introduction", row)], words


def test_deleting_the_one_who_made_it_takes_it_and_undo_brings_it_back(journal: Journal) -> None:
    ana, ben, chen = _three(journal)
    row = add_brokered(journal, BrokeredInput(ana, ben, chen, "for Chen's seed round", date="2026-03-02"))
    goes = deletions.what_goes_with(journal, ana)
    assert (goes.brokered, goes.introduced_by_others) == (1, 0)
    deleted = deletions.delete_person(journal, ana)
    assert journal.sql("SELECT count(*) FROM brokered_introduction").fetchone() == (0,)
    assert journal.sql("SELECT entity FROM tombstone WHERE entity = 'brokered_introduction'").fetchall() == [
        ("brokered_introduction",)
    ]
    deletions.undo(journal, deleted)
    assert get_brokered(journal, row).summary == "for Chen's seed round"
    assert [h.entity_id for h in search(journal, "seed")] == [row]


def test_deleting_one_of_the_two_introduced_leaves_it_naming_nobody_there_until_undone(journal: Journal) -> None:
    ana, ben, chen = _three(journal)
    row = add_brokered(journal, BrokeredInput(ana, ben, chen, "for Chen's seed round", date="2026-03-02"))
    goes = deletions.what_goes_with(journal, chen)
    assert (goes.brokered, goes.introduced_by_others) == (0, 1)
    deleted = deletions.delete_person(journal, chen)
    entry = get_brokered(journal, row)
    assert (entry.second_person_id, entry.second_person_name, entry.first_person_name) == (None, None, "Ben Okafor")
    deletions.undo(journal, deleted)
    assert get_brokered(journal, row).second_person_name == "Chen Wei"


def test_deleting_the_entry_itself_is_undone_too(journal: Journal) -> None:
    ana, ben, chen = _three(journal)
    row = add_brokered(journal, BrokeredInput(ana, ben, chen, "for Chen's seed round", date="2026-03-02"))
    deleted = deletions.delete_entry(journal, EntryType.BROKERED_INTRODUCTION, row)
    assert deleted.title == "for Chen's seed round"
    assert full_timeline(journal, ana) == []
    deletions.undo(journal, deleted)
    assert [e.id for e in full_timeline(journal, ben)] == [row]


def test_a_stale_outcome_prompt_never_writes_into_the_introduction_that_took_its_id(journal: Journal) -> None:
    ana, ben, chen = _three(journal)
    today = dt.date.today()
    old = add_brokered(journal, BrokeredInput(ana, ben, chen, "for a grant", date=today - dt.timedelta(60)))
    prompt = next(p for p in prompting.prompts_for(journal, today) if p.entry_ids == (old,))
    deletions.delete_entry(journal, EntryType.BROKERED_INTRODUCTION, old)
    new = add_brokered(journal, BrokeredInput(ana, chen, ben, "to compare notes", date=today - dt.timedelta(50)))
    assert new == old  # SQLite gives the id again: the prompt's key must not
    with pytest.raises(NotFoundError):
        prompting.answer_prompt(journal, prompt, "Tom hired Lee", today=today)
    assert get_brokered(journal, new).outcome == ""
    assert journal.sql("SELECT count(*) FROM reflection").fetchone() == (0,)  # nothing of the answer was written


def test_a_dismissed_outcome_prompt_does_not_pass_to_a_new_introduction_with_the_same_id(journal: Journal) -> None:
    ana, ben, chen = _three(journal)
    today = dt.date.today()
    old = add_brokered(journal, BrokeredInput(ana, ben, chen, "for a grant", date=today - dt.timedelta(60)))
    prompt = next(p for p in prompting.prompts_for(journal, today) if p.entry_ids == (old,))
    prompting.dismiss_prompt(journal, prompt.key, today=today)
    deletions.delete_entry(journal, EntryType.BROKERED_INTRODUCTION, old)
    new = add_brokered(journal, BrokeredInput(ana, chen, ben, "to compare notes", date=today - dt.timedelta(50)))
    assert any(p.entry_ids == (new,) for p in prompting.prompts_for(journal, today))
