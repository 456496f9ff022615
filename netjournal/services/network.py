"""Whole-network views, aggregated in SQL and interpreted by ``insights``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netjournal.insights.network import (
    DORMANT_DAYS,
    VALUABLE_RECEIVED_SIGNIFICANCE,
    NetworkSummary,
    TieValue,
    dormant_valuable_ties,
)
from netjournal.insights.patterns import ExtractionSignal, PersonActivity, extraction_pattern
from netjournal.services.journal import Journal


def _scalar(journal: Journal, sql: str, params: tuple | dict) -> int:
    return int(journal.sql(sql, params).fetchone()[0] or 0)


def valuable_ties(journal: Journal, *, quiet_since: dt.date, min_received_significance: int) -> list[TieValue]:
    rows = journal.sql(
        "SELECT p.id, p.name, count(*), sum(e.significance), p.last_entry_on "
        "FROM person p CROSS JOIN exchange e ON e.person_id = p.id "  # few quiet people first, then their rows
        "WHERE p.last_entry_on < ? AND p.archived = 0 AND e.direction = 'received' "
        "GROUP BY p.id HAVING sum(e.significance) >= ?",
        (quiet_since.isoformat(), min_received_significance),
    )
    return [
        TieValue(pid, name, count, total, dt.date.fromisoformat(last) if last else None)
        for pid, name, count, total, last in rows
    ]


def network_summary(journal: Journal, today: dt.date | None = None) -> NetworkSummary:
    today = today or dt.date.today()
    since = (today - dt.timedelta(days=365)).isoformat()
    contributions = _scalar(
        journal, "SELECT count(*) FROM exchange WHERE person_id IS NULL AND direction = 'given' AND date >= ?", (since,)
    )
    introductions = _scalar(
        journal,
        "SELECT count(*) FROM exchange WHERE kind = 'introduction' AND direction = 'given' AND date >= ?",
        (since,),
    )
    helped = _scalar(
        journal,
        "SELECT count(*) FROM ("
        " SELECT person_id AS p FROM exchange WHERE direction = 'given' AND date >= :s AND +person_id IS NOT NULL"
        " UNION SELECT second_person_id FROM exchange"
        "  WHERE direction = 'given' AND kind = 'introduction' AND date >= :s AND +second_person_id IS NOT NULL)",
        {"s": since},
    )
    ties = valuable_ties(
        journal,
        quiet_since=today - dt.timedelta(days=DORMANT_DAYS),
        min_received_significance=VALUABLE_RECEIVED_SIGNIFICANCE,
    )
    return NetworkSummary(contributions, introductions, helped, dormant_valuable_ties(ties, today=today))


def own_extraction_pattern(
    journal: Journal, today: dt.date | None = None, *, days: int = 365
) -> list[ExtractionSignal]:
    """People with whom the owner's own recent entries are mostly asks."""
    today = today or dt.date.today()
    since = (today - dt.timedelta(days=days)).isoformat()
    received: dict[int, list[int]] = {}
    given: dict[int, int] = {}
    for pid, eid, direction in journal.sql(
        "SELECT person_id, id, direction FROM exchange WHERE date >= ? AND person_id IS NOT NULL", (since,)
    ):
        if direction == "received":
            received.setdefault(pid, []).append(eid)
        else:
            given[pid] = given.get(pid, 0) + 1
    asked: dict[int, list[int]] = {}
    promised: dict[int, int] = {}
    for pid, lid, kind in journal.sql(
        "SELECT person_id, id, loop_kind FROM open_loop WHERE opened_on >= ? AND person_id IS NOT NULL", (since,)
    ):
        if kind == "asked":
            asked.setdefault(pid, []).append(lid)
        else:
            promised[pid] = promised.get(pid, 0) + 1
    touches = dict(
        journal.sql(
            "SELECT person_id, count(*) FROM touchpoint WHERE date >= ? GROUP BY person_id", (since,)
        ).fetchall()
    )
    candidates = set(received) | set(asked)
    activity = [
        PersonActivity(
            pid,
            tuple(received.get(pid, ())),
            tuple(asked.get(pid, ())),
            given.get(pid, 0),
            touches.get(pid, 0),
            promised.get(pid, 0),
        )
        for pid in sorted(candidates)
    ]
    return extraction_pattern(activity)


@dataclass(frozen=True, slots=True)
class AskingTie:
    """Someone with whom the owner's own recent entries are mostly asks, by name."""

    person_id: int
    name: str
    asks: int
    offers: int


def asking_ties(journal: Journal, today: dt.date | None = None, *, limit: int = 8) -> list[AskingTie]:
    """The owner's extraction pattern with names, strongest first."""
    signals = own_extraction_pattern(journal, today)[:limit]
    if not signals:
        return []
    marks = ",".join("?" * len(signals))
    names = dict(journal.sql(f"SELECT id, name FROM person WHERE id IN ({marks})", [s.person_id for s in signals]))
    return [AskingTie(s.person_id, names.get(s.person_id, "?"), s.asks, s.offers) for s in signals]
