"""The window's entry commands: open the right dialog, edit the current entry (deletes: ``delete_commands``).

Dialogs open window-modal but non-blocking (``open``, not ``exec``), so the
event loop keeps running and tests drive them like a person would. What the
commands need of the window is a ``CommandHost``; the window connects its
actions and the panes' requests to them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog

from netjournal.domain import EntryType, TimelineEntry
from netjournal.services import people
from netjournal.services.errors import JournalError
from netjournal.ui.i18n import tr
from netjournal.ui.widgets import messages

if TYPE_CHECKING:
    from netjournal.ui.shell.command_host import CommandHost


class EntryCommands(QObject):
    def __init__(self, host: CommandHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.session = host.session
        self.current_dialog: QDialog | None = None

    # -- opening dialogs ----------------------------------------------------------------

    def _open(self, dialog: QDialog, on_saved: Callable[[int | None], None] | None = None) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_saved is not None:
            dialog.accepted.connect(lambda: on_saved(getattr(dialog, "saved_id", None)))
        dialog.finished.connect(self._dialog_closed)
        self.current_dialog = dialog
        dialog.open()
        return dialog

    def open_dialog(self, dialog: QDialog) -> QDialog:
        """Open a dialog made elsewhere (a draft brought back) as this window's current one."""
        return self._open(dialog)

    def _dialog_closed(self) -> None:
        self.current_dialog = None

    def log_exchange(self) -> None:
        from netjournal.ui.dialogs.exchange_dialog import ExchangeDialog

        self._open(ExchangeDialog(self.session, self.host.dialog_parent(), person_id=self.host.current_person_id()))

    def log_touchpoint(self) -> None:
        from netjournal.ui.dialogs.entry_dialogs import TouchpointDialog

        self._open(TouchpointDialog(self.session, self.host.dialog_parent(), person_id=self.host.current_person_id()))

    def add_loop(self) -> None:
        from netjournal.ui.dialogs.entry_dialogs import LoopDialog

        self._open(LoopDialog(self.session, self.host.dialog_parent(), person_id=self.host.current_person_id()))

    def note_brokered(self) -> None:
        from netjournal.ui.dialogs.brokered_dialog import BrokeredDialog

        self._open(BrokeredDialog(self.session, self.host.dialog_parent(), person_id=self.host.current_person_id()))

    def add_person(self) -> None:
        from netjournal.ui.dialogs.person_dialog import PersonDialog

        self._open(PersonDialog(self.session, self.host.dialog_parent()), self._select_saved_person)

    def add_reflection(self) -> None:
        from netjournal.ui.dialogs.entry_dialogs import ReflectionDialog

        self._open(ReflectionDialog(self.session, self.host.dialog_parent(), person_id=self.host.current_person_id()))

    def add_circumstance(self, person_id: int | None) -> None:
        from netjournal.ui.dialogs.entry_dialogs import CircumstanceDialog

        if person_id is None:
            messages.show_info(
                self.host.dialog_parent(), tr("Choose a person"), tr("Select the person the circumstance is about.")
            )
            return
        self._open(CircumstanceDialog(self.session, self.host.dialog_parent(), person_id=person_id))

    def edit_person(self, person_id: int | None) -> None:
        from netjournal.ui.dialogs.person_dialog import PersonDialog

        if person_id is not None:
            self._open(PersonDialog(self.session, self.host.dialog_parent(), person_id=person_id))

    def _select_saved_person(self, person_id: int | None) -> None:
        if person_id is not None:
            self.host.select_person(person_id)

    def toggle_archived(self) -> None:
        person_id = self.host.current_person_id()
        if person_id is None:
            return
        person = people.get_person(self.session.journal, person_id)
        self._guarded(lambda: people.set_archived(self.session.journal, person_id, not person.archived))

    # -- the current entry -----------------------------------------------------------------

    def edit_current(self) -> None:
        entry = self.host.current_entry()
        if entry is not None:
            self.edit_entry(entry)

    def edit_entry(self, entry: TimelineEntry) -> None:
        from netjournal.ui.dialogs import entry_dialogs
        from netjournal.ui.dialogs.brokered_dialog import BrokeredDialog
        from netjournal.ui.dialogs.exchange_dialog import ExchangeDialog

        if entry.type is EntryType.BROKERED_INTRODUCTION:
            dialog: QDialog = BrokeredDialog(self.session, self.host.dialog_parent(), row_id=entry.id)
        elif entry.type is EntryType.EXCHANGE:
            dialog = ExchangeDialog(self.session, self.host.dialog_parent(), exchange_id=entry.id)
        elif entry.type is EntryType.TOUCHPOINT:
            dialog = entry_dialogs.TouchpointDialog(self.session, self.host.dialog_parent(), touchpoint_id=entry.id)
        elif entry.type is EntryType.LOOP:
            dialog = entry_dialogs.LoopDialog(self.session, self.host.dialog_parent(), loop_id=entry.id)
        else:
            dialog = entry_dialogs.ReflectionDialog(self.session, self.host.dialog_parent(), reflection_id=entry.id)
        self._open(dialog)

    def _guarded(self, operation: Callable[[], object]) -> None:
        try:
            operation()
        except JournalError as error:
            messages.show_error(self.host.dialog_parent(), tr("Could not save"), str(error))
