"""``netjournal people``: everyone, or those with a tag or past their rhythm, as text or JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.cli.opening import open_journal as _open
from netjournal.cli.opening import say as _say
from netjournal.cli.terminal import UNSAFE as _UNSAFE

if TYPE_CHECKING:
    from netjournal.services.people import PersonRow


def _tags(row: PersonRow) -> list[str]:
    return [tag for tag in (part.strip() for part in row.tags.split(",")) if tag]


def chosen_people(rows: list[PersonRow], args: argparse.Namespace, today: dt.date) -> list[PersonRow]:
    """The rows the options ask for, in the order they are listed."""
    if not args.archived:
        rows = [row for row in rows if not row.archived]
    if args.tag is not None:
        wanted = " ".join(args.tag.split()).casefold()
        rows = [row for row in rows if wanted in (tag.casefold() for tag in _tags(row))]
    if args.overdue:
        rows = [row for row in rows if row.overdue_days(today) > 0]
        rows.sort(key=lambda row: -row.overdue_days(today))  # stable: equally overdue stay alphabetical
    return rows


def person_object(row: PersonRow, today: dt.date) -> dict[str, object]:
    """One person as ``--json`` prints them (the fields are listed in ``people --help``)."""
    return {
        "id": row.id,
        "name": row.name,
        "organisation": row.organisation,
        "role": row.role,
        "tags": _tags(row),
        "rhythm_days": row.cadence_days,
        "last_contact": row.last_entry_on.isoformat() if row.last_entry_on else None,
        "days_since_contact": row.days_since(today),
        "overdue_days": row.overdue_days(today),
        "archived": row.archived,
        "given": row.given,
        "received": row.received,
    }


def people_json(objects: list[dict[str, object]]) -> str:
    """The array, readable UTF-8; what could steer a terminal is escaped (json leaves C1 and bidi controls)."""
    text = json.dumps(objects, ensure_ascii=False, indent=2)
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _days(number: int) -> str:
    return f"{number:,} day" if number == 1 else f"{number:,} days"


def person_line(row: PersonRow, today: dt.date) -> str:
    """Name, organisation, last contact and, when past their rhythm, by how much."""
    since = row.days_since(today)
    last = "no contact yet" if row.last_entry_on is None else f"last {row.last_entry_on.isoformat()}"
    if since is not None:
        last += " (today)" if since == 0 else f" ({_days(since)} ago)"
    overdue = row.overdue_days(today)
    marks = ([f"overdue by {_days(overdue)}"] if overdue else []) + (["archived"] if row.archived else [])
    mark = f"  [{'; '.join(marks)}]" if marks else ""
    return f"{row.name:<28.28}  {row.organisation:<24.24}  {last}{mark}"


def cmd_people(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services.people import list_people

    today = dt.date.today()
    with _open(args, path) as journal:
        rows = chosen_people(list_people(journal, include_archived=args.archived), args, today)
    if args.json:
        print(people_json([person_object(row, today) for row in rows]))
        return 0
    if not rows:
        _say(_nobody(args))
        return 0
    for row in rows:
        _say(person_line(row, today))
    return 0


def _nobody(args: argparse.Namespace) -> str:
    if args.overdue and args.tag is not None:
        return f"Nobody tagged \u201c{args.tag}\u201d is overdue."
    if args.overdue:
        return "Nobody is past their keep-in-touch rhythm."
    if args.tag is not None:
        return f"Nobody is tagged \u201c{args.tag}\u201d."
    return "There is nobody in this journal yet."
