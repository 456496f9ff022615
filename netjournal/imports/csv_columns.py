"""Which column of a contacts CSV holds what: Google's and Outlook's headers, common spreadsheet ones, and the user's.

A column's meaning is a field (one of ``FIELD_NAMES``) plus, for the details
that several columns make together, a group and a part: Google's
"E-mail 1 - Label" and "E-mail 1 - Value" are the label and value of group
"email 1"; Outlook's "Business Street" and "Business City" are parts of one
work address.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from netjournal.imports.contacts import ImportFileError
from netjournal.imports.csv_records import normalise_header

FIELD_NAMES: tuple[str, ...] = (
    "name",
    "first_name",
    "middle_name",
    "last_name",
    "organisation",
    "role",
    "notes",
    "tags",
    "email",
    "phone",
    "web",
    "location",
    "birthday",
    "met_on",
    "ignore",
)
NAME_FIELDS = frozenset({"name", "first_name", "middle_name", "last_name"})
LABEL_PART = "label"  # the part of a group that holds its label, not a value
# The order an address's parts are written in when there is no ready-formatted address.
ADDRESS_PARTS = ("street", "extended address", "po box", "city", "region", "postal code", "country")


@dataclass(frozen=True, slots=True)
class Column:
    """What one column holds."""

    index: int
    header: str
    field: str
    label: str = ""  # the label the header itself implies: Outlook's "Mobile Phone" is "mobile"
    group: str = ""  # columns with the same group make one detail (value and label, or an address's parts)
    part: str = ""  # "label", an address part, or "" for the value itself


@dataclass(frozen=True, slots=True)
class _Meaning:
    field: str
    label: str = ""
    group: str = ""
    part: str = ""


def _plain(field: str, *headers: str, label: str = "") -> dict[str, _Meaning]:
    return dict.fromkeys(headers, _Meaning(field, label))


_PLAIN: dict[str, _Meaning] = {
    **_plain("name", "name", "full name", "display name", "contact name", "contact"),
    **_plain("first_name", "first name", "given name", "firstname", "forename", "first"),
    **_plain("middle_name", "middle name", "additional name", "middle"),
    **_plain("last_name", "last name", "family name", "surname", "lastname", "last"),
    **_plain("organisation", "company", "organization", "organisation", "organization name", "company name"),
    **_plain("organisation", "employer"),
    **_plain("role", "job title", "position", "role", "organization title", "occupation"),
    **_plain("notes", "notes", "note", "comments", "comment"),
    **_plain("tags", "categories", "category", "labels", "group membership", "tags", "tag", "groups", "group"),
    **_plain("email", "email", "email address", "emails", "mail", "email 2 address", "email 3 address"),
    **_plain("email", "work email", label="work"),
    **_plain("email", "home email", label="home"),
    **_plain("email", "personal email", label="personal"),
    **_plain("phone", "phone", "telephone", "phone number", "tel"),
    **_plain("phone", "mobile", "mobile phone", "cell", "cell phone", "mobile number", label="mobile"),
    **_plain("phone", "business phone", "business phone 2", "company main phone", "work phone", label="work"),
    **_plain("phone", "home phone", "home phone 2", label="home"),
    **_plain("phone", "other phone", label="other"),
    **_plain("phone", "primary phone", label="main"),
    **_plain("phone", "business fax", label="work fax"),
    **_plain("phone", "home fax", label="home fax"),
    **_plain("phone", "other fax", label="fax"),
    **_plain("phone", "pager", label="pager"),
    **_plain("phone", "car phone", label="car"),
    **_plain("phone", "assistant's phone", label="assistant"),
    **_plain("web", "web page", "website", "web site", "web", "url", "homepage", "home page"),
    **_plain("web", "personal web page", label="personal"),
    **_plain("web", "linkedin", "linkedin url", "linkedin profile", label="LinkedIn"),
    **_plain("birthday", "birthday", "date of birth", "birth date", "dob"),
    **_plain("met_on", "met on", "date met", "first met", "connected on"),
}
# Spreadsheet columns that are parts of one place.
_LOCATION_PARTS = {
    "location": "formatted",
    "address": "formatted",
    "city": "city",
    "town": "city",
    "country": "country",
}
# Google: "E-mail 1 - Value", "Phone 2 - Label", "Address 1 - City", "Organization 1 - Title".
_GOOGLE_NUMBERED = re.compile(r"(email|phone|website|address|organization) (\d+) - (.+)")
_GOOGLE_FIELDS = {"email": "email", "phone": "phone", "website": "web", "address": "location"}
_GOOGLE_ADDRESS_PARTS = {
    "formatted": "formatted",
    "street": "street",
    "extended address": "extended address",
    "po box": "po box",
    "city": "city",
    "region": "region",
    "postal code": "postal code",
    "country": "country",
}
# Outlook: "Business Street", "Home City", "Other Country/Region".
_OUTLOOK_ADDRESS = re.compile(
    r"(business|home|other) (street|street 2|street 3|city|state|postal code|country/region|po box)"
)
_OUTLOOK_ADDRESS_LABELS = {"business": "work", "home": "home", "other": "other"}
_OUTLOOK_ADDRESS_PARTS = {"state": "region", "country/region": "country", "street 2": "street", "street 3": "street"}


class NoNameColumnError(ImportFileError):
    """No column of the file gives a name: the window asks which one does, the command line says ``--map``."""

    def __init__(self, message: str, headers: Sequence[str]) -> None:
        super().__init__(message)
        self.headers = tuple(headers)


def _meaning(header: str) -> _Meaning | None:
    name = normalise_header(header)
    if name in _PLAIN:
        return _PLAIN[name]
    if name in _LOCATION_PARTS:
        return _Meaning("location", group="location", part=_LOCATION_PARTS[name])
    if match := _GOOGLE_NUMBERED.fullmatch(name):
        kind, number, part = match.groups()
        group = f"{kind} {number}"
        if kind == "organization":
            return {"name": _Meaning("organisation"), "title": _Meaning("role")}.get(part)
        if part in ("label", "type"):
            return _Meaning(_GOOGLE_FIELDS[kind], group=group, part=LABEL_PART)
        if kind == "address":
            address_part = _GOOGLE_ADDRESS_PARTS.get(part)
            return _Meaning("location", group=group, part=address_part) if address_part else None
        return _Meaning(_GOOGLE_FIELDS[kind], group=group) if part == "value" else None
    if match := _OUTLOOK_ADDRESS.fullmatch(name):
        where, part = match.groups()
        label = _OUTLOOK_ADDRESS_LABELS[where]
        return _Meaning("location", label, f"{where} address", _OUTLOOK_ADDRESS_PARTS.get(part, part))
    return None


def _automatic(headers: Sequence[str]) -> list[Column]:
    meanings = [_meaning(header) for header in headers]
    # "Title" is a job title in a spreadsheet, but Outlook's "Title" next to its "Job Title" is "Mr." or "Dr.".
    has_role = any(meaning is not None and meaning.field == "role" for meaning in meanings)
    columns: list[Column] = []
    for index, (header, meaning) in enumerate(zip(headers, meanings, strict=True)):
        if meaning is None and normalise_header(header) == "title" and not has_role:
            meaning = _Meaning("role")
        if meaning is not None:
            group = meaning.group or f"column {index}"
            columns.append(Column(index, header, meaning.field, meaning.label, group, meaning.part))
    return columns


def known_columns(headers: Sequence[str]) -> dict[str, str]:
    """The columns this importer recognises, header to field; a label column counts as its detail's field."""
    return {column.header: column.field for column in _automatic(headers)}


