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


def required_text(field: str, value: str | None, label: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, f"{label} cannot be empty.")
    return text


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
