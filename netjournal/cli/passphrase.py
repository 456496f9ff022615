"""Where the command line gets a passphrase from, in order of preference."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from netjournal.store.errors import JournalError

ENV_VARIABLE = "NETJOURNAL_PASSPHRASE"


class NoPassphraseError(JournalError):
    pass


def _ask(prompt: str, variable: str = ENV_VARIABLE) -> str:
    try:
        if not sys.stdin.isatty():
            # Piped input (`printf pw | netjournal ...`): read a line, no echo warnings.
            line = sys.stdin.readline()
            if not line:
                raise EOFError
            return line.rstrip("\r\n")
        return getpass.getpass(prompt)
    except EOFError:
        raise NoPassphraseError(
            f"No passphrase was given. Type it when asked, or set {variable} for scripts."
        ) from None


def passphrase_to_open(path: Path) -> str:
    """The environment (for scripts), then the keychain if remembered there, then a prompt."""
    from_env = os.environ.get(ENV_VARIABLE)
    if from_env:
        return from_env
    from netjournal.services import keychain

    remembered = keychain.recall(path)
    if remembered:
        return remembered
    return _ask(f"Passphrase for {path}: ")


NEW_ENV_VARIABLE = "NETJOURNAL_NEW_PASSPHRASE"


def new_passphrase(purpose: str = "the new journal", *, variable: str = ENV_VARIABLE, path: Path | None = None) -> str:
    """A new passphrase: the environment ``variable``, or typed twice without echo.

    Either way it must pass the same policy as in the window (``passphrase_policy``).
    """
    from netjournal.services.passphrase_policy import check_new_passphrase

    hints = [path.stem] if path is not None else []
    from_env = os.environ.get(variable)
    if from_env:
        return check_new_passphrase(from_env, hints)
    first = check_new_passphrase(_ask(f"Choose a passphrase for {purpose}: ", variable), hints)
    second = _ask("Type it again: ", variable)
    if first != second:
        raise JournalError("The two passphrases differ; nothing was created or changed.")
    return first
