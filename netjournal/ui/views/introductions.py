"""Introductions: the ones you made, the ones made for you and the ones others made between your people."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from netjournal.domain import Direction, EntryType, TimelineEntry
from netjournal.services.brokered_introductions import get_brokered
from netjournal.services.introductions import Introduction, introductions
from netjournal.services.timeline import exchange_entries
from netjournal.services.validation import NotFoundError
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session
from netjournal.ui.views.base import ViewPage
from netjournal.ui.views.person_table import KeyTable
from netjournal.ui.widgets.common import format_date, introduced_text


def who_connected_whom(intro: Introduction) -> str:
    first = intro.person_name or tr("someone")
    second = intro.second_person_name or tr("someone")
    if intro.direction is None:
        return introduced_text(intro.broker_name, intro.person_name, intro.second_person_name)
    if intro.direction is Direction.GIVEN:
        return tr("You introduced {0} to {1}").format(first, second)
    if intro.second_person_name is None:
        return tr("{0} introduced you to someone").format(first)
    return tr("{0} introduced you to {1}").format(first, second)


class IntroductionsView(ViewPage):
    outcomeRequested = Signal(object)  # an Introduction
    newRequested = Signal()  # keep an introduction between others
    deleteRequested = Signal(object)  # the chosen introduction as a TimelineEntry

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "introductionsView", tr("Introductions"), parent)
        self.table = KeyTable(
            [tr("Date"), tr("Who connected whom"), tr("What came of it")],
            [Qt.Key.Key_Return, Qt.Key.Key_O, Qt.Key.Key_N, Qt.Key.Key_Delete],
            self,
            stretch=2,
        )
        self.table.cap(1, 0.6)  # long names leave the outcome column in view (both are read in full below)
        self.table.keys_without_row = {Qt.Key.Key_N}
        self.table.setObjectName("introductionsList")
        self.table.setAccessibleName(tr("Introductions made, received and between others"))
        self.table.keyPressed.connect(self._key)
        self.body.addWidget(self.table, 1)
        # The table cuts long outcomes to one line; the chosen introduction is read here in full.
        self.detail = QLabel(self)
        self.detail.setObjectName("introductionDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.detail)
        self.table.currentItemChanged.connect(lambda *_: self._show_detail())

    def reload(self) -> None:
        found = introductions(self.session.journal)
        if not found.introductions:
            self.caption.setText(
                tr(
                    "No introductions yet: log one you made or received with Ctrl+N and the kind Introduction,"
                    " or press N to keep one someone else made between two of your people."
                )
            )
        else:
            listed = found.made + found.received + found.between_others
            self.caption.setText(
                tr(
                    "{made} made, {received} received, {between} between others; {open} without a word on what"
                    " came of it. Enter or O records what came of the selected one, N keeps one someone else made,"
                    " Ctrl+E edits it."
                ).format(
                    made=found.made, received=found.received, between=found.between_others, open=found.without_outcome
                )
                + (
                    " " + tr("The newest {0} are listed.").format(len(found.introductions))
                    if listed > len(found.introductions)
                    else ""
                )
            )
        self.table.set_rows(
            [
                (intro, [format_date(intro.date), who_connected_whom(intro), intro.outcome or "—"])
                for intro in found.introductions
            ]
        )
        # What the introduction was and all of its outcome, for whoever points at or reads the row.
        for index, intro in enumerate(found.introductions):
            item = self.table.topLevelItem(index)
            if item is not None:
                tip = f"{intro.summary}\n{tr('What came of it')}: {intro.outcome}" if intro.outcome else intro.summary
                for column in range(3):
                    item.setToolTip(column, tip)

    def _show_detail(self) -> None:
        intro = self.table.current_record()
        if not isinstance(intro, Introduction):
            self.detail.clear()
            return
        outcome = intro.outcome or tr("Nothing recorded yet (Enter or O).")
        self.detail.setText(
            f"{format_date(intro.date)} · {who_connected_whom(intro)}: {intro.summary}\n"
            f"{tr('What came of it')}: {outcome}"
        )

    def current_entry(self) -> TimelineEntry | None:
        """The chosen introduction as the entry it is, for Edit entry and Delete entry."""
        intro = self.table.current_record()
        if not isinstance(intro, Introduction):
            return None
        if intro.direction is None:
            try:
                return get_brokered(self.session.journal, intro.id)
            except NotFoundError:
                return None
        found = exchange_entries(self.session.journal, [intro.id])
        return found[0] if found and found[0].type is EntryType.EXCHANGE else None

    def _key(self, key: int, intro: object) -> None:
        if key == Qt.Key.Key_N:
            self.newRequested.emit()
        elif key == Qt.Key.Key_Delete:
            entry = self.current_entry()
            if entry is not None:
                self.deleteRequested.emit(entry)
        elif isinstance(intro, Introduction):
            self.outcomeRequested.emit(intro)

    def clear(self) -> None:
        self.table.clear()
        self.detail.clear()
