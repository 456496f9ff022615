"""``merge``: another copy of the journal merged in, once; ``sync``: through a sync folder.

The other copy's passphrase is tried as this journal's first (a copy usually
has it); when it differs, it comes from ``NETJOURNAL_OTHER_PASSPHRASE`` (for
scripts) or is asked for.  The same goes for another device's files in the
sync folder after a passphrase change there.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from netjournal.cli.opening import open_journal as _open
from netjournal.cli.opening import say as _say
from netjournal.cli.people_options import CommandMaker
from netjournal.store.errors import JournalError, WrongPassphraseError

OTHER_ENV_VARIABLE = "NETJOURNAL_OTHER_PASSPHRASE"


def add_sync_commands(command: CommandMaker) -> None:
    merge = command("merge", "merge another copy of this journal (an old laptop's file, a sync tool's conflict copy)")
    merge.add_argument("other", metavar="OTHER_JOURNAL", help="the other copy; it is read, never written")
    merge.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    merge.add_argument("--yes", action="store_true", help="merge without asking")
    sync = command("sync", "write this device's changes into the sync folder and merge the other devices'")
    sync.add_argument("--folder", metavar="DIR", help="the sync folder (remembered; Syncthing, Nextcloud, a USB stick)")
    sync.add_argument("--name", help="this device's name, as the other devices' reports show it")


def _other_passphrase(other: Path | str, prompt: str | None = None) -> str:
    from netjournal.cli.passphrase import _ask

    from_env = os.environ.get(OTHER_ENV_VARIABLE)
    if from_env:
        return from_env
    return _ask(prompt or f"{other} has another passphrase. Passphrase for it: ", OTHER_ENV_VARIABLE)


def cmd_merge(args: argparse.Namespace, path: Path) -> int:
    from netjournal.cli.people_commands import interactive
    from netjournal.services.sync_merge import merge_journal
    from netjournal.services.sync_report import report_lines
    from netjournal.store.keyed import precheck_existing

    other = Path(args.other).expanduser().absolute()
    if not other.is_file():
        raise JournalError(f"{other} does not exist; nothing was merged.")
    precheck_existing(other)  # a file that is not a journal is called that before any passphrase
    with _open(args, path) as journal:
        secret = journal.snapshot_source().passphrase
        try:
            preview = merge_journal(journal, other, secret, dry_run=True)
        except WrongPassphraseError:
            secret = _other_passphrase(other)
            preview = merge_journal(journal, other, secret, dry_run=True)
        if args.dry_run or not preview.changed:
            for line in report_lines(preview):
                _say(line)
            return 0
        if not args.yes:
            for line in report_lines(preview):
                _say(line)
            if not interactive():
                raise JournalError("Nothing was merged: add --yes to merge without being asked.")
            if input(f"Merge {other.name} into this journal? [y/N] ").strip().lower() not in ("y", "yes"):
                _say("Nothing was merged.")
                return 1
        report = merge_journal(journal, other, secret)
    for line in report_lines(report):
        _say(line)
    return 0


def cmd_sync(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services.sync_folder import ChangeFilePassphraseError, add_other_passphrase, sync_now
    from netjournal.services.sync_guards import warnings_for
    from netjournal.services.sync_report import report_lines

    folder = Path(args.folder) if args.folder else None
    with _open(args, path) as journal:
        tried: set[Path] = set()
        while True:
            try:
                report = sync_now(journal, folder, args.name)
                break
            except ChangeFilePassphraseError as error:
                for line in report_lines(error.report) if error.report else ():
                    _say(line)
                if error.path in tried:
                    raise
                tried.add(error.path)
                secret = _other_passphrase(
                    error.path, f"{error.device_name}'s files have another passphrase. Passphrase for them: "
                )
                if not add_other_passphrase(journal, secret, error.path):
                    raise JournalError(
                        f"That passphrase does not open {error.device_name}'s files either; "
                        "nothing more was merged from them."
                    ) from None
                folder = None  # remembered by the first attempt
    for line in report_lines(report):
        _say(line)
    for warning in warnings_for(path):  # the journal itself inside a synced folder, or conflicting copies of it
        print(f"netjournal: warning: {warning}", file=sys.stderr)
    return 0
