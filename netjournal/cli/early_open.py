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
        lock = keyed = None
        try:
            # Only the lock and sqlcipher3 first, so the key derivation starts at once...
            from netjournal.store.kdf import default_kdf_iter
            from netjournal.store.keyed import has_crash_log, keyed_connection, precheck_existing
            from netjournal.store.lock import JournalLock

            precheck_existing(self.path)
            lock = JournalLock(self.path)
            refused: Exception | None = None
            if not has_crash_log(self.path):  # else the ordinary open tries the key without writing
                try:
                    keyed = keyed_connection(self.path, passphrase, default_kdf_iter())
                except Exception as error:  # the driver's own words, put into a sentence below
                    refused = error
            # ... then the rest, while the other core may still be deriving.
            from netjournal.services.journal import Journal
            from netjournal.store.translate import translate_error

            if refused is not None:
                raise translate_error(self.path, refused) from None
            self._journal = Journal.open(self.path, passphrase, lock=lock, keyed=keyed)
        except BaseException as error:  # handed to the command, which reports it as usual
            if self._journal is None and lock is not None:
                lock.release()
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
