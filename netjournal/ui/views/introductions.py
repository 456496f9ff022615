"""Introductions: the ones you made and the ones made for you, who connected whom and what came of each."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from netjournal.domain import Direction
from netjournal.services.introductions import Introduction, introductions
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session
from netjournal.ui.views.base import ViewPage
from netjournal.ui.views.person_table import KeyTable
from netjournal.ui.widgets.common import format_date


def who_connected_whom(intro: Introduction) -> str:
    first = intro.person_name or tr("someone")
    second = intro.second_person_name or tr("someone")
    if intro.direction is Direction.GIVEN:
        return tr("You introduced {0} to {1}").format(first, second)
    if intro.second_person_name is None:
        return tr("{0} introduced you to someone").format(first)
    return tr("{0} introduced you to {1}").format(first, second)


class IntroductionsView(ViewPage):
    outcomeRequested = Signal(object)  # an Introduction

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "introductionsView", tr("Introductions"), parent)
        self.table = KeyTable(
            [tr("Date"), tr("Who connected whom"), tr("What came of it")],
            [Qt.Key.Key_Return, Qt.Key.Key_O],
            self,
            stretch=2,
        )
        self.table.setObjectName("introductionsList")
        self.table.setAccessibleName(tr("Introductions made and received"))
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
            self.caption.setText(tr("No introductions yet: log one with Ctrl+N and the kind Introduction."))
        else:
            self.caption.setText(
                tr(
                    "{made} made, {received} received; {open} without a word on what came of it."
                    " Enter or O records what came of the selected one."
                ).format(made=found.made, received=found.received, open=found.without_outcome)
                + (
                    " " + tr("The newest {0} are listed.").format(len(found.introductions))
                    if found.made + found.received > len(found.introductions)
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

    def _key(self, _key: int, intro: object) -> None:
        if isinstance(intro, Introduction):
            self.outcomeRequested.emit(intro)

    def clear(self) -> None:
        self.table.clear()
        self.detail.clear()
