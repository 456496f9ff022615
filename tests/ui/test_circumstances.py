"""A circumstance can be deleted from the relationship panel, after a confirmation, and brought back."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from netjournal.services import entries, people, relationships
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.widgets import messages
from netjournal.ui.widgets.common import LinkButton

TODAY = dt.date.today()


def test_deleting_a_circumstance_asks_then_deletes_and_can_be_undone(qtbot, window: MainWindow, monkeypatch) -> None:
    journal = window.session.journal
    tom = people.find_person(journal, "Tom Reyes").id
    entries.add_circumstance(journal, tom, "New baby", start_on=TODAY - dt.timedelta(days=60))
    window.workspace.select_person(tom)
    panel = window.workspace.relationship
    qtbot.waitUntil(lambda: panel.findChild(QLabel, "patternHint").text().endswith("softened: New baby"))
    [delete] = panel.findChildren(LinkButton, "deleteCircumstance")
    assert delete.accessibleName() == "Delete the circumstance: New baby"
    qtbot.waitUntil(delete.isVisible)

    asked: list[tuple] = []
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: asked.append(a) or False)
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert asked[0][2] == "Delete the circumstance “New baby”?\n\nYou can undo this until you close the journal."
    assert [c.note for c in relationships.circumstances_of(journal, tom)] == ["New baby"]

    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)
    with qtbot.waitSignal(window.session.changed):
        qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert relationships.circumstances_of(journal, tom) == ()
    qtbot.waitUntil(lambda: not panel.findChildren(LinkButton, "deleteCircumstance"))
    assert not [c for c in panel.findChildren(QLabel, "circumstance") if "New baby" in c.text()]
    assert panel.findChild(QLabel, "patternHint").text() == "Mostly you give"
    assert window.undo_notice.label.text() == "Deleted the circumstance “New baby”."

    with qtbot.waitSignal(window.session.changed):
        qtbot.mouseClick(window.undo_notice.button, Qt.MouseButton.LeftButton)
    assert [c.note for c in relationships.circumstances_of(journal, tom)] == ["New baby"]
    qtbot.waitUntil(lambda: panel.findChild(QLabel, "patternHint").text().endswith("softened: New baby"))
