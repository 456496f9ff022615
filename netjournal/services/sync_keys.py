"""The keys of sync files, kept in memory per open journal (see ``store.sync_files``).

One derivation per session for this device's own files (again after a
passphrase change, noticed by comparing the journal's current passphrase),
one per salt of another device's files, and the passphrases given for other
devices' files whose passphrase was changed there.  Nothing here is written
anywhere.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from netjournal.services.journal import Journal
from netjournal.store.sync_files import (
    Heading,
    SyncFile,
    SyncFileError,
    WrongKeyError,
    derive,
    new_salt,
    raw_key,
    read_file,
    salt_of,
)


@dataclass(slots=True)
class _Session:
    """What one open journal keeps in memory for syncing: keys, and files that failed as they were."""

    own: tuple[str, bytes, str] | None = None  # (passphrase, salt, raw key) of this device's files
    derived: dict[tuple[str, bytes], str] = field(default_factory=dict)  # (passphrase, salt) -> raw key
    others: list[str] = field(default_factory=list)  # passphrases given for other devices' files
    failed: dict[Path, tuple[int, int]] = field(default_factory=dict)  # path -> (size, mtime) when it failed


_sessions: weakref.WeakKeyDictionary[Journal, _Session] = weakref.WeakKeyDictionary()


def keys_of(journal: Journal) -> _Session:
    found = _sessions.get(journal)
    if found is None:
        found = _sessions[journal] = _Session()
    return found


def passphrase_of(journal: Journal) -> str:
    return journal.store.snapshot_source().passphrase


def own_key(journal: Journal) -> str:
    session = keys_of(journal)
    passphrase = passphrase_of(journal)
    if session.own is None or session.own[0] != passphrase:  # a passphrase change: derive again
        salt = new_salt()
        key = raw_key(derive(passphrase, salt, journal.store.kdf_iter), salt)
        session.own = (passphrase, salt, key)
        session.derived[(passphrase, salt)] = key
    return session.own[2]


def read_with_keys(journal: Journal, path: Path, wanted: Callable[[Heading], bool] | None = None) -> SyncFile:
    """Read a file with the first passphrase whose key opens it (keys derived once per salt)."""
    session = keys_of(journal)
    salt = salt_of(path)
    if salt is None:
        raise SyncFileError("is incomplete (perhaps still being copied)", may_arrive=True)
    for passphrase in dict.fromkeys([passphrase_of(journal), *session.others]):
        key = session.derived.get((passphrase, salt))
        if key is None:
            key = session.derived[(passphrase, salt)] = raw_key(derive(passphrase, salt, journal.store.kdf_iter), salt)
        try:
            return read_file(path, key, journal.store.kdf_iter, wanted)
        except WrongKeyError:
            continue
    raise WrongKeyError("does not open with this journal's passphrase")


def add_other_passphrase(journal: Journal, passphrase: str, path: Path) -> bool:
    """Try ``passphrase`` on ``path`` (from ``ChangeFilePassphraseError``); kept for this session if it opens it."""
    salt = salt_of(path)
    if not passphrase or salt is None:
        return False
    key = raw_key(derive(passphrase, salt, journal.store.kdf_iter), salt)
    try:
        read_file(path, key, journal.store.kdf_iter, lambda _: False)
    except (SyncFileError, OSError):
        return False
    session = keys_of(journal)
    session.derived[(passphrase, salt)] = key
    if passphrase not in session.others:
        session.others.append(passphrase)
    session.failed.clear()
    return True
