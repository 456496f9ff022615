"""Small, careful file operations the store needs: removal, flushing, renaming without replacing."""

from __future__ import annotations

import errno
import os
from contextlib import suppress
from pathlib import Path


def move_without_replacing(source: Path, destination: Path) -> None:
    """Rename that refuses to overwrite: a hard link where the file system has them."""
    try:
        os.link(source, destination)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # FAT and exFAT drives have no hard links: check, then rename.
        if destination.exists():
            raise FileExistsError(destination) from None
        os.rename(source, destination)
        return
    os.unlink(source)


def remove_journal_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be fsynced there
        return
    fsync(folder)
