"""Constants and small helpers the tests share (importable as ``support``)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

# Key derivation at SQLCipher's default costs ~80 ms per open; tests open
# hundreds of throw-away journals, so they use a tiny iteration count.
TEST_KDF_ITER = 2
PASSPHRASE = "correct horse battery staple"


def file_digests(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder``, by relative path."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class MemoryKeyring(KeyringBackend):
    """A keychain that lives in a dict, for the duration of one test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def spy_on(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[tuple[Any, ...]]:
    """Record each call of ``module.name`` (args, kwargs) while still running the real function.

    Shows that a front end goes through a given service call rather than
    composing the action itself.
    """
    real = getattr(module, name)
    calls: list[tuple[Any, ...]] = []

    def recording(*args: Any, **kwargs: Any) -> Any:
        calls.append((args, kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, recording)
    return calls
