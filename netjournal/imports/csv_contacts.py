"""Contacts from a generic CSV file: Google Contacts and Outlook exports, and hand-made spreadsheets.

The delimiter and the encoding are detected (spreadsheets in many locales
write semicolons, Outlook writes cp1252); the columns are recognised by
name (``csv_columns``) and the user's mapping names the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from netjournal.domain import ContactDetail, DetailField
from netjournal.imports.contacts import ImportedContact, ImportFileError, ParsedContacts, SkippedEntry
from netjournal.imports.csv_columns import (
    ADDRESS_PARTS,
    FIELD_NAMES,
    LABEL_PART,
    Column,
    NoNameColumnError,
    known_columns,
    plan_columns,
)
from netjournal.imports.csv_dates import parse_birthday, parse_date, slashes_are_day_first
from netjournal.imports.csv_records import CsvRecord, clean_cell, read_records, sniff_delimiter
from netjournal.imports.text_file import read_text_file

__all__ = [
    "FIELD_NAMES",
    "FORMAT",
    "CsvColumns",
    "NoNameColumnError",
    "known_columns",
    "read_csv_columns",
    "read_csv_contacts",
]

FORMAT = "csv"
# Google joins several values of one column with " ::: " (and its labels, "* myContacts ::: Clients").
GOOGLE_SEPARATOR = ":::"
# Google's group of every contact; a tag on everyone tells nothing.
_EVERYONE_GROUPS = frozenset({"mycontacts", "my contacts"})
_DETAIL_FIELDS = {
    "email": DetailField.EMAIL,
    "phone": DetailField.PHONE,
    "web": DetailField.WEB,
    "location": DetailField.LOCATION,
    "birthday": DetailField.BIRTHDAY,
}


@dataclass(frozen=True, slots=True)
class CsvColumns:
    """A CSV file's columns as the window shows them to be named: each header, a few of its values, its meaning."""

    headers: tuple[str, ...]
    samples: tuple[tuple[str, ...], ...]  # per column, its first few different non-empty values
    known: dict[str, str]  # what ``known_columns`` makes of the headers: header to field


def _header_and_rows(path: Path) -> tuple[str, CsvRecord, list[CsvRecord]]:
    """The file's encoding, its header record and its non-blank rows after it."""
    file_text = read_text_file(path)
    if not file_text.text.strip():
        raise ImportFileError(f"{path} is empty; there are no contacts in it.")
    records = read_records(file_text.text, path, sniff_delimiter(file_text.text))
    header = next((record for record in records if not record.is_blank), None)
    if header is None:
        raise ImportFileError(f"{path} has only empty lines; there are no contacts in it.")
    return file_text.encoding, header, [record for record in records if not record.is_blank]


def read_csv_columns(path: Path, samples: int = 3) -> CsvColumns:
    """The columns of a CSV file with up to ``samples`` example values each, for choosing what each holds."""
    _encoding, header, rows = _header_and_rows(path)
    found: list[dict[str, None]] = [{} for _ in header.fields]  # dicts keep the first spelling, in file order
    for row in rows:
        for index, cell in enumerate(row.fields[: len(found)]):
            value = " ".join(clean_cell(cell).split())
            if value and len(found[index]) < samples:
                found[index].setdefault(value)
        if all(len(values) >= samples for values in found):
            break
    return CsvColumns(tuple(header.fields), tuple(tuple(values) for values in found), known_columns(header.fields))


def read_csv_contacts(path: Path, mapping: Mapping[str, str] | None = None) -> ParsedContacts:
    """Every contact in a CSV file; ``mapping`` (column to field) names columns that are not recognised."""
    encoding, header, rows = _header_and_rows(path)
    columns = plan_columns(header.fields, mapping or {}, path)
    if not rows:
        raise ImportFileError(
            f"There are no contacts in {path}: it has the column names on line {header.line} but no rows after them."
        )
    day_first = {
        column.index: slashes_are_day_first(_value(row.fields, column) for row in rows)
        for column in columns
        if column.field in ("birthday", "met_on")
    }
    parsed = ParsedContacts(path=path, format=FORMAT, encoding=encoding)
    for row in rows:
        contact = _contact(row, columns, day_first)
        if isinstance(contact, SkippedEntry):
            parsed.skipped.append(contact)
        else:
            parsed.contacts.append(contact)
    return parsed


def _value(fields: Sequence[str], column: Column) -> str:
    if column.index >= len(fields) or not fields[column.index]:
        return ""  # most of an Outlook row's 92 cells are empty: no cleaning for them
    return clean_cell(fields[column.index])


