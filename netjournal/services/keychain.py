"""Remembering a journal's passphrase in the OS keychain, only when asked to.

``keyring`` is imported lazily: looking up its backends costs tens of
milliseconds that a scripted ``netjournal log`` should not pay.  On a machine
without a keychain every function degrades to "not available" instead of
failing, and the caller falls back to asking for the passphrase.
"""

from __future__ import annotations

import os
from pathlib import Path

SERVICE = "netjournal"


class KeychainUnavailable(Exception):
    """No usable keychain on this device; the message says so in plain words."""

    def __init__(self) -> None:
        super().__init__("No keychain is available on this device, so the passphrase cannot be remembered.")


def _account(path: str | os.PathLike[str]) -> str:
    return str(Path(path).expanduser().resolve())


def _backend():
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise KeychainUnavailable()
    return backend


def recall(path: str | os.PathLike[str]) -> str | None:
    """The remembered passphrase, or None (also when there is no keychain)."""
    try:
        return _backend().get_password(SERVICE, _account(path))
    except Exception:
        return None


def remember(path: str | os.PathLike[str], passphrase: str) -> None:
    """Store the passphrase; raises ``KeychainUnavailable`` when that cannot be done."""
    try:
        _backend().set_password(SERVICE, _account(path), passphrase)
    except KeychainUnavailable:
        raise
    except Exception:
        raise KeychainUnavailable() from None


def forget(path: str | os.PathLike[str]) -> bool:
    """Remove a remembered passphrase; True if one was removed."""
    try:
        backend = _backend()
        if backend.get_password(SERVICE, _account(path)) is None:
            return False
        backend.delete_password(SERVICE, _account(path))
    except Exception:
        return False
    return True
