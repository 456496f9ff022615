"""The window counts in words ("1 person", "yesterday", "1 match") and marks archived people where they show."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from netjournal.services import entries, people
from netjournal.services.journal import Journal
from netjournal.services.stats import JournalCounts
from netjournal.ui.models.contact_model import ContactListModel
from netjournal.ui.panels.relationship_panel import RelationshipPanel
from netjournal.ui.panels.search_panel import SearchPanel
from netjournal.ui.session import Session
from netjournal.ui.shell.status_text import journal_summary


def test_the_status_bar_counts_one_as_one() -> None:
    assert journal_summary("mine.netjournal", JournalCounts(1, 1, 1, 1)) == (
        "mine.netjournal · 1 person · 1 exchange · 1 touchpoint · 1 open loop"
    )
    assert journal_summary("mine.netjournal", JournalCounts(2, 1200, 0, 3)) == (
        "mine.netjournal · 2 people · 1,200 exchanges · 0 touchpoints · 3 open loops"
    )


def test_a_person_contacted_yesterday_is_described_so(qtbot, session: Session, seeded_journal: Journal) -> None:
    lee = people.find_person(seeded_journal, "Lee Park")
    assert lee is not None
    entries.add_touchpoint(seeded_journal, lee.id, "Quick call", date=dt.date.today() - dt.timedelta(days=1))
    people.update_person(seeded_journal, lee.id, people.PersonInput("Lee Park", cadence_days=1))
    model = ContactListModel()
    model.load(people.list_people(seeded_journal, only=[lee.id]))

    described = model.describe(model.person_at(0))

    assert "last entry yesterday" in described
    assert "1 days" not in described


def test_one_search_hit_is_one_match(qtbot, session: Session) -> None:
    panel = SearchPanel(session)
    qtbot.addWidget(panel)
    qtbot.keyClicks(panel.box, "Lisbon")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    qtbot.waitUntil(lambda: panel.summary.text().startswith("1 match."))


def test_an_archived_person_is_marked_in_their_panel(qtbot, session: Session, seeded_journal: Journal) -> None:
    tom = people.find_person(seeded_journal, "Tom Reyes")
    assert tom is not None
    people.set_archived(seeded_journal, tom.id, True)
    panel = RelationshipPanel(session)
    qtbot.addWidget(panel)

    panel.show_person(tom.id)

    assert panel.findChild(QLabel, "relationshipSubtitle").text() == "Archived · Fernhill Labs"


def test_the_overview_counts_one_offer_as_one(qtbot, session: Session, seeded_journal: Journal) -> None:
    from netjournal.ui.widgets.common import LinkButton

    rosa = people.add_person(seeded_journal, people.PersonInput("Rosa Diaz"))
    for days in (40, 30, 20, 10):
        summary = f"Rosa reviewed my pitch, round {days}"
        when = dt.date.today() - dt.timedelta(days=days)
        entries.add_exchange(seeded_journal, entries.ExchangeInput("received", "advice", summary, rosa, date=when))
    entries.add_exchange(
        seeded_journal, entries.ExchangeInput("given", "information", "Told Rosa about the grant", rosa)
    )
    panel = RelationshipPanel(session)
    qtbot.addWidget(panel)

    panel.show_person(None)

    links = [b.text() for b in panel.findChildren(LinkButton) if b.objectName() == "askingTie"]
    assert "Rosa Diaz — 4 asks, 1 offer" in links
