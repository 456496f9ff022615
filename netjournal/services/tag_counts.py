"""Every tag and how many people carry it, counted in SQL.

Tags are stored on each person as one comma-separated text (``people._normalise_tags``);
a recursive query splits them, so no person row is loaded. Tags that differ only
in case are one tag, shown as most people spell it.
"""

from __future__ import annotations

from dataclasses import dataclass

from netjournal.services.journal import Journal


@dataclass(frozen=True, slots=True)
class TagCount:
    tag: str
    people: int
    archived: int  # of those, how many are archived


_SPLIT = (
    "WITH RECURSIVE split(person, archived, tag, rest) AS ("
    " SELECT id, archived, '', tags || ',' FROM person WHERE tags != ''"
    " UNION ALL SELECT person, archived, trim(substr(rest, 1, instr(rest, ',') - 1)),"
    "  substr(rest, instr(rest, ',') + 1) FROM split WHERE rest != ''"
    "), spelt AS (SELECT lower(tag) AS folded, tag, count(*) AS n FROM split WHERE tag != '' GROUP BY tag) "
)


def tag_counts(journal: Journal) -> list[TagCount]:
    """Most used first, then alphabetically."""
    rows = journal.sql(
        _SPLIT + "SELECT (SELECT s.tag FROM spelt s WHERE s.folded = lower(split.tag) ORDER BY s.n DESC, s.tag"
        " LIMIT 1), count(DISTINCT person), count(DISTINCT CASE WHEN archived THEN person END) "
        "FROM split WHERE tag != '' GROUP BY lower(tag) ORDER BY 2 DESC, 1 COLLATE NOCASE"
    )
    return [TagCount(tag, int(people), int(archived)) for tag, people, archived in rows]
