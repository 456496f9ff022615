"""Preferences: when the journal locks itself, new people's rhythm, dates, appearance, reminders.

The dialog only shows and returns the choices; the window stores them and applies them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netjournal.ui.dialogs.person_dialog import cadence_choices
from netjournal.ui.i18n import tr
from netjournal.ui.widgets.dates import DEFAULT_STYLE, style_choices


@dataclass(frozen=True)
class LockPreferences:
    idle_minutes: int
    with_screen: bool
    default_cadence_days: int | None = None
    first_day_of_week: int = 1  # 1 Monday … 7 Sunday
    date_style: str = DEFAULT_STYLE
    appearance: str = "system"
    notify_due_loops: bool = False
    # Daily, weekly, monthly backups kept: the open journal's own (None while locked).
    backups_kept: tuple[int, int, int] | None = None
    backup_place: Path | None = None  # None: beside the journal
    sync_folder: Path | None = None  # None: this journal keeps in step with no other computer
    device_name: str = ""  # this computer, as the other computers' sync reports name it
    sync_known: bool = False  # the two above were read (not while locked, or while a sync writes)


def _appearance_choices() -> list[tuple[str, str]]:
    return [(tr("As the system is"), "system"), (tr("Light"), "light"), (tr("Dark"), "dark")]


def _weekday_choices() -> list[tuple[str, int]]:
    names = [tr("Monday"), tr("Tuesday"), tr("Wednesday"), tr("Thursday"), tr("Friday"), tr("Saturday"), tr("Sunday")]
    return [(name, number) for number, name in enumerate(names, 1)]


class PreferencesDialog(QDialog):
    """After ``accepted``, ``preferences()`` gives what the user chose."""

    def __init__(
        self,
        current: LockPreferences,
        *,
        minutes_range: tuple[int, int],
        screen_lock_available: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(540)

        self.minutes = QSpinBox(self)
        self.minutes.setObjectName("idleMinutesField")
        self.minutes.setAccessibleName(self.tr("Minutes without use before the journal locks"))
        self.minutes.setRange(*minutes_range)
        self.minutes.setValue(current.idle_minutes)
        before = QLabel(self.tr("&Lock after"), self)
        before.setBuddy(self.minutes)
        after = QLabel(self.tr("minutes without use"), self)
        row = QHBoxLayout()
        row.addWidget(before)
        row.addWidget(self.minutes)
        row.addWidget(after, 1)
        why = self._help(
            "idleLockHelp",
            self.tr(
                "There is no “never”: an open journal on a computer left unattended can be read by anyone "
                "who sits down at it, as if it were not encrypted at all."
            ),
        )
        self.minutes.setAccessibleDescription(why.text())

        self.with_screen = QCheckBox(self.tr("Lock when the screen locks or the computer &sleeps"), self)
        self.with_screen.setObjectName("lockWithScreenField")
        self.with_screen.setAccessibleName(self.tr("Lock when the screen locks or the computer sleeps"))
        self.with_screen.setChecked(current.with_screen)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(why)
        layout.addSpacing(8)
        layout.addWidget(self.with_screen)
        if not screen_lock_available:
            # Say so rather than offer a switch that silently does nothing here.
            unavailable = self._help(
                "screenLockUnavailable",
                self.tr("This desktop does not tell netjournal when it locks or sleeps: only the time above applies."),
            )
            self.with_screen.setAccessibleDescription(unavailable.text())
            layout.addWidget(unavailable)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addSpacing(8)
        layout.addLayout(self._other_choices(current))
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        self.minutes.setFocus()

    def _other_choices(self, current: LockPreferences) -> QFormLayout:
        form = QFormLayout()
        self.cadence = self._choice(
            form, self.tr("New people &keep in touch"), "defaultCadenceField", cadence_choices()
        )
        self.cadence.setAccessibleName(self.tr("Keep-in-touch rhythm for new people"))
        self._choose(self.cadence, current.default_cadence_days)
        self.first_day = self._choice(form, self.tr("&Weeks begin on"), "firstDayOfWeekField", _weekday_choices())
        self._choose(self.first_day, current.first_day_of_week)
        self.date_style = self._choice(form, self.tr("&Dates"), "dateStyleField", style_choices())
        self._choose(self.date_style, current.date_style)
        self.appearance = self._choice(form, self.tr("&Appearance"), "appearanceField", _appearance_choices())
        self._choose(self.appearance, current.appearance)
        self.notify = QCheckBox(self.tr("Show a desktop &notification when an open loop falls due"), self)
        self.notify.setObjectName("notifyDueLoopsField")
        self.notify.setAccessibleName(self.tr("Desktop notification when an open loop falls due"))
        self.notify.setChecked(current.notify_due_loops)
        form.addRow(self.notify)
        self.kept: list[QSpinBox] = []
        self.place: QLineEdit | None = None
        self.sync_folder: QLineEdit | None = None
        self.device_name: QLineEdit | None = None
        if current.backups_kept is not None:
            kept_caption = QLabel(self.tr("&Backups kept"), self)
            form.addRow(kept_caption, self._kept_row(current.backups_kept))
            kept_caption.setBuddy(self.kept[0])
            row, self.place = self._folder_row(
                current.backup_place, "backupPlace", self.tr("Folder for this journal's backups"),
                self.tr("Beside the journal"),
                self.tr(
                    "New backups go in a folder of this journal's own there; those taken before stay where they "
                    "are and are still listed. Empty: beside the journal. Kept inside the journal."
                ),
                self.tr("C&hoose…"), self.tr("Where backups go"),
            )  # fmt: skip
            caption = QLabel(self.tr("Backups &go in"), self)
            caption.setBuddy(self.place)
            form.addRow(caption, row)
            if current.sync_known:
                self._sync_rows(form, current)
        return form

    def _sync_rows(self, form: QFormLayout, current: LockPreferences) -> None:
        """Where this computer's change files go for the others, and the name they know this computer by."""
        row, self.sync_folder = self._folder_row(
            current.sync_folder, "syncFolder", self.tr("Sync folder shared with your other computers"),
            self.tr("None: this journal stays on this computer"),
            self.tr(
                "A folder Syncthing, Nextcloud or Dropbox keeps in step (or a USB stick you carry). netjournal "
                "writes this computer's changes there as encrypted files and merges the others'; the journal "
                "itself never goes there. Empty: no syncing."
            ),
            self.tr("Cho&ose…"), self.tr("Sync folder"),
        )  # fmt: skip
        caption = QLabel(self.tr("S&ync folder"), self)
        caption.setBuddy(self.sync_folder)
        form.addRow(caption, row)
        self.device_name = QLineEdit(current.device_name, self)
        self.device_name.setObjectName("deviceNameField")
        self.device_name.setAccessibleName(self.tr("This computer's name, as the others see it"))
        self.device_name.setMaxLength(60)
        name_caption = QLabel(self.tr("This co&mputer"), self)
        name_caption.setBuddy(self.device_name)
        form.addRow(name_caption, self.device_name)

    def _folder_row(
        self, place: Path | None, name: str, accessible: str, placeholder: str, tip: str, button: str, title: str
    ) -> tuple[QWidget, QLineEdit]:
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        field = QLineEdit(str(place) if place else "", row)
        field.setObjectName(f"{name}Field")
        field.setAccessibleName(accessible)
        field.setPlaceholderText(placeholder)
        field.setToolTip(tip)
        choose = QPushButton(button, row)
        choose.setObjectName(f"choose{name[0].upper()}{name[1:]}Button")
        choose.clicked.connect(lambda: self._choose_folder(field, title))
        line.addWidget(field, 1)
        line.addWidget(choose)
        return row, field

    def _choose_folder(self, field: QLineEdit, title: str) -> None:
        chosen = QFileDialog.getExistingDirectory(self, title, field.text())
        if chosen:
            field.setText(chosen)

    def _kept_row(self, kept: tuple[int, int, int]) -> QWidget:
        """How many backups this journal keeps: stored in the journal, so the command line keeps as many."""
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        names = (
            ("backupsDailyField", self.tr("Backups kept: one for each of this many days")),
            ("backupsWeeklyField", self.tr("then one for each of this many weeks")),
            ("backupsMonthlyField", self.tr("then one for each of this many months")),
        )
        words = ("", self.tr("days,"), self.tr("weeks,"))
        for (name, accessible), count, before in zip(names, kept, words, strict=True):
            spin = QSpinBox(row)
            spin.setObjectName(name)
            spin.setAccessibleName(accessible)
            spin.setRange(0, 99)
            spin.setValue(count)
            if before:
                line.addWidget(QLabel(before, row))
            line.addWidget(spin)
            self.kept.append(spin)
        line.addWidget(QLabel(self.tr("months"), row))
        line.addStretch(1)
        row.setToolTip(
            self.tr(
                "The newest backup of each day, week and month, besides everything from today and yesterday. "
                "Kept inside the journal."
            )
        )
        return row

    def _choice(self, form: QFormLayout, text: str, name: str, choices: Sequence[tuple[str, object]]) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        for label, value in choices:
            box.addItem(label, value)
        caption = QLabel(text, self)
        caption.setBuddy(box)
        box.setAccessibleName(text.replace("&", ""))
        form.addRow(caption, box)
        return box

    def _choose(self, box: QComboBox, value: object) -> None:
        index = box.findData(value)
        if index < 0 and isinstance(value, int):  # a rhythm set elsewhere that the list does not offer
            box.addItem(self.tr("Every %n day(s)", "", value), value)
            index = box.count() - 1
        box.setCurrentIndex(max(index, 0))

    def _help(self, name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        return label

    def preferences(self) -> LockPreferences:
        return LockPreferences(
            idle_minutes=self.minutes.value(),
            with_screen=self.with_screen.isChecked(),
            default_cadence_days=self.cadence.currentData(),
            first_day_of_week=int(self.first_day.currentData()),
            date_style=str(self.date_style.currentData()),
            appearance=str(self.appearance.currentData()),
            notify_due_loops=self.notify.isChecked(),
            backups_kept=(self.kept[0].value(), self.kept[1].value(), self.kept[2].value()) if self.kept else None,
            backup_place=self._chosen(self.place),
            sync_folder=self._chosen(self.sync_folder),
            device_name=self.device_name.text().strip() if self.device_name is not None else "",
            sync_known=self.sync_folder is not None,
        )

    @staticmethod
    def _chosen(field: QLineEdit | None) -> Path | None:
        text = field.text().strip() if field is not None else ""
        return Path(text).expanduser() if text else None
