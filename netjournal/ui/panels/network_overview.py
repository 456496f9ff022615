"""The network at a glance, shown when no person is chosen.

Counts for the last year, valuable ties that went quiet, and the owner's own
pattern: people with whom their recent entries are mostly asks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from netjournal.insights.network import NetworkSummary
from netjournal.services.network import AskingTie
from netjournal.ui.widgets.common import LinkButton, age_text, clear_layout, format_date, label, later, plural, set_text

MAX_LISTED = 8


class NetworkOverview(QWidget):
    personRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkOverview")
        grid = QGridLayout()
        self._stats: list[QLabel] = []
        for column, (name, caption) in enumerate(
            (
                ("contributionsCount", self.tr("contributions to the network")),
                ("introductionsCount", self.tr("introductions made")),
                ("helpedCount", self.tr("people helped")),
            )
        ):
            self._stats.append(label(name=name, bold=True, scale=2.0))
            grid.addWidget(self._stats[-1], 0, column)
            grid.addWidget(label(caption, muted=True), 1, column, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(column, 1)
        self._dormant = QVBoxLayout()
        self._asking = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(label(self.tr("Your network"), bold=True, scale=1.4))
        layout.addWidget(label(self.tr("In the last 12 months"), muted=True))
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(label(self.tr("Valuable ties gone quiet"), bold=True))
        layout.addLayout(self._dormant)
        layout.addSpacing(8)
        layout.addWidget(label(self.tr("Where you mostly ask"), bold=True))
        layout.addWidget(
            label(
                self.tr("Your own entries of the last 12 months with these people are mostly asks and help received."),
                muted=True,
            )
        )
        layout.addLayout(self._asking)
        layout.addSpacing(8)
        layout.addWidget(label(self.tr("Choose a person to read your relationship with them."), muted=True))

    def fill(self, summary: NetworkSummary, asking: list[AskingTie]) -> None:
        counts = (summary.contributions_12m, summary.introductions_made_12m, summary.people_helped_12m)
        spoken = (
            plural(counts[0], self.tr("1 contribution to the network"), self.tr("{0} contributions to the network")),
            plural(counts[1], self.tr("1 introduction made"), self.tr("{0} introductions made")),
            plural(counts[2], self.tr("1 person helped"), self.tr("{0} people helped")),
        )
        for number, count, words in zip(self._stats, counts, spoken, strict=True):
            number.setText(str(count))
            number.setAccessibleName(self.tr("{0} in the last 12 months").format(words))
        clear_layout(self._dormant)
        ties = summary.dormant_valuable
        if not ties:
            self._dormant.addWidget(label(self.tr("None: every tie that gave you a lot is active."), muted=True))
        for tie in ties[:MAX_LISTED]:
            link = self._person_link(
                tie.person_id,
                self.tr("{name} — quiet for {age}").format(name=tie.name, age=age_text(tie.days_since)),
                tie.name,
            )
            link.setObjectName("dormantTie")
            link.setToolTip(
                self.tr("Gave you {0} times (significance {1}); last entry {2}.").format(
                    tie.received_count, tie.received_significance, format_date(tie.last_entry_on)
                )
            )
            self._dormant.addWidget(link)
        self._more(self._dormant, len(ties))
        clear_layout(self._asking)
        if not asking:
            self._asking.addWidget(label(self.tr("Nobody: what you ask, you also give."), muted=True))
        for tie in asking[:MAX_LISTED]:
            link = self._person_link(
                tie.person_id,
                self.tr("{name} — {asks}, {offers}").format(
                    name=tie.name,
                    asks=plural(tie.asks, self.tr("1 ask"), self.tr("{0} asks")),
                    offers=plural(tie.offers, self.tr("1 offer"), self.tr("{0} offers")),
                ),
                tie.name,
            )
            link.setObjectName("askingTie")
            self._asking.addWidget(link)

    def clear(self) -> None:
        for number in self._stats:
            set_text(number, "")
        clear_layout(self._dormant)
        clear_layout(self._asking)

    def _person_link(self, person_id: int, text: str, name: str) -> LinkButton:
        link = LinkButton(text)
        link.setAccessibleName(self.tr("Open {0}").format(name))
        link.clicked.connect(lambda _=False, pid=person_id: later(self, lambda: self.personRequested.emit(pid)))
        return link

    def _more(self, layout: QVBoxLayout, total: int) -> None:
        if total > MAX_LISTED:
            layout.addWidget(label(self.tr("and {0} more").format(total - MAX_LISTED), muted=True))
