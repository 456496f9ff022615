"""Importing contacts: a plan first (who is added, updated or skipped, and why), then one transaction.

The plan reads the journal and the parsed file and writes nothing, so the
command line's ``--dry-run`` and the window's preview show exactly what the
import will do.  ``apply_plan`` then takes a backup and writes the whole plan
in one transaction: a failure leaves the journal as it was.  Importing the
same file again plans nothing: every contact matches the person it made, and
only empty fields are ever filled, so nothing is overwritten either.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from netjournal.domain import ContactDetail, DetailField, Entity
from netjournal.imports.contacts import ImportedContact, ParsedContacts
from netjournal.services.contact_details import MAX_DETAILS, MAX_LABEL, checked_details, match_key, validated_details
from netjournal.services.contact_matching import KnownPerson, PeopleIndex
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.services.journal import Journal
from netjournal.services.people import PersonInput, validated_person
from netjournal.services.validation import ValidationError
from netjournal.store.clock import edit_stamp_sql, new_uuid, now_stamp
from netjournal.wording import count

Progress = Callable[[int, int], None]

# Fields an import fills when the person has them empty; it never overwrites.
_FILLED = ("organisation", "role", "how_met", "notes")
# Past this many people a change notice names the whole journal: views reload once.
_MANY_PEOPLE = 500


class Outcome(enum.StrEnum):
    ADD = "add"
    UPDATE = "update"
    UNCHANGED = "unchanged"  # matched, and the journal already holds everything it says
    COMBINED = "combined"  # the same person as an earlier entry of this file
    DOUBTFUL = "doubtful"  # could be one of several people: listed, never guessed
    UNREADABLE = "unreadable"  # the parser or the checks could not make a person of it


SKIPPED = frozenset({Outcome.UNCHANGED, Outcome.COMBINED, Outcome.DOUBTFUL, Outcome.UNREADABLE})


@dataclass(frozen=True, slots=True)
class PlannedContact:
    """What the import will do with one entry of the file."""

    outcome: Outcome
    source: str  # "card 12", "line 40"
    name: str
    reason: str = ""
    person_name: str = ""  # the person it updates or matches
    changes: tuple[str, ...] = ()  # for an update: what it fills in ("role", "2 emails")
    person_id: int | None = None  # the planned person (< 0 while not yet added)


@dataclass(slots=True)
class _Person:
    """A person as the plan will leave them: one already in the journal (id > 0) or a new one (id < 0)."""

    id: int
    source: str
    values: dict[str, object]
    details: list[ContactDetail] = field(default_factory=list)
    original: dict[str, object] = field(default_factory=dict)
    original_details: int = 0

    def detail_keys(self) -> set[tuple[str, str]]:
        return {(d.field.value, match_key(d)) for d in self.details}


@dataclass(slots=True)
class ImportPlan:
    path: Path
    format: str
    entries: list[PlannedContact] = field(default_factory=list)
    people: dict[int, _Person] = field(default_factory=dict)

    def of(self, *outcomes: Outcome) -> list[PlannedContact]:
        return [entry for entry in self.entries if entry.outcome in outcomes]

    @property
    def added(self) -> list[PlannedContact]:
        return self.of(Outcome.ADD)

    @property
    def updated(self) -> list[PlannedContact]:
        return self.of(Outcome.UPDATE)

    @property
    def skipped(self) -> list[PlannedContact]:
        return [entry for entry in self.entries if entry.outcome in SKIPPED]

    @property
    def writes_anything(self) -> bool:
        return any(entry.outcome in (Outcome.ADD, Outcome.UPDATE) for entry in self.entries)

    def summary(self) -> str:
        added, updated, skipped = len(self.added), len(self.updated), len(self.skipped)
        return (
            f"{count(added, 'person', 'people')} to add, {count(updated, 'person', 'people')} to update, "
            f"{count(skipped, 'entry', 'entries')} skipped"
        )


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    updated: int
    skipped: int
    backup: Path | None


def _how_met(contact: ImportedContact, file_format: str) -> str:
    if contact.met_on is None:
        return ""
    day = f"{contact.met_on.day} {contact.met_on:%B %Y}"
    return f"Connected on LinkedIn on {day}" if file_format == "linkedin" else f"Met on {day}"


def _checked(contact: ImportedContact, file_format: str) -> tuple[dict[str, object], list[ContactDetail], list[str]]:
    """The person's columns and details as they would be stored, and the details dropped (with why)."""
    values = validated_person(
        PersonInput(
            name=contact.name,
            organisation=contact.organisation,
            role=contact.role,
            how_met=_how_met(contact, file_format),
            notes=contact.notes,
            tags=list(contact.tags),
        )
    )
    acceptable: list[ContactDetail] = []
    dropped: list[str] = []
    for detail in contact.details:
        # A label too long to keep costs the label, not the address.
        detail = replace(detail, label=detail.label[:MAX_LABEL])
        try:
            validated_details([detail])
        except ValidationError as error:
            dropped.append(str(error))
        else:
            acceptable.append(detail)
    # Checked as one list too: repeats are dropped by the same rule the person dialog uses.
    unique = checked_details(acceptable)
    if len(unique) > MAX_DETAILS:
        dropped.append(f"Only the first {MAX_DETAILS} contact details are kept.")
    return values, unique[:MAX_DETAILS], dropped


