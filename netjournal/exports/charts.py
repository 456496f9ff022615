"""Charts drawn with QPainter alone, shared by the window and the PDF exports.

QtGui only (no widgets), so a QPdfWriter draws exactly what the window shows.
Bars are mirrored around a centre axis (given to the left, received to the
right) and scaled to the largest significance among the rows; the numbers
beside them are how many exchanges moved each way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen

from netjournal.domain import Direction

# For print: dark green and light blue, apart in grey-scale as well as in colour (given, received).
PRINT_COLOURS = (QColor("#14523d"), QColor("#8db3e6"))


def tr(text: str) -> str:
    # The same hook and context as netjournal.ui.i18n, so one translation file serves both.
    return QCoreApplication.translate("netjournal", text)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def direction_color(direction: Direction | None, palette: QPalette) -> QColor:
    dark = is_dark(palette)
    if direction is Direction.GIVEN:
        return QColor("#5cc9a7" if dark else "#1b7f5f")  # green: value you gave
    if direction is Direction.RECEIVED:
        return QColor("#7fb2ff" if dark else "#2458b3")  # blue: value you received
    return palette.color(QPalette.ColorRole.PlaceholderText)


def muted(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.PlaceholderText)


class BalanceRow(NamedTuple):
    label: str
    given_count: int
    given_significance: int
    received_count: int
    received_significance: int


def _times(count: int) -> str:
    return tr("1 time") if count == 1 else tr("{0} times").format(count)


def describe_balance(rows: Sequence[Sequence]) -> str:
    """The chart's numbers in words, for screen readers and tooltips."""
    if not rows:
        return tr("No exchanges to show.")
    parts = [
        tr("{label}: you gave {given} (significance {gsig}), you received {received} (significance {rsig}).").format(
            label=label, given=_times(gc), gsig=gs, received=_times(rc), rsig=rs
        )
        for label, gc, gs, rc, rs in (BalanceRow(*row) for row in rows)
    ]
    return " ".join(parts)


class BalanceGeometry(NamedTuple):
    """Where each part of the balance chart goes inside its rectangle (computed, then painted)."""

    legend: QRectF
    centre: float
    label_w: float
    count_w: float
    pad: float
    rows: list[QRectF]  # one band per row, top to bottom
    given_bars: list[QRectF]
    received_bars: list[QRectF]
    caption: QRectF


def balance_height(metrics: QFontMetricsF, small_metrics: QFontMetricsF, row_count: int) -> float:
    """The height at which ``row_count`` rows, the legend and the caption fit without touching."""
    return small_metrics.height() * 1.3 + metrics.height() * 1.5 * max(1, row_count) + small_metrics.height() * 1.4


def balance_geometry(
    rect: QRectF, rows: Sequence[BalanceRow], metrics: QFontMetricsF, small_metrics: QFontMetricsF
) -> BalanceGeometry:
    """Lay the chart out inside ``rect``: legend on top, the caption at the bottom, the rows between.

    The rows share only the height left between legend and caption (never a fixed minimum that
    would push the last bar into the caption when ``rect`` is short); the bars shrink instead.
    """
    pad = metrics.height() * 0.35
    label_w = max((metrics.horizontalAdvance(r.label) for r in rows), default=0.0) + pad
    biggest = max((max(r.given_count, r.received_count) for r in rows), default=0)
    count_w = metrics.horizontalAdvance(str(max(biggest, 99))) + pad
    legend_h = small_metrics.height() * 1.3
    caption_h = small_metrics.height() * 1.15
    gap = small_metrics.height() * 0.25  # between the last bar and the caption
    left = rect.left() + label_w + count_w
    right = rect.right() - count_w
    centre = (left + right) / 2
    half = max(0.0, (right - left) / 2 - 1)
    top = rect.top() + legend_h
    caption = QRectF(rect.left(), rect.bottom() - caption_h, rect.width(), caption_h)
    row_h = max(0.0, caption.top() - gap - top) / max(1, len(rows))
    bar_h = max(0.0, min(row_h * 0.8, metrics.height() * 1.1))
    scale = max((max(r.given_significance, r.received_significance) for r in rows), default=0)
    bands, given_bars, received_bars = [], [], []
    for index, row in enumerate(rows):
        band = QRectF(rect.left(), top + index * row_h, rect.width(), row_h)
        mid = band.center().y()
        given_len = half * row.given_significance / scale if scale else 0.0
        received_len = half * row.received_significance / scale if scale else 0.0
        bands.append(band)
        given_bars.append(QRectF(centre - given_len, mid - bar_h / 2, given_len, bar_h))
        received_bars.append(QRectF(centre + 1, mid - bar_h / 2, received_len, bar_h))
    legend = QRectF(rect.left(), rect.top(), rect.width(), small_metrics.height())
    return BalanceGeometry(legend, centre, label_w, count_w, pad, bands, given_bars, received_bars, caption)


