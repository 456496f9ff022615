"""``netjournal merge-people`` and ``netjournal duplicates``: one person entered twice, found and made one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.cli.opening import open_journal as _open
from netjournal.cli.opening import say as _say
from netjournal.store.errors import JournalError
from netjournal.wording import count, listing

if TYPE_CHECKING:
    from netjournal.services.journal import Journal
    from netjournal.services.merge import Merged
    from netjournal.services.people import PersonRecord


def _named(journal: Journal, words: str) -> PersonRecord:
    from netjournal.services.people import find_person
    from netjournal.services.validation import NotFoundError

    number = words.strip()
    if number.startswith("#") and number[1:].isdigit():
        # "#12", as `duplicates` lists people: the one way to name one of two people with the same name.
        from netjournal.services.people import get_person

        return get_person(journal, int(number[1:]))
    person = find_person(journal, words)  # ambiguous: the candidates, in the error's sentence
    if person is None:
        raise NotFoundError(
            f"Nobody called \u201c{' '.join(words.split())}\u201d is in this journal; nobody was merged."
        )
    return person


def interactive() -> bool:
    """Whether someone is there to answer (a terminal, not a pipe)."""
    return sys.stdin.isatty()


def merged_text(merged: Merged) -> str:
    """ "Merged Ana S. into Ana Silva: 12 exchanges, 3 touchpoints moved; 2 contact details added." """
    moved = [
        count(n, one, many)
        for n, one, many in (
            (merged.exchanges, "exchange", "exchanges"),
            (merged.touchpoints, "touchpoint", "touchpoints"),
            (merged.loops, "open loop", "open loops"),
            (merged.reflections, "reflection", "reflections"),
            (merged.circumstances, "circumstance", "circumstances"),
            (merged.brokered, "introduction between others", "introductions between others"),
        )
        if n
    ]
    text = f"Merged {merged.other_name} into {merged.keep_name}"
    text += f": {listing(moved)} moved" if moved else ": nothing to move"
    if merged.details_added:
        text += f"; {count(merged.details_added, 'contact detail', 'contact details')} added"
    text += "."
    if merged.introductions:
        text += " " + count(merged.introductions, "introduction", "introductions")
        text += " between the two stays without a second person." if merged.introductions == 1 else (
            " between the two stay without a second person."
        )  # fmt: skip
    if merged.brokered_cleared:
        named = count(merged.brokered_cleared, "introduction between others", "introductions between others")
        text += f" {named} would have named {merged.keep_name} twice and now "
        text += "names them once." if merged.brokered_cleared == 1 else "name them once."
    if merged.fields_filled:
        text += f" Filled in from {merged.other_name}: {', '.join(f.replace('_', ' ') for f in merged.fields_filled)}."
    return text


def cmd_merge_people(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services import deletions, use_cases

    with _open(args, path) as journal:
        keep, other = _named(journal, args.keep), _named(journal, args.other)
        if keep.id == other.id:
            raise JournalError(
                f"\u201c{args.keep}\u201d and \u201c{args.other}\u201d are both {keep.name}; nobody was merged."
            )
        if not args.yes:
            goes = deletions.what_goes_with(journal, other.id)
            held = goes.exchanges + goes.introductions + goes.touchpoints + goes.open_loops + goes.closed_loops
            held += goes.reflections + goes.circumstances + goes.brokered + goes.introduced_by_others
            _say(f"{other.name} ({count(held, 'entry', 'entries')}) will be merged into {keep.name} and removed.")
            if not interactive():
                raise JournalError("Nobody was merged: add --yes to merge without being asked.")
            answer = input(f"Merge {other.name} into {keep.name}? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                _say("Nobody was merged.")
                return 1
        merged = use_cases.merge_people(journal, keep.id, other.id)
    _say(merged_text(merged))
    return 0


def cmd_duplicates(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services.duplicates import PossibleDuplicate, possible_duplicates

    def who(person: PossibleDuplicate) -> str:
        place = f", {person.organisation}" if person.organisation else ""
        return f"#{person.id} {person.name}{place} ({count(person.entries, 'entry', 'entries')})"

    with _open(args, path) as journal:
        pairs = possible_duplicates(journal, limit=args.limit)
    if not pairs:
        _say("No possible duplicates.")
        return 0
    for number, pair in enumerate(pairs, 1):
        _say(f"{number:>3}  {who(pair.first)}  and  {who(pair.second)}: {pair.reason}")
    _say("Merge two with: netjournal merge-people KEPT OTHER (the second is merged into the first;")
    _say("a name, or #NUMBER as listed here, for two people with the same name).")
    return 0
