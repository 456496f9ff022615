"""People → Possible duplicates…: pairs that may be one person, merged or set aside from the keyboard.

Each row is a pair: the person kept (the one with more entries, unless
swapped), the one merged into them, and why they look alike.  Merge runs the
shared use case and hands the record to the window's undo history (the
``merged`` signal), so Ctrl+Z or the status bar's Undo splits them again; the
list follows every change of the journal, an undo included.  The dialog is
not modal, so the window's Undo stays at hand.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netjournal.services import duplicates, use_cases
from netjournal.services.duplicates import DuplicatePair, PossibleDuplicate
from netjournal.services.errors import JournalError
from netjournal.ui.session import Session
from netjournal.ui.widgets import messages
from netjournal.ui.widgets.common import plural

_PAIR_ROLE = Qt.ItemDataRole.UserRole


def kept_first(pair: DuplicatePair) -> tuple[PossibleDuplicate, PossibleDuplicate]:
    """The person to keep and the one to merge into them: more entries is kept (the first on a tie)."""
    if pair.second.entries > pair.first.entries:
        return pair.second, pair.first
    return pair.first, pair.second


class DuplicatesDialog(QDialog):
    merged = Signal(object)  # the Merged record, for the undo history

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(self.tr("Possible duplicates"))
        self.setAccessibleName(self.windowTitle())
        self.resize(940, 520)
        self._session = session
        self._swapped: set[tuple[int, int]] = set()

        self.summary = QLabel(self)
        self.summary.setObjectName("duplicatesSummary")
        self.summary.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setObjectName("duplicatesList")
        self.list.setAccessibleName(self.tr("Possible duplicates"))
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([self.tr("Keep"), self.tr("Merge into it"), self.tr("Why")])
        # Two lines a person and a reason that wraps: a long email address is read, not cut off.
        self.list.setWordWrap(True)
        self.list.setUniformRowHeights(False)
        header = self.list.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 300)
        header.resizeSection(1, 300)
        header.setStretchLastSection(True)
        self.list.currentItemChanged.connect(lambda *_: self._sync_buttons())
        self.list.itemActivated.connect(lambda *_: self.merge_current())  # Return, or a double click

        self.merge_button = self._button("mergeButton", self.tr("&Merge"), self.tr("Merge the pair"))
        self.merge_button.clicked.connect(self.merge_current)
        self.swap_button = self._button("swapButton", self.tr("&Swap which is kept"), self.tr("Swap which is kept"))
        self.swap_button.clicked.connect(self.swap_current)
        self.dismiss_button = self._button("notSameButton", self.tr("&Not the same"), self.tr("Not the same person"))
        self.dismiss_button.clicked.connect(self.dismiss_current)
        row = QHBoxLayout()
        for button in (self.merge_button, self.swap_button, self.dismiss_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        for button in close.buttons():  # Return merges the current pair: it must not close the dialog too
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(close)

        # Many writes may come at once (an undo touches every table): one reload after them.
        self._reload = QTimer(self, singleShot=True, interval=0)
        self._reload.timeout.connect(self.refresh)
        session.changed.connect(self._reload.start)
        self.refresh()
        self.list.setFocus()

    def _button(self, name: str, text: str, spoken: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(spoken)
        button.setAutoDefault(False)
        return button

    # -- the list ----------------------------------------------------------------------

    def _who(self, person: PossibleDuplicate) -> str:
        entries = plural(person.entries, self.tr("1 entry"), self.tr("{0} entries"))
        place = f"{person.organisation} · " if person.organisation else ""
        return f"{person.name}\n{place}{entries}"

    def refresh(self) -> None:
        if not self._session.is_open:
            return
        current = self.current_pair()
        wanted = None if current is None else {current.first.id, current.second.id}
        pairs = duplicates.possible_duplicates(self._session.journal)
        self.list.clear()
        chosen = None
        for pair in pairs:
            keep, other = self.sides(pair)
            item = QTreeWidgetItem([self._who(keep), self._who(other), pair.reason])
            for column in range(3):
                item.setToolTip(column, item.text(column))
            item.setData(0, _PAIR_ROLE, pair)
            self.list.addTopLevelItem(item)
            if wanted == {pair.first.id, pair.second.id}:
                chosen = item
        current = chosen or self.list.topLevelItem(0)
        if current is not None:
            self.list.setCurrentItem(current)
        self.summary.setText(
            plural(
                len(pairs), self.tr("1 pair of people may be one person."), self.tr("{0} pairs may be one person each.")
            )
            if pairs
            else self.tr("No possible duplicates: nobody shares an email, phone, web address or name.")
        )
        self._sync_buttons()

    def sides(self, pair: DuplicatePair) -> tuple[PossibleDuplicate, PossibleDuplicate]:
        keep, other = kept_first(pair)
        return (other, keep) if (pair.first.id, pair.second.id) in self._swapped else (keep, other)

    def current_pair(self) -> DuplicatePair | None:
        item = self.list.currentItem()
        return None if item is None else item.data(0, _PAIR_ROLE)

    def _sync_buttons(self) -> None:
        pair = self.current_pair()
        for button in (self.merge_button, self.swap_button, self.dismiss_button):
            button.setEnabled(pair is not None)
        if pair is not None:
            keep, other = self.sides(pair)
            self.merge_button.setAccessibleName(self.tr("Merge {0} into {1}").format(other.name, keep.name))

    # -- actions -----------------------------------------------------------------------

    def swap_current(self) -> None:
        pair = self.current_pair()
        if pair is not None:
            self._swapped ^= {(pair.first.id, pair.second.id)}
            self.refresh()

    def merge_current(self) -> None:
        pair = self.current_pair()
        if pair is None or not self._session.is_open:
            return
        keep, other = self.sides(pair)
        try:
            record = use_cases.merge_people(self._session.journal, keep.id, other.id)
        except JournalError as error:
            messages.show_error(self, self.tr("Could not merge"), str(error))
            return
        self.merged.emit(record)
        self.refresh()  # now, not after the change notice: the next pair is current at once

    def dismiss_current(self) -> None:
        pair = self.current_pair()
        if pair is None or not self._session.is_open:
            return
        try:
            duplicates.dismiss(self._session.journal, pair.first.id, pair.second.id)
        except JournalError as error:
            messages.show_error(self, self.tr("Could not set the pair aside"), str(error))
            return
        self.refresh()

    def keyPressEvent(self, event) -> None:
        # Delete sets the pair aside, as it removes a row anywhere else.
        if QKeySequence(event.keyCombination()).matches(QKeySequence.StandardKey.Delete) and self.current_pair():
            self.dismiss_current()
            return
        super().keyPressEvent(event)
