"""The vocabulary every layer shares: directions, kinds of value, plain records.

Nothing here touches the database or Qt, so insights can be computed (and
tested) on plain data.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field


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


class EntryType(enum.StrEnum):
    """The kinds of entry that appear on a timeline."""

    EXCHANGE = "exchange"
    TOUCHPOINT = "touchpoint"
    LOOP = "loop"
    REFLECTION = "reflection"


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
class TimelineEntry:
    """One row of a timeline, whatever its type."""

    type: EntryType
    id: int
    date: dt.date
    title: str
    person_id: int | None = None
    person_name: str | None = None
    direction: Direction | None = None
    kind: str | None = None
    significance: int | None = None
    detail: str = ""
    extra: dict[str, object] = field(default_factory=dict)
