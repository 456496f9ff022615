"""The command line: commands that work without a window, and the entry point for both."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.cli.parser import parse_arguments

if TYPE_CHECKING:
    from netjournal.cli.early_open import EarlyOpen

EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


def _error(message: str) -> None:
    from netjournal.cli.terminal import printable

    print(f"netjournal: {printable(message)}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    if args.self_test:
        from netjournal.cli.self_test import run

        return run()
    explicit = getattr(args, "journal", None)
    if args.command is None:
        # Qt is imported only here, so commands start fast.
        from netjournal.app import run_window

        return run_window(journal=Path(explicit).expanduser() if explicit else None, demo=args.demo)

    if explicit:
        path = Path(explicit).expanduser().absolute()
    else:
        from netjournal.paths import default_journal_path

        path = default_journal_path()
    # First, so the key derivation overlaps the imports below.
    early = _open_early(args.command, path)
    args.early_open = early

    from netjournal.cli.commands import COMMANDS
    from netjournal.store.errors import JournalError

    try:
        status = COMMANDS[args.command](args, path)
        changed = getattr(args, "changed_journal", None)
        if changed is not None and status == 0:
            from netjournal.cli.auto_backup import start_if_due

            start_if_due(changed)
        return status
    except JournalError as error:
        _error(str(error))
    except BrokenPipeError:
        # The reader went away (`netjournal search x | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        _error("cancelled; nothing more was saved.")
        return EXIT_INTERRUPTED
    except Exception as error:
        if os.environ.get("NETJOURNAL_DEBUG"):
            raise
        _error(
            f"unexpected error ({type(error).__name__}); nothing was changed by the failed step. "
            "Set NETJOURNAL_DEBUG=1 to see details."
        )
    finally:
        if early is not None:
            early.release()
    return EXIT_ERROR


# Commands that open an existing journal with the passphrase it has now (and its lock: not
# `backup`, which reads on a connection of its own, so it works while the window has the journal).
_OPENING_COMMANDS = frozenset(
    {
        "log",
        "touch",
        "loop",
        "done",
        "reflect",
        "search",
        "show",
        "prompts",
        "answer",
        "export",
        "passwd",
        "check",
        "backups",
        "restore",
        "review",
        "import",
        "merge-people",
        "duplicates",
        "people",
        "person",
        "delete",
        "introduced",
        "introductions",
        "outcome",
        "merge",
        "sync",
    }
)


def _open_early(command: str, path: Path) -> EarlyOpen | None:
    """Start deriving the key now when a script gave the passphrase; otherwise the command asks as usual."""
    from netjournal.cli.passphrase import ENV_VARIABLE

    passphrase = os.environ.get(ENV_VARIABLE)
    if command not in _OPENING_COMMANDS or not passphrase or not path.is_file():
        return None
    from netjournal.cli.early_open import EarlyOpen

    return EarlyOpen(path, passphrase)
