"""Schema version 5: stable identities, update times, tombstones, the journal's own identity.

Every row gets a UUID that is the same in every copy of the journal and a
creation and update time (UTC, to the millisecond); a delete leaves a
tombstone; the journal records its own UUID.  The search index is rebuilt so
its rowid no longer packs the entity id (version 3 left 27 bits for it), and
names get an index of their own so that finding a person while typing is one
indexed query.

The whole migration runs in one transaction: interrupted, it leaves version
4 untouched, and the next open simply runs it again.
"""

from __future__ import annotations

import peewee

from netjournal.store.clock import STAMP_SQL, new_uuid, now_stamp

TRACKED_TABLES: dict[str, str] = {
    # table -> entity name used by tombstones, changes and exports, as of version 5
    # (``store.tables`` has today's list)
    "person": "person",
    "circumstance": "circumstance",
    "exchange": "exchange",
    "touchpoint": "touchpoint",
    "open_loop": "loop",
    "reflection": "reflection",
    "prompt_state": "prompt_state",
}

# Columns each table lacked before version 5, and what an existing row gets.
_FIRST_STAMP = "strftime('%Y-%m-%dT%H:%M:%fZ', {})"
_NEW_TIME_COLUMNS: dict[str, dict[str, str]] = {
    "circumstance": {"created_at": "start_on", "updated_at": "start_on"},
    "touchpoint": {"updated_at": "created_at"},
    "open_loop": {"created_at": "opened_on", "updated_at": "coalesce(done_on, opened_on)"},
    "reflection": {"updated_at": "created_at"},
    "prompt_state": {
        "created_at": "coalesce(answered_on, dismissed_on, snoozed_until)",
        "updated_at": "coalesce(answered_on, dismissed_on, snoozed_until)",
    },
}
# Tables that had times before: written as "...+00:00" to the second.
_OLD_TIME_COLUMNS: dict[str, tuple[str, ...]] = {
    "person": ("created_at", "updated_at"),
    "exchange": ("created_at", "updated_at"),
    "touchpoint": ("created_at",),
    "reflection": ("created_at",),
}

SEARCH_TABLE_DDL = """CREATE VIRTUAL TABLE search_index USING fts5(
    body, entity UNINDEXED, entity_id UNINDEXED, person_id UNINDEXED, date UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
)"""

# The search rowid is (day << 32) + a counter within the day, so "newest
# first" is still the index's own order; search_key maps an entry to its
# rowid, so any id fits and triggers find an entry's row by index.
SEARCH_KEY_DDL = """CREATE TABLE search_key (
    rowid INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    UNIQUE (entity, entity_id)
)"""

# What each table puts in the index. The same as version 3's list in ``schema``
# today, but a migration's own copy: released migrations are history and must
# replay exactly, even after a later version indexes something else.
SEARCH_SOURCES: tuple[tuple[str, str, str, str, str], ...] = (
    # table, entity, indexed text, person, date
    (
        "person",
        "person",
        "{r}.name || ' ' || {r}.organisation || ' ' || {r}.role || ' ' || {r}.tags || ' ' "
        "|| {r}.how_met || ' ' || {r}.notes",
        "{r}.id",
        "{r}.created_at",
    ),
    (
        "exchange",
        "exchange",
        "{r}.summary || ' ' || {r}.details || ' ' || {r}.community || ' ' || {r}.outcome",
        "{r}.person_id",
        "{r}.date",
    ),
    ("touchpoint", "touchpoint", "{r}.note || ' ' || {r}.channel", "{r}.person_id", "{r}.date"),
    ("open_loop", "loop", "{r}.what", "{r}.person_id", "{r}.opened_on"),
    ("reflection", "reflection", "{r}.text", "{r}.person_id", "{r}.date"),
    ("circumstance", "circumstance", "{r}.note", "{r}.person_id", "{r}.start_on"),
)
# Only the columns that are indexed re-index a person: not the last-entry
# date the entry triggers keep up to date, nor the update time.
_PERSON_TEXT_COLUMNS = "name, organisation, role, how_met, notes, tags, created_at"

NAME_INDEX_DDL = """CREATE VIRTUAL TABLE person_name_index USING fts5(
    name, content = 'person', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
)"""

NAME_INDEX_TRIGGERS = (
    "CREATE TRIGGER person_name_ai AFTER INSERT ON person BEGIN "
    "INSERT INTO person_name_index(rowid, name) VALUES (new.id, new.name); END;",
    "CREATE TRIGGER person_name_ad AFTER DELETE ON person BEGIN "
    "INSERT INTO person_name_index(person_name_index, rowid, name) VALUES ('delete', old.id, old.name); END;",
    "CREATE TRIGGER person_name_au AFTER UPDATE OF name ON person BEGIN "
    "INSERT INTO person_name_index(person_name_index, rowid, name) VALUES ('delete', old.id, old.name); "
    "INSERT INTO person_name_index(rowid, name) VALUES (new.id, new.name); END;",
)


def _day(date_sql: str) -> str:
    return f"CAST(julianday(substr({date_sql}, 1, 10)) AS INTEGER)"


