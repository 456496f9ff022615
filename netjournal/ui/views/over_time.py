"""Over time: given and received per month over the years, for the network or one person, and by kind.

The month chart is ``exports.charts.paint_flow``, the kinds chart ``paint_balance``:
the same QPainter code the period review PDF and the relationship panel draw.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from netjournal.domain import Direction
from netjournal.exports.charts import BalanceRow, FlowRow, describe_balance, direction_color, paint_balance, paint_flow
from netjournal.services.over_time import FlowOverTime, MonthFlow, flow_over_time
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session
from netjournal.ui.views.base import ViewPage
from netjournal.ui.widgets.common import label

SPANS: tuple[tuple[str, int | None], ...] = (
    ("Last 12 months", 12),
    ("Last 3 years", 36),
    ("All years", None),
)
# Beyond five years months become quarters: 180 pairs of bars in a pane's width would each be a hairline.
QUARTERS_AFTER_MONTHS = 60


def _month_label(year: int, month: int, first: bool) -> str:
    # January carries its year, so a run of years reads without a label per bar.
    return str(year) if month == 1 or first else ""


def chart_rows(months: tuple[MonthFlow, ...]) -> list[FlowRow]:
    """One pair of bars per month, or per quarter for a long run of months."""
    if len(months) <= QUARTERS_AFTER_MONTHS:
        return [FlowRow(_month_label(m.year, m.month, i == 0), m.given, m.received) for i, m in enumerate(months)]
    quarters: dict[tuple[int, int], list[int]] = {}
    for m in months:
        cell = quarters.setdefault((m.year, (m.month - 1) // 3), [0, 0])
        cell[0] += m.given
        cell[1] += m.received
    return [
        FlowRow(str(year) if quarter == 0 or index == 0 else "", given, received)
        for index, ((year, quarter), (given, received)) in enumerate(quarters.items())
    ]


class FlowChart(QWidget):
    """Paired bars per month (or quarter), fitted to the width it is given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overTimeChart")
        self.rows: list[FlowRow] = []
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_rows(self, rows: list[FlowRow]) -> None:
        self.rows = rows
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 260)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        colours = (direction_color(Direction.GIVEN, palette), direction_color(Direction.RECEIVED, palette))
        paint_flow(painter, QRectF(self.rect()).adjusted(4, 4, -4, -4), self.rows, palette, colours)
        painter.end()


class KindsChart(QWidget):
    """Mirrored bars per kind of value, as the relationship panel draws the balance."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overTimeKinds")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # so that a screen reader reaches its description
        self.rows: list[BalanceRow] = []

    def set_rows(self, rows: list[BalanceRow]) -> None:
        self.rows = rows
        line = self.fontMetrics().height()
        self.setFixedHeight(int(line * (1.25 * max(1, len(rows)) + 3)) if rows else 0)
        self.setAccessibleDescription(describe_balance(rows))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self.rows:
            return
        painter = QPainter(self)
        paint_balance(painter, QRectF(self.rect()).adjusted(4, 2, -4, -2), self.rows, self.palette())
        painter.end()


class OverTimeView(ViewPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "overTimeView", tr("Over time"), parent)
        self.person_id: int | None = None
        self.person_name = ""
        controls = QHBoxLayout()
        self.scope = QComboBox(self)
        self.scope.setObjectName("overTimeScope")
        self.scope.setAccessibleName(tr("Whose exchanges"))
        scope_label = QLabel(tr("&For:"), self)
        scope_label.setBuddy(self.scope)
        self.span = QComboBox(self)
        self.span.setObjectName("overTimeSpan")
        self.span.setAccessibleName(tr("Which months"))
        for text, months in SPANS:
            self.span.addItem(tr(text), months)
        self.span.setCurrentIndex(1)
        span_label = QLabel(tr("&Months:"), self)
        span_label.setBuddy(self.span)
        for widget in (scope_label, self.scope, span_label, self.span):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.body.addLayout(controls)

        self.chart = FlowChart(self)
        self.chart.setAccessibleName(tr("Exchanges given and received per month"))
        self.body.addWidget(self.chart, 1)
        self.kinds_heading = label(tr("By kind of value"), name="overTimeKindsHeading", bold=True)
        self.body.addWidget(self.kinds_heading)
        self.kinds = KindsChart(self)
        self.kinds.setAccessibleName(tr("Exchanges by kind of value"))
        self.body.addWidget(self.kinds)
        self.scope.currentIndexChanged.connect(self.refresh)
        self.span.currentIndexChanged.connect(self.refresh)
        self._fill_scope()

    def set_person(self, person_id: int | None, name: str = "") -> None:
        """Offer this person beside the whole network, and show them (or the network, for None)."""
        self.person_id, self.person_name = person_id, name
        self._fill_scope()
        self.refresh()

    def _fill_scope(self) -> None:
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(tr("The whole network"), None)
        if self.person_id is not None:
            self.scope.addItem(self.person_name, self.person_id)
            self.scope.setCurrentIndex(1)
        self.scope.blockSignals(False)

    def reload(self) -> None:
        person_id = self.scope.currentData()
        flow = flow_over_time(self.session.journal, person_id=person_id, months=self.span.currentData())
        self.show_flow(flow)

    def show_flow(self, flow: FlowOverTime) -> None:
        who = self.scope.currentText()
        given, received = sum(m.given for m in flow.months), sum(m.received for m in flow.months)
        if flow.is_empty:
            self.caption.setText(tr("No exchanges with {0} in these months.").format(who))
        else:
            text = tr("{who}: {given} given and {received} received in {months} months.").format(
                who=who, given=f"{given:,}", received=f"{received:,}", months=len(flow.months)
            )
            if len(flow.months) > QUARTERS_AFTER_MONTHS:
                text += " " + tr("Each pair of bars is a quarter.")
            self.caption.setText(text)
        self.chart.set_rows(chart_rows(flow.months))
        busiest = sorted(flow.months, key=lambda m: -(m.given + m.received))[:3]
        self.chart.setAccessibleDescription(
            " ".join(
                tr("{month}: gave {given}, received {received}.").format(
                    month=m.label, given=m.given, received=m.received
                )
                for m in busiest
                if m.given or m.received
            )
        )
        self.kinds.set_rows(
            [
                BalanceRow(tr(kind.kind.value.capitalize()), kind.given, kind.given_significance, kind.received,
                           kind.received_significance)
                for kind in flow.kinds
            ]
        )  # fmt: skip
        self.kinds_heading.setVisible(not flow.is_empty)

    def clear(self) -> None:
        self.person_id, self.person_name = None, ""
        self._fill_scope()
        self.chart.set_rows([])
        self.kinds.set_rows([])
