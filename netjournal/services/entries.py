"""Writing journal entries: exchanges, touchpoints, open loops, reflections, circumstances (deletes: ``deletions``).

Each operation validates everything first and then writes in one
transaction, so invalid input writes nothing.
"""

from __future__ import annotations

import datetime as dt

from netjournal.domain import Entity, LoopKind
from netjournal.services import rules
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.services.journal import Journal
from netjournal.services.rules import ExchangeInput
from netjournal.services.validation import (
    NotFoundError,
    ValidationError,
    optional_date,
    optional_text,
    parse_date,
    required_text,
)
from netjournal.store.models import Circumstance, Exchange, OpenLoop, Person, Reflection, Touchpoint


def _today() -> dt.date:
    return dt.date.today()


def _people(*ids: int | None) -> tuple[int, ...]:
    return tuple(sorted({p for p in ids if p is not None}))


class JournalKnown:
    """The rules' view of rows already in a journal: one indexed lookup per question."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal

    def has_person(self, person_id: int) -> bool:
        return self._journal.exists(Person.select().where(Person.id == person_id))

    def exchange_facts(self, exchange_id: int) -> tuple[str, dt.date] | None:
        row = self._journal.sql("SELECT direction, date FROM exchange WHERE id = ?", (exchange_id,)).fetchone()
        return None if row is None else (row[0], dt.date.fromisoformat(row[1]))


def validated_exchange(journal: Journal, data: ExchangeInput, editing_id: int | None = None) -> dict[str, object]:
    """The exchange's columns, checked; raises ``ValidationError`` naming the field at fault."""
    return rules.exchange_columns(JournalKnown(journal), data, today=_today(), editing_id=editing_id)


def _people_of(values: dict[str, object]) -> tuple[int, ...]:
    return tuple(p for p in (values.get("person"), values.get("second_person")) if isinstance(p, int))


def add_exchange(journal: Journal, data: ExchangeInput) -> int:
    values = validated_exchange(journal, data)
    with journal.write() as changes:
        exchange_id = journal.insert(Exchange, values)
        changes.append(JournalChange(Entity.EXCHANGE, ChangeAction.ADDED, (exchange_id,), _people_of(values)))
    return exchange_id


def update_exchange(journal: Journal, exchange_id: int, data: ExchangeInput) -> None:
    before = journal.first(Exchange.select().where(Exchange.id == exchange_id))
    if before is None:
        raise NotFoundError(f"There is no exchange with id {exchange_id}.")
    values = validated_exchange(journal, data, editing_id=exchange_id)
    new_date = values["date"]
    assert isinstance(new_date, dt.date)
    # Exchanges that return this one constrain how it may change.
    for later in journal.rows(Exchange.select().where(Exchange.reciprocates == exchange_id)):
        if later.direction == values["direction"]:
            raise ValidationError("direction", "A later exchange returns this one; its direction must stay opposite.")
        if later.date < new_date:
            raise ValidationError(
                "date", f"An exchange on {later.date.isoformat()} returns this one; it cannot be dated after that."
            )
    affected = _people(*_people_of(values), before.person_id, before.second_person_id)
    with journal.write() as changes:
        journal.update(Exchange, exchange_id, values)
        changes.append(JournalChange(Entity.EXCHANGE, ChangeAction.UPDATED, (exchange_id,), affected))


def add_touchpoint(
    journal: Journal, person_id: int, note: str, *, date: dt.date | str | None = None, channel: str = ""
) -> int:
    values = rules.touchpoint_columns(
        JournalKnown(journal), person_id, note, date=date, channel=channel, today=_today()
    )
    with journal.write() as changes:
        touch_id = journal.insert(Touchpoint, values)
        changes.append(JournalChange(Entity.TOUCHPOINT, ChangeAction.ADDED, (touch_id,), (person_id,)))
    return touch_id


def add_loop(
    journal: Journal,
    loop_kind: LoopKind | str,
    what: str,
    *,
    person_id: int | None,
    due_on: dt.date | str | None = None,
    opened_on: dt.date | str | None = None,
) -> int:
    values = rules.loop_columns(
        JournalKnown(journal), loop_kind, what, person_id=person_id, due_on=due_on, opened_on=opened_on, today=_today()
    )
    with journal.write() as changes:
        loop_id = journal.insert(OpenLoop, values)
        changes.append(JournalChange(Entity.LOOP, ChangeAction.ADDED, (loop_id,), _people(person_id)))
    return loop_id


