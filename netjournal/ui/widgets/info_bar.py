"""A dismissible line of news above the window's pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class InfoBar(QWidget):
    """A dismissible line above the pages (for the demo journal's passphrase)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("infoBar")
        self.label = QLabel(self)
        self.label.setObjectName("infoBarText")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setWordWrap(True)
        close = QPushButton(self.tr("Dismiss"), self)
        close.setAccessibleName(self.tr("Dismiss this message"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.backgroundRole().AlternateBase)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def add_line(self, text: str) -> None:
        """Show ``text`` under whatever the bar already says (the demo's passphrase must stay readable)."""
        current = self.label.text() if not self.isHidden() else ""
        self.show_message(f"{current}\n{text}" if current else text)

    def remove_line(self, text: str) -> None:
        """Take back a line added with ``add_line`` (journal content must not outlive a lock), leaving the rest."""
        lines = self.label.text().split("\n")
        if text not in lines:
            return
        lines.remove(text)
        rest = "\n".join(lines)
        self.label.setText(rest)
        self.setAccessibleDescription(rest)
        if not rest:
            self.hide()
