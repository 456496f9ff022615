"""Schema version 9: what merging copies of one journal needs inside the journal.

- ``entry_history``: versions of rows that lost a conflict (or were edited
  after their parent was deleted), kept so that a merge never loses an edit.
  A history row is tracked like an entry (UUID, times, tombstone) and its
  UUID is derived from the version it keeps, so two devices that decide the
  same conflict write the same history row.
- Tombstones are stamped after the version they delete even when this
  device's clock is behind the one that wrote that version: a deletion must
  never look older than the row it removed, or another copy would bring the
  row back.  Deleting a row also deletes its history (a deletion is meant).
- ``sync_outbox``: a local, trigger-fed list of the rows and tombstones
  written since this device last wrote a change file, numbered by a local
  sequence (never by clock stamps, so a clock that jumps loses nothing).  It
  fills only once the journal takes part in a sync (the ``sync:outbox`` key
  in ``journal_meta``), so a journal that never syncs keeps no outbox.
"""

from __future__ import annotations

import peewee

from netjournal.store.clock import STAMP_SQL

HISTORY_DDL = """CREATE TABLE entry_history (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL,
    row_uuid TEXT NOT NULL,
    version_updated_at TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    values_json TEXT NOT NULL,
    superseded_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
)"""

OUTBOX_DDL = """CREATE TABLE sync_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entity TEXT NOT NULL,
    uuid TEXT NOT NULL
)"""

OUTBOX_KEY = "sync:outbox"
"""The ``journal_meta`` key whose presence turns the outbox on."""

# The tables tracked as of version 9, and their entity names (``store.tables`` has today's list).
TRACKED_IN_V9: dict[str, str] = {
    "person": "person",
    "circumstance": "circumstance",
    "exchange": "exchange",
    "touchpoint": "touchpoint",
    "open_loop": "loop",
    "reflection": "reflection",
    "prompt_state": "prompt_state",
    "contact_detail": "contact_detail",
    "brokered_introduction": "brokered_introduction",
    "entry_history": "entry_history",
}

_AFTER = "strftime('%Y-%m-%dT%H:%M:%fZ', old.updated_at, '+0.001 seconds')"
_ON = f"WHEN EXISTS (SELECT 1 FROM journal_meta WHERE key = '{OUTBOX_KEY}')"
# A person's last-entry date is derived (kept by the entries' triggers): it is not a change to send.
_PERSON_COLUMNS = "uuid, name, organisation, role, how_met, notes, tags, cadence_days, archived, created_at, updated_at"


def tombstone_trigger_v9(table: str, entity: str) -> str:
    history = "" if table == "entry_history" else "DELETE FROM entry_history WHERE row_uuid = old.uuid; "
    return (
        f"CREATE TRIGGER {table}_tombstone_ad AFTER DELETE ON {table} WHEN old.uuid IS NOT NULL BEGIN "
        "INSERT OR REPLACE INTO tombstone(entity, uuid, deleted_at) "
        f"VALUES ('{entity}', old.uuid, max({STAMP_SQL}, {_AFTER})); {history}END;"
    )


def outbox_triggers(table: str, entity: str) -> list[str]:
    of = f" OF {_PERSON_COLUMNS}" if table == "person" else ""
    add = f"INSERT INTO sync_outbox(entity, uuid) VALUES ('{entity}', new.uuid);"
    return [
        f"CREATE TRIGGER {table}_outbox_ai AFTER INSERT ON {table} {_ON} BEGIN {add} END;",
        f"CREATE TRIGGER {table}_outbox_au AFTER UPDATE{of} ON {table} {_ON} BEGIN {add} END;",
    ]


TOMBSTONE_OUTBOX_TRIGGERS = (
    f"CREATE TRIGGER tombstone_outbox_ai AFTER INSERT ON tombstone {_ON} BEGIN "
    "INSERT INTO sync_outbox(entity, uuid) VALUES (new.entity, new.uuid); END;",
    f"CREATE TRIGGER tombstone_outbox_au AFTER UPDATE ON tombstone {_ON} BEGIN "
    "INSERT INTO sync_outbox(entity, uuid) VALUES (new.entity, new.uuid); END;",
)


def migrate_to_v9(db: peewee.Database) -> None:
    """Version 9: entry history, tombstones stamped after what they delete, the sync outbox."""
    db.execute_sql(HISTORY_DDL)
    db.execute_sql("CREATE INDEX entry_history_row ON entry_history(row_uuid)")
    db.execute_sql(OUTBOX_DDL)
    for table, entity in TRACKED_IN_V9.items():
        db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_tombstone_ad")
        db.execute_sql(tombstone_trigger_v9(table, entity))
        for statement in outbox_triggers(table, entity):
            db.execute_sql(statement)
    for statement in TOMBSTONE_OUTBOX_TRIGGERS:
        db.execute_sql(statement)
