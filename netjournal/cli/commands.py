"""What each command does. Every function returns the process exit status."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.cli import passphrase as secrets
from netjournal.cli.backup_commands import cmd_backups, cmd_restore
from netjournal.cli.delete_commands import cmd_delete
from netjournal.cli.import_commands import cmd_import
from netjournal.cli.introduction_commands import cmd_introduced, cmd_introductions, cmd_outcome
from netjournal.cli.opening import open_journal as _open
from netjournal.cli.opening import say as _say
from netjournal.cli.people_commands import cmd_duplicates, cmd_merge_people
from netjournal.cli.people_listing import cmd_people
from netjournal.cli.person_commands import cmd_person
from netjournal.cli.review_commands import cmd_review
from netjournal.cli.sync_commands import cmd_merge, cmd_sync
from netjournal.cli.terminal import printable
from netjournal.services.journal import Journal

if TYPE_CHECKING:
    from netjournal.services.use_cases import Logged


def _make_folder(folder: Path) -> None:
    from netjournal.store.errors import JournalError

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise JournalError(f"Cannot create the folder {folder}: part of that path is a file.") from None
    except PermissionError:
        raise JournalError(f"Cannot create the folder {folder}: permission denied.") from None


def _date(value: str | None) -> dt.date | None:
    from netjournal.services.validation import parse_date

    return None if value is None else parse_date("date", value)


def cmd_init(args: argparse.Namespace, path: Path) -> int:
    from netjournal.store.errors import JournalExistsError

    if path.exists():
        raise JournalExistsError(path)
    passphrase = secrets.new_passphrase(path=path)
    _make_folder(path.parent)
    with Journal.create(path, passphrase) as journal:
        _say(f"Created an encrypted journal at {path}.")
        _say("Keep the passphrase safe: if it is lost, the journal cannot be recovered.")
        if args.remember:
            _remember(journal, passphrase)
    return 0


def _demo_target(args: argparse.Namespace, path: Path) -> Path:
    """PATH, or --journal PATH as every other command takes it (never the default journal's place)."""
    from netjournal.store.errors import JournalError

    explicit = getattr(args, "journal", None)
    if args.path is None and explicit is None:
        raise JournalError("Say where to create the demo journal: netjournal demo PATH (or --journal PATH).")
    target = Path(args.path).expanduser().absolute() if args.path is not None else path
    if args.path is not None and explicit is not None and target != path:
        raise JournalError(f"Two places were given for the demo journal ({target} and {path}); give one.")
    return target


def cmd_demo(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services.demo import create_demo_journal

    target = _demo_target(args, path)
    passphrase = secrets.new_passphrase("the demo journal")
    stats = create_demo_journal(target, passphrase, args.size, seed=args.seed)
    _say(
        f"Created a {args.size} demo journal at {target}: {stats.people} people, "
        f"{stats.exchanges} exchanges, {stats.touchpoints} touchpoints, {stats.reflections} reflections."
    )
    return 0


def _added(logged: Logged, *typed: str | None) -> None:
    """Say who was added, and whom a name that only started their words was taken for."""
    from netjournal.cli.person_commands import chosen_note

    named = [name for name in typed if name and name.strip()]  # in the order the action lists its people
    for person, name in zip(logged.people, named, strict=False):
        note = None if person.added else chosen_note(name, person.name)
        if note:
            _say(note)
    for person in logged.added_people:
        _say(f"Added {person.name} as a new person.")


def cmd_log(args: argparse.Namespace, path: Path) -> int:
    from netjournal.insights.specificity import score_specificity
    from netjournal.services import entries
    from netjournal.services.use_cases import save_exchange
    from netjournal.services.validation import ValidationError

    if (args.with_name is None) == (args.network is None):
        raise ValidationError("person", "Say --with NAME for a person, or --network for the network as a whole.")
    summary = " ".join(args.summary)
    data = entries.ExchangeInput(
        direction=args.direction,
        kind=args.kind,
        summary=summary,
        person_id=None,
        date=_date(args.date),
        details=args.details,
        significance=args.significance,
        community=args.network or "",
        reciprocates_id=args.returns,
    )
    with _open(args, path) as journal:
        logged = save_exchange(journal, data, person=args.with_name, second_person=args.second)
    who = logged.people[0].name if args.with_name is not None else (args.network or "the network")
    verb = "gave to" if args.direction == "given" else "received from"
    _say(f"Saved exchange #{logged.id}: {verb} {who}.")
    _added(logged, args.with_name, args.second)
    report = score_specificity(summary, args.details)
    if report.is_vague:
        from netjournal.cli.render import specificity_lines

        for line in specificity_lines(report):
            _say(line)
    return 0


def cmd_touch(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services.use_cases import log_touchpoint

    with _open(args, path) as journal:
        logged = log_touchpoint(
            journal, args.with_name, " ".join(args.note), date=_date(args.date), channel=args.channel
        )
    _say(f"Saved touchpoint #{logged.id} with {logged.people[0].name}.")
    _added(logged, args.with_name)
    return 0


def cmd_loop(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services.use_cases import keep_loop

    if args.done_id is not None:  # the other options were checked with the grammar (``loop_usage``)
        args.loop_id = args.done_id
        return cmd_done(args, path)
    with _open(args, path) as journal:
        logged = keep_loop(journal, args.loop_kind, " ".join(args.what), person=args.with_name, due_on=args.due)
    _say(f"Saved open loop #{logged.id}.")
    _added(logged, args.with_name)
    return 0


def cmd_done(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services.entries import close_loop

    with _open(args, path) as journal:
        close_loop(journal, args.loop_id, done_on=_date(args.date))
    _say(f"Closed open loop #{args.loop_id}.")
    return 0


def cmd_reflect(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services.use_cases import write_reflection

    with _open(args, path) as journal:
        logged = write_reflection(journal, " ".join(args.text), person=args.about, date=_date(args.date))
    _say(f"Saved reflection #{logged.id}.")
    _added(logged, args.about)
    return 0


def cmd_search(args: argparse.Namespace, path: Path) -> int:
    from netjournal.cli.render import hit_line
    from netjournal.services.search import search

    emphasis = ("\x1b[1m", "\x1b[0m") if sys.stdout.isatty() else ("", "")
    with _open(args, path) as journal:
        hits = search(journal, " ".join(args.query), limit=args.limit)
    if not hits:
        _say("No matches.")
    for hit in hits:
        _say(hit_line(hit, emphasis=emphasis), escapes_are_ours=True)
    return 0


def cmd_show(args: argparse.Namespace, path: Path) -> int:
    from netjournal.cli.render import relationship_text
    from netjournal.services.people import find_person
    from netjournal.services.relationships import relationship
    from netjournal.services.timeline import full_timeline
    from netjournal.services.validation import NotFoundError

    name = " ".join(args.name)
    today = dt.date.today()
    with _open(args, path) as journal:
        person = find_person(journal, name)
        if person is None:
            raise NotFoundError(f"Nobody called \u201c{name}\u201d is in this journal.")
        text = relationship_text(
            relationship(journal, person.id, today=today), full_timeline(journal, person.id), today
        )
    _say(text)
    return 0


def cmd_prompts(args: argparse.Namespace, path: Path) -> int:
    from netjournal.cli.render import prompt_lines
    from netjournal.services.prompting import prompts_for

    with _open(args, path) as journal:
        prompts = prompts_for(journal, _date(args.date) or dt.date.today())
    for line in prompt_lines(prompts):
        _say(line)
    return 0


def cmd_answer(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services.prompting import answer_prompt, prompts_for
    from netjournal.services.validation import ValidationError

    today = dt.date.today()
    with _open(args, path) as journal:
        prompts = prompts_for(journal, today)
        if not 1 <= args.number <= len(prompts):
            shown = f"1 to {len(prompts)}" if prompts else "none today"
            raise ValidationError(
                "number", f"There is no prompt {args.number} today ({shown}); see `netjournal prompts`."
            )
        reflection_id = answer_prompt(journal, prompts[args.number - 1], " ".join(args.text), today=today)
    _say(f"Saved your answer as reflection #{reflection_id}.")
    return 0


_KEYCHAIN_NEWS = {
    "updated": "Updated the passphrase remembered in the keychain.",
    "removed": "The keychain could not be updated, so its old entry was removed; you will be asked next time.",
    "stale": "The keychain could not be updated or cleared: it still holds the old passphrase. "
    "Run `netjournal forget` when it is reachable.",
}


def cmd_passwd(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services.use_cases import KeychainOutcome, change_passphrase

    with _open(args, path) as journal:
        # Never NETJOURNAL_PASSPHRASE here: that is the current one.
        new = secrets.new_passphrase(str(path), variable=secrets.NEW_ENV_VARIABLE, path=path)
        outcome = change_passphrase(journal, new)
    _say("Changed the passphrase.")
    if outcome is KeychainOutcome.UPDATED:
        _say(_KEYCHAIN_NEWS[outcome.value])
    elif outcome is not KeychainOutcome.NOT_REMEMBERED:
        print(f"netjournal: note: {_KEYCHAIN_NEWS[outcome.value]}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace, path: Path) -> int:
    from netjournal.exports.json_export import export_json
    from netjournal.store.errors import JournalError

    if args.format == "vcard":
        from netjournal.cli.import_commands import export_vcards

        return export_vcards(args, path)
    if args.tag is not None:
        raise JournalError("--tag is for --format vcard; the JSON export is always the whole journal.")
    to_stdout = args.destination == "-"
    with _open(args, path) as journal:
        written = export_json(journal, None if to_stdout else Path(args.destination).expanduser())
    if not to_stdout:
        # stderr: the export itself may be what a script reads from stdout.
        print(f"Wrote the whole journal as JSON to {written} (unencrypted: keep it safe).", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace, path: Path) -> int:
    with _open(args, path) as journal:
        problems = journal.check()
        pages = journal.sql("PRAGMA page_count").fetchone()[0]
    if not problems:
        _say(f"The journal is sound: all {pages:,} pages passed their checks.")
        return 0
    print(f"netjournal: the journal {path} is damaged; nothing more will be written into it.", file=sys.stderr)
    for problem in problems[:20]:
        print(f"  {printable(problem)}", file=sys.stderr)
    if len(problems) > 20:
        print(f"  … and {len(problems) - 20} more", file=sys.stderr)
    print(
        "Restore it from a backup (netjournal backup wrote copies that open with the same passphrase).", file=sys.stderr
    )
    return 1


def _backup_destination(given: str, journal: Path) -> Path:
    """``DEST`` as a file; a folder (existing, or written with a trailing slash) gets a dated name inside it."""
    from netjournal.store.errors import JournalError

    destination = Path(given).expanduser()
    if given.endswith(("/", os.sep)) and not destination.is_dir():
        raise JournalError(f"The folder {destination} does not exist; nothing was written.")
    if destination.is_dir():
        stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
        destination = destination / f"{journal.stem}-backup-{stamp}{journal.suffix or '.netjournal'}"
    return destination


def cmd_backup(args: argparse.Namespace, path: Path) -> int:
    """A copy read on a connection of its own: it works while the window has the journal open."""
    from netjournal.store.kdf import default_kdf_iter
    from netjournal.store.keyed import precheck_existing
    from netjournal.store.snapshot import SnapshotSource, write_snapshot

    destination = _backup_destination(args.destination, path).absolute()  # before the passphrase is asked
    precheck_existing(path)
    source = SnapshotSource(path.resolve(), secrets.passphrase_to_open(path), default_kdf_iter())
    write_snapshot(source, destination)
    _say(f"Wrote an encrypted backup to {destination} (same passphrase).")
    return 0


def _remember(journal: Journal, passphrase: str) -> bool:
    from netjournal.services.keychain import KeychainUnavailable
    from netjournal.services.use_cases import remember_passphrase

    if not remember_passphrase(journal, passphrase):
        print(f"netjournal: note: {KeychainUnavailable()}", file=sys.stderr)
        return False
    _say("Remembered the passphrase in this device's keychain.")
    return True


def cmd_remember(_args: argparse.Namespace, path: Path) -> int:
    passphrase = secrets.passphrase_to_open(path)
    with Journal.open(path, passphrase) as journal:  # only a passphrase that opens the journal is kept
        return 0 if _remember(journal, passphrase) else 1


def cmd_forget(_args: argparse.Namespace, path: Path) -> int:
    from netjournal.services import keychain

    _say("Forgot the remembered passphrase." if keychain.forget(path) else "No passphrase was remembered.")
    return 0


COMMANDS = {
    "init": cmd_init,
    "demo": cmd_demo,
    "log": cmd_log,
    "touch": cmd_touch,
    "loop": cmd_loop,
    "done": cmd_done,
    "reflect": cmd_reflect,
    "search": cmd_search,
    "show": cmd_show,
    "prompts": cmd_prompts,
    "answer": cmd_answer,
    "export": cmd_export,
    "passwd": cmd_passwd,
    "backup": cmd_backup,
    "check": cmd_check,
    "remember": cmd_remember,
    "forget": cmd_forget,
}


COMMANDS.update(backups=cmd_backups, restore=cmd_restore, review=cmd_review)
COMMANDS["import"] = cmd_import
COMMANDS.update(people=cmd_people, person=cmd_person, delete=cmd_delete)
COMMANDS.update({"merge-people": cmd_merge_people, "duplicates": cmd_duplicates})
COMMANDS.update(introduced=cmd_introduced, introductions=cmd_introductions, outcome=cmd_outcome)
COMMANDS.update(merge=cmd_merge, sync=cmd_sync)
