"""This device's part in a sync folder, kept in ``journal_meta`` (never exported, never sent).

- ``sync:device``: the device's random id and its name, with the journal
  file's path and inode.  A journal file copied elsewhere (another computer,
  another name) carries this record along; the inode tells the copy from the
  original, and the copy takes a new id, so two devices never write files
  under one id.  A journal moved within its drive keeps its inode, and so its
  id; a restored backup is a new file and gets a new id (it may be older than
  the files the old id wrote).  A passphrase change replaces the file too, but
  with the same contents: ``restamp`` keeps the id.
- ``sync:folder``: the folder chosen for this journal.
- ``sync:written``: the number of this device's last file and of its last base.
- ``sync:merged:<device id>``: per other device, the last of its files merged
  here (and the conflict copies merged), so nothing is read twice.
- ``sync:sent-unmerged``: the rows this device sent since it last merged the
  other devices' files (``sent_unmerged``).

These records are this copy's alone, like the outbox: what each device has
merged differs, and exporting them would make equal journals look different.
"""

from __future__ import annotations

import os
import secrets
import socket
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee

from netjournal.store import meta
from netjournal.store.errors import JournalError
from netjournal.store.sync_schema import OUTBOX_KEY

DEVICE_KEY = "sync:device"
FOLDER_KEY = "sync:folder"
WRITTEN_KEY = "sync:written"
MERGED_PREFIX = "sync:merged:"
UNMERGED_KEY = "sync:sent-unmerged"
UNMERGED_LIMIT = 20_000  # rows remembered; past it (a first base of a large journal) none are
NAME_LIMIT = 60


@dataclass(frozen=True, slots=True)
class Device:
    id: str
    name: str
    renewed_from: str | None = None  # the id the journal had before it was found to be a copy


@dataclass(frozen=True, slots=True)
class Merged:
    """What this journal has merged of one other device's files."""

    number: int  # the last file in its sequence merged here
    name: str  # the device's name, as its latest file gave it
    written_at: str | None  # when that file was written (the other device's clock)
    extras: tuple[str, ...] = ()  # conflict copies merged, by name, size and time


def new_device_id() -> str:
    return secrets.token_hex(16)


def is_device_id(text: str) -> bool:
    return len(text) == 32 and all(c in "0123456789abcdef" for c in text)


def checked_name(name: str) -> str:
    """A device name as it is kept: trimmed, printable, at most ``NAME_LIMIT`` characters; else a sentence."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise JournalError("A device name needs at least one visible character.")
    if any(unicodedata.category(c).startswith("C") for c in cleaned):
        raise JournalError("A device name cannot hold control characters.")
    if len(cleaned) > NAME_LIMIT:
        raise JournalError(f"A device name can be at most {NAME_LIMIT} characters long.")
    return cleaned


def default_name() -> str:
    try:
        return checked_name(socket.gethostname().split(".")[0])[:NAME_LIMIT]
    except JournalError:
        return "This device"


def _file_identity(path: Path) -> dict[str, Any]:
    found = os.stat(path)
    return {"path": str(path), "dev": found.st_dev, "ino": found.st_ino}


def _same_file(record: dict[str, Any], now: dict[str, Any]) -> bool:
    # The inode must match; then either the path (the same file, perhaps on a remounted drive)
    # or the drive (the file moved within it).  A copy has a new inode.
    return record.get("ino") == now["ino"] and (record.get("path") == now["path"] or record.get("dev") == now["dev"])


def device(db: peewee.Database) -> Device | None:
    record = meta.get(db, DEVICE_KEY)
    if not isinstance(record, dict) or not is_device_id(str(record.get("id", ""))):
        return None
    return Device(str(record["id"]), str(record.get("name") or default_name()))


def ensure_device(db: peewee.Database, path: Path, name: str | None = None) -> Device:
    """This journal file's device (made on first use, renewed for a copy); call inside a transaction."""
    record = meta.get(db, DEVICE_KEY)
    now = _file_identity(path)
    if isinstance(record, dict) and is_device_id(str(record.get("id", ""))):
        chosen = checked_name(name) if name is not None else str(record.get("name") or default_name())
        if _same_file(record, now):
            if chosen != record.get("name") or record.get("path") != now["path"]:
                meta.put(db, DEVICE_KEY, {**record, "name": chosen, **now})
            return Device(str(record["id"]), chosen)
        old = str(record["id"])
        _become_a_new_device(db, old)
        fresh = Device(new_device_id(), chosen, renewed_from=old)
    else:
        fresh = Device(new_device_id(), checked_name(name) if name is not None else default_name())
    meta.put(db, DEVICE_KEY, {"id": fresh.id, "name": fresh.name, **now})
    return fresh


