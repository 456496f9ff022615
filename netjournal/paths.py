"""Where journals live by default."""

from __future__ import annotations

from pathlib import Path

JOURNAL_SUFFIX = ".netjournal"


def default_journal_path() -> Path:
    """The platform's per-user data folder (XDG on Linux, Application Support, AppData)."""
    from platformdirs import user_data_path

    return user_data_path("netjournal", appauthor=False) / f"journal{JOURNAL_SUFFIX}"
