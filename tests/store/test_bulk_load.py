"""A bulk load stands in for today's insert triggers, and leaves them as they were."""

from __future__ import annotations

from netjournal.services.journal import Journal
from netjournal.store.bulk_load import BulkLoad


def _insert_triggers(journal: Journal) -> dict[str, str]:
    return dict(
        journal.sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND (name LIKE '%\\_search\\_ai' ESCAPE '\\' OR name LIKE '%\\_last\\_ai' ESCAPE '\\')"
        ).fetchall()
    )


def test_a_new_journal_is_loaded_in_bulk_with_every_table_of_todays_schema(journal: Journal) -> None:
    """Each table that a later schema indexes for search must be known here, or every import goes row by row."""
    before = _insert_triggers(journal)
    assert "brokered_introduction_search_ai" in before
    with journal.write():
        bulk = BulkLoad(journal.db)
        assert _insert_triggers(journal) == {}, "the insert triggers should be set aside"
        bulk.finish()
        assert _insert_triggers(journal) == before
