"""The journal's schema, as versioned DDL, and the forward migrations.

A new journal is created at version 1 and then migrated forward like any
older journal, so every migration runs on every fresh journal as well as on
files written by earlier releases.  The version lives in ``PRAGMA user_version``.
Migrations are history: once released, a migration's DDL is never edited, only
followed by a newer one (version 5 lives in ``identity_schema``, 6 in
``details_schema``, 7 in ``contact_schema``, 8 in ``brokered_schema``, 9 in ``sync_schema``).
"""

from __future__ import annotations

from collections.abc import Callable

import peewee

from netjournal.store.brokered_schema import migrate_to_v8
from netjournal.store.contact_schema import CONTACT_TABLES, LAST_CONTACT_SQL, last_contact_triggers, migrate_to_v7
from netjournal.store.details_schema import migrate_to_v6
from netjournal.store.identity_schema import migrate_to_v5
from netjournal.store.sync_schema import migrate_to_v9

# rowid = entity id * 8 + code keeps one search index over several tables
# while letting triggers find an entry's row without a scan.
SEARCH_CODES = {
    "exchange": 1,
    "touchpoint": 2,
    "loop": 3,
    "reflection": 4,
    "person": 5,
    "circumstance": 6,
}

SEARCH_TABLE_DDL = """CREATE VIRTUAL TABLE search_index USING fts5(
    body, entity UNINDEXED, entity_id UNINDEXED, person_id UNINDEXED, date UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
)"""

_LAST_ENTRY_SQL = """
UPDATE person SET last_entry_on = (
  SELECT max(d) FROM (
    SELECT max(date) AS d FROM exchange WHERE person_id = person.id
    UNION ALL SELECT max(date) FROM exchange WHERE second_person_id = person.id
    UNION ALL SELECT max(date) FROM touchpoint WHERE person_id = person.id
    UNION ALL SELECT max(opened_on) FROM open_loop WHERE person_id = person.id
    UNION ALL SELECT max(done_on) FROM open_loop WHERE person_id = person.id
    UNION ALL SELECT max(date) FROM reflection WHERE person_id = person.id
  )
) WHERE id IN ({ids});
"""


def _search_triggers(table: str, entity: str, body: str, person: str, date: str) -> list[str]:
    code = SEARCH_CODES[entity]

    def values(row: str) -> str:
        return (
            f"{row}.id * 8 + {code}, {body.format(r=row)}, '{entity}', {row}.id, "
            f"{person.format(r=row)}, {date.format(r=row)}"
        )

    insert = "INSERT INTO search_index(rowid, body, entity, entity_id, person_id, date) VALUES ({});"
    delete = f"DELETE FROM search_index WHERE rowid = old.id * 8 + {code};"
    return [
        f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN " + insert.format(values("new")) + " END;",
        f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN {delete} END;",
        f"CREATE TRIGGER {table}_search_au AFTER UPDATE ON {table} BEGIN {delete} "
        + insert.format(values("new"))
        + " END;",
    ]


def _last_entry_triggers(table: str, person_columns: tuple[str, ...]) -> list[str]:
    def ids(row: str) -> str:
        return ", ".join(f"{row}.{c}" for c in person_columns)

    both = ids("new") + ", " + ids("old")
    return [
        f"CREATE TRIGGER {table}_last_ai AFTER INSERT ON {table} BEGIN "
        + _LAST_ENTRY_SQL.format(ids=ids("new"))
        + " END;",
        f"CREATE TRIGGER {table}_last_ad AFTER DELETE ON {table} BEGIN "
        + _LAST_ENTRY_SQL.format(ids=ids("old"))
        + " END;",
        f"CREATE TRIGGER {table}_last_au AFTER UPDATE ON {table} BEGIN " + _LAST_ENTRY_SQL.format(ids=both) + " END;",
    ]