def _fill(person: _Person, values: dict[str, object], details: Iterable[ContactDetail]) -> list[str]:
    """Fill the person's empty fields and add the details they lack; returns what had to be left out."""
    left_out: list[str] = []
    for column in _FILLED:
        if not person.values.get(column) and values.get(column):
            person.values[column] = values[column]
    tags = [t for t in str(person.values.get("tags") or "").split(", ") if t]
    more = [t for t in str(values.get("tags") or "").split(", ") if t]
    if more:
        try:
            person.values["tags"] = validated_person(PersonInput(name="-", tags=tags + more))["tags"]
        except ValidationError:
            left_out.append("The tags, as together they would be too long.")
    keys = person.detail_keys()
    for detail in details:
        key = (detail.field.value, match_key(detail))
        if key in keys:
            continue
        if len(person.details) >= MAX_DETAILS:
            left_out.append(f"Contact details beyond the {MAX_DETAILS} a person can have.")
            break
        keys.add(key)
        person.details.append(detail)
    return left_out


def _changes(person: _Person) -> tuple[str, ...]:
    filled = [c.replace("_", " ") for c in (*_FILLED, "tags") if person.values.get(c) != person.original.get(c)]
    added = person.details[person.original_details :]
    counted: dict[str, int] = {}
    for detail in added:
        counted[detail.field.value] = counted.get(detail.field.value, 0) + 1
    return (*filled, *(count(n, *_DETAIL_WORDS[f]) for f, n in counted.items()))


_DETAIL_WORDS = {
    "email": ("email", "emails"),
    "phone": ("phone number", "phone numbers"),
    "web": ("web address", "web addresses"),
    "location": ("location", "locations"),
    "birthday": ("birthday", "birthdays"),
}


