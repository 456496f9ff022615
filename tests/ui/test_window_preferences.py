"""Preferences beyond locking: new people's rhythm, weeks, dates, appearance, notifications; stored and in force."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox

from netjournal.services import backup_choices, backups, people
from netjournal.ui.dialogs.person_dialog import PersonDialog
from netjournal.ui.dialogs.preferences_dialog import PreferencesDialog
from netjournal.ui.panels.timeline_view import TimelineDelegate
from netjournal.ui.shell.main_window import MainWindow
from netjournal.ui.shell.settings import WindowSettings
from netjournal.ui.widgets import appearance, dates


@pytest.fixture(autouse=True)
def _window_wide_choices_restored() -> Iterator[None]:
    """Date style, week start and palette are the whole application's: each test leaves them as it found them."""
    yield
    dates.set_style(dates.DEFAULT_STYLE)
    dates.set_first_day_of_week(1)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    appearance.apply_appearance(app, "system")


def saved(settings_file: Path) -> WindowSettings:
    return WindowSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))


def open_preferences(qtbot, window: MainWindow) -> PreferencesDialog:
    window.window_actions.preferences.trigger()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog)
    return dialog


def choose(qtbot, dialog: PreferencesDialog, mnemonic: Qt.Key, name: str, text: str) -> QComboBox:
    """Alt+letter to the list, then type the start of the choice, as a keyboard user does."""
    box = dialog.findChild(QComboBox, name)
    qtbot.keyClick(QApplication.focusWidget(), mnemonic, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    qtbot.keyClicks(box, text)
    return box


def accept(qtbot, dialog: PreferencesDialog) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_every_choice_is_reached_by_its_letter_and_stored(qtbot, window: MainWindow, settings_file: Path) -> None:
    dialog = open_preferences(qtbot, window)
    assert choose(qtbot, dialog, Qt.Key.Key_K, "defaultCadenceField", "Mo").currentData() == 30
    assert choose(qtbot, dialog, Qt.Key.Key_W, "firstDayOfWeekField", "Su").currentData() == 7
    assert choose(qtbot, dialog, Qt.Key.Key_D, "dateStyleField", "IS").currentData() == "iso"
    assert choose(qtbot, dialog, Qt.Key.Key_A, "appearanceField", "Da").currentData() == "dark"
    notify = dialog.findChild(QCheckBox, "notifyDueLoopsField")
    assert not notify.isChecked(), "notifications are off until asked for"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(notify.isChecked)
    accept(qtbot, dialog)
    stored = saved(settings_file)
    assert stored.default_cadence_days() == 30
    assert stored.first_day_of_week() == 7
    assert stored.date_style() == "iso"
    assert stored.appearance() == "dark"
    assert stored.notify_due_loops() is True
    assert window.reminders.notify is True
    # In force at once.
    assert window.session.journal.new_person_cadence_days == 30
    assert dates.format_date(dt.date(2026, 11, 20)) == "2026-11-20"
    assert dates.week_start(dt.date(2026, 11, 20)) == dt.date(2026, 11, 15)  # a Friday; the Sunday before
    window_colour = QApplication.palette().color(QPalette.ColorRole.Window)
    assert window_colour == appearance.dark_palette().color(QPalette.ColorRole.Window)


def test_the_stored_choices_are_in_force_in_the_next_window(qtbot, settings_file: Path) -> None:
    settings = saved(settings_file)
    settings.set_date_style("iso")
    settings.set_first_day_of_week(7)
    settings.set_appearance("dark")
    settings.sync()
    window = MainWindow(saved(settings_file))
    qtbot.addWidget(window)
    assert dates.current_style() == "iso" and dates.first_day_of_week() == 7
    assert QApplication.palette().color(QPalette.ColorRole.Base) == appearance.dark_palette().color(
        QPalette.ColorRole.Base
    )
    dialog = open_preferences(qtbot, window)
    assert dialog.findChild(QComboBox, "appearanceField").currentData() == "dark"
    choose(qtbot, dialog, Qt.Key.Key_A, "appearanceField", "As")  # back to the system's
    accept(qtbot, dialog)
    assert QApplication.palette().color(QPalette.ColorRole.Base) != appearance.dark_palette().color(
        QPalette.ColorRole.Base
    )


def test_a_new_name_in_the_exchange_dialog_gets_the_default_rhythm(qtbot, window: MainWindow) -> None:
    dialog = open_preferences(qtbot, window)
    choose(qtbot, dialog, Qt.Key.Key_K, "defaultCadenceField", "Q")  # Quarterly
    accept(qtbot, dialog)
    window.window_actions.log_exchange.trigger()
    exchange = window.entries.current_dialog
    assert exchange is not None
    exchange.person_field.setText("Priya Natarajan")  # nobody yet: added with the exchange
    exchange.summary_field.setText("Walked Priya through the Series A data room checklist")
    with qtbot.waitSignal(exchange.accepted, timeout=5000):
        exchange.save_button.click()
    priya = people.find_person(window.session.journal, "Priya Natarajan")
    assert priya is not None and priya.cadence_days == 91


def test_the_person_dialog_starts_with_the_default_rhythm(qtbot, window: MainWindow) -> None:
    window.preferences.apply(dataclasses.replace(window.preferences.current(), default_cadence_days=61))
    window.window_actions.add_person.trigger()
    dialog = window.findChild(PersonDialog)
    assert dialog is not None
    assert dialog.cadence_field.currentData() == 61
    qtbot.keyClicks(dialog.findChild(QLineEdit, "nameField"), "Noor Haddad")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save_button.click()
    noor = people.find_person(window.session.journal, "Noor Haddad")
    assert noor is not None and noor.cadence_days == 61
    # Editing someone shows their own rhythm, not the default.
    ana = people.find_person(window.session.journal, "Ana Silva")
    assert ana is not None
    window.entries.edit_person(ana.id)
    editing = next(d for d in window.findChildren(PersonDialog) if d.person_id == ana.id)
    assert editing.cadence_field.currentData() == 30


@pytest.mark.parametrize(
    ("style", "whole", "in_year"),
    [("medium", "20 Nov 2026", "20 Nov"), ("iso", "2026-11-20", "11-20")],
)
def test_dates_are_written_in_the_chosen_style(style: str, whole: str, in_year: str) -> None:
    dates.set_style(style)
    assert dates.format_date(dt.date(2026, 11, 20)) == whole
    assert dates.format_day_in_year(dt.date(2026, 11, 20)) == in_year


def test_the_system_style_leaves_out_the_year_within_a_year() -> None:
    dates.set_style("locale")
    assert "2026" not in dates.format_day_in_year(dt.date(2026, 11, 20))
    assert "20" in dates.format_day_in_year(dt.date(2026, 11, 20))


def test_the_timeline_and_its_loops_show_the_chosen_date_style(qtbot, window: MainWindow) -> None:
    ana = people.find_person(window.session.journal, "Ana Silva")
    assert ana is not None
    window.select_person(ana.id)
    dialog = open_preferences(qtbot, window)
    choose(qtbot, dialog, Qt.Key.Key_D, "dateStyleField", "IS")
    accept(qtbot, dialog)
    due = dt.date.today() - dt.timedelta(days=5)
    qtbot.waitUntil(
        lambda: any(
            due.isoformat() in label.text() and label.isVisibleTo(window)
            for label in window.workspace.relationship.findChildren(QLabel, "openLoop")
        )
    )  # the relationship panel's loop, redrawn
    model = window.workspace.timeline.list.model()
    lines = [str(model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole) or "") for row in range(model.rowCount())]
    opened = dt.date.today() - dt.timedelta(days=40)
    assert any(f"since {opened.isoformat()}" in line for line in lines), lines
    assert isinstance(window.workspace.timeline.list.itemDelegate(), TimelineDelegate)


