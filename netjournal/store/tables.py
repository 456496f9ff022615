"""Today's tracked tables: each table that has UUIDs and tombstones, and its entity name.

The migrations keep their own lists (history replays exactly); code that
works on the current schema (deletes, undo, exports) reads this one.
"""

from __future__ import annotations

from netjournal.store.identity_schema import TRACKED_TABLES as TRACKED_IN_V5

TRACKED_TABLES: dict[str, str] = {
    **TRACKED_IN_V5,
    "contact_detail": "contact_detail",
    "brokered_introduction": "brokered_introduction",
    "entry_history": "entry_history",
}
