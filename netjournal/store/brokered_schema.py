"""Schema version 8: introductions that someone else made between two of your people.

"Ana introduced Ben to Chen" is not value given or received (the owner is
none of the three), so it is not an exchange: it lives in a table of its own
and never counts towards a balance or towards anyone's last contact.  It is
a tracked row like every entry (UUID, times, a tombstone when deleted), is
searchable under the person who made it, and keeps what came of it.

Deleting the person who made the introduction deletes it (it is their
story); deleting one of the two introduced leaves it, naming nobody there.
"""

from __future__ import annotations

import peewee

from netjournal.store.identity_schema import search_triggers, tombstone_trigger

BROKERED_DDL = """CREATE TABLE brokered_introduction (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    date TEXT NOT NULL,
    broker_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    first_person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    second_person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    summary TEXT NOT NULL,
    outcome TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
)"""

BROKERED_SEARCH_SOURCE = (
    "brokered_introduction",
    "brokered_introduction",
    "{r}.summary || ' ' || {r}.outcome",
    "{r}.broker_id",
    "{r}.date",
)


def migrate_to_v8(db: peewee.Database) -> None:
    """Version 8: the brokered_introduction table, its indexes, search entries and tombstones."""
    db.execute_sql(BROKERED_DDL)
    # The network timeline pages by date; a person's timeline finds them under any of the three.
    db.execute_sql("CREATE INDEX brokered_date ON brokered_introduction(date)")
    db.execute_sql("CREATE INDEX brokered_broker ON brokered_introduction(broker_id, date)")
    db.execute_sql("CREATE INDEX brokered_first ON brokered_introduction(first_person_id, date)")
    db.execute_sql("CREATE INDEX brokered_second ON brokered_introduction(second_person_id, date)")
    db.execute_sql(tombstone_trigger("brokered_introduction", "brokered_introduction"))
    for statement in search_triggers(*BROKERED_SEARCH_SOURCE):
        db.execute_sql(statement)
