"""Given vs received per time window: the widget that shows it in the window.

The painting lives in ``netjournal.exports.charts`` (QtGui only), so the PDF
brief draws the same picture on a QPdfWriter with the same code.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from netjournal.exports.charts import BalanceRow, balance_height, describe_balance, paint_balance, small_font

__all__ = ["BalanceChart", "BalanceRow", "describe_balance", "paint_balance"]


class BalanceChart(QWidget):
    """Shows ``paint_balance`` for the rows given to ``set_rows``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("balanceChart")
        self.setAccessibleName(self.tr("Balance of given and received"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._rows: list[BalanceRow] = []
        self.set_rows([])

    def rows(self) -> list[BalanceRow]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[Sequence]) -> None:
        self._rows = [BalanceRow(*row) for row in rows]
        description = describe_balance(self._rows) if self._rows else ""
        self.setAccessibleDescription(description)
        self.setToolTip(description)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        # The painter's own sums, so the height asked for is the height the chart needs.
        metrics, small = QFontMetricsF(self.font(), self), QFontMetricsF(small_font(self.font()), self)
        needed = balance_height(metrics, small, max(3, len(self._rows)))
        return QSize(280, max(110, int(needed) + 5))  # + the 2 px margin on each side of paintEvent, rounded up

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._rows:
            return
        painter = QPainter(self)
        painter.setFont(self.font())
        paint_balance(painter, QRectF(self.rect()).adjusted(2, 2, -2, -2), self._rows, self.palette())
        painter.end()
