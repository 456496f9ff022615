"""Counts for the status bar."""

from __future__ import annotations

from dataclasses import dataclass

from netjournal.store.models import database


@dataclass(frozen=True, slots=True)
class JournalCounts:
    people: int
    exchanges: int
    touchpoints: int
    open_loops: int


def journal_counts() -> JournalCounts:
    row = (
        database()
        .execute_sql(
            "SELECT (SELECT count(*) FROM person WHERE archived = 0), (SELECT count(*) FROM exchange), "
            "(SELECT count(*) FROM touchpoint), (SELECT count(*) FROM open_loop WHERE done_on IS NULL)"
        )
        .fetchone()
    )
    return JournalCounts(*row)
