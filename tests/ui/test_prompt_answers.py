"""Answering a prompt says where the answer went: the card disappears, a sentence stays."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from netjournal.ui.dialogs.entry_dialogs import ReflectionDialog
from netjournal.ui.panels.prompts_panel import PromptsPanel
from netjournal.ui.session import Session

TODAY = dt.date.today()


def test_answering_from_the_keyboard_confirms_where_the_answer_went(qtbot, session: Session, monkeypatch) -> None:
    panel = PromptsPanel(session, today=lambda: TODAY)
    qtbot.addWidget(panel)
    panel.resize(360, 500)
    panel.show()
    qtbot.waitUntil(lambda: bool(panel.cards()))
    card = next(c for c in panel.cards() if c.prompt.person_id is not None)
    assert not panel.confirmation.isVisible()

    def type_and_save(dialog: ReflectionDialog) -> int:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.text_field.hasFocus)
        qtbot.keyClicks(dialog.text_field, "Send it to Ana tomorrow morning, with the pricing notes.")
        qtbot.keyClick(dialog.text_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        return dialog.result()

    monkeypatch.setattr(ReflectionDialog, "exec", type_and_save)
    panel.activateWindow()
    card.setFocus()
    qtbot.waitUntil(card.hasFocus)
    qtbot.keyClick(card, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: card.prompt.key not in [p.key for p in panel.prompts()])
    assert panel.confirmation.isVisible()
    assert panel.confirmation.text() == "Your answer is saved as a reflection about Ana Silva, on their timeline."

    session.detach()  # locking forgets the sentence, which names someone
    assert not panel.confirmation.isVisible() and panel.confirmation.text() == ""
