"""The state of one demo generation: its random stream, calendar, cast and rows (see ``demo``).

Every choice the generator makes comes from ``DemoWorld.rng``, in a fixed
order, and every timestamp from an entry's date: that is what keeps the demo
byte-identical for a seed and a ``today``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from dataclasses import dataclass
from typing import NamedTuple

from netjournal.services.demo.text import words

YEARS = 15


@dataclass(slots=True, eq=False)
class DemoPerson:
    id: int
    name: str
    first: str
    female: bool
    org: str
    role: str
    profile: str
    start: dt.date
    end: dt.date
    give: float
    weight: float = 0.0
    planted: bool = False  # entries written by hand in plant_evidence, kept out of random picks
    cadence: int | None = None
    archived: bool = False
    how_met: str = ""
    channel: str = "email"
    notes: str = ""
    tags: str = ""


@dataclass(slots=True)
class ExchangeRow:
    """One exchange before it is numbered; ``details`` may still be added by ``link_returns``."""

    date: str
    direction: str
    kind: str
    summary: str
    details: str
    significance: int
    person_id: int | None
    second_person_id: int | None
    community: str
    outcome: str
    created: str


class TouchpointRow(NamedTuple):
    date: str
    person_id: int
    channel: str
    note: str
    created: str


class LoopRow(NamedTuple):
    loop_kind: str
    person_id: int | None
    what: str
    opened_on: str
    due_on: str | None
    done_on: str | None


class ReflectionRow(NamedTuple):
    date: str
    text: str
    prompt_id: str | None
    person_id: int | None
    created: str


class CircumstanceRow(NamedTuple):
    person_id: int
    note: str
    start_on: str
    end_on: str | None


def stamp(date: dt.date, rng: random.Random) -> str:
    """A time on ``date`` when the entry was written, in the store's format (UTC, milliseconds)."""
    return f"{date.isoformat()}T{rng.randrange(7, 23):02d}:{rng.randrange(60):02d}:00.000Z"


def years_before(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year - years)
    except ValueError:  # 29 February
        return date.replace(year=date.year - years, day=28)


class DemoWorld:
    """What the generator has made so far; ``people`` and ``entries`` add to it."""

    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.first_day = years_before(today, YEARS)
        self.span = (today - self.first_day).days
        self.words = words()
        # Organisations (set by people.make_orgs, before anything else draws from rng).
        self.org_names: tuple[str, ...] = ()
        self.org_kinds: tuple[str, ...] = ()
        self.org_weights: list[float] = []  # cumulative
        self.pools: dict[str, tuple[str, ...]] = dict(self.words.pools)  # by slot name
        # The cast, in the order people were met; ids are positions plus one.
        self.people: list[DemoPerson] = []
        self.starts: list[dt.date] = []
        # Rows without ids; builder.populate_demo numbers, checks and inserts them.
        self.exchanges: list[ExchangeRow] = []
        self.touchpoints: list[TouchpointRow] = []
        self.loops: list[LoopRow] = []
        self.reflections: list[ReflectionRow] = []
        self.circumstances: list[CircumstanceRow] = []

    # -- dates -----------------------------------------------------------------

    def ramp_date(self, low: dt.date | None = None) -> dt.date:
        """A date in the fifteen years, later years about twice as likely as the first."""
        low = low or self.first_day
        days = (self.today - low).days
        x = self.rng.random() if self.rng.random() < 0.5 else max(self.rng.random(), self.rng.random())
        return low + dt.timedelta(days=int(x * days))

    def date_in(self, person: DemoPerson) -> dt.date:
        return person.start + dt.timedelta(days=self.rng.randrange((person.end - person.start).days + 1))

    # -- picking people ----------------------------------------------------------

    def pick_other(self, date: dt.date, exclude: DemoPerson | None) -> DemoPerson:
        """Someone already met and still in touch on ``date``, not ``exclude``, not planted."""
        count = bisect.bisect_right(self.starts, date)
        for _ in range(30):
            other = self.people[self.rng.randrange(max(count, 2))]
            if other is not exclude and not other.planted and other.end >= date and other.profile != "import":
                return other
        return next(p for p in self.people if p is not exclude and not p.planted and p.end >= date)

    def random_people(self, count: int) -> list[DemoPerson]:
        """``count`` people, drawn by weight (busy, long relationships more often)."""
        pool = [p for p in self.people if p.weight > 0 and not p.planted]
        return self.rng.choices(pool, cum_weights=list(itertools.accumulate(p.weight for p in pool)), k=count)
