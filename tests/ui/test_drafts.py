"""Drafts: what is typed in an entry dialog survives Esc, a lock and a killed process, inside the journal only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QPlainTextEdit
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.app import open_main_window
from netjournal.domain import EntryType
from netjournal.services import drafts
from netjournal.services.journal import Journal
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.shell.settings import WindowSettings

SUMMARY = "Walked her through the Series A term sheet, clause by clause"
DETAILS = "Liquidation preference 1x non-participating.\nShe will send the cap table on Friday."


class Answerer:
    """Clicks a button in a message box as soon as that box shows (they run their own event loop)."""

    def __init__(self) -> None:
        self.timers: list[QTimer] = []

    def __call__(self, object_name: str, button_text: str) -> list[str]:
        seen: list[str] = []
        timer = QTimer()
        timer.setInterval(10)

        def look() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox) and box.objectName() == object_name:
                timer.stop()
                seen.append(box.text())
                [button] = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
                button.click()

        timer.timeout.connect(look)
        timer.start()
        self.timers.append(timer)
        return seen

    @property
    def waiting(self) -> bool:
        return any(t.isActive() for t in self.timers)


@pytest.fixture
def answer() -> Iterator[Answerer]:
    answerer = Answerer()
    yield answerer
    for timer in answerer.timers:
        timer.stop()


def type_an_exchange(qtbot, window: MainWindow) -> QDialog:
    window.entries.log_exchange()
    dialog = window.entries.current_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.findChild(QLineEdit, "personField"), "Ana Silva")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "summaryField"), SUMMARY)
    dialog.findChild(QPlainTextEdit, "detailsField").setPlainText(DETAILS)
    return dialog


def kept_draft(window: MainWindow) -> drafts.Draft:
    [draft] = drafts.pending_drafts(window.session.journal)
    return draft


def test_typing_keeps_a_draft_in_the_journal_within_seconds(qtbot, window: MainWindow) -> None:
    dialog = type_an_exchange(qtbot, window)
    with qtbot.waitSignal(dialog.drafts.kept, timeout=10_000):
        pass
    draft = kept_draft(window)
    assert draft.kind == "exchange" and draft.entry_id is None
    assert draft.fields["summaryField"] == SUMMARY and draft.fields["detailsField"] == DETAILS
    assert draft.gist == SUMMARY  # what the offer shows, to recognise it by


def test_saving_the_entry_removes_its_draft(qtbot, window: MainWindow) -> None:
    dialog = type_an_exchange(qtbot, window)
    dialog.drafts.save_now()
    assert drafts.pending_drafts(window.session.journal)
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    assert drafts.pending_drafts(window.session.journal) == []


@pytest.mark.parametrize(
    ("reply", "stays_open", "kept"), [("Keep draft", False, True), ("Discard", False, False), ("Go back", True, False)]
)
def test_escape_with_text_asks_first(
    qtbot, window: MainWindow, answer: Answerer, reply: str, stays_open: bool, kept: bool
) -> None:
    dialog = type_an_exchange(qtbot, window)
    asked = answer("keepDraftQuestion", reply)
    dialog.reject()  # what Esc and Cancel do
    qtbot.waitUntil(lambda: bool(asked), timeout=5_000)
    if stays_open:
        assert dialog.isVisible()
        assert dialog.findChild(QLineEdit, "summaryField").text() == SUMMARY
    else:  # a closed dialog deletes itself, maybe before this line runs on a loaded machine
        assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    assert bool(drafts.pending_drafts(window.session.journal)) is kept


def test_escape_without_text_asks_nothing(qtbot, window: MainWindow) -> None:
    window.entries.log_exchange()
    dialog = window.entries.current_dialog
    with qtbot.waitSignal(dialog.rejected, timeout=2_000):
        dialog.reject()
    assert drafts.pending_drafts(window.session.journal) == []


def unlock(qtbot, window: MainWindow) -> None:
    window.unlock.passphrase_field.setText(PASSPHRASE)
    with qtbot.waitSignal(window.session.opened, timeout=10_000):
        window.unlock.unlock_button.click()


def test_a_lock_keeps_the_draft_and_the_unlock_offers_it_back_whole(
    qtbot, window: MainWindow, answer: Answerer
) -> None:
    type_an_exchange(qtbot, window)
    window.lock()  # no autosave interval has passed: the lock itself keeps it
    assert window.pages.currentWidget() is window.unlock
    offered = answer("draftOffer", "Continue")
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.entries.current_dialog is not None, timeout=10_000)
    assert SUMMARY in offered[0] and "exchange" in offered[0]
    dialog = window.entries.current_dialog
    assert dialog.findChild(QLineEdit, "summaryField").text() == SUMMARY
    assert dialog.findChild(QPlainTextEdit, "detailsField").toPlainText() == DETAILS
    assert SUMMARY in offered[0]
    assert dialog.findChild(QLineEdit, "personField").text() == "Ana Silva"


def test_an_offer_put_off_comes_back_and_a_discarded_one_does_not(qtbot, window: MainWindow, answer: Answerer) -> None:
    type_an_exchange(qtbot, window)
    window.lock()
    answer("draftOffer", "Later")
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: not answer.waiting, timeout=10_000)
    assert drafts.pending_drafts(window.session.journal)
    window.lock()
    answer("draftOffer", "Discard")
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: not answer.waiting, timeout=10_000)
    assert drafts.pending_drafts(window.session.journal) == []


def no_plaintext_outside_the_journal(roots: list[Path], journal: Path, needle: str) -> list[Path]:
    leaks = []
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file() and not path.name.startswith(journal.name) and needle.encode() in path.read_bytes():
                leaks.append(path)
    return leaks


def test_a_draft_touches_no_settings_or_temporary_file(qtbot, window: MainWindow, tmp_path: Path) -> None:
    dialog = type_an_exchange(qtbot, window)
    with qtbot.waitSignal(dialog.drafts.kept, timeout=10_000):
        pass
    window.settings.sync()
    roots = [tmp_path, Path(os.environ["HOME"])]
    assert no_plaintext_outside_the_journal(roots, window.session.journal.path, "Series A term sheet") == []
    journal_files = [p for p in tmp_path.iterdir() if p.name.startswith(window.session.journal.path.name)]
    assert all(b"Series A term sheet" not in p.read_bytes() for p in journal_files if p.is_file())  # encrypted


def run_child(journal: Path, settings_file: Path) -> subprocess.Popen[str]:
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join([str(root), str(root / "tests")]))
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("drafts_child.py")), str(journal), str(settings_file)],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip


@pytest.mark.slow
def test_a_draft_survives_sigkill_of_the_window_process(
    qtbot, seeded_journal: Journal, tmp_path: Path, settings_file: Path, answer: Answerer
) -> None:
    path = seeded_journal.path
    seeded_journal.close()
    child = run_child(path, tmp_path / "child-settings.ini")
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "kept"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    offered = answer("draftOffer", "Continue")
    settings = WindowSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    window = open_main_window(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER, settings=settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.entries.current_dialog is not None, timeout=10_000)
    dialog = window.entries.current_dialog
    assert dialog.findChild(QLineEdit, "summaryField").text() == SUMMARY
    assert dialog.findChild(QPlainTextEdit, "detailsField").toPlainText() == DETAILS
    assert SUMMARY in offered[0]


def test_a_draft_that_cannot_be_kept_leaves_the_text_on_screen(qtbot, window: MainWindow, answer: Answerer) -> None:
    dialog = type_an_exchange(qtbot, window)
    window.session.journal.store.damaged = True  # as the check after unlock marks a damaged journal
    answer("keepDraftQuestion", "Keep draft")
    dialog.reject()
    qtbot.waitUntil(lambda: not answer.waiting, timeout=5_000)
    qtbot.waitUntil(lambda: "could not be kept" in dialog.error_label.text(), timeout=5_000)
    assert dialog.isVisible()
    assert dialog.findChild(QLineEdit, "summaryField").text() == SUMMARY


def test_a_draft_of_an_edit_whose_entry_was_deleted_comes_back_as_a_new_entry(qtbot, window: MainWindow) -> None:
    from netjournal.services import use_cases
    from netjournal.ui.shell.draft_offer import resume_draft

    journal = window.session.journal
    logged = use_cases.log_touchpoint(journal, "Ana Silva", "Coffee")
    drafts.save_draft(journal, drafts.Draft("touchpoint", logged.id, {"noteField": "Coffee, and the term sheet"}))
    use_cases.delete_entry(journal, EntryType.TOUCHPOINT, logged.id)
    [draft] = drafts.pending_drafts(journal)
    dialog = resume_draft(window.entries, draft)
    assert dialog.touchpoint_id is None  # a new touchpoint: the text is not lost with the entry
    assert dialog.findChild(QLineEdit, "noteField").text() == "Coffee, and the term sheet"
    assert [(d.kind, d.entry_id) for d in drafts.pending_drafts(journal)] == []


def test_an_introduction_between_others_left_at_a_lock_comes_back_with_its_three_people(
    qtbot, window: MainWindow, answer: Answerer
) -> None:
    window.entries.note_brokered()
    dialog = window.entries.current_dialog
    assert dialog is not None
    for name, text in (("brokerField", "Ana Silva"), ("firstField", "Lee Park"), ("secondField", "Priya Natarajan")):
        qtbot.keyClicks(dialog.findChild(QLineEdit, name), text)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "summaryField"), "for Priya's head-of-design search")
    window.lock()
    offered = answer("draftOffer", "Continue")
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.entries.current_dialog is not None, timeout=10_000)
    assert "an introduction between others" in offered[0] and "head-of-design" in offered[0]
    back = window.entries.current_dialog
    assert [back.findChild(QLineEdit, n).text() for n in ("brokerField", "firstField", "secondField")] == [
        "Ana Silva", "Lee Park", "Priya Natarajan",
    ]  # fmt: skip
    assert back.findChild(QLineEdit, "summaryField").text() == "for Priya's head-of-design search"
