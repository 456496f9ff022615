"""Constants and small helpers the tests share (importable as ``support``)."""

from __future__ import annotations

import hashlib
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

# Key derivation at SQLCipher's default costs ~80 ms per open; tests open
# hundreds of throw-away journals, so they use a tiny iteration count.
TEST_KDF_ITER = 2
PASSPHRASE = "correct horse battery staple"


def file_digests(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder``, by relative path."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# Opens a journal, adds people one transaction each, and dies without closing: what a crash
# leaves, every acknowledged person only in the -wal. With LATER > 0 the log is first emptied
# into the journal (a RESTART checkpoint, as SQLite's own automatic one) and LATER people follow:
# they are written over the start of the log, after which frames of the first batch remain.
CRASH = """
import os, sys
from netjournal.services import people
from netjournal.services.journal import Journal
journal = Journal.open(sys.argv[1], sys.argv[2], kdf_iter=int(sys.argv[3]))
first, later = int(sys.argv[4]), int(sys.argv[5])
for number in range(first):
    people.add_person(journal, people.PersonInput(name=f"Person {number}", notes="Met at the harbour. " * 20))
if later:
    journal.store.db.execute_sql("PRAGMA wal_checkpoint(RESTART)")
    for number in range(later):
        people.add_person(journal, people.PersonInput(name=f"Later {number}"))
os._exit(9)
"""


def crash_after_adding_people(path: Path, passphrase: str, kdf_iter: int, first: int, later: int = 0) -> None:
    """Add ``first`` (then ``later``) people to the journal at ``path`` in a process that then crashes."""
    args = [sys.executable, "-c", CRASH, str(path), passphrase, str(kdf_iter), str(first), str(later)]
    crashed = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert crashed.returncode == 9, crashed.stderr
    assert Path(f"{path}-wal").stat().st_size > 0, "the crash should leave committed rows in the log"


WAL_HEADER = 32
FRAME_HEADER = 24


def wal_frames(wal: bytes) -> list[tuple[int, int, int, int]]:
    """(offset, page number, commit field, salt-1) of every whole frame, read straight from the bytes."""
    page_size = struct.unpack_from(">I", wal, 8)[0]
    size = FRAME_HEADER + page_size
    frames = []
    for offset in range(WAL_HEADER, len(wal) - size + 1, size):
        page, commit, salt = struct.unpack_from(">3I", wal, offset)
        frames.append((offset, page, commit, salt))
    return frames


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


class MemoryKeyring(KeyringBackend):
    """A keychain that lives in a dict, for the duration of one test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def spy_on(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[tuple[Any, ...]]:
    """Record each call of ``module.name`` (args, kwargs) while still running the real function.

    Shows that a front end goes through a given service call rather than
    composing the action itself.
    """
    real = getattr(module, name)
    calls: list[tuple[Any, ...]] = []

    def recording(*args: Any, **kwargs: Any) -> Any:
        calls.append((args, kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, recording)
    return calls


def derived_data(journal: Any) -> tuple[set[tuple[Any, ...]], dict[str, str | None], int]:
    """The search entries (by the UUIDs they stand for) and the last-entry dates: what an export leaves out."""
    from netjournal.store.tables import TRACKED_TABLES

    entries_found: set[tuple[Any, ...]] = set()
    for table, entity in TRACKED_TABLES.items():
        if table == "prompt_state":
            continue
        entries_found |= set(
            journal.sql(
                f"SELECT s.entity, t.uuid, s.body, p.uuid, s.date FROM search_index s JOIN {table} t "
                "ON t.id = s.entity_id LEFT JOIN person p ON p.id = s.person_id WHERE s.entity = ?",
                (entity,),
            ).fetchall()
        )
    last = dict(journal.sql("SELECT uuid, last_entry_on FROM person").fetchall())
    (keys,) = journal.sql("SELECT count(*) FROM search_key").fetchone()
    return entries_found, last, keys


def shows_no_notice(window: Any) -> bool:
    """The window's info bar says nothing, or only which open loops are due (the seeded journal has one overdue)."""
    return not window.info.isVisible() or window.info.label.text() == window.reminders.shown_line
