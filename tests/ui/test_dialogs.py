"""Entry dialogs on a real encrypted journal, driven the way a person drives them: by keyboard."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from netjournal.domain import Direction, Entity, EntryType, ExchangeEntry, Kind
from netjournal.services import deletions, people, records
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.services.journal import Journal
from netjournal.services.relationships import circumstances_of, relationship
from netjournal.services.timeline import timeline_page
from netjournal.store.models import Exchange, Person, Reflection
from netjournal.ui.dialogs.entry_dialogs import (
    CircumstanceDialog,
    LoopDialog,
    ReflectionDialog,
    TouchpointDialog,
)
from netjournal.ui.dialogs.exchange_dialog import ExchangeDialog
from netjournal.ui.dialogs.person_dialog import PersonDialog
from netjournal.ui.session import Session

TODAY = dt.date.today()
ANA, TOM, LEE = 1, 2, 3  # ids in the seeded journal


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog)
    return dialog


def exchange_entry(journal: Journal, exchange_id: int | None) -> ExchangeEntry:
    return next(e for e in timeline_page(journal, limit=1000) if isinstance(e, ExchangeEntry) and e.id == exchange_id)


def counts(journal: Journal) -> tuple[int, int]:
    return Person.select().count(journal.db), Exchange.select().count(journal.db)


def score_of(label: QLabel) -> int:
    match = re.search(r"Specificity (\d+)/100", label.text())
    assert match, label.text()
    return int(match.group(1))


@pytest.fixture
def changes(session: Session) -> list[JournalChange]:
    received: list[JournalChange] = []
    session.changed.connect(received.append)
    return received


# -- exchange dialog ---------------------------------------------------------------


def test_exchange_dialog_names_its_widgets(qtbot, session):
    dialog = ExchangeDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "exchangeDialog"
    for name in (
        "directionGiven",
        "directionReceived",
        "personField",
        "kindField",
        "dateField",
        "summaryField",
        "specificityHint",
        "detailsField",
        "significanceField",
        "reciprocatesField",
        "secondPersonField",
        "networkField",
        "communityField",
        "outcomeField",
        "saveButton",
        "errorLabel",
    ):
        widget = dialog.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
    assert dialog.given_radio.isChecked()
    assert dialog.significance_field.value() == 3
    assert dialog.date_field.date() == dialog.date_field.maximumDate()
    assert dialog.save_button.isDefault()
    assert dialog.details_field.tabChangesFocus()


def test_log_an_exchange_with_the_keyboard_alone(qtbot, session, changes):
    dialog = shown(qtbot, ExchangeDialog(session))
    assert focused() is dialog.person_field

    type_text(qtbot, "lee")  # a unique prefix: resolves to Lee Park
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.network_field
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.kind_field
    type_text(qtbot, "f")  # type-ahead picks Feedback
    assert dialog.kind is Kind.FEEDBACK
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Up)
    assert dialog.kind is Kind.FEEDBACK
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.date_field
    press(qtbot, Qt.Key.Key_Tab)  # one Tab leaves the date, not three
    assert focused() is dialog.summary_field
    type_text(qtbot, "Reviewed Lee's conference talk slides ahead of the Lisbon keynote")

    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    entry = exchange_entry(session.journal, dialog.saved_id)
    assert entry.person_id == LEE
    assert entry.kind == Kind.FEEDBACK
    assert entry.direction is Direction.GIVEN
    assert entry.significance == 3
    assert entry.date == TODAY
    assert relationship(session.journal, LEE).ledger  # the relationship reads it back
    assert [(c.entity, c.action, c.ids) for c in changes] == [(Entity.EXCHANGE, ChangeAction.ADDED, (dialog.saved_id,))]


def test_direction_switches_with_arrow_keys_and_escape_cancels(qtbot, session, changes):
    dialog = shown(qtbot, ExchangeDialog(session))
    before = counts(session.journal)
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is dialog.given_radio
    press(qtbot, Qt.Key.Key_Right)
    assert dialog.received_radio.isChecked()
    assert dialog.direction is Direction.RECEIVED
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        press(qtbot, Qt.Key.Key_Escape)
    assert dialog.saved_id is None
    assert counts(session.journal) == before
    assert changes == []


def test_specificity_hint_updates_while_typing(qtbot, session):
    dialog = shown(qtbot, ExchangeDialog(session))
    hint = dialog.specificity_hint
    dialog.summary_field.setFocus()
    type_text(qtbot, "helped with stuff")
    vague = score_of(hint)
    assert vague < 40
    assert "Name the person" in hint.text()
    assert "helped with" in hint.text()  # the vague words are named
    assert hint.accessibleDescription() == hint.text()
    assert "How the score is reached" in hint.toolTip()

    dialog.summary_field.clear()
    type_text(qtbot, "Introduced Ana Silva to Tom Reyes because he was hiring a CTO; they met on 12 May")
    assert score_of(hint) > vague
    assert score_of(hint) >= 40
    assert "Name the person" not in hint.text()


def test_empty_summary_keeps_the_dialog_open_and_creates_nobody(qtbot, session, changes):
    dialog = shown(qtbot, ExchangeDialog(session))
    before = counts(session.journal)
    type_text(qtbot, "Priya Natarajan")  # not in the journal yet
    dialog.summary_field.setFocus()
    press(qtbot, Qt.Key.Key_Return)

    assert dialog.isVisible()
    assert dialog.saved_id is None
    assert dialog.summary_field.property("invalid") is True
    assert focused() is dialog.summary_field
    assert dialog.error_label.isVisible()
    assert "summary" in dialog.error_label.text().lower()
    assert counts(session.journal) == before
    assert people.find_person(session.journal, "Priya Natarajan") is None
    assert changes == []

    type_text(qtbot, "Sent Priya the Series A term sheet template for her seed round")
    assert not dialog.summary_field.property("invalid")
    assert not dialog.error_label.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)
    assert counts(session.journal) == (before[0] + 1, before[1] + 1)
    assert exchange_entry(session.journal, dialog.saved_id).person_name == "Priya Natarajan"


def test_an_exchange_names_a_person_or_the_network(qtbot, session, changes):
    dialog = shown(qtbot, ExchangeDialog(session))
    before = counts(session.journal)
    dialog.summary_field.setText("Shared the Lisbon meetup speaker list with the organisers")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.saved_id is None
    assert dialog.person_field.property("invalid") is True
    assert focused() is dialog.person_field
    assert dialog.error_label.text() == "Say with whom, or make it a contribution to the network as a whole."
    assert counts(session.journal) == before
    assert changes == []


def test_introduction_without_second_person_marks_that_field(qtbot, session):
    dialog = shown(qtbot, ExchangeDialog(session))
    assert not dialog.second_person_field.isVisible()
    dialog.kind_field.setCurrentIndex(dialog.kind_field.findData(Kind.INTRODUCTION.value))
    assert dialog.second_person_field.isVisible()
    assert dialog.outcome_field.isVisible()
    before = counts(session.journal)
    dialog.person_field.setText("Dana Okafor")  # new: must not survive the failed save
    dialog.summary_field.setText("Introduced Dana to a hiring manager at Northwind")
    dialog.save_button.click()

    assert dialog.isVisible()
    assert dialog.second_person_field.property("invalid") is True
    assert focused() is dialog.second_person_field
    assert "second person" in dialog.error_label.text()
    assert counts(session.journal) == before

    dialog.second_person_field.setFocus()
    type_text(qtbot, "Tom")
    assert not dialog.second_person_field.property("invalid")
    dialog.outcome_field.setText("Tom hired Dana in June")
    dialog.save_button.click()
    entry = exchange_entry(session.journal, dialog.saved_id)
    assert entry.person_name == "Dana Okafor"
    assert entry.second_person_id == TOM
    saved = records.exchange(session.journal, dialog.saved_id)
    assert saved is not None and saved.outcome == "Tom hired Dana in June"


def test_ambiguous_name_is_an_error_on_the_person_field(qtbot, session):
    people.add_person(session.journal, people.PersonInput("Ana Costa"))
    dialog = shown(qtbot, ExchangeDialog(session))
    before = counts(session.journal)
    type_text(qtbot, "Ana")
    dialog.summary_field.setText("Shared the Lisbon meetup speaker list")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.person_field.property("invalid") is True
    assert "Ana Silva" in dialog.error_label.text()
    assert "Ana Costa" in dialog.error_label.text()
    assert counts(session.journal) == before


def test_a_prefilled_person_is_kept_even_when_the_name_is_shared(qtbot, session):
    twin = people.add_person(session.journal, people.PersonInput("Ana Silva", organisation="Fernhill Labs"))
    dialog = shown(qtbot, ExchangeDialog(session, person_id=twin))
    assert dialog.reciprocates_field.count() == 1  # the twin has no history; Ana's advice is not hers
    dialog.summary_field.setText("Sent Ana the Fernhill onboarding checklist for her new team")
    dialog.save_button.click()
    assert exchange_entry(session.journal, dialog.saved_id).person_id == twin


def test_reciprocates_lists_the_other_direction_and_links_it(qtbot, session):
    dialog = shown(qtbot, ExchangeDialog(session))
    combo = dialog.reciprocates_field

    def listed() -> list[int | None]:
        return [combo.itemData(i) for i in range(combo.count())]

    type_text(qtbot, "Tom Reyes")
    assert listed() == [None]  # nothing received from Tom to return
    dialog.received_radio.setChecked(True)
    # Tom's given exchanges, newest first, including the introduction he was part of.
    assert listed() == [None, 5, 4, 3, 1]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d · gave feedback · Reviewed Tom's hiring rubric, draft 100", combo.itemText(1))

    dialog.date_field.setDate(dialog.date_field.date().addDays(-250))
    assert listed() == [None, 3, 1]
    combo.setCurrentIndex(1)
    dialog.kind_field.setCurrentIndex(dialog.kind_field.findData(Kind.REFERRAL.value))
    dialog.summary_field.setText("Tom referred me to Fernhill Labs for a contract role")
    dialog.save_button.click()

    assert dialog.result() == QDialog.DialogCode.Accepted
    entry = exchange_entry(session.journal, dialog.saved_id)
    assert entry.reciprocates_id == 3
    assert entry.direction is Direction.RECEIVED
    assert entry.date == TODAY - dt.timedelta(days=250)


def test_network_contribution_has_no_person(qtbot, session):
    dialog = shown(qtbot, ExchangeDialog(session))
    assert not dialog.community_field.isVisible()
    dialog.network_field.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert dialog.network_field.isChecked()
    assert not dialog.person_field.isEnabled()
    assert dialog.community_field.isVisible()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.community_field
    type_text(qtbot, "Lisbon data meetup")
    dialog.kind_field.setCurrentIndex(dialog.kind_field.findData(Kind.EXPERTISE.value))
    dialog.summary_field.setText("Gave a talk on pricing experiments at the Lisbon data meetup")
    dialog.save_button.click()

    entry = exchange_entry(session.journal, dialog.saved_id)
    assert entry.person_id is None
    assert entry.community == "Lisbon data meetup"


def test_edit_mode_prefills_and_updates(qtbot, session, changes):
    dialog = shown(qtbot, ExchangeDialog(session, exchange_id=2))
    assert dialog.windowTitle() == "Edit exchange"
    assert dialog.received_radio.isChecked()
    assert dialog.person_field.text() == "Ana Silva"
    assert dialog.kind is Kind.ADVICE
    assert dialog.summary_field.text() == "Ana reviewed my pricing deck and cut tier three"
    assert dialog.significance_field.value() == 5
    assert dialog.reciprocates_field.currentData() == 1
    assert dialog.date_field.date().toPython() == TODAY - dt.timedelta(days=120)
    before = counts(session.journal)

    dialog.summary_field.selectAll()
    type_text(qtbot, "Ana reviewed my pricing deck and cut tier three before the board meeting")
    dialog.significance_field.setValue(4)
    with qtbot.waitSignal(dialog.saved, timeout=2000) as saved:
        press(qtbot, Qt.Key.Key_Return)

    assert saved.args == [2]
    assert dialog.saved_id == 2
    assert counts(session.journal) == before
    entry = exchange_entry(session.journal, 2)
    assert entry.title.endswith("before the board meeting")
    assert entry.significance == 4
    assert entry.reciprocates_id == 1
    assert [(c.entity, c.action) for c in changes] == [(Entity.EXCHANGE, ChangeAction.UPDATED)]


def test_opened_for_a_person_starts_on_kind(qtbot, session):
    dialog = shown(qtbot, ExchangeDialog(session, person_id=ANA))
    assert dialog.person_field.text() == "Ana Silva"
    assert focused() is dialog.kind_field
    assert dialog.reciprocates_field.count() == 2  # "returns nothing" + Ana's advice


@pytest.mark.parametrize(
    ("entry_type", "open_for_editing"),
    [
        (EntryType.EXCHANGE, lambda session, entry_id: ExchangeDialog(session, exchange_id=entry_id)),
        (EntryType.TOUCHPOINT, lambda session, entry_id: TouchpointDialog(session, touchpoint_id=entry_id)),
        (EntryType.LOOP, lambda session, entry_id: LoopDialog(session, loop_id=entry_id)),
        (EntryType.REFLECTION, lambda session, entry_id: ReflectionDialog(session, reflection_id=entry_id)),
    ],
    ids=lambda value: value.value if isinstance(value, EntryType) else "",
)
def test_editing_an_entry_deleted_meanwhile_says_so(qtbot, session, entry_type, open_for_editing):
    deletions.delete_entry(session.journal, entry_type, 1)
    dialog = shown(qtbot, open_for_editing(session, 1))
    assert dialog.error_label.isVisible()
    assert "no longer in the journal" in dialog.error_label.text()
    assert not dialog.save_button.isEnabled()


# -- small entry dialogs -----------------------------------------------------------


def test_touchpoint_add_and_edit(qtbot, session):
    dialog = shown(qtbot, TouchpointDialog(session))
    assert dialog.objectName() == "touchpointDialog"
    assert focused() is dialog.person_field
    type_text(qtbot, "tom")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.date_field
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.channel_field
    type_text(qtbot, "coffee")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.note_field
    type_text(qtbot, "Congratulated Tom on the Fernhill launch")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)
    touch = records.touchpoint(session.journal, dialog.saved_id)
    assert touch is not None
    assert (touch.person_id, touch.channel, touch.note) == (TOM, "coffee", "Congratulated Tom on the Fernhill launch")

    edit = shown(qtbot, TouchpointDialog(session, touchpoint_id=touch.id))
    assert edit.note_field.text() == touch.note
    assert not edit.person_field.isEnabled()
    edit.note_field.clear()
    edit.save_button.click()
    assert edit.note_field.property("invalid") is True
    edit.note_field.setText("Coffee with Tom: his launch slipped to May")
    edit.save_button.click()
    assert edit.saved_id == touch.id
    edited = records.touchpoint(session.journal, touch.id)
    assert edited is not None and edited.note == "Coffee with Tom: his launch slipped to May"


def test_loop_with_due_date_and_done_in_edit_mode(qtbot, session):
    dialog = shown(qtbot, LoopDialog(session))
    assert dialog.objectName() == "loopDialog"
    assert focused() is dialog.promised_radio
    press(qtbot, Qt.Key.Key_Right)
    assert dialog.asked_radio.isChecked()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.person_field
    type_text(qtbot, "Ana")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Intro to her CFO for the budget review")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.due.check
    assert not dialog.due.date.isEnabled()
    press(qtbot, Qt.Key.Key_Space)
    assert dialog.due.date.isEnabled()
    due = TODAY + dt.timedelta(days=14)
    dialog.due.date.setDate(dialog.due.date.date().addDays(7))
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.what_field.setFocus()
        press(qtbot, Qt.Key.Key_Return)
    loop = records.loop(session.journal, dialog.saved_id)
    assert loop is not None
    assert (loop.loop_kind, loop.person_id, loop.due_on, loop.done_on) == ("asked", ANA, due, None)
    assert any(row.id == loop.id for row in relationship(session.journal, ANA).open_loops)

    edit = shown(qtbot, LoopDialog(session, loop_id=loop.id))
    assert edit.asked_radio.isChecked() and not edit.asked_radio.isEnabled()
    assert edit.due.value() == due
    assert edit.done_field.isVisible()
    edit.done_field.setChecked(True)
    edit.save_button.click()
    done = records.loop(session.journal, loop.id)
    assert done is not None and done.done_on == TODAY
    assert all(row.id != loop.id for row in relationship(session.journal, ANA).open_loops)


def test_loop_without_person_or_due_date(qtbot, session):
    dialog = shown(qtbot, LoopDialog(session))
    assert not dialog.done_field.isVisible()
    dialog.what_field.setText("Write up the hiring rubric lessons")
    dialog.save_button.click()
    loop = records.loop(session.journal, dialog.saved_id)
    assert loop is not None
    assert (loop.loop_kind, loop.person_id, loop.due_on) == ("promised", None, None)


def test_person_add_with_cadence_and_edit(qtbot, session, changes):
    dialog = shown(qtbot, PersonDialog(session))
    assert dialog.objectName() == "personDialog"
    assert focused() is dialog.name_field
    assert not dialog.archived_field.isVisible()
    type_text(qtbot, "Mira Chen")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Harbor Capital")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Partner")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Web Summit panel")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "investor, Lisbon")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.cadence_field
    type_text(qtbot, "q")  # Quarterly
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        press(qtbot, Qt.Key.Key_Return)
    person = people.get_person(session.journal, dialog.saved_id)
    assert (person.name, person.organisation, person.role) == ("Mira Chen", "Harbor Capital", "Partner")
    assert person.how_met == "Web Summit panel"
    assert person.tag_list == ["investor", "Lisbon"]
    assert person.cadence_days == 91
    assert [(c.entity, c.action) for c in changes] == [(Entity.PERSON, ChangeAction.ADDED)]

    edit = shown(qtbot, PersonDialog(session, person_id=ANA))
    assert edit.name_field.text() == "Ana Silva"
    assert edit.cadence_field.currentData() == 30
    assert edit.archived_field.isVisible()
    edit.name_field.clear()
    edit.save_button.click()
    assert edit.name_field.property("invalid") is True
    edit.name_field.setText("Ana Silva")
    edit.organisation_field.setText("Harbor Capital")
    edit.cadence_field.setCurrentIndex(edit.cadence_field.findData(None))
    edit.archived_field.setChecked(True)
    edit.save_button.click()
    ana = people.get_person(session.journal, ANA)
    assert (ana.organisation, ana.cadence_days, ana.archived) == ("Harbor Capital", None, True)


def test_person_with_an_unusual_cadence_keeps_it(qtbot, session):
    people.update_person(session.journal, LEE, people.PersonInput("Lee Park", cadence_days=45))
    dialog = shown(qtbot, PersonDialog(session, person_id=LEE))
    assert dialog.cadence_field.currentData() == 45
    assert "45" in dialog.cadence_field.currentText()


def test_reflection_saves_with_ctrl_enter(qtbot, session):
    dialog = shown(qtbot, ReflectionDialog(session, person_id=TOM))
    assert dialog.objectName() == "reflectionDialog"
    assert focused() is dialog.text_field
    assert not dialog.prompt_label.isVisible()
    type_text(qtbot, "Tom asks often.")
    press(qtbot, Qt.Key.Key_Return)  # a new line, not a save
    type_text(qtbot, "Offer him a standing monthly call instead.")
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    reflection = records.reflection(session.journal, dialog.saved_id)
    assert reflection is not None
    assert reflection.text == "Tom asks often.\nOffer him a standing monthly call instead."
    assert reflection.person_id == TOM


def test_reflection_answering_a_prompt_uses_on_save(qtbot, session):
    answers: list[str] = []

    def on_save(text: str) -> int:
        answers.append(text)
        return 99

    prompt = "Whom have you not thanked this year?"
    dialog = shown(qtbot, ReflectionDialog(session, prompt_text=prompt, on_save=on_save))
    assert dialog.prompt_label.isVisible()
    assert dialog.prompt_label.text() == prompt
    assert not dialog.person_field.isVisible()
    before = Reflection.select().count(session.journal.db)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        type_text(qtbot, "Ana, for the pricing review.")
        press(qtbot, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert answers == ["Ana, for the pricing review."]
    assert dialog.saved_id == 99
    assert Reflection.select().count(session.journal.db) == before


def test_empty_reflection_is_refused(qtbot, session):
    dialog = shown(qtbot, ReflectionDialog(session))
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert dialog.text_field.property("invalid") is True


def test_circumstance_add(qtbot, session):
    dialog = shown(qtbot, CircumstanceDialog(session, person_id=TOM))
    assert dialog.objectName() == "circumstanceDialog"
    assert dialog.person_label.text() == "Tom Reyes"
    assert focused() is dialog.note_field
    type_text(qtbot, "New baby; stretched thin")
    dialog.start_field.setDate(dialog.start_field.date().addDays(-30))
    dialog.end.check.setChecked(True)
    dialog.end.date.setDate(dialog.start_field.date().addDays(-60))  # before the start
    dialog.save_button.click()
    assert dialog.end.date.property("invalid") is True
    assert circumstances_of(session.journal, TOM) == ()

    dialog.end.date.setDate(dialog.start_field.date().addDays(120))
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.note_field.setFocus()
        press(qtbot, Qt.Key.Key_Return)
    (circumstance,) = circumstances_of(session.journal, TOM)
    assert circumstance.note == "New baby; stretched thin"
    assert circumstance.start == TODAY - dt.timedelta(days=30)
    assert circumstance.end == TODAY + dt.timedelta(days=90)
