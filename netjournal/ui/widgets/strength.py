"""A passphrase strength meter backed by zxcvbn, shared by the create and change-passphrase dialogs."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from netjournal.services.passphrase_policy import MIN_SCORE, SCORE_WORDS, assess
from netjournal.ui.i18n import tr
from netjournal.ui.widgets import colors
from netjournal.ui.widgets.common import is_palette_change


def estimate(passphrase: str, user_inputs: Iterable[str] = ()) -> tuple[int, str]:
    """The policy's score (0–4) and a sentence or two of feedback ("" for an empty passphrase)."""
    if not passphrase:
        return 0, ""
    strength = assess(passphrase, user_inputs)
    parts = [
        tr("Strength: {0}. Time to guess it from a stolen copy: {1}.").format(
            tr(SCORE_WORDS[strength.score]), strength.time_to_guess
        )
    ]
    if strength.warning:
        parts.append(tr(strength.warning))
    parts.extend(tr(suggestion) for suggestion in strength.suggestions)
    return strength.score, " ".join(parts)


def strength_color(score: int, palette: QPalette) -> QColor:
    """Red below the minimum, amber at it, green above; readable on light and dark palettes."""
    if score < MIN_SCORE:
        return colors.overdue_color(palette)
    if score == MIN_SCORE:
        return QColor("#f0b455" if colors.is_dark(palette) else "#9a5b00")
    return QColor("#5cc9a7" if colors.is_dark(palette) else "#1b7f5f")


class PassphraseStrength(QWidget):
    """A thin meter coloured by strength, with the verdict and zxcvbn's advice in a label below it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meter = QProgressBar(self)
        self.meter.setObjectName("strengthMeter")
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)  # the verdict is in the feedback sentence
        self.meter.setMaximumHeight(self.fontMetrics().height() // 2 + 2)
        self.feedback = QLabel(self)
        self.feedback.setObjectName("strengthFeedback")
        self.feedback.setAccessibleName(self.tr("Passphrase strength feedback"))
        self.feedback.setWordWrap(True)
        # Room for the usual advice, so the dialog does not jump (or clip it) while typing.
        self.feedback.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.feedback.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.meter)
        layout.addWidget(self.feedback)
        self.score = 0
        self.set_passphrase("")

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_SCORE

    def set_passphrase(self, passphrase: str, user_inputs: Iterable[str] = ()) -> None:
        """Rate ``passphrase``; ``user_inputs`` are extra words to treat as easy guesses."""
        self.score, text = estimate(passphrase, user_inputs)
        self.meter.setValue(self.score)
        self.meter.setAccessibleDescription(tr(SCORE_WORDS[self.score]) if passphrase else "")
        self.feedback.setText(text)
        self._apply_colours()

    def _apply_colours(self) -> None:
        palette = self.meter.palette()
        palette.setColor(QPalette.ColorRole.Highlight, strength_color(self.score, self.palette()))
        self.meter.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if is_palette_change(event):
            self._apply_colours()
