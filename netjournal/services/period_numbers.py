"""A period's figures, each beside the same figure for the period before, and the flow over time.

Every figure is one SQL aggregate over the period's dates (entry dates are the
calendar days the owner gave them, both ends of a period included). Two figures
need a word on which date they use:

- *new people* are those whose row was created in the period. A person carries
  no date of their own, only ``created_at``, the UTC moment the row was written
  (the demo dates it on the day the acquaintance began). Its UTC calendar day is
  compared with the period, so someone added late in the evening west of
  Greenwich may count on the next day: at most a day's shift at a period's edge.
- *loops overdue* are counted at the period's end, or today for a period still
  running: opened by then, due before then and not done by then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from netjournal.services.journal import Journal
from netjournal.services.periods import Period

# A month or less is drawn week by week: four or five points, not one.
WEEKLY_UP_TO_DAYS = 31


@dataclass(frozen=True, slots=True)
class PeriodNumbers:
    given: int  # exchanges given, contributions to the network among them
    given_significance: int
    received: int
    received_significance: int
    people_helped: int  # people you gave to, and both people of each introduction you made
    people_who_helped: int  # people you received from
    introductions_made: int
    contributions: int  # exchanges given to no one person: a talk, a post, a community
    touchpoints: int
    new_people: int
    loops_opened: int
    loops_closed: int
    loops_overdue: int  # at the period's end (today, for a period still running)
    reflections: int

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))


FIGURE_LABELS: dict[str, str] = {
    "given": "Exchanges given",
    "given_significance": "Significance given",
    "received": "Exchanges received",
    "received_significance": "Significance received",
    "people_helped": "People you helped",
    "people_who_helped": "People who helped you",
    "introductions_made": "Introductions made",
    "contributions": "Contributions to the network",
    "touchpoints": "Touchpoints",
    "new_people": "New people",
    "loops_opened": "Loops opened",
    "loops_closed": "Loops closed",
    "loops_overdue": "Loops overdue at the end",
    "reflections": "Reflections written",
}


@dataclass(frozen=True, slots=True)
class Figure:
    """One number of the period beside the same number for the period before."""

    key: str  # a field of PeriodNumbers
    label: str
    value: int
    previous: int

    @property
    def change(self) -> int:
        return self.value - self.previous


def figures(current: PeriodNumbers, previous: PeriodNumbers) -> tuple[Figure, ...]:
    """The figures in reading order (that of ``FIGURE_LABELS``)."""
    return tuple(
        Figure(key, label, getattr(current, key), getattr(previous, key)) for key, label in FIGURE_LABELS.items()
    )


def as_of(period: Period, today: dt.date) -> dt.date:
    """The day a period's standing is judged on: its last day, or today while it runs."""
    return min(period.end, today)


def period_numbers(journal: Journal, period: Period, today: dt.date) -> PeriodNumbers:
    bounds = {
        "s": period.start.isoformat(),
        "e": period.end.isoformat(),
        "next": (period.end + dt.timedelta(days=1)).isoformat(),  # created_at stamps sort after their day
        "a": as_of(period, today).isoformat(),
    }
    row = journal.sql(
        "SELECT"
        " (SELECT count(*) FROM exchange WHERE direction = 'given' AND date BETWEEN :s AND :e),"
        " (SELECT total(significance) FROM exchange WHERE direction = 'given' AND date BETWEEN :s AND :e),"
        " (SELECT count(*) FROM exchange WHERE direction = 'received' AND date BETWEEN :s AND :e),"
        " (SELECT total(significance) FROM exchange WHERE direction = 'received' AND date BETWEEN :s AND :e),"
        " (SELECT count(*) FROM ("
        "   SELECT person_id FROM exchange WHERE direction = 'given' AND date BETWEEN :s AND :e"
        "    AND +person_id IS NOT NULL"
        "   UNION SELECT second_person_id FROM exchange WHERE direction = 'given' AND kind = 'introduction'"
        "    AND date BETWEEN :s AND :e AND +second_person_id IS NOT NULL)),"
        " (SELECT count(DISTINCT person_id) FROM exchange WHERE direction = 'received' AND date BETWEEN :s AND :e),"
        " (SELECT count(*) FROM exchange WHERE direction = 'given' AND kind = 'introduction'"
        "   AND date BETWEEN :s AND :e),"
        " (SELECT count(*) FROM exchange WHERE direction = 'given' AND +person_id IS NULL AND date BETWEEN :s AND :e),"
        " (SELECT count(*) FROM touchpoint WHERE date BETWEEN :s AND :e),"
        " (SELECT count(*) FROM person WHERE created_at >= :s AND created_at < :next),"
        " (SELECT count(*) FROM open_loop WHERE opened_on BETWEEN :s AND :e),"
        " (SELECT count(*) FROM open_loop WHERE done_on BETWEEN :s AND :e),"
        " (SELECT count(*) FROM open_loop WHERE opened_on <= :a AND due_on < :a"
        "   AND (done_on IS NULL OR done_on > :a)),"
        " (SELECT count(*) FROM reflection WHERE date BETWEEN :s AND :e)",
        bounds,
    ).fetchone()
    return PeriodNumbers(*(int(value) for value in row))


@dataclass(frozen=True, slots=True)
class FlowBucket:
    """What moved each way in one month or week of the period, for a chart."""

    label: str  # "2026-03" or "2026-W05"
    start: dt.date  # clipped to the period: a week may start before it
    end: dt.date
    given: int
    given_significance: int
    received: int
    received_significance: int


def _bucket_spans(period: Period) -> list[tuple[str, dt.date, dt.date]]:
    spans = []
    day = period.start
    weekly = period.days <= WEEKLY_UP_TO_DAYS
    while day <= period.end:
        if weekly:
            year, week, weekday = day.isocalendar()
            label, last = f"{year}-W{week:02d}", day + dt.timedelta(days=7 - weekday)
        else:
            following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
            label, last = f"{day.year:04d}-{day.month:02d}", following - dt.timedelta(days=1)
        last = min(last, period.end)
        spans.append((label, day, last))
        day = last + dt.timedelta(days=1)
    return spans


def flow_series(journal: Journal, period: Period) -> tuple[FlowBucket, ...]:
    """Given and received per month, or per ISO week for a month or less; every bucket present, zeros too."""
    spans = _bucket_spans(period)
    sums = {label: [0, 0, 0, 0] for label, _, _ in spans}
    label_of = {}
    for label, first, last in spans:
        for offset in range((last - first).days + 1):
            label_of[(first + dt.timedelta(days=offset)).isoformat()] = label
    for date, direction, count, significance in journal.sql(
        "SELECT date, direction, count(*), sum(significance) FROM exchange WHERE date BETWEEN ? AND ? "
        "GROUP BY date, direction",
        (period.start.isoformat(), period.end.isoformat()),
    ):
        cell = sums[label_of[date]]
        at = 0 if direction == "given" else 2
        cell[at] += count
        cell[at + 1] += significance
    return tuple(FlowBucket(label, first, last, *sums[label]) for label, first, last in spans)
