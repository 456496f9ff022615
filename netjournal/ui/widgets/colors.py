"""Semantic colours that read well on both light and dark palettes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from netjournal.exports.charts import direction_color, is_dark, muted

__all__ = ["direction_color", "is_dark", "muted", "overdue_color"]


def overdue_color(palette: QPalette) -> QColor:
    return QColor("#ff8a7a" if is_dark(palette) else "#b3261e")
