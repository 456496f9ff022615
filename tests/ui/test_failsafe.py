"""Unexpected errors in the window become a message without the exception's text."""

from __future__ import annotations

import sys

from sqlcipher3 import dbapi2 as sqlcipher

from netjournal.store.errors import JournalLockedError
from netjournal.ui.shell import failsafe
from netjournal.ui.widgets import messages


def test_journal_errors_keep_their_sentence() -> None:
    assert failsafe.message_for(JournalLockedError("j.nj")) == str(JournalLockedError("j.nj"))


def test_driver_damage_is_explained() -> None:
    text = failsafe.message_for(sqlcipher.DatabaseError("database disk image is malformed"))
    assert "damaged" in text


def test_other_errors_never_quote_their_message() -> None:
    text = failsafe.message_for(ValueError("Ana Silva's secret summary"))
    assert "ValueError" in text
    assert "Ana" not in text


def test_hook_shows_a_box_and_prints_no_content(qtbot, monkeypatch, capsys) -> None:
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    failsafe.install()
    try:
        raise RuntimeError("MARKER-7731 private note")
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    err = capsys.readouterr().err
    assert shown and "RuntimeError" in shown[0]
    assert "MARKER-7731" not in err and "MARKER-7731" not in shown[0]
    assert "Traceback" not in err
