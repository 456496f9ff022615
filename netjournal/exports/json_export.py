"""The whole journal as one JSON document (format described in docs/json-format.md).

References between records are by UUID, never by the local row ids, so the
document means the same thing in any copy of the journal.  The output is
deterministic: the same journal gives the same bytes, apart from
``exported_at``.  Records are read in pages straight from SQL, so a journal
of 100,000 entries never becomes 100,000 model objects.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from netjournal.services.journal import Journal
from netjournal.store.clock import now_stamp
from netjournal.store.errors import JournalError

FORMAT = "netjournal"
FORMAT_VERSION = 4  # 2 added contact_details, 3 brokered_introductions, 4 entry_history; readers take 1 to 3 too

_TIMES = "t.uuid, t.created_at, t.updated_at"
_BY_UUID = "ORDER BY t.created_at, t.uuid"


def _person(table_column: str, alias: str) -> tuple[str, str]:
    """A select-list entry and a join that turn a person reference into the person's UUID."""
    return f"{alias}.uuid", f"LEFT JOIN person {alias} ON {alias}.id = {table_column}"


def _tags(value: str) -> list[str]:
    return [t for t in (part.strip() for part in value.split(",")) if t]


def _sections() -> list[tuple[str, str, Callable[[tuple], dict[str, Any]]]]:
    """Each top-level list: its key, its query, and how a row becomes a record."""
    p_exchange, j_exchange = _person("t.person_id", "p")
    p_second, j_second = _person("t.second_person_id", "q")
    p_of, j_of = _person("t.person_id", "p")
    p_broker, j_broker = _person("t.broker_id", "b")
    p_first, j_first = _person("t.first_person_id", "f")
    p_to, j_to = _person("t.second_person_id", "s")

    def times(row: tuple) -> dict[str, Any]:
        return {"uuid": row[0], "created_at": row[1], "updated_at": row[2]}

    return [
        (
            "people",
            f"SELECT {_TIMES}, t.name, t.organisation, t.role, t.how_met, t.notes, t.tags, t.cadence_days, "
            f"t.archived FROM person t {_BY_UUID}",
            lambda r: {
                **times(r), "name": r[3], "organisation": r[4], "role": r[5], "how_met": r[6], "notes": r[7],
                "tags": _tags(r[8]), "cadence_days": r[9], "archived": bool(r[10]),
            },
        ),
        (
            "contact_details",
            f"SELECT {_TIMES}, {p_of}, t.field, t.value, t.label, t.position FROM contact_detail t {j_of} {_BY_UUID}",
            lambda r: {**times(r), "person": r[3], "field": r[4], "value": r[5], "label": r[6], "position": r[7]},
        ),
        (
            "exchanges",
            f"SELECT {_TIMES}, t.date, t.direction, t.kind, t.summary, t.details, t.significance, {p_exchange}, "
            f"{p_second}, t.community, x.uuid, t.outcome FROM exchange t {j_exchange} {j_second} "
            f"LEFT JOIN exchange x ON x.id = t.reciprocates_id {_BY_UUID}",
            lambda r: {
                **times(r), "date": r[3], "direction": r[4], "kind": r[5], "summary": r[6], "details": r[7],
                "significance": r[8], "person": r[9], "second_person": r[10], "community": r[11],
                "reciprocates": r[12], "outcome": r[13],
            },
        ),
        (
            "touchpoints",
            f"SELECT {_TIMES}, t.date, {p_of}, t.channel, t.note FROM touchpoint t {j_of} {_BY_UUID}",
            lambda r: {**times(r), "date": r[3], "person": r[4], "channel": r[5], "note": r[6]},
        ),
        (
            "loops",
            f"SELECT {_TIMES}, t.loop_kind, {p_of}, t.what, t.opened_on, t.due_on, t.done_on "
            f"FROM open_loop t {j_of} {_BY_UUID}",
            lambda r: {
                **times(r), "loop_kind": r[3], "person": r[4], "what": r[5], "opened_on": r[6], "due_on": r[7],
                "done_on": r[8],
            },
        ),
        (
            "reflections",
            f"SELECT {_TIMES}, t.date, t.text, t.prompt_id, t.prompt_text, {p_of} FROM reflection t {j_of} {_BY_UUID}",
            lambda r: {
                **times(r), "date": r[3], "text": r[4], "prompt_id": r[5], "prompt_text": r[6], "person": r[7],
            },
        ),
        (
            "circumstances",
            f"SELECT {_TIMES}, {p_of}, t.note, t.start_on, t.end_on FROM circumstance t {j_of} {_BY_UUID}",
            lambda r: {**times(r), "person": r[3], "note": r[4], "start_on": r[5], "end_on": r[6]},
        ),
        (
            "prompt_states",
            f"SELECT {_TIMES}, t.prompt_key, t.snoozed_until, t.dismissed_on, t.answered_on "
            f"FROM prompt_state t {_BY_UUID}",
            lambda r: {
                **times(r), "prompt_key": r[3], "snoozed_until": r[4], "dismissed_on": r[5], "answered_on": r[6],
            },
        ),
        (
            "brokered_introductions",
            f"SELECT {_TIMES}, t.date, {p_broker}, {p_first}, {p_to}, t.summary, t.outcome "
            f"FROM brokered_introduction t {j_broker} {j_first} {j_to} {_BY_UUID}",
            lambda r: {
                **times(r), "date": r[3], "broker": r[4], "first_person": r[5], "second_person": r[6],
                "summary": r[7], "outcome": r[8],
            },
        ),
        (
            "entry_history",
            f"SELECT {_TIMES}, t.entity, t.row_uuid, t.version_updated_at, t.content_hash, t.values_json, "
            f"t.superseded_at, t.reason FROM entry_history t {_BY_UUID}",
            lambda r: {
                **times(r), "entity": r[3], "row_uuid": r[4], "version_updated_at": r[5], "content_hash": r[6],
                "values_json": r[7], "superseded_at": r[8], "reason": r[9],
            },
        ),
    ]  # fmt: skip


