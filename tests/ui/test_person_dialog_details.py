"""Contact details in the person dialog, on a real encrypted journal: added, reordered, removed, refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from netjournal.domain import ContactDetail, DetailField
from netjournal.services import people
from netjournal.services.journal import Journal
from netjournal.ui.dialogs.details_editor import DetailRow
from netjournal.ui.dialogs.person_dialog import PersonDialog

ANA, TOM, LEE = 1, 2, 3  # ids in the seeded journal
EMAIL, PHONE, BIRTHDAY = DetailField.EMAIL, DetailField.PHONE, DetailField.BIRTHDAY


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def shown(qtbot, dialog: QDialog) -> PersonDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: (widget := QApplication.focusWidget()) is not None and widget.window() is dialog)
    assert isinstance(dialog, PersonDialog)
    return dialog


def uuids(journal: Journal, person_id: int) -> dict[str, str]:
    return dict(journal.sql("SELECT value, uuid FROM contact_detail WHERE person_id = ?", (person_id,)).fetchall())


def fill(row: DetailRow, field: DetailField, value: str, label: str = "") -> None:
    row.kind.setCurrentIndex(row.kind.findData(field))
    row.value.setText(value)
    row.label.setEditText(label)


@pytest.fixture
def ana_with_details(session) -> list[ContactDetail]:
    given = [ContactDetail(EMAIL, "ana@northwind.example", "work"), ContactDetail(PHONE, "+351 912 345 678", "mobile")]
    people.update_person(session.journal, ANA, people.PersonInput("Ana Silva", organisation="Northwind", details=given))
    return given


def test_the_dialog_lists_the_details_with_names_that_say_which(qtbot, session, ana_with_details):
    dialog = shown(qtbot, PersonDialog(session, person_id=ANA))
    rows = dialog.details_editor.rows
    assert [row.detail() for row in rows] == ana_with_details
    assert rows[0].value.accessibleName() == "Email 1 value"
    assert rows[1].value.accessibleName() == "Phone 1 value"
    assert rows[1].remove.accessibleName() == "Remove Phone 1"
    assert rows[0].label.findText("home") >= 0  # suggestions for an email's label


def test_add_reorder_remove_and_save_keeps_the_identities_of_what_stays(qtbot, session, ana_with_details):
    before = uuids(session.journal, ANA)
    dialog = shown(qtbot, PersonDialog(session, person_id=ANA))
    editor = dialog.details_editor
    fill(editor.add_row(), EMAIL, "ana.silva@mail.example", "home")
    fill(editor.add_row(), EMAIL, "ana@harbor.example")
    fill(editor.add_row(), BIRTHDAY, "04-15")
    assert [row.value.accessibleName() for row in editor.rows] == [
        "Email 1 value", "Phone 1 value", "Email 2 value", "Email 3 value", "Birthday 1 value",
    ]  # fmt: skip
    editor.move_row(editor.rows[4], -1)  # the birthday up, above the third email
    editor.rows[0].up.click()  # nothing above the first: stays
    editor.rows[1].down.click()  # the phone below the home email
    editor.remove_row(editor.rows[4])  # the third email (now last)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.save_button.click()
    assert people.get_person(session.journal, ANA).details == (
        ContactDetail(EMAIL, "ana@northwind.example", "work"),
        ContactDetail(EMAIL, "ana.silva@mail.example", "home"),
        ContactDetail(PHONE, "+351 912 345 678", "mobile"),
        ContactDetail(BIRTHDAY, "--04-15"),
    )
    after = uuids(session.journal, ANA)
    assert after["ana@northwind.example"] == before["ana@northwind.example"]
    assert after["+351 912 345 678"] == before["+351 912 345 678"]
    assert "ana@harbor.example" not in after


@pytest.mark.parametrize(
    ("field", "value", "sentence"),
    [(EMAIL, "ana at northwind", "is not an email address"), (BIRTHDAY, "15 April", "is not a birthday")],
)
def test_a_bad_detail_is_explained_under_its_row_and_nothing_is_saved(
    qtbot, session, ana_with_details, field, value, sentence
):
    before = people.get_person(session.journal, ANA)
    dialog = shown(qtbot, PersonDialog(session, person_id=ANA))
    dialog.organisation_field.setText("Harbor Capital")
    bad = dialog.details_editor.add_row()
    fill(bad, field, value)
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.saved_id is None
    assert bad.error.isVisible() and sentence in bad.error.text() and value in bad.error.text()
    assert bad.value.property("invalid") is True and sentence in bad.value.accessibleDescription()
    assert focused() is bad.value
    assert not dialog.error_label.isVisible()  # said once, where the mistake is
    assert not dialog.details_editor.rows[0].error.isVisible()
    assert people.get_person(session.journal, ANA) == before
    bad.value.setText("ana@harbor.example" if field is EMAIL else "1985-04-15")  # fixing it clears the mark
    assert not bad.error.isVisible() and not bad.value.property("invalid")


def test_a_detail_is_added_with_the_keyboard_alone(qtbot, session):
    dialog = shown(qtbot, PersonDialog(session))
    qtbot.keyClicks(focused(), "Mira Chen")
    qtbot.keyClick(focused(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # A&dd contact detail
    qtbot.waitUntil(lambda: len(dialog.details_editor.rows) == 1)  # a mnemonic animates the click
    row = dialog.details_editor.rows[0]
    assert focused() is row.kind and row.field is EMAIL
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is row.value
    qtbot.keyClicks(focused(), "mira@harbor.example")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() in (row.label, row.label.lineEdit())
    qtbot.keyClicks(focused(), "work")
    qtbot.keyClick(focused(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(dialog.details_editor.rows) == 2)
    second = dialog.details_editor.rows[1]
    assert focused() is second.kind and second.field is PHONE  # the next kind not listed yet
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "+1 555-0142")
    qtbot.keyClick(focused(), Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # the phone first
    assert dialog.details_editor.rows[0] is second and focused() is second.value
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # phone label
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # remove phone
    assert focused() is second.remove
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is row.kind  # on to the email row below
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(row.value, Qt.Key.Key_Return)
    assert dialog.saved_id is not None
    assert people.get_person(session.journal, dialog.saved_id).details == (
        ContactDetail(PHONE, "+1 555-0142"),
        ContactDetail(EMAIL, "mira@harbor.example", "work"),
    )


def test_many_details_scroll_and_the_dialog_fits_a_small_screen(qtbot, session):
    details = [ContactDetail(EMAIL, f"ana{n}@northwind.example") for n in range(12)]
    people.update_person(session.journal, ANA, people.PersonInput("Ana Silva", details=details))
    dialog = shown(qtbot, PersonDialog(session, person_id=ANA))
    dialog.archived_field.setFocus()
    assert dialog.sizeHint().height() <= 700 and dialog.sizeHint().width() <= 1024
    assert dialog.details_editor.scroll_area.verticalScrollBar().maximum() > 0
    dialog.details_editor.rows[-2].remove.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # Tab into a row below the fold scrolls it into view
    assert focused() is dialog.details_editor.rows[-1].kind
    assert dialog.details_editor.scroll_area.verticalScrollBar().value() > 0


def test_a_dialog_that_never_touched_the_details_keeps_them(qtbot, session, ana_with_details):
    before = uuids(session.journal, ANA)
    dialog = shown(qtbot, PersonDialog(session, person_id=ANA))
    dialog.role_field.setText("Partner")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.save_button.click()
    assert people.get_person(session.journal, ANA).details == tuple(ana_with_details)
    assert uuids(session.journal, ANA) == before
