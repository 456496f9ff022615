"""Each user action from the window goes through the one service call the command line uses too.

The spies wrap the real functions, so the entries are really written; a
dialog that composed the action itself would leave its spy empty.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog
from support import PASSPHRASE, MemoryKeyring

from netjournal.domain import LoopKind
from netjournal.services import entries, keychain, prompting, records, use_cases
from netjournal.services.people import find_person
from netjournal.store.models import Reflection
from netjournal.ui.dialogs.entry_dialogs import LoopDialog, ReflectionDialog, TouchpointDialog
from netjournal.ui.dialogs.exchange_dialog import ExchangeDialog
from netjournal.ui.dialogs.passphrase_dialog import ChangePassphraseDialog
from netjournal.ui.panels.prompts_panel import PromptsPanel
from netjournal.ui.session import Session

NEW = "a different passphrase for the window 5"


def save(qtbot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save_button.click()


def test_the_exchange_dialog_saves_through_save_exchange(qtbot, session: Session, spy) -> None:
    calls = spy(use_cases, "save_exchange")
    dialog = ExchangeDialog(session)
    dialog.person_field.setText("Priya Natarajan")  # nobody yet: added with the exchange
    dialog.summary_field.setText("Walked Priya through the Series A data room checklist")
    save(qtbot, dialog)
    assert len(calls) == 1
    person = find_person(session.journal, "Priya Natarajan")
    assert person is not None
    assert records.exchange(session.journal, dialog.saved_id).person_id == person.id


def test_the_touchpoint_dialog_saves_through_log_touchpoint(qtbot, session: Session, spy) -> None:
    calls = spy(use_cases, "log_touchpoint")
    dialog = TouchpointDialog(session)
    dialog.person_field.setText("lee")
    dialog.note_field.setText("Sent Lee the meetup photos")
    save(qtbot, dialog)
    assert len(calls) == 1
    assert records.touchpoint(session.journal, dialog.saved_id).note == "Sent Lee the meetup photos"


def test_the_loop_dialog_keeps_through_keep_loop_and_closes_through_close_loop(qtbot, session: Session, spy) -> None:
    kept, closed = spy(use_cases, "keep_loop"), spy(entries, "close_loop")
    dialog = LoopDialog(session)
    dialog.asked_radio.setChecked(True)
    dialog.person_field.setText("Tom Reyes")
    dialog.what_field.setText("Tom to share the interview loop")
    save(qtbot, dialog)
    assert len(kept) == 1
    loop_id = dialog.saved_id
    editing = LoopDialog(session, loop_id=loop_id)
    editing.done_field.setChecked(True)
    save(qtbot, editing)
    assert len(closed) == 1
    loop = records.loop(session.journal, loop_id)
    assert loop.loop_kind is LoopKind.ASKED and loop.done_on is not None


def test_the_reflection_dialog_saves_through_write_reflection(qtbot, session: Session, spy) -> None:
    calls = spy(use_cases, "write_reflection")
    dialog = ReflectionDialog(session)
    dialog.text_field.setPlainText("Ana gives first, every time; I should say so.")
    dialog.person_field.setText("Ana")
    save(qtbot, dialog)
    assert len(calls) == 1
    assert records.reflection(session.journal, dialog.saved_id).person_id == 1


def test_answering_a_prompt_goes_through_answer_prompt(qtbot, session: Session, spy, monkeypatch) -> None:
    calls = spy(prompting, "answer_prompt")
    panel = PromptsPanel(session)
    qtbot.addWidget(panel)
    panel.resize(360, 500)
    panel.show()
    qtbot.waitExposed(panel)
    [card, *_] = panel.cards()
    monkeypatch.setattr(panel, "_ask_answer", lambda p: "Write to Ana today, with the spreadsheet.")
    qtbot.mouseClick(card.findChild(QAbstractButton, "answerPromptButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(calls) == 1)
    assert calls[0][0][1].key == card.prompt.key
    reflection = session.journal.first(Reflection.select().where(Reflection.prompt_id == card.prompt.key))
    assert reflection is not None and reflection.text == "Write to Ana today, with the spreadsheet."


def test_changing_the_passphrase_goes_through_change_passphrase(
    qtbot, session: Session, spy, memory_keyring: MemoryKeyring
) -> None:
    calls = spy(use_cases, "change_passphrase")
    keychain.remember(session.journal.path, PASSPHRASE)
    dialog = ChangePassphraseDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current.setText(PASSPHRASE)
    dialog.new.setText(NEW)
    dialog.again.setText(NEW)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog._change()
    assert len(calls) == 1
    assert keychain.recall(session.journal.path) == NEW


def test_remembering_after_unlock_goes_through_remember_passphrase(
    qtbot, window, spy, memory_keyring: MemoryKeyring
) -> None:
    calls = spy(use_cases, "remember_passphrase")
    path = window.session.journal.path
    window.window_actions.lock.trigger()
    screen = window.unlock
    screen.passphrase_field.setText(PASSPHRASE)
    screen.remember_field.setChecked(True)
    with qtbot.waitSignal(window.session.opened, timeout=10_000):
        screen.unlock_button.click()
    assert len(calls) == 1
    assert keychain.recall(path) == PASSPHRASE
