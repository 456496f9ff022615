"""Everyone (or everyone with a tag) as contact records, for a vCard file a phone can read."""

from __future__ import annotations

from collections.abc import Iterator

from netjournal.imports.contacts import ImportedContact
from netjournal.services.contact_details import details_of_people
from netjournal.services.journal import Journal
from netjournal.services.people import fold

_PAGE = 500


def _tags(value: str) -> tuple[str, ...]:
    return tuple(t for t in (part.strip() for part in value.split(",")) if t)


def export_contacts(journal: Journal, *, tag: str | None = None) -> Iterator[ImportedContact]:
    """People in name order with their details, a page at a time; archived people are included."""
    wanted = None if tag is None else fold(tag.strip())
    rows = journal.sql(
        "SELECT id, name, organisation, role, notes, tags FROM person ORDER BY name COLLATE NOCASE, id"
    ).fetchall()
    if wanted is not None:
        rows = [row for row in rows if wanted in {fold(t) for t in _tags(row[5])}]
    for start in range(0, len(rows), _PAGE):
        page = rows[start : start + _PAGE]
        details = details_of_people(journal, [row[0] for row in page])
        for person_id, name, organisation, role, notes, tags in page:
            yield ImportedContact(
                source=f"person {person_id}",
                name=name,
                organisation=organisation,
                role=role,
                notes=notes,
                tags=_tags(tags),
                details=details.get(person_id, ()),
            )


def known_tag(journal: Journal, tag: str) -> bool:
    wanted = fold(tag.strip())
    return any(wanted == fold(t) for (tags,) in journal.sql("SELECT tags FROM person") for t in _tags(tags))
