"""The vocabulary every layer shares: directions, kinds of value, plain records.

Nothing here touches the database or Qt, so insights can be computed (and
tested) on plain data.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import ClassVar


class Direction(enum.StrEnum):
    """Which way value moved, seen from the journal's owner."""

    GIVEN = "given"
    RECEIVED = "received"

    @property
    def opposite(self) -> Direction:
        return Direction.RECEIVED if self is Direction.GIVEN else Direction.GIVEN


class Kind(enum.StrEnum):
    """What kind of value an exchange carried."""

    INTRODUCTION = "introduction"
    REFERRAL = "referral"
    INFORMATION = "information"
    ADVICE = "advice"
    EXPERTISE = "expertise"
    FEEDBACK = "feedback"
    OPPORTUNITY = "opportunity"
    SUPPORT = "support"
    RESOURCE = "resource"
    ENDORSEMENT = "endorsement"
    OTHER = "other"


class LoopKind(enum.StrEnum):
    """An open loop is either something the owner promised or something they asked for."""

    PROMISED = "promised"
    ASKED = "asked"


class Entity(enum.StrEnum):
    """Every kind of row a journal holds: the names changes, tombstones and exports use."""

    PERSON = "person"
    CIRCUMSTANCE = "circumstance"
    EXCHANGE = "exchange"
    TOUCHPOINT = "touchpoint"
    LOOP = "loop"
    REFLECTION = "reflection"
    PROMPT_STATE = "prompt_state"
    CONTACT_DETAIL = "contact_detail"
    BROKERED_INTRODUCTION = "brokered_introduction"  # made by someone else, between two others
    ENTRY_HISTORY = "entry_history"  # a version that lost a merge (schema version 9)


class DetailField(enum.StrEnum):
    """The ways to reach or know a person that a contact detail can hold."""

    EMAIL = "email"
    PHONE = "phone"
    WEB = "web"  # a LinkedIn profile is a web address like any other
    LOCATION = "location"
    BIRTHDAY = "birthday"  # "YYYY-MM-DD", or "--MM-DD" when the year is not known


@dataclass(frozen=True, slots=True)
class ContactDetail:
    """One email, phone number, web address, location or birthday, with an optional label."""

    field: DetailField
    value: str
    label: str = ""


class EntryType(enum.StrEnum):
    """The kinds of entry that appear on a timeline."""

    EXCHANGE = "exchange"
    TOUCHPOINT = "touchpoint"
    LOOP = "loop"
    REFLECTION = "reflection"
    BROKERED_INTRODUCTION = "brokered_introduction"  # someone else connected two others


SIGNIFICANCE_RANGE = range(1, 6)


@dataclass(frozen=True, slots=True)
class ExchangeRecord:
    """One exchange as insights see it: no database, just facts."""

    id: int
    date: dt.date
    direction: Direction
    kind: Kind
    summary: str
    significance: int
    person_id: int | None
    second_person_id: int | None = None
    reciprocates_id: int | None = None
    details: str = ""


@dataclass(frozen=True, slots=True)
class CircumstanceRecord:
    id: int
    person_id: int
    note: str
    start: dt.date
    end: dt.date | None = None

    def covers(self, start: dt.date, end: dt.date) -> bool:
        """True when this circumstance overlaps the window [start, end]."""
        return self.start <= end and (self.end is None or self.end >= start)


@dataclass(frozen=True, slots=True)
class ExchangeEntry:
    """An exchange as a timeline shows it."""

    type: ClassVar[EntryType] = EntryType.EXCHANGE
    id: int
    date: dt.date
    person_id: int | None
    person_name: str | None
    summary: str
    direction: Direction
    kind: Kind
    significance: int
    details: str = ""
    second_person_id: int | None = None
    second_person_name: str | None = None
    community: str = ""
    reciprocates_id: int | None = None
    outcome: str = ""  # what came of an introduction, once known

    @property
    def title(self) -> str:
        return self.summary


@dataclass(frozen=True, slots=True)
class TouchpointEntry:
    type: ClassVar[EntryType] = EntryType.TOUCHPOINT
    id: int
    date: dt.date
    person_id: int
    person_name: str | None
    note: str
    channel: str = ""

    @property
    def title(self) -> str:
        return self.note


@dataclass(frozen=True, slots=True)
class LoopEntry:
    """An open loop, on the day it was opened."""

    type: ClassVar[EntryType] = EntryType.LOOP
    id: int
    date: dt.date
    person_id: int | None
    person_name: str | None
    what: str
    loop_kind: LoopKind
    due_on: dt.date | None = None
    done_on: dt.date | None = None

    @property
    def title(self) -> str:
        return self.what


@dataclass(frozen=True, slots=True)
class ReflectionEntry:
    type: ClassVar[EntryType] = EntryType.REFLECTION
    id: int
    date: dt.date
    person_id: int | None
    person_name: str | None
    text: str
    prompt_id: str | None = None
    prompt_text: str = ""  # the question as it was asked, names filled in

    @property
    def title(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class BrokeredEntry:
    """An introduction someone else made between two others: "Ana introduced Ben to Chen".

    ``person_id`` is the one who made it (the entry is theirs); either of the
    two introduced is ``None`` once that person has been deleted.
    """

    type: ClassVar[EntryType] = EntryType.BROKERED_INTRODUCTION
    id: int
    date: dt.date
    person_id: int
    person_name: str | None
    summary: str
    first_person_id: int | None = None
    first_person_name: str | None = None
    second_person_id: int | None = None
    second_person_name: str | None = None
    outcome: str = ""

    @property
    def title(self) -> str:
        return self.summary


TimelineEntry = ExchangeEntry | TouchpointEntry | LoopEntry | ReflectionEntry | BrokeredEntry
"""One row of a timeline: each type of entry with the fields it has."""
