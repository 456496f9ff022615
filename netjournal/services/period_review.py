"""The period review: what a year, quarter or month held, as plain data for a report to render.

``period_review(journal, period, today)`` gathers every section; each is empty
when the period gave it nothing, and a period with no entries gives an
all-zero review. Figures live in ``period_numbers``, lists in
``period_sections``; this module adds the owner's own pattern, the
reflections written, and a few questions for the next period, each saying
which finding it comes from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from netjournal.domain import Kind
from netjournal.insights.network import DormantTie
from netjournal.insights.patterns import PersonActivity, extraction_pattern
from netjournal.insights.specificity import score_specificity
from netjournal.services.journal import Journal
from netjournal.services.network import AskingTie
from netjournal.services.period_numbers import (
    Figure,
    FlowBucket,
    PeriodNumbers,
    as_of,
    figures,
    flow_series,
    period_numbers,
)
from netjournal.services.period_sections import (
    Contribution,
    Introduction,
    Listing,
    Movers,
    OverduePerson,
    PlantedSeed,
    ReturnedSeed,
    contributions,
    introductions,
    movers,
    overdue_people,
    quiet_ties,
    seeds_planted,
    seeds_returned,
)
from netjournal.services.periods import Period

# Scoring specificity costs about 0.1 ms an entry; past this many the share is
# estimated from an evenly spread sample (``VagueShare.scored`` says how many).
VAGUE_SAMPLE = 2_000
VAGUE_EXAMPLES = 3
ASKING_TIES = 5
# A share of vague entries worth a question of its own.
VAGUE_QUESTION_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class KindCount:
    kind: Kind
    count: int
    significance: int


@dataclass(frozen=True, slots=True)
class VagueExample:
    exchange_id: int
    date: dt.date
    summary: str
    score: int
    hint: str  # the first thing the description lacks


@dataclass(frozen=True, slots=True)
class VagueShare:
    entries: int  # exchanges in the period
    scored: int  # how many were scored (all, or an evenly spread sample of VAGUE_SAMPLE)
    vague: int  # vague among those scored
    examples: tuple[VagueExample, ...]  # the least specific, newest first among equals

    @property
    def share(self) -> float:
        return self.vague / self.scored if self.scored else 0.0

    @property
    def is_estimate(self) -> bool:
        return self.scored < self.entries


@dataclass(frozen=True, slots=True)
class OwnPattern:
    """Where you mostly asked: the kinds of value you received most, and the ties that were mostly asks."""

    asked_kinds: tuple[KindCount, ...]  # received in the period, by summed significance
    asking_ties: tuple[AskingTie, ...]  # the extraction pattern over the period, strongest first
    vague: VagueShare

    @property
    def is_empty(self) -> bool:
        return not self.asked_kinds and not self.asking_ties and not self.vague.entries


@dataclass(frozen=True, slots=True)
class ReflectionRow:
    reflection_id: int
    date: dt.date
    text: str
    question: str  # the prompt it answered, "" when written freely
    person_id: int | None
    name: str  # "" when about no one


@dataclass(frozen=True, slots=True)
class Question:
    """A question for the next period and the finding it comes from."""

    text: str
    source: str  # one sentence: which section and figure it rests on
    section: str  # "quiet_ties", "movers", "seeds", "loops", "contributions", "pattern", "numbers"
    person_id: int | None = None


@dataclass(frozen=True, slots=True)
class PeriodReview:
    period: Period
    previous_period: Period
    as_of: dt.date  # standings (seeds, overdue loops and people) are judged on this day
    numbers: PeriodNumbers
    previous_numbers: PeriodNumbers
    figures: tuple[Figure, ...]  # numbers beside the previous period's, in reading order
    flow: tuple[FlowBucket, ...]  # per month, or per ISO week for a month or less
    movers: Movers
    introductions: Listing[Introduction]
    contributions: Listing[Contribution]
    seeds_planted: Listing[PlantedSeed]
    seeds_returned: Listing[ReturnedSeed]
    quiet_ties: Listing[DormantTie]
    overdue_people: Listing[OverduePerson]
    pattern: OwnPattern
    reflections: tuple[ReflectionRow, ...]  # oldest first
    questions: tuple[Question, ...]


def _asked_kinds(journal: Journal, bounds: dict[str, str]) -> tuple[KindCount, ...]:
    rows = journal.sql(
        "SELECT kind, count(*), sum(significance) FROM exchange WHERE direction = 'received'"
        " AND date BETWEEN :s AND :e GROUP BY kind ORDER BY 3 DESC, 2 DESC, 1",
        bounds,
    )
    return tuple(KindCount(Kind(kind), count, significance) for kind, count, significance in rows)


def _asking_ties(journal: Journal, bounds: dict[str, str]) -> tuple[AskingTie, ...]:
    """The owner's extraction pattern (insights.patterns) over the period's entries instead of the last year's."""

    def per_person(sql: str) -> dict[int, object]:
        return {pid: value for pid, value in journal.sql(sql, bounds) if pid is not None}

    in_period = "date BETWEEN :s AND :e AND person_id IS NOT NULL GROUP BY person_id"
    received = per_person(
        f"SELECT person_id, group_concat(id) FROM exchange WHERE direction = 'received' AND {in_period}"
    )
    asked = per_person(
        "SELECT person_id, group_concat(id) FROM open_loop WHERE loop_kind = 'asked'"
        " AND opened_on BETWEEN :s AND :e AND person_id IS NOT NULL GROUP BY person_id"
    )
    if not received and not asked:
        return ()
    given = per_person(f"SELECT person_id, count(*) FROM exchange WHERE direction = 'given' AND {in_period}")
    touches = per_person(f"SELECT person_id, count(*) FROM touchpoint WHERE {in_period}")
    promised = per_person(
        "SELECT person_id, count(*) FROM open_loop WHERE loop_kind = 'promised'"
        " AND opened_on BETWEEN :s AND :e AND person_id IS NOT NULL GROUP BY person_id"
    )

    def ids(value: object) -> tuple[int, ...]:
        return tuple(int(i) for i in str(value).split(",")) if value else ()

    activity = [
        PersonActivity(
            pid,
            ids(received.get(pid)),
            ids(asked.get(pid)),
            int(given.get(pid, 0)),  # type: ignore[call-overload]
            int(touches.get(pid, 0)),  # type: ignore[call-overload]
            int(promised.get(pid, 0)),  # type: ignore[call-overload]
        )
        for pid in sorted(set(received) | set(asked))
    ]
    signals = extraction_pattern(activity)[:ASKING_TIES]
    if not signals:
        return ()
    marks = ",".join("?" * len(signals))
    names = dict(journal.sql(f"SELECT id, name FROM person WHERE id IN ({marks})", [s.person_id for s in signals]))
    return tuple(AskingTie(s.person_id, names.get(s.person_id, "?"), s.asks, s.offers) for s in signals)


