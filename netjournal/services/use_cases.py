"""One call per user action, shared by the window and the command line.

Each action resolves the people it names (finding them, or adding them when
nobody matches) and writes its entry in the same transaction, so a new person
and the entry that needs them land together or not at all.  The front ends
only gather input and present the result or the error.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from netjournal.domain import EntryType, LoopKind
from netjournal.services import backups, deletions, entries, keychain, people
from netjournal.services.deletions import Deleted
from netjournal.services.journal import Journal
from netjournal.services.validation import NotFoundError, ValidationError
from netjournal.store.database import check_passphrase
from netjournal.store.errors import JournalError, PassphraseChangedNotReopenedError, PassphraseNotChangedError
from netjournal.store.rows import Restored

if TYPE_CHECKING:  # merging is imported when it is used: `netjournal log` does not pay for it
    from netjournal.services.merge import Merged, Unmerged

PersonRef = int | str
"""A person: their id, or a name as typed (found, or added when nobody matches)."""


@dataclass(frozen=True, slots=True)
class NamedPerson:
    id: int
    name: str
    added: bool  # created by this action


@dataclass(frozen=True, slots=True)
class Logged:
    """What an action wrote: the entry's id and the people it concerns, in the order named."""

    id: int
    people: tuple[NamedPerson, ...] = ()

    @property
    def added_people(self) -> tuple[NamedPerson, ...]:
        return tuple(p for p in self.people if p.added)


def _resolve(journal: Journal, ref: PersonRef, *, field: str, empty_message: str) -> NamedPerson:
    if isinstance(ref, int):
        return NamedPerson(ref, people.person_name(journal, ref), False)
    if not ref.strip():
        raise ValidationError(field, empty_message)
    try:
        person_id, added = people.find_or_create_person(journal, ref)
    except ValidationError as error:
        raise ValidationError(field, error.message) from None
    return NamedPerson(person_id, people.person_name(journal, person_id), added)


def save_exchange(
    journal: Journal,
    data: entries.ExchangeInput,
    *,
    person: PersonRef | None = None,
    second_person: PersonRef | None = None,
    exchange_id: int | None = None,
) -> Logged:
    """Log an exchange (or, with ``exchange_id``, edit one) with the people it names.

    ``person`` and ``second_person``, when given, take the place of the ids in
    ``data``; no person means a contribution to the network as a whole.
    """
    with journal.write():
        named: list[NamedPerson] = []
        if person is not None:
            who = _resolve(
                journal,
                person,
                field="person",
                empty_message="Say with whom, or make it a contribution to the network as a whole.",
            )
            named.append(who)
            data = replace(data, person_id=who.id)
        if second_person is not None:
            second = _resolve(
                journal, second_person, field="second_person", empty_message="Say who the second person is."
            )
            named.append(second)
            data = replace(data, second_person_id=second.id)
        if exchange_id is None:
            exchange_id = entries.add_exchange(journal, data)
        else:
            entries.update_exchange(journal, exchange_id, data)
    return Logged(exchange_id, tuple(named))


def save_brokered(
    journal: Journal,
    broker: PersonRef,
    first: PersonRef | None,
    second: PersonRef | None,
    summary: str,
    *,
    date: dt.date | str | None = None,
    outcome: str = "",
    row_id: int | None = None,
) -> Logged:
    """Keep (or, with ``row_id``, change) an introduction someone else made between two others.

    ``None`` for one of the two introduced keeps an edited row's place empty (its person was deleted).
    """
    from netjournal.services.brokered_introductions import BrokeredInput, add_brokered, update_brokered

    with journal.write():
        who = _resolve(journal, broker, field="broker", empty_message="Say who made the introduction.")
        whom = (
            None
            if first is None
            else _resolve(journal, first, field="first_person", empty_message="Say whom they introduced.")
        )
        to = (
            None
            if second is None
            else _resolve(journal, second, field="second_person", empty_message="Say to whom they introduced them.")
        )
        named = tuple(p for p in (who, whom, to) if p is not None)
        data = BrokeredInput(
            who.id, whom.id if whom else None, to.id if to else None, summary, date=date, outcome=outcome
        )
        if row_id is None:
            row_id = add_brokered(journal, data)
        else:
            update_brokered(journal, row_id, data)
    return Logged(row_id, named)


def log_touchpoint(
    journal: Journal, person: PersonRef, note: str, *, date: dt.date | str | None = None, channel: str = ""
) -> Logged:
    """Keep in touch with someone between exchanges."""
    with journal.write():
        who = _resolve(journal, person, field="person", empty_message="Say with whom you kept in touch.")
        touch_id = entries.add_touchpoint(journal, who.id, note, date=date, channel=channel)
    return Logged(touch_id, (who,))


