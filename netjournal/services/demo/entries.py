"""The demo journal's entries: exchanges, touchpoints, open loops and reflections (see ``demo``).

Each ``add_*`` function appends rows to the ``DemoWorld``; ``plant_evidence``
writes, by hand, the situations near ``today`` that today's prompts should
find; ``link_returns`` numbers the exchanges and links some to the one they
return.
"""

from __future__ import annotations

import datetime as dt

from netjournal.domain import Direction, Kind, LoopKind
from netjournal.services.demo.text import Slots
from netjournal.services.demo.world import (
    DemoPerson,
    DemoWorld,
    ExchangeRow,
    LoopRow,
    ReflectionRow,
    TouchpointRow,
    stamp,
    years_before,
)

VAGUE_SHARE = 0.10
DETAILS_SHARE = 0.42
KIND_WEIGHTS = {
    Kind.INTRODUCTION: 12,
    Kind.REFERRAL: 7,
    Kind.INFORMATION: 14,
    Kind.ADVICE: 15,
    Kind.EXPERTISE: 8,
    Kind.FEEDBACK: 11,
    Kind.OPPORTUNITY: 6,
    Kind.SUPPORT: 8,
    Kind.RESOURCE: 8,
    Kind.ENDORSEMENT: 6,
    Kind.OTHER: 5,
}
SIGNIFICANCE_WEIGHTS = (10, 34, 32, 17, 7)  # for 1..5


def add_exchange(
    world: DemoWorld,
    date: dt.date,
    person: DemoPerson | None,
    *,
    direction: str | None = None,
    kind: str | None = None,
    significance: int | None = None,
    vague: bool | None = None,
) -> None:
    """An exchange with ``person``, or a contribution to the network as a whole if ``person`` is None."""
    rng, w = world.rng, world.words
    if person is None:
        kind, template = rng.choice(w.contributions)
        slots = Slots(world, date, None, "given")
        summary, direction = slots.fill(template), Direction.GIVEN.value
        community, second = slots["community"], None
    else:
        direction = direction or (Direction.GIVEN.value if rng.random() < person.give else Direction.RECEIVED.value)
        kind = kind or rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
        second = world.pick_other(date, person) if kind == Kind.INTRODUCTION else None
        slots = Slots(world, date, person, direction, second)
        if vague is None:
            vague = rng.random() < VAGUE_SHARE
        summary = rng.choice(w.vague) if vague else slots.fill(rng.choice(w.summaries[kind][direction]))
        community = ""
    if significance is None:
        significance = rng.choices(range(1, 6), SIGNIFICANCE_WEIGHTS)[0]
        bump = 0.3 if kind in (Kind.OPPORTUNITY, Kind.REFERRAL) else 0.0
        bump += 0.35 if person is not None and person.profile == "dormant" else 0.0
        if rng.random() < bump:
            significance = min(5, significance + 1)
        if vague:  # whatever was vague in the writing rarely mattered much
            significance = min(significance, 3)
    details = ""
    if person is not None and not vague and rng.random() < DETAILS_SHARE:
        details = slots.fill(rng.choice(w.details[direction]))
    outcome = ""
    if second is not None and (world.today - date).days > 45 and rng.random() < 0.4:
        met = date + dt.timedelta(days=rng.randrange(3, 30))
        slots["met_day"] = w.day_month(met)
        outcome = slots.fill(rng.choice(w.outcomes[direction]))
    created = stamp(date, rng)
    world.exchanges.append(
        ExchangeRow(
            date.isoformat(),
            direction,
            str(kind),
            summary,
            details,
            significance,
            person.id if person else None,
            second.id if second else None,
            community,
            outcome,
            created,
        )
    )


def add_touchpoint(world: DemoWorld, date: dt.date, person: DemoPerson, *, first: bool = False) -> None:
    rng, w = world.rng, world.words
    slots = Slots(world, date, person, "given")
    if first:
        channel, note = person.channel, slots.fill(rng.choice(w.first_notes))
    else:
        channel = rng.choices(list(w.channels), list(w.channels.values()))[0]
        note = slots.fill(rng.choice(w.touch_notes[channel]))
        if rng.random() < 0.25:
            note = f"{note}. {slots.fill(rng.choice(w.touch_extras))}"
    world.touchpoints.append(TouchpointRow(date.isoformat(), person.id, channel, note, stamp(date, rng)))


def add_loop(
    world: DemoWorld,
    person: DemoPerson | None,
    opened: dt.date,
    *,
    due: dt.date | None = None,
    done: dt.date | None = None,
    kind: str | None = None,
) -> None:
    rng = world.rng
    kind = kind or (LoopKind.PROMISED.value if rng.random() < 0.55 else LoopKind.ASKED.value)
    slots = Slots(world, opened, person, "given")
    what = slots.fill(rng.choice(world.words.loops[kind if person else "none"]))
    world.loops.append(
        LoopRow(
            kind,
            person.id if person else None,
            what,
            opened.isoformat(),
            due.isoformat() if due else None,
            done.isoformat() if done else None,
        )
    )


