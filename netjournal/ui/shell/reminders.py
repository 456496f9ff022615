"""Open loops that are due: a line when the journal opens, a count in the status bar, a notification.

The count follows every change; at each midnight while the journal is open
the loops are looked at again, and those falling due that day are announced
by a desktop notification when Preferences ask for it and the desktop has a
tray to show it from (an offscreen or tray-less session simply has none).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QSystemTrayIcon, QWidget

from netjournal.services.reminders import DueLoop, DueLoops, due_loops
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session
from netjournal.ui.widgets import icons
from netjournal.ui.widgets.common import plural
from netjournal.ui.widgets.dates import format_date
from netjournal.ui.widgets.info_bar import InfoBar


def loop_text(loop: DueLoop) -> str:
    who = loop.person_name or tr("the network")
    return tr("“{what}” ({who}, due {due})").format(what=loop.what, who=who, due=format_date(loop.due_on))


def start_line(due: DueLoops, today: dt.date) -> str:
    """The sentence shown when the journal opens; empty when nothing is due."""
    if not due.loops:
        return ""
    if len(due.loops) == 1:
        return tr("An open loop is due: {0}.").format(loop_text(due.loops[0]))
    today_count = len(due.due_today(today))
    late, oldest = len(due.loops) - today_count, loop_text(due.loops[0])
    if not today_count:
        return tr("{count} open loops are overdue; the oldest is {oldest}.").format(count=late, oldest=oldest)
    if not late:
        return tr("{count} open loops are due today, among them {oldest}.").format(count=today_count, oldest=oldest)
    return tr("{count} open loops are due ({today} today, {late} overdue); the oldest is {oldest}.").format(
        count=len(due.loops), today=today_count, late=late, oldest=oldest
    )


def until_next_midnight(now: dt.datetime) -> int:
    """Milliseconds from ``now`` (local) to the next local midnight, when loops may fall due."""
    tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), now.tzinfo)
    return max(1_000, int((tomorrow - now).total_seconds() * 1000) + 1_000)  # a second late, never early


class LoopReminders(QObject):
    """``fellDue(text)`` is emitted for loops that fall due while the journal is open and notifications are on."""

    fellDue = Signal(str)

    def __init__(
        self,
        session: Session,
        status_bar: QStatusBar,
        info: InfoBar,
        parent: QWidget,
        *,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        super().__init__(parent)
        self._session, self._info, self.clock = session, info, now
        self.shown_line = ""
        self.notify = False
        self.label = QLabel(parent)
        self.label.setObjectName("dueLoopsStatus")
        status_bar.addPermanentWidget(self.label)
        self.label.hide()
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self._new_day)
        self._tray: QSystemTrayIcon | None = None
        self._recount = QTimer(self, singleShot=True, interval=0)  # one count for a burst of changes
        self._recount.timeout.connect(self.refresh)
        session.opened.connect(self._opened)
        session.changed.connect(lambda _change: self._recount.start())
        session.closed.connect(self._closed)

    def _today(self) -> dt.date:
        return self.clock().date()

    def refresh(self) -> DueLoops | None:
        if not self._session.is_open:
            return None
        due = due_loops(self._session.journal, self._today())
        count = len(due.loops)
        text = plural(count, tr("1 open loop due"), tr("{0} open loops due"))
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.label.setToolTip("\n".join(loop_text(loop) for loop in due.loops[:10]))
        self.label.setVisible(count > 0)
        return due

    def _opened(self) -> None:
        due = self.refresh()
        self.timer.start(until_next_midnight(self.clock()))
        if due is not None and due.loops:
            line = start_line(due, self._today())
            QTimer.singleShot(0, self, lambda: self._show_line(line))  # after the opening's own news

    def _show_line(self, line: str) -> None:
        if self._session.is_open:
            self._info.add_line(line)
            self.shown_line = line

    def _closed(self) -> None:
        self.timer.stop()
        self._info.remove_line(self.shown_line)
        self.shown_line = ""
        self.label.clear()
        self.label.setToolTip("")
        self.label.hide()

    def _new_day(self) -> None:
        due = self.refresh()
        if due is None:
            return
        self.timer.start(until_next_midnight(self.clock()))
        fresh = due.due_today(self._today())
        if fresh and self.notify:
            # Only a count: the desktop may keep notifications in a history outside the encrypted journal.
            text = plural(len(fresh), tr("An open loop is due today."), tr("{0} open loops are due today."))
            self.fellDue.emit(text)
            self._show_notification(text)

    def _show_notification(self, text: str) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return  # no tray on this desktop (or offscreen): the status bar says it instead
        if self._tray is None:
            self._tray = QSystemTrayIcon(icons.icon("netjournal", "#000000", 64), self)
        self._tray.show()
        self._tray.showMessage(tr("netjournal"), text, QSystemTrayIcon.MessageIcon.Information, 15_000)
