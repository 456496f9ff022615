"""Every text field has a length limit, checked before anything is written, with a message naming the field."""

from __future__ import annotations

import pytest

from netjournal.domain import Direction, Kind
from netjournal.services import entries, people, use_cases
from netjournal.services.journal import Journal
from netjournal.services.validation import FIELD_LIMITS, ValidationError
from netjournal.store.models import Exchange, Person


def _too_long(field: str) -> str:
    return "x" * (FIELD_LIMITS[field] + 1)


@pytest.mark.parametrize("field", ["name", "organisation", "role", "how_met", "notes"])
def test_person_fields(journal: Journal, field: str) -> None:
    values = {"name": "Ana Silva", field: _too_long(field)}
    with pytest.raises(ValidationError) as caught:
        people.add_person(journal, people.PersonInput(**values))
    assert caught.value.field == field
    assert f"keep it to {FIELD_LIMITS[field]:,}" in caught.value.message
    assert Person.select().count(journal.db) == 0
    people.add_person(journal, people.PersonInput(**{**values, field: "x" * FIELD_LIMITS[field]}))  # the limit fits


def test_a_million_character_name_is_refused_by_name(journal: Journal) -> None:
    with pytest.raises(ValidationError, match="1,000,000 characters long; keep it to 200") as caught:
        use_cases.log_touchpoint(journal, "A" * 1_000_000, "Hello")
    assert caught.value.field == "person"
    assert Person.select().count(journal.db) == 0


@pytest.mark.parametrize("field", ["summary", "details", "community", "outcome"])
def test_exchange_fields(journal: Journal, field: str) -> None:
    ana = people.add_person(journal, people.PersonInput("Ana Silva"))
    tom = people.add_person(journal, people.PersonInput("Tom Reyes"))
    values: dict[str, object] = {"summary": "Introduced Ana to Tom for the pilot"}
    if field == "community":
        data = entries.ExchangeInput(Direction.GIVEN, Kind.INFORMATION, "Shared the job list", None,
                                     community=_too_long(field))  # fmt: skip
    else:
        values[field] = _too_long(field)
        data = entries.ExchangeInput(Direction.GIVEN, Kind.INTRODUCTION, person_id=ana, second_person_id=tom,
                                     **values)  # type: ignore[arg-type]  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        entries.add_exchange(journal, data)
    assert caught.value.field == field
    assert Exchange.select().count(journal.db) == 0


def test_touchpoint_loop_reflection_and_circumstance_fields(journal: Journal) -> None:
    ana = people.add_person(journal, people.PersonInput("Ana Silva"))
    attempts = {
        "note": lambda: entries.add_touchpoint(journal, ana, _too_long("note")),
        "channel": lambda: entries.add_touchpoint(journal, ana, "Coffee", channel=_too_long("channel")),
        "what": lambda: entries.add_loop(journal, "promised", _too_long("what"), person_id=ana),
        "text": lambda: entries.add_reflection(journal, _too_long("text")),
    }
    for field, attempt in attempts.items():
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert caught.value.field == field
    with pytest.raises(ValidationError) as caught:
        entries.add_circumstance(journal, ana, _too_long("note"))
    assert caught.value.field == "note"
