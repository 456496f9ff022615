"""``netjournal delete``: a person with what is only theirs, or one entry, after saying what goes."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.cli.opening import open_journal as _open
from netjournal.cli.opening import say as _say
from netjournal.store.errors import JournalError
from netjournal.wording import count, listing

if TYPE_CHECKING:
    from netjournal.domain import EntryType
    from netjournal.services.deletions import GoesWith
    from netjournal.services.journal import Journal

# The kinds of entry `delete` takes, as the commands print them ("introduction": one between others).
_ENTRY_KINDS = ("exchange", "touchpoint", "loop", "reflection", "introduction")
_SPOKEN = {"loop": "open loop"}


def goes_text(goes: GoesWith) -> str:
    """ "Ana Silva goes, with 3 exchanges and 1 touchpoint; 2 reflections about them stay." """
    parts = [
        count(n, one, many)
        for n, one, many in (
            (goes.exchanges, "exchange", "exchanges"),
            (goes.touchpoints, "touchpoint", "touchpoints"),
            (goes.open_loops, "open loop", "open loops"),
            (goes.closed_loops, "closed loop", "closed loops"),
            (goes.circumstances, "circumstance", "circumstances"),
            (goes.brokered, "introduction they made", "introductions they made"),
        )
        if n
    ]
    text = f"{goes.name} goes"
    text += ", with " + listing(parts) if parts else ""
    stays = [
        count(n, one, many)
        for n, one, many in (
            (goes.introductions, "introduction naming them", "introductions naming them"),
            (goes.reflections, "reflection about them", "reflections about them"),
            (goes.returns, "exchange that returned theirs", "exchanges that returned theirs"),
            (goes.introduced_by_others, "introduction others made for them", "introductions others made for them"),
        )
        if n
    ]
    if stays:
        text += f"; {', '.join(stays)} stay{'s' if len(stays) == 1 and stays[0].startswith('1 ') else ''}"
        text += " without the link"
    return text + "."


def _entry_type(kind: str) -> EntryType:
    from netjournal.domain import EntryType

    return EntryType.BROKERED_INTRODUCTION if kind == "introduction" else EntryType(kind)


def _entry_text(journal: Journal, kind: str, entry_id: int) -> str:
    from netjournal.services.deletions import entry_text_column
    from netjournal.services.validation import NotFoundError

    table, column = entry_text_column(_entry_type(kind))
    row = journal.sql(f"SELECT {column} FROM {table} WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"There is no {_SPOKEN.get(kind, kind)} #{entry_id}; nothing was deleted.")
    text = " ".join(str(row[0]).split())
    return text if len(text) <= 60 else text[:59] + "\u2026"


def _confirmed(args: argparse.Namespace, question: str) -> bool:
    from netjournal.cli.people_commands import interactive

    if args.yes:
        return True
    if not interactive():
        raise JournalError("Nothing was deleted: add --yes to delete without being asked.")
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def _target(args: argparse.Namespace) -> tuple[str, list[str]]:
    """(kind, words): ``delete entry exchange 12`` is read as ``delete exchange 12``."""
    kind, words = args.what, list(args.target)
    if kind == "entry":
        if not words or words[0] not in _ENTRY_KINDS:
            raise JournalError(
                "Say which kind of entry: delete entry exchange|touchpoint|loop|reflection|introduction ID."
            )
        kind, words = words[0], words[1:]
    return kind, words


def cmd_delete(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services import deletions, use_cases

    kind, words = _target(args)
    if kind != "person" and (len(words) != 1 or not words[0].lstrip("#").isdigit()):
        raise JournalError(f"Say which {_SPOKEN.get(kind, kind)} by its number, as `netjournal show` prints it.")
    with _open(args, path) as journal:
        if kind == "person":
            from netjournal.cli.person_commands import existing_person
            from netjournal.services.person_naming import named_partly

            typed = " ".join(words)
            person = existing_person(journal, typed)
            if args.yes and named_partly(typed, person.name):
                # Nobody is there to read "Using … for …" before it is too late: a delete without asking
                # takes the whole name (or the person's #number), never the start of one.
                raise JournalError(
                    f"“{typed}” is only the start of {person.name}'s name; with --yes, give the whole "
                    "name. Nothing was deleted."
                )
            _say(goes_text(deletions.what_goes_with(journal, person.id)))
            if not _confirmed(args, f"Delete {person.name}?"):
                _say("Nothing was deleted.")
                return 1
            use_cases.delete_person(journal, person.id)
            _say(f"Deleted {person.name}.")
            return 0
        entry_id = int(words[0].lstrip("#"))
        spoken = _SPOKEN.get(kind, kind)
        text = _entry_text(journal, kind, entry_id)
        if not _confirmed(args, f"Delete {spoken} #{entry_id}, \u201c{text}\u201d?"):
            _say("Nothing was deleted.")
            return 1
        use_cases.delete_entry(journal, _entry_type(kind), entry_id)
    _say(f"Deleted {spoken} #{entry_id}, \u201c{text}\u201d.")
    return 0
