"""Semantic colours that read well on both light and dark palettes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from netjournal.domain import Direction


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def direction_color(direction: Direction | None, palette: QPalette) -> QColor:
    dark = is_dark(palette)
    if direction is Direction.GIVEN:
        return QColor("#5cc9a7" if dark else "#1b7f5f")  # green: value you gave
    if direction is Direction.RECEIVED:
        return QColor("#7fb2ff" if dark else "#2458b3")  # blue: value you received
    return palette.color(QPalette.ColorRole.PlaceholderText)


def overdue_color(palette: QPalette) -> QColor:
    return QColor("#ff8a7a" if is_dark(palette) else "#b3261e")


def muted(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.PlaceholderText)
