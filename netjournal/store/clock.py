"""The store's timestamps and identities: UTC to the millisecond, random UUIDs.

Every row carries a UUID that is the same in every copy of the journal and the
times it was created and last changed, so that copies can later be merged and
an export read back exactly.  Times are ISO 8601 strings ending in ``Z``, which
sort the same way as the instants they name.
"""

from __future__ import annotations

import datetime as dt
import uuid

STAMP_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
"""The same format, computed by SQLite (used by triggers)."""


def format_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def now_stamp() -> str:
    return format_stamp(dt.datetime.now(dt.UTC))


def new_uuid() -> str:
    return str(uuid.uuid4())
