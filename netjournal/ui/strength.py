"""A passphrase strength meter backed by zxcvbn."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

MIN_SCORE = 2
_MAX_CHARS = 72  # zxcvbn 4.5 refuses longer input


def estimate(passphrase: str) -> tuple[int, str]:
    """zxcvbn's score (0–4) and a short sentence of feedback."""
    if not passphrase:
        return 0, ""
    from zxcvbn import zxcvbn

    result = zxcvbn(passphrase[:_MAX_CHARS])
    feedback = result.get("feedback", {})
    words = [feedback.get("warning") or "", *list(feedback.get("suggestions") or [])]
    crack = result.get("crack_times_display", {}).get("offline_slow_hashing_1e4_per_second", "")
    text = " ".join(w for w in words if w)
    if crack:
        text = (text + " " if text else "") + f"Time to guess offline: {crack}."
    return int(result["score"]), text


class PassphraseStrength(QWidget):
    LABELS = ("Very weak", "Weak", "Fair", "Strong", "Very strong")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meter = QProgressBar(self)
        self.meter.setObjectName("strengthMeter")
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.feedback = QLabel(self)
        self.feedback.setObjectName("strengthFeedback")
        self.feedback.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.meter)
        layout.addWidget(self.feedback)
        self.score = 0
        self.set_passphrase("")

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_SCORE

    def set_passphrase(self, passphrase: str) -> None:
        self.score, text = estimate(passphrase)
        self.meter.setValue(self.score if passphrase else 0)
        self.meter.setFormat(self.tr(self.LABELS[self.score]) if passphrase else self.tr("Type a passphrase"))
        self.feedback.setText(text)
        self.meter.setAccessibleDescription(self.meter.format())
