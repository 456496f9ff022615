"""The services behind the window's views: over time, on this day, overdue, introductions, tags."""

from __future__ import annotations

import datetime as dt

import pytest

from netjournal.domain import Direction, EntryType, Kind
from netjournal.services import entries, people, prompting
from netjournal.services.introductions import introductions, outcome_evidence, set_outcome
from netjournal.services.journal import Journal
from netjournal.services.on_this_day import on_this_day, same_days_before
from netjournal.services.over_time import flow_over_time
from netjournal.services.overdue import overdue_people
from netjournal.services.tag_counts import tag_counts
from netjournal.services.validation import NotFoundError

TODAY = dt.date(2026, 6, 15)


def _person(journal: Journal, name: str, **fields: object) -> int:
    return people.add_person(journal, people.PersonInput(name, **fields))  # type: ignore[arg-type]


def _exchange(journal: Journal, direction: str, kind: str, person: int | None, day: dt.date, **more: object) -> int:
    return entries.add_exchange(
        journal,
        entries.ExchangeInput(direction, kind, f"{kind} on {day}", person, date=day, **more),  # type: ignore[arg-type]
    )


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    # Entries may not be dated after today; the views' own "today" is passed in.
    monkeypatch.setattr(entries, "_today", lambda: TODAY)


def test_flow_over_time_counts_each_month_and_kind_for_the_network_and_one_person(journal: Journal) -> None:
    ana, tom = _person(journal, "Ana"), _person(journal, "Tom")
    _exchange(journal, "given", "introduction", ana, dt.date(2025, 1, 10), second_person_id=tom, significance=4)
    _exchange(journal, "received", "advice", ana, dt.date(2025, 1, 20), significance=2)
    _exchange(journal, "given", "feedback", tom, dt.date(2026, 3, 2), significance=3)

    network = flow_over_time(journal, today=TODAY)
    assert network.months[0].label == "2025-01" and network.months[-1].label == "2026-06"
    assert len(network.months) == 18  # empty months are there too, at zero
    january = network.months[0]
    assert (january.given, january.given_significance, january.received, january.received_significance) == (1, 4, 1, 2)
    assert [(k.kind, k.given, k.received) for k in network.kinds] == [
        (Kind.ADVICE, 0, 1),
        (Kind.FEEDBACK, 1, 0),
        (Kind.INTRODUCTION, 1, 0),
    ]

    # Tom was one of the two people the introduction connected: it counts for him as well.
    toms = flow_over_time(journal, person_id=tom, today=TODAY)
    assert sum(m.given for m in toms.months) == 2 and sum(m.received for m in toms.months) == 0

    last_year = flow_over_time(journal, months=12, today=TODAY)
    assert [m.label for m in last_year.months][:2] == ["2025-07", "2025-08"] and len(last_year.months) == 12
    assert sum(m.given for m in last_year.months) == 1


def test_flow_over_time_of_an_empty_journal_is_empty(journal: Journal) -> None:
    assert flow_over_time(journal, today=TODAY).is_empty


def test_on_this_day_groups_earlier_years_newest_first(journal: Journal) -> None:
    ana = _person(journal, "Ana")
    _exchange(journal, "given", "advice", ana, dt.date(2024, 6, 15))
    _exchange(journal, "given", "advice", ana, dt.date(2024, 6, 16))  # another day
    entries.add_touchpoint(journal, ana, "Coffee", date=dt.date(2021, 6, 15))
    entries.add_touchpoint(journal, ana, "Today itself", date=TODAY)  # this year is not an earlier one

    years = on_this_day(journal, TODAY)
    assert [(y.year, y.years_ago) for y in years] == [(2024, 2), (2021, 5)]
    assert [e.type for e in years[0].entries] == [EntryType.EXCHANGE]
    assert years[1].entries[0].note == "Coffee"  # type: ignore[union-attr]


def test_the_29th_of_february_is_remembered_on_the_28th_in_other_years() -> None:
    assert dt.date(2024, 2, 29) in same_days_before(dt.date(2025, 2, 28))
    assert dt.date(2023, 2, 28) not in same_days_before(dt.date(2024, 2, 29))


