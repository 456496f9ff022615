"""Deleting entries, circumstances and people so that the delete can be undone.

Each delete returns a ``Deleted`` record: a snapshot of every row the delete
removes and of every link it clears in rows that stay (see
``store.removal``).  ``undo`` puts all of it back in one transaction.  The
records hold journal content in plain memory, so whoever keeps them (the
window's undo history) drops them when the journal is closed or locked.
"""

from __future__ import annotations

from dataclasses import dataclass

from netjournal.domain import Entity, EntryType
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.services.journal import Journal
from netjournal.services.validation import NotFoundError
from netjournal.store.errors import JournalError, RestoreConflictError
from netjournal.store.models import (
    MODEL_OF,
    BrokeredIntroduction,
    Exchange,
    OpenLoop,
    Person,
    Reflection,
    Touchpoint,
)
from netjournal.store.removal import Removal
from netjournal.store.rows import Restored
from netjournal.store.tables import TRACKED_TABLES

_MODEL_OF_ENTRY = {
    EntryType.EXCHANGE: Exchange,
    EntryType.TOUCHPOINT: Touchpoint,
    EntryType.LOOP: OpenLoop,
    EntryType.REFLECTION: Reflection,
    EntryType.BROKERED_INTRODUCTION: BrokeredIntroduction,
}
# The column that says what a row is, in the words its author wrote.
_TITLE_COLUMN = {
    "person": "name",
    "exchange": "summary",
    "touchpoint": "note",
    "open_loop": "what",
    "reflection": "text",
    "circumstance": "note",
    "brokered_introduction": "summary",
}


def entry_text_column(entry_type: EntryType) -> tuple[str, str]:
    """The table an entry type lives in, and the column that says what an entry is (its summary, note, text)."""
    table = _MODEL_OF_ENTRY[EntryType(entry_type)]._meta.table_name
    return table, _TITLE_COLUMN[table]


class UndoRefusedError(JournalError):
    """The delete cannot be undone any more; nothing was written."""


@dataclass(frozen=True, slots=True)
class Deleted:
    """One delete, with all it took: what ``undo`` needs to put it back."""

    entity: Entity
    id: int
    title: str  # what the row says: a person's name, an entry's summary or text
    removal: Removal

    @property
    def person_ids(self) -> tuple[int, ...]:
        return self.removal.person_ids


@dataclass(frozen=True, slots=True)
class GoesWith:
    """What deleting a person takes with them, and what stays but loses its link to them."""

    name: str
    exchanges: int
    touchpoints: int
    open_loops: int
    closed_loops: int
    circumstances: int
    # These stay:
    introductions: int  # exchanges that name them as the second person
    reflections: int  # reflections about them, which become about nobody in particular
    returns: int  # other people's exchanges that returned one of theirs
    # ... and of introductions someone made between two others: theirs go, those naming them stay.
    brokered: int
    introduced_by_others: int  # introductions between others that name them as one of the two

    @property
    def removed(self) -> int:
        return (
            self.exchanges + self.touchpoints + self.open_loops + self.closed_loops + self.circumstances + self.brokered
        )


def _entity(table: str) -> Entity:
    return Entity(TRACKED_TABLES[table])


def _changes(removal: Removal, action: ChangeAction) -> list[JournalChange]:
    """One change per kind of row the delete removed, and one for the rows that lost a link."""
    people = removal.person_ids
    changes = []
    for table in removal.tables():
        ids = tuple(int(r.values["id"]) for r in removal.rows if r.table == table)  # type: ignore[arg-type]
        changes.append(JournalChange(_entity(table), action, ids, people))
    for table in dict.fromkeys(link.table for link in removal.cleared):
        changes.append(JournalChange(_entity(table), ChangeAction.UPDATED, (), people))
    return changes


def _delete(journal: Journal, entity: Entity, row_id: int, missing: str) -> Deleted:
    model = MODEL_OF[entity]
    with journal.write() as changes:
        removal = journal.remove(model, row_id)
        if removal is None:
            raise NotFoundError(missing)
        changes.extend(_changes(removal, ChangeAction.DELETED))
    first = removal.rows[0]
    return Deleted(entity, row_id, str(first.values[_TITLE_COLUMN[first.table]]), removal)


def delete_entry(journal: Journal, entry_type: EntryType, entry_id: int) -> Deleted:
    """Delete an exchange, touchpoint, open loop, reflection or introduction between others (and links to it)."""
    entry_type = EntryType(entry_type)
    entity = _entity(_MODEL_OF_ENTRY[entry_type]._meta.table_name)
    return _delete(journal, entity, entry_id, f"There is no {entry_type} with id {entry_id}.")


def delete_circumstance(journal: Journal, circumstance_id: int) -> Deleted:
    return _delete(
        journal, Entity.CIRCUMSTANCE, circumstance_id, f"There is no circumstance with id {circumstance_id}."
    )


def delete_person(journal: Journal, person_id: int) -> Deleted:
    """Delete a person with their exchanges, touchpoints, loops and circumstances (see ``what_goes_with``)."""
    return _delete(journal, Entity.PERSON, person_id, f"There is no person with id {person_id}.")


def what_goes_with(journal: Journal, person_id: int) -> GoesWith:
    """What ``delete_person`` would take, read the way the delete itself will follow the links."""
    removal = journal.what_delete_takes(Person, person_id)
    if not removal.rows:
        raise NotFoundError(f"There is no person with id {person_id}.")
    loops = [row for row in removal.rows if row.table == "open_loop"]
    open_loops = sum(1 for row in loops if row.values["done_on"] is None)
    return GoesWith(
        name=str(removal.rows[0].values["name"]),
        exchanges=removal.count("exchange"),
        touchpoints=removal.count("touchpoint"),
        open_loops=open_loops,
        closed_loops=len(loops) - open_loops,
        circumstances=removal.count("circumstance"),
        introductions=removal.cleared_count("exchange", "second_person_id"),
        reflections=removal.cleared_count("reflection", "person_id"),
        returns=removal.cleared_count("exchange", "reciprocates_id"),
        brokered=removal.count("brokered_introduction"),
        introduced_by_others=removal.cleared_count("brokered_introduction", "first_person_id")
        + removal.cleared_count("brokered_introduction", "second_person_id"),
    )


def _label(deleted: Deleted) -> str:
    if deleted.entity is Entity.PERSON:
        return deleted.title
    short = deleted.title if len(deleted.title) <= 60 else deleted.title[:59] + "…"
    kind = {Entity.LOOP: "open loop", Entity.BROKERED_INTRODUCTION: "introduction"}.get(
        deleted.entity, deleted.entity.value
    )
    return f"The {kind} \u201c{short}\u201d"


def undo(journal: Journal, deleted: Deleted) -> Restored:
    """Put back everything ``deleted`` took, in one transaction, and tell the views.

    Refused with ``UndoRefusedError`` (a sentence, nothing written) when the
    journal has changed so that it cannot come back as it was: the same row
    is there again, or what it belonged to is gone.
    """
    try:
        with journal.write() as changes:
            restored = journal.restore(deleted.removal)
            people = restored.person_ids
            for table, ids in restored.ids.items():
                changes.append(JournalChange(_entity(table), ChangeAction.ADDED, ids, people))
            for table, ids in restored.relinked.items():
                changes.append(JournalChange(_entity(table), ChangeAction.UPDATED, ids, people))
    except RestoreConflictError as conflict:
        raise UndoRefusedError(f"{_label(deleted)} cannot be brought back: {conflict}") from None
    return restored
