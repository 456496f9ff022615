"""The command line's grammar. Kept stable: scripts and later features rely on it."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from netjournal import __version__
from netjournal.cli.introduction_commands import add_introduction_commands
from netjournal.cli.people_options import add_people_commands
from netjournal.cli.sync_commands import add_sync_commands
from netjournal.domain import Kind
from netjournal.paths import JOURNAL_SUFFIXES

_DATE_HELP = "when it happened (default: today)"
_NAME_HELP = "a name as you would say it: a whole name, or a unique start of its words"
_WITH_HELP = "the other person: " + _NAME_HELP + " (a name nobody has adds a new person)"


def _journal_option(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS lets --journal appear before or after the subcommand.
    parser.add_argument(
        "--journal",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the journal file to use (default: one in your data folder)",
    )


def _count(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, else a plain usage error."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}")
        return value

    return parse


class _Parser(argparse.ArgumentParser):
    """The top-level parser, which also knows its commands' names (to tell them from a journal's path)."""

    command_names: frozenset[str] = frozenset()


def _looks_like_a_path(text: str) -> bool:
    separators = [os.sep, *([os.altsep] if os.altsep else [])]
    return any(s in text for s in separators) or text.endswith(JOURNAL_SUFFIXES) or os.path.isfile(text)


def journal_as_option(argv: Sequence[str], command_names: frozenset[str]) -> list[str]:
    """``netjournal FILE`` (what a file manager runs for a double-click) read as ``netjournal --journal FILE``.

    Only a lone argument that is no command's name and looks like a path (it has a
    folder separator, a journal's suffix, or is a file here) is taken so: ``netjournal log``
    stays the command, ``netjournal ./log`` opens a journal called ``log``, and a
    mistyped command is still a usage error rather than a journal nobody has.
    """
    words = list(argv)

    def takes_a_path(option: str) -> bool:  # --journal, or the start of it argparse accepts (--jour)
        return len(option) > 3 and "--journal".startswith(option)

    positions = [
        i for i, word in enumerate(words) if not word.startswith("-") and (i == 0 or not takes_a_path(words[i - 1]))
    ]
    if "--" in words or len(positions) != 1:
        return words
    index = positions[0]
    word = words[index]
    if word in command_names or not _looks_like_a_path(word):
        return words
    return [*words[:index], "--journal", word, *words[index + 1 :]]


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line read, with the checks argparse cannot express made as usage errors (exit status 2)."""
    parser = build_parser()
    words = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(journal_as_option(words, parser.command_names))
    check = getattr(args, "usage_check", None)
    if check is not None:
        problem = check(args)
        if problem:
            args.usage_parser.error(problem)
    return args


def _loop_usage(args: argparse.Namespace) -> str | None:
    if args.done_id is not None:
        if args.what or args.with_name is not None or args.due is not None:
            return "--done ID closes a loop; it takes no WHAT, --with or --due"
        return None
    if args.loop_kind is None:
        return "say --promised or --asked (or --done ID to close a loop)"
    if not args.what:
        return "say what was promised or asked (WHAT)"
    if args.date is not None:
        return "--date is for --done; a new loop has --due"
    return None


