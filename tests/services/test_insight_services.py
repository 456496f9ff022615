"""Relationship, network and prompt services read real journals and hand plain data to the insights."""

from __future__ import annotations

import datetime as dt

import pytest
from support import PASSPHRASE

from netjournal.domain import LoopKind
from netjournal.insights.patterns import Pattern
from netjournal.services import entries, network, people, prompting
from netjournal.services.journal import Journal
from netjournal.services.relationships import relationship
from netjournal.store.models import PromptState, Reflection

TODAY = dt.date(2025, 6, 30)


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def person(journal: Journal, name: str, **fields: object) -> int:
    return people.add_person(journal, people.PersonInput(name=name, **fields))  # type: ignore[arg-type]


def ex(journal: Journal, direction: str, who: int | None, days_ago: int, significance: int = 3, **more: object) -> int:
    more.setdefault("kind", "advice")
    more.setdefault("summary", f"{direction} {days_ago} days before")
    data = entries.ExchangeInput(
        direction=direction,
        person_id=who,
        date=ago(days_ago),
        significance=significance,
        **more,  # type: ignore[arg-type]
    )
    return entries.add_exchange(journal, data)


# -- relationship pattern hints ------------------------------------------------------------


def test_no_entries_is_new(journal: Journal) -> None:
    ana = person(journal, "Ana Silva")
    rel = relationship(journal, ana, today=TODAY)
    assert rel.hint.pattern is Pattern.NEW
    assert rel.first_entry_on is None
    assert "Nothing logged" in rel.hint.reasons[0].text
    assert rel.ledger.totals["all"].count == 0


def test_recent_first_entry_is_new(journal: Journal) -> None:
    ana = person(journal, "Ana Silva")
    first = ex(journal, "given", ana, 30, 5)
    ex(journal, "given", ana, 10, 5)
    rel = relationship(journal, ana, today=TODAY)
    assert rel.hint.pattern is Pattern.NEW
    assert rel.first_entry_on == ago(30)
    assert "30 days ago" in rel.hint.reasons[0].text
    assert first in rel.hint.reasons[0].entry_ids


def test_long_silence_is_dormant(journal: Journal) -> None:
    ana = person(journal, "Ana Silva")
    big = ex(journal, "received", ana, 1000, 5)
    small = ex(journal, "given", ana, 400, 1)
    rel = relationship(journal, ana, today=TODAY)
    assert rel.hint.pattern is Pattern.DORMANT
    assert "400 days" in rel.hint.reasons[0].text
    assert rel.hint.reasons[1].entry_ids == (big, small)  # most significant first
    assert rel.ledger.cadence.days_since == 400


def test_long_cadence_postpones_dormancy(journal: Journal) -> None:
    ana = person(journal, "Ana Silva", cadence_days=300)
    ex(journal, "received", ana, 1000, 3)
    ex(journal, "given", ana, 400, 3)
    assert relationship(journal, ana, today=TODAY).hint.pattern is Pattern.MUTUAL
    # A touchpoint alone also ends dormancy: the last entry is what counts.
    ben = person(journal, "Ben Okafor")
    ex(journal, "received", ben, 1000, 3)
    ex(journal, "given", ben, 900, 3)
    assert relationship(journal, ben, today=TODAY).hint.pattern is Pattern.DORMANT
    entries.add_touchpoint(journal, ben, "coffee", date=ago(5))
    assert relationship(journal, ben, today=TODAY).hint.pattern is Pattern.MUTUAL


def test_mostly_you_give(journal: Journal) -> None:
    ana = person(journal, "Ana Silva")
    g1 = ex(journal, "given", ana, 500, 4)
    g2 = ex(journal, "given", ana, 200, 3)
    ex(journal, "received", ana, 100, 1)
    rel = relationship(journal, ana, today=TODAY)
    assert rel.hint.pattern is Pattern.MOSTLY_YOU_GIVE
    assert rel.hint.label == "Mostly you give"
    assert not rel.hint.softened
    assert "gave 2 times (significance 7)" in rel.hint.reasons[0].text
    assert set(rel.hint.reasons[1].entry_ids) == {g1, g2}
    assert rel.ledger.totals["all"].given_count == 2
    assert [s.exchange_id for s in rel.ledger.seeds] == [g1, g2]


