"""The period review's data, checked against journals whose contents the tests know."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.domain import Kind, LoopKind
from netjournal.services import entries, people
from netjournal.services.demo import create_demo_journal
from netjournal.services.journal import Journal
from netjournal.services.period_numbers import PeriodNumbers
from netjournal.services.period_review import PeriodReview, period_review, vague_share
from netjournal.services.periods import parse_period

TODAY = dt.date(2026, 6, 1)  # after every date used; entries cannot be dated in the future
D = dt.date


def person(journal: Journal, name: str, **fields: object) -> int:
    return people.add_person(journal, people.PersonInput(name=name, **fields))  # type: ignore[arg-type]


def ex(journal: Journal, direction: str, who: int | None, day: dt.date, sig: int = 3, **more: object) -> int:
    more.setdefault("kind", "advice")
    more.setdefault("summary", f"Reviewed the Acme pitch deck for {day.isoformat()} because the round needed it")
    return entries.add_exchange(
        journal,
        entries.ExchangeInput(direction=direction, person_id=who, date=day, significance=sig, **more),  # type: ignore[arg-type]
    )


@pytest.fixture
def review_2025(journal: Journal) -> tuple[Journal, dict[str, int]]:
    ana, ben, cara = (
        person(journal, "Ana Silva"),
        person(journal, "Ben Okafor", cadence_days=30),
        person(journal, "Cara Lind"),
    )
    dev, eve = person(journal, "Dev Rao"), person(journal, "Eve Marsh")
    # People carry only the moment their row was written: date them as if added over the years.
    for pid, stamp in ((ana, "2024-03-01"), (ben, "2025-02-01"), (cara, "2025-12-31"), (dev, "2026-01-01")):
        journal.sql("UPDATE person SET created_at = ? WHERE id = ?", (f"{stamp}T23:30:00.000Z", pid))
    journal.sql("UPDATE person SET created_at = '2023-05-05T09:00:00.000Z' WHERE id = ?", (eve,))
    # 2024, the previous period
    for day in (D(2024, 2, 1), D(2024, 3, 1), D(2024, 4, 1)):
        ex(journal, "received", eve, day, 4, kind="referral")
    seed_2024 = ex(journal, "given", ana, D(2024, 6, 1), 3)
    entries.add_touchpoint(journal, ana, "Coffee", date=D(2024, 7, 1))
    late = entries.add_loop(journal, LoopKind.PROMISED, "send notes", person_id=ben, opened_on=D(2024, 11, 1))
    entries.update_loop(journal, late, "send notes", due_on=D(2024, 12, 1), done_on=D(2025, 1, 10))
    entries.add_reflection(journal, "An older thought", date=D(2024, 5, 1))
    # 2025, the period reviewed
    returned = ex(journal, "received", ana, D(2025, 3, 10), 4, kind="information", reciprocates_id=seed_2024)
    planted = ex(journal, "given", ana, D(2025, 3, 15), 5, kind="expertise")
    to_ben = ex(journal, "given", ben, D(2025, 4, 1), 2)
    ex(journal, "received", ben, D(2025, 5, 1), 3, reciprocates_id=to_ben)
    intro = ex(
        journal, "given", ana, D(2025, 6, 1), 4, kind="introduction", second_person_id=cara,
        summary="Introduced Ana to Cara Lind (CTO, Northwind) for her seed round", outcome="Cara hired Ana",
    )  # fmt: skip
    talk = ex(journal, "given", None, D(2025, 7, 1), 3, kind="expertise", community="PyCon", summary="Talk at PyCon")
    ex(journal, "received", dev, D(2025, 8, 1), 2, kind="referral", summary="stuff")
    ex(journal, "received", dev, D(2025, 9, 15), 3, kind="referral", summary="some things")
    entries.add_touchpoint(journal, ben, "Call", date=D(2025, 10, 1))
    entries.add_touchpoint(journal, ana, "Lunch", date=D(2025, 11, 1))
    entries.add_loop(journal, LoopKind.PROMISED, "send the deck", person_id=ana, opened_on=D(2025, 2, 1))
    journal.sql("UPDATE open_loop SET due_on = '2025-03-01' WHERE what = 'send the deck'")
    asked = entries.add_loop(journal, LoopKind.ASKED, "a reference", person_id=ben, opened_on=D(2025, 5, 5))
    entries.close_loop(journal, asked, done_on=D(2025, 6, 1))
    entries.add_reflection(journal, "I ask Dev for more than I offer", date=D(2025, 12, 20), person_id=dev)
    ids = {"ana": ana, "ben": ben, "cara": cara, "dev": dev, "eve": eve, "returned": returned, "planted": planted}
    ids |= {"seed_2024": seed_2024, "intro": intro, "talk": talk}
    return journal, ids


def test_numbers_match_the_constructed_journal(review_2025: tuple[Journal, dict[str, int]]) -> None:
    journal, _ = review_2025
    review = period_review(journal, parse_period("2025", TODAY), TODAY)
    assert review.previous_period.label == "2024"
    assert review.as_of == D(2025, 12, 31)
    assert review.numbers == PeriodNumbers(
        given=4, given_significance=2 + 5 + 4 + 3, received=4, received_significance=4 + 3 + 2 + 3,
        people_helped=3,  # Ana, Ben, and Cara as the second person of the introduction
        people_who_helped=3, introductions_made=1, contributions=1, touchpoints=2,
        new_people=2,  # Ben (February) and Cara (31 December, UTC); Dev was added on 1 January 2026
        loops_opened=2, loops_closed=2, loops_overdue=1, reflections=1,
    )  # fmt: skip
    assert review.previous_numbers == PeriodNumbers(
        given=1, given_significance=3, received=3, received_significance=12, people_helped=1,
        people_who_helped=1, introductions_made=0, contributions=0, touchpoints=1, new_people=1,
        loops_opened=1, loops_closed=0, loops_overdue=1, reflections=1,
    )  # fmt: skip
    by_key = {f.key: f for f in review.figures}
    assert len(by_key) == len(review.figures) == 14
    assert (by_key["received_significance"].value, by_key["received_significance"].previous) == (12, 12)
    assert by_key["given"].change == 3


def test_sections_match_the_constructed_journal(review_2025: tuple[Journal, dict[str, int]]) -> None:
    journal, ids = review_2025
    review = period_review(journal, parse_period("2025", TODAY), TODAY)
    both = review.movers.both_ways.items
    assert [(t.name, t.given_significance, t.received_significance) for t in both] == [
        ("Ana Silva", 5 + 4, 4),
        ("Ben Okafor", 2, 3),
    ]
    assert [(t.name, t.given, t.given_significance) for t in review.movers.only_given.items] == [("Cara Lind", 1, 4)]
    assert [(t.name, t.received, t.received_significance) for t in review.movers.only_received.items] == [
        ("Dev Rao", 2, 5)
    ]
    (intro,) = review.introductions.items
    assert (intro.exchange_id, intro.name, intro.second_name, intro.outcome) == (
        ids["intro"], "Ana Silva", "Cara Lind", "Cara hired Ana",
    )  # fmt: skip
    assert [(c.exchange_id, c.community) for c in review.contributions.items] == [(ids["talk"], "PyCon")]
    # Given to a person in 2025 and not returned: the expertise and the introduction (Ben's was returned).
    assert [s.exchange_id for s in review.seeds_planted.items] == [ids["planted"], ids["intro"]]
    assert review.seeds_planted.total == 2
    (back,) = review.seeds_returned.items
    assert (back.given_id, back.returned_id, back.days) == (
        ids["seed_2024"], ids["returned"], (D(2025, 3, 10) - D(2024, 6, 1)).days,
    )  # fmt: skip
    (quiet,) = review.quiet_ties.items
    assert (quiet.name, quiet.received_significance, quiet.last_entry_on) == ("Eve Marsh", 12, D(2024, 4, 1))
    assert quiet.days_since == (D(2025, 12, 31) - D(2024, 4, 1)).days
    (late,) = review.overdue_people.items
    assert (late.name, late.overdue_days) == ("Ben Okafor", (D(2025, 12, 31) - D(2025, 10, 1)).days - 30)
    assert [(k.kind, k.count, k.significance) for k in review.pattern.asked_kinds] == [
        (Kind.REFERRAL, 2, 5), (Kind.INFORMATION, 1, 4), (Kind.ADVICE, 1, 3),
    ]  # fmt: skip
    assert [(t.name, t.asks, t.offers) for t in review.pattern.asking_ties] == [("Dev Rao", 2, 0)]
    vague = review.pattern.vague
    assert (vague.entries, vague.scored, vague.vague) == (8, 8, 2)  # Dev's "stuff" and "some things"
    assert {e.summary for e in vague.examples} == {"stuff", "some things"}
    assert [(r.text, r.name) for r in review.reflections] == [("I ask Dev for more than I offer", "Dev Rao")]
    assert 2 <= len(review.questions) <= 4
    assert review.questions[0].section == "quiet_ties" and "Eve Marsh" in review.questions[0].text
    assert all(q.source.endswith(".") for q in review.questions)


def test_a_period_with_no_entries_is_all_zero(journal: Journal) -> None:
    review = period_review(journal, parse_period("2025-Q2", TODAY), TODAY)
    assert review.numbers.is_empty and review.previous_numbers.is_empty
    assert all(f.value == 0 and f.previous == 0 for f in review.figures)
    assert [b.label for b in review.flow] == ["2025-04", "2025-05", "2025-06"]
    assert all(b.given == b.received == 0 for b in review.flow)
    lists = (review.movers.both_ways, review.movers.only_given, review.movers.only_received, review.introductions)
    lists += (review.contributions, review.seeds_planted, review.seeds_returned, review.quiet_ties)
    assert all(listing.is_empty and listing.total == 0 for listing in (*lists, review.overdue_people))
    assert review.pattern.is_empty and review.reflections == () and review.questions == ()


def test_sections_without_content_are_empty(review_2025: tuple[Journal, dict[str, int]]) -> None:
    journal, _ = review_2025
    # February 2025 holds only an opened loop: no exchanges, so no movers, seeds or pattern.
    review = period_review(journal, parse_period("2025-02", TODAY), TODAY)
    assert review.numbers.loops_opened == 1 and review.numbers.given == review.numbers.received == 0
    assert review.movers.both_ways.is_empty and review.introductions.is_empty and review.seeds_planted.is_empty
    assert review.pattern.asked_kinds == () and review.pattern.vague.entries == 0
    assert review.reflections == ()


def test_months_are_weekly_and_longer_periods_monthly(review_2025: tuple[Journal, dict[str, int]]) -> None:
    journal, _ = review_2025
    march = period_review(journal, parse_period("2025-03", TODAY), TODAY).flow
    # 1 March 2025 is a Saturday: the first week is clipped to the period, as is the last.
    assert [(b.label, b.start, b.end) for b in march] == [
        ("2025-W09", D(2025, 3, 1), D(2025, 3, 2)),
        ("2025-W10", D(2025, 3, 3), D(2025, 3, 9)),
        ("2025-W11", D(2025, 3, 10), D(2025, 3, 16)),
        ("2025-W12", D(2025, 3, 17), D(2025, 3, 23)),
        ("2025-W13", D(2025, 3, 24), D(2025, 3, 30)),
        ("2025-W14", D(2025, 3, 31), D(2025, 3, 31)),
    ]
    w11 = march[2]
    assert (w11.given, w11.given_significance, w11.received, w11.received_significance) == (1, 5, 1, 4)
    year = period_review(journal, parse_period("2025", TODAY), TODAY).flow
    assert [b.label for b in year] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert sum(b.given for b in year) == 4 and sum(b.received_significance for b in year) == 12
    assert [b.label for b in period_review(journal, parse_period("2025-01-01..2025-02-15", TODAY), TODAY).flow] == [
        "2025-01",
        "2025-02",
    ]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.nj"
    create_demo_journal(path, PASSPHRASE, "small", kdf_iter=TEST_KDF_ITER, today=D(2026, 5, 20))
    return path


def _counted(review: PeriodReview, journal: Journal) -> PeriodNumbers:
    """The figures again, from every row read into Python: an independent count."""
    s, e, a = review.period.start.isoformat(), review.period.end.isoformat(), review.as_of.isoformat()
    ex_rows = journal.sql("SELECT date, direction, significance, person_id, second_person_id, kind FROM exchange")
    inside = [r for r in ex_rows if s <= r[0] <= e]
    given = [r for r in inside if r[1] == "given"]
    received = [r for r in inside if r[1] == "received"]
    helped = {r[3] for r in given if r[3]} | {r[4] for r in given if r[5] == "introduction" and r[4]}
    loops = journal.sql("SELECT opened_on, due_on, done_on FROM open_loop").fetchall()
    created = [c[:10] for (c,) in journal.sql("SELECT created_at FROM person")]
    return PeriodNumbers(
        len(given), sum(r[2] for r in given), len(received), sum(r[2] for r in received), len(helped),
        len({r[3] for r in received}), sum(r[5] == "introduction" for r in given), sum(r[3] is None for r in given),
        sum(s <= d <= e for (d,) in journal.sql("SELECT date FROM touchpoint")), sum(s <= c <= e for c in created),
        sum(s <= o <= e for o, _, _ in loops), sum(bool(d) and s <= d <= e for _, _, d in loops),
        sum(o <= a and bool(u) and u < a and (not d or d > a) for o, u, d in loops),
        sum(s <= d <= e for (d,) in journal.sql("SELECT date FROM reflection")),
    )  # fmt: skip


@pytest.mark.parametrize("text", ["2025", "2026-Q1", "2026-04", "2025-03-03..2025-09-09"])
def test_demo_numbers_equal_an_independent_count(demo: Path, text: str) -> None:
    with Journal.open(demo, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        review = period_review(journal, parse_period(text, D(2026, 5, 20)), D(2026, 5, 20))
        assert review.numbers == _counted(review, journal)
        assert not review.numbers.is_empty
        assert sum(b.given for b in review.flow) == review.numbers.given
        assert sum(b.received_significance for b in review.flow) == review.numbers.received_significance
        kinds = Counter(
            k for (k,) in journal.sql(
                "SELECT kind FROM exchange WHERE direction = 'received' AND date BETWEEN ? AND ?",
                (review.period.start.isoformat(), review.period.end.isoformat()),
            )
        )  # fmt: skip
        assert {k.kind.value: k.count for k in review.pattern.asked_kinds} == kinds
        assert 2 <= len(review.questions) <= 4


def test_vague_share_is_estimated_from_an_even_sample_past_its_size(demo: Path) -> None:
    with Journal.open(demo, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        period = parse_period("2025", D(2026, 5, 20))
        full = vague_share(journal, period)
        sampled = vague_share(journal, period, sample=full.entries // 2)
    assert not full.is_estimate and full.scored == full.entries
    assert sampled.is_estimate and sampled.scored == full.entries // 2 and sampled.entries == full.entries
    assert abs(sampled.share - full.share) < 0.1
