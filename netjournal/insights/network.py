"""The whole network at a glance: contributions, introductions, people helped, dormant ties."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from netjournal.insights.patterns import DORMANT_DAYS

# Received significance that makes a tie "valuable" (about three solid favours);
# prompts use the same bar for "once helped you a lot".
VALUABLE_RECEIVED_SIGNIFICANCE = 8

__all__ = ["DORMANT_DAYS", "VALUABLE_RECEIVED_SIGNIFICANCE", "DormantTie", "NetworkSummary", "TieValue"]


@dataclass(frozen=True, slots=True)
class TieValue:
    """What one person has given the owner over all time, and when they last met."""

    person_id: int
    name: str
    received_count: int
    received_significance: int
    last_entry_on: dt.date | None


@dataclass(frozen=True, slots=True)
class DormantTie:
    person_id: int
    name: str
    received_significance: int
    received_count: int
    last_entry_on: dt.date
    days_since: int


@dataclass(frozen=True, slots=True)
class NetworkSummary:
    contributions_12m: int
    introductions_made_12m: int
    people_helped_12m: int
    dormant_valuable: tuple[DormantTie, ...]


def dormant_valuable_ties(
    ties: Sequence[TieValue],
    *,
    today: dt.date,
    dormant_days: int = DORMANT_DAYS,
    min_received_significance: int = VALUABLE_RECEIVED_SIGNIFICANCE,
    limit: int = 20,
) -> tuple[DormantTie, ...]:
    """People who once gave real value and have been quiet for a year, most valuable first."""
    found = [
        DormantTie(
            t.person_id,
            t.name,
            t.received_significance,
            t.received_count,
            t.last_entry_on,
            (today - t.last_entry_on).days,
        )
        for t in ties
        if t.last_entry_on is not None
        and t.received_significance >= min_received_significance
        and (today - t.last_entry_on).days > dormant_days
    ]
    found.sort(key=lambda d: (-d.received_significance, d.last_entry_on, d.person_id))
    return tuple(found[:limit])
