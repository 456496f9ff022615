"""Qt's translation hook for strings outside QObject methods."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str, context: str = "netjournal") -> str:
    return QCoreApplication.translate(context, text)
