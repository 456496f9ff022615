"""The first screen when no journal is known yet: what netjournal is, and three ways in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCommandLinkButton, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from netjournal.ui.widgets import icons
from netjournal.ui.widgets.common import is_palette_change

_MAX_WIDTH = 520
_BUTTON_STYLE = """
QCommandLinkButton {
  border: 1px solid palette(mid); border-radius: 8px; background: palette(base); padding: 10px 12px;
}
QCommandLinkButton:hover { border-color: palette(highlight); }
QCommandLinkButton:focus { border: 2px solid palette(highlight); }
QCommandLinkButton:pressed { background: palette(alternate-base); }
"""


class WelcomeScreen(QWidget):
    """Centred welcome with create / open / demo buttons; it only emits requests."""

    createRequested = Signal()
    openRequested = Signal()
    demoRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeScreen")
        self.setAccessibleName(self.tr("Welcome to netjournal"))

        column = QWidget(self)
        column.setMaximumWidth(_MAX_WIDTH)
        column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

        logo = QLabel(column)
        logo.setObjectName("welcomeIcon")
        logo.setPixmap(icons.pixmap("netjournal", "#000000", 72, self.devicePixelRatioF()))
        logo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        logo.setAccessibleName(self.tr("netjournal logo"))

        title = QLabel(self.tr("Welcome to netjournal"), column)
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        about = QLabel(
            self.tr(
                "A private record of what passes between you and the people you know: the help you gave, "
                "the help you got, the introductions, the promises still open. "
                "Everything stays on this computer, in one encrypted file that only your passphrase unlocks, "
                "and it works without a network connection."
            ),
            column,
        )
        about.setObjectName("welcomeText")
        about.setWordWrap(True)
        about.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # Said before anyone makes a journal, and again when they choose the passphrase (create_journal.py).
        self.passphrase_note = QLabel(
            self.tr(
                "<b>Your passphrase is the only key to your journal.</b> No one can recover or reset it, "
                "not even netjournal: if you lose it, what the journal holds is lost with it."
            ),
            column,
        )
        self.passphrase_note.setObjectName("welcomePassphraseNote")
        self.passphrase_note.setAccessibleName(self.tr("About your passphrase"))
        self.passphrase_note.setTextFormat(Qt.TextFormat.RichText)
        self.passphrase_note.setWordWrap(True)
        self.passphrase_note.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        self.create_button = self._button(
            self.tr("Create a journal…"),
            self.tr("Start your own, locked with a passphrase you choose."),
            "createButton",
            "add",
            column,
        )
        self.open_button = self._button(
            self.tr("Open a journal…"),
            self.tr("Pick a journal file you already have, on this computer or a backup."),
            "openButton",
            "lock",
            column,
        )
        self.demo_button = self._button(
            self.tr("Try the demo"),
            self.tr("Explore a sample journal of made-up people and history."),
            "demoButton",
            "network",
            column,
        )
        self.create_button.clicked.connect(self.createRequested)
        self.open_button.clicked.connect(self.openRequested)
        self.demo_button.clicked.connect(self.demoRequested)

        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(logo)
        layout.addWidget(title)
        layout.addSpacing(4)
        layout.addWidget(about)
        layout.addWidget(self.passphrase_note)
        layout.addSpacing(16)
        for button in (self.create_button, self.open_button, self.demo_button):
            layout.addWidget(button)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 10)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self._apply_icons()

    def _button(self, text: str, description: str, name: str, icon: str, parent: QWidget) -> QCommandLinkButton:
        button = QCommandLinkButton(text, description, parent)
        button.setObjectName(name)
        button.setProperty("iconName", icon)
        button.setIconSize(QSize(24, 24))
        button.setStyleSheet(_BUTTON_STYLE)
        button.setAccessibleName(text.rstrip("…"))
        button.setAccessibleDescription(description)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Outside a dialog a push button ignores Enter unless it is auto-default; a card should not.
        button.setAutoDefault(True)
        return button

    def _apply_icons(self) -> None:
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        for button in (self.create_button, self.open_button, self.demo_button):
            button.setIcon(icons.icon(button.property("iconName"), colour, 24))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if is_palette_change(event):
            self._apply_icons()
