"""Writing a file the user asked for, whole or not at all.

Exports are the user's explicit plaintext.  They are written to a temporary
file beside the destination (so the final rename stays on one file system),
readable by the user alone from the first byte, flushed to disk, and only
then renamed into place: a crash or a full disk never leaves half a file
where the user looks for it, and nothing is written anywhere else.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from netjournal.store.errors import JournalError, StorageFullError
from netjournal.store.translate import DRIVER_ERRORS, translate_error


def write_atomically(destination: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write`` with a binary file that becomes ``destination`` once it has all been written."""
    destination = destination.expanduser().absolute()
    folder = destination.parent
    if not folder.is_dir():
        raise JournalError(f"The folder {folder} does not exist.")
    if destination.is_dir():
        raise JournalError(f"{destination} is a folder; give a file name.")
    try:
        # mkstemp creates the file with mode 0600 before any data reaches it.
        fd, temporary = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".partial", dir=folder)
    except OSError as error:
        raise _explained(destination, error) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, destination)
    except BaseException as error:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise _explained(destination, error) from None
    if os.name != "nt":  # directories cannot be fsynced there
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return destination


def _explained(destination: Path, error: BaseException) -> BaseException:
    """The error as a sentence when it is about the disk or the journal; anything else as it was."""
    if isinstance(error, JournalError):
        return error
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return StorageFullError(destination)
        if error.errno in (errno.EACCES, errno.EPERM):
            return JournalError(f"Cannot write {destination}: permission denied.")
        if error.errno == errno.EROFS:
            return JournalError(f"Cannot write {destination}: that drive is read-only.")
        return JournalError(f"Cannot write {destination}: {error.strerror or 'the system refused'}.")
    if isinstance(error, DRIVER_ERRORS):
        return translate_error(destination, error)
    return error
