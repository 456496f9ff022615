"""Property tests of the pure ledger functions (no database): windows, seeds, reciprocation, cadence."""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from netjournal.domain import Direction, ExchangeRecord, Kind
from netjournal.insights.ledger import (
    WINDOW_BY_KEY,
    WINDOWS,
    build_ledger,
    cadence,
    reciprocations,
    seeds_planted,
    window_totals,
)

TODAY = dt.date(2025, 6, 30)
KEYS = [w.key for w in WINDOWS]


@st.composite
def exchanges(draw: st.DrawFn, *, future: bool = False, links: bool = True) -> list[ExchangeRecord]:
    """A relationship's exchanges; links (if any) are valid: opposite direction, same day or earlier."""
    count = draw(st.integers(0, 30))
    records: list[ExchangeRecord] = []
    for eid in range(1, count + 1):
        offset = draw(st.integers(-60 if future else 0, 20 * 365))
        records.append(
            ExchangeRecord(
                id=eid,
                date=TODAY - dt.timedelta(days=offset),
                direction=draw(st.sampled_from(list(Direction))),
                kind=draw(st.sampled_from(list(Kind))),
                summary=f"exchange {eid}",
                significance=draw(st.integers(1, 5)),
                person_id=1,
            )
        )
    if links:
        linked = []
        for record in records:
            targets = [
                other.id
                for other in records
                if other.id != record.id and other.direction is not record.direction and other.date <= record.date
            ]
            target = draw(st.none() | st.sampled_from(targets)) if targets else None
            linked.append(replace(record, reciprocates_id=target))
        records = linked
    return draw(st.permutations(records))


FIELDS = ("given_count", "received_count", "given_significance", "received_significance", "count")


@given(exchanges(future=True))
def test_window_totals_are_monotone(records: list[ExchangeRecord]) -> None:
    totals = window_totals(records, TODAY)
    assert list(totals) == KEYS
    for narrow, wide in itertools.pairwise(KEYS):
        for name in FIELDS:
            assert getattr(totals[narrow], name) <= getattr(totals[wide], name), (narrow, wide, name)
        for kind in Kind:
            g1, r1 = totals[narrow].by_kind.get(kind, (0, 0))
            g2, r2 = totals[wide].by_kind.get(kind, (0, 0))
            assert g1 <= g2 and r1 <= r2


@given(exchanges(future=True))
def test_each_window_counts_exactly_its_exchanges(records: list[ExchangeRecord]) -> None:
    totals = window_totals(records, TODAY)
    for window in WINDOWS:
        start = window.start(TODAY)
        inside = [e for e in records if e.date <= TODAY and (start is None or e.date >= start)]
        t = totals[window.key]
        given_ = [e for e in inside if e.direction is Direction.GIVEN]
        received = [e for e in inside if e.direction is Direction.RECEIVED]
        assert t.count == len(inside)
        assert (t.given_count, t.received_count) == (len(given_), len(received))
        assert t.given_count + t.received_count == t.count
        assert t.given_significance == sum(e.significance for e in given_)
        assert t.received_significance == sum(e.significance for e in received)
        assert sum(g for g, _ in t.by_kind.values()) == t.given_count
        assert sum(r for _, r in t.by_kind.values()) == t.received_count
        for kind, (g, r) in t.by_kind.items():
            assert g == sum(1 for e in given_ if e.kind is kind)
            assert r == sum(1 for e in received if e.kind is kind)


@given(exchanges())
def test_all_time_counts_every_exchange(records: list[ExchangeRecord]) -> None:
    everything = window_totals(records, TODAY)["all"]
    assert everything.count == len(records)
    assert everything.given_count == sum(e.direction is Direction.GIVEN for e in records)
    assert everything.received_count == sum(e.direction is Direction.RECEIVED for e in records)


def test_window_boundaries() -> None:
    def on(days_ago: int) -> list[ExchangeRecord]:
        day = TODAY - dt.timedelta(days=days_ago)
        return [ExchangeRecord(1, day, Direction.GIVEN, Kind.ADVICE, "x", 3, 1)]

    assert window_totals(on(365), TODAY)["12m"].count == 1
    assert window_totals(on(366), TODAY)["12m"].count == 0
    assert window_totals(on(366), TODAY)["3y"].count == 1
    ten_years = (TODAY - WINDOW_BY_KEY["10y"].start(TODAY)).days  # type: ignore[operator]
    assert window_totals(on(ten_years), TODAY)["10y"].count == 1
    assert window_totals(on(ten_years + 1), TODAY)["10y"].count == 0
    assert window_totals(on(ten_years + 1), TODAY)["all"].count == 1
    assert window_totals(on(-1), TODAY)["all"].count == 0  # tomorrow is not in any window


