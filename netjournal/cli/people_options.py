"""The grammar of the commands about people themselves: ``people``, ``person`` and ``delete``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

PEOPLE_JSON_HELP = (
    "print a JSON array instead, one object per person: id, name, organisation, role, tags (a list), "
    "rhythm_days (null when none), last_contact (YYYY-MM-DD or null), days_since_contact, overdue_days "
    "(0 when not overdue), archived, given and received (exchange counts)"
)

CommandMaker = Callable[[str, str], argparse.ArgumentParser]


def add_people_commands(command: CommandMaker) -> None:
    people = command("people", "list the people in the journal, with their last contact and who is overdue")
    people.add_argument("--tag", metavar="TAG", help="only the people with this tag")
    people.add_argument(
        "--overdue", action="store_true", help="only the people past their keep-in-touch rhythm, most overdue first"
    )
    people.add_argument("--archived", action="store_true", help="include archived people (marked as archived)")
    people.add_argument("--json", action="store_true", help=PEOPLE_JSON_HELP)

    person = command("person", "show one person's fields, details, tags and rhythm, or change them")
    person.add_argument("name", nargs="+", metavar="NAME", help="who: a whole name, or a unique start of its words")
    person.add_argument("--name", dest="new_name", metavar="NEW", help="rename them")
    person.add_argument("--organisation", metavar="TEXT", help="set their organisation ('' clears it)")
    person.add_argument("--role", metavar="TEXT", help="set their role ('' clears it)")
    person.add_argument("--how-met", metavar="TEXT", help="set how you met ('' clears it)")
    person.add_argument("--notes", metavar="TEXT", help="set the notes about them ('' clears them)")
    person.add_argument("--tag", action="append", default=[], metavar="TAG", help="add a tag; may be repeated")
    person.add_argument("--untag", action="append", default=[], metavar="TAG", help="remove a tag; may be repeated")
    person.add_argument(
        "--rhythm", metavar="DAYS|none", help="keep in touch every DAYS days (1-3650), or none for no rhythm"
    )
    archive = person.add_mutually_exclusive_group()
    archive.add_argument(
        "--archive", dest="archived", action="store_const", const=True, help="archive them (kept, but out of lists)"
    )
    archive.add_argument(
        "--unarchive", dest="archived", action="store_const", const=False, help="bring them back from the archive"
    )
    for field, what in (("email", "an email address"), ("phone", "a phone number"), ("web", "a web address")):
        person.add_argument(
            f"--{field}", action="append", default=[], metavar="ADDRESS", help=f"add {what}; may be repeated"
        )

    delete = command("delete", "delete a person (with everything that is only theirs) or one entry")
    delete.add_argument(
        "what",
        metavar="WHAT",
        choices=("person", "entry", "exchange", "touchpoint", "loop", "reflection", "introduction"),
        help="person, or the kind of entry: exchange, touchpoint, loop, reflection or introduction (one between "
        "others, as `introductions` numbers it; also: entry KIND ID)",
    )
    delete.add_argument(
        "target", nargs="+", metavar="NAME|ID", help="the person's name, or the entry's number as commands print it"
    )
    delete.add_argument("--yes", action="store_true", help="delete without asking")