def plan_columns(headers: Sequence[str], mapping: Mapping[str, str], path: Path) -> list[Column]:
    """The recognised columns with the user's ``mapping`` (column to field) applied over them."""
    by_name = {normalise_header(header): index for index, header in reversed(list(enumerate(headers)))}
    chosen: dict[int, str] = {}
    for column, field in mapping.items():
        wanted = field.strip().casefold()
        if wanted not in FIELD_NAMES:
            raise ImportFileError(
                f'There is no field "{field}" to put the column "{column}" in; the fields are {", ".join(FIELD_NAMES)}.'
            )
        index = by_name.get(normalise_header(column))
        if index is None:
            raise ImportFileError(
                f'{path} has no column "{column}" (given for {wanted}); its columns are {_quoted(headers)}.'
            )
        chosen[index] = wanted
    columns = [column for column in _automatic(headers) if column.index not in chosen]
    for index, field in chosen.items():
        if field != "ignore":
            part = "formatted" if field == "location" else ""
            columns.append(Column(index, headers[index], field, group=f"column {index}", part=part))
    columns.sort(key=lambda column: column.index)
    if not any(column.field in NAME_FIELDS for column in columns):
        raise NoNameColumnError(
            f"None of the columns of {path} holds names: its columns are {_quoted(headers)}. "
            'Say which column holds the names, for example --map "Full name=name" '
            "(or first_name and last_name for two columns).",
            headers,
        )
    return columns


def _quoted(headers: Sequence[str]) -> str:
    shown = [f'"{header}"' for header in headers[:30]]
    more = f" and {len(headers) - 30:,} more" if len(headers) > 30 else ""
    return ", ".join(shown) + more
