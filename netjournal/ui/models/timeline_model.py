"""A lazy timeline model: month headers and entries, fetched a page at a time.

The view asks ``canFetchMore``/``fetchMore`` as the user scrolls, so the
whole network's timeline never loads more than a few pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from netjournal.domain import (
    BrokeredEntry,
    Direction,
    EntryType,
    ExchangeEntry,
    LoopEntry,
    ReflectionEntry,
    TimelineEntry,
    TouchpointEntry,
)
from netjournal.services.prompting import question_for
from netjournal.services.timeline import Cursor, exchange_entries, timeline_page
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session
from netjournal.ui.widgets import dates
from netjournal.ui.widgets.common import introduced_text

EntryRole = Qt.ItemDataRole.UserRole + 1
HeaderRole = Qt.ItemDataRole.UserRole + 2
PAGE = 150


@dataclass(frozen=True, slots=True)
class MonthHeader:
    year: int
    month: int

    @property
    def label(self) -> str:
        return dt.date(self.year, self.month, 1).strftime("%B %Y")


def describe(entry: TimelineEntry) -> str:
    """The entry in one sentence, for screen readers and tooltips (direction in words, not colour)."""
    day = dates.format_long_date(entry.date)
    who = entry.person_name or tr("the network")
    match entry:
        case ExchangeEntry():
            verb = tr("Gave") if entry.direction is Direction.GIVEN else tr("Received")
            prep = tr("to") if entry.direction is Direction.GIVEN else tr("from")
            text = tr("{verb} {kind} {prep} {who} on {day}, significance {sig}: {title}").format(
                verb=verb, kind=entry.kind, prep=prep, who=who, day=day, sig=entry.significance, title=entry.summary
            )
            if entry.second_person_name:
                text += tr(" (introduced to {0})").format(entry.second_person_name)
            if entry.outcome:
                text += tr(". What came of it: {0}").format(entry.outcome)
            return text
        case TouchpointEntry():
            return tr("Kept in touch with {who} on {day}: {title}").format(who=who, day=day, title=entry.note)
        case LoopEntry():
            state = tr("done") if entry.done_on else tr("open")
            return tr("Open loop ({kind}, {state}) with {who} since {day}: {title}").format(
                kind=entry.loop_kind, state=state, who=who, day=day, title=entry.what
            )
        case BrokeredEntry():
            text = tr("Introduction between others on {day}: {who}, {title}").format(
                day=day,
                who=introduced_text(entry.person_name, entry.first_person_name, entry.second_person_name),
                title=entry.summary,
            )
            if entry.outcome:
                text += tr(". What came of it: {0}").format(entry.outcome)
            return text
        case ReflectionEntry():
            question = answered_question(entry)
            if question:
                return tr("Reflection on {day}, answering “{question}”: {title}").format(
                    day=day, question=question, title=entry.text
                )
            return tr("Reflection on {day}: {title}").format(day=day, title=entry.text)


def answered_question(entry: ReflectionEntry) -> str | None:
    """The question a reflection answered: as it was asked, or (older answers) the prompt's template."""
    if entry.prompt_text:
        return entry.prompt_text
    return question_for(entry.prompt_id) if entry.prompt_id else None


def _with_headers(entries: list[TimelineEntry], last: TimelineEntry | None = None) -> list[MonthHeader | TimelineEntry]:
    """The entries with a header before each new month (``last`` is the entry already shown above them)."""
    current = (last.date.year, last.date.month) if last else None
    rows: list[MonthHeader | TimelineEntry] = []
    for entry in entries:
        month = (entry.date.year, entry.date.month)
        if month != current:
            rows.append(MonthHeader(*month))
            current = month
        rows.append(entry)
    return rows


