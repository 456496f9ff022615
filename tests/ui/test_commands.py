"""The entry and journal commands work through a CommandHost, not through the window's panes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from netjournal.domain import EntryType, TimelineEntry
from netjournal.services.journal import Journal
from netjournal.services.people import find_person
from netjournal.services.timeline import timeline_page
from netjournal.ui.session import Session
from netjournal.ui.shell.command_host import CommandHost
from netjournal.ui.shell.delete_commands import DeleteCommands
from netjournal.ui.shell.entry_commands import EntryCommands
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.shell.undo import UndoHistory, UndoNotice
from netjournal.ui.widgets import messages


class FakeHost:
    """Only what CommandHost lists: no workspace, no actions, no pages."""

    def __init__(self, session: Session, widget: QWidget) -> None:
        self.session = session
        self.kdf_iter = 1
        self.journal_path: Path | None = None
        self.widget = widget
        self.person_id: int | None = None
        self.entry: TimelineEntry | None = None
        self.selected: list[int] = []
        self.notices: list[str] = []

    def dialog_parent(self) -> QWidget:
        return self.widget

    def current_person_id(self) -> int | None:
        return self.person_id

    def current_entry(self) -> TimelineEntry | None:
        return self.entry

    def select_person(self, person_id: int) -> None:
        self.selected.append(person_id)

    def show_unlock(self, path: Path) -> None:
        raise AssertionError("not expected here")

    def attach(self, journal: Journal) -> None:
        raise AssertionError("not expected here")

    def show_notice(self, text: str) -> None:
        self.notices.append(text)


def test_the_window_is_the_commands_host(window: MainWindow) -> None:
    assert isinstance(window, CommandHost)
    assert window.entries.host is window and window.journals.host is window and window.deletes.host is window
    assert window.dialog_parent() is window


def test_entry_and_delete_commands_need_nothing_but_their_host(qtbot, session: Session, monkeypatch) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    host = FakeHost(session, widget)
    assert isinstance(host, CommandHost)
    commands = EntryCommands(host)

    host.person_id = find_person(session.journal, "Lee Park").id
    commands.log_touchpoint()
    dialog = commands.current_dialog
    assert dialog is not None and dialog.parentWidget() is widget
    dialog.reject()
    assert commands.current_dialog is None

    asked = []
    monkeypatch.setattr(messages, "confirm", lambda parent, *a, **k: asked.append(parent) or True)
    host.entry = next(
        e for e in timeline_page(session.journal, person_id=host.person_id) if e.type is EntryType.TOUCHPOINT
    )
    undo = QAction(widget)
    deletes = DeleteCommands(host, UndoHistory(session, undo, UndoNotice(widget)))
    deletes.delete_current()
    assert asked == [widget]
    assert undo.isEnabled() and undo.text() == "&Undo delete of the touchpoint “Met Lee at the Lisbon data meetup”"
    assert all(
        e.id != host.entry.id
        for e in timeline_page(session.journal, person_id=host.person_id)
        if e.type is EntryType.TOUCHPOINT
    )
