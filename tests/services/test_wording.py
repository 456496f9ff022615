"""Counts read as words: "1 day ago" is "yesterday", one pair is "1 pair", never "1 days" or "1 pairs"."""

from __future__ import annotations

import datetime as dt

from netjournal.cli.render import relationship_text
from netjournal.services import entries, people
from netjournal.services.journal import Journal
from netjournal.services.relationships import relationship
from netjournal.services.rules import ExchangeInput
from netjournal.wording import days, days_ago, plural

TODAY = dt.date(2026, 11, 20)


def test_wording_counts_one_as_one() -> None:
    assert (days(1), days(2), days(1234)) == ("1 day", "2 days", "1,234 days")
    assert (days_ago(0), days_ago(1), days_ago(2)) == ("today", "yesterday", "2 days ago")
    assert plural(1, "1 pair", "{0} pairs") == "1 pair"


def test_show_says_one_day_and_one_pair(journal: Journal) -> None:
    ana = people.add_person(journal, people.PersonInput("Ana Silva", cadence_days=1))
    gift = entries.add_exchange(
        journal,
        ExchangeInput(
            "given", "advice", "Reviewed Ana's board deck, slide by slide", ana, TODAY - dt.timedelta(days=3)
        ),
    )
    entries.add_exchange(
        journal,
        ExchangeInput(
            "received",
            "referral",
            "Ana referred me to Fieldmark",
            ana,
            TODAY - dt.timedelta(days=2),
            reciprocates_id=gift,
        ),
    )
    yesterday_after = TODAY - dt.timedelta(days=1)  # a day after the last entry
    text = relationship_text(relationship(journal, ana, today=yesterday_after), [], yesterday_after)

    assert "(yesterday)" in text
    assert "Keep in touch every 1 day: on track" in text
    assert "median 1 day over 1 pair" in text
    assert " 1 days" not in text and "1 pairs" not in text
