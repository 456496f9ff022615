"""The timeline keeps its place through changes, refreshes every way it can be shown, and skips headers."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from netjournal.domain import EntryType, TimelineEntry
from netjournal.services import deletions, entries, relationships
from netjournal.services.people import find_person
from netjournal.services.search import search
from netjournal.ui.models.timeline_model import HeaderRole
from netjournal.ui.panels.timeline_view import TimelinePane
from netjournal.ui.shell.main_window import MainWindow

TODAY = dt.date.today()


def person_id(window: MainWindow, name: str) -> int:
    person = find_person(window.session.journal, name)
    assert person is not None
    return person.id


def key(entry: TimelineEntry | None) -> tuple[EntryType, int] | None:
    return None if entry is None else (entry.type, entry.id)


def make_current(timeline: TimelinePane, entry: TimelineEntry) -> None:
    row = timeline.model.find(entry.type, entry.id)
    assert row is not None
    timeline.list.setCurrentIndex(timeline.model.index(row))


def add_network_contribution(window: MainWindow, summary: str, days_ago: int) -> int:
    data = entries.ExchangeInput(
        "given", "resource", summary, None, date=TODAY - dt.timedelta(days=days_ago), community="X"
    )
    return entries.add_exchange(window.session.journal, data)


def test_enter_edits_the_same_entry_again_after_saving_it(qtbot, window: MainWindow) -> None:
    window.workspace.select_person(person_id(window, "Tom Reyes"))
    timeline = window.workspace.timeline
    exchange = [e for e in timeline.model.entries() if e.type is EntryType.EXCHANGE][1]
    make_current(timeline, exchange)
    for summary in ("Reviewed Tom's hiring rubric, second pass", "Reviewed Tom's hiring rubric, third pass"):
        qtbot.keyClick(timeline.list, Qt.Key.Key_Return)
        dialog = window.entries.current_dialog
        assert dialog is not None, "Enter finds a current entry to edit"
        field = dialog.findChild(QLineEdit, "summaryField")
        field.setText(summary)
        with qtbot.waitSignal(timeline.model.modelReset):
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert key(timeline.list.current_entry()) == key(exchange)
        assert timeline.list.current_entry().title == summary


def test_a_change_elsewhere_keeps_the_current_entry(qtbot, window: MainWindow) -> None:
    window.workspace.show_everyone()
    timeline = window.workspace.timeline
    chosen = timeline.model.entries()[3]
    make_current(timeline, chosen)
    with qtbot.waitSignal(timeline.model.modelReset):
        entries.add_touchpoint(window.session.journal, person_id(window, "Lee Park"), "Coffee with Lee")
    assert timeline.model.entries()[0].title == "Coffee with Lee"
    assert key(timeline.list.current_entry()) == key(chosen)


def test_the_timeline_from_a_network_entry_back_stays_so_after_a_change(qtbot, window: MainWindow) -> None:
    old = add_network_contribution(window, "Sponsored the Lisbon data meetup pizza", days_ago=200)
    [hit] = [h for h in search(window.session.journal, "sponsored pizza") if h.entity == "exchange"]
    window.workspace.open_hit(hit)
    timeline = window.workspace.timeline
    assert key(timeline.model.entries()[0]) == (EntryType.EXCHANGE, old)
    assert timeline.caption.isVisibleTo(window)
    with qtbot.waitSignal(timeline.model.modelReset):
        entries.add_touchpoint(window.session.journal, person_id(window, "Lee Park"), "Coffee with Lee")
    assert key(timeline.model.entries()[0]) == (EntryType.EXCHANGE, old)  # still from that entry back
    assert "from this entry back" in timeline.caption.text()
    assert key(timeline.list.current_entry()) == (EntryType.EXCHANGE, old)


def test_the_entries_behind_a_hint_refresh_when_one_is_deleted(qtbot, window: MainWindow) -> None:
    tom = person_id(window, "Tom Reyes")
    reason = next(
        r for r in relationships.relationship(window.session.journal, tom).hint.reasons if len(r.entry_ids) > 1
    )
    window.workspace.select_person(tom)
    window.workspace.relationship.entriesRequested.emit(list(reason.entry_ids), reason.text)
    timeline = window.workspace.timeline
    shown = [e.id for e in timeline.model.entries()]
    assert sorted(shown) == sorted(reason.entry_ids)
    gone = shown[0]
    with qtbot.waitSignal(timeline.model.modelReset):
        deletions.delete_entry(window.session.journal, EntryType.EXCHANGE, gone)
    assert [e.id for e in timeline.model.entries()] == shown[1:]
    assert "entries behind" in timeline.caption.text()


def test_a_failed_query_leaves_the_rows_in_place(qtbot, window: MainWindow, monkeypatch) -> None:
    from netjournal.ui.models import timeline_model

    window.workspace.show_everyone()
    model = window.workspace.timeline.model
    before = model.entries()

    def broken(*_args: object, **_kwargs: object) -> list[TimelineEntry]:
        raise RuntimeError("disk went away")

    monkeypatch.setattr(timeline_model, "timeline_page", broken)
    resets: list[str] = []
    model.modelAboutToBeReset.connect(lambda: resets.append("begin"))
    with pytest.raises(RuntimeError):
        model.refresh()
    assert resets == []  # the query failed before any reset began
    assert model.entries() == before


def test_arrow_keys_step_over_month_headers(qtbot, window: MainWindow) -> None:
    window.workspace.show_everyone()
    timeline = window.workspace.timeline
    view, model = timeline.list, timeline.model
    assert model.index(0).data(HeaderRole) is not None
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Up)  # nothing above but the header: stay on the first entry
    assert view.currentIndex().row() == 1
    rows = [model.index(r).data(HeaderRole) is not None for r in range(model.rowCount())]
    second_header = rows.index(True, 1)
    view.setCurrentIndex(model.index(second_header - 1))
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == second_header + 1
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == second_header - 1
    for _ in range(model.rowCount()):
        qtbot.keyClick(view, Qt.Key.Key_Down)
        assert view.current_entry() is not None, "Enter always has an entry to edit"
