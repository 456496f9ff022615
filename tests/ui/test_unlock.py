"""The unlock screen, the create dialog and the welcome screen, on real encrypted journals."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from playhouse.sqlcipher_ext import SqlCipherDatabase
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from support import PASSPHRASE, TEST_KDF_ITER, MemoryKeyring

from netjournal.paths import default_journal_path
from netjournal.services import keychain
from netjournal.services.journal import Journal
from netjournal.store.database import PLAINTEXT_HEADER
from netjournal.store.schema import CURRENT_VERSION
from netjournal.ui.dialogs.create_journal import CreateJournalDialog
from netjournal.ui.open_task import OpenTask
from netjournal.ui.shell.unlock import UnlockScreen
from netjournal.ui.shell.welcome import WelcomeScreen

STRONG = "lantern orbit pickle seventy marsh"


@pytest.fixture
def opened() -> Iterator[list[Journal]]:
    """Journals a test unlocked; closed afterwards so their locks are released."""
    journals: list[Journal] = []
    yield journals
    for journal in journals:
        journal.close()


@pytest.fixture
def existing(journal_path: Path) -> Path:
    Journal.create(journal_path, PASSPHRASE, kdf_iter=TEST_KDF_ITER).close()
    return journal_path


@pytest.fixture
def screen(qtbot, existing: Path) -> UnlockScreen:
    widget = UnlockScreen(kdf_iter=TEST_KDF_ITER)
    qtbot.addWidget(widget)
    widget.set_journal(existing)
    widget.resize(480, 360)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def unlock(qtbot, screen: UnlockScreen, opened: list[Journal], start: Callable[[], object]) -> Journal:
    with qtbot.waitSignal(screen.unlocked, timeout=10_000) as blocker:
        start()
    journal = blocker.args[0]
    opened.append(journal)
    return journal


def fail_with(qtbot, screen: UnlockScreen, passphrase: str) -> tuple[str, str]:
    screen.passphrase_field.setText(passphrase)
    with qtbot.waitSignal(screen.failed, timeout=10_000) as blocker:
        screen.unlock_button.click()
    return blocker.args[0], blocker.args[1]


# -- unlock screen --------------------------------------------------------------------


def test_right_passphrase_unlocks_with_enter(qtbot, screen: UnlockScreen, opened: list[Journal]) -> None:
    assert screen.findChild(object, "passphraseField") is screen.passphrase_field
    assert screen.passphrase_field.echoMode() == screen.passphrase_field.EchoMode.Password
    qtbot.keyClicks(screen.passphrase_field, PASSPHRASE)

    journal = unlock(qtbot, screen, opened, lambda: qtbot.keyClick(screen.passphrase_field, Qt.Key.Key_Return))

    assert journal.is_open
    assert journal.path == screen.journal_path
    assert screen.passphrase_field.text() == ""


def test_busy_indicator_shows_only_while_the_key_is_derived(qtbot, screen: UnlockScreen, opened: list[Journal]) -> None:
    screen.passphrase_field.setText(PASSPHRASE)
    assert not screen.busy_indicator.isVisible()

    def click_and_look() -> None:
        screen.unlock_button.click()
        # The result can only arrive through the event loop, so this is the busy state.
        assert screen.busy_indicator.isVisible()
        assert not screen.passphrase_field.isEnabled()
        assert not screen.unlock_button.isEnabled()

    unlock(qtbot, screen, opened, click_and_look)
    assert not screen.busy_indicator.isVisible()
    assert screen.passphrase_field.isEnabled() and screen.unlock_button.isEnabled()


def test_wrong_passphrase_explains_and_allows_another_try(
    qtbot, screen: UnlockScreen, existing: Path, opened: list[Journal]
) -> None:
    before = existing.read_bytes()

    name, message = fail_with(qtbot, screen, "correct horse battery stapler")

    assert name == "WrongPassphraseError"
    assert "does not open this journal" in message
    assert screen.error_label.isVisible()
    assert "does not open this journal" in screen.error_label.text()
    assert screen.passphrase_field.isEnabled()
    assert screen.passphrase_field.selectedText() == "correct horse battery stapler"
    qtbot.waitUntil(screen.passphrase_field.hasFocus)
    assert existing.read_bytes() == before

    screen.passphrase_field.setText(PASSPHRASE)
    journal = unlock(qtbot, screen, opened, screen.unlock_button.click)
    assert journal.is_open
    assert not screen.error_label.isVisible()


def test_blank_passphrase_is_refused_without_trying(qtbot, screen: UnlockScreen) -> None:
    screen.passphrase_field.setText("   ")
    screen.unlock_button.click()
    assert not screen.busy
    assert "Type the passphrase" in screen.error_label.text()


def test_journal_open_elsewhere_says_so(qtbot, screen: UnlockScreen, existing: Path) -> None:
    holder = Journal.open(existing, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    try:
        name, message = fail_with(qtbot, screen, PASSPHRASE)
    finally:
        holder.close()
    assert name == "JournalLockedError"
    assert "already open" in message
    assert "already open" in screen.error_label.text().replace("\u200b", "")


def test_newer_journal_is_refused_and_left_untouched(qtbot, screen: UnlockScreen, existing: Path) -> None:
    raw = SqlCipherDatabase(str(existing), passphrase=PASSPHRASE, pragmas=[("kdf_iter", TEST_KDF_ITER)])
    raw.connect()
    raw.execute_sql(f"PRAGMA user_version = {CURRENT_VERSION + 7}")
    raw.close()
    before = existing.read_bytes()

    name, message = fail_with(qtbot, screen, PASSPHRASE)

    assert name == "NewerJournalError"
    assert "newer version" in message
    assert "newer version" in screen.error_label.text()
    assert existing.read_bytes() == before


def test_shows_which_journal(screen: UnlockScreen, existing: Path) -> None:
    assert screen.findChild(object, "journalName").text() == existing.name
    assert str(existing.parent) in screen.findChild(object, "journalFolder").toolTip()


# -- keychain -----------------------------------------------------------------------


def test_remembered_passphrase_unlocks_without_typing(
    qtbot, screen: UnlockScreen, existing: Path, memory_keyring: MemoryKeyring, opened: list[Journal]
) -> None:
    keychain.remember(existing, PASSPHRASE)

    def start() -> None:
        assert screen.try_remembered()
        assert screen.busy_indicator.isVisible()

    journal = unlock(qtbot, screen, opened, start)
    assert journal.is_open
    assert screen.passphrase_field.text() == ""


def test_nothing_remembered_means_a_prompt(screen: UnlockScreen, memory_keyring: MemoryKeyring) -> None:
    assert not screen.try_remembered()
    assert not screen.busy


def test_stale_remembered_passphrase_asks_and_forgets_nothing(
    qtbot, screen: UnlockScreen, existing: Path, memory_keyring: MemoryKeyring, opened: list[Journal]
) -> None:
    keychain.remember(existing, "an old passphrase")
    with qtbot.waitSignal(screen.failed, timeout=10_000):
        assert screen.try_remembered()

    assert "remembered passphrase no longer works" in screen.note_label.text()
    assert screen.passphrase_field.isEnabled()
    assert keychain.recall(existing) == "an old passphrase"

    screen.passphrase_field.setText(PASSPHRASE)
    unlock(qtbot, screen, opened, screen.unlock_button.click)
    assert keychain.recall(existing) == "an old passphrase"


def test_ticking_remember_stores_the_passphrase(
    qtbot, screen: UnlockScreen, existing: Path, memory_keyring: MemoryKeyring, opened: list[Journal]
) -> None:
    screen.passphrase_field.setText(PASSPHRASE)
    screen.remember_field.setChecked(True)
    unlock(qtbot, screen, opened, screen.unlock_button.click)
    assert memory_keyring.secrets == {(keychain.SERVICE, str(existing.absolute())): PASSPHRASE}


def test_without_a_keychain_remember_still_unlocks_and_says_so(
    qtbot, screen: UnlockScreen, failing_keyring: None, opened: list[Journal]
) -> None:
    notices: list[str] = []
    screen.notice.connect(notices.append)
    screen.passphrase_field.setText(PASSPHRASE)
    screen.remember_field.setChecked(True)

    journal = unlock(qtbot, screen, opened, screen.unlock_button.click)

    assert journal.is_open
    assert "No keychain is available" in screen.note_label.text()
    assert screen.note_label.isVisible()
    assert notices and "asked for the passphrase next time" in notices[0]


# -- the worker -----------------------------------------------------------------------


def test_open_task_works_off_the_gui_thread(qtbot, existing: Path, opened: list[Journal]) -> None:
    task = OpenTask(existing, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    delivered_on: list[threading.Thread] = []
    task.succeeded.connect(lambda journal: (opened.append(journal), delivered_on.append(threading.current_thread())))
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.start()
    assert opened and opened[0].is_open
    assert delivered_on == [threading.main_thread()]
    assert not task.running


def test_open_task_reports_a_bug_without_its_text(qtbot, existing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[threading.Thread] = []

    def broken(*args: object, **kwargs: object) -> Journal:
        seen.append(threading.current_thread())
        raise RuntimeError("internal detail that must not reach the user")

    monkeypatch.setattr(Journal, "open", broken)
    task = OpenTask(existing, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    with qtbot.waitSignal(task.failed, timeout=10_000) as blocker:
        task.start()
    name, message = blocker.args
    assert name == "RuntimeError"
    assert "internal detail" not in message and "unexpected" in message
    assert seen and seen[0] is not threading.main_thread()


def test_cancelled_task_closes_what_it_opened(qtbot, existing: Path) -> None:
    task = OpenTask(existing, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    results: list[object] = []
    task.succeeded.connect(results.append)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.start()
        task.cancel()
    assert results == []
    Journal.open(existing, PASSPHRASE, kdf_iter=TEST_KDF_ITER).close()  # the lock was released


# -- create dialog --------------------------------------------------------------------


@pytest.fixture
def dialog(qtbot, tmp_path: Path) -> CreateJournalDialog:
    widget = CreateJournalDialog(kdf_iter=TEST_KDF_ITER, path=tmp_path / "new" / "folders" / "mine.netjournal")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_create_dialog_defaults_to_the_platform_data_folder(qtbot) -> None:
    widget = CreateJournalDialog(kdf_iter=TEST_KDF_ITER)
    qtbot.addWidget(widget)
    assert widget.objectName() == "createDialog"
    assert widget.chosen_path() == default_journal_path()
    assert str(widget.chosen_path()).startswith(os.environ["XDG_DATA_HOME"])


def test_mismatch_disables_create(dialog: CreateJournalDialog, qtbot) -> None:
    qtbot.keyClicks(dialog.new_field, STRONG)
    qtbot.keyClicks(dialog.confirm_field, STRONG + "s")
    assert not dialog.create_button.isEnabled()
    assert "do not match" in dialog.hint_label.text()


def test_weak_passphrase_gets_feedback_and_disables_create(dialog: CreateJournalDialog, qtbot) -> None:
    qtbot.keyClicks(dialog.new_field, "password1")
    qtbot.keyClicks(dialog.confirm_field, "password1")
    assert dialog.strength_meter.value() < 2
    assert "very common password" in dialog.strength_label.text()
    assert "Time to guess" in dialog.strength_label.text()
    assert not dialog.create_button.isEnabled()
    assert "harder to guess" in dialog.hint_label.text()


def test_existing_file_is_not_offered(dialog: CreateJournalDialog, existing: Path) -> None:
    dialog.path_field.setText(str(existing))
    dialog.new_field.setText(STRONG)
    dialog.confirm_field.setText(STRONG)
    assert not dialog.create_button.isEnabled()
    assert "already exists" in dialog.hint_label.text()


def test_strong_matching_passphrase_creates_an_encrypted_journal(
    qtbot, dialog: CreateJournalDialog, memory_keyring: MemoryKeyring, opened: list[Journal]
) -> None:
    qtbot.keyClicks(dialog.new_field, STRONG)
    qtbot.keyClicks(dialog.confirm_field, STRONG)
    assert dialog.strength_meter.value() >= 2
    assert dialog.create_button.isEnabled()
    dialog.remember_field.setChecked(True)

    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.create_button.click()
        assert dialog.busy_indicator.isVisible()

    assert dialog.journal is not None
    opened.append(dialog.journal)
    path = dialog.chosen_path()
    assert dialog.journal.is_open and dialog.journal.path == path
    assert path.read_bytes()[: len(PLAINTEXT_HEADER)] != PLAINTEXT_HEADER
    assert dialog.new_field.text() == "" and dialog.confirm_field.text() == ""
    assert keychain.recall(path) == STRONG
    assert dialog.notice == ""


def test_passphrases_never_reach_settings_or_other_files(
    qtbot, dialog: CreateJournalDialog, failing_keyring: None, opened: list[Journal], tmp_path: Path
) -> None:
    dialog.new_field.setText(STRONG)
    dialog.confirm_field.setText(STRONG)
    dialog.remember_field.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.create_button.click()
    assert "No keychain" in dialog.notice
    assert dialog.journal is not None
    path = dialog.journal.path
    dialog.journal.close()

    screen = UnlockScreen(kdf_iter=TEST_KDF_ITER)
    qtbot.addWidget(screen)
    screen.set_journal(path)
    screen.passphrase_field.setText(STRONG)
    screen.remember_field.setChecked(True)
    unlock(qtbot, screen, opened, screen.unlock_button.click)

    settings = QSettings()
    settings.sync()
    for key in settings.allKeys():
        assert STRONG not in str(settings.value(key))
    secret = STRONG.encode()
    for folder in (Path(os.environ["HOME"]), tmp_path):
        for file in folder.rglob("*"):
            if file.is_file():
                assert secret not in file.read_bytes(), file


# -- welcome screen -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("button", "signal"),
    [("createButton", "createRequested"), ("openButton", "openRequested"), ("demoButton", "demoRequested")],
)
def test_welcome_buttons_emit_their_requests(qtbot, button: str, signal: str) -> None:
    welcome = WelcomeScreen()
    qtbot.addWidget(welcome)
    assert welcome.objectName() == "welcomeScreen"
    with qtbot.waitSignal(getattr(welcome, signal), timeout=1_000):
        welcome.findChild(object, button).click()


def test_welcome_is_keyboard_usable(qtbot) -> None:
    welcome = WelcomeScreen()
    qtbot.addWidget(welcome)
    welcome.show()
    welcome.activateWindow()
    qtbot.waitUntil(welcome.isActiveWindow)
    welcome.create_button.setFocus()
    qtbot.waitUntil(welcome.create_button.hasFocus)

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is welcome.open_button
    with qtbot.waitSignal(welcome.openRequested, timeout=1_000):
        qtbot.keyClick(welcome.open_button, Qt.Key.Key_Space)


def test_screen_going_away_mid_unlock_leaves_the_journal_closed(qtbot, existing: Path) -> None:
    widget = UnlockScreen(kdf_iter=TEST_KDF_ITER)
    widget.set_journal(existing)
    widget.passphrase_field.setText(PASSPHRASE)
    widget.unlock_button.click()
    task = widget._task
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=10_000):
        shiboken6.delete(widget)  # at once, before the result can arrive
    Journal.open(existing, PASSPHRASE, kdf_iter=TEST_KDF_ITER).close()  # not left locked
