"""Many rows at once into an empty journal: the derived data built once at the end, not row by row.

Row by row, indexing each entry for search and dating each person's last
entry took four fifths of an import (14 s for 100,000 entries).  Inside the
import's transaction ``BulkLoad`` drops those insert triggers, the rows go
in, ``finish`` does the same work in a few statements and creates the
triggers again: a rollback undoes all of it.
"""

from __future__ import annotations

from typing import Any

from netjournal.store import schema
from netjournal.store.brokered_schema import BROKERED_SEARCH_SOURCE
from netjournal.store.details_schema import DETAIL_SEARCH_SOURCE
from netjournal.store.identity_schema import SEARCH_SOURCES, search_triggers

# Today's: v5's, contact details since v6, introductions between others since v8.
_SEARCH_SOURCES = (*SEARCH_SOURCES, DETAIL_SEARCH_SOURCE, BROKERED_SEARCH_SOURCE)
_INSERT_TRIGGERS = {
    **{f"{source[0]}_search_ai": search_triggers(*source)[0] for source in _SEARCH_SOURCES},
    **schema.LAST_ENTRY_INSERT_TRIGGERS,
}


def _set_aside_insert_triggers(db: Any) -> list[str] | None:
    """Drop the search and last-entry insert triggers, returning the SQL that creates them again.

    ``None``, and nothing dropped, unless they are exactly the ones this module
    stands in for: a later schema that changed them is imported row by row,
    slower but still by its own triggers.
    """
    found = dict(
        db.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND (name LIKE '%\\_search\\_ai' ESCAPE '\\' OR name LIKE '%\\_last\\_ai' ESCAPE '\\')"
        ).fetchall()
    )
    if found.keys() != _INSERT_TRIGGERS.keys():
        return None
    if any(found[name] != sql.rstrip(";") for name, sql in _INSERT_TRIGGERS.items()):
        return None
    for name in found:
        db.execute_sql(f'DROP TRIGGER "{name}"')
    return list(found.values())


def _day(date_sql: str) -> str:
    return f"CAST(julianday(substr({date_sql}, 1, 10)) AS INTEGER)"


def _index_for_search(db: Any) -> None:
    """Every row's search entry, as the triggers make it; within a day in the order the rows were created."""
    every_row = " UNION ALL ".join(
        f"SELECT {_day(date.format(r=table))} AS day, {table}.created_at AS created, {code} AS code, "
        f"'{entity}' AS entity, {table}.id AS id FROM {table}"
        for code, (table, entity, _body, _person, date) in enumerate(_SEARCH_SOURCES)
    )
    db.execute_sql(
        "INSERT INTO search_key(rowid, entity, entity_id) "
        "SELECT (day << 32) + row_number() OVER (PARTITION BY day ORDER BY created, code, id) - 1, entity, id "
        f"FROM ({every_row})"
    )
    for table, entity, body, person, date in _SEARCH_SOURCES:
        db.execute_sql(
            "INSERT INTO search_index(rowid, body, entity, entity_id, person_id, date) "
            f"SELECT k.rowid, {body.format(r=table)}, '{entity}', {table}.id, {person.format(r=table)}, "
            f"{date.format(r=table)} FROM {table} JOIN search_key k ON k.entity = '{entity}' "
            f"AND k.entity_id = {table}.id ORDER BY k.rowid"
        )


class BulkLoad:
    """Call inside the transaction that inserts the rows, before the first; ``finish`` after the last."""

    def __init__(self, db: Any) -> None:
        self._db = db
        self._set_aside = _set_aside_insert_triggers(db)

    def finish(self) -> None:
        db = self._db
        if self._set_aside is not None:
            schema.recompute_last_entries(db)
            _index_for_search(db)
            for statement in self._set_aside:
                db.execute_sql(statement)
        # Fold the index segments that many thousand writes leave (as a demo journal does).
        db.execute_sql("INSERT INTO search_index(search_index) VALUES('optimize')")
        db.execute_sql("INSERT INTO person_name_index(person_name_index) VALUES('optimize')")
