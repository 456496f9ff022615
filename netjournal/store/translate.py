"""Driver and OS errors turned into sentences a person can act on."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import peewee
from sqlcipher3 import dbapi2 as sqlcipher

from netjournal.store.errors import (
    DamagedJournalError,
    JournalError,
    JournalReadOnlyError,
    StorageFullError,
    WrongPassphraseError,
)

# peewee wraps errors raised while executing, but not those raised while
# iterating a cursor, which come straight from the driver.
DRIVER_ERRORS = (peewee.DatabaseError, sqlcipher.DatabaseError, OSError)


# Below this, an I/O error from SQLite is taken for a full disk: opening a journal
# alone needs room for its 32 KiB shared-memory index.
_NEARLY_FULL = 1024 * 1024


def translate_error(path: Path, error: BaseException) -> JournalError:
    """Turn a driver or OS error into one a person can act on."""
    text = str(error).lower()
    if (isinstance(error, OSError) and error.errno == errno.ENOSPC) or "disk is full" in text:
        return StorageFullError(path)
    if "disk i/o error" in text and _free_space(Path(path)) < _NEARLY_FULL:
        return StorageFullError(path)
    if "readonly" in text or "read-only" in text or isinstance(error, PermissionError):
        return JournalReadOnlyError(path)
    if "not a database" in text:
        return WrongPassphraseError(path)
    if "malformed" in text or "corrupt" in text:
        return DamagedJournalError(path, "some pages fail their integrity check")
    return JournalError(f"Could not use the journal {path}: {error}.")


def _free_space(path: Path) -> int:
    try:
        return shutil.disk_usage(path.parent if not path.is_dir() else path).free
    except OSError:
        return _NEARLY_FULL  # unknown: say nothing about space
