"""A device's files in the sync folder: small encrypted SQLCipher databases, named by numbers only.

``FOLDER/netjournal-<journal uuid>/<device id>/<n>.nj-base`` holds the
device's whole journal, ``<n>.nj-changes`` the rows and tombstones its outbox
listed since file ``n - 1``.  Nothing readable is outside the encryption: the
names hold ids and numbers, the device's name is inside.

Keys: deriving a key from the passphrase costs as much as unlocking the
journal, so a device derives one key per session, for a random salt of that
session, and writes every file with that raw key and salt (``x'<key><salt>'``).
The salt is SQLCipher's own (a file's first 16 bytes), so a file opens with the
passphrase and the journal's settings like any journal; a reader that has
derived the key for a salt once opens that device's next files with no
derivation at all.

A file is written into a temporary file in the same folder (a dot name, which
readers ignore), flushed, and renamed into place, so a sync tool never sees
half of one under its real name.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee

from netjournal.store import schema
from netjournal.store.copies import probe
from netjournal.store.files import fsync, fsync_dir
from netjournal.store.portable import MERGE_ORDER, Version, select_sql, specs, version_of
from netjournal.store.sync_apply import Tomb
from netjournal.store.tables import TRACKED_TABLES
from netjournal.store.translate import DRIVER_ERRORS

FORMAT = "netjournal-sync"
FORMAT_VERSION = 1
BASE, CHANGES = "nj-base", "nj-changes"
PAGE = 4096  # SQLCipher 4's page: a whole file is a multiple of it
SALT_BYTES = 16
_NAME = re.compile(r"^(\d{1,12})(\D[^/]*)?\.(nj-base|nj-changes)$")
PARTIAL_PREFIX = ".nj-partial-"


def journal_folder(root: Path, journal_uuid: str) -> Path:
    return root / f"netjournal-{journal_uuid}"


@dataclass(frozen=True, slots=True)
class FileName:
    number: int
    kind: str  # BASE or CHANGES
    copy_note: str  # "" for the file itself; else a sync tool's conflict copy (" (conflicted copy)")

    @property
    def is_copy(self) -> bool:
        return bool(self.copy_note)


def parse_name(name: str) -> FileName | None:
    found = _NAME.match(name)
    if found is None:
        return None
    return FileName(int(found[1]), found[3], found[2] or "")


def file_name(number: int, kind: str) -> str:
    return f"{number}.{kind}"


# -- keys ------------------------------------------------------------------------


def derive(passphrase: str, salt: bytes, kdf_iter: int) -> bytes:
    """SQLCipher 4's own derivation (PBKDF2-HMAC-SHA512, 32 bytes): the key a passphrase gives this salt."""
    return hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, kdf_iter, 32)


def raw_key(key: bytes, salt: bytes) -> str:
    return f"x'{key.hex()}{salt.hex()}'"


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def salt_of(path: Path) -> bytes | None:
    """A file's salt, or None when it is too short to hold one."""
    with path.open("rb") as handle:
        salt = handle.read(SALT_BYTES)
    return salt if len(salt) == SALT_BYTES else None


# -- writing -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    """What a file says about itself (inside the encryption)."""

    journal: str
    device: str
    device_name: str
    number: int
    kind: str
    covers: int  # a base: the last change file whose changes it holds too (readers past it skip it)
    written_at: str

    def as_rows(self) -> list[tuple[str, str]]:
        return [
            ("format", FORMAT), ("format_version", str(FORMAT_VERSION)), ("journal", self.journal),
            ("device", self.device), ("device_name", self.device_name), ("number", str(self.number)),
            ("kind", self.kind), ("covers", str(self.covers)), ("written_at", self.written_at),
        ]  # fmt: skip