def search_triggers(table: str, entity: str, body: str, person: str, date: str) -> list[str]:
    day = _day(date.format(r="new"))
    add = (
        "INSERT INTO search_key(rowid, entity, entity_id) "
        f"SELECT coalesce(max(k.rowid) + 1, {day} << 32), '{entity}', new.id FROM search_key k "
        f"WHERE k.rowid >= ({day} << 32) AND k.rowid < (({day} + 1) << 32); "
        "INSERT INTO search_index(rowid, body, entity, entity_id, person_id, date) "
        f"SELECT k.rowid, {body.format(r='new')}, '{entity}', new.id, {person.format(r='new')}, "
        f"{date.format(r='new')} FROM search_key k WHERE k.entity = '{entity}' AND k.entity_id = new.id;"
    )
    remove = (
        "DELETE FROM search_index WHERE rowid = "
        f"(SELECT rowid FROM search_key WHERE entity = '{entity}' AND entity_id = old.id); "
        f"DELETE FROM search_key WHERE entity = '{entity}' AND entity_id = old.id;"
    )
    of = f" OF {_PERSON_TEXT_COLUMNS}" if table == "person" else ""
    return [
        f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN {add} END;",
        f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN {remove} END;",
        f"CREATE TRIGGER {table}_search_au AFTER UPDATE{of} ON {table} BEGIN {remove} {add} END;",
    ]


def tombstone_trigger(table: str, entity: str) -> str:
    return (
        f"CREATE TRIGGER {table}_tombstone_ad AFTER DELETE ON {table} WHEN old.uuid IS NOT NULL BEGIN "
        "INSERT OR REPLACE INTO tombstone(entity, uuid, deleted_at) "
        f"VALUES ('{entity}', old.uuid, {STAMP_SQL}); END;"
    )


def _add_columns(db: peewee.Database) -> None:
    for table in TRACKED_TABLES:
        db.execute_sql(f"ALTER TABLE {table} ADD COLUMN uuid TEXT")
    for table, columns in _NEW_TIME_COLUMNS.items():
        for column, source in columns.items():
            db.execute_sql(f"ALTER TABLE {table} ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
            fallback = f"coalesce({_FIRST_STAMP.format(source)}, {STAMP_SQL})"
            db.execute_sql(f"UPDATE {table} SET {column} = {fallback}")
    for table, columns in _OLD_TIME_COLUMNS.items():
        for column in columns:
            # A time SQLite cannot read (hand-edited, or from a bug long fixed) becomes the migration's.
            normalised = f"coalesce({_FIRST_STAMP.format(column)}, {STAMP_SQL})"
            db.execute_sql(f"UPDATE {table} SET {column} = {normalised}")


def _fill_uuids(db: peewee.Database) -> None:
    for table in TRACKED_TABLES:
        ids = [row[0] for row in db.execute_sql(f"SELECT rowid FROM {table} WHERE uuid IS NULL")]
        db.cursor().executemany(f"UPDATE {table} SET uuid = ? WHERE rowid = ?", [(new_uuid(), i) for i in ids])
        db.execute_sql(f"CREATE UNIQUE INDEX {table}_uuid ON {table}(uuid)")


def _journal_identity(db: peewee.Database) -> None:
    db.execute_sql("CREATE TABLE journal_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    # A journal written before identities existed was created with its oldest
    # row that recorded when it was written (not one dated by its event).
    (oldest,) = db.execute_sql(
        "SELECT min(created_at) FROM ("
        + " UNION ALL ".join(f"SELECT min(created_at) AS created_at FROM {t}" for t in _OLD_TIME_COLUMNS)
        + ")"
    ).fetchone()
    db.execute_sql(
        "INSERT INTO journal_meta(key, value) VALUES ('uuid', ?), ('created_at', ?)",
        (new_uuid(), oldest or now_stamp()),
    )


def _rebuild_search(db: peewee.Database) -> None:
    for table, *_ in SEARCH_SOURCES:
        for suffix in ("ai", "ad", "au"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_search_{suffix}")
    db.execute_sql("DROP TABLE search_index")
    db.execute_sql(SEARCH_TABLE_DDL)
    db.execute_sql(SEARCH_KEY_DDL)
    every_entry = " UNION ALL ".join(
        f"SELECT {_day(date.format(r=table))} AS day, '{entity}' AS entity, {code} AS code, {table}.id AS id "
        f"FROM {table}"
        for code, (table, entity, _body, _person, date) in enumerate(SEARCH_SOURCES)
    )
    db.execute_sql(
        "INSERT INTO search_key(rowid, entity, entity_id) "
        "SELECT (day << 32) + row_number() OVER (PARTITION BY day ORDER BY code, id) - 1, entity, id "
        f"FROM ({every_entry})"
    )
    for table, entity, body, person, date in SEARCH_SOURCES:
        db.execute_sql(
            "INSERT INTO search_index(rowid, body, entity, entity_id, person_id, date) "
            f"SELECT k.rowid, {body.format(r=table)}, '{entity}', {table}.id, {person.format(r=table)}, "
            f"{date.format(r=table)} FROM {table} JOIN search_key k ON k.entity = '{entity}' "
            f"AND k.entity_id = {table}.id"
        )
        for statement in search_triggers(table, entity, body, person, date):
            db.execute_sql(statement)
    db.execute_sql(NAME_INDEX_DDL)
    db.execute_sql("INSERT INTO person_name_index(person_name_index) VALUES ('rebuild')")
    for statement in NAME_INDEX_TRIGGERS:
        db.execute_sql(statement)


def migrate_to_v5(db: peewee.Database) -> None:
    """Version 5: UUIDs, creation and update times everywhere, tombstones, journal identity."""
    _add_columns(db)
    _fill_uuids(db)
    _journal_identity(db)
    db.execute_sql(
        "CREATE TABLE tombstone (entity TEXT NOT NULL, uuid TEXT NOT NULL, deleted_at TEXT NOT NULL, "
        "PRIMARY KEY (entity, uuid))"
    )
    db.execute_sql("CREATE INDEX tombstone_deleted ON tombstone(deleted_at)")
    for table, entity in TRACKED_TABLES.items():
        db.execute_sql(tombstone_trigger(table, entity))
    _rebuild_search(db)
