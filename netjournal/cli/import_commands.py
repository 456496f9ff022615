"""``netjournal import``: contacts from vCard, LinkedIn or CSV files, or a netjournal JSON export."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.cli.opening import open_journal as _open
from netjournal.cli.opening import say as _say
from netjournal.cli.terminal import printable
from netjournal.store.errors import JournalError

if TYPE_CHECKING:
    from netjournal.services.contact_import import ImportPlan, PlannedContact

FORMAT_NAMES = {"vcard": "vCard", "linkedin": "LinkedIn connections", "csv": "CSV", "json": "netjournal export"}
SHOWN = 10  # entries listed per group; the rest are counted


def _mapping(pairs: list[str] | None) -> dict[str, str] | None:
    if not pairs:
        return None
    mapping = {}
    for pair in pairs:
        column, equals, field = pair.rpartition("=")
        if not equals or not column.strip() or not field.strip():
            raise JournalError(f"--map {pair!r} should be COLUMN=FIELD, for example --map 'Met=met_on'.")
        mapping[column.strip()] = field.strip()
    return mapping


def _progress(stream=sys.stderr) -> Callable[[int, int], None] | None:
    """A line on the terminal that counts up; nothing when stderr is a file or a pipe."""
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        stream.write(f"\rImporting… {done:,} of {total:,}")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show


def _entry_line(entry: PlannedContact) -> str:
    what = entry.name or "(no name)"
    if entry.changes:
        what += f" — fills in {', '.join(entry.changes)}"
    if entry.reason:
        what += f". {entry.reason}" if entry.changes else f" — {entry.reason}"
    return f"  {entry.source:<10} {printable(what)}"


def _show_plan(plan: ImportPlan) -> None:
    total = len(plan.entries)
    entries = f"{total:,} {'entry' if total == 1 else 'entries'}"
    _say(f"{plan.path} ({FORMAT_NAMES[plan.format]}, {entries}): {plan.summary()}.")
    for title, group in (("To add", plan.added), ("To update", plan.updated), ("Skipped", plan.skipped)):
        if not group:
            continue
        _say(f"{title}:")
        for entry in group[:SHOWN]:
            _say(_entry_line(entry))
        if len(group) > SHOWN:
            _say(f"  … and {len(group) - SHOWN:,} more")


def cmd_import(args: argparse.Namespace, path: Path) -> int:
    from netjournal.imports.detect import detect_format, read_contacts

    source = Path(args.file).expanduser()
    file_format = detect_format(source) if args.format == "auto" else args.format
    if file_format == "json":
        if args.map:
            raise JournalError("--map is for CSV files; a netjournal export needs no mapping.")
        return _import_json(args, source, path)
    if args.map and file_format != "csv":
        raise JournalError("--map is for CSV files; vCard and LinkedIn columns are known.")
    # The file is read before the journal is opened: a file that cannot be imported costs no passphrase.
    parsed = read_contacts(source, file_format, _mapping(args.map))
    from netjournal.services.contact_import import apply_plan, plan_import

    with _open(args, path) as journal:
        plan = plan_import(journal, parsed)
        _show_plan(plan)
        if args.dry_run:
            _say("Dry run: nothing was written.")
            return 0
        if not plan.writes_anything:
            _say("Nothing to import: the journal already holds everything in this file.")
            return 0
        result = apply_plan(journal, plan, progress=_progress())
    _say(f"Imported: {result.added:,} added, {result.updated:,} updated, {result.skipped:,} skipped.")
    if result.backup is not None:
        _say(f"The journal as it was before is kept as a backup ({result.backup.name}).")
    return 0


def _import_json(args: argparse.Namespace, source: Path, path: Path) -> int:
    """A netjournal export into a new journal (created here) or an empty one: the same journal again, exactly."""
    from netjournal.cli import passphrase as secrets
    from netjournal.services.journal import Journal
    from netjournal.services.json_import import (
        JournalNotEmptyError,
        describe_counts,
        import_json,
        preview_json,
        read_export,
    )

    document = read_export(source)  # every record checked before any passphrase is asked for
    _say(f"{source} (netjournal export, format {document.version}): {describe_counts(document.counts)}.")
    if args.dry_run:
        if path.exists():
            with _open(args, path) as journal:
                preview = preview_json(journal, document)
            if preview.refusal:
                raise JournalNotEmptyError(path)
        _say("Dry run: nothing was written.")
        return 0
    if not path.exists():
        passphrase = secrets.new_passphrase(path=path)
        journal = Journal.create(path, passphrase)
        try:
            result = import_json(journal, document, progress=_progress())
        except BaseException:
            journal.discard()  # a journal made for this import and left half-empty helps nobody
            raise
        journal.close()
        _say(f"Created the journal {path} from the export: {result.total:,} records, its identity kept.")
        return 0
    with _open(args, path) as journal:
        preview = preview_json(journal, document)
        if preview.refusal:
            raise JournalNotEmptyError(path)
        from netjournal.services import backups

        taken = backups.take_backup(journal.snapshot_source(), backups.Reason.BEFORE_IMPORT)
        result = import_json(journal, document, progress=_progress())
    _say(f"Imported the export into {path}: {result.total:,} records, its identity kept.")
    _say(f"The journal as it was before is kept as a backup ({taken.file.path.name}).")
    return 0


def export_vcards(args: argparse.Namespace, path: Path) -> int:
    """``netjournal export --format vcard FILE [--tag TAG]``."""
    from netjournal.exports.contacts_file import write_contacts_file
    from netjournal.exports.vcard_export import write_vcards
    from netjournal.services.contact_export import export_contacts, known_tag

    with _open(args, path) as journal:
        if args.destination == "-":
            if args.tag is not None and not known_tag(journal, args.tag):
                raise JournalError(f"Nobody has the tag “{args.tag}”; nothing was written.")
            # UTF-8 with the CRLF line ends vCard asks for, whatever the console's code page and newline rules.
            sys.stdout.flush()
            out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
            count = write_vcards(export_contacts(journal, tag=args.tag), out)
            out.flush()
            out.detach()
            where = "standard output"
        else:
            written, count = write_contacts_file(journal, Path(args.destination), tag=args.tag)
            where = str(written)
    # stderr: the cards themselves may be what a script reads from stdout.
    print(f"Wrote {count:,} contacts as vCard to {where} (unencrypted: keep it safe).", file=sys.stderr)
    return 0
