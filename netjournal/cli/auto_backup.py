"""Automatic backups after a command changed the journal, taken by a process of their own.

A backup of a large journal takes a second or two (every page is checked,
then copied and read back); a command like ``netjournal log`` must not wait
for it.  So, like ``git gc --auto``, the command starts a detached helper
when a backup is due and exits; the helper reads the journal on its own
connection, which never blocks the next command, and takes no lock of the
journal's (only one of the backup folder's, so two helpers never overlap).
The passphrase reaches it through a pipe, never its arguments or environment.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netjournal.store.snapshot import SnapshotSource

# The hidden first argument that makes ``netjournal`` the helper. ``__main__`` spells it out
# itself: importing this module there would delay the early key derivation of every command.
CHILD_COMMAND = "--take-automatic-backup"


def start_if_due(source: SnapshotSource, *, now: dt.datetime | None = None) -> subprocess.Popen[bytes] | None:
    """Start the helper when the journal's newest backup is old enough; returns it (or None)."""
    from netjournal.services.backups import automatic_backups_enabled, is_due

    moment = now or dt.datetime.now(dt.UTC)
    if not automatic_backups_enabled() or not is_due(source.path, moment, place=source.backup_place):
        return None
    try:
        helper = subprocess.Popen(
            [*_program(), CHILD_COMMAND, str(source.path), str(source.kdf_iter), str(source.backup_place or "")],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl+C in the terminal does not reach it
            close_fds=True,
        )
    except OSError:
        return None  # no process to spare: the next change tries again
    assert helper.stdin is not None
    try:
        helper.stdin.write(source.passphrase.encode("utf-8"))
        helper.stdin.close()
    except OSError:
        pass  # it died already; it will have written nothing
    return helper


def _program() -> list[str]:
    if getattr(sys, "frozen", False):  # the bundled application is its own interpreter
        return [sys.executable]
    return [sys.executable, "-m", "netjournal"]


def child_main(argv: Sequence[str]) -> int:
    """The helper: read the passphrase from stdin, take the backup if still due, thin the rest."""
    from netjournal.services.backups import back_up_if_due
    from netjournal.store.errors import JournalError
    from netjournal.store.snapshot import SnapshotSource

    try:
        path, kdf_iter = Path(argv[0]), int(argv[1])
    except (IndexError, ValueError):
        return 2
    place = Path(argv[2]) if len(argv) > 2 and argv[2] else None  # the folder chosen for its backups
    passphrase = sys.stdin.buffer.read().decode("utf-8")
    try:
        back_up_if_due(SnapshotSource(path, passphrase, kdf_iter, place))
    except JournalError:
        return 1  # nobody is there to tell; the next change tries again
    return 0
