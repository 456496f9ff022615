"""What is chosen for one journal's backups: where they go and how many are kept.

Both are kept inside the journal (``journal_meta``), not in the window's
settings: the command line, and the helper process that takes backups after
a command, must put, find and thin backups exactly as the window does, and
cannot read the window's settings. A journal copied elsewhere keeps them too.
"""

from __future__ import annotations

import os
from pathlib import Path

import peewee

from netjournal.services.backups import DEFAULT_LIMITS, Limits
from netjournal.services.journal import Journal
from netjournal.store import meta
from netjournal.store.errors import JournalError

MAX_KEPT = 99
_KEPT_KEY = "settings:backups-kept"  # not under "backup:": those are one note per backup file
_PLACE_KEY = "settings:backups-place"


def kept_limits(db: peewee.Database) -> Limits:
    """How many backups this journal keeps, as chosen for it (Preferences), or the default."""
    value = meta.get(db, _KEPT_KEY)
    if not isinstance(value, dict):
        return DEFAULT_LIMITS
    counts = []
    for name, default in (("daily", DEFAULT_LIMITS.daily), ("weekly", DEFAULT_LIMITS.weekly),
                          ("monthly", DEFAULT_LIMITS.monthly)):  # fmt: skip
        number = value.get(name, default)
        counts.append(number if isinstance(number, int) and 0 <= number <= MAX_KEPT else default)
    return Limits(*counts)


def set_kept_limits(db: peewee.Database, limits: Limits) -> None:
    """Record how many backups to keep (call inside the journal's write); thinning follows at the next backup."""
    for number in (limits.daily, limits.weekly, limits.monthly):
        if not 0 <= number <= MAX_KEPT:
            raise ValueError(f"A number of backups to keep must be between 0 and {MAX_KEPT}.")
    meta.put(db, _KEPT_KEY, {"daily": limits.daily, "weekly": limits.weekly, "monthly": limits.monthly})


def journal_kept_limits(journal: Journal) -> Limits:
    with journal.store.reading():
        return kept_limits(journal.db)


def keep_in_journal(journal: Journal, limits: Limits) -> None:
    with journal.write():
        set_kept_limits(journal.db, limits)


def chosen_place(db: peewee.Database) -> Path | None:
    """The folder chosen for this journal's backups (they go in a folder of its own there), or None: beside it."""
    value = meta.get(db, _PLACE_KEY)
    if not isinstance(value, str) or not value:
        return None
    place = Path(value)
    return place if place.is_absolute() else None


def journal_place(journal: Journal) -> Path | None:
    """``chosen_place`` for an open journal; a damaged one that cannot say keeps its backups beside it."""
    try:
        with journal.store.reading():
            return chosen_place(journal.db)
    except JournalError:
        return None


def choose_place(journal: Journal, place: Path | None) -> None:
    """Send the journal's new backups to ``place`` (None: beside the journal). Backups taken before stay
    where they are, and are still listed, restored and thinned there."""
    if place is not None:
        place = place.expanduser()
        if not place.is_absolute():
            raise JournalError(f"Backups need a whole path to a folder, not {place}.")
        if not place.is_dir():
            raise JournalError(f"There is no folder {place} to keep backups in.")
        if not os.access(place, os.W_OK | os.X_OK):
            raise JournalError(f"Cannot keep backups in {place}: permission denied.")
    with journal.write():
        if place is None or place == journal.path.parent:
            meta.delete(journal.db, _PLACE_KEY)
        else:
            meta.put(journal.db, _PLACE_KEY, str(place))
