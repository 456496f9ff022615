"""What a passphrase change checks before it may replace the journal.

SQLCipher's own ``PRAGMA rekey`` rewrites the file in place and answers "ok"
even when the disk filled up half-way, leaving a journal that only the old
passphrase opens. So the journal is re-encrypted into a copy beside it, the
copy is checked, and only then renamed over the journal in one step: at every
moment exactly one passphrase opens it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import peewee

from netjournal.store import schema
from netjournal.store.copies import fingerprint, opens_with, probe
from netjournal.store.errors import JournalError, PassphraseNotChangedError
from netjournal.store.translate import DRIVER_ERRORS

# Room the copy needs beyond the journal's own size: SQLite's own slack.
_HEADROOM = 256 * 1024


def rekeyed_path(journal: Path) -> Path:
    return journal.with_name(f".{journal.name}.rekeyed")


def ensure_single_name(journal: Path) -> None:
    """Refuse a journal with a second name: that hard link would go on opening with the old passphrase."""
    if os.stat(journal).st_nlink > 1:
        raise PassphraseNotChangedError(
            "the journal file has another name (a hard link), which would keep the old passphrase. "
            "Remove the other name first."
        )


def ensure_room_for_a_copy(journal: Path, *, extra: Path | None = None) -> None:
    """Refuse before writing anything when the drive cannot hold a second copy of the journal (or of ``extra``)."""
    originals = (journal, Path(f"{journal}-wal")) if extra is None else (extra,)
    needed = sum(p.stat().st_size for p in originals if p.exists()) + _HEADROOM
    free = shutil.disk_usage(journal.parent).free
    if free < needed:
        raise PassphraseNotChangedError(
            f"the drive has {free // 1024:,} KiB free and re-encrypting needs about {needed // 1024:,} KiB."
        )


def verify_rekeyed(db: peewee.Database, copy: Path, new: str, old: str, kdf_iter: int) -> None:
    """The copy opens with ``new`` alone, is whole, and holds what ``db`` holds; else ``JournalError``."""
    verify_copy(db, copy, new, kdf_iter)
    if opens_with(copy, old, kdf_iter):
        raise JournalError("the re-encrypted copy still opens with the old passphrase.")


def verify_copy(db: peewee.Database, copy: Path, key: str, kdf_iter: int) -> None:
    """The copy opens with ``key``, every page is whole, and it holds every row ``db`` holds; else ``JournalError``.

    Every page's HMAC proves each was written whole under the key; the row
    counts that nothing was left out.  (A b-tree check would double the time.)
    """
    try:
        with probe(copy, key, kdf_iter) as written:
            if schema.user_version(written) != schema.user_version(db) or schema.user_version(db) < 1:
                raise JournalError("the copy has another format version, or none.")
            if written.execute_sql("PRAGMA cipher_integrity_check").fetchall():
                raise JournalError("pages of the copy fail their check.")
            if fingerprint(written) != fingerprint(db):
                raise JournalError("the copy does not hold every entry.")
    except DRIVER_ERRORS:
        raise JournalError("the copy could not be read back.") from None