@given(exchanges(future=True))
def test_seeds_are_the_given_exchanges_nothing_returns(records: list[ExchangeRecord]) -> None:
    seeds = seeds_planted(records, TODAY)
    returned = {e.reciprocates_id for e in records if e.reciprocates_id is not None}
    expected = {e.id for e in records if e.direction is Direction.GIVEN and e.id not in returned and e.date <= TODAY}
    assert {s.exchange_id for s in seeds} == expected
    assert len(seeds) == len(expected)
    assert [(s.date, s.exchange_id) for s in seeds] == sorted((s.date, s.exchange_id) for s in seeds)
    by_id = {e.id: e for e in records}
    for seed in seeds:
        assert seed.age_days == (TODAY - by_id[seed.exchange_id].date).days >= 0
        source = by_id[seed.exchange_id]
        assert (seed.summary, seed.significance) == (source.summary, source.significance)


@given(exchanges(), st.sets(st.integers(1, 40)))
def test_seeds_exclude_exchanges_returned_elsewhere(records: list[ExchangeRecord], elsewhere: set[int]) -> None:
    seeds = {s.exchange_id for s in seeds_planted(records, TODAY, elsewhere)}
    assert not seeds & elsewhere
    assert seeds == {s.exchange_id for s in seeds_planted(records, TODAY)} - elsewhere


@given(exchanges())
def test_reciprocations_follow_valid_links(records: list[ExchangeRecord]) -> None:
    pairs = reciprocations(records)
    links = {(e.reciprocates_id, e.id) for e in records if e.reciprocates_id is not None}
    assert {(p.original_id, p.returned_by_id) for p in pairs} == links
    assert len(pairs) == len(links)
    by_id = {e.id: e for e in records}
    for pair in pairs:
        assert pair.days >= 0
        assert pair.days == (by_id[pair.returned_by_id].date - by_id[pair.original_id].date).days
    assert [p.original_id for p in pairs] == sorted(p.original_id for p in pairs)


@given(exchanges())
def test_reciprocation_ignores_links_leaving_the_list(records: list[ExchangeRecord]) -> None:
    keep = [e for e in records if e.id % 2 == 0]
    kept_ids = {e.id for e in keep}
    for pair in reciprocations(keep):
        assert {pair.original_id, pair.returned_by_id} <= kept_ids


@given(exchanges())
def test_median_days_to_reciprocate(records: list[ExchangeRecord]) -> None:
    ledger = build_ledger(records, today=TODAY, last_entry_on=None, cadence_days=None)
    days = [p.days for p in ledger.reciprocations]
    if days:
        assert ledger.median_days_to_reciprocate == statistics.median(days)
        assert min(days) <= ledger.median_days_to_reciprocate <= max(days)
    else:
        assert ledger.median_days_to_reciprocate is None
    assert ledger.totals == window_totals(records, TODAY)
    assert ledger.seeds == seeds_planted(records, TODAY)


@settings(max_examples=300)
@given(
    last=st.none() | st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)),
    every=st.none() | st.integers(1, 3650),
    today=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)),
)
def test_cadence_overdue_arithmetic(last: dt.date | None, every: int | None, today: dt.date) -> None:
    c = cadence(last, every, today)
    assert c.last_entry_on == last
    assert c.cadence_days == every
    if last is None:
        assert c.days_since is None
        assert c.overdue_days == 0
    else:
        assert c.days_since == max(0, (today - last).days)
        if every is None:
            assert c.overdue_days == 0
        else:
            assert c.overdue_days == max(0, (today - last).days - every)
    assert c.overdue_days >= 0
    assert c.is_overdue == (c.overdue_days > 0)


def test_cadence_examples() -> None:
    assert cadence(dt.date(2025, 6, 1), 30, TODAY).overdue_days == 0  # 29 days
    assert cadence(dt.date(2025, 5, 31), 30, TODAY).overdue_days == 0  # exactly 30
    assert cadence(dt.date(2025, 5, 30), 30, TODAY).overdue_days == 1
    assert cadence(dt.date(2025, 5, 30), 30, TODAY).is_overdue
    assert cadence(TODAY + dt.timedelta(days=3), 30, TODAY).days_since == 0