def test_mostly_you_receive(journal: Journal) -> None:
    ana = person(journal, "Ana Silva")
    ex(journal, "given", ana, 500, 1)
    r1 = ex(journal, "received", ana, 200, 4)
    r2 = ex(journal, "received", ana, 100, 5)
    rel = relationship(journal, ana, today=TODAY)
    assert rel.hint.pattern is Pattern.MOSTLY_YOU_RECEIVE
    assert set(rel.hint.reasons[1].entry_ids) == {r1, r2}


def test_mutual(journal: Journal) -> None:
    ana = person(journal, "Ana Silva")
    gave = ex(journal, "given", ana, 500, 3)
    got = ex(journal, "received", ana, 200, 3, reciprocates_id=gave)
    rel = relationship(journal, ana, today=TODAY)
    assert rel.hint.pattern is Pattern.MUTUAL
    assert len(rel.hint.reasons) == 1
    assert [(r.original_id, r.returned_by_id, r.days) for r in rel.ledger.reciprocations] == [(gave, got, 300)]
    assert rel.ledger.median_days_to_reciprocate == 300
    assert rel.ledger.seeds == ()


def test_imbalance_is_softened_by_a_covering_circumstance(journal: Journal) -> None:
    ana = person(journal, "Ana Silva")
    ex(journal, "given", ana, 500, 4)
    ex(journal, "given", ana, 200, 3)
    old = entries.add_circumstance(journal, ana, "long past reorg", start_on=ago(2000), end_on=ago(1500))
    assert relationship(journal, ana, today=TODAY).hint.softened_by == ()  # ended before the window
    current = entries.add_circumstance(journal, ana, "caring for a newborn", start_on=ago(300))
    rel = relationship(journal, ana, today=TODAY)
    assert rel.hint.pattern is Pattern.MOSTLY_YOU_GIVE
    assert rel.hint.softened
    assert [c.id for c in rel.hint.softened_by] == [current]
    assert any("caring for a newborn" in r.text for r in rel.hint.reasons)
    assert [c.id for c in rel.circumstances] == [old, current]


def test_mutual_is_not_softened(journal: Journal) -> None:
    ana = person(journal, "Ana Silva")
    ex(journal, "given", ana, 500, 3)
    ex(journal, "received", ana, 200, 3)
    entries.add_circumstance(journal, ana, "new job", start_on=ago(300))
    rel = relationship(journal, ana, today=TODAY)
    assert rel.hint.pattern is Pattern.MUTUAL
    assert not rel.hint.softened


def test_relationship_includes_introductions_and_open_loops(journal: Journal) -> None:
    ana = person(journal, "Ana Silva")
    ben = person(journal, "Ben Okafor")
    intro = ex(journal, "given", ben, 100, 4, kind="introduction", second_person_id=ana, summary="Ben to Ana")
    later = entries.add_loop(journal, LoopKind.PROMISED, "later", person_id=ana, opened_on=ago(50), due_on=ago(1))
    soon = entries.add_loop(journal, LoopKind.ASKED, "soon", person_id=ana, opened_on=ago(50), due_on=ago(20))
    undated = entries.add_loop(journal, LoopKind.ASKED, "whenever", person_id=ana, opened_on=ago(60))
    done = entries.add_loop(journal, LoopKind.ASKED, "done", person_id=ana, opened_on=ago(60), due_on=ago(40))
    entries.close_loop(journal, done, done_on=ago(30))
    rel = relationship(journal, ana, today=TODAY)
    assert rel.ledger.totals["all"].count == 1
    assert rel.first_entry_on == ago(100)
    assert [loop.id for loop in rel.open_loops] == [soon, later, undated]
    assert intro in rel.hint.reasons[0].entry_ids


# -- the network -----------------------------------------------------------------------------


