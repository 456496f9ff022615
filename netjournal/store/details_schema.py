"""Schema version 6: a person's contact details (emails, phones, web addresses, location, birthday).

One row per detail, in the order the person's dialog lists them, so a person
can have any number of each and every one carries its own label.  Details are
tracked rows like entries (UUID, times, a tombstone when deleted) and are
searchable: their text goes into the search index under the person.
"""

from __future__ import annotations

import peewee

from netjournal.store.identity_schema import search_triggers, tombstone_trigger

DETAIL_FIELDS = ("email", "phone", "web", "location", "birthday")

CONTACT_DETAIL_DDL = f"""CREATE TABLE contact_detail (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    field TEXT NOT NULL CHECK (field IN ({", ".join(f"'{f}'" for f in DETAIL_FIELDS)})),
    value TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
)"""

# Indexed text, person and date of a detail in the search index: a search for
# an email address or a city finds the person it belongs to.
DETAIL_SEARCH_SOURCE = (
    "contact_detail",
    "contact_detail",
    "{r}.value || ' ' || {r}.label",
    "{r}.person_id",
    "{r}.created_at",
)


def migrate_to_v6(db: peewee.Database) -> None:
    """Version 6: the contact_detail table, its search entries and tombstones."""
    db.execute_sql(CONTACT_DETAIL_DDL)
    db.execute_sql("CREATE INDEX contact_detail_person ON contact_detail(person_id, position)")
    # Matching an import by email or profile address looks details up by value.
    db.execute_sql("CREATE INDEX contact_detail_value ON contact_detail(field, value COLLATE NOCASE)")
    db.execute_sql(tombstone_trigger("contact_detail", "contact_detail"))
    for statement in search_triggers(*DETAIL_SEARCH_SOURCE):
        db.execute_sql(statement)
