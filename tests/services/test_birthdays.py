"""When a stored birthday comes round and how old it makes the person."""

from __future__ import annotations

import datetime as dt

from netjournal.domain import ContactDetail, DetailField
from netjournal.services.birthdays import birthday_facts, birthday_of


def test_age_and_days_until_the_next_birthday() -> None:
    today = dt.date(2026, 4, 10)
    facts = birthday_facts("1985-04-15", today)
    assert facts is not None and (facts.text, facts.age, facts.days_until, facts.is_soon) == (
        "15 April 1985",
        40,
        5,
        True,
    )
    passed = birthday_facts("1985-04-09", today)
    assert passed is not None and (passed.age, passed.days_until) == (41, 364)
    assert birthday_facts("--04-10", today) == birthday_facts("--04-10", today)
    no_year = birthday_facts("--04-10", today)
    assert no_year is not None and (no_year.text, no_year.age, no_year.days_until) == ("10 April", None, 0)
    assert birthday_facts("--05-30", today).is_soon is False  # type: ignore[union-attr]


def test_the_turn_of_the_year_and_29_february() -> None:
    facts = birthday_facts("--01-03", dt.date(2026, 12, 30))
    assert facts is not None and facts.days_until == 4
    leap = birthday_facts("2000-02-29", dt.date(2027, 2, 20))
    assert leap is not None and (leap.days_until, leap.age) == (8, 26)  # kept on the 28th in 2027
    assert birthday_facts("2030-01-01", dt.date(2026, 1, 1)).age is None  # type: ignore[union-attr]
    assert birthday_facts("not a day", dt.date(2026, 1, 1)) is None


def test_the_first_birthday_among_the_details() -> None:
    details = (
        ContactDetail(DetailField.EMAIL, "ana@northwind.example"),
        ContactDetail(DetailField.BIRTHDAY, "--06-01"),
    )
    facts = birthday_of(details, dt.date(2026, 5, 30))
    assert facts is not None and facts.days_until == 2
    assert birthday_of(details[:1], dt.date(2026, 5, 30)) is None
