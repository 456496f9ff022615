"""Merging two records of one person into one, so that the merge can be undone.

Everything of the person merged away moves to the person kept, in one
transaction: exchanges (as the person and as the second person), touchpoints,
loops, reflections, circumstances, introductions between others (as the one
who made them or as either of the two introduced) and the contact details the
kept person does not have yet.  The kept person's empty fields are filled from the other.
Then the other is deleted (a tombstone tells other copies of the journal),
with only the details that were repeats still under them.

An introduction between the two is kept as an exchange with the kept person
and no second person: introducing someone to themself means nothing, but the
value given stays in the ledger.  Likewise an introduction between others
that would name the kept person twice loses the second mention: made by them
and introducing them, it keeps them as the one who made it and no one in that
place; introducing them to themself, it keeps the first of the two.  ``undo_merge`` puts everything back: the
other person with their UUID and times, each moved row on its own person with
its own update time, the kept person's fields as they were.
"""

from __future__ import annotations

from dataclasses import dataclass

from netjournal.domain import ContactDetail, DetailField, Entity
from netjournal.services.contact_details import match_key
from netjournal.services.deletions import UndoRefusedError
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.services.journal import Journal
from netjournal.services.people import fold
from netjournal.services.validation import FIELD_LIMITS, NotFoundError, ValidationError
from netjournal.store import reassign
from netjournal.store.errors import RestoreConflictError
from netjournal.store.models import Person
from netjournal.store.reassign import Changes
from netjournal.store.removal import Removal, foreign_keys, people_of
from netjournal.store.tables import TRACKED_TABLES

_FILLED = ("organisation", "role", "how_met", "cadence_days")
NOTES_BETWEEN = "\n\n"


@dataclass(frozen=True, slots=True)
class Merged:
    """One merge, with all it changed: what ``undo_merge`` needs to put it back."""

    keep_id: int
    keep_uuid: str
    keep_name: str
    other_name: str
    exchanges: int
    introductions: int  # exchanges between the two: kept, without a second person
    touchpoints: int
    loops: int
    reflections: int
    circumstances: int
    brokered: int  # introductions between others that named the one merged away (made, or introduced in)
    brokered_cleared: int  # of those, the ones that would name the kept person twice: one place left empty
    details_added: int
    details_dropped: int  # repeats of details the kept person had
    fields_filled: tuple[str, ...]  # the kept person's columns that changed
    changes: Changes
    removal: Removal

    @property
    def moved(self) -> int:
        return self.exchanges + self.touchpoints + self.loops + self.reflections + self.circumstances + self.brokered


def _person(journal: Journal, person_id: int) -> dict[str, object]:
    cursor = journal.sql("SELECT * FROM person WHERE id = ?", (person_id,))
    row = cursor.fetchone()
    if row is None:
        raise NotFoundError(f"There is no person with id {person_id}; nobody was merged.")
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def _tags(*values: object) -> str:
    seen: dict[str, str] = {}
    for value in values:
        for tag in str(value).split(","):
            clean = " ".join(tag.split())
            if clean and clean.casefold() not in seen:
                seen[clean.casefold()] = clean
    return ", ".join(seen.values())


def _notes(keep: str, other: str) -> str:
    if not other.strip() or fold(other.strip()) in fold(keep):
        return keep
    if not keep.strip():
        return other
    return keep.rstrip() + NOTES_BETWEEN + other.strip()


def merged_fields(keep: dict[str, object], other: dict[str, object]) -> dict[str, object]:
    """The kept person's columns that the merge changes, and their new values."""
    wanted: dict[str, object] = {
        name: other[name] for name in _FILLED if keep[name] in ("", None) and other[name] not in ("", None)
    }
    wanted["notes"] = _notes(str(keep["notes"]), str(other["notes"]))
    wanted["tags"] = _tags(keep["tags"], other["tags"])
    wanted["archived"] = int(bool(keep["archived"]) and bool(other["archived"]))
    for name in ("notes", "tags"):
        if len(str(wanted[name])) > FIELD_LIMITS[name]:
            raise ValidationError(
                name, f"Together the two people's {name} would be longer than {FIELD_LIMITS[name]:,} characters; "
                "shorten one first. Nobody was merged."
            )  # fmt: skip
    return {name: value for name, value in wanted.items() if value != keep[name]}


