"""Preferences: when the journal locks itself.

The dialog only shows and returns the choices; the window stores them and applies them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class LockPreferences:
    idle_minutes: int
    with_screen: bool


class PreferencesDialog(QDialog):
    """After ``accepted``, ``preferences()`` gives what the user chose."""

    def __init__(
        self,
        current: LockPreferences,
        *,
        minutes_range: tuple[int, int],
        screen_lock_available: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(460)

        self.minutes = QSpinBox(self)
        self.minutes.setObjectName("idleMinutesField")
        self.minutes.setAccessibleName(self.tr("Minutes without use before the journal locks"))
        self.minutes.setRange(*minutes_range)
        self.minutes.setValue(current.idle_minutes)
        before = QLabel(self.tr("&Lock after"), self)
        before.setBuddy(self.minutes)
        after = QLabel(self.tr("minutes without use"), self)
        row = QHBoxLayout()
        row.addWidget(before)
        row.addWidget(self.minutes)
        row.addWidget(after, 1)
        why = self._help(
            "idleLockHelp",
            self.tr(
                "There is no “never”: an open journal on a computer left unattended can be read by anyone "
                "who sits down at it, as if it were not encrypted at all."
            ),
        )
        self.minutes.setAccessibleDescription(why.text())

        self.with_screen = QCheckBox(self.tr("Lock when the screen locks or the computer &sleeps"), self)
        self.with_screen.setObjectName("lockWithScreenField")
        self.with_screen.setAccessibleName(self.tr("Lock when the screen locks or the computer sleeps"))
        self.with_screen.setChecked(current.with_screen)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(why)
        layout.addSpacing(8)
        layout.addWidget(self.with_screen)
        if not screen_lock_available:
            # Say so rather than offer a switch that silently does nothing here.
            unavailable = self._help(
                "screenLockUnavailable",
                self.tr("This desktop does not tell netjournal when it locks or sleeps: only the time above applies."),
            )
            self.with_screen.setAccessibleDescription(unavailable.text())
            layout.addWidget(unavailable)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        self.minutes.setFocus()

    def _help(self, name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        return label

    def preferences(self) -> LockPreferences:
        return LockPreferences(idle_minutes=self.minutes.value(), with_screen=self.with_screen.isChecked())
