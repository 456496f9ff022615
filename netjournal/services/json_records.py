"""What each record of a netjournal JSON export holds (docs/json-format.md), and how each value is checked.

One ``Section`` per list of the document: its fields in the order of the
table's columns, what each value must be, and which list a reference names.
A check returns ``None`` for a right value, else what the value should be, for
the sentence that refuses the file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from netjournal.domain import DetailField, Direction, Kind, LoopKind
from netjournal.services.contact_details import MAX_LABEL, MAX_VALUE, parse_birthday
from netjournal.services.people import MAX_CADENCE_DAYS
from netjournal.services.validation import FIELD_LIMITS
from netjournal.store.tables import TRACKED_TABLES

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

Check = Callable[[object], str | None]  # None when the value is right, else what it should be


def _text(limit: int | None = None, *, required: bool = False) -> Check:
    def check(value: object) -> str | None:
        if type(value) is not str:
            return "text"
        if required and not value.strip():
            return "text that is not empty"
        if limit is not None and len(value) > limit:
            return f"text of at most {limit:,} characters"
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate escaped as \\udxxx
                return "text without broken characters"
        return None

    return check


def _limited(key: str, *, required: bool = False) -> Check:
    return _text(FIELD_LIMITS[key], required=required)


def _pattern(regex: re.Pattern[str], what: str, *, optional: bool = False) -> Check:
    def check(value: object) -> str | None:
        if value is None and optional:
            return None
        if type(value) is not str or not regex.fullmatch(value):
            return what + (" or null" if optional else "")
        return None

    return check


def _day(*, optional: bool = False) -> Check:
    shape = _pattern(_DAY, "a date (YYYY-MM-DD)", optional=optional)

    def check(value: object) -> str | None:
        wrong = shape(value)
        if wrong is None and value is not None:
            try:
                dt.date.fromisoformat(str(value))
            except ValueError:
                return "a date that exists" + (" or null" if optional else "")
        return wrong

    return check


def _number(low: int, high: int | None = None, *, optional: bool = False) -> Check:
    what = f"a whole number from {low} to {high}" if high is not None else f"a whole number of at least {low}"
    what += " or null" if optional else ""

    def check(value: object) -> str | None:
        if value is None and optional:
            return None
        if type(value) is not int or value < low or (high is not None and value > high):
            return what
        return None

    return check


def _one_of(values: tuple[str, ...]) -> Check:
    allowed = frozenset(values)
    what = "one of " + ", ".join(values)
    return lambda value: None if type(value) is str and value in allowed else what


def _tags(value: object) -> str | None:
    # Stored as one comma-separated text: a tag must not hold a comma or be blank to come back the same.
    if type(value) is not list or not all(type(t) is str and t.strip() == t and t and "," not in t for t in value):
        return "a list of tags, each without commas or surrounding spaces"
    return _limited("tags")(", ".join(value))


def _boolean(value: object) -> str | None:
    return None if type(value) is bool else "true or false"


def _optional_text(value: object) -> str | None:
    return None if value is None else _text()(value)


UUID_CHECK = _pattern(_UUID, "a UUID in lower case")
STAMP_CHECK = _pattern(_STAMP, "a time such as 2026-12-01T08:29:47.358Z")


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    check: Check
    column: str = ""  # the table's column, when not named as the key
    refers_to: str = ""  # the list whose record this UUID names
    optional_reference: bool = False

    @property
    def column_name(self) -> str:
        return self.column or self.key


def _reference(key: str, section: str, *, optional: bool = False) -> Field:
    return Field(key, _pattern(_UUID, "a UUID", optional=optional), f"{key}_id", section, optional)


def _birthday_is_a_day(record: Mapping[str, Any]) -> str | None:
    if record["field"] != DetailField.BIRTHDAY:
        return None
    try:
        parse_birthday(record["value"])
    except ValueError:
        return f"has a birthday {json.dumps(record['value'])} that is not YYYY-MM-DD or --MM-DD"
    return None


_BROKERED_PEOPLE = ("broker", "first_person", "second_person")


def _three_different_people(record: Mapping[str, Any]) -> str | None:
    """A broker introduces two others: nobody is named twice (the two introduced may be cleared, null)."""
    named = [(key, record[key]) for key in _BROKERED_PEOPLE if record[key] is not None]
    for index, (key, person) in enumerate(named):
        for other, again in named[index + 1 :]:
            if again == person:
                return f'names one person twice ("{key}" and "{other}" are both "{person}")'
    return None


@dataclass(frozen=True, slots=True)
class Section:
    """One list of the document: its records' fields and the table they go into."""

    key: str
    record: str  # one record, as messages name it
    table: str
    fields: tuple[Field, ...]
    identified: bool = True  # uuid, created_at, updated_at (all but tombstones)
    unique: tuple[str, ...] = ("uuid",)  # what no two records may share
    referred_to: bool = False  # rows keep their place in the list as their id, for references to them
    record_check: Callable[[Mapping[str, Any]], str | None] | None = None

    @property
    def keys(self) -> frozenset[str]:
        identity = ("uuid", "created_at", "updated_at") if self.identified else ()
        return frozenset((*identity, *(f.key for f in self.fields)))