def build_parser() -> _Parser:
    parser = _Parser(
        prog="netjournal",
        description="An offline, encrypted journal of professional relationships.",
        epilog=(
            "Without a command, netjournal opens its window (on FILE, when one is given: netjournal "
            "~/work.netjournal). NETJOURNAL_PASSPHRASE, when set, "
            "supplies the passphrase (meant for scripts: it is visible to other programs you run)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"netjournal {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the window on a fresh demo journal")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works, in a temporary folder, one line per check (touches no journal "
        "of yours)",
    )
    _journal_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    names: list[str] = []

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        names.append(name)
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _journal_option(sub)
        return sub

    init = command("init", "create a new journal")
    init.add_argument("--remember", action="store_true", help="remember the passphrase in the OS keychain")

    demo = command("demo", "create a demo journal full of believable data")
    demo.add_argument(
        "path", metavar="PATH", nargs="?", help="where to create it (or --journal PATH, like every other command)"
    )
    demo.add_argument(
        "--size",
        choices=("small", "large"),
        default="small",
        help="small (about 150 people; the default) or large (2,000)",
    )
    demo.add_argument("--seed", type=int, default=7, help=argparse.SUPPRESS)

    log = command("log", "log one exchange of value")
    direction = log.add_mutually_exclusive_group(required=True)
    direction.add_argument(
        "--gave", dest="direction", action="store_const", const="given", help="you gave it (one of --gave, --received)"
    )
    direction.add_argument(
        "--received", dest="direction", action="store_const", const="received", help="you received it"
    )
    log.add_argument("--with", dest="with_name", metavar="NAME", help=_WITH_HELP)
    log.add_argument(
        "--network",
        metavar="COMMUNITY",
        nargs="?",
        const="",
        help="a contribution to the network as a whole, optionally naming the community",
    )
    log.add_argument(
        "--kind",
        required=True,
        choices=[k.value for k in Kind],
        metavar="KIND",
        help="one of: " + ", ".join(k.value for k in Kind),
    )
    log.add_argument("--date", metavar="YYYY-MM-DD", help=_DATE_HELP)
    log.add_argument(
        "--significance", type=int, default=3, metavar="N", help="1 (small) to 5 (life-changing); default 3"
    )
    log.add_argument("--second", metavar="NAME", help="for an introduction: the other person introduced")
    log.add_argument("--details", default="", help="more about it: what exactly, why it mattered")
    log.add_argument("--returns", type=int, metavar="ID", help="the id of the earlier exchange this one returns")
    log.add_argument("summary", nargs="+", metavar="SUMMARY", help="what moved, as specifically as you can say it")

    touch = command("touch", "log a touchpoint: keeping in touch, no value moved")
    touch.add_argument("--with", dest="with_name", metavar="NAME", required=True, help=_WITH_HELP)
    touch.add_argument("--date", metavar="YYYY-MM-DD", help=_DATE_HELP)
    touch.add_argument("--channel", default="", help="how: email, call, coffee...")
    touch.add_argument("note", nargs="+", metavar="NOTE", help="what you talked about")

    loop = command("loop", "keep an open loop (something promised or asked), or close one with --done")
    kind = loop.add_mutually_exclusive_group()
    kind.add_argument(
        "--promised", dest="loop_kind", action="store_const", const="promised", help="you promised it to them"
    )
    kind.add_argument("--asked", dest="loop_kind", action="store_const", const="asked", help="you asked it of them")
    kind.add_argument(
        "--done", dest="done_id", type=int, metavar="ID", help="close open loop ID instead (the same as `done ID`)"
    )
    loop.add_argument("--with", dest="with_name", metavar="NAME", help=_WITH_HELP)
    loop.add_argument("--due", metavar="YYYY-MM-DD", help="when it is due (optional)")
    loop.add_argument("--date", metavar="YYYY-MM-DD", help="with --done: when it was done (default: today)")
    loop.add_argument("what", nargs="*", metavar="WHAT", help="what was promised or asked")
    loop.set_defaults(usage_check=_loop_usage, usage_parser=loop)

    done = command("done", "close an open loop: it has been done")
    done.add_argument("loop_id", type=int, metavar="ID", help="the loop's number, as `loop` printed it")
    done.add_argument("--date", metavar="YYYY-MM-DD", help="when it was done (default: today)")

    reflect = command("reflect", "write a reflection")
    reflect.add_argument("--about", metavar="NAME", help="the person it is about (new names are created)")
    reflect.add_argument("--date", metavar="YYYY-MM-DD", help=_DATE_HELP)
    reflect.add_argument("text", nargs="+", metavar="TEXT", help="the reflection")

    search = command("search", "full-text search, newest first")
    search.add_argument("query", nargs="+", metavar="QUERY", help="the words to find")
    search.add_argument("--limit", type=_count(1, 1000), default=30, metavar="N", help="at most N matches (1-1000)")

    show = command("show", "a person's ledger and timeline")
    show.add_argument("name", nargs="+", metavar="NAME", help=_NAME_HELP)

    prompts = command("prompts", "today's reflection prompts")
    prompts.add_argument("--date", metavar="YYYY-MM-DD", help="the prompts of another day (default: today)")

    answer = command("answer", "answer one of today's reflection prompts")
    answer.add_argument("number", type=int, metavar="N", help="the prompt's number, as `prompts` lists it")
    answer.add_argument("text", nargs="+", metavar="TEXT", help="your answer, kept as a reflection")

    export = command("export", "write the whole journal as JSON, or the contacts as vCard (unencrypted)")
    export.add_argument("destination", metavar="FILE", help="where to write it, or - for standard output")
    export.add_argument(
        "--format",
        choices=("json", "vcard"),
        default="json",
        help="json: the whole journal (default); vcard: everyone's name, organisation and contact details",
    )
    export.add_argument("--tag", metavar="TAG", help="for vcard: only the people with this tag")

    review = command("review", "write a person brief or a period review as PDF (unencrypted)")
    which = review.add_mutually_exclusive_group(required=True)
    which.add_argument("--person", nargs="+", metavar="NAME", help="a brief on this person")
    which.add_argument(
        "--period", metavar="PERIOD", help="a review of 2026, 2026-Q3, 2026-03 or 2026-01-01..2026-06-30"
    )
    review.add_argument(
        "--out",
        metavar="FILE",
        help="the PDF to write, or a folder for it (default here: brief-NAME-DATE.pdf or review-PERIOD.pdf)",
    )
    review.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: from your locale)")
    review.add_argument("--force", action="store_true", help="replace FILE if it exists")

    importing = command("import", "bring in contacts (vCard, LinkedIn, CSV) or a netjournal JSON export")
    importing.add_argument("file", metavar="FILE", help="the file to import")
    importing.add_argument(
        "--format",
        choices=("auto", "json", "vcard", "csv", "linkedin"),
        default="auto",
        help="what kind of file it is (default: worked out from the file)",
    )
    importing.add_argument(
        "--dry-run", action="store_true", help="show who would be added, updated and skipped; write nothing"
    )
    importing.add_argument(
        "--map",
        action="append",
        metavar="COLUMN=FIELD",
        help="for CSV: read COLUMN as FIELD (name, first_name, last_name, organisation, role, notes, tags, "
        "email, phone, web, location, birthday, met_on, ignore); may be repeated",
    )
    merge = command("merge-people", "merge a person entered twice: B's entries and details move to A, B goes")
    merge.add_argument(
        "keep",
        metavar="A",
        help="the person kept: a name as `show` takes it (quote several words), or #NUMBER from `duplicates`",
    )
    merge.add_argument("other", metavar="B", help="the person merged into A and removed")
    merge.add_argument("--yes", action="store_true", help="merge without asking")
    duplicates = command("duplicates", "people who may be the same person, with the reason")
    duplicates.add_argument("--limit", type=_count(1, 10_000), default=200, metavar="N", help="at most N pairs")

    command("passwd", "change the journal's passphrase")
    backup = command("backup", "write an encrypted copy under the same passphrase")
    backup.add_argument("destination", metavar="DEST", help="a file, or a folder to put a dated copy in")
    command("backups", "list the automatic backups, newest first")
    restore = command("restore", "put a backup in the journal's place (the journal is kept as a backup first)")
    restore.add_argument("backup", metavar="BACKUP", help="a number from `netjournal backups`, or a backup file")
    restore.add_argument("--yes", action="store_true", help="restore without asking")
    command("check", "check every page of the journal for damage")
    command("remember", "remember the passphrase in the OS keychain")
    command("forget", "forget a passphrase remembered in the OS keychain")
    add_people_commands(command)
    add_introduction_commands(command)
    add_sync_commands(command)
    parser.command_names = frozenset(names)
    return parser
