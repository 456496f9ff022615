"""A person's contact details: checked, stored in order, compared the way an import matches them."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence

from netjournal.domain import ContactDetail, DetailField
from netjournal.services.journal import Journal
from netjournal.services.validation import ValidationError
from netjournal.store.models import ContactDetailRow

MAX_VALUE = 500
MAX_LABEL = 60
MAX_DETAILS = 200  # per person: far more than any address book holds

# One @, something on each side, and none of the characters that would turn a mailto: link into
# more than an address (a "?attach=…" query, a second recipient, markup).
_EMAIL = re.compile(r"[^\s@?&#%<>,;:\"'()\[\]\\]+@[^\s@?&#%<>,;:\"'()\[\]\\]+")
_BIRTHDAY = re.compile(r"(?:(\d{4})|-)-(\d{2})-(\d{2})")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
FIELD_LABELS: dict[DetailField, str] = {
    DetailField.EMAIL: "Email",
    DetailField.PHONE: "Phone",
    DetailField.WEB: "Web",
    DetailField.LOCATION: "Location",
    DetailField.BIRTHDAY: "Birthday",
}


def parse_birthday(text: str) -> str:
    """``YYYY-MM-DD`` or ``--MM-DD`` (no year) from what a person types; ``ValueError`` when it is no day."""
    value = text.strip()
    if re.fullmatch(r"\d{1,2}-\d{1,2}", value):  # "4-15": month and day
        value = "--" + "-".join(part.zfill(2) for part in value.split("-"))
    found = _BIRTHDAY.fullmatch(value)
    if not found:
        raise ValueError(value)
    year, month, day = found.groups()
    # A no-year birthday is checked against a leap year, so 29 February is allowed.
    dt.date(int(year or 2000), int(month), int(day))
    return value


def birthday_text(value: str) -> str:
    """A birthday as a person reads it: "15 April 1985", or "15 April" without a year."""
    found = _BIRTHDAY.fullmatch(value)
    if not found:
        return value
    year, month, day = found.groups()
    words = f"{int(day)} {calendar.month_name[int(month)]}"
    return f"{words} {year}" if year else words


def display_value(detail: ContactDetail) -> str:
    return birthday_text(detail.value) if detail.field is DetailField.BIRTHDAY else detail.value


# Query parameters that only say where a link was clicked: the same page without them is the same address.
_TRACKING = re.compile(r"^(utm_[a-z]+|trk|trkinfo|lipi|originalsubdomain|fbclid|gclid|ref|ref_src)$", re.IGNORECASE)
# Profile sites whose addresses ignore the case of their path (linkedin.com/in/Ana is linkedin.com/in/ana).
_CASELESS_PATHS = ("linkedin.com",)


def _web_key(value: str) -> str:
    """Scheme, ``www.``, a trailing slash, tracking parameters and the host's case do not tell two pages apart;
    the path, the rest of the query and a ``#/`` route do (two Facebook ``?id=`` profiles are two people)."""
    bare = _SCHEME.sub("", value)
    rest = bare.split("#", 1)
    fragment = rest[1] if len(rest) > 1 and rest[1].startswith("/") else ""
    address, _, query = rest[0].partition("?")
    host, _, path = address.partition("/")
    host = host.casefold().removeprefix("www.")
    path = path.rstrip("/")
    if host.endswith(_CASELESS_PATHS):
        path = path.casefold()
    kept = [part for part in query.split("&") if part and not _TRACKING.match(part.split("=", 1)[0])]
    key = host + (("/" + path) if path else "")
    if kept:
        key += "?" + "&".join(sorted(kept))
    if fragment:
        key += "#" + fragment
    return key


def match_key(detail: ContactDetail) -> str:
    """The value as two records are compared (see ``_web_key`` for web addresses)."""
    value = detail.value.strip()
    if detail.field is DetailField.EMAIL:
        return value.removeprefix("mailto:").casefold()
    if detail.field is DetailField.WEB:
        return _web_key(value)
    if detail.field is DetailField.PHONE:
        number = re.split(r"(?i)\s*(?:ext\.?|x|#)\s*(?=\d)", value, maxsplit=1)
        digits = "".join(c for c in number[0] if c.isdigit())
        extension = "".join(c for c in number[1] if c.isdigit()) if len(number) > 1 else ""
        return ("+" if value.startswith("+") else "") + digits + (f";ext={extension}" if extension else "")
    return " ".join(value.casefold().split())


