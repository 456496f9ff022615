"""Help: the keyboard-shortcut sheet, read off the window's own actions, and the guide to the ideas."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QTableWidget

from netjournal.ui.dialogs.shortcut_sheet import ShortcutSheet
from netjournal.ui.shell.help import mnemonic, plain, shortcut_rows
from netjournal.ui.shell.main_window import MainWindow


def open_sheet(qtbot, window: MainWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> ShortcutSheet:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    qtbot.waitUntil(lambda: window.findChild(ShortcutSheet) is not None)
    sheet = window.findChild(ShortcutSheet)
    assert sheet is not None
    qtbot.waitExposed(sheet)
    sheet.activateWindow()  # the offscreen platform does not activate a new window by itself
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is sheet)
    return sheet


def rows_by_command(sheet: ShortcutSheet) -> dict[str, tuple[str, str, str]]:
    table = sheet.findChild(QTableWidget, "shortcutTable")
    assert table is not None
    return {
        table.item(r, 1).text(): (table.item(r, 0).text(), table.item(r, 2).text(), table.item(r, 3).text())
        for r in range(table.rowCount())
    }


def test_f1_opens_the_sheet_with_every_action_and_its_keys(qtbot, window: MainWindow) -> None:
    sheet = open_sheet(qtbot, window, Qt.Key.Key_F1)
    rows = rows_by_command(sheet)
    every = [getattr(window.window_actions, f.name) for f in dataclasses.fields(window.window_actions)]
    assert {plain(a.text()) for a in every} <= set(rows), "every action is listed"
    assert rows["Log an exchange"][1] == QKeySequence("Ctrl+N").toString(QKeySequence.SequenceFormat.NativeText)
    assert rows["Find a person"][1] == "Ctrl+K"
    assert rows["Keyboard shortcuts"][1].startswith("F1") and "Ctrl+/" in rows["Keyboard shortcuts"][1]
    assert rows["Preferences"][0] == "Journal" and rows["Preferences"][2] == "Alt+J, E"
    assert rows["JSON"] == ("Journal → Export", "", "Alt+J, X, J")
    assert QApplication.focusWidget() is sheet.findChild(QTableWidget, "shortcutTable")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.findChild(ShortcutSheet) is None)


def test_ctrl_slash_opens_it_too_also_while_locked(qtbot, window: MainWindow) -> None:
    window.lock()
    sheet = open_sheet(qtbot, window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert "Lock" in rows_by_command(sheet)


def test_the_sheet_follows_the_actions_as_they_are(qtbot, window: MainWindow) -> None:
    window.window_actions.add_loop.setShortcut(QKeySequence("Ctrl+Shift+J"))
    window.window_actions.about.setText("&About this program")
    extra = QAction("&Tidy up", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+T"))
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert isinstance(view, QMenu)
    view.addAction(extra)
    rows = {row.command: row for row in shortcut_rows(window, window.window_actions)}
    assert rows["Add an open loop"].keys == "Ctrl+Shift+J"
    assert "About this program" in rows and rows["Tidy up"].keys == "Ctrl+Alt+T"
    assert rows["Tidy up"].menu_keys == "Alt+V, T"


def test_menu_texts_are_read_as_written() -> None:
    assert plain("Pr&eferences…") == "Preferences"
    assert plain("Fish && &chips") == "Fish & chips"
    assert mnemonic("Fish && &chips") == "C"
    assert mnemonic("No letter") == ""


def test_the_guide_explains_direction_specificity_and_circumstances(qtbot, window: MainWindow) -> None:
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert window.window_actions.guide in help_menu.actions()
    assert window.window_actions.shortcuts in help_menu.actions()
    window.window_actions.guide.trigger()
    box = window.findChild(QMessageBox, "guideBox")
    assert box is not None
    qtbot.waitExposed(box)
    for idea in ("Why direction", "Why specificity", "What circumstances are"):
        assert idea in box.text()
    assert "{" not in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "guideBox") is None)
