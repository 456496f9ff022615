"""``netjournal person NAME``: one person's fields, details, tags and rhythm, shown or changed."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.cli.opening import open_journal as _open
from netjournal.cli.opening import say as _say

if TYPE_CHECKING:
    from netjournal.services.journal import Journal
    from netjournal.services.people import PersonInput, PersonRecord


def chosen_note(typed: str, name: str) -> str | None:
    """ "Using Ana Silva for “ana s”.", when the name was found from the start of a word, else None."""
    from netjournal.services.person_naming import named_partly

    typed = " ".join(typed.split())
    return f"Using {name} for \u201c{typed}\u201d." if named_partly(typed, name) else None


def existing_person(journal: Journal, typed: str) -> PersonRecord:
    """The person ``typed`` names (never added here), said back when only the start of a word was given."""
    from netjournal.services.people import find_person, get_person
    from netjournal.services.validation import NotFoundError

    found = find_person(journal, typed)  # several: the candidates, in the error's sentence
    if found is None:
        raise NotFoundError(f"Nobody called \u201c{' '.join(typed.split())}\u201d is in this journal.")
    note = chosen_note(typed, found.name)
    if note:
        _say(note)
    return get_person(journal, found.id)  # with contact details


def _rhythm(text: str) -> int | None:
    from netjournal.services.validation import ValidationError

    if text.strip().casefold() in ("none", "no", "0", ""):
        return None
    try:
        return int(text)
    except ValueError:
        message = f"The rhythm is a number of days, or none; \u201c{text}\u201d is neither."
        raise ValidationError("rhythm", message) from None


def _edited(record: PersonRecord, args: argparse.Namespace) -> PersonInput | None:
    """What the options change, or None when they change nothing (the person is only shown)."""
    from netjournal.domain import ContactDetail, DetailField
    from netjournal.services.people import PersonInput

    data = PersonInput(
        name=record.name,
        organisation=record.organisation,
        role=record.role,
        how_met=record.how_met,
        notes=record.notes,
        tags=list(record.tags),
        cadence_days=record.cadence_days,
        archived=record.archived,
    )
    changed = False
    for option, attribute in (
        ("new_name", "name"),
        ("organisation", "organisation"),
        ("role", "role"),
        ("how_met", "how_met"),
        ("notes", "notes"),
    ):
        value = getattr(args, option)
        if value is not None:
            data = replace(data, **{attribute: value})
            changed = True
    if args.tag or args.untag:
        removed = {" ".join(tag.split()).casefold() for tag in args.untag}
        kept = [tag for tag in data.tags if tag.casefold() not in removed]
        data = replace(data, tags=kept + list(args.tag))
        changed = True
    if args.rhythm is not None:
        data = replace(data, cadence_days=_rhythm(args.rhythm))
        changed = True
    if args.archived is not None:
        data = replace(data, archived=args.archived)
        changed = True
    added = [
        ContactDetail(DetailField(field), value)
        for field in ("email", "phone", "web")
        for value in getattr(args, field)
    ]
    if added:
        data = replace(data, details=list(record.details) + added)
        changed = True
    return data if changed else None


def person_text(person: PersonRecord) -> str:
    lines = [person.name + ("  (archived)" if person.archived else "")]
    for label, value in (
        ("Organisation", person.organisation),
        ("Role", person.role),
        ("How you met", person.how_met),
        ("Notes", person.notes),
    ):
        if value:
            lines.append(f"{label}: {value}")
    lines.append(f"Tags: {', '.join(person.tags)}" if person.tags else "Tags: none")
    if person.cadence_days:
        lines.append(f"Keep in touch every {person.cadence_days} day{'s' if person.cadence_days != 1 else ''}")
    else:
        lines.append("Keep-in-touch rhythm: none")
    last = person.last_entry_on
    lines.append(f"Last contact: {last.isoformat()}" if last else "Last contact: none yet")
    for detail in person.details:
        label = f" ({detail.label})" if detail.label else ""
        lines.append(f"{detail.field.value.capitalize()}{label}: {detail.value}")
    return "\n".join(lines)


def cmd_person(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services.people import get_person, update_person

    with _open(args, path) as journal:
        person = existing_person(journal, " ".join(args.name))
        data = _edited(person, args)
        if data is not None:
            update_person(journal, person.id, data)
            person = get_person(journal, person.id)
            _say(f"Updated {person.name}.")
    _say(person_text(person))
    return 0
