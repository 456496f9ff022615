"""Every menu's Alt letters are its own: two items on one letter make Alt+letter only cycle between them."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QMenu

from netjournal.ui.shell.main_window import MainWindow

_LETTER = re.compile(r"&([^&])")


def _letters(texts: list[str]) -> list[str]:
    return [found.group(1).casefold() for text in texts if (found := _LETTER.search(text))]


def _repeated(letters: list[str]) -> set[str]:
    return {letter for letter in letters if letters.count(letter) > 1}


def test_no_menu_has_two_items_on_one_letter(window: MainWindow) -> None:
    """Found by the shortcut sheet: Entry had Log an exchange and Edit entry on E, People two items on P."""
    bar = window.menuBar()
    tops = [action.text() for action in bar.actions()]
    assert not _repeated(_letters(tops)), tops
    menus = [action.menu() for action in bar.actions() if isinstance(action.menu(), QMenu)]
    while menus:
        menu = menus.pop()
        items = [action for action in menu.actions() if not action.isSeparator() and action.isVisible()]
        assert not _repeated(_letters([action.text() for action in items])), (menu.title(), [a.text() for a in items])
        menus += [action.menu() for action in items if isinstance(action.menu(), QMenu)]