def _loop(journal: Journal, loop_id: int) -> OpenLoop:
    loop = journal.first(OpenLoop.select().where(OpenLoop.id == loop_id))
    if loop is None:
        raise NotFoundError(f"There is no open loop with id {loop_id}.")
    return loop


def close_loop(journal: Journal, loop_id: int, *, done_on: dt.date | str | None = None) -> None:
    loop = _loop(journal, loop_id)
    if loop.done_on is not None:
        raise ValidationError("done_on", f"That loop was already closed on {loop.done_on.isoformat()}.")
    done = parse_date("done_on", done_on, default=_today())
    rules.check_loop_dates(loop.opened_on, None, done)
    with journal.write() as changes:
        journal.update(OpenLoop, loop_id, {"done_on": done})
        changes.append(JournalChange(Entity.LOOP, ChangeAction.UPDATED, (loop_id,), _people(loop.person_id)))


def add_reflection(
    journal: Journal,
    text: str,
    *,
    date: dt.date | str | None = None,
    prompt_id: str | None = None,
    prompt_text: str = "",
    person_id: int | None = None,
) -> int:
    values = rules.reflection_columns(
        JournalKnown(journal), text, date=date, prompt_id=prompt_id, prompt_text=prompt_text, person_id=person_id,
        today=_today(),
    )  # fmt: skip
    with journal.write() as changes:
        reflection_id = journal.insert(Reflection, values)
        changes.append(JournalChange(Entity.REFLECTION, ChangeAction.ADDED, (reflection_id,), _people(person_id)))
    return reflection_id


def add_circumstance(
    journal: Journal,
    person_id: int,
    note: str,
    *,
    start_on: dt.date | str | None = None,
    end_on: dt.date | str | None = None,
) -> int:
    values = rules.circumstance_columns(
        JournalKnown(journal), person_id, note, start_on=start_on, end_on=end_on, today=_today()
    )
    with journal.write() as changes:
        circumstance_id = journal.insert(Circumstance, values)
        changes.append(JournalChange(Entity.CIRCUMSTANCE, ChangeAction.ADDED, (circumstance_id,), (person_id,)))
    return circumstance_id


def update_touchpoint(
    journal: Journal, touchpoint_id: int, note: str, *, date: dt.date | str | None = None, channel: str = ""
) -> None:
    touch = journal.first(Touchpoint.select().where(Touchpoint.id == touchpoint_id))
    if touch is None:
        raise NotFoundError(f"There is no touchpoint with id {touchpoint_id}.")
    note = required_text("note", note, "The note")
    when = rules.not_future("date", parse_date("date", date, default=touch.date), _today())
    with journal.write() as changes:
        channel = optional_text("channel", channel, "The channel")
        journal.update(Touchpoint, touchpoint_id, {"note": note, "date": when, "channel": channel})
        changes.append(JournalChange(Entity.TOUCHPOINT, ChangeAction.UPDATED, (touchpoint_id,), (touch.person_id,)))


def update_loop(
    journal: Journal,
    loop_id: int,
    what: str,
    *,
    due_on: dt.date | str | None = None,
    done_on: dt.date | str | None = None,
) -> None:
    loop = _loop(journal, loop_id)
    what = required_text("what", what, "What was promised or asked")
    due = optional_date("due_on", due_on)
    done = optional_date("done_on", done_on)
    rules.check_loop_dates(loop.opened_on, due, done)
    with journal.write() as changes:
        journal.update(OpenLoop, loop_id, {"what": what, "due_on": due, "done_on": done})
        changes.append(JournalChange(Entity.LOOP, ChangeAction.UPDATED, (loop_id,), _people(loop.person_id)))


def update_reflection(journal: Journal, reflection_id: int, text: str, *, date: dt.date | str | None = None) -> None:
    reflection = journal.first(Reflection.select().where(Reflection.id == reflection_id))
    if reflection is None:
        raise NotFoundError(f"There is no reflection with id {reflection_id}.")
    text = required_text("text", text, "The reflection")
    when = parse_date("date", date, default=reflection.date)
    with journal.write() as changes:
        journal.update(Reflection, reflection_id, {"text": text, "date": when})
        changes.append(
            JournalChange(Entity.REFLECTION, ChangeAction.UPDATED, (reflection_id,), _people(reflection.person_id))
        )
