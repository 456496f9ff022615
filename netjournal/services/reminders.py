"""Open loops that are due: today's and the overdue ones, and when the next one falls due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netjournal.domain import LoopKind
from netjournal.services.journal import Journal


@dataclass(frozen=True, slots=True)
class DueLoop:
    id: int
    what: str
    due_on: dt.date
    kind: LoopKind
    person_id: int | None
    person_name: str | None

    def days_late(self, today: dt.date) -> int:
        return max(0, (today - self.due_on).days)


@dataclass(frozen=True, slots=True)
class DueLoops:
    loops: tuple[DueLoop, ...]  # the most overdue first
    next_due_on: dt.date | None  # the first day after today on which another open loop falls due

    def due_today(self, today: dt.date) -> tuple[DueLoop, ...]:
        return tuple(loop for loop in self.loops if loop.due_on == today)


def due_loops(journal: Journal, today: dt.date) -> DueLoops:
    rows = journal.sql(
        "SELECT l.id, l.what, l.due_on, l.loop_kind, l.person_id, p.name "
        "FROM open_loop l LEFT JOIN person p ON p.id = l.person_id "
        "WHERE l.done_on IS NULL AND l.due_on IS NOT NULL AND l.due_on <= ? ORDER BY l.due_on, l.id",
        (today.isoformat(),),
    ).fetchall()
    (upcoming,) = journal.sql(
        "SELECT min(due_on) FROM open_loop WHERE done_on IS NULL AND due_on > ?", (today.isoformat(),)
    ).fetchone()
    loops = tuple(
        DueLoop(lid, what, dt.date.fromisoformat(str(due)), LoopKind(kind), pid, name)
        for lid, what, due, kind, pid, name in rows
    )
    return DueLoops(loops, dt.date.fromisoformat(str(upcoming)) if upcoming else None)