def validated_details(details: Iterable[ContactDetail]) -> list[ContactDetail]:
    """Details as they will be stored: trimmed, empty ones dropped, repeats removed, each checked."""
    kept = checked_details(details)
    if len(kept) > MAX_DETAILS:
        raise ValidationError("details", f"A person can have at most {MAX_DETAILS} contact details.")
    return kept


def checked_details(details: Iterable[ContactDetail]) -> list[ContactDetail]:
    """``validated_details`` without the limit on how many (an import keeps the first ones instead)."""
    kept: list[ContactDetail] = []
    seen: set[tuple[DetailField, str]] = set()
    for detail in details:
        field = DetailField(detail.field)
        value = " ".join(detail.value.split())
        label = " ".join(detail.label.split())
        if not value:
            continue
        name = FIELD_LABELS[field]
        if len(value) > MAX_VALUE:
            raise ValidationError("details", f"{name} “{value[:40]}…” is too long; keep it to {MAX_VALUE} characters.")
        if len(label) > MAX_LABEL:
            raise ValidationError("details", f"The label “{label[:40]}…” is too long; keep it to {MAX_LABEL}.")
        if field is DetailField.EMAIL:
            value = value.removeprefix("mailto:")
            if not _EMAIL.fullmatch(value):
                raise ValidationError("details", f"“{value}” is not an email address.")
        if field is DetailField.BIRTHDAY:
            try:
                value = parse_birthday(value)
            except ValueError:
                raise ValidationError(
                    "details", f"“{value}” is not a birthday; write it as YYYY-MM-DD, or --MM-DD without a year."
                ) from None
        candidate = ContactDetail(field, value, label)
        key = (field, match_key(candidate))
        if key not in seen:
            seen.add(key)
            kept.append(candidate)
    return kept


def _detail(field: str, value: str, label: str) -> ContactDetail:
    return ContactDetail(DetailField(field), value, label)


def details_of(journal: Journal, person_id: int) -> tuple[ContactDetail, ...]:
    rows = journal.sql(
        "SELECT field, value, label FROM contact_detail WHERE person_id = ? ORDER BY position, id", (person_id,)
    )
    return tuple(_detail(*row) for row in rows)


def details_of_people(journal: Journal, person_ids: Collection[int]) -> dict[int, tuple[ContactDetail, ...]]:
    """Details of several people in one query per 500 (a brief or an export of many people)."""
    found: dict[int, list[ContactDetail]] = {}
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = journal.sql(
            "SELECT person_id, field, value, label FROM contact_detail "
            f"WHERE person_id IN ({','.join('?' * len(chunk))}) ORDER BY person_id, position, id",
            chunk,
        )
        for person_id, field, value, label in rows:
            found.setdefault(person_id, []).append(_detail(field, value, label))
    return {person_id: tuple(details) for person_id, details in found.items()}


def store_details(journal: Journal, person_id: int, details: Sequence[ContactDetail]) -> bool:
    """Make the person's details exactly ``details`` (already validated); call inside ``journal.write``.

    A detail that stays keeps its row and identity (only its label or place
    changes), so another copy of the journal sees an edit, not a delete and
    an add.  Returns whether anything changed.
    """
    existing = journal.sql(
        "SELECT id, field, value, label, position FROM contact_detail WHERE person_id = ? ORDER BY position, id",
        (person_id,),
    ).fetchall()
    by_key = {(field, match_key(_detail(field, value, label))): (row_id, value, label, position)
              for row_id, field, value, label, position in existing}  # fmt: skip
    changed = False
    for position, detail in enumerate(details):
        key = (detail.field.value, match_key(detail))
        held = by_key.pop(key, None)
        if held is None:
            journal.insert(
                ContactDetailRow,
                {"person": person_id, "field": detail.field.value, "value": detail.value, "label": detail.label,
                 "position": position},
            )  # fmt: skip
            changed = True
        elif (held[1], held[2], held[3]) != (detail.value, detail.label, position):
            journal.update(
                ContactDetailRow, held[0], {"value": detail.value, "label": detail.label, "position": position}
            )
            changed = True
    for row_id, *_ in by_key.values():
        journal.delete(ContactDetailRow, row_id)
        changed = True
    return changed
