"""Typed validation errors that name the field at fault."""

from __future__ import annotations

import datetime as dt

from netjournal.store.errors import JournalError


class ValidationError(JournalError):
    """Input that cannot be saved; nothing was written.

    ``field`` names the input at fault (e.g. "summary") so a form can mark it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class AmbiguousPersonError(ValidationError):
    def __init__(self, name: str, candidates: list[str]) -> None:
        listed = "; ".join(candidates)
        super().__init__("person", f"\u201c{name}\u201d matches more than one person: {listed}. Be more specific.")
        self.candidates = candidates


class NotFoundError(JournalError):
    pass


# The longest text each field takes, in characters. Far beyond what anyone
# writes there by hand, and short enough that no view has to cope with more
# (a name of a million characters once brought the window down).
FIELD_LIMITS: dict[str, int] = {
    "name": 200,
    "organisation": 200,
    "role": 200,
    "how_met": 2_000,
    "tags": 2_000,
    "notes": 100_000,
    "summary": 2_000,
    "details": 100_000,
    "community": 200,
    "outcome": 2_000,
    "note": 2_000,
    "channel": 100,
    "what": 2_000,
    "text": 100_000,
    "prompt_text": 2_000,
}


def limited(field: str, value: str, label: str) -> str:
    """``value`` if it fits ``field``'s limit; else a ``ValidationError`` saying how long it may be."""
    limit = FIELD_LIMITS[field]
    if len(value) > limit:
        raise ValidationError(field, f"{label} is {len(value):,} characters long; keep it to {limit:,}.")
    return value


def required_text(field: str, value: str | None, label: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, f"{label} cannot be empty.")
    return limited(field, text, label) if field in FIELD_LIMITS else text


def optional_text(field: str, value: str | None, label: str) -> str:
    return limited(field, (value or "").strip(), label)


def parse_date(field: str, value: dt.date | str | None, *, default: dt.date | None = None) -> dt.date:
    if value is None or value == "":
        if default is None:
            raise ValidationError(field, "A date is required.")
        return default
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(field, f"\u201c{value}\u201d is not a date; write it as YYYY-MM-DD.") from None


def optional_date(field: str, value: dt.date | str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    return parse_date(field, value)
