"""``netjournal backups`` and ``netjournal restore``: the automatic backups, listed and brought back."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from netjournal.cli.opening import open_journal as _open
from netjournal.cli.opening import say as _say
from netjournal.cli.terminal import printable
from netjournal.store.errors import JournalError
from netjournal.store.snapshot import Contents
from netjournal.wording import count


def cmd_backups(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services.backup_catalog import catalog, size_text
    from netjournal.services.backup_choices import journal_place
    from netjournal.services.backups import backup_folder

    with _open(args, path) as journal:
        listed = catalog(journal)
        folder = backup_folder(path, journal_place(journal))
    if not listed:
        _say(f"No backups yet. They are taken automatically into {folder} as the journal changes.")
        return 0
    _say(f"Backups of {path}, newest first (in {folder}):")
    for number, item in enumerate(listed, 1):
        when = item.file.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        held = count(item.contents.entries, "entry", "entries") if item.contents else f"({item.note})"
        _say(f"{number:>3}  {when}  {size_text(item.file.size):>9}  {held:<16} {item.file.reason.label}")
    _say("Restore one with: netjournal restore N (or the path of a backup file).")
    return 0


def _chosen_backup(given: str, journal: Path, place: Path | None = None) -> Path:
    from netjournal.services.backups import list_backups

    if given.isdigit():
        listed = list_backups(journal, place)
        number = int(given)
        if not 1 <= number <= len(listed):
            raise JournalError(f"There is no backup number {number}; `netjournal backups` lists {len(listed)}.")
        return listed[number - 1].path
    return Path(given).expanduser().absolute()


def _describe(label: str, held: Contents) -> str:
    people, entries = held.counts.get("person", 0), held.entries
    text = f"{label}: {count(people, 'person', 'people')} and {count(entries, 'entry', 'entries')}"
    if held.newest_on:
        text += f"; newest entry {held.newest_on}: “{held.newest_summary}”"
    return text + "."


def cmd_restore(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services import restore
    from netjournal.store.errors import WrongPassphraseError

    with _open(args, path) as journal:
        from netjournal.services.backup_choices import journal_place

        backup = _chosen_backup(args.backup, journal.path, journal_place(journal))
        try:
            chosen = restore.preview(journal, backup)
        except WrongPassphraseError:
            if not sys.stdin.isatty():
                raise JournalError(
                    f"{backup} does not open with the journal's passphrase (it may be from before a "
                    "passphrase change); run restore in a terminal to type the one it had."
                ) from None
            chosen = restore.preview(journal, backup, getpass.getpass("The backup's passphrase (the one it had): "))
        held, now = chosen.held, chosen.current
        _say(_describe("The backup holds", held))
        if now is None:
            _say("The journal is too damaged to say what it holds.")
        else:
            _say(_describe("The journal holds", now))
        if not args.yes:
            if not sys.stdin.isatty():
                raise JournalError("Nothing was restored: add --yes to restore without being asked.")
            answer = input("Replace the journal with the backup? It is kept as a backup first. [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                _say("Nothing was restored.")
                return 1
        done = restore.restore(journal, chosen)
    _say(f"Restored {printable(str(done.preview.backup))}.")
    _say(f"The journal as it was is kept as {done.kept.file.path}.")
    return 0
