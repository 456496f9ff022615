"""A circumstance can be deleted from the relationship panel, after a confirmation."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from netjournal.services import entries, people, relationships
from netjournal.ui.panels.relationship_panel import RelationshipPanel
from netjournal.ui.session import Session
from netjournal.ui.widgets import messages
from netjournal.ui.widgets.common import LinkButton

TODAY = dt.date.today()


def test_deleting_a_circumstance_asks_then_deletes(qtbot, session: Session, monkeypatch) -> None:
    tom = people.find_person(session.journal, "Tom Reyes").id
    entries.add_circumstance(session.journal, tom, "New baby", start_on=TODAY - dt.timedelta(days=60))
    panel = RelationshipPanel(session)
    qtbot.addWidget(panel)
    panel.resize(360, 700)
    panel.show()
    panel.show_person(tom)
    assert panel.findChild(QLabel, "patternHint").text().endswith("softened: New baby")
    [delete] = panel.findChildren(LinkButton, "deleteCircumstance")
    assert delete.accessibleName() == "Delete the circumstance: New baby"
    qtbot.waitUntil(delete.isVisible)

    asked: list[tuple] = []
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: asked.append(a) or False)
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert "New baby" in asked[0][2]
    assert [c.note for c in relationships.circumstances_of(session.journal, tom)] == ["New baby"]

    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    [delete] = panel.findChildren(LinkButton, "deleteCircumstance")
    with qtbot.waitSignal(session.changed):
        qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert relationships.circumstances_of(session.journal, tom) == ()
    qtbot.waitUntil(lambda: not panel.findChildren(LinkButton, "deleteCircumstance"))
    assert not [c for c in panel.findChildren(QLabel, "circumstance") if "New baby" in c.text()]
    assert panel.findChild(QLabel, "patternHint").text() == "Mostly you give"
