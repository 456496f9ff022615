"""Where journals live by default."""

from __future__ import annotations

from pathlib import Path

JOURNAL_SUFFIX = ".netjournal"
# Every suffix a journal's file is known by: the one netjournal gives, and the short one tests and scripts use.
JOURNAL_SUFFIXES = (JOURNAL_SUFFIX, ".nj")


def default_journal_path() -> Path:
    """The platform's per-user data folder (XDG on Linux, Application Support, AppData)."""
    from platformdirs import user_data_path

    return user_data_path("netjournal", appauthor=False) / f"journal{JOURNAL_SUFFIX}"
