"""Encrypted copies of a journal, and connections that only look at one.

A probe is a connection of its own to a journal file, with the key derived at
that file's cost (an ATTACH would use the default), that never writes: to tell
a wrong key from a right one without touching the file, or to check that a
copy holds what the journal holds.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import peewee
from playhouse.sqlcipher_ext import SqlCipherDatabase

from netjournal.store import schema
from netjournal.store.errors import WrongPassphraseError
from netjournal.store.files import fsync, remove_journal_files
from netjournal.store.keyed import has_crash_log
from netjournal.store.tables import TRACKED_TABLES
from netjournal.store.translate import DRIVER_ERRORS, translate_error

# The tables whose rows a copy must match: every entity table of today's schema
# that the journal has (an older one lacks the later ones), not the indexes derived from them.
_FINGERPRINT_TABLES = (
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN "
    f"({', '.join(repr(t) for t in (*TRACKED_TABLES, 'tombstone'))}) ORDER BY name"
)


@contextmanager
def probe(path: Path, passphrase: str, kdf_iter: int, *, immutable: bool = False) -> Iterator[peewee.Database]:
    """A read-only connection to ``path`` (``immutable``: not even the log is read); closed after."""
    mode = "immutable=1" if immutable else "mode=ro"
    db = SqlCipherDatabase(
        path.as_uri() + f"?{mode}",
        passphrase=passphrase,
        pragmas=[("kdf_iter", int(kdf_iter))],
        uri=True,
        autoconnect=False,
    )
    try:
        db.connect()
        yield db
    finally:
        with suppress(*DRIVER_ERRORS):
            db.close()


def fingerprint(db: peewee.Database) -> list[tuple]:
    """Count, highest id and newest edit of every entity table: equal for a journal and a faithful copy."""
    parts = []
    for (table,) in db.execute_sql(_FINGERPRINT_TABLES).fetchall():
        columns = {row[1] for row in db.execute_sql(f"PRAGMA table_info({table})")}
        edited = "max(updated_at)" if "updated_at" in columns else "NULL"
        parts.append(f"SELECT '{table}', count(*), max(rowid), {edited} FROM {table}")
    return db.execute_sql(" UNION ALL ".join(parts)).fetchall()


def holds_the_same_rows(db: peewee.Database, candidate: Path, passphrase: str, kdf_iter: int, version: int) -> bool:
    """Whether ``candidate`` opens with this key, is at ``version`` and holds the rows ``db`` holds."""
    try:
        with probe(candidate, passphrase, kdf_iter) as copy:
            return schema.user_version(copy) == version and fingerprint(copy) == fingerprint(db)
    except DRIVER_ERRORS:
        return False  # not a journal, another key, or damaged: not a copy to rely on


def export_encrypted(db: peewee.Database, destination: Path, key: str, kdf_iter: int) -> None:
    """Write everything ``db`` holds into a new encrypted file under ``key``, flushed to disk.

    SQLCipher's own export, with the key as a bound parameter (no quoting of
    secrets); a failure leaves nothing at ``destination``.
    """
    remove_journal_files(destination)
    try:
        # Readable by the user alone from the start: SQLite would create it 0644.
        os.close(os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        db.execute_sql("ATTACH DATABASE ? AS copy KEY ?", (str(destination), key))
        try:
            db.execute_sql(f"PRAGMA copy.kdf_iter = {int(kdf_iter)}")
            # No journal and no flushing while it is written: a copy that fails half-way is
            # thrown away, never used, and the whole file is flushed once at the end.
            db.execute_sql("PRAGMA copy.journal_mode = OFF")
            db.execute_sql("PRAGMA copy.synchronous = OFF")
            db.execute_sql("SELECT sqlcipher_export('copy')")
            db.execute_sql(f"PRAGMA copy.user_version = {schema.user_version(db)}")
        finally:
            db.execute_sql("DETACH DATABASE copy")
        fsync(destination)
    except BaseException as error:
        remove_journal_files(destination)
        if isinstance(error, DRIVER_ERRORS):  # the driver's, and the OS's (a full disk)
            raise translate_error(destination, error) from None
        raise


def migration_backups(path: Path, version: int) -> list[Path]:
    first = path.with_name(f"{path.name}.v{version}.backup")
    return [first, *sorted(path.parent.glob(f"{glob.escape(path.name)}.v{version}.*.backup"))]


def migration_backup_path(path: Path, version: int) -> Path:
    """A new name for the copy of a version-``version`` journal taken before it is migrated."""
    candidate = path.with_name(f"{path.name}.v{version}.backup")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.name}.v{version}.{counter}.backup")
    return candidate


def refuse_a_wrong_key_before_recovery(path: Path, passphrase: str, kdf_iter: int) -> None:
    """After a crash, try the key without writing before the read-write open recovers the log.

    A write-ahead log left by a crash is checkpointed into the journal, and
    deleted, by the first read-write connection, even one whose key then turns
    out to be wrong: the file would change although the user was refused. An
    ``immutable`` connection reads page 1 only, writes nothing and takes no
    locks. It costs a second key derivation, so only when such a log is there.
    """
    if not has_crash_log(path):
        return
    if not opens_with(path, passphrase, kdf_iter):
        raise WrongPassphraseError(path)


def opens_with(path: Path, passphrase: str, kdf_iter: int) -> bool:
    """Whether ``passphrase`` unlocks ``path``, found without writing to it or reading its log.

    Only the first page is read (its header holds the format version), so a
    journal whose newest pages are still in its log answers as well.
    """
    try:
        with probe(path, passphrase, kdf_iter, immutable=True) as db:
            db.execute_sql("PRAGMA user_version").fetchone()
    except DRIVER_ERRORS:
        return False
    return True
