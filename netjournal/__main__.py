"""``python -m netjournal`` and the ``netjournal`` console script."""

from __future__ import annotations

import os
import sys
from contextlib import suppress

# netjournal.cli.auto_backup.CHILD_COMMAND, kept here as text so starting a command imports nothing more.
_BACKUP_HELPER = "--take-automatic-backup"


def main() -> int:
    if sys.argv[1:2] == [_BACKUP_HELPER]:
        from netjournal.cli.auto_backup import child_main

        return child_main(sys.argv[2:])
    from netjournal.cli import main as cli_main

    status = cli_main(sys.argv[1:])
    if "PySide6.QtWidgets" in sys.modules:
        return status  # the window ran: let Qt and its worker threads wind down as usual
    # A command: every journal is closed and every file written by now. Skipping
    # the interpreter's teardown saves about 15 ms on each command a script runs.
    for stream in (sys.stdout, sys.stderr):
        with suppress(BrokenPipeError, ValueError):  # the reader went away, or the stream was closed
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    sys.exit(main())
