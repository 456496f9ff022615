"""Keys and look-ups the view tests share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press_view_key(qtbot, window, digit: int) -> None:
    """Ctrl+4 … Ctrl+8, the View menu's keys, typed at the window."""
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + digit), Qt.KeyboardModifier.ControlModifier)


def texts(table) -> list[list[str]]:
    return [
        [table.topLevelItem(row).text(column) for column in range(table.columnCount())]
        for row in range(table.topLevelItemCount())
    ]
