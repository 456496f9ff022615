"""The balance chart's layout: the caption under the bars never touches them, whatever the height."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter

from netjournal.exports.charts import BalanceRow, balance_fonts, balance_geometry, balance_height, small_font

ROWS = [
    BalanceRow("12 months", 0, 0, 4, 6),
    BalanceRow("3 years", 2, 5, 17, 40),
    BalanceRow("All time", 8, 20, 68, 160),
]


def fonts(point_size: float) -> tuple[QFontMetricsF, QFontMetricsF]:
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    font = QFont()
    font.setPointSizeF(point_size)
    return QFontMetricsF(font, image), QFontMetricsF(small_font(font), image)


@pytest.mark.parametrize("point_size", [7.0, 9.0, 12.0, 16.0])
@pytest.mark.parametrize("height", [70.0, 110.0, 160.0, 400.0])
def test_the_caption_rectangle_does_not_intersect_any_bar(qapp, point_size: float, height: float) -> None:
    metrics, small = fonts(point_size)
    rect = QRectF(2, 2, 300, height)
    shape = balance_geometry(rect, ROWS, metrics, small)
    bars = shape.given_bars + shape.received_bars
    assert all(bar.bottom() <= shape.caption.top() for bar in bars), (shape.caption, bars)
    assert all(not bar.intersects(shape.caption) for bar in bars)
    assert all(band.bottom() <= shape.caption.top() + 1e-6 for band in shape.rows)
    assert shape.caption.bottom() <= rect.bottom() + 1e-6 and shape.legend.top() >= rect.top()
    assert all(bar.top() >= shape.legend.bottom() for bar in bars)  # nor the legend


def test_at_the_height_it_asks_for_each_bar_is_a_readable_line_tall(qapp) -> None:
    metrics, small = fonts(9.0)
    rect = QRectF(0, 0, 300, balance_height(metrics, small, len(ROWS)))
    shape = balance_geometry(rect, ROWS, metrics, small)
    assert all(bar.height() >= metrics.height() for bar in shape.given_bars)
    assert shape.rows[-1].bottom() < shape.caption.top()


def test_the_painter_and_the_geometry_use_the_same_fonts(qapp) -> None:
    image = QImage(300, 120, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    font, small, metrics, small_metrics = balance_fonts(painter)
    painter.end()
    assert small.pointSizeF() < font.pointSizeF()
    assert small_metrics.height() < metrics.height()