def small_font(font: QFont) -> QFont:
    """The legend's and caption's font: a little smaller than the labels'."""
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
    return small


def balance_fonts(painter: QPainter) -> tuple[QFont, QFont, QFontMetricsF, QFontMetricsF]:
    """The painter's font for labels and counts, and a smaller one for the legend and caption."""
    font = QFont(painter.font())
    small = small_font(font)
    return font, small, QFontMetricsF(font, painter.device()), QFontMetricsF(small, painter.device())


def paint_balance(
    painter: QPainter,
    rect: QRectF,
    rows: Sequence[Sequence],
    palette: QPalette,
    colours: tuple[QColor, QColor] | None = None,
) -> None:
    """Draw the mirrored bars for ``rows`` inside ``rect`` in ``palette``'s colours.

    ``colours`` (given, received) overrides the direction colours: print asks
    for two that stay apart in grey-scale, which green and blue do not.
    """
    rows = [BalanceRow(*row) for row in rows]
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    font, small, metrics, small_metrics = balance_fonts(painter)
    text = palette.color(QPalette.ColorRole.WindowText)
    soft = muted(palette)
    given_colour, received_colour = colours or (
        direction_color(Direction.GIVEN, palette),
        direction_color(Direction.RECEIVED, palette),
    )
    shape = balance_geometry(rect, rows, metrics, small_metrics)
    centre, pad, count_w = shape.centre, shape.pad, shape.count_w

    # Legend: a swatch and a word on each side of the axis, like column headings.
    painter.setFont(small)
    swatch = small_metrics.height() * 0.6
    gap = swatch * 0.4
    legend = shape.legend
    y = legend.top() + (legend.height() - swatch) / 2
    given_word, received_word = tr("Given"), tr("Received")
    gw = small_metrics.horizontalAdvance(given_word)
    painter.fillRect(QRectF(centre - gap - swatch, y, swatch, swatch), given_colour)
    painter.setPen(text)
    painter.drawText(
        QRectF(centre - 2 * gap - swatch - gw, legend.top(), gw, legend.height()),
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        given_word,
    )
    painter.fillRect(QRectF(centre + gap, y, swatch, swatch), received_colour)
    painter.drawText(
        QRectF(centre + 2 * gap + swatch, legend.top(), rect.right() - centre, legend.height()),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        received_word,
    )

    painter.setFont(font)
    for row, band, given, received in zip(rows, shape.rows, shape.given_bars, shape.received_bars, strict=True):
        painter.setPen(text)
        painter.drawText(
            QRectF(band.left(), band.top(), shape.label_w - pad, band.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            row.label,
        )
        if given.width():
            painter.fillRect(given, given_colour)
        if received.width():
            painter.fillRect(received, received_colour)
        painter.setPen(text if row.given_count else soft)
        painter.drawText(
            QRectF(given.left() - count_w, band.top(), count_w - pad / 2, band.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(row.given_count),
        )
        painter.setPen(text if row.received_count else soft)
        painter.drawText(
            QRectF(received.right() + pad / 2, band.top(), count_w, band.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            str(row.received_count),
        )

    # The centre axis, over the whole height of the bars.
    if shape.rows:
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(QPointF(centre, shape.rows[0].top()), QPointF(centre, shape.rows[-1].bottom()))

    painter.setFont(small)
    painter.setPen(soft)
    painter.drawText(
        shape.caption,
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
        tr("Bar length: significance · number: exchanges"),
    )
    painter.restore()


class FlowRow(NamedTuple):
    label: str  # as printed under the pair of bars: "Mar", "W05", "2026-03"
    given: int
    received: int


def _step(biggest: int) -> int:
    """A round gridline step giving at most about four lines up to ``biggest``."""
    step = 1
    while biggest / step > 4:
        for factor in (2, 2.5, 2):  # 1, 2, 5, 10, 20, 50, …
            step = int(step * factor)
            if biggest / step <= 4:
                break
    return step


def paint_flow(
    painter: QPainter, rect: QRectF, rows: Sequence[FlowRow], palette: QPalette, colours: tuple[QColor, QColor]
) -> None:
    """Paired bars, given then received, one pair per month or week, counted in exchanges.

    The received bar gets an outline in the text colour: a light colour on white
    paper must still show its edge when printed in grey.  Labels under the bars
    thin out (every second, third, …) when they would touch.
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    small = QFont(painter.font())
    small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
    metrics = QFontMetricsF(small, painter.device())
    painter.setFont(small)
    text, soft = palette.color(QPalette.ColorRole.WindowText), muted(palette)
    given_colour, received_colour = colours
    line = metrics.height()

    # Legend across the top: a swatch and a word for each direction.
    x = rect.left()
    for word, colour, outlined in ((tr("Given"), given_colour, False), (tr("Received"), received_colour, True)):
        swatch = QRectF(x, rect.top() + line * 0.2, line * 0.6, line * 0.6)
        painter.fillRect(swatch, colour)
        if outlined:
            painter.setPen(QPen(text, max(1.0, line * 0.03)))
            painter.drawRect(swatch)
        painter.setPen(text)
        width = metrics.horizontalAdvance(word)
        painter.drawText(QRectF(swatch.right() + line * 0.3, rect.top(), width + 2, line), 0, word)
        x = swatch.right() + line * 0.3 + width + line
    painter.setPen(soft)
    painter.drawText(QRectF(x, rect.top(), rect.right() - x, line), int(Qt.AlignmentFlag.AlignRight), tr("exchanges"))

    biggest = max((max(r.given, r.received) for r in rows), default=0)
    step = _step(max(1, biggest))
    ceiling = step * max(1, -(-biggest // step))
    axis_w = metrics.horizontalAdvance(str(ceiling)) + line * 0.4
    # Room above the plot for the legend and for a count over the tallest bar; below it, the labels.
    plot = QRectF(rect.left() + axis_w, rect.top() + line * 2.3, rect.width() - axis_w, rect.height() - line * 3.7)

    # Gridlines with their values at the left.
    value = 0
    while value <= ceiling:
        y = plot.bottom() - plot.height() * value / ceiling
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), max(1.0, line * 0.02)))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(soft)
        painter.drawText(
            QRectF(rect.left(), y - line / 2, axis_w - line * 0.3, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(value),
        )
        value += step

    slot = plot.width() / max(1, len(rows))
    bar = min(slot * 0.36, line * 1.4)
    widest = max((metrics.horizontalAdvance(r.label) for r in rows), default=0.0)
    every = max(1, int(-(-(widest + line * 0.5) // slot)))  # label every n-th slot so none touch
    show_counts = metrics.horizontalAdvance(str(biggest)) <= bar * 1.15
    for index, row in enumerate(rows):
        centre = plot.left() + slot * (index + 0.5)
        for count, colour, left, outlined in (
            (row.given, given_colour, centre - bar, False),
            (row.received, received_colour, centre, True),
        ):
            height = plot.height() * count / ceiling
            box = QRectF(left, plot.bottom() - height, bar, height)
            if count:
                painter.fillRect(box, colour)
                if outlined:
                    painter.setPen(QPen(text, max(1.0, line * 0.03)))
                    painter.drawRect(box)
            if count and show_counts:
                painter.setPen(text)
                painter.drawText(
                    QRectF(left - bar, box.top() - line, bar * 3, line),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    str(count),
                )
        if index % every == 0:
            painter.setPen(text)
            painter.drawText(
                QRectF(centre - slot * every / 2, plot.bottom() + line * 0.2, slot * every, line),
                int(Qt.AlignmentFlag.AlignHCenter),
                row.label,
            )
    painter.restore()
