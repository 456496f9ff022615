"""Full-text search: a results list with highlighted snippets; Enter jumps to the entry."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QFontMetrics, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from netjournal.services.search import SNIPPET_END, SNIPPET_START, SearchHit, search
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session
from netjournal.ui.widgets.colors import muted
from netjournal.ui.widgets.common import plural
from netjournal.ui.widgets.dates import format_date

HitRole = Qt.ItemDataRole.UserRole + 1
ENTITY_LABELS = {
    "exchange": "Exchange",
    "touchpoint": "Touchpoint",
    "loop": "Open loop",
    "reflection": "Reflection",
    "person": "Person",
    "circumstance": "Circumstance",
    "contact_detail": "Contact detail",
    "brokered_introduction": "Introduction between others",
}


def hit_caption(hit: SearchHit) -> str:
    parts = [tr(ENTITY_LABELS.get(hit.entity, hit.entity))]
    if hit.person_name:
        parts.append(hit.person_name)
    if hit.date and hit.entity not in ("person", "contact_detail"):
        parts.append(format_date(hit.date))
    return " · ".join(parts)


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = hits
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.plain_snippet()
        if role == HitRole:
            return hit
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return f"{hit_caption(hit)}: {hit.plain_snippet()}"
        return None


class SearchDelegate(QStyledItemDelegate):
    """Caption line in muted text, then the snippet with matched words in bold."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(300, QFontMetrics(option.font).height() * 2 + 14)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        hit: SearchHit = index.data(HitRole)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        if opt.widget:
            opt.widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        line = QFontMetrics(option.font).height()
        rect = option.rect.adjusted(10, 6, -10, -6)
        painter.save()
        painter.setPen(text_color if selected else muted(palette))
        painter.drawText(rect.left(), rect.top(), rect.width(), line, Qt.AlignmentFlag.AlignLeft, hit_caption(hit))
        snippet = " ".join(html.escape(hit.snippet).split())
        snippet = snippet.replace(SNIPPET_START, "<b>").replace(SNIPPET_END, "</b>")
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(f"<span style='white-space:nowrap'>{snippet}</span>")
        painter.translate(rect.left(), rect.top() + line + 2)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text_color)
        context.clip = QRectF(0, 0, rect.width(), line + 2)
        painter.setClipRect(context.clip)
        document.documentLayout().draw(painter, context)
        painter.restore()


class _ResultsList(QListView):
    activatedByKey = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedByKey.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class SearchBox(QLineEdit):
    """Enter opens the newest match; Down moves into the results; Esc clears."""

    intoResults = Signal()
    openFirst = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.intoResults.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.openFirst.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    """Results for the text in ``box`` (which lives in the toolbar)."""

    hitActivated = Signal(object)  # SearchHit
    queryChanged = Signal(str)

    DEBOUNCE_MS = 120

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.box = SearchBox(self)
        self.box.setObjectName("searchBox")
        self.box.setAccessibleName(self.tr("Search everything"))
        self.box.setPlaceholderText(self.tr("Search everything (Ctrl+F)"))
        self.box.setClearButtonEnabled(True)
        self.model = SearchResultsModel(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("searchSummary")
        self.results = _ResultsList(self)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setModel(self.model)
        self.results.setItemDelegate(SearchDelegate(self.results))
        self.results.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self, singleShot=True, interval=self.DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.box.textChanged.connect(self._text_changed)
        self.box.intoResults.connect(self._into_results)
        self.box.openFirst.connect(self._open_first)
        self.results.activated.connect(self._activate)
        self.results.activatedByKey.connect(self._activate)
        session.closed.connect(self.clear)

    def _text_changed(self, text: str) -> None:
        self.queryChanged.emit(text)
        self._timer.start()

    def run_search(self) -> None:
        self._timer.stop()
        text = self.box.text().strip()
        if not text or not self._session.is_open:
            self.model.set_hits([])
            self.summary.setText("")
            return
        hits = search(self._session.journal, text, limit=100)
        self.model.set_hits(hits)
        if not hits:
            self.summary.setText(self.tr("No matches for “{0}”.").format(text))
        else:
            self.summary.setText(
                plural(
                    len(hits),
                    self.tr("1 match. Enter opens it in its timeline."),
                    self.tr("{0} matches, newest first. Enter opens one in its timeline."),
                )
            )

    def _into_results(self) -> None:
        if self._timer.isActive():
            self.run_search()
        if self.model.rowCount():
            self.results.setFocus()
            self.results.setCurrentIndex(self.model.index(0))

    def _open_first(self) -> None:
        if self._timer.isActive():
            self.run_search()
        if self.model.rowCount():
            self._activate(self.model.index(0))

    def _activate(self, index: QModelIndex) -> None:
        hit = index.data(HitRole)
        if hit is not None:
            self.hitActivated.emit(hit)

    def clear(self) -> None:
        # setText, unlike clear(), also forgets the undo history: no query comes back after a lock.
        # Signals stay on so the box updates its clear button; the search it schedules is cancelled.
        self.box.setText("")
        self._timer.stop()
        self.model.set_hits([])
        self.summary.setText("")
        self.queryChanged.emit("")
