"""How the window writes dates and where its weeks begin, as chosen in Preferences.

The choice is held here, for the whole window, because dates are drawn in
many places (timeline rows, panels, dialogs) that should not each be handed
the settings; the shell sets it at start and whenever Preferences change.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt

from netjournal.ui.i18n import tr

STYLES = ("medium", "iso", "locale")
DEFAULT_STYLE = "medium"

_chosen = {"style": DEFAULT_STYLE, "first_day": 1}


def style_choices() -> list[tuple[str, str]]:
    """Each style with an example of it, for the Preferences list."""
    sample = dt.date(2026, 11, 20)
    names = {"medium": tr("Day, month, year"), "iso": tr("ISO"), "locale": tr("As the system writes them")}
    return [(f"{names[style]} ({format_date(sample, style)})", style) for style in STYLES]


def set_style(style: str) -> None:
    _chosen["style"] = style if style in STYLES else DEFAULT_STYLE


def current_style() -> str:
    return str(_chosen["style"])


def set_first_day_of_week(day: int) -> None:
    """1 (Monday) to 7 (Sunday)."""
    _chosen["first_day"] = day if 1 <= day <= 7 else 1


def first_day_of_week() -> int:
    return int(_chosen["first_day"])


def qt_first_day_of_week() -> Qt.DayOfWeek:
    return Qt.DayOfWeek(first_day_of_week())


def week_start(day: dt.date) -> dt.date:
    """The first day of the week ``day`` falls in, as the user's weeks begin."""
    return day - dt.timedelta(days=(day.isoweekday() - first_day_of_week()) % 7)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def format_date(day: dt.date, style: str | None = None) -> str:
    """A whole date: "20 Nov 2026", "2026-11-20", or the system's short form."""
    match style or current_style():
        case "iso":
            return day.isoformat()
        case "locale":
            return QLocale().toString(_qdate(day), QLocale.FormatType.ShortFormat)
        case _:
            return QLocale().toString(_qdate(day), "d MMM yyyy")


def format_day_in_year(day: dt.date) -> str:
    """A date whose year is already plain from around it (a timeline row under its month)."""
    match current_style():
        case "iso":
            return day.strftime("%m-%d")
        case "locale":
            # The system's short format without its year, wherever the year sits in it.
            pattern = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
            for year in ("yyyy", "yy"):
                pattern = pattern.replace(year, "")
            pattern = pattern.strip(" /.-,")
            for doubled in ("//", "..", "--", ", ,"):
                pattern = pattern.replace(doubled, doubled[0])
            return QLocale().toString(_qdate(day), pattern or "d MMM")
        case _:
            return QLocale().toString(_qdate(day), "d MMM")


def format_long_date(day: dt.date) -> str:
    """A date in words where there is room (what a screen reader says): "20 November 2026"."""
    if current_style() == "iso":
        return day.isoformat()
    return QLocale().toString(_qdate(day), "d MMMM yyyy")
