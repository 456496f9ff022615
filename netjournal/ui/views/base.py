"""What every view page shares: a heading, a sentence under it, and reloading only when seen."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from netjournal.domain import TimelineEntry
from netjournal.services.events import JournalChange
from netjournal.ui.session import Session
from netjournal.ui.widgets.common import label


class ViewPage(QWidget):
    """A page that reads the journal when it is shown, and again after a change while it is shown.

    A change while the page is hidden only marks it stale: five views reloading
    on every keystroke's save would cost the timeline its speed.
    """

    def __init__(self, session: Session, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName(name)
        self.setAccessibleName(title)
        self.heading = label(title, name=f"{name}Heading", bold=True, scale=1.25)
        self.caption: QLabel = label(name=f"{name}Caption", muted=True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(12, 10, 12, 10)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.caption)
        self._stale = True
        session.changed.connect(self._changed)
        session.closed.connect(self._closed)

    def reload(self) -> None:
        """Read the journal again and show it (subclasses)."""
        raise NotImplementedError

    def clear(self) -> None:
        """Forget everything shown: the journal is gone (subclasses)."""
        raise NotImplementedError

    def current_entry(self) -> TimelineEntry | None:
        """The entry chosen on this page, for Edit entry and Delete entry; ``None`` where it lists no entries."""
        return None

    def refresh(self) -> None:
        if self.session.is_open:
            self._stale = False
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _changed(self, _change: JournalChange) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _closed(self) -> None:
        self._stale = True
        self.caption.clear()
        self.clear()
