"""Light, dark, or as the system is: the window's palette, changed at once.

"system" sets no palette of its own, so the desktop's is used and followed
when it changes between light and dark; "light" and
"dark" set a palette of their own, so they look the same on every desktop.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

APPEARANCES = ("system", "light", "dark")


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a",
        QPalette.ColorRole.AlternateBase: "#2a2b2f",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#2d2e31",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#3d6fb6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#2d2e31",
        QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.Mid: "#3c4043",
        QPalette.ColorRole.Dark: "#111214",
        QPalette.ColorRole.Light: "#3c4043",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f7378"))
    return palette


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")  # a light palette that does not depend on the desktop's theme
    return style.standardPalette() if style is not None else QPalette()


def apply_appearance(app: QApplication, appearance: str) -> None:
    """Put ``appearance`` in force for every window of ``app``; unknown values mean "system"."""
    hints = QGuiApplication.styleHints()
    if appearance == "dark":
        hints.setColorScheme(Qt.ColorScheme.Dark)  # native parts (title bars, dialogs) follow where they can
        app.setPalette(dark_palette())
    elif appearance == "light":
        hints.setColorScheme(Qt.ColorScheme.Light)
        app.setPalette(light_palette())
    else:
        hints.unsetColorScheme()
        app.setPalette(QPalette())  # nothing set: every colour comes from the platform's theme again
