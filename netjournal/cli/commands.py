"""What each command does. Every function returns the process exit status."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from netjournal.cli import passphrase as secrets
from netjournal.services.journal import Journal


def _open(path: Path) -> Journal:
    from netjournal.store.errors import JournalNotFoundError

    if not path.is_file():  # say so before asking for a passphrase
        raise JournalNotFoundError(path)
    return Journal.open(path, secrets.passphrase_to_open(path))


def _say(text: str) -> None:
    print(text)


def _make_folder(folder: Path) -> None:
    from netjournal.store.errors import JournalError

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise JournalError(f"Cannot create the folder {folder}: part of that path is a file.") from None
    except PermissionError:
        raise JournalError(f"Cannot create the folder {folder}: permission denied.") from None


def _person_name(person_id: int) -> str:
    from netjournal.services.people import get_person

    return get_person(person_id).name


def _date(value: str | None) -> dt.date | None:
    from netjournal.services.validation import parse_date

    return None if value is None else parse_date("date", value)


def cmd_init(args: argparse.Namespace, path: Path) -> int:
    from netjournal.store.errors import JournalExistsError

    if path.exists():
        raise JournalExistsError(path)
    passphrase = secrets.new_passphrase()
    _make_folder(path.parent)
    Journal.create(path, passphrase).close()
    _say(f"Created an encrypted journal at {path}.")
    _say("Keep the passphrase safe: if it is lost, the journal cannot be recovered.")
    if args.remember:
        _remember(path, passphrase)
    return 0


def cmd_demo(args: argparse.Namespace, _path: Path) -> int:
    from netjournal.services.demo import create_demo_journal

    target = Path(args.path).expanduser()
    passphrase = secrets.new_passphrase("the demo journal")
    stats = create_demo_journal(target, passphrase, args.size, seed=args.seed)
    _say(
        f"Created a {args.size} demo journal at {target}: {stats.people} people, "
        f"{stats.exchanges} exchanges, {stats.touchpoints} touchpoints, {stats.reflections} reflections."
    )
    return 0


def cmd_log(args: argparse.Namespace, path: Path) -> int:
    from netjournal.insights.specificity import score_specificity
    from netjournal.services import entries, people
    from netjournal.services.validation import ValidationError

    if (args.with_name is None) == (args.network is None):
        raise ValidationError("person", "Say --with NAME for a person, or --network for the network as a whole.")
    summary = " ".join(args.summary)
    with _open(path) as journal, journal.write():
        # One transaction: a new person and the exchange land together or not at all.
        person_id, created = (None, False)
        if args.with_name is not None:
            person_id, created = people.find_or_create_person(journal, args.with_name)
        second_id, second_created = (None, False)
        if args.second:
            second_id, second_created = people.find_or_create_person(journal, args.second)
        exchange_id = entries.add_exchange(
            journal,
            entries.ExchangeInput(
                direction=args.direction,
                kind=args.kind,
                summary=summary,
                person_id=person_id,
                date=_date(args.date),
                details=args.details,
                significance=args.significance,
                second_person_id=second_id,
                community=args.network or "",
                reciprocates_id=args.returns,
            ),
        )
        who = _person_name(person_id) if person_id is not None else (args.network or "the network")
        second_name = _person_name(second_id) if second_id is not None else ""
    verb = "gave to" if args.direction == "given" else "received from"
    _say(f"Saved exchange #{exchange_id}: {verb} {who}.")
    if created:
        _say(f"Added {who} as a new person.")
    if second_created:
        _say(f"Added {second_name} as a new person.")
    report = score_specificity(summary, args.details)
    if report.is_vague:
        from netjournal.cli.render import specificity_lines

        for line in specificity_lines(report):
            _say(line)
    return 0


def cmd_touch(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services import entries, people

    with _open(path) as journal, journal.write():
        person_id, created = people.find_or_create_person(journal, args.with_name)
        touch_id = entries.add_touchpoint(
            journal, person_id, " ".join(args.note), date=_date(args.date), channel=args.channel
        )
        name = _person_name(person_id)
    _say(f"Saved touchpoint #{touch_id} with {name}.")
    if created:
        _say(f"Added {name} as a new person.")
    return 0


def cmd_loop(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services import entries, people

    with _open(path) as journal, journal.write():
        person_id = None
        if args.with_name:
            person_id, _ = people.find_or_create_person(journal, args.with_name)
        loop_id = entries.add_loop(journal, args.loop_kind, " ".join(args.what), person_id=person_id, due_on=args.due)
    _say(f"Saved open loop #{loop_id}.")
    return 0


def cmd_search(args: argparse.Namespace, path: Path) -> int:
    from netjournal.cli.render import hit_line
    from netjournal.services.search import search

    emphasis = ("\x1b[1m", "\x1b[0m") if sys.stdout.isatty() else ("", "")
    with _open(path):
        hits = search(" ".join(args.query), limit=args.limit)
    if not hits:
        _say("No matches.")
    for hit in hits:
        _say(hit_line(hit, emphasis=emphasis))
    return 0


def cmd_show(args: argparse.Namespace, path: Path) -> int:
    from netjournal.cli.render import relationship_text
    from netjournal.services.people import find_person
    from netjournal.services.relationships import relationship
    from netjournal.services.timeline import full_timeline
    from netjournal.services.validation import NotFoundError

    name = " ".join(args.name)
    today = dt.date.today()
    with _open(path):
        person = find_person(name)
        if person is None:
            raise NotFoundError(f"Nobody called \u201c{name}\u201d is in this journal.")
        text = relationship_text(relationship(person.id, today=today), full_timeline(person.id), today)
    _say(text)
    return 0


def cmd_prompts(args: argparse.Namespace, path: Path) -> int:
    from netjournal.cli.render import prompt_lines
    from netjournal.services.prompting import prompts_for

    with _open(path):
        prompts = prompts_for(_date(args.date) or dt.date.today())
    for line in prompt_lines(prompts):
        _say(line)
    return 0


def cmd_passwd(_args: argparse.Namespace, path: Path) -> int:
    from netjournal.services import keychain

    with _open(path) as journal:
        # Never NETJOURNAL_PASSPHRASE here: that is the current one.
        new = secrets.new_passphrase(str(path), variable=secrets.NEW_ENV_VARIABLE)
        journal.change_passphrase(new)
    _say("Changed the passphrase.")
    if keychain.recall(path) is not None:
        try:
            keychain.remember(path, new)
        except keychain.KeychainUnavailable:
            keychain.forget(path)  # a stale entry would only fail later
            print("netjournal: note: the keychain could not be updated; its old entry was removed.", file=sys.stderr)
        else:
            _say("Updated the passphrase remembered in the keychain.")
    return 0


def cmd_backup(args: argparse.Namespace, path: Path) -> int:
    with _open(path) as journal:
        written = journal.backup_to(args.destination)
    _say(f"Wrote an encrypted backup to {written} (same passphrase).")
    return 0


def _remember(path: Path, passphrase: str) -> bool:
    from netjournal.services import keychain

    try:
        keychain.remember(path, passphrase)
    except keychain.KeychainUnavailable as error:
        print(f"netjournal: note: {error}", file=sys.stderr)
        return False
    _say("Remembered the passphrase in this device's keychain.")
    return True


def cmd_remember(_args: argparse.Namespace, path: Path) -> int:
    passphrase = secrets.passphrase_to_open(path)
    Journal.open(path, passphrase).close()  # only a passphrase that opens the journal is kept
    return 0 if _remember(path, passphrase) else 1


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
    "search": cmd_search,
    "show": cmd_show,
    "prompts": cmd_prompts,
    "passwd": cmd_passwd,
    "backup": cmd_backup,
    "remember": cmd_remember,
    "forget": cmd_forget,
}
