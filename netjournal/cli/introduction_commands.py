"""``introduced``, ``introductions`` and ``outcome``: introductions between others, the list, what came of one."""

from __future__ import annotations

import argparse
from pathlib import Path

from netjournal.cli.opening import open_journal as _open
from netjournal.cli.opening import say as _say
from netjournal.cli.people_options import CommandMaker
from netjournal.store.errors import JournalError

_WHO = "a name as you would say it (a name nobody has adds a new person)"


def add_introduction_commands(command: CommandMaker) -> None:
    introduced = command(
        "introduced", "keep an introduction someone else made between two others (not value you gave or received)"
    )
    introduced.add_argument("--by", required=True, metavar="NAME", help="who made the introduction: " + _WHO)
    introduced.add_argument("--whom", required=True, metavar="NAME", help="whom they introduced: " + _WHO)
    introduced.add_argument("--to", required=True, metavar="NAME", help="to whom: " + _WHO)
    introduced.add_argument("--date", metavar="YYYY-MM-DD", help="when it happened (default: today)")
    introduced.add_argument("--outcome", default="", metavar="TEXT", help="what came of it, if known already")
    introduced.add_argument("summary", nargs="+", metavar="WHAT", help="what it was for, as specifically as you can")

    listed = command("introductions", "the introductions you made and received, and those between others")
    listed.add_argument("--limit", type=int, default=50, metavar="N", help="the newest N (default 50)")

    outcome = command("outcome", "write down what came of an introduction (as `introductions` numbers it)")
    outcome.add_argument("which", choices=("exchange", "introduction"), help="which list the number is from")
    outcome.add_argument("number", type=int, metavar="ID", help="its number, as `introductions` prints it")
    outcome.add_argument("text", nargs="+", metavar="TEXT", help="what came of it ('' clears it)")


def cmd_introduced(args: argparse.Namespace, path: Path) -> int:
    from netjournal.cli.commands import _added, _date
    from netjournal.services.use_cases import save_brokered

    with _open(args, path) as journal:
        logged = save_brokered(
            journal, args.by, args.whom, args.to, " ".join(args.summary), date=_date(args.date), outcome=args.outcome
        )
    broker, first, second = (person.name for person in logged.people)
    _say(f"Saved introduction #{logged.id}: {broker} introduced {first} to {second}.")
    _added(logged, args.by, args.whom, args.to)
    return 0


def introduction_line(intro: object) -> str:
    from netjournal.services.introductions import Introduction

    assert isinstance(intro, Introduction)
    first, second = intro.person_name or "someone", intro.second_person_name or "someone"
    if intro.direction is None:
        who, number = f"{intro.broker_name or 'someone'} introduced {first} to {second}", f"introduction #{intro.id}"
    elif intro.direction == "given":
        who, number = f"you introduced {first} to {second}", f"exchange #{intro.id}"
    else:
        who, number = f"{first} introduced you to {second}", f"exchange #{intro.id}"
    line = f"{intro.date.isoformat()}  {who}: {intro.summary}  [{number}]"
    return line + (f"\n            came of it: {intro.outcome}" if intro.outcome else "")


def cmd_introductions(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services.introductions import introductions
    from netjournal.wording import count

    if args.limit < 1:
        raise JournalError("--limit takes a number of 1 or more.")
    with _open(args, path) as journal:
        found = introductions(journal, limit=args.limit)
    if not found.introductions:
        _say("No introductions yet.")
        return 0
    _say(
        f"{count(found.made, 'made', 'made')}, {count(found.received, 'received', 'received')}, "
        f"{count(found.between_others, 'between others', 'between others')}; "
        f"{count(found.without_outcome, 'without', 'without')} a word on what came of it."
    )
    for intro in found.introductions:
        _say(introduction_line(intro))
    return 0


def cmd_outcome(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services.brokered_introductions import set_brokered_outcome
    from netjournal.services.introductions import set_outcome

    text = " ".join(args.text)
    with _open(args, path) as journal:
        if args.which == "introduction":
            set_brokered_outcome(journal, args.number, text)
        else:
            set_outcome(journal, args.number, text)
    _say(f"Saved what came of {args.which} #{args.number}." if text.strip() else "Cleared what came of it.")
    return 0
