"""LinkedIn's Connections.csv: one row per connection, after a "Notes:" preamble.

Since 2020 the export starts with a few lines of notes before the header
line; a reader that takes the first line as the header finds no name column
and imports nothing.  The header is searched for in the first lines, and a
file without one is an error, never "0 imported".  Columns are found by name
because older exports spell them differently and lack the URL column.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from netjournal.domain import ContactDetail, DetailField
from netjournal.imports.contacts import ImportedContact, ImportFileError, ParsedContacts, SkippedEntry
from netjournal.imports.csv_dates import parse_date, slashes_are_day_first
from netjournal.imports.csv_records import CsvRecord, clean_cell, normalise_header, read_records
from netjournal.imports.text_file import read_text_file

FORMAT = "linkedin"
PROFILE_LABEL = "LinkedIn"
# The preamble is four lines today; a little room for LinkedIn adding a few.
HEADER_SEARCH_RECORDS = 20

# Each field and the header spellings that exports have used for it (compared normalised).
_COLUMNS: dict[str, tuple[str, ...]] = {
    "first_name": ("first name",),
    "last_name": ("last name",),
    "url": ("url", "profile url", "public profile url", "linkedin url"),
    "email": ("email address", "email", "emails"),
    "organisation": ("company", "organization", "organisation", "company name"),
    "role": ("position", "title", "job title"),
    "connected_on": ("connected on", "connected"),
}
_SPELLINGS = {spelling: field for field, spellings in _COLUMNS.items() for spelling in spellings}


def read_linkedin(path: Path) -> ParsedContacts:
    """Every connection in a LinkedIn Connections.csv; raises ``ImportFileError`` if it is not one."""
    file_text = read_text_file(path)
    if not file_text.text.strip():
        raise ImportFileError(f"{path} is empty; there are no connections in it.")
    records = read_records(file_text.text, path)
    header = _find_header(path, records)
    columns = _column_positions(header.fields)
    rows = [record for record in records if not record.is_blank]
    if not rows:
        raise ImportFileError(
            f"There are no connections in {path}: it has the column names on line {header.line} but no rows after them."
        )
    day_first = slashes_are_day_first(_cell(row.fields, columns, "connected_on") for row in rows)
    parsed = ParsedContacts(path=path, format=FORMAT, encoding=file_text.encoding)
    for row in rows:
        contact = _contact(row, columns, day_first=day_first)
        if isinstance(contact, SkippedEntry):
            parsed.skipped.append(contact)
        else:
            parsed.contacts.append(contact)
    return parsed


def _find_header(path: Path, records: Iterator[CsvRecord]) -> CsvRecord:
    for _ in range(HEADER_SEARCH_RECORDS):
        record = next(records, None)
        if record is None:
            break
        names = {normalise_header(field) for field in record.fields}
        if "first name" in names and "last name" in names:
            return record
    raise ImportFileError(
        f"{path} does not look like LinkedIn's Connections.csv: none of its first {HEADER_SEARCH_RECORDS} lines "
        'is a header with "First Name" and "Last Name" columns. Export your connections again from LinkedIn '
        "(Settings, Data privacy, Get a copy of your data), or import the file as a generic CSV file."
    )


def _column_positions(header: Sequence[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        field = _SPELLINGS.get(normalise_header(name))
        if field is not None:
            positions.setdefault(field, index)  # the first of two same-named columns wins
    return positions


def _cell(fields: Sequence[str], columns: Mapping[str, int], field: str) -> str:
    index = columns.get(field)
    # A short row (a truncated line) has no value for its missing columns; extra fields are ignored.
    return clean_cell(fields[index]) if index is not None and index < len(fields) else ""


def _contact(row: CsvRecord, columns: Mapping[str, int], *, day_first: bool) -> ImportedContact | SkippedEntry:
    source = f"line {row.line}"
    name = " ".join(f"{_cell(row.fields, columns, 'first_name')} {_cell(row.fields, columns, 'last_name')}".split())
    organisation = _cell(row.fields, columns, "organisation")
    email = _cell(row.fields, columns, "email")
    url = _cell(row.fields, columns, "url")
    if not name:
        known = ", ".join(value for value in (organisation, email, url) if value)
        what = f" (only {known})" if known else ""
        return SkippedEntry(source, f"Line {row.line} has no first or last name{what}, so it was skipped.")
    details: list[ContactDetail] = []
    if email:
        details.append(ContactDetail(DetailField.EMAIL, email))
    if url:
        details.append(ContactDetail(DetailField.WEB, url, PROFILE_LABEL))
    return ImportedContact(
        source=source,
        name=name,
        organisation=" ".join(organisation.split()),
        role=" ".join(_cell(row.fields, columns, "role").split()),
        met_on=parse_date(_cell(row.fields, columns, "connected_on"), day_first=day_first),
        details=tuple(details),
    )
