"""A netjournal JSON export read and checked (docs/json-format.md), before anything is written.

``read_export`` reads the file a record at a time (``json_stream``) and checks
every record's keys, types and references (``json_records``); ``json_import``
reads the records again as they go into the journal.  An export as netjournal
writes it is checked on one reading; lists in another order (keys sorted by a
tool) on a second, each list then read from where it starts.  So a file of any
size is refused or accepted whole before the journal is touched, and the
import needs no more memory than the check.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netjournal.services.json_records import SECTION_KEYS, SECTIONS, STAMP_CHECK, UUID_CHECK, Field, Section
from netjournal.services.json_stream import JsonReader, JsonSyntaxError, NotUtf8Error, Place
from netjournal.store.errors import JournalError

FORMAT = "netjournal"
READABLE_VERSIONS = (1, 2, 3, 4)  # 2 added contact_details, 3 brokered_introductions, 4 entry_history
MAX_EXPORT_BYTES = 2 * 1024**3  # far beyond any journal; a larger file is something else

_HEADER = ("format", "version", "exported_at", "journal")


class ExportReadError(JournalError):
    """The file is not an export this version can import; ``str()`` says why, naming the file."""


class ExportChangedError(ExportReadError):
    def __init__(self, path: object) -> None:
        super().__init__(f"{path} has changed since it was read; read it again before importing. Nothing was imported.")


_SECTION = {s.key: s for s in SECTIONS}
# The lists a format version added: an export of an earlier version has none of them.
_SINCE = {"contact_details": 2, "brokered_introductions": 3, "entry_history": 4}


# -- the document ------------------------------------------------------------------


@dataclass(frozen=True)
class ExportDocument:
    """A checked export: what it holds, and where in the file each list is, to import it from."""

    path: Path
    version: int
    exported_at: str
    journal_uuid: str
    journal_created_at: str
    counts: Mapping[str, int]  # records in each list (``deleted`` included), in the order they are imported
    digest: str = field(repr=False)
    places: Mapping[str, Place] = field(repr=False)
    # The row id each referred-to record goes in under (its place in its list), by UUID.
    ids: Mapping[str, Mapping[str, int]] = field(repr=False)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def records(self, key: str) -> Iterator[dict[str, Any]]:
        """The records of one list, read from the file again one at a time."""
        with self.path.open("rb") as handle:
            yield from JsonReader(handle, self.places[key]).items()  # type: ignore[misc]  # checked by read_export

    def check_unchanged(self) -> None:
        try:
            digest = _digest(self.path)
        except OSError:
            raise ExportChangedError(self.path) from None
        if digest != self.digest:
            raise ExportChangedError(self.path)


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def read_export(path: str | Path) -> ExportDocument:
    """Read and check the export at ``path``; ``ExportReadError``, a sentence naming the file, when it cannot be
    imported.  Of the records only their counts, and the UUIDs that references need, stay in memory."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ExportReadError(f"{path} is a folder, not a netjournal export.")
        if size > MAX_EXPORT_BYTES:
            raise ExportReadError(
                f"{path} is {size / 1024**3:.1f} GB, larger than any netjournal export this version can import "
                f"({MAX_EXPORT_BYTES // 1024**3} GB)."
            )
        return _read(path)
    except FileNotFoundError:
        raise ExportReadError(f"There is no file at {path}.") from None
    except PermissionError:
        raise ExportReadError(f"{path} cannot be read: permission denied.") from None
    except OSError as error:
        raise ExportReadError(f"{path} cannot be read ({error.strerror or error}).") from None
    except NotUtf8Error:
        raise ExportReadError(f"{path} is not a netjournal export: it holds binary data, not JSON text.") from None
    except JsonSyntaxError as error:
        raise ExportReadError(
            f"{path} is not a netjournal export: it is not valid JSON "
            f"(line {error.line}, column {error.column}: {error.reason})."
        ) from None


def _read(path: Path) -> ExportDocument:
    digest = hashlib.sha256()

    def seen(chunk: bytes) -> None:
        if b"\x00" in chunk:  # never in JSON text, always in a database or an image
            raise NotUtf8Error("NUL byte")
        digest.update(chunk)

    head: dict[str, object] = {}
    places: dict[str, Place] = {}
    counts: dict[str, int] = {}
    ids: dict[str, dict[str, int]] = {}
    with path.open("rb") as handle:
        reader = JsonReader(handle, on_bytes=seen)
        reader.skip_bom()
        if reader.at_end():
            raise ExportReadError(f"{path} is empty, not a netjournal export.")
        if reader.peek() != "{":
            if reader.peek() not in '["-0123456789':
                reader.value()  # a syntax error says where (a CSV file); a lone true or null is JSON, not an export
            raise ExportReadError(f"{path} is not a netjournal export: an export is one JSON object {{…}}.")
        reader.take("{", "'{'")
        while reader.peek() != "}":  # once only, unless a comma follows a value
            key = reader.key()
            reader.take(":", "':' delimiter")
            if key in head or key in places:
                raise ExportReadError(f'{path} cannot be imported: "{key}" appears twice at its top level.')
            if key in SECTION_KEYS and reader.peek() == "[":
                places[key] = reader.place()
                # As netjournal writes it, every list is checked on this one reading; a list that comes
                # before the version, or before the people it names, is checked after it.
                if "format" in head and "version" in head and (key == "people" or "people" in counts):
                    _check_version(path, head)
                    counts[key] = _check_section(path, _SECTION[key], reader.items(), ids)
                else:
                    for _ in reader.items():
                        pass
            else:
                head[key] = reader.value()
            if reader.peek() != ",":
                break
            reader.take(",", "','")
            if reader.peek() != '"':
                raise reader.error("Expecting property name enclosed in double quotes")
        reader.take("}", "',' delimiter")
        if not reader.at_end():
            raise reader.error("Extra data")
    version = _check_head(path, head, places)
    journal = head["journal"]
    assert isinstance(journal, dict)
    for section in SECTIONS:
        if section.key in places and section.key not in counts:
            with path.open("rb") as handle:
                counts[section.key] = _check_section(
                    path, section, JsonReader(handle, places[section.key]).items(), ids
                )
    return ExportDocument(
        path, version, str(head["exported_at"]), journal["uuid"], journal["created_at"],
        {s.key: counts[s.key] for s in SECTIONS if s.key in counts}, digest.hexdigest(), places, ids,
    )  # fmt: skip


