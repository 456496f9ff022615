"""The exchange dialog says, while you type, whom a name will mean."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit

from netjournal.ui.dialogs.exchange_dialog import ExchangeDialog


def test_the_dialog_says_whom_a_typed_name_means(qtbot, session) -> None:
    dialog = ExchangeDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.findChild(QLineEdit, "personField")
    match = dialog.findChild(QLabel, "personMatch")
    qtbot.keyClicks(field, "tom")
    assert "Tom Reyes" in match.text() and match.isVisible()
    field.setText("Tom Reyes")
    assert match.text() == "" and not match.isVisible()
    field.setText("Zed Okoro")
    assert "New person" in match.text() and "Zed Okoro" in match.text()
    field.setText("")
    assert not match.isVisible()


def test_an_ambiguous_name_lists_the_candidates(qtbot, session) -> None:
    from netjournal.services import people

    people.add_person(session.journal, people.PersonInput("Ana Reyes"))
    dialog = ExchangeDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.findChild(QLineEdit, "personField").setText("ana")
    text = dialog.findChild(QLabel, "personMatch").text()
    assert "Ana Silva" in text and "Ana Reyes" in text


def test_touchpoint_and_loop_dialogs_say_it_too(qtbot, session) -> None:
    from netjournal.ui.dialogs.entry_dialogs import LoopDialog, TouchpointDialog

    for dialog in (TouchpointDialog(session), LoopDialog(session)):
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.findChild(QLineEdit, "personField").setText("lee")
        assert "Lee Park" in dialog.findChild(QLabel, "personMatch").text()
