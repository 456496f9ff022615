"""The ledger, the contact list, the hints and the prompts agree on what counts, and when."""

from __future__ import annotations

import datetime as dt
import functools

from netjournal.insights.patterns import Pattern
from netjournal.services import entries, people, prompting, relationships
from netjournal.services.entries import ExchangeInput

TODAY = dt.date.today()


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def add(journal, direction, kind, summary, person, days, **extra) -> int:
    return entries.add_exchange(journal, ExchangeInput(direction, kind, summary, person, date=ago(days), **extra))


def test_a_gift_returned_by_someone_else_is_no_longer_a_seed(journal) -> None:
    bob = people.add_person(journal, people.PersonInput("Bob Lund"))
    cat = people.add_person(journal, people.PersonInput("Cat Moss"))
    gift = add(journal, "given", "advice", "Reviewed Bob's grant draft", bob, 200)
    add(journal, "received", "referral", "Cat referred me on Bob's behalf", cat, 100, reciprocates_id=gift)
    seeds = relationships.relationship(journal, bob, today=TODAY).ledger.seeds
    assert gift not in [s.exchange_id for s in seeds]


def test_introductions_count_the_same_in_the_contact_list_and_the_ledger(journal) -> None:
    ana = people.add_person(journal, people.PersonInput("Ana Silva"))
    tom = people.add_person(journal, people.PersonInput("Tom Reyes"))
    lee = people.add_person(journal, people.PersonInput("Lee Park"))
    add(journal, "given", "introduction", "Introduced Ana to Tom for the data hire", ana, 50, second_person_id=tom)
    add(journal, "received", "introduction", "Ana introduced me to Lee for the grant", ana, 40, second_person_id=lee)
    rows = {r.name: (r.given, r.received) for r in people.list_people(journal)}
    for person, name in ((ana, "Ana Silva"), (tom, "Tom Reyes"), (lee, "Lee Park")):
        totals = relationships.relationship(journal, person, today=TODAY).ledger.totals["all"]
        assert rows[name] == (totals.given_count, totals.received_count), name
    assert rows["Tom Reyes"] == (1, 0)  # you gave Tom an introduction
    assert rows["Lee Park"] == (0, 0)  # Ana gave you Lee: that is Ana's gift


def test_the_hint_and_the_ledger_use_the_same_three_years(journal) -> None:
    pid = people.add_person(journal, people.PersonInput("Dana Kerr"))
    start = relationships.WINDOW_3Y.start(TODAY)
    add(journal, "given", "advice", "Edge-of-window advice on pricing", pid, (TODAY - start).days)
    add(journal, "given", "advice", "Recent advice on hiring", pid, 10)
    rel = relationships.relationship(journal, pid, today=TODAY)
    assert rel.ledger.totals["3y"].given_count == 2
    assert "gave 2 times" in rel.hint.reasons[0].text


def test_only_a_recent_circumstance_softens_a_hint(journal) -> None:
    pid = people.add_person(journal, people.PersonInput("Eve Naur"))
    for days in (900, 600, 300, 100):
        add(journal, "given", "feedback", f"Feedback on Eve's thesis chapter, {days}", pid, days, significance=4)
    entries.add_circumstance(journal, pid, "Jury duty", start_on=ago(950), end_on=ago(943))
    hint = relationships.relationship(journal, pid, today=TODAY).hint
    assert hint.pattern is Pattern.MOSTLY_YOU_GIVE and not hint.softened
    entries.add_circumstance(journal, pid, "Parental leave", start_on=ago(60))
    assert relationships.relationship(journal, pid, today=TODAY).hint.softened


def test_vague_entries_are_counted_from_monday(journal) -> None:
    pid = people.add_person(journal, people.PersonInput("Finn Ortiz"))
    monday = dt.date(2026, 6, 15)
    wednesday = monday + dt.timedelta(days=2)
    entries.add_exchange(journal, ExchangeInput("given", "advice", "helped with stuff", pid, date=monday))
    entries.add_exchange(
        journal, ExchangeInput("given", "advice", "some things", pid, date=monday - dt.timedelta(days=1))
    )
    found = prompting.gather_evidence(journal, wednesday)["vague_entries_week"]
    assert len(found) == 1 and found[0].fields["count"] == 1


def test_no_contribution_means_none_this_quarter(journal) -> None:
    add(journal, "given", "resource", "Shared 12 open roles with the Lisbon data meetup", None, 0, community="PyData")
    evidence = functools.partial(prompting.gather_evidence, journal)
    day = TODAY
    assert evidence(day)["no_contribution_quarter"] == []
    later = day + dt.timedelta(days=200)  # two quarters on, nothing new
    assert evidence(later)["no_contribution_quarter"][0].fields["days"] == 200


def test_the_question_behind_an_answer_is_recovered_from_its_key() -> None:
    weekly = next(t for t in prompting.library() if t.cadence == "weekly")
    assert prompting.question_for(f"{weekly.id}@2026-W10") == weekly.text
    triggered = next(t for t in prompting.library() if t.trigger == "loop_past_due")
    question = prompting.question_for(f"{triggered.id}#loop:7")
    assert question is not None and "{" not in question and "…" in question
    assert prompting.question_for("no-such-prompt@2026-W10") is None
