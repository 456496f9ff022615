"""Operations on people: add, edit, archive, find by name, list for the contact list."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field

import peewee

from netjournal.domain import ContactDetail, Entity
from netjournal.services.contact_details import details_of, store_details, validated_details
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.services.journal import Journal
from netjournal.services.validation import (
    AmbiguousPersonError,
    NotFoundError,
    ValidationError,
    limited,
    optional_text,
    required_text,
)
from netjournal.store.models import Person

# The name index's tokenizer splits on what is not a letter or digit; typed
# words are split the same way to query it.
_NAME_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

MAX_CADENCE_DAYS = 3650


@dataclass(slots=True)
class PersonInput:
    name: str
    organisation: str = ""
    role: str = ""
    how_met: str = ""
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    cadence_days: int | None = None
    archived: bool = False
    # None leaves the person's contact details as they are (a form that does not show them).
    details: list[ContactDetail] | None = None


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """Everything the journal holds about one person, as plain data."""

    id: int
    uuid: str
    name: str
    organisation: str
    role: str
    how_met: str
    notes: str
    tags: tuple[str, ...]
    cadence_days: int | None
    archived: bool
    last_entry_on: dt.date | None
    created_at: str
    updated_at: str
    details: tuple[ContactDetail, ...] = ()

    @property
    def tag_list(self) -> list[str]:
        return list(self.tags)


@dataclass(frozen=True, slots=True)
class PersonRow:
    """What the contact list needs about one person, cheap to hold for thousands."""

    id: int
    name: str
    organisation: str
    role: str
    tags: str
    cadence_days: int | None
    archived: bool
    last_entry_on: dt.date | None
    given: int
    received: int

    def days_since(self, today: dt.date) -> int | None:
        return None if self.last_entry_on is None else (today - self.last_entry_on).days

    def overdue_days(self, today: dt.date) -> int:
        """Days past the keep-in-touch cadence; 0 when not overdue or no cadence."""
        if self.cadence_days is None:
            return 0
        since = self.days_since(today)
        if since is None:
            return 0
        return max(0, since - self.cadence_days)

    @property
    def search_text(self) -> str:
        return f"{self.name}\n{self.organisation}\n{self.tags}".casefold()


def _normalise_tags(tags: list[str]) -> str:
    seen: dict[str, str] = {}
    # Tags are stored comma-separated: a comma inside one would make two tags of it on the way back.
    for tag in (part for given in tags for part in given.split(",")):
        clean = " ".join(tag.split())
        if clean and clean.casefold() not in seen:
            seen[clean.casefold()] = clean
    return ", ".join(seen.values())


def validated_person(data: PersonInput) -> dict[str, object]:
    """The person's columns, checked; raises ``ValidationError`` naming the field at fault."""
    name = " ".join(required_text("name", data.name, "The name").split())
    cadence = data.cadence_days
    if cadence is not None and not (1 <= int(cadence) <= MAX_CADENCE_DAYS):
        raise ValidationError("cadence_days", f"Keep-in-touch cadence must be between 1 and {MAX_CADENCE_DAYS} days.")
    return {
        "name": name,
        "organisation": optional_text("organisation", data.organisation, "The organisation"),
        "role": optional_text("role", data.role, "The role"),
        "how_met": optional_text("how_met", data.how_met, "How you met"),
        "notes": optional_text("notes", data.notes, "The notes"),
        "tags": limited("tags", _normalise_tags(data.tags), "The list of tags"),
        "cadence_days": None if cadence is None else int(cadence),
        "archived": bool(data.archived),
    }


def add_person(journal: Journal, data: PersonInput) -> int:
    values = validated_person(data)
    details = validated_details(data.details or ())
    with journal.write() as changes:
        person_id = journal.insert(Person, values)
        store_details(journal, person_id, details)
        changes.append(JournalChange(Entity.PERSON, ChangeAction.ADDED, (person_id,), (person_id,)))
    return person_id


def update_person(journal: Journal, person_id: int, data: PersonInput) -> None:
    values = validated_person(data)
    details = None if data.details is None else validated_details(data.details)
    with journal.write() as changes:
        if not journal.update(Person, person_id, values):
            raise NotFoundError(f"There is no person with id {person_id}.")
        if details is not None:
            store_details(journal, person_id, details)
        changes.append(JournalChange(Entity.PERSON, ChangeAction.UPDATED, (person_id,), (person_id,)))


def set_archived(journal: Journal, person_id: int, archived: bool) -> None:
    with journal.write() as changes:
        if not journal.update(Person, person_id, {"archived": archived}):
            raise NotFoundError(f"There is no person with id {person_id}.")
        changes.append(JournalChange(Entity.PERSON, ChangeAction.UPDATED, (person_id,), (person_id,)))


def _record(row: Person, details: tuple[ContactDetail, ...] = ()) -> PersonRecord:
    return PersonRecord(
        id=row.id,
        uuid=row.uuid,
        name=row.name,
        organisation=row.organisation,
        role=row.role,
        how_met=row.how_met,
        notes=row.notes,
        tags=tuple(t for t in (part.strip() for part in row.tags.split(",")) if t),
        cadence_days=row.cadence_days,
        archived=bool(row.archived),
        last_entry_on=row.last_entry_on,
        created_at=row.created_at,
        updated_at=row.updated_at,
        details=details,
    )