class _Existing:
    """The journal's people as an import may update them: read in two queries the first time one is needed."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal
        self._rows: dict[int, tuple] | None = None
        self._details: dict[int, list[ContactDetail]] = {}

    def person(self, person_id: int) -> _Person:
        if self._rows is None:
            self._load()
        assert self._rows is not None
        values: dict[str, object] = dict(zip(("name", *_FILLED, "tags"), self._rows[person_id], strict=True))
        details = list(self._details.get(person_id, ()))
        return _Person(person_id, "", values, details, dict(values), len(details))

    def _load(self) -> None:
        rows = self._journal.sql("SELECT id, name, organisation, role, how_met, notes, tags FROM person")
        self._rows = {row[0]: row[1:] for row in rows}
        for person_id, kind, value, label in self._journal.sql(
            "SELECT person_id, field, value, label FROM contact_detail ORDER BY person_id, position, id"
        ):
            self._details.setdefault(person_id, []).append(ContactDetail(DetailField(kind), value, label))


def plan_import(journal: Journal, parsed: ParsedContacts) -> ImportPlan:
    """What importing ``parsed`` would do, entry by entry; reads the journal, writes nothing."""
    plan = ImportPlan(parsed.path, parsed.format)
    index = PeopleIndex.of_journal(journal)
    existing = _Existing(journal)
    next_new = -1
    for skipped in parsed.skipped:
        plan.entries.append(PlannedContact(Outcome.UNREADABLE, skipped.source, "", skipped.reason))
    for contact in parsed.contacts:
        try:
            values, details, dropped = _checked(contact, parsed.format)
        except ValidationError as error:
            plan.entries.append(PlannedContact(Outcome.UNREADABLE, contact.source, contact.name[:80], str(error)))
            continue
        name, organisation = str(values["name"]), str(values["organisation"])
        note = (" Left out: " + " ".join(dropped)) if dropped else ""
        match = index.match(name, organisation, details)
        if match.doubtful:
            plan.entries.append(
                PlannedContact(Outcome.DOUBTFUL, contact.source, name, f"Not imported: {match.reason}.")
            )
            continue
        if match.person is None:
            person = _Person(next_new, contact.source, values, list(details))
            next_new -= 1
            plan.people[person.id] = person
            index.add_person(KnownPerson(person.id, name, organisation))
            index.add_details(person.id, details)
            plan.entries.append(PlannedContact(Outcome.ADD, contact.source, name, note.strip(), person_id=person.id))
            continue
        target = plan.people.get(match.person.id)
        if target is None:
            target = plan.people[match.person.id] = existing.person(match.person.id)
        before = (dict(target.values), len(target.details))
        dropped += _fill(target, values, details)
        note = (" Left out: " + " ".join(dropped)) if dropped else ""
        index.add_details(target.id, details)
        index.fill_organisation(target.id, str(target.values["organisation"]))
        who = str(target.values["name"])
        if target.id < 0:
            outcome, reason = Outcome.COMBINED, f"The same person as {target.source} ({match.reason}); combined."
        elif (dict(target.values), len(target.details)) == before:
            outcome, reason = Outcome.UNCHANGED, f"Already in the journal as {who} ({match.reason}); nothing new."
        else:
            outcome, reason = Outcome.UPDATE, f"Matches {who} ({match.reason})."
        plan.entries.append(PlannedContact(outcome, contact.source, name, reason + note, who, person_id=target.id))
    plan.entries.sort(key=_place_in_file)
    _settle_updates(plan)
    return plan


def _place_in_file(entry: PlannedContact) -> int:
    """Entries listed in file order: "card 12" and "line 40" both end in their number."""
    number = re.search(r"\d+", entry.source)
    return int(number.group()) if number else 0


def _settle_updates(plan: ImportPlan) -> None:
    """A person that several entries update is counted once: the first entry lists all they gain."""
    seen: dict[int, str] = {}
    for number, entry in enumerate(plan.entries):
        if entry.outcome is not Outcome.UPDATE or entry.person_id is None:
            continue
        if entry.person_id in seen:
            reason = f"{entry.reason} Combined with {seen[entry.person_id]}, which updates them."
            plan.entries[number] = replace(entry, outcome=Outcome.COMBINED, reason=reason)
            continue
        seen[entry.person_id] = entry.source
        plan.entries[number] = replace(entry, changes=_changes(plan.people[entry.person_id]))


_PERSON_COLUMNS = ("name", "organisation", "role", "how_met", "notes", "tags", "cadence_days", "archived")


def apply_plan(
    journal: Journal, plan: ImportPlan, *, progress: Progress | None = None, backup: bool = True
) -> ImportResult:
    """Write the plan in one transaction, after a backup of the journal; all of it or, on any error, none."""
    added = [p for p in plan.people.values() if p.id < 0]
    updated = [
        p for p in plan.people.values() if p.id > 0 and (p.values != p.original or len(p.details) > p.original_details)
    ]
    skipped = len(plan.skipped)
    if not added and not updated:
        return ImportResult(0, 0, skipped, None)
    taken = None
    if backup:
        from netjournal.services import backups

        taken = backups.take_backup(journal.snapshot_source(), backups.Reason.BEFORE_IMPORT).file.path
    total = len(added) + len(updated)
    done = 0
    stamp = now_stamp()
    db = journal.db
    with journal.write() as changes:
        cursor = db.cursor()
        details: list[tuple[object, ...]] = []
        new_ids: list[int] = []
        insert_person = (
            f"INSERT INTO person (uuid, created_at, updated_at, {', '.join(_PERSON_COLUMNS)}) "
            f"VALUES (?, ?, ?{', ?' * len(_PERSON_COLUMNS)})"
        )
        for person in added:
            values = [person.values.get(c) for c in _PERSON_COLUMNS]
            values[_PERSON_COLUMNS.index("archived")] = bool(person.values.get("archived"))
            cursor.execute(insert_person, (new_uuid(), stamp, stamp, *values))
            person_id = int(cursor.lastrowid)
            new_ids.append(person_id)
            details += [(new_uuid(), stamp, stamp, person_id, d.field.value, d.value, d.label, n)
                        for n, d in enumerate(person.details)]  # fmt: skip
            done += 1
            if progress is not None and done % 500 == 0:
                progress(done, total)
        for person in updated:
            changed = {
                c: person.values[c] for c in (*_FILLED, "tags") if person.values.get(c) != person.original.get(c)
            }
            if changed:
                assignments = ", ".join(f"{c} = ?" for c in changed)
                # An edit: stamped after the version it replaces, whatever this clock says.
                cursor.execute(f"UPDATE person SET {assignments}, updated_at = {edit_stamp_sql()} WHERE id = ?",
                               (*changed.values(), stamp, person.id))  # fmt: skip
            details += [(new_uuid(), stamp, stamp, person.id, d.field.value, d.value, d.label, n)
                        for n, d in enumerate(person.details) if n >= person.original_details]  # fmt: skip
            done += 1
            if progress is not None and done % 500 == 0:
                progress(done, total)
        cursor.executemany(
            "INSERT INTO contact_detail (uuid, created_at, updated_at, person_id, field, value, label, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            details,
        )
        if progress is not None:
            progress(total, total)  # still inside: a progress callback that stops the import rolls it all back
        if total > _MANY_PEOPLE:
            # Many people, named by none: lists reload once. Not a whole-journal change (that is a restore,
            # after which the undo history means nothing): what could be undone before still can.
            changes.append(JournalChange(Entity.PERSON, ChangeAction.UPDATED))
            changes.append(JournalChange(Entity.CONTACT_DETAIL, ChangeAction.UPDATED))
        else:
            if new_ids:
                changes.append(JournalChange(Entity.PERSON, ChangeAction.ADDED, tuple(new_ids), tuple(new_ids)))
            if updated:
                ids = tuple(p.id for p in updated)
                changes.append(JournalChange(Entity.PERSON, ChangeAction.UPDATED, ids, ids))
    return ImportResult(len(added), len(updated), skipped, taken)
