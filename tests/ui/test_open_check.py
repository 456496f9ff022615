"""After an unlock the window checks every page in the background; a damaged journal is read, never written."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from support import PASSPHRASE, TEST_KDF_ITER, shows_no_notice

from netjournal.app import open_main_window
from netjournal.services import backups, use_cases
from netjournal.services.journal import Journal
from netjournal.store.errors import DamagedJournalError
from netjournal.ui.shell.settings import WindowSettings


def flip_a_byte(path: Path, page: int) -> None:
    data = bytearray(path.read_bytes())
    data[4096 * (page - 1) + 300] ^= 0x5A
    path.write_bytes(bytes(data))


def opened(qtbot, path: Path, settings_file: Path):
    settings = WindowSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    window = open_main_window(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER, settings=settings)
    qtbot.addWidget(window)
    return window


def test_a_sound_journal_passes_quietly(qtbot, seeded_journal: Journal, settings_file: Path) -> None:
    path = seeded_journal.path
    seeded_journal.close()
    window = opened(qtbot, path, settings_file)
    if window.open_check.running:
        with qtbot.waitSignal(window.open_check.sound, timeout=10_000):
            pass
    assert window.open_check.checked_sound  # it ran, and found nothing
    assert not window.session.journal.store.damaged
    assert shows_no_notice(window)


@pytest.mark.parametrize("page", [5, 9])
def test_damage_found_after_opening_stops_every_write_and_names_the_newest_backup(
    qtbot, seeded_journal: Journal, settings_file: Path, page: int
) -> None:
    taken = backups.take_backup(seeded_journal.snapshot_source(), backups.Reason.MANUAL)
    path = seeded_journal.path
    seeded_journal.close()
    flip_a_byte(path, page)
    before = path.read_bytes()
    with qtbot.capture_exceptions() as raised:
        window = opened(qtbot, path, settings_file)
        qtbot.waitUntil(lambda: window.open_check.damaged_found, timeout=10_000)
    # A view that met the damaged page first says so in a sentence (the failsafe shows it once), never raw.
    assert all(isinstance(error, DamagedJournalError) for _kind, error, _trace in raised)
    assert window.session.journal.store.damaged
    text = window.info.label.text()
    assert "damaged" in text and "Journal → Backups…" in text
    assert taken.file.taken_at.astimezone().strftime("%Y-%m-%d %H:%M") in text
    assert window.info.isVisible()
    with pytest.raises(DamagedJournalError):
        use_cases.log_touchpoint(window.session.journal, "Ana Silva", "Coffee")
    window.close()
    assert path.read_bytes() == before  # nothing was written into it
