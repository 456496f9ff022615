"""Room to read: the selected entry in full under the timeline, one scrolling side column, remembered sizes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QScrollArea
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.app import open_main_window
from netjournal.domain import EntryType
from netjournal.services import entries
from netjournal.services.people import find_person
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.shell.settings import WindowSettings
from netjournal.ui.shell.workspace import default_sizes

TODAY = dt.date.today()
LONG = (
    "Walked Ana through the whole Series A data room: the cohort tables, the churn analysis by segment, the "
    "pricing experiments of the spring and why tier three was cut, and what the board asked about runway"
)


def person_id(window: MainWindow, name: str) -> int:
    person = find_person(window.session.journal, name)
    assert person is not None
    return person.id


def test_down_moves_the_selection_and_the_pane_shows_the_next_entry_in_full(qtbot, window: MainWindow) -> None:
    ana = person_id(window, "Ana Silva")
    data = entries.ExchangeInput(
        "given", "advice", LONG, ana, date=TODAY, details="She asked for the model as a spreadsheet.", significance=4
    )
    entries.add_exchange(window.session.journal, data)
    window.workspace.select_person(ana)
    timeline = window.workspace.timeline
    qtbot.waitUntil(lambda: any(e.title == LONG for e in timeline.model.entries()))
    first = timeline.model.find(EntryType.EXCHANGE, timeline.model.entries()[0].id)
    assert first is not None
    timeline.list.setFocus()
    timeline.list.setCurrentIndex(timeline.model.index(first))
    detail = timeline.detail.toPlainText()
    assert LONG in detail  # every word, where the row elides it
    assert "She asked for the model as a spreadsheet." in detail
    assert "significance 4 of 5" in detail and "You gave" in detail
    second = timeline.model.entries()[1]
    qtbot.keyClick(timeline.list, Qt.Key.Key_Down)
    assert timeline.list.current_entry() == second
    qtbot.waitUntil(lambda: second.title in timeline.detail.toPlainText())
    assert LONG not in timeline.detail.toPlainText()


def test_the_pane_forgets_the_entry_when_the_journal_locks(qtbot, window: MainWindow) -> None:
    window.workspace.select_person(person_id(window, "Ana Silva"))
    timeline = window.workspace.timeline
    timeline.list.setCurrentIndex(timeline.model.index(1))
    assert timeline.detail.entry() is not None
    window.lock()
    qtbot.waitUntil(lambda: not window.session.is_open)
    assert timeline.detail.entry() is None
    assert "Ana" not in timeline.detail.toPlainText()


def test_the_side_column_shows_one_scroll_area_at_a_time(qtbot, window: MainWindow) -> None:
    side = window.workspace.side
    prompts = window.workspace.prompts
    qtbot.waitUntil(lambda: len(prompts.cards()) > 0)

    def showing() -> list[QScrollArea]:
        return [s for s in side.findChildren(QScrollArea) if s.isVisible()]

    for tab in range(side.count()):
        side.setCurrentIndex(tab)
        assert len(showing()) == 1, [s.objectName() for s in showing()]
    assert side.tabText(side.indexOf(prompts)) == f"Prompts ({len(prompts.cards())})"


def test_ctrl_3_opens_the_prompts_tab_and_opening_a_person_from_a_prompt_returns(qtbot, window: MainWindow) -> None:
    side, prompts = window.workspace.side, window.workspace.prompts
    qtbot.waitUntil(lambda: len(prompts.cards()) > 0)
    assert side.currentWidget() is window.workspace.relationship
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: side.currentWidget() is prompts and QApplication.focusWidget() is prompts.cards()[0])
    card = next(c for c in prompts.cards() if c.prompt.person_id is not None)
    card.personRequested.emit(card.prompt.person_id)
    qtbot.waitUntil(lambda: side.currentWidget() is window.workspace.relationship)
    assert window.workspace.person_id == card.prompt.person_id


def test_splitter_sizes_come_back_from_the_settings(qtbot, window: MainWindow, settings_file: Path) -> None:
    path = window.session.journal.path
    workspace = window.workspace
    main = [300, workspace.splitter.width() - 300 - 330 - 2 * workspace.splitter.handleWidth(), 330]
    workspace.splitter.setSizes(main)
    timeline_splitter = workspace.timeline.splitter
    total = sum(timeline_splitter.sizes())
    timeline_splitter.setSizes([total - 250, 250])
    saved_main, saved_timeline = workspace.splitter.sizes(), timeline_splitter.sizes()
    window.close()
    settings = WindowSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    assert settings.splitter_state("main") is not None and settings.splitter_state("timeline") is not None
    again = open_main_window(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER, settings=settings)
    qtbot.addWidget(again)
    again.resize(window.size())  # offscreen, a restored geometry need not come back exactly
    qtbot.waitExposed(again)
    qtbot.waitUntil(lambda: again.workspace.splitter.sizes() == saved_main)
    # The pane keeps its height; the list above it takes what the window's height leaves (a reminder
    # line in the info bar, shown or not yet, changes that).
    qtbot.waitUntil(lambda: again.workspace.timeline.splitter.sizes()[1] == saved_timeline[1])


def test_at_1024_pixels_the_timeline_keeps_over_400_pixels(qtbot, window: MainWindow, settings_file: Path) -> None:
    assert default_sizes(1024)[1] >= 400
    assert default_sizes(1920)[1] >= 1100
    # A fresh window (no sizes remembered) at 1024×700.
    path = window.session.journal.path
    window.close()
    fresh = settings_file.with_name("fresh.ini")
    settings = WindowSettings(QSettings(str(fresh), QSettings.Format.IniFormat))
    small = open_main_window(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER, settings=settings)
    qtbot.addWidget(small)
    small.resize(1024, 700)
    qtbot.waitExposed(small)
    qtbot.waitUntil(lambda: small.workspace.timeline.list.width() >= 400)


def test_a_narrow_side_column_fits_its_view(qtbot, window: MainWindow, settings_file: Path) -> None:
    """The action buttons and the prompt cards' buttons wrap rather than widen the column past what shows."""
    path = window.session.journal.path
    window.close()
    settings = WindowSettings(QSettings(str(settings_file.with_name("narrow.ini")), QSettings.Format.IniFormat))
    small = open_main_window(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER, settings=settings)
    qtbot.addWidget(small)
    small.resize(1024, 700)
    qtbot.waitExposed(small)
    workspace = small.workspace
    sizes = workspace.splitter.sizes()
    workspace.splitter.setSizes([sizes[0], sizes[1] + sizes[2] - 280, 280])  # dragged narrower than it starts
    workspace.select_person(person_id(small, "Ana Silva"))
    relationship = workspace.relationship
    # The body never needs more width than the view has (else its right edge is cut off: no sideways scrolling).
    qtbot.waitUntil(lambda: relationship.widget().minimumSizeHint().width() <= relationship.viewport().width())
    workspace.focus_prompts()
    qtbot.waitUntil(lambda: len(workspace.prompts.cards()) > 0)
    scroll = workspace.prompts.findChild(QScrollArea, "promptsScroll")
    qtbot.waitUntil(lambda: scroll.widget().minimumSizeHint().width() <= scroll.viewport().width())
