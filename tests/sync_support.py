"""Random edits of a journal, shared by the property tests of merging (tests/sync/)."""

from __future__ import annotations

import contextlib
import io
import json

from hypothesis import strategies as st

from netjournal.domain import EntryType
from netjournal.exports.json_export import write_export
from netjournal.services import entries, people, use_cases
from netjournal.services.deletions import UndoRefusedError
from netjournal.services.journal import Journal
from netjournal.services.validation import ValidationError

NAMES = ("Ana Silva", "Ben Okafor", "Chen Wei")
ACTION = st.tuples(
    st.integers(0, 2),  # which copy
    st.sampled_from(["add person", "edit person", "add exchange", "edit exchange", "delete exchange",
                     "delete person", "undo", "merge people", "introduce", "save unchanged"]),
    st.integers(0, 10),  # which row
)  # fmt: skip


def export(journal: Journal) -> dict:
    out = io.BytesIO()
    write_export(journal, out, exported_at="2026-01-01T00:00:00.000Z")
    return json.loads(out.getvalue())


def _ids(journal: Journal, table: str) -> list[int]:
    return [r[0] for r in journal.sql(f"SELECT id FROM {table} ORDER BY uuid")]


def act(journal: Journal, action: str, pick: int, undo: list) -> None:
    persons, exchanges = _ids(journal, "person"), _ids(journal, "exchange")
    if action == "add person" or not persons:
        people.add_person(journal, people.PersonInput(NAMES[pick % 3], notes=f"note {pick}"))
    elif action == "edit person":
        person = persons[pick % len(persons)]
        people.update_person(journal, person, people.PersonInput(NAMES[pick % 3], role=f"role {pick}"))
    elif action == "add exchange" or (not exchanges and action != "delete person"):
        entries.add_exchange(
            journal,
            entries.ExchangeInput("given", "advice", f"advice {pick}", persons[pick % len(persons)], "2026-01-02"),
        )
    elif action == "edit exchange":
        exchange = exchanges[pick % len(exchanges)]
        person = journal.sql("SELECT person_id FROM exchange WHERE id = ?", (exchange,)).fetchone()[0]
        entries.update_exchange(
            journal, exchange, entries.ExchangeInput("received", "advice", f"edited {pick}", person, "2026-01-03")
        )
    elif action == "delete exchange":
        undo.append(use_cases.delete_entry(journal, EntryType.EXCHANGE, exchanges[pick % len(exchanges)]))
    elif action == "delete person":
        undo.append(use_cases.delete_person(journal, persons[pick % len(persons)]))
    elif action == "undo" and undo:
        with contextlib.suppress(UndoRefusedError):  # what it belonged to is gone since (a merge of people)
            use_cases.undo_delete(journal, undo.pop())
    elif action == "merge people" and len(persons) >= 2:
        use_cases.merge_people(journal, persons[0], persons[1])
    elif action == "introduce" and len(persons) >= 2:  # a second person: a link a deletion clears (SET NULL)
        first, second = persons[pick % len(persons)], persons[(pick + 1) % len(persons)]
        entries.add_exchange(
            journal,
            entries.ExchangeInput("given", "introduction", f"introduced {pick}", first, "2026-01-04",
                                  second_person_id=second),
        )  # fmt: skip
    elif action == "save unchanged" and exchanges:  # saved again as it is: only the update time moves
        exchange = exchanges[pick % len(exchanges)]
        columns = ("direction", "kind", "summary", "person_id", "date", "details", "significance",
                   "second_person_id", "community", "reciprocates_id", "outcome")  # fmt: skip
        row = journal.sql(f"SELECT {', '.join(columns)} FROM exchange WHERE id = ?", (exchange,)).fetchone()
        with contextlib.suppress(ValidationError):  # an exchange a merge left without its person
            entries.update_exchange(journal, exchange, entries.ExchangeInput(**dict(zip(columns, row, strict=True))))
