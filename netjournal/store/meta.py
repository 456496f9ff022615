"""The journal's own small records in ``journal_meta``: its identity, drafts, what each backup holds.

These are not entries: they have no identity of their own, leave no
tombstone and are never exported, but they live inside the encrypted file
like everything else, so nothing about the journal has to be kept outside it.
"""

from __future__ import annotations

import json
from typing import Any

import peewee


def get(db: peewee.Database, key: str) -> Any:
    """The JSON value under ``key``, or None."""
    row = db.execute_sql("SELECT value FROM journal_meta WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    try:
        return json.loads(row[0])
    except ValueError:
        return None  # not one of ours (the identity keys hold plain text)


def with_prefix(db: peewee.Database, prefix: str) -> dict[str, Any]:
    """Every JSON value whose key starts with ``prefix``, by the rest of the key."""
    # A range instead of LIKE: a prefix may hold % or _.
    rows = db.execute_sql(
        "SELECT key, value FROM journal_meta WHERE key >= ? AND key < ?", (prefix, prefix + "\U0010ffff")
    ).fetchall()
    found: dict[str, Any] = {}
    for key, value in rows:
        try:
            found[str(key)[len(prefix) :]] = json.loads(value)
        except ValueError:
            continue
    return found


def put(db: peewee.Database, key: str, value: Any) -> None:
    db.execute_sql(
        "INSERT INTO journal_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(value, ensure_ascii=False, separators=(",", ":"))),
    )


def delete(db: peewee.Database, key: str) -> None:
    db.execute_sql("DELETE FROM journal_meta WHERE key = ?", (key,))
