"""Introductions someone else made between two of your people ("Ana introduced Ben to Chen").

They are not value given or received, so they are not exchanges and never
move a balance or anyone's last contact; they show who in the network
connects people, and what came of it.  Each operation validates everything
first and then writes in one transaction (deletes: ``deletions``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netjournal.domain import BrokeredEntry, Entity
from netjournal.services.entries import JournalKnown
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.services.journal import Journal
from netjournal.services.rules import Known, not_future
from netjournal.services.validation import NotFoundError, ValidationError, optional_text, parse_date, required_text
from netjournal.store.models import BrokeredIntroduction

_SELECT = (
    "SELECT b.id, b.date, b.broker_id, p.name, b.summary, b.first_person_id, f.name, b.second_person_id, s.name, "
    "b.outcome FROM brokered_introduction b JOIN person p ON p.id = b.broker_id "
    "LEFT JOIN person f ON f.id = b.first_person_id LEFT JOIN person s ON s.id = b.second_person_id"
)


@dataclass(slots=True)
class BrokeredInput:
    broker_id: int | None  # who made the introduction
    first_person_id: int | None  # whom they introduced
    second_person_id: int | None  # to whom
    summary: str  # what it was for, specifically
    date: dt.date | str | None = None
    outcome: str = ""


def brokered_entry(row: tuple) -> BrokeredEntry:
    eid, day, broker, broker_name, summary, first, first_name, second, second_name, outcome = row
    return BrokeredEntry(
        eid, dt.date.fromisoformat(day), broker, broker_name, summary, first, first_name, second, second_name, outcome
    )


def validated(journal: Journal, data: BrokeredInput, before: BrokeredEntry | None = None) -> dict[str, object]:
    """The row's columns, checked against ``journal``; raises ``ValidationError`` naming the field at fault.

    Editing (``before``), a place already empty (its person was deleted) may stay empty.
    """
    empty = frozenset()
    if before is not None:
        empty = frozenset(
            field
            for field, person_id in (
                ("first_person", before.first_person_id),
                ("second_person", before.second_person_id),
            )
            if person_id is None
        )
    return brokered_columns(JournalKnown(journal), data, dt.date.today(), may_be_empty=empty)


def brokered_columns(
    known: Known, data: BrokeredInput, today: dt.date, *, may_be_empty: frozenset[str] = frozenset()
) -> dict[str, object]:
    """The row's columns, checked by the rules alone (the demo checks its rows here too)."""
    named = (
        ("broker", data.broker_id, "Who made the introduction"),
        ("first_person", data.first_person_id, "Whom they introduced"),
        ("second_person", data.second_person_id, "To whom"),
    )
    for field, person_id, label in named:
        if person_id is None and field in may_be_empty:
            continue
        if person_id is None:
            raise ValidationError(field, f"{label} is missing: choose a person.")
        if not known.has_person(person_id):
            raise ValidationError(field, f"{label} is not in this journal.")
    if data.first_person_id == data.second_person_id and data.first_person_id is not None:
        raise ValidationError("second_person", "An introduction connects two different people.")
    if data.broker_id in (data.first_person_id, data.second_person_id):
        raise ValidationError("broker", "The one who made the introduction is not one of the two introduced.")
    return {
        "date": not_future("date", parse_date("date", data.date, default=today), today),
        "broker": data.broker_id,
        "first_person": data.first_person_id,
        "second_person": data.second_person_id,
        "summary": required_text("summary", data.summary, "What it was for"),
        "outcome": optional_text("outcome", data.outcome, "What came of it"),
    }


def _people(*ids: object) -> tuple[int, ...]:
    return tuple(sorted({p for p in ids if isinstance(p, int)}))


def add_brokered(journal: Journal, data: BrokeredInput) -> int:
    values = validated(journal, data)
    with journal.write() as changes:
        row_id = journal.insert(BrokeredIntroduction, values)
        people = _people(values["broker"], values["first_person"], values["second_person"])
        changes.append(JournalChange(Entity.BROKERED_INTRODUCTION, ChangeAction.ADDED, (row_id,), people))
    return row_id


def get_brokered(journal: Journal, row_id: int) -> BrokeredEntry:
    row = journal.sql(f"{_SELECT} WHERE b.id = ?", (row_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"There is no introduction with id {row_id}.")
    return brokered_entry(row)


def update_brokered(journal: Journal, row_id: int, data: BrokeredInput) -> None:
    before = get_brokered(journal, row_id)
    values = validated(journal, data, before)
    people = _people(
        values["broker"], values["first_person"], values["second_person"],
        before.person_id, before.first_person_id, before.second_person_id,
    )  # fmt: skip
    with journal.write() as changes:
        journal.update(BrokeredIntroduction, row_id, values)
        changes.append(JournalChange(Entity.BROKERED_INTRODUCTION, ChangeAction.UPDATED, (row_id,), people))


def set_brokered_outcome(journal: Journal, row_id: int, outcome: str) -> None:
    """Record (or clear, with an empty text) what came of an introduction between others."""
    before = get_brokered(journal, row_id)
    text = optional_text("outcome", outcome, "What came of it")
    people = _people(before.person_id, before.first_person_id, before.second_person_id)
    with journal.write() as changes:
        journal.update(BrokeredIntroduction, row_id, {"outcome": text})
        changes.append(JournalChange(Entity.BROKERED_INTRODUCTION, ChangeAction.UPDATED, (row_id,), people))
