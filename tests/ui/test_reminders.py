"""Due loops: a line when the journal opens, a count in the status bar, a notification at midnight if asked for."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QSystemTrayIcon

from netjournal.domain import LoopKind
from netjournal.services import entries, people
from netjournal.services.reminders import DueLoop, DueLoops
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.shell.reminders import start_line, until_next_midnight


def status(window: MainWindow) -> QLabel:
    label = window.statusBar().findChild(QLabel, "dueLoopsStatus")
    assert label is not None
    return label


def test_a_due_loop_shows_on_opening_and_in_the_status_bar(qtbot, window: MainWindow) -> None:
    due = dt.date.today() - dt.timedelta(days=5)
    qtbot.waitUntil(lambda: "Send Ana the pricing spreadsheet" in window.info.label.text())
    assert window.info.isVisible()
    assert window.info.label.text() == (
        f"An open loop is due: “Send Ana the pricing spreadsheet” (Ana Silva, due {due.strftime('%-d %b %Y')})."
    )
    assert status(window).isVisible() and status(window).text() == "1 open loop due"
    assert "Send Ana the pricing spreadsheet" in status(window).toolTip()


def test_the_count_follows_changes(qtbot, window: MainWindow) -> None:
    journal = window.session.journal
    tom = people.find_person(journal, "Tom Reyes")
    assert tom is not None
    entries.add_loop(journal, "asked", "Ask Tom for the rubric", person_id=tom.id, due_on=dt.date.today(),
                     opened_on=dt.date.today() - dt.timedelta(days=3))  # fmt: skip
    qtbot.waitUntil(lambda: status(window).text() == "2 open loops due")
    (ana_loop,) = journal.sql("SELECT id FROM open_loop WHERE what LIKE 'Send Ana%'").fetchone()
    (tom_loop,) = journal.sql("SELECT id FROM open_loop WHERE what LIKE 'Ask Tom%'").fetchone()
    entries.close_loop(journal, ana_loop)
    entries.close_loop(journal, tom_loop)
    qtbot.waitUntil(lambda: not status(window).isVisible())


def test_locking_takes_the_reminder_away(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: "pricing spreadsheet" in window.info.label.text())
    window.lock()
    assert "pricing" not in window.info.label.text()
    assert status(window).text() == "" and status(window).toolTip() == "" and not status(window).isVisible()
    assert not window.reminders.timer.isActive()


def test_the_demo_banner_keeps_its_line(qtbot, window: MainWindow) -> None:
    window.reminders._opened()  # as on another opening, with a banner already up
    window.info.show_message("This is a demo journal; its passphrase is shown here.")
    qtbot.waitUntil(lambda: "pricing spreadsheet" in window.info.label.text())
    assert window.info.label.text().startswith("This is a demo journal")


def test_at_midnight_a_loop_falling_due_is_announced_when_asked_for(qtbot, window: MainWindow) -> None:
    journal = window.session.journal
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    lee = people.find_person(journal, "Lee Park")
    assert lee is not None
    entries.add_loop(journal, "promised", "Send Lee the meetup photos", person_id=lee.id, due_on=tomorrow)
    reminders = window.reminders
    assert reminders.timer.isActive() and reminders.timer.remainingTime() <= 24 * 3600 * 1000 + 1000
    reminders.clock = lambda: dt.datetime.combine(tomorrow, dt.time(0, 0, 1))

    reminders.notify = False
    announced: list[str] = []
    reminders.fellDue.connect(announced.append)
    reminders.timer.timeout.emit()
    assert announced == [], "notifications are off by default"
    assert status(window).text() == "2 open loops due"
    assert reminders.timer.isActive(), "and the next midnight is waited for"

    reminders.notify = True
    with qtbot.waitSignal(reminders.fellDue) as signal:
        reminders.timer.timeout.emit()
    # Only a count: a desktop's notification history is outside the encrypted journal.
    assert signal.args == ["An open loop is due today."]
    if not QSystemTrayIcon.isSystemTrayAvailable():  # offscreen: no tray, and nothing made of one
        assert reminders.findChild(QSystemTrayIcon) is None


def test_the_opening_line_says_how_many_are_late_and_how_many_due_today() -> None:
    today = dt.date(2026, 11, 20)

    def loop(number: int, days_late: int) -> DueLoop:
        due = today - dt.timedelta(days=days_late)
        return DueLoop(number, f"Loop {number}", due, LoopKind.PROMISED, 1, "Ana Silva")

    def line(*late: int) -> str:
        return start_line(DueLoops(tuple(loop(n, d) for n, d in enumerate(late)), None), today)

    assert line() == ""
    assert line(0) == "An open loop is due: “Loop 0” (Ana Silva, due 20 Nov 2026)."
    assert line(9, 2) == "2 open loops are overdue; the oldest is “Loop 0” (Ana Silva, due 11 Nov 2026)."
    assert line(0, 0) == "2 open loops are due today, among them “Loop 0” (Ana Silva, due 20 Nov 2026)."
    assert line(3, 0) == (
        "2 open loops are due (1 today, 1 overdue); the oldest is “Loop 0” (Ana Silva, due 17 Nov 2026)."
    )


def test_the_wait_is_to_the_next_local_midnight() -> None:
    evening = dt.datetime(2026, 11, 20, 23, 59, 0)
    assert until_next_midnight(evening) == 61_000  # a second after midnight, never before
    assert until_next_midnight(dt.datetime(2026, 11, 20, 0, 0, 0)) == 24 * 3600 * 1000 + 1000
