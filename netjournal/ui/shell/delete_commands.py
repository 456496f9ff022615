"""The window's deletes and their undo: ask, delete through the use cases, remember it, undo it.

Every delete lands in the window's ``UndoHistory``, so the confirmations no
longer warn that it is final; a person's confirmation says what goes with
them and what stays. Like the entry commands, these see the window only
through its ``CommandHost``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from netjournal.domain import CircumstanceRecord, Entity, EntryType, TimelineEntry
from netjournal.services import deletions, use_cases
from netjournal.services.deletions import Deleted, GoesWith, UndoRefusedError
from netjournal.services.errors import JournalError
from netjournal.services.merge import Merged
from netjournal.ui.i18n import tr
from netjournal.ui.shell.undo import UndoHistory
from netjournal.ui.widgets import messages
from netjournal.ui.widgets.common import plural

if TYPE_CHECKING:
    from netjournal.ui.shell.command_host import CommandHost


def _listing(parts: list[str]) -> str:
    """One item, "a and b", or "a, b and c"."""
    if len(parts) < 2:
        return "".join(parts)
    return tr("{0} and {1}").format(", ".join(parts[:-1]), parts[-1])


def undo_hint() -> str:
    return tr("You can undo this until you close the journal.")


def person_question(goes: GoesWith) -> str:
    """What deleting a person takes with them, what stays, and that it can be undone."""
    taken = [
        text
        for count, one, many in (
            (goes.exchanges, tr("1 exchange"), tr("{0} exchanges")),
            (goes.touchpoints, tr("1 touchpoint"), tr("{0} touchpoints")),
            (goes.open_loops, tr("1 open loop"), tr("{0} open loops")),
            (goes.closed_loops, tr("1 closed loop"), tr("{0} closed loops")),
            (goes.circumstances, tr("1 circumstance"), tr("{0} circumstances")),
            (goes.brokered, tr("1 introduction they made"), tr("{0} introductions they made")),
        )
        if count and (text := plural(count, one, many))
    ]
    if taken:
        question = tr("Delete {0} and their {1}?").format(goes.name, _listing(taken))
    else:
        question = tr("Delete {0}?").format(goes.name)
    stays = []
    for count, one, many in (
        (
            goes.introductions,
            tr("The introduction that names them as the second person stays, without them."),
            tr("The {0} introductions that name them as the second person stay, without them."),
        ),
        (
            goes.reflections,
            tr("Your reflection about them stays, about nobody in particular."),
            tr("Your {0} reflections about them stay, about nobody in particular."),
        ),
        (
            goes.returns,
            tr("An exchange with someone else that returned one of theirs stays, no longer linked to it."),
            tr("{0} exchanges with other people that returned theirs stay, no longer linked to them."),
        ),
        (
            goes.introduced_by_others,
            tr("The introduction someone else made for them stays, without them."),
            tr("The {0} introductions others made for them stay, without them."),
        ),
    ):
        if count:
            stays.append(plural(count, one, many))
    return "\n\n".join(p for p in (question, " ".join(stays), undo_hint()) if p)


class DeleteCommands(QObject):
    def __init__(self, host: CommandHost, history: UndoHistory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.session = host.session
        self.history = history

    # -- deleting ------------------------------------------------------------------------

    def delete_current(self) -> None:
        entry = self.host.current_entry()
        if entry is not None:
            self.delete_entry(entry)

    def delete_entry(self, entry: TimelineEntry) -> None:
        kind = {
            EntryType.EXCHANGE: tr("exchange"),
            EntryType.TOUCHPOINT: tr("touchpoint"),
            EntryType.LOOP: tr("open loop"),
            EntryType.REFLECTION: tr("reflection"),
            EntryType.BROKERED_INTRODUCTION: tr("introduction between others"),
        }[entry.type]
        question = tr("Delete this {0} from {1}?").format(kind, entry.date.isoformat())
        if messages.confirm(
            self.host.dialog_parent(),
            tr("Delete entry"),
            f"{question}\n\n{entry.title}\n\n{undo_hint()}",
            action=tr("Delete"),
        ):
            self._delete(lambda: use_cases.delete_entry(self.session.journal, entry.type, entry.id))

    def delete_circumstance(self, item: CircumstanceRecord) -> None:
        question = tr("Delete the circumstance “{0}”?").format(item.note)
        if self.session.is_open and messages.confirm(
            self.host.dialog_parent(), tr("Delete circumstance"), f"{question}\n\n{undo_hint()}", action=tr("Delete")
        ):
            self._delete(lambda: use_cases.delete_circumstance(self.session.journal, item.id))

    def delete_current_person(self) -> None:
        self.delete_person(self.host.current_person_id())

    def delete_person(self, person_id: int | None) -> None:
        if person_id is None or not self.session.is_open:
            if person_id is None:
                messages.show_info(
                    self.host.dialog_parent(), tr("Choose a person"), tr("Select the person to delete first.")
                )
            return
        try:
            goes = deletions.what_goes_with(self.session.journal, person_id)
        except JournalError as error:
            messages.show_error(self.host.dialog_parent(), tr("Could not delete"), str(error))
            return
        if messages.confirm(self.host.dialog_parent(), tr("Delete person"), person_question(goes), action=tr("Delete")):
            self._delete(lambda: use_cases.delete_person(self.session.journal, person_id))

    def _delete(self, operation: Callable[[], Deleted]) -> None:
        try:
            deleted = operation()
        except JournalError as error:
            messages.show_error(self.host.dialog_parent(), tr("Could not delete"), str(error))
            return
        self.history.push(deleted)

    # -- undoing -------------------------------------------------------------------------

    def undo(self) -> None:
        """Bring back what the newest delete took (Edit → Undo, the notice's button)."""
        if not self.session.is_open:
            return
        deleted = self.history.pop()
        if deleted is None:
            return
        if isinstance(deleted, Merged):
            self._undo_merge(deleted)
            return
        try:
            restored = use_cases.undo_delete(self.session.journal, deleted)
        except UndoRefusedError as error:  # it never will come back: the record goes
            messages.show_error(self.host.dialog_parent(), tr("Could not undo"), str(error))
            return
        except JournalError as error:  # a full disk, say: it may work later
            self.history.put_back(deleted)
            messages.show_error(self.host.dialog_parent(), tr("Could not undo"), str(error))
            return
        note = ""
        if restored.links_left:
            note = plural(
                restored.links_left,
                tr("One entry edited since keeps its edit."),
                tr("{0} entries edited since keep their edits."),
            )
        self.history.restored(deleted, note)
        if deleted.entity is Entity.PERSON:
            self.host.select_person(restored.ids["person"][0])

    def _undo_merge(self, merged: Merged) -> None:
        try:
            back = use_cases.undo_merge(self.session.journal, merged)
        except UndoRefusedError as error:
            messages.show_error(self.host.dialog_parent(), tr("Could not undo"), str(error))
            return
        except JournalError as error:
            self.history.put_back(merged)
            messages.show_error(self.host.dialog_parent(), tr("Could not undo"), str(error))
            return
        note = ""
        if back.left:
            note = plural(
                back.left,
                tr("One entry edited since keeps its edit."),
                tr("{0} entries edited since keep their edits."),
            )
        self.history.restored(merged, note)
        self.host.select_person(back.other_id)
