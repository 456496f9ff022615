"""One opener per journal file: an advisory lock on the journal file itself.

Locking the file, not a name, means every name of one journal (a hard link, a
symlink, a relative path) shares one lock, for every user and whatever their
environment; a hard link is otherwise a second name with a write-ahead log of
its own, and two writers through two names corrupt the file.  The lock is an
``flock`` on a descriptor of the journal held for the whole session, so it
disappears with the process even after a crash or ``kill -9``.  ``flock`` locks
are independent of the POSIX record locks SQLite takes on the same file, and
this descriptor is only closed once SQLite's connection is, as closing a
descriptor would drop SQLite's own locks.  (Windows has no ``flock``: there the
lock is a ``<journal>.lock`` file beside the journal.)
"""

from __future__ import annotations

import os
from pathlib import Path

from netjournal.store.errors import JournalError, JournalLockedError

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _lock_target(journal: Path) -> int:
        return os.open(journal.with_name(journal.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _lock_target(journal: Path) -> int:
        return os.open(journal, os.O_RDONLY)


class JournalLock:
    """Exclusive lock on one journal file (which must exist); ``release`` is idempotent."""

    def __init__(self, journal: Path) -> None:
        self._fd: int | None = None
        for _attempt in range(3):
            try:
                fd = _lock_target(journal)
            except OSError as error:
                raise JournalError(f"Cannot open {journal}: no lock can be taken on it ({error.strerror}).") from None
            if not _try_lock(fd):
                os.close(fd)
                raise JournalLockedError(journal)
            if os.name == "nt" or _same_file(fd, journal):
                self._fd = fd
                return
            # A passphrase change renamed a new file into place meanwhile: lock that one.
            _unlock(fd)
            os.close(fd)
        raise JournalLockedError(journal)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None


def _same_file(fd: int, journal: Path) -> bool:
    try:
        now = os.stat(journal)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)
