"""Reading one entry by id, as plain data, for dialogs that edit it.

Every write still goes through ``entries``; these records are read-only
snapshots and hold no connection to the journal they came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netjournal.domain import Direction, Kind, LoopKind
from netjournal.services.journal import Journal
from netjournal.store.models import Exchange, OpenLoop, Reflection, Touchpoint


@dataclass(frozen=True, slots=True)
class ExchangeDetails:
    id: int
    uuid: str
    date: dt.date
    direction: Direction
    kind: Kind
    summary: str
    details: str
    significance: int
    person_id: int | None
    second_person_id: int | None
    community: str
    reciprocates_id: int | None
    outcome: str
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class TouchpointDetails:
    id: int
    uuid: str
    date: dt.date
    person_id: int
    channel: str
    note: str
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class LoopDetails:
    id: int
    uuid: str
    loop_kind: LoopKind
    person_id: int | None
    what: str
    opened_on: dt.date
    due_on: dt.date | None
    done_on: dt.date | None
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class ReflectionDetails:
    id: int
    uuid: str
    date: dt.date
    text: str
    prompt_id: str | None
    prompt_text: str
    person_id: int | None
    created_at: str
    updated_at: str


def exchange(journal: Journal, exchange_id: int) -> ExchangeDetails | None:
    row = journal.first(Exchange.select().where(Exchange.id == exchange_id))
    if row is None:
        return None
    return ExchangeDetails(
        row.id, row.uuid, row.date, Direction(row.direction), Kind(row.kind), row.summary, row.details,
        row.significance, row.person_id, row.second_person_id, row.community, row.reciprocates_id, row.outcome,
        row.created_at, row.updated_at,
    )  # fmt: skip


def touchpoint(journal: Journal, touchpoint_id: int) -> TouchpointDetails | None:
    row = journal.first(Touchpoint.select().where(Touchpoint.id == touchpoint_id))
    if row is None:
        return None
    return TouchpointDetails(
        row.id, row.uuid, row.date, row.person_id, row.channel, row.note, row.created_at, row.updated_at
    )


def loop(journal: Journal, loop_id: int) -> LoopDetails | None:
    row = journal.first(OpenLoop.select().where(OpenLoop.id == loop_id))
    if row is None:
        return None
    return LoopDetails(
        row.id, row.uuid, LoopKind(row.loop_kind), row.person_id, row.what, row.opened_on, row.due_on, row.done_on,
        row.created_at, row.updated_at,
    )  # fmt: skip


def reflection(journal: Journal, reflection_id: int) -> ReflectionDetails | None:
    row = journal.first(Reflection.select().where(Reflection.id == reflection_id))
    if row is None:
        return None
    return ReflectionDetails(
        row.id, row.uuid, row.date, row.text, row.prompt_id, row.prompt_text, row.person_id,
        row.created_at, row.updated_at,
    )  # fmt: skip
