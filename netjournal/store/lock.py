"""One opener per journal file: an advisory lock named after the file's identity.

The lock is taken on a small file in this user's runtime folder whose name is
the journal's device and inode numbers, so every name of one journal (a hard
link, a symlink, a relative path) shares one lock; a hard link is otherwise a
second name with a write-ahead log of its own, and two writers through two
names corrupt the file.  The lock is held through the operating system
(``flock``/``msvcrt.locking``), so it disappears with the process even after a
crash or ``kill -9``.  The lock file holds no data and names nothing.
"""

from __future__ import annotations

import os
import tempfile
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


def lock_folder() -> Path:
    """This user's folder for journal locks: the runtime folder, else one in the temporary folder."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime and Path(runtime).is_dir() else Path(tempfile.gettempdir())
    user = os.getuid() if hasattr(os, "getuid") else os.getlogin()
    folder = base / f"netjournal-locks-{user}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def lock_path_for(journal: Path) -> Path:
    """The lock of this journal file, whatever name it is reached by (symlinks are followed)."""
    identity = os.stat(journal)
    return lock_folder() / f"{identity.st_dev}-{identity.st_ino}.lock"


class JournalLock:
    """Exclusive lock on one journal file (which must exist); ``release`` is idempotent."""

    def __init__(self, journal: Path) -> None:
        self._fd: int | None = None
        try:
            self.path = lock_path_for(journal)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise JournalError(f"Cannot open {journal}: no lock can be taken on it ({error.strerror}).") from None
        if not _try_lock(fd):
            os.close(fd)
            raise JournalLockedError(journal)
        self._fd = fd

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