def get_person(journal: Journal, person_id: int) -> PersonRecord:
    person = journal.first(Person.select().where(Person.id == person_id))
    if person is None:
        raise NotFoundError(f"There is no person with id {person_id}.")
    return _record(person, details_of(journal, person_id))


def person_name(journal: Journal, person_id: int) -> str:
    row = journal.sql("SELECT name FROM person WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"There is no person with id {person_id}.")
    return str(row[0])


def fold(text: str) -> str:
    """Case and accents folded, so "elodie" and "ÉLODIE" both mean "Élodie"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _name_candidates(journal: Journal, wanted: str) -> list[Person]:
    """People whose name has a word starting with each typed word: one query, on the name index."""
    words = _NAME_TOKEN.findall(wanted)
    if not words:
        # Nothing the index can look up (a name of punctuation only): exact names, by their own index.
        return journal.rows(Person.select().where(peewee.SQL("name = ? COLLATE NOCASE", [wanted])))
    expression = " ".join(f'"{word}"*' for word in words)
    matching = peewee.SQL("id IN (SELECT rowid FROM person_name_index WHERE person_name_index MATCH ?)", [expression])
    return journal.rows(Person.select().where(matching))


def find_person(journal: Journal, name: str) -> PersonRecord | None:
    """The one person ``name`` designates: an exact name, else a unique word-prefix match.

    ``None`` when nobody matches; ``AmbiguousPersonError`` listing the
    candidates when several do.  The name index finds the candidates (every
    typed word starts a word of the name, in any order); the order of the
    words and exact names are then checked on those few in Python, with case
    and accents folded.
    """
    wanted = " ".join(name.split())
    if not wanted:
        raise ValidationError("person", "Say with whom.")
    folded = fold(wanted)
    rows = _name_candidates(journal, wanted)
    exact = [row for row in rows if fold(row.name) == folded]
    if not exact:
        words = folded.split()
        exact = [row for row in rows if _words_prefix(words, fold(row.name).split())]
    if len(exact) == 1:
        return _record(exact[0])
    if len(exact) > 1:
        labels = [f"{p.name} ({p.organisation})" if p.organisation else p.name for p in sorted(exact, key=_by_name)]
        raise AmbiguousPersonError(wanted, labels[:12])
    return None


def _by_name(person: Person) -> str:
    return fold(person.name)


def _words_prefix(query: list[str], name: list[str]) -> bool:
    """Every query word starts some name word, in order ("ana s" matches "Ana Silva")."""
    position = 0
    for word in query:
        while position < len(name) and not name[position].startswith(word):
            position += 1
        if position == len(name):
            return False
        position += 1
    return True


def find_or_create_person(journal: Journal, name: str) -> tuple[int, bool]:
    """The person's id, and whether they were created just now."""
    person = find_person(journal, name)
    if person is not None:
        return person.id, False
    return add_person(journal, PersonInput(name=name, cadence_days=journal.new_person_cadence_days)), True


def list_people(
    journal: Journal, *, include_archived: bool = True, only: Collection[int] | None = None
) -> list[PersonRow]:
    """People with their last entry and exchange counts, in two queries.

    ``only`` limits it to those ids: after a write, the contact list
    refreshes just the people it touched instead of all of them.
    """
    ids = sorted(set(only)) if only is not None else None
    if ids is not None and not ids:
        return []
    person_filter = "" if ids is None else f" AND {{col}} IN ({','.join('?' * len(ids))})"
    params = [] if ids is None else ids * 2
    counts: dict[int, tuple[int, int]] = {
        pid: (given, received)
        for pid, given, received in journal.sql(
            "SELECT p, sum(d = 'given'), sum(d = 'received') FROM ("
            " SELECT person_id AS p, direction AS d FROM exchange WHERE person_id IS NOT NULL"
            + person_filter.format(col="person_id")
            # introductions you made count for both people, as in the ledger
            + " UNION ALL SELECT second_person_id, direction FROM exchange"
            "  WHERE second_person_id IS NOT NULL AND kind = 'introduction' AND direction = 'given'"
            + person_filter.format(col="second_person_id")
            + ") GROUP BY p",
            params,
        )
    }
    conditions = ([] if include_archived else ["archived = 0"]) + (
        [] if ids is None else [f"id IN ({','.join('?' * len(ids))})"]
    )
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = journal.sql(
        "SELECT id, name, organisation, role, tags, cadence_days, archived, last_entry_on "
        f"FROM person {where} ORDER BY name COLLATE NOCASE",
        ids or [],
    )
    people = []
    for pid, name, org, role, tags, cadence, archived, last in rows:
        given, received = counts.get(pid, (0, 0))
        last_day = dt.date.fromisoformat(last) if last else None
        people.append(PersonRow(pid, name, org, role, tags, cadence, bool(archived), last_day, given, received))
    return people


def person_names(journal: Journal) -> list[str]:
    """Every person's name once, alphabetically (for completers)."""
    rows = journal.sql("SELECT DISTINCT name FROM person ORDER BY name COLLATE NOCASE")
    return [name for (name,) in rows]
