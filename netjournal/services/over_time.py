"""Given and received per month over the years, and by kind of value: for one person or the whole network.

Both are SQL aggregates (``GROUP BY`` month or kind), so a journal of a hundred
thousand exchanges returns a few hundred small rows. An introduction you made
counts for both people it connected, as in the ledger.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netjournal.domain import Kind
from netjournal.services.journal import Journal


@dataclass(frozen=True, slots=True)
class MonthFlow:
    year: int
    month: int
    given: int
    given_significance: int
    received: int
    received_significance: int

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class KindFlow:
    kind: Kind
    given: int
    given_significance: int
    received: int
    received_significance: int


@dataclass(frozen=True, slots=True)
class FlowOverTime:
    person_id: int | None  # None: the whole network
    months: tuple[MonthFlow, ...]  # every month from the first shown to this one, empty months too
    kinds: tuple[KindFlow, ...]  # most exchanged first; kinds that never moved are left out

    @property
    def is_empty(self) -> bool:
        return not self.kinds


def _scope(person_id: int | None, since: dt.date | None) -> tuple[str, dict[str, object]]:
    conditions, params = [], {"person": person_id, "since": since.isoformat() if since else None}
    if person_id is not None:
        conditions.append(
            "(person_id = :person OR (second_person_id = :person AND kind = 'introduction' AND direction = 'given'))"
        )
    if since is not None:
        conditions.append("date >= :since")
    return (f"WHERE {' AND '.join(conditions)}" if conditions else ""), params


def _months_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def flow_over_time(
    journal: Journal, *, person_id: int | None = None, months: int | None = None, today: dt.date | None = None
) -> FlowOverTime:
    """The last ``months`` months up to this one (all since the first exchange when ``None``)."""
    today = today or dt.date.today()
    since = None
    if months is not None:
        back = today.year * 12 + today.month - 1 - (months - 1)
        since = dt.date(back // 12, back % 12 + 1, 1)
    where, params = _scope(person_id, since)
    sums: dict[tuple[int, int], list[int]] = {}
    for month, direction, count, significance in journal.sql(
        f"SELECT substr(date, 1, 7), direction, count(*), total(significance) FROM exchange {where} GROUP BY 1, 2",
        params,
    ):
        cell = sums.setdefault((int(month[:4]), int(month[5:7])), [0, 0, 0, 0])
        at = 0 if direction == "given" else 2
        cell[at], cell[at + 1] = int(count), int(significance)
    kinds: dict[str, list[int]] = {}
    for kind, direction, count, significance in journal.sql(
        f"SELECT kind, direction, count(*), total(significance) FROM exchange {where} GROUP BY 1, 2", params
    ):
        cell = kinds.setdefault(kind, [0, 0, 0, 0])
        at = 0 if direction == "given" else 2
        cell[at], cell[at + 1] = int(count), int(significance)
    if not sums:
        return FlowOverTime(person_id, (), ())
    first = since or dt.date(*min(sums), 1)
    last = max(dt.date(today.year, today.month, 1), dt.date(*max(sums), 1))  # an entry dated ahead still shows
    series = tuple(
        MonthFlow(year, month, *sums.get((year, month), (0, 0, 0, 0))) for year, month in _months_between(first, last)
    )
    by_kind = sorted(kinds.items(), key=lambda item: (-(item[1][0] + item[1][2]), item[0]))
    return FlowOverTime(person_id, series, tuple(KindFlow(Kind(kind), *cell) for kind, cell in by_kind))
