"""An entry's earlier versions, kept when a merge of copies let another version win (see ``store.history``)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from netjournal.domain import EntryType
from netjournal.services.deletions import entry_text_column
from netjournal.services.journal import Journal
from netjournal.store.history import ORPHANED, history_of


@dataclass(frozen=True, slots=True)
class EarlierVersion:
    changed_at: dt.datetime  # when that version was written (UTC), by the device that wrote it
    text: str  # what the entry said then
    outcome: str  # what came of it then, for an introduction
    after_deletion: bool  # edited after the entry was deleted in another copy, then kept here


def _moment(stamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def earlier_versions(journal: Journal, entry_type: EntryType, entry_id: int) -> list[EarlierVersion]:
    """The versions of one timeline entry that are not current, newest first (none for most entries)."""
    table, column = entry_text_column(entry_type)
    found = journal.sql(f"SELECT uuid FROM {table} WHERE id = ?", (entry_id,)).fetchone()  # table from the map
    if found is None:
        return []
    versions = []
    for updated_at, reason, values in history_of(journal.db, str(found[0])):
        data = json.loads(values)
        versions.append(
            EarlierVersion(
                _moment(updated_at), str(data.get(column, "")), str(data.get("outcome", "") or ""), reason == ORPHANED
            )
        )
    return versions
