"""The errors the window and the command line show, re-exported so they need not reach into the store."""

from __future__ import annotations

from netjournal.store.errors import (
    JournalError,
    JournalLockedError,
    NewerJournalError,
    PassphraseChangedNotReopenedError,
    WrongPassphraseError,
)
from netjournal.store.translate import DRIVER_ERRORS, translate_error

__all__ = [
    "JournalError",
    "JournalLockedError",
    "NewerJournalError",
    "PassphraseChangedNotReopenedError",
    "WrongPassphraseError",
    "explain",
]


def explain(error: BaseException, where: str = "the journal") -> str | None:
    """A sentence for a journal or database error; None for anything else (a bug)."""
    if isinstance(error, JournalError):
        return str(error)
    if isinstance(error, DRIVER_ERRORS):
        return str(translate_error(where, error))  # type: ignore[arg-type]
    return None