_DELETED_SQL = "SELECT entity, uuid, deleted_at FROM tombstone ORDER BY deleted_at, entity, uuid"
SECTIONS = tuple(key for key, _, _ in _sections())


def _records(journal: Journal, sql: str, record: Callable[[tuple], dict[str, Any]]) -> Iterator[dict[str, Any]]:
    cursor = journal.sql(sql)
    while batch := cursor.fetchmany(2000):
        for row in batch:
            yield record(row)


def _encode(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def write_export(journal: Journal, out: BinaryIO, *, exported_at: str | None = None) -> None:
    """Write the document to ``out``, one record per line, section by section."""
    journal_uuid, created_at = journal.identity()
    head = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": exported_at or now_stamp(),
        "journal": {"uuid": journal_uuid, "created_at": created_at},
    }

    def emit(text: str) -> None:
        out.write(text.encode("utf-8"))

    emit("{\n")
    for key, value in head.items():
        emit(f"  {_encode(key)}: {_encode(value)},\n")
    sections = [*_sections(), ("deleted", _DELETED_SQL, lambda r: {"entity": r[0], "uuid": r[1], "deleted_at": r[2]})]
    # One read transaction: every section sees the same state of the journal.
    with journal.db.atomic():
        for number, (key, sql, record) in enumerate(sections):
            emit(f"  {_encode(key)}: [")
            separator = "\n"
            for item in _records(journal, sql, record):
                emit(f"{separator}    {_encode(item)}")
                separator = ",\n"
            emit("\n  ]" if separator == ",\n" else "]")
            emit(",\n" if number < len(sections) - 1 else "\n")
    emit("}\n")


def export_json(journal: Journal, destination: Path | None) -> Path | None:
    """Export to ``destination`` atomically (mode 0600), or to standard output when it is ``None``."""
    if destination is None:
        write_export(journal, sys.stdout.buffer)
        sys.stdout.flush()
        return None
    from netjournal.exports.atomic import write_atomically

    _refuse_to_overwrite_anything_but_an_export(journal, destination)
    return write_atomically(destination, lambda handle: write_export(journal, handle))


_EXPORT_START = f'{{\n  "format": "{FORMAT}"'.encode()


def _refuse_to_overwrite_anything_but_an_export(journal: Journal, destination: Path) -> None:
    """An earlier export may be replaced; the journal, or any other file, never."""
    if not destination.is_file():
        return
    if os.path.samefile(destination, journal.path):
        raise JournalError("That file is the journal itself; choose another name for the export.")
    with destination.open("rb") as handle:
        start = handle.read(len(_EXPORT_START))
    if start != _EXPORT_START:
        raise JournalError(
            f"{destination} exists and is not a netjournal export; choose another name. Nothing was overwritten."
        )
