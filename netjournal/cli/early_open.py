"""Deriving a journal's key while the rest of a command loads.

The key derivation is most of a scripted command's time, and it runs inside
SQLCipher's C code, which lets go of Python's interpreter lock.  When the
passphrase is already known from the environment, the journal is opened on a
helper thread straight after the arguments are read, while the main thread
imports what the command needs; the command then takes the opened journal,
or the error opening it raised, exactly as if it had opened it itself.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netjournal.services.journal import Journal


class EarlyOpen:
    """A journal being opened on a helper thread; ``take`` hands it (or its error) to the command."""

    def __init__(self, path: Path, passphrase: str) -> None:
        self.path = path
        self._passphrase = passphrase
        self._journal: Journal | None = None
        self._error: BaseException | None = None
        self._taken = False
        self._thread = threading.Thread(target=self._open, name="netjournal-open", daemon=True)
        self._thread.start()

    def _open(self) -> None:
        passphrase, self._passphrase = self._passphrase, ""
        try:
            from netjournal.services.journal import Journal

            self._journal = Journal.open(self.path, passphrase)
        except BaseException as error:  # handed to the command, which reports it as usual
            self._error = error

    def take(self) -> Journal:
        self._thread.join()
        self._taken = True
        if self._error is not None:
            raise self._error
        assert self._journal is not None
        return self._journal

    def release(self) -> None:
        """Close the journal if the command never took it (it failed before opening)."""
        self._thread.join()
        if not self._taken and self._journal is not None:
            self._journal.close()
