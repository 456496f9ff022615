"""What every entry must satisfy, checked before anything is written.

The rules see the journal only through ``Known`` (does this person exist,
which way did that exchange go), so the same checks serve the services,
which ask the journal, and the demo generator, which asks the rows it is
about to insert.  Each returns the columns to write, or raises
``ValidationError`` naming the field at fault.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from netjournal.domain import SIGNIFICANCE_RANGE, Direction, Kind, LoopKind
from netjournal.services.validation import (
    ValidationError,
    optional_date,
    optional_text,
    parse_date,
    required_text,
)


class Known(Protocol):
    """What the rules need to know about rows already there."""

    def has_person(self, person_id: int) -> bool: ...

    def exchange_facts(self, exchange_id: int) -> tuple[str, dt.date] | None:
        """The direction and date of an exchange, or None when there is none with that id."""
        ...


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


def _existing_person(known: Known, field: str, person_id: int | None, label: str) -> int | None:
    if person_id is None:
        return None
    if not known.has_person(person_id):
        raise ValidationError(field, f"{label} is not in this journal.")
    return person_id


def _required_person(known: Known, person_id: int | None, message: str) -> int:
    checked = _existing_person(known, "person", person_id, "That person")
    if checked is None:
        raise ValidationError("person", message)
    return checked


def not_future(field: str, date: dt.date, today: dt.date) -> dt.date:
    if date > today:
        raise ValidationError(field, "The date is in the future; log things once they have happened.")
    return date


def exchange_columns(
    known: Known, data: ExchangeInput, *, today: dt.date, editing_id: int | None = None
) -> dict[str, object]:
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
    date = not_future("date", parse_date("date", data.date, default=today), today)
    try:
        significance = int(data.significance)
    except (TypeError, ValueError):
        significance = 0
    if significance not in SIGNIFICANCE_RANGE:
        raise ValidationError("significance", "Significance runs from 1 (small) to 5 (life-changing).")
    person_id = _existing_person(known, "person", data.person_id, "That person")
    second_id = _existing_person(known, "second_person", data.second_person_id, "The second person")
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
    community = optional_text("community", data.community, "The community")
    if community and person_id is not None:
        raise ValidationError("community", "A community is only for contributions to the network as a whole.")
    reciprocates_id = data.reciprocates_id
    if reciprocates_id is not None:
        if editing_id is not None and reciprocates_id == editing_id:
            raise ValidationError("reciprocates", "An exchange cannot return itself.")
        earlier = known.exchange_facts(reciprocates_id)
        if earlier is None:
            raise ValidationError("reciprocates", "The exchange it returns is not in this journal.")
        earlier_direction, earlier_date = earlier
        if earlier_direction == direction.value:
            raise ValidationError(
                "reciprocates",
                "An exchange can only return one that went the other way (given for received, or received for given).",
            )
        if earlier_date > date:
            raise ValidationError("reciprocates", "An exchange can only return one from the same day or earlier.")
    return {
        "direction": direction.value,
        "kind": kind.value,
        "summary": summary,
        "details": optional_text("details", data.details, "The details"),
        "date": date,
        "significance": significance,
        "person": person_id,
        "second_person": second_id,
        "community": community,
        "reciprocates": reciprocates_id,
        "outcome": optional_text("outcome", data.outcome, "What came of it"),
    }


def touchpoint_columns(
    known: Known, person_id: int | None, note: str, *, date: dt.date | str | None, channel: str, today: dt.date
) -> dict[str, object]:
    person = _required_person(known, person_id, "Say with whom you kept in touch.")
    note = required_text("note", note, "The note")
    when = not_future("date", parse_date("date", date, default=today), today)
    return {"person": person, "note": note, "date": when, "channel": optional_text("channel", channel, "The channel")}


def loop_columns(
    known: Known,
    loop_kind: LoopKind | str,
    what: str,
    *,
    person_id: int | None,
    due_on: dt.date | str | None,
    opened_on: dt.date | str | None,
    done_on: dt.date | str | None = None,
    today: dt.date,
) -> dict[str, object]:
    try:
        kind = LoopKind(loop_kind)
    except ValueError:
        raise ValidationError(
            "loop_kind", "An open loop is either something you promised or something you asked."
        ) from None
    what = required_text("what", what, "What was promised or asked")
    _existing_person(known, "person", person_id, "That person")
    opened = parse_date("opened_on", opened_on, default=today)
    due = optional_date("due_on", due_on)
    done = optional_date("done_on", done_on)
    check_loop_dates(opened, due, done)
    return {"loop_kind": kind.value, "what": what, "person": person_id, "opened_on": opened, "due_on": due,
            "done_on": done}  # fmt: skip


def check_loop_dates(opened: dt.date, due: dt.date | None, done: dt.date | None) -> None:
    if due is not None and due < opened:
        raise ValidationError("due_on", "The due date is before the day the loop was opened.")
    if done is not None and done < opened:
        raise ValidationError("done_on", "A loop cannot be closed before it was opened.")


def reflection_columns(
    known: Known,
    text: str,
    *,
    date: dt.date | str | None,
    prompt_id: str | None,
    prompt_text: str,
    person_id: int | None,
    today: dt.date,
) -> dict[str, object]:
    text = required_text("text", text, "The reflection")
    when = parse_date("date", date, default=today)
    _existing_person(known, "person", person_id, "That person")
    prompt_text = optional_text("prompt_text", prompt_text, "The question")
    return {"text": text, "date": when, "prompt_id": prompt_id, "prompt_text": prompt_text, "person": person_id}


def circumstance_columns(
    known: Known,
    person_id: int | None,
    note: str,
    *,
    start_on: dt.date | str | None,
    end_on: dt.date | str | None,
    today: dt.date,
) -> dict[str, object]:
    person = _required_person(known, person_id, "Say whose circumstance this is.")
    note = required_text("note", note, "The note")
    start = parse_date("start_on", start_on, default=today)
    end = optional_date("end_on", end_on)
    if end is not None and end < start:
        raise ValidationError("end_on", "The end date is before the start date.")
    return {"person": person, "note": note, "start_on": start, "end_on": end}