def plant_evidence(world: DemoWorld) -> None:
    """Situations near ``today`` that today's prompts should find, whatever the seed."""
    rng, today = world.rng, world.today
    days = dt.timedelta
    old = [p for p in world.people if p.profile in ("mutual", "they_give") and (today - p.start).days > 5 * 365]
    overdue, taker = rng.sample(old, 2)
    for person in (overdue, taker):
        person.planted, person.weight, person.archived, person.profile = True, 0.0, False, "they_give"
    # 1. Overdue for contact, and once gave a lot.
    overdue.cadence = 90
    last = today - days(rng.randrange(130, 200))
    overdue.end = last
    add_touchpoint(world, overdue.start, overdue, first=True)
    for significance in (4, 5, 3, 4, 3, 2):
        add_exchange(
            world, world.date_in(overdue), overdue, direction="received", significance=significance, vague=False
        )
    for _ in range(2):
        add_exchange(world, world.date_in(overdue), overdue, direction="given", significance=2, vague=False)
    for _ in range(4):
        add_touchpoint(world, world.date_in(overdue), overdue)
    add_touchpoint(world, last, overdue)
    # 2. Received several times in the last two years, gave nothing back.
    taker.cadence = None
    add_touchpoint(world, taker.start, taker, first=True)
    cutoff = today - days(760)
    for _ in range(3):
        date = taker.start + days(rng.randrange((cutoff - taker.start).days))
        add_exchange(world, date, taker, direction="given", vague=False)
    for _ in range(4):
        add_exchange(world, today - days(rng.randrange(10, 700)), taker, direction="received", vague=False)
    for _ in range(3):
        add_touchpoint(world, world.date_in(taker), taker)
    current = [p for p in world.people if not p.planted and p.profile in ("mutual", "you_give", "they_give")]
    # 3. Exchanges that matter, one and four years ago to the day.
    for years, significance in ((1, 4), (4, 3)):
        date = years_before(today, years)
        person = rng.choice([p for p in current if p.start < date])
        add_exchange(world, date, person, significance=significance, vague=False, kind=Kind.ADVICE.value)
    # 4. Two vague entries this (ISO) week, the one the prompt looks at.
    monday = today - days(today.weekday())
    for ago in (0, (today - monday).days):
        add_exchange(world, today - days(ago), rng.choice(current), kind=Kind.ADVICE.value, vague=True, significance=2)
    # 5. Open loops past due within the last two months, and some due soon.
    for _ in range(3):
        opened = today - days(rng.randrange(25, 80))
        due = max(opened, today - days(rng.randrange(3, 55)))
        add_loop(world, rng.choice([p for p in current if p.start <= opened]), opened, due=due)
    for _ in range(2):
        opened = today - days(rng.randrange(1, 20))
        due = today + days(rng.randrange(5, 40))
        add_loop(world, rng.choice([p for p in current if p.start <= opened]), opened, due=due)


def add_loops(world: DemoWorld, count: int) -> None:
    """``count`` open loops; the older they are, the likelier they are done."""
    rng, today = world.rng, world.today
    for person in world.random_people(max(0, count)):
        holder = person if rng.random() < 0.95 else None
        opened = world.date_in(person)
        due = opened + dt.timedelta(days=rng.randrange(3, 46)) if rng.random() < 0.75 else None
        age = (today - opened).days
        done = None
        if age > 365 and rng.random() < 0.03:
            due = None  # a vague promise, long forgotten
        elif rng.random() < (1.0 if age > 365 else 0.8 if age > 120 else 0.45):
            done = min(opened + dt.timedelta(days=rng.randrange(0, 60)), person.end, today)
        add_loop(world, holder, opened, due=due, done=done)


def add_reflections(world: DemoWorld, count: int) -> None:
    """``count`` reflections, about three in ten of them on one person."""
    rng, w = world.rng, world.words
    linked = world.random_people(count)
    for index in range(count):
        person = linked[index] if rng.random() < 0.3 else None
        date = world.date_in(person) if person else world.ramp_date()
        slots = Slots(world, date, person, "given")
        body = rng.choice(w.person_reflections if person else w.reflections)
        coda = rng.choice(w.reflection_codas)
        reflection = slots.fill(f"{body} {coda}".strip())
        row = ReflectionRow(date.isoformat(), reflection, None, person.id if person else None, stamp(date, rng))
        world.reflections.append(row)


def link_returns(world: DemoWorld) -> list[tuple[int, ExchangeRow, int | None]]:
    """Sort exchanges by date, number them, and link some to the exchange they return."""
    rng = world.rng
    world.exchanges.sort(key=lambda row: row.date)
    history: dict[tuple[int, str], list[int]] = {}
    returned: set[int] = set()
    rows: list[tuple[int, ExchangeRow, int | None]] = []
    for number, row in enumerate(world.exchanges, start=1):
        link = None
        if row.person_id is not None:
            chance = 0.16 if row.direction == Direction.RECEIVED.value else 0.07
            opposite = Direction(row.direction).opposite.value
            earlier = [i for i in history.get((row.person_id, opposite), [])[-6:] if i not in returned]
            if earlier and rng.random() < chance:
                link = rng.choice(earlier)
                returned.add(link)
                if not row.details and rng.random() < 0.5:
                    when = dt.date.fromisoformat(rows[link - 1][1].date)
                    person = world.people[row.person_id - 1]
                    slots = Slots(world, dt.date.fromisoformat(row.date), person, row.direction)
                    slots["when"] = f"{world.words.month(when)} {when.year}"
                    row.details = slots.fill(rng.choice(world.words.return_notes[row.direction]))
            history.setdefault((row.person_id, row.direction), []).append(number)
        rows.append((number, row, link))
    return rows
