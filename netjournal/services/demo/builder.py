"""Sizes, the order of generation, and the bulk insert: ``populate_demo`` and ``create_demo_journal``."""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from dataclasses import dataclass
from uuid import UUID

from netjournal.services import rules
from netjournal.services.brokered_introductions import BrokeredInput, brokered_columns
from netjournal.services.contact_details import validated_details
from netjournal.services.demo.brokered import make_brokered
from netjournal.services.demo.details import make_details
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
from netjournal.services.people import PersonInput, validated_person
from netjournal.services.rules import ExchangeInput
from netjournal.store.models import (
    BrokeredIntroduction,
    Circumstance,
    ContactDetailRow,
    Exchange,
    OpenLoop,
    Person,
    Reflection,
    Touchpoint,
    TrackedModel,
)

EXCHANGE_SHARE = 0.65  # of entries; the rest are touchpoints
CONTRIBUTION_SHARE = 0.03  # of exchanges
LOOP_SHARE = 0.02  # of entries
BATCH = 500
# Raised whenever a seed's content changes (2: contact details; 3: no phone shared; 4: introductions
# between others), so caches of a demo journal are rebuilt.
DEMO_VERSION = 4


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
    details: int = 0  # contact details of all the people together
    brokered: int = 0  # introductions between others


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


class _DemoKnown:
    """What the validation rules ask, answered from the rows about to be inserted."""

    def __init__(self) -> None:
        self.people: set[int] = set()
        self.exchanges: dict[int, tuple[str, dt.date]] = {}

    def has_person(self, person_id: int) -> bool:
        return person_id in self.people

    def exchange_facts(self, exchange_id: int) -> tuple[str, dt.date] | None:
        return self.exchanges.get(exchange_id)


class _Identities:
    """Deterministic UUIDs for the demo, from a stream of their own (the content's stream stays as it was)."""

    def __init__(self, seed: int, stream: str = "identities") -> None:
        self._rng = random.Random(f"netjournal demo {stream} {seed}")

    def stamped(self, number: int, created: str, columns: dict[str, object]) -> dict[str, object]:
        uuid = str(UUID(int=self._rng.getrandbits(128), version=4))
        return {"id": number, "uuid": uuid, "created_at": created, "updated_at": created, **columns}


def _insert(journal: Journal, model: type[TrackedModel], rows: list[dict[str, object]]) -> None:
    for start in range(0, len(rows), BATCH):
        model.insert_many(rows[start : start + BATCH]).execute(journal.db)


