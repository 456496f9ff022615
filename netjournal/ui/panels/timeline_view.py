"""The timeline pane: a caption, a lazily filled list, and a delegate that draws entries."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from netjournal.domain import (
    BrokeredEntry,
    Direction,
    Entity,
    EntryType,
    ExchangeEntry,
    LoopEntry,
    LoopKind,
    ReflectionEntry,
    TimelineEntry,
    TouchpointEntry,
)
from netjournal.services.events import JournalChange
from netjournal.services.people import person_name
from netjournal.services.timeline import entry_position
from netjournal.ui.i18n import tr
from netjournal.ui.models.timeline_model import EntryRole, HeaderRole, MonthHeader, TimelineModel, answered_question
from netjournal.ui.panels.entry_detail import EntryDetail
from netjournal.ui.session import Session
from netjournal.ui.widgets import dates, icons
from netjournal.ui.widgets.colors import direction_color, muted, overdue_color
from netjournal.ui.widgets.common import introduced_text

ICON_SIZE = 18


def icon_name(entry: TimelineEntry) -> str:
    match entry:
        case ExchangeEntry():
            if entry.person_id is None:
                return "network"
            return "given" if entry.direction is Direction.GIVEN else "received"
        case LoopEntry():
            return "loop_done" if entry.done_on else "loop"
        case BrokeredEntry():
            return "introduction"
    return entry.type.value


def meta_text(entry: TimelineEntry, today: dt.date, shown_person_id: int | None = None) -> tuple[str, bool]:
    """The second line under an entry, and whether it warns (a loop past due).

    On a person's own timeline their name would repeat on every row, so it is left out.
    """
    who = "" if shown_person_id is not None and entry.person_id == shown_person_id else (entry.person_name or "")
    match entry:
        case ExchangeEntry():
            verb = tr("Gave") if entry.direction is Direction.GIVEN else tr("Received")
            parts = [verb, entry.kind.value, "●" * entry.significance + "○" * (5 - entry.significance)]
            if entry.person_id is None:
                parts.append(entry.community or tr("the network"))
            elif entry.second_person_name:
                parts.append(f"{entry.person_name or ''} ↔ {entry.second_person_name}")
            else:
                parts.append(who)
            if entry.reciprocates_id:
                parts.append(tr("returns an earlier exchange"))
            if entry.outcome:
                parts.append(tr("came of it: {0}").format(entry.outcome))
            return " · ".join(p for p in parts if p), False
        case TouchpointEntry():
            return " · ".join(p for p in (tr("In touch"), entry.channel, who) if p), False
        case LoopEntry():
            done, due = entry.done_on, entry.due_on
            late = bool(due and not done and due < today)
            if done:
                state = tr("done {0}").format(dates.format_date(done))
            else:
                state = tr("due {0}").format(dates.format_date(due)) if due else tr("open")
            if late:
                state += tr(" — past due")
            kind = tr("Promised") if entry.loop_kind is LoopKind.PROMISED else tr("Asked")
            return " · ".join(p for p in (kind, state, who) if p), late
        case BrokeredEntry():
            who = introduced_text(entry.person_name, entry.first_person_name, entry.second_person_name)
            parts = [tr("Between others"), who]
            if entry.outcome:
                parts.append(tr("came of it: {0}").format(entry.outcome))
            return " · ".join(parts), False
        case ReflectionEntry():
            answered = ""
            if entry.prompt_id:
                question = answered_question(entry)
                answered = tr("answers “{0}”").format(question) if question else tr("answers a prompt")
            return " · ".join(p for p in (tr("Reflection"), who, answered) if p), False


class TimelineDelegate(QStyledItemDelegate):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._pixmaps: dict[tuple[str, str], QPixmap] = {}

    def _pixmap(self, name: str, color: QColor) -> QPixmap:
        key = (name, color.name())
        if key not in self._pixmaps:
            self._pixmaps[key] = icons.pixmap(name, color, ICON_SIZE, 2.0)
        return self._pixmaps[key]

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        line = QFontMetrics(option.font).height()
        if index.data(HeaderRole) is not None:
            return QSize(300, line + 18)
        return QSize(300, line * 2 + 14)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        header: MonthHeader | None = index.data(HeaderRole)
        palette = option.palette
        painter.save()
        if header is not None:
            font = QFont(option.font)
            font.setWeight(QFont.Weight.Bold)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            rect = option.rect.adjusted(10, 8, -10, 0)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, header.label)
            painter.setPen(muted(palette))
            painter.setOpacity(0.4)
            painter.drawLine(
                option.rect.left() + 10, option.rect.bottom(), option.rect.right() - 10, option.rect.bottom()
            )
            painter.restore()
            return
        entry: TimelineEntry = index.data(EntryRole)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        tint = direction_color(entry.direction, palette) if isinstance(entry, ExchangeEntry) else muted(palette)
        metrics = QFontMetrics(option.font)
        line = metrics.height()
        rect = option.rect.adjusted(12, 7, -12, -7)
        painter.drawPixmap(rect.left(), rect.top() + (line - ICON_SIZE) // 2 + 1, self._pixmap(icon_name(entry), tint))
        text_left = rect.left() + ICON_SIZE + 10
        date_text = dates.format_day_in_year(entry.date)
        date_width = metrics.horizontalAdvance(dates.format_day_in_year(dt.date(2026, 12, 28)) + " ")
        painter.setPen(muted(palette) if not selected else text_color)
        painter.drawText(
            QRect(rect.right() - date_width, rect.top(), date_width, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            date_text,
        )
        title_rect = QRect(text_left, rect.top(), rect.right() - date_width - text_left - 8, line)
        painter.setPen(text_color)
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(entry.title, Qt.TextElideMode.ElideRight, title_rect.width()),
        )
        meta, warning = meta_text(entry, dt.date.today(), getattr(index.model(), "person_id", None))
        meta_rect = QRect(text_left, rect.top() + line + 2, rect.right() - text_left, line)
        if selected:
            painter.setPen(text_color)
        elif warning:
            painter.setPen(overdue_color(palette))
        elif entry.type is EntryType.EXCHANGE:
            painter.setPen(tint)
        else:
            painter.setPen(muted(palette))
        painter.drawText(
            meta_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(meta, Qt.TextElideMode.ElideRight, meta_rect.width()),
        )
        painter.restore()


class TimelineList(QListView):
    """Enter edits the current entry, Delete asks to delete it; the arrow keys step over month headers."""

    editRequested = Signal(object)
    deleteRequested = Signal(object)

    def __init__(self, model: TimelineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timeline = model  # model() is typed as any QAbstractItemModel; this is the one shown
        self.setModel(model)
        self.doubleClicked.connect(self._edit_index)

    def current_entry(self) -> TimelineEntry | None:
        index = self.currentIndex()
        return index.data(EntryRole) if index.isValid() else None

    def _edit_index(self, index: QModelIndex) -> None:
        entry = index.data(EntryRole)
        if entry is not None:
            self.editRequested.emit(entry)

    def moveCursor(self, action: QListView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        index = super().moveCursor(action, modifiers)
        if not index.isValid() or index.data(HeaderRole) is None:
            return index
        # A header is not an entry: go on in the same direction, or stay put at the top.
        backwards = action in (
            QListView.CursorAction.MoveUp,
            QListView.CursorAction.MovePrevious,
            QListView.CursorAction.MoveLeft,
            QListView.CursorAction.MovePageUp,
        )
        step = -1 if backwards else 1
        row = index.row() + step
        while 0 <= row < self._timeline.rowCount():
            candidate = self._timeline.index(row, 0)
            if candidate.data(HeaderRole) is None:
                return candidate
            row += step
        return self.currentIndex()

    def select_entry(self, entry_type: EntryType, entry_id: int, fallback_row: int | None = None) -> bool:
        """Make the entry current; when it is gone, the entry now nearest ``fallback_row`` (if any)."""
        model = self._timeline
        row = model.find(entry_type, entry_id)
        if row is None and fallback_row is not None and model.rowCount():
            row = min(fallback_row, model.rowCount() - 1)
            while row < model.rowCount() - 1 and model.index(row).data(HeaderRole) is not None:
                row += 1
            if model.index(row).data(HeaderRole) is not None:
                return False
        if row is None:
            return False
        self.setCurrentIndex(model.index(row))
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        entry = self.current_entry()
        if entry is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.editRequested.emit(entry)
            return
        if entry is not None and event.key() == Qt.Key.Key_Delete:
            self.deleteRequested.emit(entry)
            return
        super().keyPressEvent(event)


class TimelinePane(QWidget):
    """Title, an optional caption ("entries behind …" with a way back), the list and the selected entry in full."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = TimelineModel(session, self)
        self.title = QLabel(self)
        self.title.setObjectName("timelineTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.caption = QLabel(self)
        self.caption.setObjectName("timelineCaption")
        self.caption.setWordWrap(True)
        self.back = QPushButton(self.tr("Show the whole timeline"), self)
        self.back.setObjectName("timelineBack")
        self.back.clicked.connect(self._back_to_all)
        caption_row = QHBoxLayout()
        caption_row.addWidget(self.caption, 1)
        caption_row.addWidget(self.back)
        self.list = TimelineList(self.model, self)
        self.list.setObjectName("timeline")
        self.list.setAccessibleName(self.tr("Timeline"))
        self.list.setItemDelegate(TimelineDelegate(self.list))
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.empty = QLabel(self.tr("Nothing here yet. Log an exchange with Ctrl+N or a touchpoint with Ctrl+T."), self)
        self.empty.setObjectName("timelineEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addLayout(caption_row)
        self.detail = EntryDetail(self)
        # A vertical splitter: the entry in full keeps the height it was given (remembered across runs),
        # and the list takes whatever the window gains or loses (an info bar shown, a resize).
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("timelineSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([520, 160])
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.empty)
        self._set_caption("")
        session.closed.connect(self.clear)
        session.changed.connect(self._on_change)
        self.model.modelReset.connect(self._update_empty)
        self.model.rowsInserted.connect(self._update_empty)
        self.model.modelReset.connect(self._show_current)
        self.list.selectionModel().currentChanged.connect(self._show_current)
        self.clear()

    def show_person(self, person_id: int | None) -> None:
        name = self.tr("Everyone") if person_id is None else person_name(self._session.journal, person_id)
        self.title.setText(name)
        self._set_caption("")
        self.model.show_person(person_id)
        self.list.scrollToTop()

    def show_entries(self, exchange_ids: list[int], caption: str) -> None:
        self.model.show_entries(exchange_ids, caption)
        self._set_caption(self.tr("Showing the entries behind: {0}").format(caption))

    def jump_to(self, entry_type: EntryType, entry_id: int, person_id: int | None) -> bool:
        """Show the entry in its timeline, selected; False when it no longer exists."""
        if person_id is not None:
            self.show_person(person_id)
            row = self.model.find(entry_type, entry_id)
            while row is None and self.model.canFetchMore():
                self.model.fetchMore()
                row = self.model.find(entry_type, entry_id)
        else:
            start = entry_position(self._session.journal, entry_type, entry_id)
            if start is None:
                return False
            self.title.setText(self.tr("Everyone"))
            self.model.show_person(None, start=start)
            self._set_caption(self.tr("Showing the network's timeline from this entry back."))
            row = self.model.find(entry_type, entry_id)
        if row is None:
            return False
        index = self.model.index(row)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index, QListView.ScrollHint.PositionAtCenter)
        self.list.setFocus()
        return True

    def clear(self) -> None:
        self.title.setText("")
        self._set_caption("")
        self.model.clear()

    def _set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.caption.setVisible(bool(text))
        self.back.setVisible(bool(text))

    def _back_to_all(self) -> None:
        self.show_person(self.model.person_id)

    def _show_current(self, *_args: object) -> None:
        """The detail pane follows the current entry (none after a reset, until one is chosen)."""
        entry = self.list.current_entry() if self._session.is_open else None
        self.detail.show_entry(entry, self._session.journal if entry is not None else None)

    def _update_empty(self, *_args: object) -> None:
        self.empty.setVisible(self._session.is_open and self.model.rowCount() == 0)

    def _on_change(self, change: JournalChange) -> None:
        person = self.model.person_id
        if change.entity in (Entity.PROMPT_STATE, Entity.CIRCUMSTANCE):
            return
        evidence = bool(self.model.caption) and change.entity is Entity.EXCHANGE
        if (
            evidence
            or person is None
            or person in change.person_ids
            or change.is_whole_journal
            or change.entity is Entity.PERSON
        ):
            self.refresh()

    def refresh(self) -> None:
        """Reload the list, keeping the current entry current and the list where it was scrolled to."""
        current, row = self.list.current_entry(), self.list.currentIndex().row()
        scroll = self.list.verticalScrollBar().value()
        self.model.refresh()
        self.list.doItemsLayout()  # now, so the scroll range fits the new rows
        self.list.verticalScrollBar().setValue(scroll)
        if current is not None and self.list.select_entry(current.type, current.id, row):
            self.list.scrollTo(self.list.currentIndex())
