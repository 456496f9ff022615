"""Small widgets and text helpers the panels share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QTextDocumentFragment
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionFocusRect,
    QWidget,
)

from netjournal.ui.i18n import tr


class LinkButton(QPushButton):
    """A flat button drawn as a link (palette Link colour): a real button for keyboards and screen readers."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text()) + 6, metrics.height() + 6)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        font = QFont(self.font())
        font.setUnderline(True)
        painter.setFont(font)
        palette = self.palette()
        # Grey while disabled, like any other button, so a busy screen does not look clickable.
        disabled_text = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        painter.setPen(palette.color(QPalette.ColorRole.Link) if self.isEnabled() else disabled_text)
        painter.drawText(self.rect().adjusted(2, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter, self.text())
        if self.hasFocus():
            option = QStyleOptionFocusRect()
            option.initFrom(self)
            self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self)
        painter.end()


def later(receiver: QObject, call: Callable[[], object]) -> None:
    """Run ``call`` once the current event (a click) has returned, unless ``receiver`` is gone by then.

    A listener may rebuild the widget that was clicked, deleting it while its own signal is still running.
    """
    QTimer.singleShot(0, receiver, call)


def breakable(text: str) -> str:
    """Let a label wrap long paths after each separator (a zero-width space is a break opportunity)."""
    return text.replace("/", "/\u200b").replace("\\", "\\\u200b")


def show_message(widget: QLabel, text: str) -> None:
    """Show ``text`` in a message label (paths may wrap), or hide the label when ``text`` is empty."""
    widget.setText(breakable(text))
    widget.setAccessibleDescription(text)
    widget.setVisible(bool(text))


def tint(widget: QLabel, color: QColor) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    widget.setPalette(palette)


def make_busy_indicator(parent: QWidget, accessible_name: str) -> QProgressBar:
    """An indeterminate bar, hidden until needed; its space is kept so nothing jumps when it shows."""
    bar = QProgressBar(parent)
    bar.setObjectName("busyIndicator")
    bar.setAccessibleName(accessible_name)
    bar.setRange(0, 0)  # indeterminate
    bar.setTextVisible(False)
    bar.setMaximumHeight(bar.fontMetrics().height())
    policy = bar.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    bar.setSizePolicy(policy)
    bar.hide()
    return bar


def clear_layout(layout: QLayout) -> None:
    """Remove every widget now (not later), so no stale text lingers among the children."""
    while (item := layout.takeAt(0)) is not None:  # None once the layout is empty
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()


def label(
    text: str = "", *, name: str = "", rich: bool = False, muted: bool = False, bold: bool = False, scale: float = 1.0
) -> QLabel:
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    widget.setWordWrap(True)
    widget.setObjectName(name)
    if muted:
        widget.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    if bold or scale != 1.0:
        font = QFont(widget.font())
        font.setBold(bold)
        font.setPointSizeF(font.pointSizeF() * scale)
        widget.setFont(font)
    return widget


def set_text(widget: QLabel, text: str, caption: str = "") -> None:
    """Set a label's text and an accessible name that says what the text is about."""
    widget.setText(text)
    rich = widget.textFormat() == Qt.TextFormat.RichText
    plain = QTextDocumentFragment.fromHtml(text).toPlainText() if rich else text
    widget.setAccessibleName(f"{caption}: {plain}" if caption and plain else plain)


def introduced_text(broker: str | None, first: str | None, second: str | None) -> str:
    """ "Ana Silva introduced Ben Okafor to Chen Wei": an introduction between others, in words."""
    someone = tr("someone")
    return tr("{0} introduced {1} to {2}").format(broker or someone, first or someone, second or someone)


def format_date(day: dt.date) -> str:
    from netjournal.ui.widgets.dates import format_date as styled  # as Preferences say dates are written

    return styled(day)


def plural(count: int, one: str, many: str) -> str:
    """``one`` for 1, else ``many`` with the count filled in (both already translated)."""
    return one if count == 1 else many.format(count)


def days_text(days: int) -> str:
    return plural(days, tr("1 day"), tr("{0} days"))


def ago_text(days: int) -> str:
    return {0: tr("today"), 1: tr("yesterday")}.get(days) or tr("{0} days ago").format(days)


def age_text(days: int) -> str:
    """A rough age: days under two months, months under two years, then years."""
    if days < 60:
        return days_text(days)
    return tr("{0} months").format(days // 30) if days < 730 else tr("{0} years").format(days // 365)


def is_palette_change(event: QEvent) -> bool:
    """True for the events after which colours taken from the palette must be taken again."""
    return event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)


def secret_field(parent: QWidget, object_name: str, accessible_name: str) -> QLineEdit:
    """A passphrase field: no echo (which also keeps its text out of the undo history)."""
    field = QLineEdit(parent)
    field.setObjectName(object_name)
    field.setAccessibleName(accessible_name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field
