"""Help → Keyboard shortcuts and Help → The ideas behind netjournal.

The shortcut sheet is read off the menus and the window's actions each time
it opens, so a command added, renamed or given new keys is listed as it is.
"""

from __future__ import annotations

import dataclasses
import re

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from netjournal.ui.dialogs.shortcut_sheet import ShortcutRow, ShortcutSheet
from netjournal.ui.i18n import tr
from netjournal.ui.shell.actions import WindowActions

_MNEMONIC = re.compile(r"&([^&])")


def plain(text: str) -> str:
    """A menu text as read: no underline marks, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def mnemonic(text: str) -> str:
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match[1].upper() if match else ""


def keys_text(action: QAction) -> str:
    return ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts())


def shortcut_rows(window: QMainWindow, actions: WindowActions) -> list[ShortcutRow]:
    """Every action in the menus, in menu order, then any the menus do not hold."""
    rows: list[ShortcutRow] = []
    listed: set[int] = set()

    def walk(menu: QMenu, group: str, path: list[str]) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            letter = mnemonic(action.text())
            steps = [*path, letter] if letter and all(path) else ["" for _ in path]
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{group} → {plain(action.text())}", steps)
                continue
            listed.add(id(action))
            menu_keys = ("Alt+" + ", ".join(steps)) if all(steps) else ""
            rows.append(ShortcutRow(group, plain(action.text()), keys_text(action), menu_keys))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, plain(top.text()), [mnemonic(top.text())])
    for field in dataclasses.fields(actions):
        action = getattr(actions, field.name)
        if isinstance(action, QAction) and id(action) not in listed:
            rows.append(ShortcutRow(tr("Elsewhere"), plain(action.text()), keys_text(action), ""))
    return rows


class HelpCommands(QObject):
    def __init__(self, window: QMainWindow, actions: WindowActions) -> None:
        super().__init__(window)
        self._window, self._actions = window, actions
        actions.shortcuts.triggered.connect(self.show_shortcuts)
        actions.guide.triggered.connect(self.show_guide)

    def show_shortcuts(self) -> ShortcutSheet:
        sheet = ShortcutSheet(shortcut_rows(self._window, self._actions), self._window)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()
        return sheet

    def show_guide(self) -> QMessageBox:
        from netjournal.ui.shell.guide import guide

        box = QMessageBox(QMessageBox.Icon.Information, tr("The ideas behind netjournal"), guide(), parent=self._window)
        box.setObjectName("guideBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): the window goes on (and can lock) behind it
        return box
