"""What a dialog held when it was left unsaved: kept inside the encrypted journal, never beside it.

A draft is the state of one entry dialog (a new exchange, or the edit of
touchpoint 12), saved every few seconds while someone types and when the
window locks, so a crash, a lock or a slip of the Esc key loses nothing.  It
is not an entry: it has no identity, is never exported, and goes once the
entry is saved or the draft is discarded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from netjournal.services.journal import Journal
from netjournal.store import meta
from netjournal.store.clock import now_stamp

_PREFIX = "draft:"
KINDS = ("exchange", "touchpoint", "loop", "reflection", "brokered_introduction")


@dataclass(frozen=True, slots=True)
class Draft:
    kind: str  # one of KINDS
    entry_id: int | None  # the entry being edited; None for a new one
    fields: dict[str, Any]  # widget name -> value, as the dialog gave them
    known_people: dict[str, int] = field(default_factory=dict)  # names that stood for a chosen person
    saved_at: str = ""  # UTC stamp
    gist: str = ""  # a line of what was typed, to recognise it by

    @property
    def key(self) -> str:
        return draft_key(self.kind, self.entry_id)

    def saved_at_local(self) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(self.saved_at.replace("Z", "+00:00")).astimezone()
        except ValueError:
            return None


def draft_key(kind: str, entry_id: int | None) -> str:
    return f"{kind}" if entry_id is None else f"{kind}:{entry_id}"


def save_draft(journal: Journal, draft: Draft) -> Draft:
    """Keep (or replace) the draft for its dialog; returns it with its time."""
    if draft.kind not in KINDS:
        raise ValueError(f"not a kind of entry dialog: {draft.kind}")
    stamped = Draft(draft.kind, draft.entry_id, draft.fields, draft.known_people, now_stamp(), draft.gist)
    with journal.write():
        meta.put(
            journal.db,
            _PREFIX + stamped.key,
            {
                "kind": stamped.kind,
                "entry_id": stamped.entry_id,
                "fields": stamped.fields,
                "known_people": stamped.known_people,
                "saved_at": stamped.saved_at,
                "gist": stamped.gist,
            },
        )
    return stamped


def discard_draft(journal: Journal, kind: str, entry_id: int | None) -> None:
    with journal.write():
        meta.delete(journal.db, _PREFIX + draft_key(kind, entry_id))


def pending_drafts(journal: Journal) -> list[Draft]:
    """Every kept draft, the most recently saved first."""
    found: list[Draft] = []
    for value in meta.with_prefix(journal.db, _PREFIX).values():
        if not isinstance(value, dict) or value.get("kind") not in KINDS:
            continue
        entry_id = value.get("entry_id")
        fields = value.get("fields")
        known = value.get("known_people")
        found.append(
            Draft(
                kind=str(value["kind"]),
                entry_id=int(entry_id) if isinstance(entry_id, int) else None,
                fields=dict(fields) if isinstance(fields, dict) else {},
                known_people={str(k): int(v) for k, v in known.items() if isinstance(v, int)}
                if isinstance(known, dict)
                else {},
                saved_at=str(value.get("saved_at", "")),
                gist=str(value.get("gist", "")),
            )
        )
    return sorted(found, key=lambda d: d.saved_at, reverse=True)
