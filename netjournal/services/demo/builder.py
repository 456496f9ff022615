"""Sizes, the order of generation, and the bulk insert: ``populate_demo`` and ``create_demo_journal``."""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass

from netjournal.services.demo.entries import (
    add_exchange,
    add_loops,
    add_reflections,
    add_touchpoint,
    link_returns,
    plant_evidence,
)
from netjournal.services.demo.people import add_circumstances, make_orgs, make_people
from netjournal.services.demo.world import DemoWorld
from netjournal.services.events import JournalChange
from netjournal.services.journal import Journal
from netjournal.store.database import DEFAULT_KDF_ITER
from netjournal.store.models import Circumstance, Exchange, OpenLoop, Person, Reflection, Touchpoint

EXCHANGE_SHARE = 0.65  # of entries; the rest are touchpoints
CONTRIBUTION_SHARE = 0.03  # of exchanges
LOOP_SHARE = 0.02  # of entries
BATCH = 500


@dataclass(frozen=True, slots=True)
class DemoSize:
    people: int
    entries: int  # exchanges and touchpoints together
    reflections: int


DEMO_SIZES = {
    "small": DemoSize(people=150, entries=3_000, reflections=150),
    # 20,000 entries: the benchmarks' mid-sized journal, to show that logging stays flat.
    "medium": DemoSize(people=700, entries=20_000, reflections=1_000),
    "large": DemoSize(people=2_000, entries=100_000, reflections=5_000),
}


@dataclass(slots=True)
class DemoStats:
    people: int
    exchanges: int
    touchpoints: int
    loops: int
    reflections: int
    circumstances: int
    seconds: float


def _generate(size: DemoSize, seed: int, today: dt.date) -> DemoWorld:
    """Every row of the demo, unnumbered; the order of the steps is part of the output."""
    world = DemoWorld(seed, today)
    rng = world.rng
    make_orgs(world, size.people)
    make_people(world, size.people)
    plant_evidence(world)
    active = [p for p in world.people if p.profile != "import" and not p.planted]
    for person in active:  # every relationship starts with a first conversation
        add_touchpoint(world, person.start, person, first=True)
        if person.profile == "new":
            for _ in range(rng.randrange(1, 4)):
                add_exchange(world, world.date_in(person), person)
    total_exchanges = round(size.entries * EXCHANGE_SHARE)
    contributions = round(total_exchanges * CONTRIBUTION_SHARE)
    for _ in range(contributions):
        add_exchange(world, world.ramp_date(), None)
    to_exchange = max(0, total_exchanges - len(world.exchanges))
    to_touch = max(0, size.entries - total_exchanges - len(world.touchpoints))
    for index, person in enumerate(world.random_people(to_exchange + to_touch)):
        if index < to_exchange:
            add_exchange(world, world.date_in(person), person)
        else:
            add_touchpoint(world, world.date_in(person), person)
    add_loops(world, round(size.entries * LOOP_SHARE) - len(world.loops))
    add_reflections(world, size.reflections)
    add_circumstances(world)
    return world


def _insert(model: type, fields: list, rows: list) -> None:
    for start in range(0, len(rows), BATCH):
        model.insert_many(rows[start : start + BATCH], fields=fields).execute()


def _insert_numbered(model: type, names: tuple[str, ...], rows: list) -> None:
    fields = [model.id, *(getattr(model, name) for name in names)]
    _insert(model, fields, [(number, *row) for number, row in enumerate(rows, 1)])


def populate_demo(journal: Journal, size: str = "small", *, seed: int = 7, today: dt.date | None = None) -> DemoStats:
    """Fill an empty ``journal`` with a believable, deterministic history ending at ``today``."""
    if size not in DEMO_SIZES:
        raise ValueError(f"Unknown demo size {size!r}; choose one of {', '.join(DEMO_SIZES)}.")
    if Person.select().exists() or Exchange.select().exists():
        raise ValueError("A demo journal can only be generated into an empty journal.")
    began = time.perf_counter()
    world = _generate(DEMO_SIZES[size], seed, today or dt.date.today())
    exchanges = link_returns(world)
    touchpoints = sorted(world.touchpoints, key=lambda row: row[0])
    loops = sorted(world.loops, key=lambda row: row[3])
    reflections = sorted(world.reflections, key=lambda row: row[0])
    circumstances = sorted(world.circumstances, key=lambda row: row[2])
    people = [
        (
            p.id,
            p.name,
            p.org,
            p.role,
            p.how_met,
            p.notes,
            p.tags,
            p.cadence,
            p.archived,
            f"{p.start.isoformat()}T09:00:00+00:00",
            f"{p.start.isoformat()}T09:00:00+00:00",
        )
        for p in world.people
    ]
    with journal.write() as changes:
        _insert(
            Person,
            [
                Person.id,
                Person.name,
                Person.organisation,
                Person.role,
                Person.how_met,
                Person.notes,
                Person.tags,
                Person.cadence_days,
                Person.archived,
                Person.created_at,
                Person.updated_at,
            ],
            people,
        )
        _insert(
            Exchange,
            [
                Exchange.id,
                Exchange.date,
                Exchange.direction,
                Exchange.kind,
                Exchange.summary,
                Exchange.details,
                Exchange.significance,
                Exchange.person,
                Exchange.second_person,
                Exchange.community,
                Exchange.reciprocates,
                Exchange.outcome,
                Exchange.created_at,
                Exchange.updated_at,
            ],
            exchanges,
        )
        # Rows without ids get them in the order given (the order things happened).
        _insert_numbered(Touchpoint, ("date", "person", "channel", "note", "created_at"), touchpoints)
        _insert_numbered(OpenLoop, ("loop_kind", "person", "what", "opened_on", "due_on", "done_on"), loops)
        _insert_numbered(Reflection, ("date", "text", "prompt_id", "person", "created_at"), reflections)
        _insert_numbered(Circumstance, ("person", "note", "start_on", "end_on"), circumstances)
        # Fold the index segments left by a hundred thousand trigger writes.
        journal.store.db.execute_sql("INSERT INTO search_index(search_index) VALUES('optimize')")
        changes.append(JournalChange("journal", "updated"))
    return DemoStats(
        len(people),
        len(exchanges),
        len(touchpoints),
        len(loops),
        len(reflections),
        len(circumstances),
        time.perf_counter() - began,
    )


def create_demo_journal(
    path: str | os.PathLike[str],
    passphrase: str,
    size: str = "small",
    *,
    seed: int = 7,
    kdf_iter: int = DEFAULT_KDF_ITER,
    today: dt.date | None = None,
) -> DemoStats:
    """Create a new encrypted journal at ``path``, fill it with demo data, and close it."""
    journal = Journal.create(path, passphrase, kdf_iter=kdf_iter)
    try:
        stats = populate_demo(journal, size, seed=seed, today=today)
    finally:
        journal.close()
    return stats