def test_network_summary_counts(journal: Journal) -> None:
    ana = person(journal, "Ana Silva")
    ben = person(journal, "Ben Okafor")
    cy = person(journal, "Cy Lee")
    ex(journal, "given", None, 10, community="PyLadies", kind="resource")
    ex(journal, "given", None, 300, community="PyData", kind="expertise")
    ex(journal, "given", None, 400, community="PyData", kind="expertise")  # too old
    ex(journal, "received", None, 20, community="PyData", kind="information")  # not a contribution
    ex(journal, "given", ana, 50, kind="introduction", second_person_id=ben)
    ex(journal, "given", ana, 500, kind="introduction", second_person_id=cy)  # too old
    ex(journal, "received", cy, 30, kind="introduction", second_person_id=ben)  # not made by the owner
    ex(journal, "given", ana, 60)
    summary = network.network_summary(journal, TODAY)
    assert summary.contributions_12m == 2
    assert summary.introductions_made_12m == 1
    assert summary.people_helped_12m == 2  # Ana, and Ben through the introduction
    assert summary.dormant_valuable == ()


def test_dormant_valuable_ties(journal: Journal) -> None:
    mentor = person(journal, "Old Mentor")
    ex(journal, "received", mentor, 800, 5)
    ex(journal, "received", mentor, 700, 4)
    recent = person(journal, "Recent Helper")
    ex(journal, "received", recent, 800, 5)
    ex(journal, "received", recent, 30, 5)
    minor = person(journal, "Minor Help")
    ex(journal, "received", minor, 800, 3)
    ex(journal, "received", minor, 700, 4)
    archived = person(journal, "Archived Ally")
    ex(journal, "received", archived, 800, 5)
    ex(journal, "received", archived, 700, 5)
    people.set_archived(journal, archived, True)
    ties = network.network_summary(journal, TODAY).dormant_valuable
    assert [(t.person_id, t.received_significance, t.received_count, t.days_since) for t in ties] == [
        (mentor, 9, 2, 700)
    ]
    assert ties[0].name == "Old Mentor"


def test_own_extraction_pattern(journal: Journal) -> None:
    taker = person(journal, "Asked A Lot")
    asks = [ex(journal, "received", taker, d) for d in (10, 20, 30)]
    entries.add_loop(journal, LoopKind.ASKED, "intro to VC", person_id=taker, opened_on=ago(5))
    ex(journal, "given", taker, 40)
    ex(journal, "given", taker, 400)  # outside the year: not an offer that counts
    balanced = person(journal, "Balanced")
    ex(journal, "received", balanced, 10)
    ex(journal, "received", balanced, 20)
    entries.add_touchpoint(journal, balanced, "checked in", date=ago(15))
    entries.add_touchpoint(journal, balanced, "sent congratulations", date=ago(5))
    once = person(journal, "Asked Once")
    ex(journal, "received", once, 10)
    signals = network.own_extraction_pattern(journal, TODAY)
    assert [(s.person_id, s.asks, s.offers) for s in signals] == [(taker, 4, 1)]
    assert sorted(signals[0].entry_ids) == sorted(asks)
    # A promise counts as an offer: 4 asks vs 2 offers is still twice as many...
    entries.add_loop(journal, LoopKind.PROMISED, "send notes", person_id=taker, opened_on=ago(3))
    assert [(s.person_id, s.asks, s.offers) for s in network.own_extraction_pattern(journal, TODAY)] == [(taker, 4, 2)]
    # ... and one touchpoint more tips the balance.
    entries.add_touchpoint(journal, taker, "thank-you note", date=ago(2))
    assert network.own_extraction_pattern(journal, TODAY) == []


# -- reflection prompts ------------------------------------------------------------------------


@pytest.fixture
def evidence(journal: Journal) -> dict[str, int]:
    """A journal with three situations that trigger prompts, none of them an accident of the date."""
    zoe = person(journal, "Zoë Quist")
    loop = entries.add_loop(
        journal, LoopKind.PROMISED, "send the pitch deck", person_id=zoe, opened_on=ago(40), due_on=ago(10)
    )
    marta = person(journal, "Marta Kowalska", cadence_days=30)
    ex(journal, "received", marta, 100, 5, summary="introduced me to the Acme CTO for the pilot")
    ex(journal, "received", marta, 120, 4, summary="reviewed my grant application")
    return {"zoe": zoe, "loop": loop, "marta": marta}


def _by_person(prompts: list, person_id: int) -> list:
    return [p for p in prompts if p.person_id == person_id]


