"""The demo's introductions between others: who in the cast connects people, and what came of it.

Drawn from a random stream of their own, so adding them left every other row
of a seed's demo as it was.  The busiest people make most of them (a
connector is someone you hear from often); a few are six weeks to a year old
without an outcome, so the demo has a prompt asking what came of one.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import NamedTuple

from netjournal.services.demo.world import DemoPerson, DemoWorld

SHARE = 1 / 12  # introductions between others per person in the cast
BROKERS = 12  # they come from the busiest people
_FOR = (
    "for {second}'s search for a head of data",
    "so {first} could ask {second} about pricing an enterprise tier",
    "to compare notes on moving a team to four-day weeks",
    "for {second}'s seed round, as someone who had raised one",
    "because both were writing about open-source governance",
    "so {first} could hear how {second} had run a reference-customer programme",
    "to talk about a joint grant application",
    "for advice on hiring a first salesperson in Germany",
)
_CAME_OF_IT = (
    "{second} hired {first} as an adviser",
    "they co-wrote a talk for the spring conference",
    "a coffee, and nothing more yet",
    "{first} joined {second}'s round",
    "they now meet every quarter",
)


class BrokeredRow(NamedTuple):
    date: str
    broker_id: int
    first_person_id: int
    second_person_id: int
    summary: str
    outcome: str


def _busiest(world: DemoWorld) -> list[DemoPerson]:
    counts: dict[int, int] = {}
    for row in world.exchanges:
        if row.person_id is not None:
            counts[row.person_id] = counts.get(row.person_id, 0) + 1
    by_id = {p.id: p for p in world.people}
    return [by_id[i] for i in sorted(counts, key=lambda i: (-counts[i], i))]


def make_brokered(world: DemoWorld, seed: int) -> list[BrokeredRow]:
    """Introductions the cast made between each other, oldest first."""
    rng = random.Random(f"netjournal demo brokered {seed}")
    busiest = _busiest(world)
    brokers = busiest[:BROKERS]
    cast = [p for p in world.people if p.profile != "import" and not p.archived]
    if len(brokers) < 1 or len(cast) < 3:
        return []
    rows = []
    for index in range(round(len(world.people) * SHARE)):
        broker = brokers[index % len(brokers)]
        first, second = rng.sample([p for p in cast if p is not broker], 2)
        # Two of them in the window where the outcome prompt asks; the rest over three years.
        days = 50 + index * 20 if index < 2 else rng.randrange(14, 3 * 365)
        when = max(world.today - dt.timedelta(days=days), first.start, second.start, broker.start)
        names = {"first": first.first, "second": second.first}
        outcome = "" if index < 2 or rng.random() < 0.4 else rng.choice(_CAME_OF_IT).format(**names)
        summary = rng.choice(_FOR).format(**names)
        rows.append(BrokeredRow(when.isoformat(), broker.id, first.id, second.id, summary, outcome))
    return sorted(rows, key=lambda r: r.date)