def write_file(db: peewee.Database, folder: Path, heading: Heading, key: str, kdf_iter: int, upto: int) -> Path:
    """Write ``heading``'s file from the journal ``db``: everything (a base) or the outbox up to seq ``upto``."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = folder / f"{PARTIAL_PREFIX}{secrets.token_hex(8)}"
    final = folder / file_name(heading.number, heading.kind)
    try:
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        db.execute_sql("ATTACH DATABASE ? AS nj KEY ?", (str(temporary), key))
        try:
            db.execute_sql(f"PRAGMA nj.kdf_iter = {int(kdf_iter)}")
            # Thrown away if it fails half-way, and flushed once when whole: its rollback journal is
            # kept in memory (no file beside it), but it is there, so a commit that fails (a full
            # disk) rolls back and leaves nothing half-done attached to the journal's connection.
            db.execute_sql("PRAGMA nj.journal_mode = MEMORY")
            db.execute_sql("PRAGMA nj.synchronous = OFF")
            _filled(db, heading, upto)
        finally:
            _detach(db)
        fsync(temporary)
        os.replace(temporary, final)
        fsync_dir(folder)
    finally:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
    return final


def _filled(db: peewee.Database, heading: Heading, upto: int) -> None:
    """``_fill`` in one transaction; its error is the one raised (SQLite may have rolled back already)."""
    connection = db.connection()
    db.execute_sql("BEGIN")
    try:
        _fill(db, heading, upto)
        db.execute_sql("COMMIT")
    except BaseException:
        if connection.in_transaction:  # a full disk makes SQLite roll back by itself
            with suppress(*DRIVER_ERRORS):
                db.execute_sql("ROLLBACK")
        raise


def _detach(db: peewee.Database) -> None:
    """Detach the file being written, whatever state a failed write left it in.

    A write that failed part-way may leave a transaction open (a COMMIT that
    hit a full disk): it is rolled back first, since DETACH refuses while one is
    open; and should DETACH still fail, it is tried again after a rollback, so
    the journal's connection never stays attached to a file being thrown away
    (its next write would meet that file's damage and take the journal for damaged).
    """
    for attempt in range(3):
        if not _attached(db):
            return
        if attempt or db.connection().in_transaction:
            with suppress(*DRIVER_ERRORS):
                db.execute_sql("ROLLBACK")
        try:
            db.execute_sql("DETACH DATABASE nj")
        except DRIVER_ERRORS:
            if attempt == 2:
                raise
            continue
        return


def _attached(db: peewee.Database) -> bool:
    return any(str(row[1]) == "nj" for row in db.execute_sql("PRAGMA database_list"))


def _fill(db: peewee.Database, heading: Heading, upto: int) -> None:
    db.execute_sql("CREATE TABLE nj.file_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute_sql("INSERT INTO nj.file_meta(key, value) VALUES " + ", ".join(["(?, ?)"] * 9),
                   [v for row in heading.as_rows() for v in row])  # fmt: skip
    db.execute_sql("CREATE TABLE nj.tombstones (entity TEXT NOT NULL, uuid TEXT NOT NULL, deleted_at TEXT NOT NULL)")
    base = heading.kind == BASE
    for table, spec in specs(db).items():
        db.execute_sql(f"CREATE TABLE nj.v_{table} (uuid TEXT NOT NULL, data TEXT NOT NULL)")
        where, params = "", []
        if not base:
            where = "WHERE t.uuid IN (SELECT uuid FROM main.sync_outbox WHERE entity = ? AND seq <= ?)"
            params = [TRACKED_TABLES[table], upto]
        db.execute_sql(f"INSERT INTO nj.v_{table}(uuid, data) {select_sql(spec, where)}", params)
    if base:
        db.execute_sql("INSERT INTO nj.tombstones SELECT entity, uuid, deleted_at FROM main.tombstone")
    else:
        db.execute_sql(
            "INSERT INTO nj.tombstones SELECT entity, uuid, deleted_at FROM main.tombstone "
            "WHERE (entity, uuid) IN (SELECT entity, uuid FROM main.sync_outbox WHERE seq <= ?)",
            (upto,),
        )
    db.execute_sql(f"PRAGMA nj.user_version = {schema.user_version(db)}")


# -- reading -----------------------------------------------------------------------


class SyncFileError(Exception):
    """A file that cannot be merged; ``why`` completes "it …"; ``may_arrive``: worth trying again."""

    def __init__(self, why: str, *, may_arrive: bool = False) -> None:
        super().__init__(why)
        self.why = why
        self.may_arrive = may_arrive


class WrongKeyError(SyncFileError):
    """The key tried does not open the file: another passphrase (or a damaged first page)."""


@dataclass(frozen=True, slots=True)
class SyncFile:
    heading: Heading
    schema_version: int
    versions: Mapping[str, Sequence[Version]]
    tombstones: Sequence[Tomb]


def check_size(path: Path) -> None:
    size = path.stat().st_size
    if size < PAGE or size % PAGE:
        raise SyncFileError("is incomplete (perhaps still being copied)", may_arrive=True)


def read_file(path: Path, key: str, kdf_iter: int, wanted: Callable[[Heading], bool] | None = None) -> SyncFile:
    """Check every page of a file and read it; only its heading when ``wanted(heading)`` says so."""
    check_size(path)
    try:
        with probe(path, key, kdf_iter, immutable=True) as db:
            db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()  # the key is tried here
            heading = _heading(db)
            if db.execute_sql("PRAGMA cipher_integrity_check").fetchall():
                raise SyncFileError("is damaged (its pages fail their check)")
            if [r[0] for r in db.execute_sql("PRAGMA quick_check")] != ["ok"]:
                raise SyncFileError("is damaged")
            version = schema.user_version(db)
            if wanted is not None and not wanted(heading):
                return SyncFile(heading, version, {}, [])
            return SyncFile(heading, version, _versions(db), _tombstones(db))
    except DRIVER_ERRORS as error:
        if "not a database" in str(error).lower():
            raise WrongKeyError("does not open with this journal's passphrase") from None
        raise SyncFileError("is damaged") from None


def _heading(db: peewee.Database) -> Heading:
    try:
        rows: dict[str, Any] = dict(db.execute_sql("SELECT key, value FROM file_meta").fetchall())
    except DRIVER_ERRORS:
        raise SyncFileError("is not a netjournal sync file") from None
    if rows.get("format") != FORMAT:
        raise SyncFileError("is not a netjournal sync file")
    if rows.get("format_version") != str(FORMAT_VERSION):
        raise SyncFileError(f"was written by another netjournal (sync format {rows.get('format_version')})")
    try:
        return Heading(str(rows["journal"]), str(rows["device"]), str(rows["device_name"]), int(rows["number"]),
                       str(rows["kind"]), int(rows["covers"]), str(rows["written_at"]))  # fmt: skip
    except (KeyError, ValueError):
        raise SyncFileError("is not a netjournal sync file") from None


def _versions(db: peewee.Database) -> dict[str, list[Version]]:
    present = {str(r[0]) for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    found: dict[str, list[Version]] = {}
    for table in MERGE_ORDER:
        if f"v_{table}" not in present:
            continue
        rows = db.execute_sql(f"SELECT data FROM v_{table} ORDER BY rowid").fetchall()
        try:
            found[table] = [version_of(json.loads(text)) for (text,) in rows]
        except (ValueError, KeyError, TypeError):
            raise SyncFileError("is damaged (a row cannot be read)") from None
    return found


def _tombstones(db: peewee.Database) -> list[Tomb]:
    rows = db.execute_sql("SELECT entity, uuid, deleted_at FROM tombstones ORDER BY rowid").fetchall()
    return [Tomb(str(e), str(u), str(d)) for e, u, d in rows]