def _validated_rows(world: DemoWorld, seed: int) -> dict[type[TrackedModel], list[dict[str, object]]]:
    """Every row of the demo, checked by the same rules as the services, with identities and times."""
    today, known, ids = world.today, _DemoKnown(), _Identities(seed)
    people = []
    for p in world.people:
        data = PersonInput(p.name, p.org, p.role, p.how_met, p.notes, p.tags.split(","), p.cadence, p.archived)
        people.append(ids.stamped(p.id, f"{p.start.isoformat()}T09:00:00.000Z", validated_person(data)))
        known.people.add(p.id)
    details, detail_ids = [], _Identities(seed, "detail identities")  # added later: the other identities stay
    for person_id, found in make_details(world, seed).items():
        created = people[person_id - 1]["created_at"]
        for position, detail in enumerate(validated_details(found)):
            columns = {"person": person_id, "field": detail.field.value, "value": detail.value,
                       "label": detail.label, "position": position}  # fmt: skip
            details.append(detail_ids.stamped(len(details) + 1, str(created), columns))
    exchanges = []
    for number, row, link in link_returns(world):
        data = ExchangeInput(
            row.direction, row.kind, row.summary, row.person_id, row.date, row.details, row.significance,
            row.second_person_id, row.community, link, row.outcome,
        )  # fmt: skip
        columns = rules.exchange_columns(known, data, today=today)
        known.exchanges[number] = (row.direction, dt.date.fromisoformat(row.date))
        exchanges.append(ids.stamped(number, row.created, columns))
    touchpoints = [
        ids.stamped(n, t.created, rules.touchpoint_columns(
            known, t.person_id, t.note, date=t.date, channel=t.channel, today=today
        ))
        for n, t in enumerate(sorted(world.touchpoints, key=lambda r: r.date), 1)
    ]  # fmt: skip
    loops = [
        ids.stamped(n, f"{loop.opened_on}T12:00:00.000Z", rules.loop_columns(
            known, loop.loop_kind, loop.what, person_id=loop.person_id, due_on=loop.due_on,
            opened_on=loop.opened_on, done_on=loop.done_on, today=today,
        ))
        for n, loop in enumerate(sorted(world.loops, key=lambda r: r.opened_on), 1)
    ]  # fmt: skip
    reflections = [
        ids.stamped(n, r.created, rules.reflection_columns(
            known, r.text, date=r.date, prompt_id=r.prompt_id, prompt_text="", person_id=r.person_id, today=today
        ))
        for n, r in enumerate(sorted(world.reflections, key=lambda r: r.date), 1)
    ]  # fmt: skip
    circumstances = [
        ids.stamped(n, f"{c.start_on}T12:00:00.000Z", rules.circumstance_columns(
            known, c.person_id, c.note, start_on=c.start_on, end_on=c.end_on, today=today
        ))
        for n, c in enumerate(sorted(world.circumstances, key=lambda r: r.start_on), 1)
    ]  # fmt: skip
    brokered, brokered_ids = [], _Identities(seed, "brokered identities")
    for number, row in enumerate(make_brokered(world, seed), 1):
        data = BrokeredInput(
            row.broker_id, row.first_person_id, row.second_person_id, row.summary, row.date, row.outcome
        )
        brokered.append(brokered_ids.stamped(number, f"{row.date}T18:00:00.000Z", brokered_columns(known, data, today)))
    return {
        Person: people,
        ContactDetailRow: details,
        BrokeredIntroduction: brokered,
        Exchange: exchanges,
        Touchpoint: touchpoints,
        OpenLoop: loops,
        Reflection: reflections,
        Circumstance: circumstances,
    }


def populate_demo(journal: Journal, size: str = "small", *, seed: int = 7, today: dt.date | None = None) -> DemoStats:
    """Fill an empty ``journal`` with a believable, deterministic history ending at ``today``.

    Every row passes the same validation as an entry typed in the window
    (``services.rules``); only the writing is in bulk.
    """
    if size not in DEMO_SIZES:
        raise ValueError(f"Unknown demo size {size!r}; choose one of {', '.join(DEMO_SIZES)}.")
    if journal.exists(Person.select()) or journal.exists(Exchange.select()):
        raise ValueError("A demo journal can only be generated into an empty journal.")
    began = time.perf_counter()
    world = _generate(DEMO_SIZES[size], seed, today or dt.date.today())
    tables = _validated_rows(world, seed)
    with journal.write() as changes:
        for model, rows in tables.items():  # people first: the entries refer to them
            _insert(journal, model, rows)
        # Fold the index segments left by a hundred thousand trigger writes.
        journal.sql("INSERT INTO search_index(search_index) VALUES('optimize')")
        journal.sql("INSERT INTO person_name_index(person_name_index) VALUES('optimize')")
        changes.append(JournalChange.whole_journal())
    return DemoStats(
        people=len(tables[Person]),
        exchanges=len(tables[Exchange]),
        touchpoints=len(tables[Touchpoint]),
        loops=len(tables[OpenLoop]),
        reflections=len(tables[Reflection]),
        circumstances=len(tables[Circumstance]),
        seconds=time.perf_counter() - began,
        details=len(tables[ContactDetailRow]),
        brokered=len(tables[BrokeredIntroduction]),
    )


def create_demo_journal(
    path: str | os.PathLike[str],
    passphrase: str,
    size: str = "small",
    *,
    seed: int = 7,
    kdf_iter: int | None = None,
    today: dt.date | None = None,
) -> DemoStats:
    """Create a new encrypted journal at ``path``, fill it with demo data, and close it."""
    journal = Journal.create(path, passphrase, kdf_iter=kdf_iter)
    try:
        stats = populate_demo(journal, size, seed=seed, today=today)
    except BaseException:
        journal.discard()  # a half-made demo must not block the retry
        raise
    journal.close()
    return stats