def test_overdue_people_are_ranked_by_value_of_the_last_two_years(journal: Journal) -> None:
    small = _person(journal, "Small Tie", cadence_days=30)
    big = _person(journal, "Big Tie", cadence_days=30)
    _person(journal, "No Rhythm")
    recent = _person(journal, "Recent", cadence_days=30)
    archived = _person(journal, "Archived", cadence_days=30)
    _exchange(journal, "received", "advice", small, dt.date(2026, 1, 1), significance=2)
    _exchange(journal, "given", "advice", big, dt.date(2026, 2, 1), significance=5)
    _exchange(journal, "received", "advice", big, dt.date(2023, 1, 1), significance=5)  # too long ago to count
    _exchange(journal, "given", "advice", recent, dt.date(2026, 6, 1), significance=5)
    _exchange(journal, "given", "advice", archived, dt.date(2026, 1, 1), significance=5)
    people.set_archived(journal, archived, True)

    found = overdue_people(journal, TODAY)
    assert [p.name for p in found.people] == ["Big Tie", "Small Tie"] and found.total == 2
    assert found.people[0].value == 5 and found.people[0].days_overdue == (TODAY - dt.date(2026, 2, 1)).days - 30
    assert overdue_people(journal, TODAY, limit=1).total == 2


def test_introductions_list_who_connected_whom_and_record_an_outcome(journal: Journal) -> None:
    ana, tom, lee = _person(journal, "Ana"), _person(journal, "Tom"), _person(journal, "Lee")
    made = _exchange(journal, "given", "introduction", ana, dt.date(2026, 3, 1), second_person_id=tom)
    _exchange(journal, "received", "introduction", lee, dt.date(2026, 5, 1), second_person_id=ana)
    _exchange(journal, "given", "advice", ana, dt.date(2026, 5, 2))

    found = introductions(journal)
    assert (found.made, found.received, found.without_outcome) == (1, 1, 2)
    assert [(i.direction, i.person_name, i.second_person_name) for i in found.introductions] == [
        (Direction.RECEIVED, "Lee", "Ana"),
        (Direction.GIVEN, "Ana", "Tom"),
    ]
    set_outcome(journal, made, "  Tom hired Ana's data lead  ")
    assert introductions(journal).introductions[1].outcome == "Tom hired Ana's data lead"
    with pytest.raises(NotFoundError):
        set_outcome(journal, made + 2, "an advice is no introduction")


def test_an_introduction_without_outcome_asks_after_six_weeks_and_the_answer_is_its_outcome(journal: Journal) -> None:
    ana, tom = _person(journal, "Ana Silva"), _person(journal, "Tom Reyes")
    old = _exchange(journal, "given", "introduction", ana, TODAY - dt.timedelta(days=50), second_person_id=tom)
    _exchange(journal, "given", "introduction", tom, TODAY - dt.timedelta(days=20), second_person_id=ana)  # too soon

    assert [e.entry_ids for e in outcome_evidence(journal, TODAY)] == [(old,)]
    prompt = next(p for p in prompting.prompts_for(journal, TODAY) if p.entry_ids == (old,))
    assert "you introduced Ana Silva to Tom Reyes" in prompt.text and "50 days" in prompt.text

    prompting.answer_prompt(journal, prompt, "Tom became her advisor", today=TODAY)
    assert introductions(journal).introductions[1].outcome == "Tom became her advisor"
    assert outcome_evidence(journal, TODAY) == []


def test_tags_are_counted_across_people_whatever_their_case(journal: Journal) -> None:
    _person(journal, "Ana", tags=["clients", "Lisbon"])
    _person(journal, "Tom", tags=["Clients"])
    _person(journal, "Lee", tags=["clients", "hiring"])
    gone = _person(journal, "Kim", tags=["hiring"])
    people.set_archived(journal, gone, True)
    _person(journal, "Untagged")

    counts = tag_counts(journal)
    assert [(t.tag, t.people, t.archived) for t in counts] == [
        ("clients", 3, 0),
        ("hiring", 2, 1),
        ("Lisbon", 1, 0),
    ]
