"""The window session's undo history of deletes, with its Edit → Undo action and status-bar notice.

The history lives in memory only, for as long as the journal stays open: each
record holds what was deleted, in plain text, so it is dropped the moment the
journal closes or locks (``Session.closed``), together with every text that
named it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from netjournal.domain import Entity
from netjournal.services.deletions import Deleted
from netjournal.services.merge import Merged
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session

MAX_UNDO = 50  # each record keeps everything it deleted in memory
SHORT = 48  # characters of an entry's text that name it


UndoRecord = Deleted | Merged
"""What the window can undo: a delete, or a merge of two people."""


def _short(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= SHORT else words[: SHORT - 1].rstrip() + "…"


def what_was_done(record: UndoRecord) -> str:
    """The notice's line for a delete or a merge."""
    if isinstance(record, Merged):
        return tr("Merged {0} into {1}.").format(_short(record.other_name), _short(record.keep_name))
    return tr("Deleted {0}.").format(what_was_deleted(record))


def undo_text(record: UndoRecord) -> str:
    """The Undo action's and button's spoken text."""
    if isinstance(record, Merged):
        return tr("Undo merge of {0} into {1}").format(_short(record.other_name), _short(record.keep_name))
    return tr("Undo delete of {0}").format(what_was_deleted(record))


def what_was_deleted(deleted: Deleted) -> str:
    """How the window names what a delete took: a person by name, anything else by its kind and first words."""
    words = " ".join(deleted.title.split())
    if len(words) > SHORT:  # names and texts may run to thousands of characters; a menu item may not
        words = words[: SHORT - 1].rstrip() + "…"
    if deleted.entity is Entity.PERSON:
        return words
    templates = {
        Entity.EXCHANGE: tr("the exchange “{0}”"),
        Entity.TOUCHPOINT: tr("the touchpoint “{0}”"),
        Entity.LOOP: tr("the open loop “{0}”"),
        Entity.REFLECTION: tr("the reflection “{0}”"),
        Entity.CIRCUMSTANCE: tr("the circumstance “{0}”"),
        Entity.BROKERED_INTRODUCTION: tr("the introduction “{0}”"),
    }
    return templates[deleted.entity].format(words)


class UndoNotice(QWidget):
    """A line saying what was deleted ("Deleted the exchange “…”.") and an Undo button, in the status bar."""

    undoRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoNotice")
        self.label = QLabel(self)
        self.label.setObjectName("undoNoticeText")
        self.button = QPushButton(self.tr("Undo"), self)
        self.button.setObjectName("undoButton")
        self.button.clicked.connect(self.undoRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 12, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.clear()

    def show_deleted(self, what: str) -> None:
        self._show(self.tr("Deleted {0}.").format(what), self.tr("Undo delete of {0}").format(what))

    def show_done(self, record: UndoRecord) -> None:
        self._show(what_was_done(record), undo_text(record))

    def show_text(self, text: str) -> None:
        self._show(text, None)

    def show_restored(self, what: str, note: str = "") -> None:
        self._show(" ".join(p for p in (self.tr("Brought back {0}.").format(what), note) if p), None)

    def _show(self, text: str, undo: str | None) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)
        self.button.setVisible(undo is not None)
        self.button.setAccessibleName(undo or "")
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.setAccessibleName("")
        self.button.setAccessibleName("")
        self.hide()


class UndoHistory(QObject):
    """The deletes that can still be undone, newest last; keeps the Undo action's text and state in step."""

    def __init__(self, session: Session, action: QAction, notice: UndoNotice, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._action = action
        self._notice = notice
        self._records: list[UndoRecord] = []
        session.closed.connect(self.clear)
        # A restore replaces every row: what was deleted before it belongs to another journal now.
        session.changed.connect(lambda change: self.clear() if change.is_whole_journal else None)
        self._sync()

    def __len__(self) -> int:
        return len(self._records)

    @property
    def latest(self) -> UndoRecord | None:
        return self._records[-1] if self._records else None

    def push(self, deleted: UndoRecord) -> None:
        self._records = [*self._records, deleted][-MAX_UNDO:]
        self._notice.show_done(deleted)
        self._sync()

    def pop(self) -> UndoRecord | None:
        deleted = self._records.pop() if self._records else None
        self._notice.clear()
        self._sync()
        return deleted

    def put_back(self, deleted: UndoRecord) -> None:
        """Keep a record whose undo failed for a reason that may pass (a full disk)."""
        self._records.append(deleted)
        self._notice.show_done(deleted)
        self._sync()

    def restored(self, deleted: UndoRecord, note: str = "") -> None:
        if isinstance(deleted, Merged):
            text = self.tr("{0} and {1} are two people again.").format(
                _short(deleted.keep_name), _short(deleted.other_name)
            )
            self._notice.show_text(" ".join(p for p in (text, note) if p))
        else:
            self._notice.show_restored(what_was_deleted(deleted), note)

    def clear(self) -> None:
        self._records = []
        self._notice.clear()
        self._sync()

    def _sync(self) -> None:
        latest = self.latest
        if latest is None:
            self._action.setText(self.tr("&Undo"))
        else:
            # A name may hold an "&", which a menu would take for a mnemonic.
            self._action.setText("&" + undo_text(latest).replace("&", "&&"))
        self._action.setEnabled(latest is not None and self._session.is_open)
