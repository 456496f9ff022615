"""Private pattern hints: how value has tended to flow with one person, and why we think so.

A hint is a reflective aid, never a verdict.  Each carries the reasons it
rests on and the ids of the entries behind each reason, and it is softened
while a recorded circumstance (illness, a new job, a crunch) covers the
window it looks at.

How a hint is chosen, in order:

1. *new*: the first entry with this person is less than ``NEW_DAYS`` old (or there is none);
2. *dormant*: nothing for ``DORMANT_DAYS`` (or twice the keep-in-touch cadence, if longer);
3. over the ledger's three-year window, significance given vs received:
   *mostly you give* when given is at least ``IMBALANCE`` times received (and at least two gifts),
   *mostly you receive* the other way round, *mutual* otherwise.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from netjournal.domain import CircumstanceRecord, Direction, ExchangeRecord
from netjournal.insights.ledger import WINDOW_BY_KEY
from netjournal.wording import days, days_ago

NEW_DAYS = 90
DORMANT_DAYS = 365
WINDOW = WINDOW_BY_KEY["3y"]  # the same span the ledger's "3 years" shows
# A circumstance softens a hint only if it touches the recent part of the window:
# a week of jury duty three years ago explains nothing about today.
SOFTENING_DAYS = 365
IMBALANCE = 2.0


class Pattern(enum.StrEnum):
    MUTUAL = "mutual"
    MOSTLY_YOU_GIVE = "mostly_you_give"
    MOSTLY_YOU_RECEIVE = "mostly_you_receive"
    DORMANT = "dormant"
    NEW = "new"


PATTERN_LABELS = {
    Pattern.MUTUAL: "Mutual",
    Pattern.MOSTLY_YOU_GIVE: "Mostly you give",
    Pattern.MOSTLY_YOU_RECEIVE: "Mostly you receive",
    Pattern.DORMANT: "Dormant",
    Pattern.NEW: "New",
}


@dataclass(frozen=True, slots=True)
class Reason:
    text: str
    entry_ids: tuple[int, ...] = ()  # exchange ids the reason rests on


@dataclass(frozen=True, slots=True)
class PatternHint:
    pattern: Pattern
    reasons: tuple[Reason, ...]
    softened_by: tuple[CircumstanceRecord, ...] = ()

    @property
    def label(self) -> str:
        return PATTERN_LABELS[self.pattern]

    @property
    def softened(self) -> bool:
        return bool(self.softened_by)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _days_ago(count: int) -> str:
    return days_ago(count)


def pattern_hint(
    exchanges: Sequence[ExchangeRecord],
    *,
    today: dt.date,
    first_entry_on: dt.date | None,
    last_entry_on: dt.date | None,
    cadence_days: int | None = None,
    circumstances: Sequence[CircumstanceRecord] = (),
    name: str = "this person",
) -> PatternHint:
    if first_entry_on is None or (today - first_entry_on).days < NEW_DAYS:
        text = (
            "Nothing logged with them yet."
            if first_entry_on is None
            else f"Your first entry with {name} was {_days_ago((today - first_entry_on).days)}."
        )
        return PatternHint(Pattern.NEW, (Reason(text, tuple(e.id for e in exchanges[:5])),))

    dormant_after = max(DORMANT_DAYS, 2 * cadence_days if cadence_days else 0)
    if last_entry_on is not None and (today - last_entry_on).days > dormant_after:
        past = sorted(exchanges, key=lambda e: (-e.significance, e.date))[:3]
        reasons = [Reason(f"Nothing logged since {last_entry_on.isoformat()} ({days((today - last_entry_on).days)}).")]
        if past:
            reasons.append(Reason("Before that, these mattered most:", tuple(e.id for e in past)))
        return PatternHint(Pattern.DORMANT, tuple(reasons))

    start = WINDOW.start(today)
    assert start is not None  # a window of three years always starts
    recent = [e for e in exchanges if start <= e.date <= today]
    given = [e for e in recent if e.direction is Direction.GIVEN]
    received = [e for e in recent if e.direction is Direction.RECEIVED]
    given_sig = sum(e.significance for e in given)
    received_sig = sum(e.significance for e in received)
    summary = Reason(
        f"In the last three years you gave {_plural(len(given), 'time')} (significance {given_sig}) "
        f"and received {_plural(len(received), 'time')} (significance {received_sig}).",
        tuple(e.id for e in recent),
    )
    if len(given) >= 2 and given_sig >= IMBALANCE * max(received_sig, 1):
        pattern = Pattern.MOSTLY_YOU_GIVE
        detail = Reason("What you gave:", tuple(e.id for e in given))
    elif len(received) >= 2 and received_sig >= IMBALANCE * max(given_sig, 1):
        pattern = Pattern.MOSTLY_YOU_RECEIVE
        detail = Reason("What you received:", tuple(e.id for e in received))
    else:
        pattern = Pattern.MUTUAL
        detail = None
    reasons = [summary] + ([detail] if detail else [])
    softening_since = today - dt.timedelta(days=SOFTENING_DAYS)
    covering = tuple(c for c in circumstances if c.covers(max(start, softening_since), today))
    if covering and pattern in (Pattern.MOSTLY_YOU_GIVE, Pattern.MOSTLY_YOU_RECEIVE):
        for c in covering:
            span = f"since {c.start.isoformat()}" if c.end is None else f"{c.start.isoformat()} to {c.end.isoformat()}"
            reasons.append(Reason(f"Circumstance ({span}): {c.note}. This may explain the imbalance."))
        return PatternHint(pattern, tuple(reasons), covering)
    return PatternHint(pattern, tuple(reasons))


@dataclass(frozen=True, slots=True)
class ExtractionSignal:
    """A person with whom the owner's own recent entries are mostly asks."""

    person_id: int
    asks: int
    offers: int
    entry_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PersonActivity:
    """The owner's recent entries with one person, reduced to asks and offers."""

    person_id: int
    received_ids: tuple[int, ...] = ()  # exchanges received
    asked_loop_ids: tuple[int, ...] = ()  # open loops where the owner asked
    given_count: int = 0
    touchpoint_count: int = 0
    promised_count: int = 0


def extraction_pattern(activity: Sequence[PersonActivity], *, min_asks: int = 2) -> list[ExtractionSignal]:
    """People with whom the owner mostly takes: asks at least twice the offers.

    Asks are received exchanges and loops where the owner asked; offers are
    given exchanges, touchpoints and promises.  Strongest first.
    """
    signals = []
    for a in activity:
        asks = len(a.received_ids) + len(a.asked_loop_ids)
        offers = a.given_count + a.touchpoint_count + a.promised_count
        if asks >= min_asks and asks >= 2 * offers:
            signals.append(ExtractionSignal(a.person_id, asks, offers, a.received_ids))
    signals.sort(key=lambda s: (s.offers - s.asks, s.person_id))
    return signals
