"""What the window remembers between runs: geometry, layout, last journal, sort, preferences.

Never content and never a secret: a journal's path is the only thing here
that names anything of the user's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

# The workspace's splitters by name; "main" keeps the key it had before the others existed.
SPLITTER_KEYS = {"main": "window/splitter", "timeline": "layout/timeline_splitter"}


class WindowSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings("netjournal", "netjournal")

    @property
    def qsettings(self) -> QSettings:
        return self._settings

    def last_journal(self) -> Path | None:
        value = self._settings.value("journal/last")
        return Path(str(value)) if value else None

    def set_last_journal(self, path: Path | None) -> None:
        if path is None:
            self._settings.remove("journal/last")
        else:
            self._settings.setValue("journal/last", str(path))

    def bytes_value(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self._settings.setValue(key, value)

    def splitter_state(self, name: str) -> QByteArray | None:
        """A splitter's remembered sizes (``QSplitter.saveState``): widths and heights only, never content."""
        return self.bytes_value(SPLITTER_KEYS[name])

    def set_splitter_state(self, name: str, state: QByteArray) -> None:
        self.set_bytes(SPLITTER_KEYS[name], state)

    def contact_sort(self) -> str:
        return str(self._settings.value("contacts/sort", "name"))

    def set_contact_sort(self, value: str) -> None:
        self._settings.setValue("contacts/sort", value)

    def idle_lock_minutes(self) -> int:
        """Minutes without input before the journal locks itself, always within the range the window offers."""
        from netjournal.ui.shell.idle_lock import DEFAULT_MINUTES, MAX_MINUTES, MIN_MINUTES

        value = self._settings.value("lock/idle_minutes", DEFAULT_MINUTES)
        if not isinstance(value, int | float | str):  # e.g. a list, from "5, 6" in the file
            return DEFAULT_MINUTES
        try:
            minutes = int(value)
        except ValueError:
            return DEFAULT_MINUTES
        if minutes < MIN_MINUTES:  # 0 once meant "never", which there no longer is
            return DEFAULT_MINUTES
        return min(minutes, MAX_MINUTES)

    def set_idle_lock_minutes(self, minutes: int) -> None:
        self._settings.setValue("lock/idle_minutes", minutes)

    def lock_with_screen(self) -> bool:
        """Whether the journal locks when the screen locks or the computer sleeps; on unless clearly off."""
        value = self._settings.value("lock/with_screen", True)
        if isinstance(value, str):  # an INI file gives back "false", not False
            return value.strip().lower() not in ("false", "0", "no", "off")
        return bool(value) if isinstance(value, bool | int) else True

    def set_lock_with_screen(self, on: bool) -> None:
        self._settings.setValue("lock/with_screen", on)

    def default_cadence_days(self) -> int | None:
        """The keep-in-touch rhythm a person added from the window starts with; None: no rhythm."""
        days = self._int("people/default_cadence_days", 0)
        return days if days is not None and 1 <= days <= 3650 else None

    def set_default_cadence_days(self, days: int | None) -> None:
        self._settings.setValue("people/default_cadence_days", days or 0)

    def first_day_of_week(self) -> int:
        """1 (Monday) to 7 (Sunday), as ``datetime.date.isoweekday`` counts."""
        day = self._int("calendar/first_day_of_week", 1)
        return day if day is not None and 1 <= day <= 7 else 1

    def set_first_day_of_week(self, day: int) -> None:
        self._settings.setValue("calendar/first_day_of_week", day)

    def date_style(self) -> str:
        """How dates are shown: one of ``ui.widgets.dates.STYLES``."""
        from netjournal.ui.widgets.dates import DEFAULT_STYLE, STYLES

        value = str(self._settings.value("calendar/date_style", DEFAULT_STYLE))
        return value if value in STYLES else DEFAULT_STYLE

    def set_date_style(self, style: str) -> None:
        self._settings.setValue("calendar/date_style", style)

    def appearance(self) -> str:
        """``system``, ``light`` or ``dark``."""
        from netjournal.ui.widgets.appearance import APPEARANCES

        value = str(self._settings.value("window/appearance", "system"))
        return value if value in APPEARANCES else "system"

    def set_appearance(self, appearance: str) -> None:
        self._settings.setValue("window/appearance", appearance)

    def notify_due_loops(self) -> bool:
        """Whether a desktop notification says when an open loop falls due; off unless clearly on."""
        return self._flag("reminders/notify", default=False)

    def set_notify_due_loops(self, on: bool) -> None:
        self._settings.setValue("reminders/notify", on)

    def _int(self, key: str, default: int) -> int | None:
        value = self._settings.value(key, default)
        if not isinstance(value, int | float | str):
            return None
        try:
            return int(value)
        except ValueError:
            return None

    def _flag(self, key: str, *, default: bool) -> bool:
        value = self._settings.value(key, default)
        if isinstance(value, str):  # an INI file gives back "false", not False
            word = value.strip().lower()
            return word in ("true", "1", "yes", "on") if not default else word not in ("false", "0", "no", "off")
        return bool(value) if isinstance(value, bool | int) else default

    def sync(self) -> None:
        self._settings.sync()