def _rows_naming(journal: Journal, table: str, column: str, person_id: int) -> list[int]:
    return [i for (i,) in journal.sql(f"SELECT id FROM {table} WHERE {column} = ? ORDER BY id", (person_id,))]


Planned = tuple[str, int, dict[str, object]]  # table, row id, the columns to change and their new values
_BROKERED_COLUMNS = ("broker_id", "first_person_id", "second_person_id")


def _brokered_plan(journal: Journal, keep_id: int, other_id: int) -> tuple[list[Planned], int]:
    """Introductions between others naming ``other`` anywhere, moved to ``keep``; and how many lose a mention.

    No row may name one person twice (``brokered_introductions.validated``): where
    the move would, the introduced place that repeats the one who made it is left
    empty, else the second of the two introduced.
    """
    planned: list[Planned] = []
    cleared = 0
    for row_id, *before in journal.sql(
        "SELECT id, broker_id, first_person_id, second_person_id FROM brokered_introduction "
        "WHERE ? IN (broker_id, first_person_id, second_person_id) ORDER BY id",
        (other_id,),
    ):
        broker, first, second = (keep_id if p == other_id else p for p in before)
        if first is not None and first == broker:
            first = None
        elif second is not None and second in (broker, first):
            second = None
        after = (broker, first, second)
        cleared += after.count(None) > tuple(before).count(None)
        values: dict[str, object] = {
            c: new for c, old, new in zip(_BROKERED_COLUMNS, before, after, strict=True) if new != old
        }
        planned.append(("brokered_introduction", row_id, values))
    return planned, cleared


def _plan(journal: Journal, keep_id: int, other_id: int) -> tuple[list[Planned], int, int, int]:
    """Every row of ``other``'s to change, with its new values; and the counts of introductions between the two,
    of introductions between others that lose a mention, and of dropped details."""
    planned: list[Planned] = []
    introductions = 0
    for exchange_id, person, second in journal.sql(
        "SELECT id, person_id, second_person_id FROM exchange WHERE person_id = ? OR second_person_id = ? ORDER BY id",
        (other_id, other_id),
    ):
        values: dict[str, object] = {}
        if person == other_id:
            values["person_id"] = keep_id
        if second == other_id:
            values["second_person_id"] = keep_id
        if {person, second} == {keep_id, other_id} or person == second:
            values["second_person_id"] = None
            introductions += 1
        planned.append(("exchange", exchange_id, values))
    for table in ("touchpoint", "open_loop", "reflection", "circumstance"):
        moved: dict[str, object] = {"person_id": keep_id}
        planned += [(table, row_id, moved) for row_id in _rows_naming(journal, table, "person_id", other_id)]
    brokered, brokered_cleared = _brokered_plan(journal, keep_id, other_id)
    planned += brokered
    held = {
        (field, match_key(ContactDetail(DetailField(field), value)))
        for field, value in journal.sql("SELECT field, value FROM contact_detail WHERE person_id = ?", (keep_id,))
    }
    (position,) = journal.sql(
        "SELECT coalesce(max(position) + 1, 0) FROM contact_detail WHERE person_id = ?", (keep_id,)
    ).fetchone()
    dropped = 0
    for detail_id, field, value in journal.sql(
        "SELECT id, field, value FROM contact_detail WHERE person_id = ? ORDER BY position, id", (other_id,)
    ).fetchall():
        key = (field, match_key(ContactDetail(DetailField(field), value)))
        if key in held:
            dropped += 1  # stays with the other person, and goes with them
            continue
        held.add(key)
        planned.append(("contact_detail", detail_id, {"person_id": keep_id, "position": position}))
        position += 1
    return planned, introductions, brokered_cleared, dropped


