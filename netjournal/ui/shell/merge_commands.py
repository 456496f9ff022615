"""The window's merges: the possible-duplicates view and "Merge into…", each merge undone like a delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from netjournal.services import people, use_cases
from netjournal.services.errors import JournalError
from netjournal.services.merge import Merged
from netjournal.ui.dialogs.duplicates_dialog import DuplicatesDialog
from netjournal.ui.dialogs.merge_into_dialog import MergeIntoDialog
from netjournal.ui.i18n import tr
from netjournal.ui.shell.undo import UndoHistory
from netjournal.ui.widgets import messages

if TYPE_CHECKING:
    from netjournal.ui.shell.actions import WindowActions
    from netjournal.ui.shell.command_host import CommandHost


class MergeCommands(QObject):
    def __init__(self, host: CommandHost, history: UndoHistory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.session = host.session
        self.history = history
        self.duplicates: DuplicatesDialog | None = None

    def wire(self, actions: WindowActions) -> None:
        actions.merge_person.triggered.connect(self.merge_current_into)
        actions.possible_duplicates.triggered.connect(self.show_duplicates)

    def show_duplicates(self) -> DuplicatesDialog | None:
        if not self.session.is_open:
            return None
        if self.duplicates is not None:
            self.duplicates.raise_()
            self.duplicates.activateWindow()
            return self.duplicates
        dialog = DuplicatesDialog(self.session, self.host.dialog_parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.merged.connect(self._merged)
        dialog.destroyed.connect(lambda: setattr(self, "duplicates", None))
        dialog.finished.connect(lambda _result: setattr(self, "duplicates", None))
        self.duplicates = dialog
        dialog.show()
        return dialog

    def merge_current_into(self) -> MergeIntoDialog | None:
        person_id = self.host.current_person_id()
        if person_id is None or not self.session.is_open:
            messages.show_info(
                self.host.dialog_parent(), tr("Choose a person"), tr("Select the person to merge first.")
            )
            return None
        journal = self.session.journal
        name = people.person_name(journal, person_id)
        others = journal.sql(
            "SELECT id, name, organisation FROM person WHERE id != ? ORDER BY name COLLATE NOCASE", (person_id,)
        ).fetchall()
        dialog = MergeIntoDialog(name, others, self.host.dialog_parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._merge_into(person_id, dialog.chosen()))
        dialog.open()
        return dialog

    def _merge_into(self, other_id: int, keep: int | str) -> None:
        if not self.session.is_open:
            return
        try:
            merged = use_cases.merge_people(self.session.journal, keep, other_id)
        except JournalError as error:
            messages.show_error(self.host.dialog_parent(), tr("Could not merge"), str(error))
            return
        self._merged(merged)

    def _merged(self, merged: Merged) -> None:
        self.history.push(merged)
        self.host.select_person(merged.keep_id)
