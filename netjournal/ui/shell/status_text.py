"""The status bar's sentence about the open journal: its name and what it holds, counted in words."""

from __future__ import annotations

from netjournal.services.stats import JournalCounts
from netjournal.ui.i18n import tr
from netjournal.ui.widgets.common import plural


def _counted(count: int, one: str, many: str) -> str:
    return plural(count, one, many.format(f"{count:,}"))  # a large journal's counts, grouped by thousands


def journal_summary(name: str, counts: JournalCounts) -> str:
    parts = (
        _counted(counts.people, tr("1 person"), tr("{0} people")),
        _counted(counts.exchanges, tr("1 exchange"), tr("{0} exchanges")),
        _counted(counts.touchpoints, tr("1 touchpoint"), tr("{0} touchpoints")),
        _counted(counts.open_loops, tr("1 open loop"), tr("{0} open loops")),
    )
    return " · ".join((name, *parts))