def _check_version(path: Path, head: Mapping[str, object]) -> int:
    if head.get("format") != FORMAT:
        raise ExportReadError(f'{path} is not a netjournal export: it has no "format": "{FORMAT}" at its top.')
    version = head.get("version")
    if type(version) is not int or version < 1:
        raise ExportReadError(
            f'{path} is not a netjournal export this version can read: its "version" is {_shown(version)}.'
        )
    if version not in READABLE_VERSIONS:
        raise ExportReadError(
            f"{path} is an export of format version {version}, written by a newer netjournal; this version "
            f"imports format versions {READABLE_VERSIONS[0]} to {READABLE_VERSIONS[-1]}. Update netjournal to "
            "import it."
        )
    return version


def _check_head(path: Path, head: Mapping[str, object], places: Mapping[str, Place]) -> int:
    version = _check_version(path, head)
    for key in head:
        if key in SECTION_KEYS:
            raise ExportReadError(f'{path} cannot be imported: its "{key}" is not a list of records.')
        if key not in _HEADER:
            raise ExportReadError(f'{path} cannot be imported: it has a part "{key}" that an export does not have.')
    needed = [s.key for s in SECTIONS if version >= _SINCE.get(s.key, 1)]
    for key in ("exported_at", "journal", *needed):
        if key not in head and key not in places:
            raise ExportReadError(f'{path} cannot be imported: it has no "{key}".')
    if STAMP_CHECK(head["exported_at"]) is not None:
        raise ExportReadError(f'{path} cannot be imported: its "exported_at" is not a time such as {_EXAMPLE}.')
    journal = head["journal"]
    if (
        type(journal) is not dict
        or set(journal) != {"uuid", "created_at"}
        or UUID_CHECK(journal["uuid"]) is not None
        or STAMP_CHECK(journal["created_at"]) is not None
    ):
        raise ExportReadError(
            f'{path} cannot be imported: its "journal" should be {{"uuid": a UUID, "created_at": a time}}.'
        )
    return version


_EXAMPLE = "2026-12-01T08:29:47.358Z"


def _check_section(path: Path, section: Section, records: Iterator[object], ids: dict[str, dict[str, int]]) -> int:
    """Check every record of one list; returns how many there are."""
    keys = section.keys
    identity = [("uuid", UUID_CHECK), ("created_at", STAMP_CHECK), ("updated_at", STAMP_CHECK)]
    checks = (identity if section.identified else []) + [(f.key, f.check) for f in section.fields]
    references = [f for f in section.fields if f.refers_to]
    mine: dict[str, int] = {}
    seen: dict[str, dict[object, int]] = {name: {} for name in section.unique if name != "uuid"}
    later: list[tuple[int, Field, str]] = []  # references to records of this same list, checked at its end
    number = 0

    def refuse(number: int, problem: str) -> ExportReadError:
        return ExportReadError(
            f'{path} cannot be imported: {section.record} {number} in "{section.key}" {problem}. Nothing was imported.'
        )

    for number, record in enumerate(records, 1):
        if type(record) is not dict:
            raise refuse(number, f"is {_shown(record)}, where a record {{…}} is expected")
        if record.keys() != keys:
            missing = sorted(keys - record.keys())
            if missing:
                raise refuse(number, f'is missing "{missing[0]}"')
            raise refuse(number, f'has a field "{sorted(record.keys() - keys)[0]}" that an export does not have')
        for key, check in checks:
            wrong = check(record[key])
            if wrong is not None:
                raise refuse(number, f'has "{key}": {_shown(record[key])}, where {wrong} is expected')
        if section.record_check is not None and (problem := section.record_check(record)) is not None:
            raise refuse(number, problem)
        if section.identified:
            if record["uuid"] in mine:
                raise refuse(number, f'has the same "uuid" as {section.record} {mine[record["uuid"]]}')
            mine[record["uuid"]] = number
        for name, values in seen.items():
            value = tuple(record[k] for k in name.split())
            if value in values:
                raise refuse(number, f"repeats {section.record} {values[value]} ({_shown(list(value))})")
            values[value] = number
        for reference in references:
            target = record[reference.key]
            if target is None:
                continue
            if reference.refers_to == section.key:
                later.append((number, reference, target))
            elif target not in ids[reference.refers_to]:
                raise refuse(number, _dangling(reference, target))
    for returning, reference, target in later:
        if target not in mine:
            raise refuse(returning, _dangling(reference, target))
    if section.referred_to:
        ids[section.key] = mine
    return number


def _dangling(reference: Field, target: str) -> str:
    return f'names a record ("{reference.key}": "{target}") that is not in "{reference.refers_to}"'
