"""People → Possible duplicates… and Merge into…: merges from the keyboard, undone like a delete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from netjournal.domain import ContactDetail, DetailField
from netjournal.services import people
from netjournal.services.people import PersonInput
from netjournal.ui.dialogs.duplicates_dialog import DuplicatesDialog
from netjournal.ui.dialogs.merge_into_dialog import MergeIntoDialog
from netjournal.ui.shell.main_window import MainWindow


def names(window: MainWindow) -> list[str]:
    return [p.name for p in people.list_people(window.session.journal)]


def open_duplicates(qtbot, window: MainWindow) -> DuplicatesDialog:
    """Ana Silva (two entries) and A. Silva (none), both at Northwind."""
    people.add_person(
        window.session.journal,
        PersonInput("A. Silva", organisation="Northwind", details=[ContactDetail(DetailField.EMAIL, "ana@nw.example")]),
    )
    menu = window.menuBar().findChild(QMenu, "menuPeople")
    assert menu is None or window.window_actions.possible_duplicates in menu.actions()
    window.window_actions.possible_duplicates.trigger()
    dialog = window.findChild(DuplicatesDialog, "duplicatesDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_the_view_lists_the_pair_keeping_the_one_with_more_entries(qtbot, window: MainWindow) -> None:
    dialog = open_duplicates(qtbot, window)
    assert not dialog.isModal()
    assert dialog.list.topLevelItemCount() == 1
    item = dialog.list.topLevelItem(0)
    assert item is not None
    assert item.text(0).startswith("Ana Silva\nNorthwind · ")
    assert item.text(1) == "A. Silva\nNorthwind · 0 entries"
    assert item.text(2) == "same name but for initials, both at Northwind"
    assert dialog.merge_button.accessibleName() == "Merge A. Silva into Ana Silva"
    assert dialog.summary.text() == "1 pair of people may be one person."


def test_merge_from_the_keyboard_then_ctrl_z_splits_them_again(qtbot, window: MainWindow) -> None:
    dialog = open_duplicates(qtbot, window)
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # activating the pair merges it
    qtbot.waitUntil(lambda: dialog.list.topLevelItemCount() == 0)
    assert sorted(names(window)) == ["Ana Silva", "Lee Park", "Tom Reyes"]
    assert window.undo_notice.label.text() == "Merged A. Silva into Ana Silva."
    assert window.window_actions.undo.text() == "&Undo merge of A. Silva into Ana Silva"
    ana = people.find_person(window.session.journal, "Ana Silva")
    assert ana is not None and window.current_person_id() == ana.id
    assert [d.value for d in people.get_person(window.session.journal, ana.id).details] == ["ana@nw.example"]
    window.window_actions.undo.trigger()
    qtbot.waitUntil(lambda: dialog.list.topLevelItemCount() == 1)
    assert sorted(names(window)) == ["A. Silva", "Ana Silva", "Lee Park", "Tom Reyes"]
    assert window.undo_notice.label.text() == "Ana Silva and A. Silva are two people again."
    assert people.get_person(window.session.journal, ana.id).details == ()


def test_swap_keeps_the_other_one(qtbot, window: MainWindow) -> None:
    dialog = open_duplicates(qtbot, window)
    qtbot.mouseClick(dialog.swap_button, Qt.MouseButton.LeftButton)
    item = dialog.list.topLevelItem(0)
    assert item is not None and item.text(0) == "A. Silva\nNorthwind · 0 entries"
    assert dialog.merge_button.accessibleName() == "Merge Ana Silva into A. Silva"
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "A. Silva" in names(window) and "Ana Silva" not in names(window))
    kept = people.find_person(window.session.journal, "A. Silva")
    assert kept is not None and kept.role == "Series A partner" and kept.cadence_days == 30


def test_not_the_same_sets_the_pair_aside_for_good(qtbot, window: MainWindow) -> None:
    dialog = open_duplicates(qtbot, window)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: dialog.list.topLevelItemCount() == 0)
    assert "No possible duplicates" in dialog.summary.text()
    assert not dialog.merge_button.isEnabled()
    dialog.close()
    qtbot.waitUntil(lambda: window.merges.duplicates is None)
    window.window_actions.possible_duplicates.trigger()
    again = window.merges.duplicates
    assert again is not None and again.list.topLevelItemCount() == 0
    assert len(names(window)) == 4


def test_merge_into_chooses_the_person_kept_by_name(qtbot, window: MainWindow) -> None:
    lee = people.find_person(window.session.journal, "Lee Park")
    assert lee is not None
    window.select_person(lee.id)
    assert window.window_actions.merge_person in window.workspace.contacts.list.actions()
    window.window_actions.merge_person.trigger()
    dialog = window.findChild(MergeIntoDialog, "mergeIntoDialog")
    assert dialog is not None and dialog.windowTitle() == "Merge Lee Park into…"
    assert dialog.field.completer().model().rowCount() == 2  # everyone but Lee
    qtbot.keyClicks(dialog.field, "Tom Reyes")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Lee Park" not in names(window))
    tom = people.find_person(window.session.journal, "Tom Reyes")
    assert tom is not None and window.current_person_id() == tom.id
    assert window.undo_notice.label.text() == "Merged Lee Park into Tom Reyes."
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Lee Park" in names(window))


def test_merge_into_offers_a_namesake_by_organisation_and_number(qtbot, window: MainWindow) -> None:
    """Found in review: a person with the current one's very name was left out of the choices."""
    journal = window.session.journal
    lee = people.find_person(journal, "Lee Park")
    assert lee is not None
    twin = people.add_person(journal, people.PersonInput("Lee Park"))
    window.select_person(lee.id)
    window.window_actions.merge_person.trigger()
    dialog = window.findChild(MergeIntoDialog, "mergeIntoDialog")
    assert dialog is not None
    model = dialog.field.completer().model()
    choices = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert f"Lee Park #{twin}" in choices and "Ana Silva (Northwind)" in choices
    dialog.field.setText(f"Lee Park #{twin}")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: names(window).count("Lee Park") == 1)
    assert window.current_person_id() == twin