def _become_a_new_device(db: peewee.Database, old: str) -> None:
    """A copy: what the original wrote is in it already, and its own first file will be a base."""
    written = meta.get(db, WRITTEN_KEY)
    if isinstance(written, dict) and int(written.get("number", 0)) > 0:
        record = device(db)
        set_merged(db, old, Merged(int(written["number"]), record.name if record else "", None))
    meta.delete(db, WRITTEN_KEY)
    outbox_off(db)


def restamp(db: peewee.Database, path: Path) -> None:
    """The journal file was replaced by this process with the same contents (a passphrase change)."""
    record = meta.get(db, DEVICE_KEY)
    if isinstance(record, dict):
        with db.atomic():
            meta.put(db, DEVICE_KEY, {**record, **_file_identity(path)})


# -- the folder, the outbox, the numbers ------------------------------------------


def folder(db: peewee.Database) -> Path | None:
    value = meta.get(db, FOLDER_KEY)
    return Path(value) if isinstance(value, str) and value else None


def set_folder(db: peewee.Database, chosen: Path | None) -> None:
    """Remember the folder (None: stop syncing); a new folder starts with a base, as it has none of ours."""
    if chosen is None:
        meta.delete(db, FOLDER_KEY)
        outbox_off(db)
        return
    if folder(db) != chosen:
        outbox_off(db)
    meta.put(db, FOLDER_KEY, str(chosen))


def outbox_on(db: peewee.Database) -> bool:
    return db.execute_sql("SELECT 1 FROM journal_meta WHERE key = ?", (OUTBOX_KEY,)).fetchone() is not None


def turn_outbox_on(db: peewee.Database) -> None:
    meta.put(db, OUTBOX_KEY, True)


def outbox_off(db: peewee.Database) -> None:
    """No outbox: the next file this device writes must be a base."""
    meta.delete(db, OUTBOX_KEY)
    db.execute_sql("DELETE FROM sync_outbox")


def outbox_top(db: peewee.Database) -> int:
    (top,) = db.execute_sql("SELECT coalesce(max(seq), 0) FROM sync_outbox").fetchone()
    return int(top)


def sent(db: peewee.Database, upto: int) -> None:
    """The outbox up to ``upto`` is in a file; its rows are remembered until this device next merges."""
    rows = db.execute_sql(
        "SELECT DISTINCT entity, uuid FROM sync_outbox WHERE seq <= ? AND entity != 'entry_history'", (upto,)
    ).fetchall()
    if rows:
        known = sent_unmerged(db)
        known.update((str(e), str(u)) for e, u in rows)
        if len(known) <= UNMERGED_LIMIT:
            meta.put(db, UNMERGED_KEY, sorted(known))
    db.execute_sql("DELETE FROM sync_outbox WHERE seq <= ?", (upto,))


def sent_unmerged(db: peewee.Database) -> set[tuple[str, str]]:
    """Rows (entity, UUID) this device sent since it last merged the other devices' files.

    A deletion that arrives for one of them may have been made without
    seeing this version (an edit on a clock behind, stamped before the
    deletion): the merge keeps that version in the history.
    """
    value = meta.get(db, UNMERGED_KEY)
    if not isinstance(value, list):
        return set()
    return {(str(pair[0]), str(pair[1])) for pair in value if isinstance(pair, list) and len(pair) == 2}


def merged_all(db: peewee.Database) -> None:
    """This device has merged every other device's files it could: the versions it sent are settled."""
    meta.delete(db, UNMERGED_KEY)


def written(db: peewee.Database) -> tuple[int, int, int]:
    """(last number written, number of the last base, change files since that base)."""
    value = meta.get(db, WRITTEN_KEY)
    if not isinstance(value, dict):
        return 0, 0, 0
    return int(value.get("number", 0)), int(value.get("base", 0)), int(value.get("since_base", 0))


def set_written(db: peewee.Database, number: int, base: int, since_base: int) -> None:
    meta.put(db, WRITTEN_KEY, {"number": number, "base": base, "since_base": since_base})


def merged(db: peewee.Database) -> dict[str, Merged]:
    found: dict[str, Merged] = {}
    for device_id, value in meta.with_prefix(db, MERGED_PREFIX).items():
        if isinstance(value, dict) and is_device_id(device_id):
            found[device_id] = Merged(
                int(value.get("number", 0)),
                str(value.get("name", "")),
                value.get("written_at"),
                tuple(str(x) for x in value.get("extras", ())),
            )
    return found


def set_merged(db: peewee.Database, device_id: str, record: Merged) -> None:
    meta.put(
        db,
        MERGED_PREFIX + device_id,
        {"number": record.number, "name": record.name, "written_at": record.written_at, "extras": list(record.extras)},
    )