def _contact(
    row: CsvRecord, columns: Sequence[Column], day_first: Mapping[int, bool]
) -> ImportedContact | SkippedEntry:
    values: dict[str, list[str]] = defaultdict(list)  # field to its non-empty values, in column order
    groups: dict[str, list[tuple[Column, str]]] = defaultdict(list)
    met_on = None
    for column in columns:
        value = _value(row.fields, column)
        if not value:
            continue
        if column.field in _DETAIL_FIELDS:
            groups[column.group].append((column, value))
        elif column.field == "met_on":
            met_on = met_on or parse_date(value, day_first=day_first.get(column.index, False))
        else:
            values[column.field].append(value)
    name = _name(values)
    details = _details(groups.values(), day_first)
    if not name:
        return _nameless(row, values, details)
    notes = "\n\n".join(values["notes"])
    return ImportedContact(
        source=f"line {row.line}",
        name=name,
        organisation=_first(values["organisation"]),
        role=_first(values["role"]),
        notes=notes,
        met_on=met_on,
        tags=_tags(values["tags"]),
        details=details,
    )


def _first(values: Sequence[str]) -> str:
    return " ".join(values[0].split()) if values else ""


def _name(values: Mapping[str, list[str]]) -> str:
    if values["name"]:
        return _first(values["name"])
    parts = (_first(values[field]) for field in ("first_name", "middle_name", "last_name"))
    return " ".join(part for part in parts if part)


def _nameless(row: CsvRecord, values: Mapping[str, list[str]], details: Sequence[ContactDetail]) -> SkippedEntry:
    known = [_first(values["organisation"]), *(detail.value for detail in details[:2])]
    shown = ", ".join(" ".join(value.split()) for value in known if value)
    what = f" (only {shown})" if shown else ""
    return SkippedEntry(f"line {row.line}", f"Line {row.line} has no name{what}, so it was skipped.")


def _tags(cells: Sequence[str]) -> tuple[str, ...]:
    tags: dict[str, str] = {}  # case-folded to first spelling: "Clients" and "clients" are one tag
    for cell in cells:
        pieces = cell.split(GOOGLE_SEPARATOR) if GOOGLE_SEPARATOR in cell else cell.replace(",", ";").split(";")
        for piece in pieces:
            tag = " ".join(piece.strip().removeprefix("* ").split())
            if tag and tag.casefold() not in _EVERYONE_GROUPS:
                tags.setdefault(tag.casefold(), tag)
    return tuple(tags.values())


def _details(groups: Iterable[list[tuple[Column, str]]], day_first: Mapping[int, bool]) -> tuple[ContactDetail, ...]:
    found: list[ContactDetail] = []
    for members in groups:
        found.extend(_group_details(members, day_first))
    order = list(_DETAIL_FIELDS.values())
    found.sort(key=lambda detail: order.index(detail.field))  # stable: column order within a field
    unique: dict[tuple[DetailField, str], ContactDetail] = {}
    for detail in found:
        unique.setdefault((detail.field, detail.value.casefold()), detail)
    return tuple(unique.values())


def _group_details(members: Sequence[tuple[Column, str]], day_first: Mapping[int, bool]) -> list[ContactDetail]:
    first = members[0][0]
    field = _DETAIL_FIELDS[first.field]
    label = next((_clean_label(value) for column, value in members if column.part == LABEL_PART), first.label)
    parts: dict[str, str] = {}
    for column, value in members:
        if column.part != LABEL_PART:  # Outlook's "Business Street 2" joins its "Business Street"
            parts[column.part] = f"{parts[column.part]}, {value}" if column.part in parts else value
    if field is DetailField.LOCATION:
        place = _place(parts)
        return [ContactDetail(field, place, label)] if place else []
    raw = parts.get("", "")
    if field is DetailField.BIRTHDAY:
        column = next(column for column, _ in members if column.part != LABEL_PART)
        birthday = parse_birthday(raw, day_first=day_first.get(column.index, False))
        return [ContactDetail(field, birthday, label)] if birthday else []
    details = []
    for piece in raw.split(GOOGLE_SEPARATOR):
        value = _clean_value(field, piece)
        if value:
            details.append(ContactDetail(field, value, label))
    return details


def _clean_label(label: str) -> str:
    # Google writes "* Work" for a default label and "Work ::: Mobile" never; custom labels keep their words.
    return " ".join(label.removeprefix("* ").split()).casefold()


def _clean_value(field: DetailField, value: str) -> str:
    value = " ".join(value.split())
    if field is DetailField.EMAIL:
        value = value.removeprefix("mailto:")
        # Outlook writes Exchange addresses ("/o=ExchangeLabs/...") that reach no one outside.
        return value if "@" in value else ""
    return value


def _place(parts: Mapping[str, str]) -> str:
    formatted = parts.get("formatted", "")
    if formatted:
        return ", ".join(line.strip() for line in formatted.splitlines() if line.strip())
    return ", ".join(" ".join(parts[part].split()) for part in ADDRESS_PARTS if parts.get(part))