def test_date_pickers_begin_the_week_on_the_chosen_day(qtbot, window: MainWindow) -> None:
    dialog = open_preferences(qtbot, window)
    choose(qtbot, dialog, Qt.Key.Key_W, "firstDayOfWeekField", "Su")
    accept(qtbot, dialog)
    window.window_actions.log_touchpoint.trigger()
    touchpoint = window.entries.current_dialog
    assert touchpoint is not None
    assert touchpoint.date_field.calendarWidget().firstDayOfWeek() == Qt.DayOfWeek.Sunday


def test_escape_leaves_every_choice_as_it_was(qtbot, window: MainWindow, settings_file: Path) -> None:
    dialog = open_preferences(qtbot, window)
    choose(qtbot, dialog, Qt.Key.Key_A, "appearanceField", "Da")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert saved(settings_file).appearance() == "system"
    assert not settings_file.exists() or "appearance" not in settings_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(("stored", "days"), [("30", 30), ("0", None), ("-4", None), ("lots", None), ("5000", None)])
def test_the_stored_rhythm_is_read_within_bounds(settings_file: Path, stored: str, days: int | None) -> None:
    settings_file.write_text(f"[people]\ndefault_cadence_days={stored}\n", encoding="utf-8")
    assert saved(settings_file).default_cadence_days() == days


