"""Writing journal entries: exchanges, touchpoints, open loops, reflections, circumstances.

Each operation validates everything first and then writes in one
transaction, so invalid input writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netjournal.domain import SIGNIFICANCE_RANGE, Direction, EntryType, Kind, LoopKind
from netjournal.services.events import JournalChange
from netjournal.services.journal import Journal
from netjournal.services.validation import (
    NotFoundError,
    ValidationError,
    optional_date,
    parse_date,
    required_text,
)
from netjournal.store.models import Circumstance, Exchange, OpenLoop, Person, Reflection, Touchpoint, now_stamp


@dataclass(slots=True)
class ExchangeInput:
    direction: Direction | str
    kind: Kind | str
    summary: str
    person_id: int | None
    date: dt.date | str | None = None
    details: str = ""
    significance: int = 3
    second_person_id: int | None = None
    community: str = ""
    reciprocates_id: int | None = None
    outcome: str = ""


def _today() -> dt.date:
    return dt.date.today()


def _existing_person(field: str, person_id: int | None, label: str) -> int | None:
    if person_id is None:
        return None
    if not Person.select().where(Person.id == person_id).exists():
        raise ValidationError(field, f"{label} is not in this journal.")
    return person_id


def _not_future(field: str, date: dt.date) -> dt.date:
    if date > _today():
        raise ValidationError(field, "The date is in the future; log things once they have happened.")
    return date


def _validated_exchange(data: ExchangeInput, editing_id: int | None = None) -> dict[str, object]:
    try:
        direction = Direction(data.direction)
    except ValueError:
        raise ValidationError("direction", "Choose whether you gave or received.") from None
    try:
        kind = Kind(data.kind)
    except ValueError:
        choices = ", ".join(k.value for k in Kind)
        raise ValidationError(
            "kind", f"\u201c{data.kind}\u201d is not a kind of value; choose one of {choices}."
        ) from None
    summary = required_text("summary", data.summary, "The summary (what exactly moved)")
    date = _not_future("date", parse_date("date", data.date, default=_today()))
    try:
        significance = int(data.significance)
    except (TypeError, ValueError):
        significance = 0
    if significance not in SIGNIFICANCE_RANGE:
        raise ValidationError("significance", "Significance runs from 1 (small) to 5 (life-changing).")
    person_id = _existing_person("person", data.person_id, "That person")
    second_id = _existing_person("second_person", data.second_person_id, "The second person")
    if kind is Kind.INTRODUCTION:
        if person_id is None:
            raise ValidationError("person", "An introduction needs the person it was made to or by.")
        if second_id is None:
            raise ValidationError(
                "second_person", "An introduction needs the second person: who was introduced to whom?"
            )
        if second_id == person_id:
            raise ValidationError("second_person", "An introduction connects two different people.")
    elif second_id is not None:
        raise ValidationError("second_person", "Only an introduction has a second person.")
    community = data.community.strip()
    if community and person_id is not None:
        raise ValidationError("community", "A community is only for contributions to the network as a whole.")
    reciprocates_id = data.reciprocates_id
    if reciprocates_id is not None:
        earlier = Exchange.get_or_none(Exchange.id == reciprocates_id)
        if earlier is None:
            raise ValidationError("reciprocates", "The exchange it returns is not in this journal.")
        if editing_id is not None and earlier.id == editing_id:
            raise ValidationError("reciprocates", "An exchange cannot return itself.")
        if earlier.direction == direction.value:
            raise ValidationError(
                "reciprocates",
                "An exchange can only return one that went the other way (given for received, or received for given).",
            )
        if earlier.date > date:
            raise ValidationError("reciprocates", "An exchange can only return one from the same day or earlier.")
    return {
        "direction": direction.value,
        "kind": kind.value,
        "summary": summary,
        "details": data.details.strip(),
        "date": date,
        "significance": significance,
        "person": person_id,
        "second_person": second_id,
        "community": community,
        "reciprocates": reciprocates_id,
        "outcome": data.outcome.strip(),
    }


def _people_of(values: dict[str, object]) -> tuple[int, ...]:
    return tuple(p for p in (values.get("person"), values.get("second_person")) if isinstance(p, int))


def add_exchange(journal: Journal, data: ExchangeInput) -> int:
    values = _validated_exchange(data)
    with journal.write() as changes:
        exchange = Exchange.create(**values)
        changes.append(JournalChange("exchange", "added", (exchange.id,), _people_of(values)))
    return exchange.id


def update_exchange(journal: Journal, exchange_id: int, data: ExchangeInput) -> None:
    before = Exchange.get_or_none(Exchange.id == exchange_id)
    if before is None:
        raise NotFoundError(f"There is no exchange with id {exchange_id}.")
    values = _validated_exchange(data, editing_id=exchange_id)
    # Exchanges that return this one constrain how it may change.
    for later in Exchange.select().where(Exchange.reciprocates == exchange_id):
        if later.direction == values["direction"]:
            raise ValidationError("direction", "A later exchange returns this one; its direction must stay opposite.")
        if later.date < values["date"]:
            raise ValidationError(
                "date", f"An exchange on {later.date.isoformat()} returns this one; it cannot be dated after that."
            )
    affected = set(_people_of(values)) | {p for p in (before.person_id, before.second_person_id) if p is not None}
    with journal.write() as changes:
        Exchange.update(**values, updated_at=now_stamp()).where(Exchange.id == exchange_id).execute()
        changes.append(JournalChange("exchange", "updated", (exchange_id,), tuple(sorted(affected))))


def add_touchpoint(
    journal: Journal, person_id: int, note: str, *, date: dt.date | str | None = None, channel: str = ""
) -> int:
    _existing_person("person", person_id, "That person")
    if person_id is None:
        raise ValidationError("person", "Say with whom you kept in touch.")
    note = required_text("note", note, "The note")
    when = _not_future("date", parse_date("date", date, default=_today()))
    with journal.write() as changes:
        touch = Touchpoint.create(person=person_id, note=note, date=when, channel=channel.strip())
        changes.append(JournalChange("touchpoint", "added", (touch.id,), (person_id,)))
    return touch.id


def add_loop(
    journal: Journal,
    loop_kind: LoopKind | str,
    what: str,
    *,
    person_id: int | None,
    due_on: dt.date | str | None = None,
    opened_on: dt.date | str | None = None,
) -> int:
    try:
        kind = LoopKind(loop_kind)
    except ValueError:
        raise ValidationError(
            "loop_kind", "An open loop is either something you promised or something you asked."
        ) from None
    what = required_text("what", what, "What was promised or asked")
    _existing_person("person", person_id, "That person")
    opened = parse_date("opened_on", opened_on, default=_today())
    due = optional_date("due_on", due_on)
    if due is not None and due < opened:
        raise ValidationError("due_on", "The due date is before the day the loop was opened.")
    with journal.write() as changes:
        loop = OpenLoop.create(loop_kind=kind.value, what=what, person=person_id, opened_on=opened, due_on=due)
        changes.append(JournalChange("loop", "added", (loop.id,), (person_id,) if person_id else ()))
    return loop.id


def close_loop(journal: Journal, loop_id: int, *, done_on: dt.date | str | None = None) -> None:
    loop = OpenLoop.get_or_none(OpenLoop.id == loop_id)
    if loop is None:
        raise NotFoundError(f"There is no open loop with id {loop_id}.")
    done = parse_date("done_on", done_on, default=_today())
    if done < loop.opened_on:
        raise ValidationError("done_on", "A loop cannot be closed before it was opened.")
    with journal.write() as changes:
        OpenLoop.update(done_on=done).where(OpenLoop.id == loop_id).execute()
        changes.append(JournalChange("loop", "updated", (loop_id,), (loop.person_id,) if loop.person_id else ()))


def add_reflection(
    journal: Journal,
    text: str,
    *,
    date: dt.date | str | None = None,
    prompt_id: str | None = None,
    prompt_text: str = "",
    person_id: int | None = None,
) -> int:
    text = required_text("text", text, "The reflection")
    when = parse_date("date", date, default=_today())
    _existing_person("person", person_id, "That person")
    with journal.write() as changes:
        reflection = Reflection.create(
            text=text, date=when, prompt_id=prompt_id, prompt_text=prompt_text, person=person_id
        )
        changes.append(JournalChange("reflection", "added", (reflection.id,), (person_id,) if person_id else ()))
    return reflection.id


def add_circumstance(
    journal: Journal,
    person_id: int,
    note: str,
    *,
    start_on: dt.date | str | None = None,
    end_on: dt.date | str | None = None,
) -> int:
    if _existing_person("person", person_id, "That person") is None:
        raise ValidationError("person", "Say whose circumstance this is.")
    note = required_text("note", note, "The note")
    start = parse_date("start_on", start_on, default=_today())
    end = optional_date("end_on", end_on)
    if end is not None and end < start:
        raise ValidationError("end_on", "The end date is before the start date.")
    with journal.write() as changes:
        circumstance = Circumstance.create(person=person_id, note=note, start_on=start, end_on=end)
        changes.append(JournalChange("circumstance", "added", (circumstance.id,), (person_id,)))
    return circumstance.id


_MODELS = {
    EntryType.EXCHANGE: Exchange,
    EntryType.TOUCHPOINT: Touchpoint,
    EntryType.LOOP: OpenLoop,
    EntryType.REFLECTION: Reflection,
}


def delete_entry(journal: Journal, entry_type: EntryType, entry_id: int) -> None:
    model = _MODELS[EntryType(entry_type)]
    row = model.get_or_none(model.id == entry_id)
    if row is None:
        raise NotFoundError(f"There is no {entry_type} with id {entry_id}.")
    people = tuple(
        p for p in (getattr(row, "person_id", None), getattr(row, "second_person_id", None)) if p is not None
    )
    with journal.write() as changes:
        row.delete_instance()
        changes.append(JournalChange(str(entry_type), "deleted", (entry_id,), people))


def update_touchpoint(
    journal: Journal, touchpoint_id: int, note: str, *, date: dt.date | str | None = None, channel: str = ""
) -> None:
    touch = Touchpoint.get_or_none(Touchpoint.id == touchpoint_id)
    if touch is None:
        raise NotFoundError(f"There is no touchpoint with id {touchpoint_id}.")
    note = required_text("note", note, "The note")
    when = _not_future("date", parse_date("date", date, default=touch.date))
    with journal.write() as changes:
        Touchpoint.update(note=note, date=when, channel=channel.strip()).where(Touchpoint.id == touchpoint_id).execute()
        changes.append(JournalChange("touchpoint", "updated", (touchpoint_id,), (touch.person_id,)))


def update_loop(
    journal: Journal,
    loop_id: int,
    what: str,
    *,
    due_on: dt.date | str | None = None,
    done_on: dt.date | str | None = None,
) -> None:
    loop = OpenLoop.get_or_none(OpenLoop.id == loop_id)
    if loop is None:
        raise NotFoundError(f"There is no open loop with id {loop_id}.")
    what = required_text("what", what, "What was promised or asked")
    due = optional_date("due_on", due_on)
    done = optional_date("done_on", done_on)
    if due is not None and due < loop.opened_on:
        raise ValidationError("due_on", "The due date is before the day the loop was opened.")
    if done is not None and done < loop.opened_on:
        raise ValidationError("done_on", "A loop cannot be closed before it was opened.")
    with journal.write() as changes:
        OpenLoop.update(what=what, due_on=due, done_on=done).where(OpenLoop.id == loop_id).execute()
        changes.append(JournalChange("loop", "updated", (loop_id,), (loop.person_id,) if loop.person_id else ()))


def update_reflection(journal: Journal, reflection_id: int, text: str, *, date: dt.date | str | None = None) -> None:
    reflection = Reflection.get_or_none(Reflection.id == reflection_id)
    if reflection is None:
        raise NotFoundError(f"There is no reflection with id {reflection_id}.")
    text = required_text("text", text, "The reflection")
    when = parse_date("date", date, default=reflection.date)
    with journal.write() as changes:
        Reflection.update(text=text, date=when).where(Reflection.id == reflection_id).execute()
        person = (reflection.person_id,) if reflection.person_id else ()
        changes.append(JournalChange("reflection", "updated", (reflection_id,), person))


def delete_circumstance(journal: Journal, circumstance_id: int) -> None:
    row = Circumstance.get_or_none(Circumstance.id == circumstance_id)
    if row is None:
        raise NotFoundError(f"There is no circumstance with id {circumstance_id}.")
    with journal.write() as changes:
        row.delete_instance()
        changes.append(JournalChange("circumstance", "deleted", (circumstance_id,), (row.person_id,)))
