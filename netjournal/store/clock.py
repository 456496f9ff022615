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


def utc_now() -> dt.datetime:
    """This device's clock; the one place tests set it (a device an hour wrong)."""
    return dt.datetime.now(dt.UTC)


def now_stamp() -> str:
    return format_stamp(utc_now())


def new_uuid() -> str:
    return str(uuid.uuid4())


def after_sql(column: str) -> str:
    """SQL for the stamp one millisecond after ``column``'s (a stamp as this module writes them)."""
    return f"strftime('%Y-%m-%dT%H:%M:%fZ', {column}, '+0.001 seconds')"


def edit_stamp_sql(column: str = "updated_at") -> str:
    """SQL for an edit's update time: now, or just after the row's current one if that is later.

    A device whose clock is behind must still give an edit a time after the
    version it replaces (perhaps written by a device whose clock is ahead):
    otherwise a merge of the copies would keep the older version.  Takes the
    current stamp as its one parameter.
    """
    return f"max(?, {after_sql(column)})"


def later_stamp(*stamps: str | None) -> str:
    """Now, or one millisecond after the latest of ``stamps`` if that is not earlier than now."""
    latest = max((s for s in stamps if s), default="")
    now = now_stamp()
    if latest < now:
        return now
    moment = dt.datetime.fromisoformat(latest.replace("Z", "+00:00")) + dt.timedelta(milliseconds=1)
    return format_stamp(moment)
