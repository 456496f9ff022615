"""The contact filter: people whose name fits come first, nobody found is said in a sentence, archived is marked."""

from __future__ import annotations

from PySide6.QtCore import Qt

from netjournal.services import people
from netjournal.services.journal import Journal
from netjournal.ui.panels.contacts import ContactsPane
from netjournal.ui.session import Session

# 22 people at Fieldmark whose names sort before "Mariko".
FIELDMARK = [
    f"{first} Fieldworker" for first in ("Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kit")
]
FIELDMARK += [f"{first} Lund" for first in ("Abe", "Bo", "Cy", "Di", "Ed", "Flo", "Gil", "Hal", "Ida", "Joe", "Kai")]


def _pane(qtbot, session: Session) -> ContactsPane:
    pane = ContactsPane(session)
    qtbot.addWidget(pane)
    pane.reload()
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def _names(pane: ContactsPane) -> list[str]:
    return [pane.model.person_at(row).name for row in range(pane.model.rowCount())]


def test_name_matches_rank_above_organisation_matches(qtbot, session: Session, seeded_journal: Journal) -> None:
    for name in (*FIELDMARK, "Mariko Tanaka", "Marta Kowalska", "Martina Rossi", "Omar Haddad"):
        people.add_person(seeded_journal, people.PersonInput(name, organisation="Fieldmark"))
    pane = _pane(qtbot, session)

    pane.filter.setFocus()
    qtbot.keyClicks(pane.filter, "mar")

    found = _names(pane)
    assert found[:3] == ["Mariko Tanaka", "Marta Kowalska", "Martina Rossi"]
    # A name with "mar" inside a word (Omar) still comes before the organisation-only matches.
    assert found[3] == "Omar Haddad"
    assert len(found) == 26
    # Enter opens the best match, not the first person at Fieldmark.
    with qtbot.waitSignal(pane.personSelected) as chosen:
        qtbot.keyClick(pane.filter, Qt.Key.Key_Return)
    assert people.person_name(seeded_journal, chosen.args[0]) == "Mariko Tanaka"


def test_a_filter_that_finds_nobody_says_so(qtbot, session: Session) -> None:
    pane = _pane(qtbot, session)
    assert pane.list.empty_text == ""
    pane.activateWindow()
    pane.filter.setFocus()
    qtbot.waitUntil(pane.filter.hasFocus)

    qtbot.keyClicks(pane.filter, "zebra")

    assert pane.model.rowCount() == 0
    assert pane.list.isVisible()  # in place, saying why it is empty
    assert pane.list.empty_text.startswith("Nobody matches \u201czebra\u201d")
    assert pane.list.accessibleDescription() == pane.list.empty_text
    qtbot.keyClick(pane.filter, Qt.Key.Key_Down)  # nothing to move into: the filter keeps the keys
    assert pane.filter.hasFocus()

    pane.filter.clear()
    assert pane.list.empty_text == ""


def test_only_archived_people_match_says_where_they_are(qtbot, session: Session, seeded_journal: Journal) -> None:
    lee = people.find_person(seeded_journal, "Lee Park")
    assert lee is not None
    people.set_archived(seeded_journal, lee.id, True)
    pane = _pane(qtbot, session)

    qtbot.keyClicks(pane.filter, "lee")

    assert "tick Archived" in pane.list.empty_text
    pane.archived.click()
    assert _names(pane) == ["Lee Park"]
    assert pane.model.describe(pane.model.person_at(0)).endswith("archived")