SCHEMA_V1: list[str] = [
    """CREATE TABLE person (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        organisation TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT '',
        how_met TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '',
        cadence_days INTEGER,
        archived INTEGER NOT NULL DEFAULT 0,
        last_entry_on TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX person_name ON person(name COLLATE NOCASE)",
    """CREATE TABLE circumstance (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        note TEXT NOT NULL,
        start_on TEXT NOT NULL,
        end_on TEXT
    )""",
    "CREATE INDEX circumstance_person ON circumstance(person_id)",
    """CREATE TABLE exchange (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('given', 'received')),
        kind TEXT NOT NULL,
        summary TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '',
        significance INTEGER NOT NULL CHECK (significance BETWEEN 1 AND 5),
        person_id INTEGER REFERENCES person(id) ON DELETE CASCADE,
        second_person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
        community TEXT NOT NULL DEFAULT '',
        reciprocates_id INTEGER REFERENCES exchange(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX exchange_person_date ON exchange(person_id, date)",
    "CREATE INDEX exchange_second_person ON exchange(second_person_id, date)",
    "CREATE INDEX exchange_date ON exchange(date)",
    "CREATE INDEX exchange_reciprocates ON exchange(reciprocates_id)",
    """CREATE TABLE touchpoint (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL,
        person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        channel TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX touchpoint_person_date ON touchpoint(person_id, date)",
    "CREATE INDEX touchpoint_date ON touchpoint(date)",
    """CREATE TABLE open_loop (
        id INTEGER PRIMARY KEY,
        loop_kind TEXT NOT NULL CHECK (loop_kind IN ('promised', 'asked')),
        person_id INTEGER REFERENCES person(id) ON DELETE CASCADE,
        what TEXT NOT NULL,
        opened_on TEXT NOT NULL,
        due_on TEXT,
        done_on TEXT
    )""",
    "CREATE INDEX open_loop_person ON open_loop(person_id, opened_on)",
    "CREATE INDEX open_loop_due ON open_loop(done_on, due_on)",
    "CREATE INDEX open_loop_opened ON open_loop(opened_on)",
    """CREATE TABLE reflection (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL,
        text TEXT NOT NULL,
        prompt_id TEXT,
        person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX reflection_date ON reflection(date)",
    "CREATE INDEX reflection_person ON reflection(person_id, date)",
    SEARCH_TABLE_DDL,
    *_search_triggers(
        "person",
        "person",
        "{r}.name || ' ' || {r}.organisation || ' ' || {r}.role || ' ' || {r}.tags || ' ' "
        "|| {r}.how_met || ' ' || {r}.notes",
        "{r}.id",
        "{r}.created_at",
    ),
    *_search_triggers(
        "exchange",
        "exchange",
        "{r}.summary || ' ' || {r}.details || ' ' || {r}.community",
        "{r}.person_id",
        "{r}.date",
    ),
    *_search_triggers("touchpoint", "touchpoint", "{r}.channel || ' ' || {r}.note", "{r}.person_id", "{r}.date"),
    *_search_triggers("open_loop", "loop", "{r}.what", "{r}.person_id", "{r}.opened_on"),
    *_search_triggers("reflection", "reflection", "{r}.text", "{r}.person_id", "{r}.date"),
    *_search_triggers("circumstance", "circumstance", "{r}.note", "{r}.person_id", "{r}.start_on"),
    *_last_entry_triggers("exchange", ("person_id", "second_person_id")),
    *_last_entry_triggers("touchpoint", ("person_id",)),
    *_last_entry_triggers("open_loop", ("person_id",)),
    *_last_entry_triggers("reflection", ("person_id",)),
]


def _migrate_to_v2(db: peewee.Database) -> None:
    """Version 2: what an introduction led to, and the state of answered prompts."""
    # Imported here: opening a journal that needs no migration should not pay for it.
    from playhouse.migrate import SqliteMigrator, migrate

    migrator = SqliteMigrator(db)
    # DEFAULT in the DDL too, so rows inserted without the column (old code, raw SQL) still work.
    outcome = peewee.TextField(default="", constraints=[peewee.SQL("DEFAULT ''")])
    migrate(migrator.add_column("exchange", "outcome", outcome))
    db.execute_sql(
        """CREATE TABLE prompt_state (
            prompt_key TEXT PRIMARY KEY,
            snoozed_until TEXT,
            dismissed_on TEXT,
            answered_on TEXT
        )"""
    )
    # The outcome of an introduction is searchable like the rest of the exchange.
    db.execute_sql("DROP TRIGGER exchange_search_ai")
    db.execute_sql("DROP TRIGGER exchange_search_au")
    body = "{r}.summary || ' ' || {r}.details || ' ' || {r}.community || ' ' || {r}.outcome"
    for statement in _search_triggers("exchange", "exchange", body, "{r}.person_id", "{r}.date"):
        if "_search_ad" not in statement:
            db.execute_sql(statement)


# Version 3 puts the entry's day into the search rowid, so "newest first" is
# the index's own order and FTS5 can stop after the first page of matches
# instead of reading the date of every one (a common word matched 50,000 rows).
_DAY_SHIFT = 1 << 30  # leaves 27 bits for an entity id (id * 8 + code)

_SEARCH_SOURCES: tuple[tuple[str, str, str, str, str], ...] = (
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
# Only columns that are indexed re-index a person (not the last-entry date the
# entry triggers keep up to date on every write).
_PERSON_TEXT_COLUMNS = "name, organisation, role, how_met, notes, tags, created_at"


def _search_rowid(row: str, entity: str, date: str) -> str:
    day = f"CAST(julianday(substr({date.format(r=row)}, 1, 10)) AS INTEGER)"
    return f"({day} * {_DAY_SHIFT} + {row}.id * 8 + {SEARCH_CODES[entity]})"


def _search_values(row: str, entity: str, body: str, person: str, date: str) -> str:
    return (
        f"{_search_rowid(row, entity, date)}, {body.format(r=row)}, '{entity}', {row}.id, "
        f"{person.format(r=row)}, {date.format(r=row)}"
    )


def _dated_search_triggers(table: str, entity: str, body: str, person: str, date: str) -> list[str]:
    insert = "INSERT INTO search_index(rowid, body, entity, entity_id, person_id, date) VALUES ({});"
    delete = f"DELETE FROM search_index WHERE rowid = {_search_rowid('old', entity, date)};"
    of = f" OF {_PERSON_TEXT_COLUMNS}" if table == "person" else ""
    return [
        f"CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN "
        + insert.format(_search_values("new", entity, body, person, date))
        + " END;",
        f"CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN {delete} END;",
        f"CREATE TRIGGER {table}_search_au AFTER UPDATE{of} ON {table} BEGIN {delete} "
        + insert.format(_search_values("new", entity, body, person, date))
        + " END;",
    ]


def _migrate_to_v3(db: peewee.Database) -> None:
    """Version 3: a date-ordered search index, and an index for per-person balances."""
    for table, *_ in _SEARCH_SOURCES:
        for suffix in ("ai", "ad", "au"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_search_{suffix}")
    db.execute_sql("DROP TABLE search_index")
    db.execute_sql(SEARCH_TABLE_DDL)
    for table, entity, body, person, date in _SEARCH_SOURCES:
        db.execute_sql(
            "INSERT INTO search_index(rowid, body, entity, entity_id, person_id, date) "
            f"SELECT {_search_values(table, entity, body, person, date)} FROM {table}"
        )
        for statement in _dated_search_triggers(table, entity, body, person, date):
            db.execute_sql(statement)
    db.execute_sql("CREATE INDEX exchange_person_direction ON exchange(person_id, direction)")


def _migrate_to_v4(db: peewee.Database) -> None:
    """Version 4: the question a reflection answered, as it was asked (with the names filled in)."""
    from playhouse.migrate import SqliteMigrator, migrate

    # One development build added this column inside version 3; its files already have it.
    if any(column.name == "prompt_text" for column in db.get_columns("reflection")):
        return
    question = peewee.TextField(default="", constraints=[peewee.SQL("DEFAULT ''")])
    migrate(SqliteMigrator(db).add_column("reflection", "prompt_text", question))


MIGRATIONS: dict[int, Callable[[peewee.Database], None]] = {
    2: _migrate_to_v2,
    3: _migrate_to_v3,
    4: _migrate_to_v4,
    5: migrate_to_v5,
    6: migrate_to_v6,
    7: migrate_to_v7,
    8: migrate_to_v8,
    9: migrate_to_v9,
}

CURRENT_VERSION = max(MIGRATIONS, default=1)


def user_version(db: peewee.Database) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def create_v1(db: peewee.Database) -> None:
    with db.atomic():
        for statement in SCHEMA_V1:
            db.execute_sql(statement)
        db.execute_sql("PRAGMA user_version = 1")


def pending_migrations(db: peewee.Database) -> list[int]:
    found = user_version(db)
    return [version for version in sorted(MIGRATIONS) if version > found]


def migrate_forward(db: peewee.Database) -> list[int]:
    """Apply every migration newer than the file, each in its own transaction."""
    applied = []
    for version in pending_migrations(db):
        with db.atomic():
            MIGRATIONS[version](db)
            # PRAGMA takes no parameters; the version is our own integer.
            db.execute_sql(f"PRAGMA user_version = {int(version)}")
        applied.append(version)
    return applied


# -- bulk loads ---------------------------------------------------------------------
#
# An import of a whole journal sets the per-row insert triggers aside and does
# their work once at the end. These are the last-entry ones as version 7 creates
# them, to check that the journal's triggers are still these before standing in for them.
LAST_ENTRY_INSERT_TRIGGERS: dict[str, str] = {
    f"{table}_last_ai": last_contact_triggers(table)[0] for table in CONTACT_TABLES
}


def recompute_last_entries(db: peewee.Database) -> None:
    """Every person's last-entry date worked out from their entries, as the entry triggers keep it."""
    db.execute_sql(LAST_CONTACT_SQL.format(ids="SELECT id FROM person"))
