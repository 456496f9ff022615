"""What the window keeps consistent: who is selected, the saved sort, icons for the palette, keyboard focus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from support import TEST_KDF_ITER

from netjournal.services import entries, prompting
from netjournal.services.contact_list import ContactOrder
from netjournal.services.people import find_person
from netjournal.services.search import search
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.shell.settings import WindowSettings

TODAY = dt.date.today()


def person_id(window: MainWindow, name: str) -> int:
    person = find_person(window.session.journal, name)
    assert person is not None
    return person.id


# -- a search hit about nobody ----------------------------------------------------


def test_opening_a_network_hit_leaves_nobody_selected(qtbot, window: MainWindow) -> None:
    ana = person_id(window, "Ana Silva")
    ws, contacts = window.workspace, window.workspace.contacts
    ws.select_person(ana)
    assert ws.person_id == ana
    data = entries.ExchangeInput("given", "resource", "Sponsored the meetup pizza", None, community="X")
    entries.add_exchange(window.session.journal, data)
    [hit] = [h for h in search(window.session.journal, "sponsored pizza") if h.entity == "exchange"]
    ws.open_hit(hit)
    assert contacts.everyone_button.isChecked()
    assert ws.person_id is None
    assert not contacts.list.currentIndex().isValid()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.entries.current_dialog
    assert dialog is not None
    assert dialog.findChild(QLineEdit, "personField").text() == ""  # not Ana, chosen before the hit
    dialog.reject()
    index = contacts.model.index(contacts.model.row_of(ana))
    qtbot.mouseClick(contacts.list.viewport(), Qt.MouseButton.LeftButton, pos=contacts.list.visualRect(index).center())
    assert ws.person_id == ana
    assert ws.timeline.title.text() == "Ana Silva"
    assert not contacts.everyone_button.isChecked()


def test_adding_a_person_selects_them_and_leaves_the_archived_hidden(qtbot, window: MainWindow) -> None:
    contacts = window.workspace.contacts
    window.window_actions.add_person.trigger()
    dialog = window.entries.current_dialog
    assert dialog is not None and dialog.objectName() == "personDialog"
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "nameField"), "Mira Chen")
    with qtbot.waitSignal(window.session.changed):
        qtbot.keyClick(dialog.findChild(QLineEdit, "nameField"), Qt.Key.Key_Return)
    mira = person_id(window, "Mira Chen")
    assert window.workspace.person_id == mira
    assert contacts.model.person_at(contacts.list.currentIndex().row()).id == mira
    assert window.workspace.timeline.title.text() == "Mira Chen"
    assert not contacts.archived.isChecked()  # she is not archived: no reason to show those who are


# -- the contact sort --------------------------------------------------------------


def test_the_contact_sort_is_saved_and_restored(qtbot, window: MainWindow, settings_file: Path) -> None:
    sort = window.workspace.contacts.sort
    sort.setCurrentIndex(sort.findData(ContactOrder.LAST_CONTACT.value))
    window.settings.sync()
    assert "last_contact" in settings_file.read_text(encoding="utf-8")
    again = MainWindow(
        WindowSettings(QSettings(str(settings_file), QSettings.Format.IniFormat)), kdf_iter=TEST_KDF_ITER
    )
    qtbot.addWidget(again)
    restored = again.workspace.contacts
    assert restored.sort.currentData() == ContactOrder.LAST_CONTACT.value
    assert restored.model.order is ContactOrder.LAST_CONTACT


def test_an_unknown_saved_sort_falls_back_to_name(qtbot, settings_file: Path) -> None:
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    settings.setValue("contacts/sort", "shoe size")
    window = MainWindow(WindowSettings(settings), kdf_iter=TEST_KDF_ITER)
    qtbot.addWidget(window)
    assert window.workspace.contacts.model.order is ContactOrder.NAME


# -- icons and the palette ---------------------------------------------------------


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (("Window", "#2b2b2b"), ("Base", "#1e1e1e"), ("Button", "#3a3a3a"), ("ButtonText", "#e6e6e6")):
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return palette


def icon_colour(icon: QIcon) -> str:
    """The colour of the icon's fully opaque pixels (the SVG draws in one colour)."""
    image = icon.pixmap(16).toImage()
    colours = {
        image.pixelColor(x, y).name() for x in range(16) for y in range(16) if image.pixelColor(x, y).alpha() == 255
    }
    assert len(colours) == 1, colours
    return colours.pop()


def test_icons_are_tinted_again_when_the_palette_changes(window: MainWindow) -> None:
    light = window.palette().color(QPalette.ColorRole.ButtonText).name()
    actions = window.window_actions
    icons = [actions.log_exchange.icon, actions.lock.icon, window.workspace.contacts.everyone_button.icon]
    assert [icon_colour(icon()) for icon in icons] == [light] * len(icons)
    window.setPalette(dark_palette())
    assert [icon_colour(icon()) for icon in icons] == ["#e6e6e6"] * len(icons)


# -- keyboard focus ----------------------------------------------------------------


def test_go_to_prompts_puts_the_keyboard_on_the_first_prompt(qtbot, window: MainWindow) -> None:
    prompts = window.workspace.prompts
    qtbot.waitUntil(lambda: len(prompts.cards()) > 0)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is prompts.cards()[0])


def test_go_to_prompts_with_none_due_lands_on_the_calm_note(qtbot, window: MainWindow) -> None:
    prompts = window.workspace.prompts
    for prompt in prompting.prompts_for(window.session.journal, TODAY):
        prompting.dismiss_prompt(window.session.journal, prompt.key, today=TODAY)
    empty = prompts.findChild(QLabel, "promptsEmpty")
    qtbot.waitUntil(lambda: not empty.isHidden())  # on the Prompts tab, behind the Relationship tab until Ctrl+3
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is empty)


def test_a_write_refreshes_only_the_contact_rows_it_touched(qtbot, window: MainWindow) -> None:
    model = window.workspace.contacts.model
    lee = person_id(window, "Lee Park")
    before = {model.person_at(r).id: model.person_at(r) for r in range(model.rowCount())}
    entries.add_exchange(
        window.session.journal,
        entries.ExchangeInput("received", "advice", "Lee walked me through the Lisbon visa process", lee),
    )
    qtbot.waitUntil(lambda: model.person_at(model.row_of(lee)).received == before[lee].received + 1)
    after = {model.person_at(r).id: model.person_at(r) for r in range(model.rowCount())}
    assert {pid: row for pid, row in after.items() if pid != lee} == {
        pid: row for pid, row in before.items() if pid != lee
    }