def keep_loop(
    journal: Journal,
    loop_kind: LoopKind | str,
    what: str,
    *,
    person: PersonRef | None = None,
    due_on: dt.date | str | None = None,
) -> Logged:
    """Keep something promised or asked open until it is done; the person is optional."""
    with journal.write():
        who = None
        if person is not None and (isinstance(person, int) or person.strip()):
            who = _resolve(journal, person, field="person", empty_message="")
        loop_id = entries.add_loop(journal, loop_kind, what, person_id=who.id if who else None, due_on=due_on)
    return Logged(loop_id, (who,) if who else ())


def write_reflection(
    journal: Journal, text: str, *, person: PersonRef | None = None, date: dt.date | str | None = None
) -> Logged:
    """A reflection, about someone or about the network."""
    with journal.write():
        who = None
        if person is not None and (isinstance(person, int) or person.strip()):
            who = _resolve(journal, person, field="person", empty_message="")
        reflection_id = entries.add_reflection(journal, text, date=date, person_id=who.id if who else None)
    return Logged(reflection_id, (who,) if who else ())


def delete_entry(journal: Journal, entry_type: EntryType, entry_id: int) -> Deleted:
    """Delete a timeline entry; the record returned undoes it (``undo_delete``)."""
    return deletions.delete_entry(journal, entry_type, entry_id)


def delete_circumstance(journal: Journal, circumstance_id: int) -> Deleted:
    return deletions.delete_circumstance(journal, circumstance_id)


def delete_person(journal: Journal, person_id: int) -> Deleted:
    """Delete a person and what goes with them (ask first with ``deletions.what_goes_with``)."""
    return deletions.delete_person(journal, person_id)


def undo_delete(journal: Journal, deleted: Deleted) -> Restored:
    """Bring back what a delete took, or refuse with a sentence (``UndoRefusedError``) and change nothing."""
    return deletions.undo(journal, deleted)


def merge_people(journal: Journal, keep: PersonRef, other: PersonRef) -> Merged:
    """Merge ``other`` into ``keep`` (ids, or names as typed: never added here); ``undo_merge`` takes it back."""
    keep_id = _existing(journal, keep, "keep")
    other_id = _existing(journal, other, "other")
    from netjournal.services import merge

    return merge.merge_people(journal, keep_id, other_id)


def undo_merge(journal: Journal, merged: Merged) -> Unmerged:
    """Split a merge again, or refuse with a sentence (``UndoRefusedError``) and change nothing."""
    from netjournal.services import merge

    return merge.undo_merge(journal, merged)


def _existing(journal: Journal, ref: PersonRef, field: str) -> int:
    if isinstance(ref, int):
        return ref
    try:
        found = people.find_person(journal, ref)
    except ValidationError as error:
        raise ValidationError(field, error.message) from None
    if found is None:
        raise NotFoundError(f"Nobody called \u201c{' '.join(ref.split())}\u201d is in this journal; nobody was merged.")
    return found.id


class KeychainOutcome(enum.Enum):
    """What happened to a remembered passphrase when the journal's passphrase changed."""

    NOT_REMEMBERED = "not remembered"  # nothing was kept, nothing to do
    UPDATED = "updated"  # the keychain now holds the new passphrase
    REMOVED = "removed"  # it could not be updated, so the old entry was removed
    STALE = "stale"  # it could be neither updated nor removed: it still holds the old one


def change_passphrase(journal: Journal, new_passphrase: str) -> KeychainOutcome:
    """Re-key the journal, then bring a remembered passphrase in line with it.

    A backup under the old passphrase is taken first; a journal that cannot
    be backed up is not re-encrypted.  The keychain is touched only once the
    journal opens with the new passphrase alone; if the journal could not be
    changed, it keeps the old one.
    """
    check_passphrase(new_passphrase)
    try:
        backups.take_backup(journal.snapshot_source(), backups.Reason.BEFORE_PASSPHRASE_CHANGE)
    except JournalError as error:
        raise PassphraseNotChangedError(f"no backup could be taken first. {error}") from None
    try:
        journal.change_passphrase(new_passphrase)
    except PassphraseChangedNotReopenedError:
        _sync_keychain(journal, new_passphrase)  # it did change: the old one is useless now
        raise
    return _sync_keychain(journal, new_passphrase)


def _sync_keychain(journal: Journal, new_passphrase: str) -> KeychainOutcome:
    if keychain.recall(journal.path) is None:
        return KeychainOutcome.NOT_REMEMBERED
    try:
        keychain.remember(journal.path, new_passphrase)
    except keychain.KeychainUnavailable:
        return KeychainOutcome.REMOVED if keychain.forget(journal.path) else KeychainOutcome.STALE
    return KeychainOutcome.UPDATED


def remember_passphrase(journal: Journal, passphrase: str) -> bool:
    """After an unlock or a create that asked for it: keep the passphrase in the keychain.

    Only a passphrase that has just opened ``journal`` is kept.  False when
    this device has no keychain (the caller says so and carries on).
    """
    try:
        keychain.remember(journal.path, passphrase)
    except keychain.KeychainUnavailable:
        return False
    return True
