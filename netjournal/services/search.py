"""Full-text search over everything in the journal, inside the encrypted file."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from netjournal.domain import Entity, EntryType
from netjournal.services.journal import Journal

_TOKEN = re.compile(r"\w+", re.UNICODE)
SNIPPET_START = "\x02"  # marks around matched words, replaced by the view
SNIPPET_END = "\x03"


@dataclass(frozen=True, slots=True)
class SearchHit:
    entity: Entity
    entity_id: int
    person_id: int | None
    person_name: str | None
    date: dt.date | None
    snippet: str

    @property
    def entry_type(self) -> EntryType | None:
        try:
            return EntryType(self.entity)
        except ValueError:
            return None

    def plain_snippet(self) -> str:
        return self.snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, "")


def match_expression(query: str) -> str | None:
    """User text to an FTS5 query: every word must appear, the last one as a prefix.

    Quoting each word keeps FTS5 operators and punctuation in user text from
    becoming syntax errors.
    """
    words = _TOKEN.findall(query)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search(journal: Journal, query: str, *, limit: int = 50) -> list[SearchHit]:
    """Matches, newest first, with a short snippet around the matched words."""
    expression = match_expression(query)
    if expression is None:
        return []
    # The rowid starts with the entry's day (schema v3), so FTS5 walks its own
    # index newest first and stops after ``limit`` rows; snippets are built
    # only for those.
    sql = (
        "SELECT s.entity, s.entity_id, s.person_id, p.name, s.date, s.snip FROM ("
        "  SELECT rowid, entity, entity_id, person_id, date, "
        f"  snippet(search_index, 0, '{SNIPPET_START}', '{SNIPPET_END}', '…', 12) AS snip "
        "  FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?"
        ") s LEFT JOIN person p ON p.id = s.person_id ORDER BY s.rowid DESC"
    )
    hits = []
    for entity, entity_id, person_id, name, date, snippet in journal.sql(sql, (expression, limit)):
        day = dt.date.fromisoformat(date[:10]) if date else None
        hits.append(SearchHit(Entity(entity), int(entity_id), person_id, name, day, snippet))
    return hits
