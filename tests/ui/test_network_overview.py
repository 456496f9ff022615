"""The network overview shows the owner's own asking pattern, with links to the people."""

from __future__ import annotations

import datetime as dt

from netjournal.services import entries, people
from netjournal.services.network import asking_ties
from netjournal.ui.panels.relationship_panel import RelationshipPanel
from netjournal.ui.widgets.common import LinkButton


def _ask_three_times(journal, name: str) -> int:
    pid = people.add_person(journal, people.PersonInput(name))
    for days in (30, 20, 10):
        entries.add_exchange(
            journal,
            entries.ExchangeInput(
                "received", "advice", f"{name} reviewed my pitch, round {days}", pid,
                date=dt.date.today() - dt.timedelta(days=days),
            ),
        )  # fmt: skip
    return pid


def test_asking_ties_names_people_where_the_owner_mostly_takes(journal) -> None:
    pid = _ask_three_times(journal, "Rosa Diaz")
    ties = asking_ties(journal)
    assert [(t.person_id, t.name, t.asks, t.offers) for t in ties] == [(pid, "Rosa Diaz", 3, 0)]
    entries.add_touchpoint(journal, pid, "Sent Rosa the conference notes")
    entries.add_exchange(journal, entries.ExchangeInput("given", "information", "Told Rosa about the grant", pid))
    assert asking_ties(journal) == []  # 3 asks, 2 offers: no longer mostly asks


def test_overview_lists_them_and_opens_one(qtbot, session) -> None:
    pid = _ask_three_times(session.journal, "Rosa Diaz")
    panel = RelationshipPanel(session)
    qtbot.addWidget(panel)
    panel.show_person(None)
    links = [b for b in panel.findChildren(LinkButton) if b.objectName() == "askingTie"]
    assert len(links) == 1 and "Rosa Diaz" in links[0].text() and "3 asks" in links[0].text()
    with qtbot.waitSignal(panel.personRequested) as opened:
        links[0].click()
    assert opened.args == [pid]
    session.detach()
    assert not any("Rosa" in b.text() for b in panel.findChildren(LinkButton))
