"""A netjournal JSON export read back into a new, empty journal, exactly as it was exported.

Every record goes in with its own UUID, times and content, and the journal
takes the export's identity, so exporting the result gives the same document
(apart from ``exported_at``).  The import is one transaction: refused,
interrupted or failed, it leaves the journal as it was.  What the export leaves
out (last-contact dates, the search indexes) is rebuilt by the journal's own
triggers as the rows go in.

Only an empty journal takes an import: into one with people or entries it
would be a merge of two journals, which a later release brings.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from netjournal.services.events import JournalChange
from netjournal.services.journal import Journal
from netjournal.services.json_document import ExportChangedError, ExportDocument, ExportReadError, read_export
from netjournal.services.json_records import SECTIONS, Field, Section
from netjournal.services.json_stream import JsonSyntaxError, NotUtf8Error
from netjournal.store.bulk_load import BulkLoad
from netjournal.store.errors import JournalError
from netjournal.store.tables import TRACKED_TABLES
from netjournal.wording import count

__all__ = [
    "ExportChangedError",
    "ExportDocument",
    "ExportReadError",
    "JournalNotEmptyError",
    "JsonImportPreview",
    "JsonImportResult",
    "import_json",
    "journal_is_empty",
    "preview_json",
    "read_export",
]

BATCH = 1000  # rows per executemany, and records between two progress reports

Progress = Callable[[int, int], None]  # (records imported so far, records in all)


class JournalNotEmptyError(JournalError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"The journal {path} already has people or entries; importing an export into it would need a merge "
            "of two journals, which netjournal cannot do yet. Import it into a new journal instead "
            "(netjournal --journal NEW.netjournal import FILE creates one; in the window, Journal → New journal…)."
        )


@dataclass(frozen=True, slots=True)
class JsonImportPreview:
    """What an import would bring, and whether this journal can take it (``refusal`` says why not)."""

    counts: Mapping[str, int]  # records in each list of the export ("people", …, "deleted")
    total: int
    journal_is_empty: bool
    refusal: str | None
    export_journal_uuid: str
    export_created_at: str
    exported_at: str
    version: int
    same_identity: bool  # the journal already has the export's identity (a copy of that journal, emptied)

    @property
    def can_import(self) -> bool:
        return self.refusal is None


@dataclass(frozen=True, slots=True)
class JsonImportResult:
    counts: Mapping[str, int]
    total: int
    journal_uuid: str  # the journal's identity now: the export's
    seconds: float


_SECTION_WORDS = {
    "people": ("person", "people"),
    "contact_details": ("contact detail", "contact details"),
    "exchanges": ("exchange", "exchanges"),
    "touchpoints": ("touchpoint", "touchpoints"),
    "loops": ("open loop", "open loops"),
    "reflections": ("reflection", "reflections"),
    "circumstances": ("circumstance", "circumstances"),
    "prompt_states": ("prompt state", "prompt states"),
    "brokered_introductions": ("introduction between others", "introductions between others"),
    "entry_history": ("history entry", "history entries"),
    "deleted": ("deletion", "deletions"),
}


def describe_counts(counts: Mapping[str, int]) -> str:
    """ "150 people, 1,950 exchanges, …": what an export holds, in words."""
    parts = []
    for section, number in counts.items():
        one, many = _SECTION_WORDS.get(section, (section, section))
        parts.append(count(number, one, many))
    return ", ".join(parts)


def journal_is_empty(journal: Journal) -> bool:
    """No row in any tracked table and no tombstone: nothing an import could collide with."""
    tables = (*TRACKED_TABLES, "tombstone")
    (anything,) = journal.sql("SELECT " + " OR ".join(f"EXISTS (SELECT 1 FROM {t})" for t in tables)).fetchone()
    return not anything


def preview_json(journal: Journal, document: ExportDocument) -> JsonImportPreview:
    empty = journal_is_empty(journal)
    return JsonImportPreview(
        counts=dict(document.counts),
        total=document.total,
        journal_is_empty=empty,
        refusal=None if empty else str(JournalNotEmptyError(journal.path)),
        export_journal_uuid=document.journal_uuid,
        export_created_at=document.journal_created_at,
        exported_at=document.exported_at,
        version=document.version,
        same_identity=journal.identity()[0] == document.journal_uuid,
    )


def import_json(journal: Journal, document: ExportDocument, *, progress: Progress | None = None) -> JsonImportResult:
    """Put every record of ``document`` into the empty ``journal``, all or nothing.

    ``progress(done, total)`` is called every ``BATCH`` records and at the end.
    Raises ``JournalNotEmptyError`` for a journal that is not empty and
    ``ExportChangedError`` when the file changed since ``read_export``.
    """
    started = time.perf_counter()
    document.check_unchanged()
    total, done = document.total, 0
    try:
        with journal.write() as changes:
            if not journal_is_empty(journal):
                raise JournalNotEmptyError(journal.path)
            db = journal.db
            # A returned exchange may come later in the list than the one returning it.
            db.execute_sql("PRAGMA defer_foreign_keys = ON")
            bulk = BulkLoad(db)
            db.cursor().executemany(
                "INSERT INTO journal_meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [("uuid", document.journal_uuid), ("created_at", document.journal_created_at)],
            )
            for section in SECTIONS:
                if section.key not in document.counts:
                    continue  # a list added by a later format version (json_document._SINCE)
                sql, row = _insert_sql(section), _row_maker(section, document.ids)
                batch: list[tuple[Any, ...]] = []
                for record in document.records(section.key):
                    batch.append(row(record))
                    if len(batch) == BATCH:
                        done = _write(db, sql, batch, done, total, progress)
                        batch = []
                done = _write(db, sql, batch, done, total, progress)
            bulk.finish()
            document.check_unchanged()  # what was read is what was checked
            changes.append(JournalChange.whole_journal())
    except (JsonSyntaxError, NotUtf8Error, OSError):
        raise ExportChangedError(document.path) from None
    finally:
        journal.store.forget_identity()
    if progress is not None and total == 0:
        progress(0, 0)
    return JsonImportResult(dict(document.counts), total, journal.identity()[0], time.perf_counter() - started)


def _write(db: Any, sql: str, batch: list[tuple[Any, ...]], done: int, total: int, progress: Progress | None) -> int:
    if not batch:
        return done
    db.cursor().executemany(sql, batch)
    done += len(batch)
    if progress is not None:
        progress(done, total)
    return done


def _columns(section: Section) -> list[str]:
    own_id = ["id"] if section.referred_to else []
    identity = ["uuid", "created_at", "updated_at"] if section.identified else []
    return [*own_id, *identity, *(f.column_name for f in section.fields)]


def _insert_sql(section: Section) -> str:
    columns = _columns(section)
    listed = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {section.table} ({listed}) VALUES ({', '.join('?' * len(columns))})"


def _value_of(field: Field, ids: Mapping[str, Mapping[str, int]]) -> Callable[[Mapping[str, Any]], Any]:
    """How a record's value becomes the column's: a UUID the local id, tags one text, true 1."""
    key = field.key
    if field.refers_to:
        local = ids[field.refers_to]
        return lambda record: None if record[key] is None else local[record[key]]
    if key == "tags":
        # As the person's dialog stores them; the export splits on commas, and no tag holds one (checked).
        return lambda record: ", ".join(record[key])
    if key == "archived":
        return lambda record: int(record[key])
    return itemgetter(key)


def _row_maker(section: Section, ids: Mapping[str, Mapping[str, int]]) -> Callable[[Mapping[str, Any]], tuple]:
    values = [_value_of(f, ids) for f in section.fields]
    if section.identified:
        values[:0] = [itemgetter("uuid"), itemgetter("created_at"), itemgetter("updated_at")]
    if section.referred_to:
        own = ids[section.key]
        values.insert(0, lambda record: own[record["uuid"]])
    return lambda record: tuple(value(record) for value in values)