_NOTE = _limited("note")
SECTIONS: tuple[Section, ...] = (
    Section("people", "person", "person", (
        Field("name", _limited("name", required=True)), Field("organisation", _limited("organisation")),
        Field("role", _limited("role")), Field("how_met", _limited("how_met")), Field("notes", _limited("notes")),
        Field("tags", _tags), Field("cadence_days", _number(1, MAX_CADENCE_DAYS, optional=True)),
        Field("archived", _boolean),
    ), referred_to=True),
    Section("contact_details", "contact detail", "contact_detail", (
        _reference("person", "people"), Field("field", _one_of(tuple(DetailField))),
        Field("value", _text(MAX_VALUE, required=True)), Field("label", _text(MAX_LABEL)),
        Field("position", _number(0)),
    ), record_check=_birthday_is_a_day),
    Section("exchanges", "exchange", "exchange", (
        Field("date", _day()), Field("direction", _one_of(tuple(Direction))), Field("kind", _one_of(tuple(Kind))),
        Field("summary", _limited("summary", required=True)), Field("details", _limited("details")),
        Field("significance", _number(1, 5)), _reference("person", "people", optional=True),
        _reference("second_person", "people", optional=True), Field("community", _limited("community")),
        _reference("reciprocates", "exchanges", optional=True), Field("outcome", _limited("outcome")),
    ), referred_to=True),
    Section("touchpoints", "touchpoint", "touchpoint", (
        Field("date", _day()), _reference("person", "people"), Field("channel", _limited("channel")),
        Field("note", _NOTE),
    )),
    Section("loops", "loop", "open_loop", (
        Field("loop_kind", _one_of(tuple(LoopKind))), _reference("person", "people", optional=True),
        Field("what", _limited("what", required=True)), Field("opened_on", _day()),
        Field("due_on", _day(optional=True)), Field("done_on", _day(optional=True)),
    )),
    Section("reflections", "reflection", "reflection", (
        Field("date", _day()), Field("text", _limited("text", required=True)), Field("prompt_id", _optional_text),
        Field("prompt_text", _limited("prompt_text")), _reference("person", "people", optional=True),
    )),
    Section("circumstances", "circumstance", "circumstance", (
        _reference("person", "people"), Field("note", _limited("note", required=True)),
        Field("start_on", _day()), Field("end_on", _day(optional=True)),
    )),
    Section("prompt_states", "prompt state", "prompt_state", (
        Field("prompt_key", _text(required=True)), Field("snoozed_until", _day(optional=True)),
        Field("dismissed_on", _day(optional=True)), Field("answered_on", _day(optional=True)),
    ), unique=("uuid", "prompt_key")),
    Section("brokered_introductions", "introduction between others", "brokered_introduction", (
        Field("date", _day()), _reference("broker", "people"), _reference("first_person", "people", optional=True),
        _reference("second_person", "people", optional=True), Field("summary", _limited("summary", required=True)),
        Field("outcome", _limited("outcome")),
    ), record_check=_three_different_people),
    Section("entry_history", "history entry", "entry_history", (
        Field("entity", _one_of(tuple(TRACKED_TABLES.values()))), Field("row_uuid", UUID_CHECK),
        Field("version_updated_at", STAMP_CHECK), Field("content_hash", _text(64, required=True)),
        Field("values_json", _text(required=True)), Field("superseded_at", STAMP_CHECK),
        Field("reason", _text(40, required=True)),
    )),
    Section("deleted", "tombstone", "tombstone", (
        Field("entity", _one_of(tuple(TRACKED_TABLES.values()))), Field("uuid", UUID_CHECK),
        Field("deleted_at", STAMP_CHECK),
    ), identified=False, unique=("entity uuid",)),
)  # fmt: skip
SECTION_KEYS = tuple(s.key for s in SECTIONS)
