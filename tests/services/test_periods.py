"""A review's period is read as a person writes it, and anything else is refused with a sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from netjournal.services.periods import Period, PeriodKind, parse_period
from netjournal.services.validation import ValidationError

TODAY = dt.date(2026, 12, 1)
D = dt.date


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "label"),
    [
        ("2026", PeriodKind.YEAR, D(2026, 1, 1), D(2026, 12, 31), "2026"),
        (" 2024 ", PeriodKind.YEAR, D(2024, 1, 1), D(2024, 12, 31), "2024"),
        ("2026-Q1", PeriodKind.QUARTER, D(2026, 1, 1), D(2026, 3, 31), "2026-Q1"),
        ("2026-Q3", PeriodKind.QUARTER, D(2026, 7, 1), D(2026, 9, 30), "2026-Q3"),
        ("2025-q4", PeriodKind.QUARTER, D(2025, 10, 1), D(2025, 12, 31), "2025-Q4"),
        ("2026-03", PeriodKind.MONTH, D(2026, 3, 1), D(2026, 3, 31), "2026-03"),
        ("2024-2", PeriodKind.MONTH, D(2024, 2, 1), D(2024, 2, 29), "2024-02"),
        ("2026-01-01..2026-06-30", PeriodKind.DAYS, D(2026, 1, 1), D(2026, 6, 30), "2026-01-01..2026-06-30"),
        ("2026-05-04 .. 2026-05-04", PeriodKind.DAYS, D(2026, 5, 4), D(2026, 5, 4), "2026-05-04..2026-05-04"),
        # The current period is reviewed so far, even though it ends later.
        ("2026-Q4", PeriodKind.QUARTER, D(2026, 10, 1), D(2026, 12, 31), "2026-Q4"),
        ("2026-11-15..2027-01-15", PeriodKind.DAYS, D(2026, 11, 15), D(2027, 1, 15), "2026-11-15..2027-01-15"),
    ],
)
def test_every_form_parses(text: str, kind: PeriodKind, start: dt.date, end: dt.date, label: str) -> None:
    period = parse_period(text, TODAY)
    assert (period.kind, period.start, period.end, period.label) == (kind, start, end, label)
    assert period.days == (end - start).days + 1
    assert parse_period(period.label, TODAY) == period  # the label reads back as the same period


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "Say which period"),
        ("   ", "Say which period"),
        ("last year", "is not a period"),
        ("26", "is not a period"),
        ("0000", "too long ago"),
        ("0026-Q1", "too long ago"),
        ("1899-12", "too long ago"),
        ("2026-Q5", "no Q5"),
        ("2026-Q0", "no Q0"),
        ("2026-13", "no month 13"),
        ("2026-00", "no month 00"),
        ("2027", "has not begun yet"),
        ("2027-01", "has not begun yet"),
        ("2026-12-02..2026-12-09", "has not begun yet"),
        ("2026-06-30..2026-01-01", "ends (2026-01-01) before it starts (2026-06-30)"),
        ("2026-02-30..2026-03-31", "not a day of the calendar"),
        ("2026-01-01..", "is not a period"),
        ("2026-1-1..2026-2-1", "write it as YYYY-MM-DD"),
        ("1900-01-01..2026-01-01", "longer than a hundred years"),
        ("0000-01-01..2026-01-01", "not a day of the calendar"),
    ],
)
def test_bad_periods_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(ValidationError) as raised:
        parse_period(text, TODAY)
    assert raised.value.field == "period"
    assert words in raised.value.message
    assert raised.value.message.endswith(".")


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("2026", "2025"),
        ("2024", "2023"),
        ("2026-Q1", "2025-Q4"),
        ("2026-Q3", "2026-Q2"),
        ("2026-01", "2025-12"),
        ("2024-03", "2024-02"),
        ("2026-01-01..2026-06-30", "2025-07-04..2025-12-31"),  # 181 days, ending the day before
        ("2024-03-01..2024-03-31", "2024-01-30..2024-02-29"),  # across a leap day
        ("2026-05-04..2026-05-04", "2026-05-03..2026-05-03"),
    ],
)
def test_previous_is_the_same_length_just_before(text: str, previous: str) -> None:
    period = parse_period(text, TODAY)
    before = period.previous()
    assert before.label == previous
    assert before.kind is period.kind
    assert before.end == period.start - dt.timedelta(days=1)
    if period.kind is PeriodKind.DAYS:
        assert before.days == period.days


def test_previous_month_lengths_follow_the_calendar() -> None:
    march = parse_period("2026-03", TODAY)
    assert march.previous() == Period(PeriodKind.MONTH, D(2026, 2, 1), D(2026, 2, 28))
    assert march.previous().previous() == Period(PeriodKind.MONTH, D(2026, 1, 1), D(2026, 1, 31))


def test_titles_read_as_words() -> None:
    assert parse_period("2026-Q3", TODAY).title == "Q3 2026 (July\u2013September)"
    assert parse_period("2026-03", TODAY).title == "March 2026"
    assert parse_period("2026", TODAY).title == "2026"
    assert parse_period("2026-01-01..2026-06-30", TODAY).title == "1 January 2026 \u2013 30 June 2026"
