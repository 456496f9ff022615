"""Counts for the status bar."""

from __future__ import annotations

from dataclasses import dataclass

from netjournal.services.journal import Journal


@dataclass(frozen=True, slots=True)
class JournalCounts:
    people: int
    exchanges: int
    touchpoints: int
    open_loops: int


def journal_counts(journal: Journal) -> JournalCounts:
    row = journal.sql(
        "SELECT (SELECT count(*) FROM person WHERE archived = 0), (SELECT count(*) FROM exchange), "
        "(SELECT count(*) FROM touchpoint), (SELECT count(*) FROM open_loop WHERE done_on IS NULL)"
    ).fetchone()
    return JournalCounts(*row)
