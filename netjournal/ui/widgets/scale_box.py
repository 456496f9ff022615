"""A spin box over a short scale (significance 1–5) that says so when a typed number is off the scale.

QSpinBox refuses such a number without a word and falls back to the value it
had (significance 0 became 3). Here a number outside the range may be typed;
leaving the field, or Enter, sets it to the nearest end of the scale and
``note`` says what happened, for the form to show beside the field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import QSpinBox, QWidget

from netjournal.ui.i18n import tr


class ScaleSpinBox(QSpinBox):
    """``outOfRange(typed, kept)`` fires when a typed number was moved onto the scale."""

    outOfRange = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = ""
        line_edit = self.lineEdit()
        if line_edit is not None:
            line_edit.textEdited.connect(self._forget_note)

    def _typed_number(self, text: str) -> int | None:
        digits = text.strip()
        return int(digits) if digits.isdigit() or (digits.startswith("-") and digits[1:].isdigit()) else None

    def _off_scale(self, text: str) -> bool:
        number = self._typed_number(text)
        return number is not None and not self.minimum() <= number <= self.maximum()

    def validate(self, text: str, pos: int) -> object:
        if self._off_scale(text):
            return QValidator.State.Intermediate, text, pos  # may be typed; moved onto the scale on leaving
        return super().validate(text, pos)

    def fixup(self, text: str) -> str:
        number = self._typed_number(text)
        if number is None or not self._off_scale(text):
            return super().fixup(text)
        kept = min(max(number, self.minimum()), self.maximum())
        self.note = tr("{0} is not on the scale of {1} to {2}, so it is {3}.").format(
            number, self.minimum(), self.maximum(), kept
        )
        self.outOfRange.emit(number, kept)
        return str(kept)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter on a number off the scale shows what it became instead of saving the form at once.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._off_scale(self.text()):
            self.interpretText()
            self.selectAll()
            event.accept()
            return
        super().keyPressEvent(event)

    def stepBy(self, steps: int) -> None:
        self._forget_note()
        super().stepBy(steps)

    def _forget_note(self) -> None:
        self.note = ""
