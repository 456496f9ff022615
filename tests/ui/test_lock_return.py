"""After a lock the window comes back where it was: the same person, and for a demo the passphrase on screen."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from support import PASSPHRASE

from netjournal.services.people import find_person
from netjournal.ui.shell.main_window import MainWindow


def _lock_with_keys(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.unlock)


def _unlock_with_keys(qtbot, window: MainWindow, passphrase: str) -> None:
    field = window.unlock.passphrase_field
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, passphrase)
    with qtbot.waitSignal(window.session.opened, timeout=10_000):
        qtbot.keyClick(field, Qt.Key.Key_Return)


def test_unlocking_returns_to_the_person_shown_before_the_lock(qtbot, window: MainWindow) -> None:
    tom = find_person(window.session.journal, "Tom Reyes")
    assert tom is not None
    window.workspace.select_person(tom.id)
    assert window.workspace.timeline.model.person_id == tom.id

    _lock_with_keys(qtbot, window)
    _unlock_with_keys(qtbot, window, PASSPHRASE)

    qtbot.waitUntil(lambda: window.workspace.person_id == tom.id)
    assert window.workspace.timeline.model.person_id == tom.id
    assert window.workspace.relationship.findChild(object, "relationshipName").text() == "Tom Reyes"


def test_unlocking_after_showing_everyone_stays_on_everyone(qtbot, window: MainWindow) -> None:
    tom = find_person(window.session.journal, "Tom Reyes")
    assert tom is not None
    window.workspace.select_person(tom.id)
    window.workspace.show_everyone()

    _lock_with_keys(qtbot, window)
    _unlock_with_keys(qtbot, window, PASSPHRASE)

    qtbot.waitUntil(lambda: window.workspace.contacts.everyone_button.isChecked())
    assert window.workspace.person_id is None


def test_the_lock_screen_shows_the_demo_passphrase(qtbot, window: MainWindow, monkeypatch, tmp_path: Path) -> None:
    from netjournal.services.demo import builder

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(builder, "populate_demo", lambda *args, **kwargs: None)  # an empty demo is enough here
    window.window_actions.open_demo.trigger()
    qtbot.waitUntil(window.info.isVisible)
    found = re.search(r"Its passphrase is (\S+) —", window.info.label.text())
    assert found is not None
    passphrase = found.group(1)

    _lock_with_keys(qtbot, window)

    hint = window.unlock.demo_hint
    assert hint.isVisible()
    assert hint.text() == f"This is the demo journal. Its passphrase is {passphrase}"
    _unlock_with_keys(qtbot, window, passphrase)
    assert window.session.journal.path.parent.parent == tmp_path


def test_the_lock_screen_of_an_ordinary_journal_shows_no_passphrase(qtbot, window: MainWindow) -> None:
    _lock_with_keys(qtbot, window)
    assert not window.unlock.demo_hint.isVisible()