def vague_share(journal: Journal, period: Period, *, sample: int = VAGUE_SAMPLE) -> VagueShare:
    """The share of the period's exchanges whose description scores as vague (insights.specificity)."""
    rows = journal.sql(
        "SELECT id, date, summary, details FROM exchange WHERE date BETWEEN ? AND ? ORDER BY date, id",
        (period.start.isoformat(), period.end.isoformat()),
    ).fetchall()
    chosen = rows if len(rows) <= sample else [rows[i * len(rows) // sample] for i in range(sample)]
    vague = []
    for eid, date, summary, details in chosen:
        report = score_specificity(summary, details)
        if report.is_vague:
            hint = report.hints[0].text if report.hints else ""
            vague.append(VagueExample(eid, dt.date.fromisoformat(date), summary, report.score, hint))
    examples = sorted(vague, key=lambda v: (v.score, -v.date.toordinal(), -v.exchange_id))[:VAGUE_EXAMPLES]
    return VagueShare(len(rows), len(chosen), len(vague), tuple(examples))


def reflections_in(journal: Journal, period: Period) -> tuple[ReflectionRow, ...]:
    rows = journal.sql(
        "SELECT r.id, r.date, r.text, r.prompt_text, r.person_id, coalesce(p.name, '') FROM reflection r"
        " LEFT JOIN person p ON p.id = r.person_id WHERE r.date BETWEEN ? AND ? ORDER BY r.date, r.id",
        (period.start.isoformat(), period.end.isoformat()),
    )
    return tuple(ReflectionRow(r[0], dt.date.fromisoformat(r[1]), *r[2:]) for r in rows)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count:,} {word}s"


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return "\u201c" + (text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026") + "\u201d"


def _questions(review: PeriodReview) -> tuple[Question, ...]:
    """Two to four questions for the next period, from the findings in priority order.

    None when the review found nothing at all: a question must rest on something.
    """
    label, n, p = review.period.label, review.numbers, review.previous_numbers
    found: list[Question] = []
    if quiet := review.quiet_ties.items:
        t = quiet[0]
        found.append(
            Question(
                f"What could you send {t.name}, who once helped you a great deal "
                f"and heard nothing from you in {label}?",
                f"Valuable ties that went quiet: {t.name} gave you {_plural(t.received_count, 'time')} "
                f"(significance {t.received_significance}) before {label}; the last entry was on "
                f"{t.last_entry_on.isoformat()}.",
                "quiet_ties",
                t.person_id,
            )
        )
    if only := review.movers.only_received.items:
        t = only[0]
        found.append(
            Question(
                f"What could you offer {t.name}, who helped you in {label} while you gave nothing back?",
                f"Moved only one way: {t.name} gave you {_plural(t.received, 'time')} "
                f"(significance {t.received_significance}) and you gave nothing in {label}.",
                "movers",
                t.person_id,
            )
        )
    if n.loops_overdue:
        found.append(
            Question(
                f"Which of the {_plural(n.loops_overdue, 'overdue loop')} will you close first?",
                f"Numbers: {_plural(n.loops_overdue, 'loop')} open past their due date on "
                f"{review.as_of.isoformat()} (previous period: {p.loops_overdue}).",
                "loops",
            )
        )
    if asking := review.pattern.asking_ties:
        t = asking[0]
        found.append(
            Question(
                f"What could you give {t.name}, with whom your entries in {label} were mostly asks?",
                f"Your own pattern: with {t.name}, {_plural(t.asks, 'ask')} against {_plural(t.offers, 'offer')}.",
                "pattern",
                t.person_id,
            )
        )
    if seeds := review.seeds_planted.items:
        s = seeds[0]
        found.append(
            Question(
                f"What came of {_quote(s.summary)} for {s.name}? It may be worth asking.",
                f"Seeds planted: {_plural(review.seeds_planted.total, 'thing')} given in {label} that nothing had "
                f"returned by {review.as_of.isoformat()}; this one weighed most (significance {s.significance}).",
                "seeds",
                s.person_id,
            )
        )
    vague = review.pattern.vague
    if vague.scored and vague.share >= VAGUE_QUESTION_SHARE and vague.examples:
        found.append(
            Question(
                f"What would {_quote(vague.examples[0].summary)} need to still make sense in a year?",
                f"Your own pattern: {round(100 * vague.share)}% of the period's exchanges were described vaguely"
                + (" (estimated from a sample)." if vague.is_estimate else "."),
                "pattern",
            )
        )
    if n.given + n.received and not n.contributions:
        found.append(
            Question(
                "What could you give to the network as a whole next period: a talk, a post, a community's work?",
                f"Numbers: no contributions to the network in {label} (previous period: {p.contributions}).",
                "contributions",
            )
        )
    if (both := review.movers.both_ways.items) and len(found) < 2:
        t = both[0]
        found.append(
            Question(
                f"What is next with {t.name}, with whom most moved in {label}?",
                f"Where most moved: {t.name}, significance {t.given_significance} given and "
                f"{t.received_significance} received.",
                "movers",
                t.person_id,
            )
        )
    has_content = found or not n.is_empty or review.reflections
    if has_content and len(found) < 2:
        found.append(
            Question(
                "Whom would you most like to help, or hear from, next period?",
                f"Numbers: {n.given} given and {n.received} received in {label}, against {p.given} and "
                f"{p.received} in {review.previous_period.label}.",
                "numbers",
            )
        )
    return tuple(found[:4])


def period_review(journal: Journal, period: Period, today: dt.date | None = None) -> PeriodReview:
    """Everything the period review shows, for ``period`` as it stood on ``today`` (for one still running)."""
    today = today or dt.date.today()
    standing = as_of(period, today)
    previous = period.previous()
    bounds = {"s": period.start.isoformat(), "e": period.end.isoformat()}
    current, before = period_numbers(journal, period, today), period_numbers(journal, previous, today)
    review = PeriodReview(
        period=period,
        previous_period=previous,
        as_of=standing,
        numbers=current,
        previous_numbers=before,
        figures=figures(current, before),
        flow=flow_series(journal, period),
        movers=movers(journal, period),
        introductions=introductions(journal, period),
        contributions=contributions(journal, period),
        seeds_planted=seeds_planted(journal, period, standing),
        seeds_returned=seeds_returned(journal, period),
        quiet_ties=quiet_ties(journal, period, standing),
        overdue_people=overdue_people(journal, standing),
        pattern=OwnPattern(_asked_kinds(journal, bounds), _asking_ties(journal, bounds), vague_share(journal, period)),
        reflections=reflections_in(journal, period),
        questions=(),
    )
    return dataclasses.replace(review, questions=_questions(review))
