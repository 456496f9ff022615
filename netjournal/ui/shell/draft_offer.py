"""After an unlock: offer back what was being typed when the journal last closed (a lock, a crash)."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from netjournal.services import drafts
from netjournal.services.drafts import Draft
from netjournal.services.errors import JournalError
from netjournal.ui.i18n import tr

if TYPE_CHECKING:
    from netjournal.ui.shell.entry_commands import EntryCommands

_WHAT = {
    "exchange": ("an exchange", "your edit of an exchange"),
    "touchpoint": ("a touchpoint", "your edit of a touchpoint"),
    "loop": ("an open loop", "your edit of an open loop"),
    "reflection": ("a reflection", "your edit of a reflection"),
    "brokered_introduction": ("an introduction between others", "your edit of an introduction between others"),
}


def describe(draft: Draft) -> str:
    new, edit = _WHAT[draft.kind]
    what = tr(new if draft.entry_id is None else edit)
    when = draft.saved_at_local()
    text = tr("You were writing {0} when the journal closed").format(what)
    if when is not None:
        text += tr(" (last kept at {0})").format(when.strftime("%Y-%m-%d %H:%M"))
    text += "."
    if draft.gist:
        text += f"\n\n“{draft.gist}”"
    return text


def offer_box(parent: QWidget, draft: Draft) -> QMessageBox:
    """The question: Continue (the accept role), Discard (destructive) or Later (reject)."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("Continue where you left off?"), describe(draft), parent=parent)
    box.setObjectName("draftOffer")
    resume = box.addButton(tr("&Continue"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
    later = box.addButton(tr("&Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(resume)
    box.setEscapeButton(later)
    return box


def offer_drafts(parent: QWidget, commands: EntryCommands) -> None:
    """Ask about the newest draft: continue it (its dialog opens with everything typed), discard it, or later."""
    session = commands.session
    if not session.is_open or commands.current_dialog is not None:
        return
    try:
        pending = drafts.pending_drafts(session.journal)
    except JournalError:
        return
    if not pending:
        return
    draft = pending[0]
    box = offer_box(parent, draft)
    box.exec()
    role = box.buttonRole(box.clickedButton()) if box.clickedButton() is not None else None
    box.deleteLater()
    if not session.is_open:  # locked while asking
        return
    if role is QMessageBox.ButtonRole.AcceptRole:
        resume_draft(commands, draft)
    elif role is QMessageBox.ButtonRole.DestructiveRole:
        try:
            drafts.discard_draft(session.journal, draft.kind, draft.entry_id)
        except JournalError:
            return


def resume_draft(commands: EntryCommands, draft: Draft) -> QDialog:
    """Open the dialog the draft came from, with every field as it was left."""
    from netjournal.ui.dialogs import entry_dialogs
    from netjournal.ui.dialogs.brokered_dialog import BrokeredDialog
    from netjournal.ui.dialogs.exchange_dialog import ExchangeDialog

    session, parent = commands.session, commands.host.dialog_parent()
    kinds = {
        "exchange": lambda: ExchangeDialog(session, parent, exchange_id=draft.entry_id),
        "touchpoint": lambda: entry_dialogs.TouchpointDialog(session, parent, touchpoint_id=draft.entry_id),
        "loop": lambda: entry_dialogs.LoopDialog(session, parent, loop_id=draft.entry_id),
        "reflection": lambda: entry_dialogs.ReflectionDialog(session, parent, reflection_id=draft.entry_id),
        "brokered_introduction": lambda: BrokeredDialog(session, parent, row_id=draft.entry_id),
    }
    dialog = None
    try:
        dialog = kinds[draft.kind]()
        gone = not dialog.save_button.isEnabled()  # the entry it edited was deleted since
    except JournalError:
        if draft.entry_id is None:
            raise
        gone = True
    if gone and draft.entry_id is not None:
        if dialog is not None:
            dialog.deleteLater()
        # Bring the text back as a new entry rather than lose it; the old draft makes way for it.
        with suppress(JournalError):
            drafts.discard_draft(session.journal, draft.kind, draft.entry_id)
        return resume_draft(commands, replace(draft, entry_id=None))
    assert dialog is not None  # a new entry's dialog needs nothing that could be gone
    dialog.drafts.restore(draft)
    return commands.open_dialog(dialog)
