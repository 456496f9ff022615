"""Introductions between others in the window: kept from the keyboard, listed, shown, edited, deleted, undone."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit
from views_support import focused, press_view_key, texts

from netjournal.domain import BrokeredEntry, EntryType
from netjournal.services import deletions, people
from netjournal.services.brokered_introductions import BrokeredInput, add_brokered, get_brokered
from netjournal.services.introductions import introductions
from netjournal.services.timeline import full_timeline
from netjournal.ui.dialogs.brokered_dialog import BrokeredDialog
from netjournal.ui.panels.entry_detail import entry_html
from netjournal.ui.panels.timeline_view import icon_name, meta_text
from netjournal.ui.widgets import messages


def _ids(window) -> tuple[int, int, int]:
    journal = window.session.journal
    found = [people.find_person(journal, name) for name in ("Ana Silva", "Lee Park", "Tom Reyes")]
    assert all(found)
    return tuple(p.id for p in found)  # type: ignore[return-value, union-attr]


def _type(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def test_n_in_the_introductions_view_keeps_one_typed_from_the_keyboard(qtbot, window) -> None:
    press_view_key(qtbot, window, 7)
    view = window.views.introductions
    qtbot.waitUntil(lambda: focused() is view.table)
    qtbot.keyClick(view.table, Qt.Key.Key_N)
    dialog = window.findChild(BrokeredDialog, "brokeredDialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: focused() is dialog.broker_field)
    _type(qtbot, "Ana Silva")
    qtbot.keyClick(focused(), Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    assert focused() is dialog.first_field
    _type(qtbot, "Lee Park")
    qtbot.keyClick(focused(), Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    _type(qtbot, "Priya Natarajan")  # nobody yet: added on save, and said so before
    assert dialog.findChild(QLabel, "secondMatch").text().startswith("New person")
    qtbot.keyClick(focused(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    _type(qtbot, "for Priya's search for a head of design")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    rows = texts(view.table)
    assert rows[0][1:] == ["Ana Silva introduced Lee Park to Priya Natarajan", "—"]
    assert "1 between others" in view.caption.text()
    qtbot.waitUntil(lambda: focused() is view.table)
    # Enter asks what came of it and keeps the answer with it.
    view.table.setCurrentItem(view.table.topLevelItem(0))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    asked = window.findChild(QInputDialog, "outcomeDialog")
    field = asked.findChild(QLineEdit, "outcomeField")
    qtbot.waitUntil(lambda: focused() is field)
    assert "Ana Silva introduced Lee Park to Priya Natarajan" in asked.labelText()
    _type(qtbot, "Priya hired Lee")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: texts(view.table)[0][2] == "Priya hired Lee")
    priya = people.find_person(window.session.journal, "Priya Natarajan")
    assert priya is not None
    (entry,) = full_timeline(window.session.journal, priya.id)
    assert isinstance(entry, BrokeredEntry) and entry.outcome == "Priya hired Lee"


def test_n_works_on_an_empty_list_and_the_caption_says_so(qtbot, window) -> None:
    journal = window.session.journal
    for intro in introductions(journal).introductions:
        deletions.delete_entry(journal, EntryType.EXCHANGE, intro.id)
    press_view_key(qtbot, window, 7)
    view = window.views.introductions
    assert view.table.topLevelItemCount() == 0 and "press N" in view.caption.text()
    qtbot.keyClick(view.table, Qt.Key.Key_N)
    dialog = window.findChild(BrokeredDialog, "brokeredDialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: focused() is dialog.broker_field)  # nobody is prefilled on this page
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_same_person_twice_is_refused_in_the_dialog_and_nothing_is_written(qtbot, window) -> None:
    ana, _lee, _tom = _ids(window)
    window.select_person(ana)
    window.window_actions.note_brokered.trigger()
    dialog = window.findChild(BrokeredDialog, "brokeredDialog")
    assert dialog.broker_field.text() == "Ana Silva"  # the person shown made it, most likely
    qtbot.waitUntil(lambda: focused() is dialog.first_field)
    _type(qtbot, "Lee Park")
    dialog.second_field.setFocus()
    _type(qtbot, "Lee Park")
    dialog.summary_field.setFocus()
    _type(qtbot, "to compare notes")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.second_field.property("invalid") is True
    assert "two different people" in dialog.error_label.text()
    assert window.session.journal.sql("SELECT count(*) FROM brokered_introduction").fetchone() == (0,)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)


def test_on_the_timeline_it_reads_as_who_introduced_whom_and_ctrl_e_edits_it(qtbot, window) -> None:
    ana, lee, tom = _ids(window)
    row = add_brokered(
        window.session.journal, BrokeredInput(ana, lee, tom, "for Tom's hiring", date=dt.date.today(), outcome="")
    )
    window.select_person(lee)
    timeline = window.workspace.timeline
    qtbot.waitUntil(lambda: timeline.list.select_entry(EntryType.BROKERED_INTRODUCTION, row))
    entry = timeline.list.current_entry()
    assert isinstance(entry, BrokeredEntry)
    assert icon_name(entry) == "introduction"
    assert meta_text(entry, dt.date.today(), lee) == (
        "Between others · Ana Silva introduced Lee Park to Tom Reyes",
        False,
    )
    assert "Ana Silva introduced Lee Park to Tom Reyes" in entry_html(entry, dt.date.today(), entry.outcome)
    timeline.list.setFocus()
    qtbot.keyClick(timeline.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(BrokeredDialog, "brokeredDialog")
    assert dialog is not None and dialog.row_id == row
    qtbot.waitUntil(lambda: focused() is dialog.summary_field)
    dialog.summary_field.selectAll()
    _type(qtbot, "for Tom's data-platform hire")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert get_brokered(window.session.journal, row).summary == "for Tom's data-platform hire"


def test_delete_in_the_view_deletes_the_chosen_introduction_and_ctrl_z_brings_it_back(
    qtbot, window, monkeypatch
) -> None:
    ana, lee, tom = _ids(window)
    journal = window.session.journal
    row = add_brokered(journal, BrokeredInput(ana, lee, tom, "for Tom's hiring", date=dt.date.today()))
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _parent, _title, text, **_k: asked.append(text) or True)
    press_view_key(qtbot, window, 7)
    view = window.views.introductions
    qtbot.waitUntil(lambda: focused() is view.table)
    view.table.setCurrentItem(view.table.topLevelItem(0))
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert asked and "for Tom's hiring" in asked[0]
    assert journal.sql("SELECT count(*) FROM brokered_introduction").fetchone() == (0,)
    qtbot.waitUntil(lambda: "between others" in view.caption.text() and "0 between others" in view.caption.text())
    window.window_actions.undo.trigger()
    assert get_brokered(journal, row).summary == "for Tom's hiring"


def test_ctrl_e_on_a_view_page_edits_the_entry_chosen_there_not_one_out_of_sight(qtbot, window) -> None:
    press_view_key(qtbot, window, 7)
    view = window.views.introductions
    qtbot.waitUntil(lambda: focused() is view.table)
    chosen = view.current_entry()
    assert chosen is not None and chosen.type is EntryType.EXCHANGE
    assert window.current_entry() == chosen
    press_view_key(qtbot, window, 6)  # Overdue lists people, not entries: nothing to edit there
    assert window.current_entry() is None


def test_the_prompts_tab_follows_introductions_between_others(qtbot, window) -> None:
    ana, lee, tom = _ids(window)
    prompts = window.workspace.prompts
    before = len(prompts.cards())
    row = add_brokered(
        window.session.journal,
        BrokeredInput(ana, lee, tom, "for Tom's hiring", date=dt.date.today() - dt.timedelta(days=60)),
    )
    qtbot.waitUntil(lambda: len(prompts.cards()) == before + 1)
    deletions.delete_entry(window.session.journal, EntryType.BROKERED_INTRODUCTION, row)
    qtbot.waitUntil(lambda: len(prompts.cards()) == before)


def test_namesakes_in_two_places_each_stay_themselves_when_only_the_outcome_is_edited(qtbot, window) -> None:
    journal = window.session.journal
    ana, _lee, _tom = _ids(window)
    first = people.add_person(journal, people.PersonInput("Sam Lee", organisation="Fieldmark"))
    second = people.add_person(journal, people.PersonInput("Sam Lee", organisation="Northwind"))
    row = add_brokered(journal, BrokeredInput(ana, first, second, "two Sams, one problem", date=dt.date.today()))
    window.entries.edit_entry(get_brokered(journal, row))
    dialog = window.findChild(BrokeredDialog, "brokeredDialog")
    dialog.outcome_field.setText("they now share an office")
    qtbot.keyClick(dialog.outcome_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    entry = get_brokered(journal, row)
    assert (entry.first_person_id, entry.second_person_id, entry.outcome) == (first, second, "they now share an office")


def test_an_introduction_whose_person_was_deleted_can_still_be_edited(qtbot, window) -> None:
    journal = window.session.journal
    ana, lee, tom = _ids(window)
    row = add_brokered(journal, BrokeredInput(ana, lee, tom, "for Tom's hirng", date=dt.date.today()))
    deletions.delete_person(journal, tom)
    window.entries.edit_entry(get_brokered(journal, row))
    dialog = window.findChild(BrokeredDialog, "brokeredDialog")
    assert dialog.second_field.text() == "" and "deleted" in dialog.second_field.placeholderText()
    dialog.summary_field.setText("for Tom's hiring")
    qtbot.keyClick(dialog.summary_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    entry = get_brokered(journal, row)
    assert (entry.summary, entry.second_person_id, entry.first_person_id) == ("for Tom's hiring", None, lee)
