"""What every command does first: open the journal it works on, and print safely."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.cli import passphrase as secrets

if TYPE_CHECKING:
    from netjournal.cli.early_open import EarlyOpen
    from netjournal.services.journal import Journal


def open_journal(args: argparse.Namespace, path: Path) -> Journal:
    """The journal the command works on: the one opened early (see ``early_open``), or opened now."""
    # Imported here, not at the top: the parser imports this module, and a scripted command's key
    # derivation (``early_open``) starts only after parsing, beside the imports of the journal itself.
    from netjournal.services.journal import Journal
    from netjournal.store.keyed import precheck_existing

    early: EarlyOpen | None = getattr(args, "early_open", None)
    if early is not None and early.path == path:
        journal = early.take()
    else:
        precheck_existing(path)  # no journal there, or not one: say so before asking for a passphrase
        journal = Journal.open(path, secrets.passphrase_to_open(path))
    # A command that changes the journal leaves what an automatic backup needs (see ``auto_backup``).
    journal.changes.subscribe(lambda _change: setattr(args, "changed_journal", journal.snapshot_source()))
    return journal


def say(text: str, *, escapes_are_ours: bool = False) -> None:
    """Print a line; journal text in it is made safe first, unless the caller already did (``hit_line``)."""
    from netjournal.cli.terminal import printable

    print(text if escapes_are_ours else printable(text))