class TimelineModel(QAbstractListModel):
    """Rows are ``MonthHeader``s and ``TimelineEntry``s, newest first."""

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[MonthHeader | TimelineEntry] = []
        self._person_id: int | None = None
        self._start: Cursor | None = None  # where the timeline begins (None: the newest entry)
        self._cursor: Cursor | None = None  # where the next page begins
        self._exhausted = True
        self._active = False
        self._exchange_ids: list[int] | None = None  # exactly these exchanges, not a timeline
        self.caption = ""

    # -- what to show --------------------------------------------------------------
    # Each query runs before anything changes, so an error leaves the rows shown as they were,
    # and the state is in place before the reset ends (views may fetch more as it ends).

    def show_person(self, person_id: int | None, *, start: Cursor | None = None) -> None:
        """A person's timeline, or the whole network's (None); ``start`` begins at an entry."""
        page, cursor, exhausted = self._page(person_id, start)
        self._person_id, self._start, self._cursor, self._exhausted = person_id, start, cursor, exhausted
        self._exchange_ids = None
        self.caption = ""
        self._reset(_with_headers(page), active=True)

    def show_entries(self, exchange_ids: list[int], caption: str) -> None:
        """Exactly these exchanges (the evidence behind a pattern hint)."""
        shown = exchange_entries(self._session.journal, exchange_ids)
        self._exchange_ids = [e.id for e in shown]
        self._exhausted = True
        self.caption = caption
        self._reset(_with_headers(shown), active=True)

    def refresh(self) -> None:
        """Reload what is shown: the same exchanges (less any deleted since), or the timeline from the
        same start, as deep as it was loaded."""
        if not self._active:
            return
        if self._exchange_ids is not None:
            shown = exchange_entries(self._session.journal, self._exchange_ids)
            self._exchange_ids = [e.id for e in shown]
            self._reset(_with_headers(shown), active=True)
            return
        wanted = max(1, sum(isinstance(r, TimelineEntry) for r in self._rows))
        loaded: list[TimelineEntry] = []
        cursor, exhausted = self._start, False
        while not exhausted and len(loaded) < wanted:
            page, cursor, exhausted = self._page(self._person_id, cursor)
            loaded.extend(page)
        self._cursor, self._exhausted = cursor, exhausted
        self._reset(_with_headers(loaded), active=True)

    def clear(self) -> None:
        self._exhausted = True
        self._person_id = self._start = self._cursor = None
        self._exchange_ids = None
        self.caption = ""
        self._reset([], active=False)

    @property
    def person_id(self) -> int | None:
        return self._person_id

    @property
    def start(self) -> Cursor | None:
        return self._start

    def _reset(self, rows: list[MonthHeader | TimelineEntry], *, active: bool) -> None:
        self.beginResetModel()
        self._rows = rows
        self._active = active
        self.endResetModel()

    def _page(self, person_id: int | None, cursor: Cursor | None) -> tuple[list[TimelineEntry], Cursor | None, bool]:
        """One page from ``cursor``: its entries, where the next begins, and whether it was the last."""
        page = timeline_page(self._session.journal, person_id=person_id, cursor=cursor, limit=PAGE)
        return page, (Cursor.after(page[-1]) if page else cursor), len(page) < PAGE

    # -- lazy fetching ----------------------------------------------------------------

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        # Never while a worker re-encrypts or restores through the same connection.
        return not parent.isValid() and not self._exhausted and not self._session.busy

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        page, self._cursor, self._exhausted = self._page(self._person_id, self._cursor)
        last = next((r for r in reversed(self._rows) if isinstance(r, TimelineEntry)), None)
        rows = _with_headers(page, last)
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    # -- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def row_at(self, row: int) -> MonthHeader | TimelineEntry:
        return self._rows[row]

    def find(self, entry_type: EntryType, entry_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if isinstance(row, TimelineEntry) and row.type is entry_type and row.id == entry_id:
                return number
        return None

    def entries(self) -> list[TimelineEntry]:
        return [r for r in self._rows if isinstance(r, TimelineEntry)]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self._rows[index.row()], MonthHeader):
            return Qt.ItemFlag.ItemIsEnabled
        return super().flags(index)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if isinstance(row, MonthHeader):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return row.label
            if role == HeaderRole:
                return row
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == EntryRole:
            return row
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return describe(row)
        return None
