"""What the command objects may ask of the window, and nothing more.

``EntryCommands``, ``DeleteCommands`` and ``JournalCommands`` take a
``CommandHost`` instead of the window, so they depend on these few members
rather than on how the window arranges its panes. ``MainWindow`` implements
it; it also connects the actions and the panes' requests to the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget

from netjournal.domain import TimelineEntry
from netjournal.services.journal import Journal
from netjournal.ui.session import Session


@runtime_checkable
class CommandHost(Protocol):
    @property
    def session(self) -> Session:
        """The handle on the open journal (or none) that the views share."""
        ...

    @property
    def kdf_iter(self) -> int:
        """Key-derivation iterations for journals created or opened from here."""
        ...

    @property
    def journal_path(self) -> Path | None:
        """The journal shown, or last asked for; the open dialog starts beside it."""
        ...

    def dialog_parent(self) -> QWidget:
        """The widget dialogs and message boxes open over (and are closed with on lock)."""
        ...

    def current_person_id(self) -> int | None:
        """The person chosen in the contact list; None for everyone."""
        ...

    def current_entry(self) -> TimelineEntry | None:
        """The timeline's current entry, if any."""
        ...

    def select_person(self, person_id: int) -> None:
        """Choose a person, as if picked in the contact list."""
        ...

    def show_unlock(self, path: Path) -> None:
        """Ask for the passphrase of the journal at ``path``."""
        ...

    def attach(self, journal: Journal) -> None:
        """Show an unlocked journal."""
        ...

    def show_notice(self, text: str) -> None:
        """A dismissible line above the pages."""
        ...
