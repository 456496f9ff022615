"""The window keeping in step through a sync folder: on unlock, after edits, on lock, as files arrive, and asking
for another computer's passphrase; set in Preferences; Journal → Sync… says what the last sync did."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.services import entries, people
from netjournal.services.journal import Journal
from netjournal.services.sync_folder import sync_folder_of, sync_now

OTHER_PASSPHRASE = "the desktop's own passphrase now, 2026"


@pytest.fixture
def desktop(window, tmp_path: Path):
    """Another computer's copy of the window's journal, and the folder both sync through."""
    copy = window.session.journal.backup_to(tmp_path / "desktop.netjournal")
    other = Journal.open(copy, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    folder = tmp_path / "Shared"
    folder.mkdir()
    yield other, folder
    other.close()


def _turn_on(qtbot, window, folder: Path) -> None:
    from netjournal.services.sync_folder import set_sync_folder

    set_sync_folder(window.session.journal, folder, "Laptop")
    controller = window.sync.controller
    with qtbot.waitSignal(controller.synced, timeout=10_000):
        controller.restart()


def _notes(journal: Journal) -> list[str]:
    return [note for (note,) in journal.sql("SELECT note FROM touchpoint ORDER BY id")]


def test_another_computers_edit_arrives_by_itself_and_the_status_bar_says_so(qtbot, window, desktop) -> None:
    other, folder = desktop
    _turn_on(qtbot, window, folder)
    controller = window.sync.controller
    assert controller.status.isVisible() and controller.status.text().startswith("Synced ")
    sync_now(other, folder, "Desktop")  # takes the laptop's base, writes its own
    lee = people.find_person(other, "Lee Park")
    entries.add_touchpoint(other, lee.id, "Written on the desktop")
    sync_now(other)
    # Nobody presses anything: the folder watcher (or the half-minute look) notices the desktop's files.
    with qtbot.waitSignal(controller.synced, timeout=40_000):
        pass
    qtbot.waitUntil(lambda: "Written on the desktop" in _notes(window.session.journal), timeout=40_000)
    assert "came in" in controller.status.text()


def test_an_edit_here_reaches_the_other_computer_and_so_does_the_last_one_before_a_lock(qtbot, window, desktop) -> None:
    other, folder = desktop
    _turn_on(qtbot, window, folder)
    sync_now(other, folder, "Desktop")
    controller = window.sync.controller
    controller._write_timer.setInterval(50)  # the test does not wait out the three seconds after typing
    journal = window.session.journal
    lee = people.find_person(journal, "Lee Park")
    entries.add_touchpoint(journal, lee.id, "Written on the laptop")
    qtbot.waitUntil(lambda: not controller._running and not controller._write_timer.isActive(), timeout=10_000)
    sync_now(other)
    assert "Written on the laptop" in _notes(other)
    entries.add_touchpoint(journal, lee.id, "Written just before the lock")
    window.lock()  # no timer has run: the lock writes it
    sync_now(other)
    assert "Written just before the lock" in _notes(other)


def test_files_under_another_passphrase_are_asked_for_and_then_merged(qtbot, window, desktop) -> None:
    other, folder = desktop
    _turn_on(qtbot, window, folder)
    sync_now(other, folder, "Desktop")
    other.change_passphrase(OTHER_PASSPHRASE)
    lee = people.find_person(other, "Lee Park")
    entries.add_touchpoint(other, lee.id, "Under the desktop's new passphrase")
    sync_now(other)
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        asked.append(box.labelText())
        field = box.findChild(QLineEdit)
        assert field is not None and field.echoMode() is QLineEdit.EchoMode.Password
        field.setText(OTHER_PASSPHRASE)
        box.accept()

    QTimer.singleShot(0, answer)
    window.sync.controller.sync()
    qtbot.waitUntil(lambda: "Under the desktop's new passphrase" in _notes(window.session.journal), timeout=15_000)
    assert asked and "“Desktop” are under another passphrase" in asked[0]


def test_preferences_set_the_folder_and_this_computers_name_and_sync_at_once(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "Nextcloud-like"
    folder.mkdir()
    dialog = window.edit_preferences()
    dialog.findChild(QLineEdit, "syncFolderField").setText(str(folder))
    name = dialog.findChild(QLineEdit, "deviceNameField")
    name.setText("Work laptop")
    controller = window.sync.controller
    with qtbot.waitSignal(controller.synced, timeout=10_000):
        qtbot.keyClick(name, Qt.Key.Key_Return)
    assert sync_folder_of(window.session.journal) == folder
    assert list(folder.glob("netjournal-*/*/*.nj-base"))  # this computer's first file is there
    sync = window.sync.show_sync()
    assert sync is not None
    assert sync.folder.text() == str(folder) and sync.device.text().startswith("Work laptop (")
    assert "Wrote this device's changes" in sync.report.toPlainText()
    sync.reject()


def test_without_a_folder_sync_says_where_to_choose_one(qtbot, window) -> None:
    sync = window.sync.show_sync()
    assert sync is not None and not sync.sync_button.isEnabled()
    assert "Preferences" in sync.folder.text()
    assert not window.sync.controller.status.isVisible()
    sync.reject()


def test_a_save_while_a_sync_holds_the_journal_waits_for_it_and_is_not_lost(qtbot, window) -> None:
    import threading

    from netjournal.ui.dialogs.entry_dialogs import TouchpointDialog

    journal, session = window.session.journal, window.session
    release = threading.Event()

    def held(j: Journal) -> None:  # a sync's transaction, open on the worker
        with j.write():
            release.wait(10)

    task = session.busy_with(held, "a sync, in the test")
    lee = people.find_person(journal, "Lee Park")
    dialog = TouchpointDialog(session, window, person_id=lee.id)
    dialog.open()
    dialog.note_field.setText("Typed while the sync ran")
    qtbot.keyClick(dialog.note_field, Qt.Key.Key_Return)
    assert dialog.isVisible() and "as soon as the sync" in dialog.error_label.text()
    assert not dialog.save_button.isEnabled()
    with qtbot.waitSignal(task.finished, timeout=10_000):
        release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "Typed while the sync ran" in _notes(journal)


def test_journal_sync_dialog_closed_before_a_later_sync_is_no_trouble(qtbot, window, desktop) -> None:
    _other, folder = desktop
    _turn_on(qtbot, window, folder)
    sync = window.sync.show_sync()
    with qtbot.waitSignal(sync.destroyed, timeout=5_000):  # the dialog deletes itself on close
        sync.close()
    with qtbot.waitSignal(window.sync.controller.synced, timeout=10_000):
        window.sync.controller.sync()  # raised "Internal C++ object already deleted" before


def test_a_passphrase_declined_is_not_asked_again_until_sync_now(qtbot, window, desktop) -> None:
    other, folder = desktop
    _turn_on(qtbot, window, folder)
    sync_now(other, folder, "Desktop")
    other.change_passphrase(OTHER_PASSPHRASE)
    entries.add_touchpoint(other, people.find_person(other, "Lee Park").id, "Under the desktop's new passphrase")
    sync_now(other)
    asked: list[str] = []

    def decline() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog):
            QTimer.singleShot(20, decline)
            return
        asked.append(box.labelText())
        box.reject()

    controller = window.sync.controller
    QTimer.singleShot(0, decline)
    controller.sync()
    qtbot.waitUntil(lambda: "wait for their passphrase" in controller.status.text(), timeout=10_000)
    for _ in range(3):  # later looks and syncs say so, and do not ask
        qtbot.waitUntil(lambda: not controller._running, timeout=10_000)
        assert controller.sync()
    qtbot.waitUntil(lambda: not controller._running, timeout=10_000)
    QApplication.processEvents()
    assert len(asked) == 1 and QApplication.activeModalWidget() is None
    assert "wait for their passphrase" in controller.status.text()


def test_a_lock_that_waited_for_a_sync_leaves_nothing_of_it_on_screen(qtbot, window, desktop) -> None:
    _other, folder = desktop
    _turn_on(qtbot, window, folder)
    controller = window.sync.controller
    assert controller.sync()
    window.lock()  # waits for the sync, then locks
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.unlock, timeout=10_000)
    QApplication.processEvents()
    assert not controller.status.isVisible() and controller.last_report is None
