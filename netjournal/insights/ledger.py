"""One relationship's ledger: what moved each way, over which horizon, and what came back.

Pure functions over ``ExchangeRecord``s; the services layer fetches the rows.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from netjournal.domain import Direction, ExchangeRecord, Kind


@dataclass(frozen=True, slots=True)
class Window:
    key: str
    label: str
    years: int | None  # None: all time

    def start(self, today: dt.date) -> dt.date | None:
        """The first day inside the window: the same calendar day ``years`` earlier."""
        return None if self.years is None else years_before(today, self.years)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


WINDOWS: tuple[Window, ...] = (
    Window("12m", "12 months", 1),
    Window("3y", "3 years", 3),
    Window("5y", "5 years", 5),
    Window("10y", "10 years", 10),
    Window("all", "All time", None),
)
WINDOW_BY_KEY = {w.key: w for w in WINDOWS}


@dataclass(slots=True)
class Totals:
    """Counts and significance sums for one window."""

    given_count: int = 0
    received_count: int = 0
    given_significance: int = 0
    received_significance: int = 0
    by_kind: dict[Kind, tuple[int, int]] = field(default_factory=dict)  # kind -> (given, received)

    def add(self, exchange: ExchangeRecord) -> None:
        given, received = self.by_kind.get(exchange.kind, (0, 0))
        if exchange.direction is Direction.GIVEN:
            self.given_count += 1
            self.given_significance += exchange.significance
            self.by_kind[exchange.kind] = (given + 1, received)
        else:
            self.received_count += 1
            self.received_significance += exchange.significance
            self.by_kind[exchange.kind] = (given, received + 1)

    @property
    def count(self) -> int:
        return self.given_count + self.received_count


@dataclass(frozen=True, slots=True)
class Reciprocation:
    """An exchange and the later one that returned it."""

    original_id: int
    returned_by_id: int
    days: int


@dataclass(frozen=True, slots=True)
class Seed:
    """Value given and not (yet) returned: an investment, with its age."""

    exchange_id: int
    date: dt.date
    summary: str
    significance: int
    age_days: int


@dataclass(frozen=True, slots=True)
class Cadence:
    last_entry_on: dt.date | None
    days_since: int | None
    cadence_days: int | None

    @property
    def overdue_days(self) -> int:
        if self.cadence_days is None or self.days_since is None:
            return 0
        return max(0, self.days_since - self.cadence_days)

    @property
    def is_overdue(self) -> bool:
        return self.overdue_days > 0


@dataclass(frozen=True, slots=True)
class Ledger:
    totals: dict[str, Totals]
    cadence: Cadence
    reciprocations: tuple[Reciprocation, ...]
    seeds: tuple[Seed, ...]

    @property
    def median_days_to_reciprocate(self) -> float | None:
        if not self.reciprocations:
            return None
        return statistics.median(r.days for r in self.reciprocations)


def window_totals(exchanges: Iterable[ExchangeRecord], today: dt.date) -> dict[str, Totals]:
    totals = {w.key: Totals() for w in WINDOWS}
    starts = [(w.key, w.start(today)) for w in WINDOWS]
    for exchange in exchanges:
        if exchange.date > today:
            continue
        for key, start in starts:
            if start is None or exchange.date >= start:
                totals[key].add(exchange)
    return totals


def reciprocations(exchanges: Sequence[ExchangeRecord]) -> tuple[Reciprocation, ...]:
    """Linked pairs among ``exchanges`` (both ends must be in the sequence)."""
    by_id = {e.id: e for e in exchanges}
    pairs = []
    for later in exchanges:
        earlier = by_id.get(later.reciprocates_id) if later.reciprocates_id is not None else None
        if earlier is not None:
            pairs.append(Reciprocation(earlier.id, later.id, (later.date - earlier.date).days))
    pairs.sort(key=lambda r: r.original_id)
    return tuple(pairs)


def seeds_planted(
    exchanges: Sequence[ExchangeRecord], today: dt.date, returned_ids: Iterable[int] = ()
) -> tuple[Seed, ...]:
    """Given exchanges that nothing links back to, oldest first.

    ``returned_ids`` adds exchanges known to be returned by entries outside
    ``exchanges`` (for example returned by someone else, paid forward).
    """
    returned = {e.reciprocates_id for e in exchanges if e.reciprocates_id is not None}
    returned.update(returned_ids)
    seeds = [
        Seed(e.id, e.date, e.summary, e.significance, (today - e.date).days)
        for e in exchanges
        if e.direction is Direction.GIVEN and e.id not in returned and e.date <= today
    ]
    seeds.sort(key=lambda s: (s.date, s.exchange_id))
    return tuple(seeds)


def cadence(last_entry_on: dt.date | None, cadence_days: int | None, today: dt.date) -> Cadence:
    days = None if last_entry_on is None else max(0, (today - last_entry_on).days)
    return Cadence(last_entry_on, days, cadence_days)


def build_ledger(
    exchanges: Sequence[ExchangeRecord],
    *,
    today: dt.date,
    last_entry_on: dt.date | None,
    cadence_days: int | None,
    returned_ids: Iterable[int] = (),
) -> Ledger:
    return Ledger(
        totals=window_totals(exchanges, today),
        cadence=cadence(last_entry_on, cadence_days, today),
        reciprocations=reciprocations(exchanges),
        seeds=seeds_planted(exchanges, today, returned_ids),
    )
