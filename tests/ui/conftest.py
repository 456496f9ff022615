"""Fixtures for widget tests: a Session, or the whole window, on a real encrypted journal with a little history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.app import open_main_window
from netjournal.services import entries, people
from netjournal.services.journal import Journal
from netjournal.ui.session import Session
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.shell.settings import WindowSettings

TODAY = dt.date.today()


def _days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def seeded_journal(journal: Journal) -> Journal:
    """Ana (mutual, overdue), Tom (mostly you give), Lee (new)."""
    ana = people.add_person(
        journal, people.PersonInput("Ana Silva", organisation="Northwind", role="Series A partner", cadence_days=30)
    )
    tom = people.add_person(journal, people.PersonInput("Tom Reyes", organisation="Fernhill Labs", tags=["hiring"]))
    lee = people.add_person(journal, people.PersonInput("Lee Park"))
    gift = entries.add_exchange(
        journal,
        entries.ExchangeInput(
            "given",
            "introduction",
            "Introduced Ana to Tom Reyes for her data-platform hire",
            ana,
            date=_days_ago(400),
            second_person_id=tom,
            significance=4,
        ),
    )
    entries.add_exchange(
        journal,
        entries.ExchangeInput(
            "received",
            "advice",
            "Ana reviewed my pricing deck and cut tier three",
            ana,
            date=_days_ago(120),
            reciprocates_id=gift,
            significance=5,
        ),
    )
    for days in (300, 200, 100):
        entries.add_exchange(
            journal,
            entries.ExchangeInput(
                "given",
                "feedback",
                f"Reviewed Tom's hiring rubric, draft {days}",
                tom,
                date=_days_ago(days),
                significance=3,
            ),
        )
    entries.add_touchpoint(journal, lee, "Met Lee at the Lisbon data meetup", date=_days_ago(10))
    entries.add_loop(
        journal,
        "promised",
        "Send Ana the pricing spreadsheet",
        person_id=ana,
        due_on=_days_ago(5),
        opened_on=_days_ago(40),
    )
    entries.add_reflection(journal, "Tom keeps asking; worth a frank chat", person_id=tom, date=_days_ago(50))
    return journal


@pytest.fixture
def session(qtbot, seeded_journal: Journal) -> Iterator[Session]:
    current = Session()
    current.attach(seeded_journal)
    yield current
    current.detach()


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def window(qtbot, seeded_journal: Journal, settings_file: Path) -> MainWindow:
    path = seeded_journal.path
    seeded_journal.close()
    settings = WindowSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    opened = open_main_window(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER, settings=settings)
    qtbot.addWidget(opened)
    opened.resize(1280, 800)
    qtbot.waitExposed(opened)
    return opened
