"""What came of an introduction is written in its dialog and read on the timeline, where the introduction is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from netjournal.domain import ExchangeEntry, Kind
from netjournal.services.people import find_person
from netjournal.ui.dialogs.exchange_dialog import ExchangeDialog
from netjournal.ui.panels.timeline_view import meta_text
from netjournal.ui.shell.main_window import MainWindow

OUTCOME = "Tom hired her as head of data in March"


def _open_dialog() -> ExchangeDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, ExchangeDialog) and w.isVisible()), None)


def test_an_outcome_typed_in_the_dialog_shows_on_the_timeline(qtbot, window: MainWindow) -> None:
    ana = find_person(window.session.journal, "Ana Silva")
    assert ana is not None
    window.workspace.select_person(ana.id)
    timeline = window.workspace.timeline
    qtbot.waitUntil(lambda: any(isinstance(e, ExchangeEntry) for e in timeline.model.entries()))
    introduction = next(
        e for e in timeline.model.entries() if isinstance(e, ExchangeEntry) and e.kind is Kind.INTRODUCTION
    )
    assert introduction.outcome == ""
    row = timeline.model.find(introduction.type, introduction.id)
    assert row is not None
    window.activateWindow()
    timeline.list.setFocus()
    timeline.list.setCurrentIndex(timeline.model.index(row))
    qtbot.waitUntil(timeline.list.hasFocus)

    qtbot.keyClick(timeline.list, Qt.Key.Key_Return)  # edit the introduction
    qtbot.waitUntil(lambda: _open_dialog() is not None)
    dialog = _open_dialog()
    assert dialog is not None and dialog.outcome_field.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and dialog.isAncestorOf(QApplication.focusWidget()))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.outcome_field
    qtbot.keyClicks(dialog.outcome_field, OUTCOME)
    with qtbot.waitSignal(window.session.changed):
        qtbot.keyClick(dialog.outcome_field, Qt.Key.Key_Return)  # Enter saves, as in every entry dialog

    def shown() -> ExchangeEntry | None:
        return next(
            (e for e in timeline.model.entries() if isinstance(e, ExchangeEntry) and e.id == introduction.id), None
        )

    qtbot.waitUntil(lambda: (entry := shown()) is not None and entry.outcome == OUTCOME)
    entry = shown()
    assert entry is not None
    meta, _warns = meta_text(entry, entry.date, ana.id)
    assert meta.endswith(f"came of it: {OUTCOME}")
    row = timeline.model.find(entry.type, entry.id)
    assert row is not None
    spoken = timeline.model.data(timeline.model.index(row), Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.endswith(f"What came of it: {OUTCOME}")