def _table_changes(
    journal: Journal, changes: Changes, action: ChangeAction, people: tuple[int, int]
) -> list[JournalChange]:
    """One notice per table the merge changed, for the two people and everyone else its rows name.

    The others' views are stale too: Tom's introduction of the one merged away, or
    Ana's introduction of them to Chen, now names the person kept (and back).
    """
    keys = foreign_keys(journal.db)
    notices = []
    by_table: dict[str, None] = dict.fromkeys(row.table for row in changes.rows if row.table != "person")
    for table in by_table:
        named: set[int] = set()
        for row in changes.rows:
            if row.table == table:
                named |= people_of(journal.db, keys, table, row.uuid)
        everyone = (*people, *sorted(named - set(people)))
        notices.append(JournalChange(Entity(TRACKED_TABLES[table]), action, (), everyone))
    return notices


def merge_people(journal: Journal, keep_id: int, other_id: int) -> Merged:
    """Merge ``other_id`` into ``keep_id`` (see the module's description); refused with a sentence if it cannot be."""
    if keep_id == other_id:
        raise ValidationError("person", "A person cannot be merged with themself; choose two different people.")
    with journal.write() as notices:
        keep, other = _person(journal, keep_id), _person(journal, other_id)
        fields = merged_fields(keep, other)
        planned, introductions, brokered_cleared, dropped = _plan(journal, keep_id, other_id)
        if fields:
            planned.insert(0, ("person", keep_id, fields))
        changes = reassign.change(journal.db, planned)
        removal = journal.remove(Person, other_id)
        assert removal is not None  # read in this same transaction just now
        people = (keep_id, other_id)
        notices.append(JournalChange(Entity.PERSON, ChangeAction.UPDATED, (keep_id,), (keep_id,)))
        notices.append(JournalChange(Entity.PERSON, ChangeAction.DELETED, (other_id,), people))
        notices.extend(_table_changes(journal, changes, ChangeAction.UPDATED, people))
    exchanges = changes.count("exchange")
    return Merged(
        keep_id=keep_id,
        keep_uuid=str(keep["uuid"]),
        keep_name=str(keep["name"]),
        other_name=str(other["name"]),
        exchanges=exchanges,
        introductions=introductions,
        touchpoints=changes.count("touchpoint"),
        loops=changes.count("open_loop"),
        reflections=changes.count("reflection"),
        circumstances=changes.count("circumstance"),
        brokered=changes.count("brokered_introduction"),
        brokered_cleared=brokered_cleared,
        details_added=changes.count("contact_detail"),
        details_dropped=dropped,
        fields_filled=tuple(fields),
        changes=changes,
        removal=removal,
    )


@dataclass(frozen=True, slots=True)
class Unmerged:
    keep_id: int
    other_id: int  # the person brought back (under a new id if theirs was taken since)
    left: int  # rows edited or deleted since the merge, left as they are


def undo_merge(journal: Journal, merged: Merged) -> Unmerged:
    """Put back everything ``merged`` changed, in one transaction, and tell the views.

    Refused with ``UndoRefusedError`` (a sentence, nothing written) when the
    journal has changed so that it cannot come back as it was: the person
    kept has been deleted since, or the other is in the journal again.
    """
    what = f"The merge of {merged.other_name} into {merged.keep_name}"
    try:
        with journal.write() as notices:
            kept = journal.sql("SELECT id FROM person WHERE uuid = ?", (merged.keep_uuid,)).fetchone()
            if kept is None:
                raise RestoreConflictError(RestoreConflictError.PARENT_GONE, "person")
            keep_id = int(kept[0])
            restored = journal.restore(merged.removal)
            other_id = restored.ids["person"][0]
            back = reassign.put_back(journal.db, merged.changes)
            people = (keep_id, other_id)
            notices.append(JournalChange(Entity.PERSON, ChangeAction.ADDED, (other_id,), people))
            notices.append(JournalChange(Entity.PERSON, ChangeAction.UPDATED, (keep_id,), people))
            notices.extend(_table_changes(journal, merged.changes, ChangeAction.UPDATED, people))
    except RestoreConflictError as conflict:
        if conflict.table == "person" and conflict.reason == RestoreConflictError.PARENT_GONE:
            raise UndoRefusedError(f"{what} cannot be undone: {merged.keep_name} has been deleted since.") from None
        raise UndoRefusedError(f"{what} cannot be undone: {conflict}") from None
    return Unmerged(keep_id, other_id, back.left)
