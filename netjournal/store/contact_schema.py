"""Schema version 7: a person's last-entry date counts contact only, not your own reflections.

``person.last_entry_on`` is what the overdue mark, the keep-in-touch prompts
and the quiet-tie lists measure from.  Until version 6 the triggers that keep
it also counted reflections, so answering a prompt about someone who was
overdue ("you have not spoken to Ana for 90 days") made them look just
contacted.  From version 7 only what passed between you counts: exchanges
(either side of an introduction), touchpoints and open loops opened or
closed.
"""

from __future__ import annotations

import peewee

LAST_CONTACT_SQL = """
UPDATE person SET last_entry_on = (
  SELECT max(d) FROM (
    SELECT max(date) AS d FROM exchange WHERE person_id = person.id
    UNION ALL SELECT max(date) FROM exchange WHERE second_person_id = person.id
    UNION ALL SELECT max(date) FROM touchpoint WHERE person_id = person.id
    UNION ALL SELECT max(opened_on) FROM open_loop WHERE person_id = person.id
    UNION ALL SELECT max(done_on) FROM open_loop WHERE person_id = person.id
  )
) WHERE id IN ({ids});
"""

# table -> the columns naming the people an entry of it is contact with
CONTACT_TABLES: dict[str, tuple[str, ...]] = {
    "exchange": ("person_id", "second_person_id"),
    "touchpoint": ("person_id",),
    "open_loop": ("person_id",),
}


def last_contact_triggers(table: str) -> list[str]:
    """The insert, delete and update triggers that keep ``last_entry_on`` for the people of ``table``."""

    def ids(row: str) -> str:
        return ", ".join(f"{row}.{c}" for c in CONTACT_TABLES[table])

    both = ids("new") + ", " + ids("old")
    return [
        f"CREATE TRIGGER {table}_last_ai AFTER INSERT ON {table} BEGIN "
        + LAST_CONTACT_SQL.format(ids=ids("new"))
        + " END;",
        f"CREATE TRIGGER {table}_last_ad AFTER DELETE ON {table} BEGIN "
        + LAST_CONTACT_SQL.format(ids=ids("old"))
        + " END;",
        f"CREATE TRIGGER {table}_last_au AFTER UPDATE ON {table} BEGIN " + LAST_CONTACT_SQL.format(ids=both) + " END;",
    ]


def migrate_to_v7(db: peewee.Database) -> None:
    """Version 7: last-entry triggers without reflections, and every person's date worked out again."""
    for table in (*CONTACT_TABLES, "reflection"):
        for suffix in ("ai", "ad", "au"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_last_{suffix}")
    for table in CONTACT_TABLES:
        for statement in last_contact_triggers(table):
            db.execute_sql(statement)
    db.execute_sql(LAST_CONTACT_SQL.format(ids="SELECT id FROM person"))
