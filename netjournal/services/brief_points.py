"""Talking points for a person brief, each saying which entry it comes from.

A talking point is a suggestion, not an instruction: it names its source (a
loop falling due, a seed planted long ago, a year to the day since something
that mattered, a circumstance ending, an entry too vague to remember by) so
the reader can judge it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netjournal.domain import Direction, ExchangeRecord
from netjournal.insights.ledger import Seed, years_before
from netjournal.insights.specificity import score_specificity
from netjournal.services.prompting import ANNIVERSARY_MIN_SIGNIFICANCE
from netjournal.wording import days

if TYPE_CHECKING:
    from netjournal.services.brief import CircumstanceLine, OpenLoopLine

LOOP_SOON_DAYS = 14  # a loop due within two weeks is worth raising
OLD_SEED_DAYS = 365  # a gift unreturned for a year may be worth a word (never a demand)
ANNIVERSARY_WINDOW_DAYS = 14  # an anniversary in the coming two weeks
CIRCUMSTANCE_WINDOW_DAYS = 30  # ending within a month, or ended within the last one
MAX_PER_SOURCE = 3


class PointSource(enum.StrEnum):
    LOOP = "open loop"
    SEED = "seed planted"
    ANNIVERSARY = "anniversary"
    CIRCUMSTANCE = "circumstance"
    VAGUE = "vague entry"


@dataclass(frozen=True, slots=True)
class TalkingPoint:
    text: str
    source: PointSource
    source_detail: str  # the entry it comes from, in words, with its date


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return f"\u201c{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}\u201d"


def _loop_points(loops: Sequence[OpenLoopLine], today: dt.date) -> list[TalkingPoint]:
    points = []
    for loop in loops:
        if loop.due_on is None or (loop.due_on - today).days > LOOP_SOON_DAYS:
            continue
        if loop.overdue_days:
            when = f"{days(loop.overdue_days)} overdue"
        else:
            when = "due today" if loop.due_on == today else f"due in {days((loop.due_on - today).days)}"
        text = (
            f"You promised {_quote(loop.what)}: {when}. Deliver it, or say when you will."
            if loop.promised
            else f"You asked for {_quote(loop.what)}: {when}. Ask kindly how it is going."
        )
        source = f"open loop #{loop.id}, due {loop.due_on.isoformat()}"
        points.append(TalkingPoint(text, PointSource.LOOP, source))
    return points[:MAX_PER_SOURCE]


def _seed_points(seeds: Sequence[Seed]) -> list[TalkingPoint]:
    old = [s for s in seeds if s.age_days >= OLD_SEED_DAYS]
    old.sort(key=lambda s: (-s.significance, s.date))
    return [
        TalkingPoint(
            f"Ask how {_quote(s.summary)} turned out ({s.age_days // 365} year{'s' if s.age_days >= 730 else ''} ago).",
            PointSource.SEED,
            f"exchange #{s.exchange_id}, given {s.date.isoformat()}, not returned",
        )
        for s in old[:MAX_PER_SOURCE]
    ]


def _anniversary_points(exchanges: Sequence[ExchangeRecord], today: dt.date) -> list[TalkingPoint]:
    points = []
    for e in sorted(exchanges, key=lambda e: (-e.significance, e.date)):
        if e.significance < ANNIVERSARY_MIN_SIGNIFICANCE:
            continue
        for years in range(1, today.year - e.date.year + 1):
            # The exchange's day ``years`` later (years_before, run backwards, handles 29 February).
            anniversary = years_before(e.date, -years)
            if 0 <= (anniversary - today).days <= ANNIVERSARY_WINDOW_DAYS:
                verb = "you gave" if e.direction is Direction.GIVEN else "they gave you"
                when = "today" if anniversary == today else f"on {anniversary.isoformat()}"
                points.append(
                    TalkingPoint(
                        f"{years} year{'s' if years > 1 else ''} {when} since {verb} {_quote(e.summary)}.",
                        PointSource.ANNIVERSARY,
                        f"exchange #{e.id}, {e.date.isoformat()}, significance {e.significance}",
                    )
                )
    return points[:MAX_PER_SOURCE]


def _circumstance_points(circumstances: Sequence[CircumstanceLine], today: dt.date) -> list[TalkingPoint]:
    points = []
    for c in circumstances:
        if c.end is None or abs((c.end - today).days) > CIRCUMSTANCE_WINDOW_DAYS:
            continue
        when = "ended" if c.end < today else "ends"
        points.append(
            TalkingPoint(
                f"{_quote(c.note)} {when} {c.end.isoformat()}: ask how things are now.",
                PointSource.CIRCUMSTANCE,
                f"circumstance from {c.start.isoformat()} to {c.end.isoformat()}",
            )
        )
    return points[:MAX_PER_SOURCE]


def _vague_points(exchanges: Sequence[ExchangeRecord]) -> list[TalkingPoint]:
    vague = [e for e in reversed(exchanges) if score_specificity(e.summary, e.details).is_vague]
    return [
        TalkingPoint(
            f"Clarify {_quote(e.summary)}: what exactly was it, and what came of it?",
            PointSource.VAGUE,
            f"exchange #{e.id}, {e.date.isoformat()}, too vague to remember by",
        )
        for e in vague[:MAX_PER_SOURCE]
    ]


def talking_points(
    exchanges: Sequence[ExchangeRecord],
    loops: Sequence[OpenLoopLine],
    seeds: Sequence[Seed],
    circumstances: Sequence[CircumstanceLine],
    today: dt.date,
) -> tuple[TalkingPoint, ...]:
    """The points in the order they are most pressing: loops, circumstances, anniversaries, seeds, vague entries."""
    return tuple(
        _loop_points(loops, today)
        + _circumstance_points(circumstances, today)
        + _anniversary_points(exchanges, today)
        + _seed_points(seeds)
        + _vague_points(exchanges)
    )
