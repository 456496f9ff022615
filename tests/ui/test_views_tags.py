"""The Tags view: every tag with its count; Enter filters the contact list by the tag."""

from __future__ import annotations

from PySide6.QtCore import Qt
from views_support import focused, press_view_key, texts

from netjournal.services import people


def test_ctrl_8_lists_tags_and_enter_filters_the_contact_list(qtbot, window) -> None:
    journal = window.session.journal
    lee = people.find_person(journal, "Lee Park")
    assert lee is not None
    people.update_person(journal, lee.id, people.PersonInput("Lee Park", tags=["hiring", "Lisbon"]))
    press_view_key(qtbot, window, 8)
    view = window.views.tags
    assert window.workspace.centre.currentWidget() is view and focused() is view.table
    assert texts(view.table) == [["hiring", "2 people"], ["Lisbon", "1 person"]]
    assert view.caption.text() == "2 tags, most used first. Enter shows the people with the selected tag."

    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    contacts = window.workspace.contacts
    assert contacts.filter.text() == "Lisbon"
    assert focused() is contacts.list
    model = contacts.list.model()
    qtbot.waitUntil(lambda: model.rowCount() == 1)  # the list takes in Lee's new tags first
    assert "Lee Park" in model.index(0, 0).data()


def test_a_journal_without_tags_says_so(qtbot, window) -> None:
    journal = window.session.journal
    tom = people.find_person(journal, "Tom Reyes")
    assert tom is not None
    people.update_person(journal, tom.id, people.PersonInput("Tom Reyes"))
    press_view_key(qtbot, window, 8)
    assert window.views.tags.table.topLevelItemCount() == 0
    assert window.views.tags.caption.text().startswith("Nobody has a tag yet")