def test_prompts_are_deterministic(journal: Journal, evidence: dict[str, int]) -> None:
    first = prompting.prompts_for(journal, TODAY)
    assert first == prompting.prompts_for(journal, TODAY)
    assert len(first) == len({p.key for p in first})
    assert 1 <= len(first) <= 6
    assert any(p.person_id is None and "@" in p.key for p in first)  # room for a periodic question
    journal.close()
    with Journal.open(journal.path, PASSPHRASE, kdf_iter=journal.store.kdf_iter) as reopened:
        assert prompting.prompts_for(reopened, TODAY) == first


def test_evidence_prompts_name_the_person(journal: Journal, evidence: dict[str, int]) -> None:
    prompts = prompting.prompts_for(journal, TODAY)
    (loop_prompt,) = _by_person(prompts, evidence["zoe"])
    assert "Zoë Quist" in loop_prompt.text
    assert "send the pitch deck" in loop_prompt.text
    assert "10 days" in loop_prompt.text
    assert loop_prompt.key.endswith(f"#loop:{evidence['loop']}")
    (overdue,) = _by_person(prompts, evidence["marta"])
    assert "Marta Kowalska" in overdue.text
    assert "100 days" in overdue.text
    assert "Acme CTO" in overdue.text  # the most significant thing she gave
    # No placeholder was left unfilled.
    assert not any("{" in p.text or "}" in p.text for p in prompts)


def test_snooze_hides_until_the_date(journal: Journal, evidence: dict[str, int]) -> None:
    (loop_prompt,) = _by_person(prompting.prompts_for(journal, TODAY), evidence["zoe"])
    prompting.snooze_prompt(journal, loop_prompt.key, until=TODAY + dt.timedelta(days=7))
    assert loop_prompt.key not in {p.key for p in prompting.prompts_for(journal, TODAY)}
    assert loop_prompt.key not in {p.key for p in prompting.prompts_for(journal, TODAY + dt.timedelta(days=6))}
    assert loop_prompt.key in {p.key for p in prompting.prompts_for(journal, TODAY + dt.timedelta(days=7))}
    # Other prompts are not affected.
    assert _by_person(prompting.prompts_for(journal, TODAY), evidence["marta"])


def test_dismiss_hides_for_good(journal: Journal, evidence: dict[str, int]) -> None:
    (overdue,) = _by_person(prompting.prompts_for(journal, TODAY), evidence["marta"])
    prompting.dismiss_prompt(journal, overdue.key, today=TODAY)
    for later in (TODAY, TODAY + dt.timedelta(days=30)):
        assert overdue.key not in {p.key for p in prompting.prompts_for(journal, later)}
    assert PromptState.select().where(PromptState.prompt_key == overdue.key).get(journal.db).dismissed_on == TODAY
    assert Reflection.select().count(journal.db) == 0


def test_answer_writes_a_reflection_and_hides_the_prompt(journal: Journal, evidence: dict[str, int]) -> None:
    (loop_prompt,) = _by_person(prompting.prompts_for(journal, TODAY), evidence["zoe"])
    reflection_id = prompting.answer_prompt(journal, loop_prompt, "Sending the deck on Monday.", today=TODAY)
    reflection = Reflection.select().where(Reflection.id == reflection_id).get(journal.db)
    assert reflection.prompt_id == loop_prompt.key
    assert reflection.person_id == evidence["zoe"]
    assert reflection.text == "Sending the deck on Monday."
    assert reflection.date == TODAY
    assert loop_prompt.key not in {p.key for p in prompting.prompts_for(journal, TODAY)}
    assert PromptState.select().where(PromptState.prompt_key == loop_prompt.key).get(journal.db).answered_on == TODAY
    periodic = next(p for p in prompting.prompts_for(journal, TODAY) if p.person_id is None and "@" in p.key)
    answer = prompting.answer_prompt(journal, periodic, "Helping Cy with his talk.", today=TODAY)
    answered = Reflection.select().where(Reflection.id == answer).get(journal.db)
    assert answered.prompt_id == periodic.key
    assert answered.person_id is None
    assert periodic.key not in {p.key for p in prompting.prompts_for(journal, TODAY)}


def test_closing_the_loop_retires_its_prompt(journal: Journal, evidence: dict[str, int]) -> None:
    entries.close_loop(journal, evidence["loop"], done_on=ago(1))
    assert _by_person(prompting.prompts_for(journal, TODAY), evidence["zoe"]) == []
