"""What a passphrase must be before SQLCipher sees it."""

from __future__ import annotations

import unicodedata

from netjournal.store.errors import EmptyPassphraseError, JournalError


def check_passphrase(passphrase: str | None) -> str:
    if passphrase is None or not any(_visible(character) for character in passphrase):
        raise EmptyPassphraseError()
    if "\x00" in passphrase:
        raise JournalError("A passphrase cannot contain a NUL character.")
    return passphrase


def _visible(character: str) -> bool:
    """Not a space, a control or a format character (such as U+200B, which shows nothing)."""
    return unicodedata.category(character)[0] not in "ZC"