def test_unknown_stored_values_fall_back(settings_file: Path) -> None:
    settings_file.write_text(
        "[calendar]\nfirst_day_of_week=9\ndate_style=fancy\n[window]\nappearance=sepia\n[reminders]\nnotify=maybe\n",
        encoding="utf-8",
    )
    stored = saved(settings_file)
    assert (stored.first_day_of_week(), stored.date_style(), stored.appearance()) == (1, "medium", "system")
    assert stored.notify_due_loops() is False


def test_how_many_backups_this_journal_keeps_is_chosen_from_the_keyboard(qtbot, window: MainWindow) -> None:
    dialog = open_preferences(qtbot, window)
    daily = dialog.findChild(QSpinBox, "backupsDailyField")
    assert daily is not None and daily.value() == 12
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is daily)
    qtbot.keyClick(daily, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(daily, "3")
    qtbot.keyClick(daily, Qt.Key.Key_Tab)
    weekly = dialog.findChild(QSpinBox, "backupsWeeklyField")
    assert QApplication.focusWidget() is weekly
    qtbot.keyClick(weekly, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(weekly, "0")
    accept(qtbot, dialog)
    assert backup_choices.journal_kept_limits(window.session.journal) == backups.Limits(3, 0, 9)


def test_while_locked_there_is_no_journal_to_choose_backups_for(qtbot, window: MainWindow) -> None:
    window.lock()
    dialog = open_preferences(qtbot, window)
    assert dialog.findChild(QSpinBox, "backupsDailyField") is None
    accept(qtbot, dialog)


def test_the_folder_for_this_journals_backups_is_typed_and_used(qtbot, window: MainWindow, tmp_path: Path) -> None:
    place = tmp_path / "elsewhere"
    place.mkdir()
    dialog = open_preferences(qtbot, window)
    field = dialog.findChild(QLineEdit, "backupPlaceField")
    assert field is not None and field.text() == "" and field.placeholderText() == "Beside the journal"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClicks(field, str(place))
    accept(qtbot, dialog)
    journal = window.session.journal
    assert backup_choices.journal_place(journal) == place
    taken = backups.take_backup(journal.snapshot_source(), backups.Reason.MANUAL)
    assert taken.file.path.parent == backups.backup_folder(journal.path, place)
    # Shown again the next time, and a folder that is not there is refused with a sentence.
    qtbot.waitUntil(lambda: window.findChild(PreferencesDialog) is None)  # the first, deleted on close
    dialog = open_preferences(qtbot, window)
    field = dialog.findChild(QLineEdit, "backupPlaceField")
    assert field.text() == str(place)
    field.setText(str(tmp_path / "nowhere"))
    accept(qtbot, dialog)
    assert backup_choices.journal_place(journal) == place
    assert "There is no folder" in window.info.label.text()
