"""A PeriodReview as a printed PDF: the period in numbers, then each section that has content.

The order is that of looking back, then ahead: what the numbers did, what
moved and with whom, what you gave the network, what is planted and what came
back, which ties need tending, your own pattern, what you wrote, and the
questions to take into the next period.  Like the brief it is plaintext built
in memory and written only where the user chose (``write_document``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPalette

from netjournal.exports.charts import PRINT_COLOURS, FlowRow, paint_flow
from netjournal.exports.pdf_document import (
    Block,
    Chart,
    Document,
    Heading,
    Paper,
    Paragraph,
    Table,
    tr,
    write_document,
)
from netjournal.services.period_review import PeriodReview
from netjournal.services.period_sections import Listing, MovedTie
from netjournal.services.periods import Period
from netjournal.wording import plural

# A reflection is one paragraph per blank-line-separated part; a part longer
# than this is cut at a space, because the engine never splits a paragraph
# across pages and a reflection may hold 100,000 characters.
REFLECTION_CHUNK = 1_500


def default_file_name(period: Period) -> str:
    """``review-2026-Q3.pdf``; a run of days as ``review-2026-01-01-to-2026-06-30.pdf`` (no dots in a name)."""
    return "review-" + re.sub(r"[^0-9A-Za-z-]+", "-", period.label.replace("..", "-to-")) + ".pdf"


def _caption(text: str) -> Paragraph:
    """A bold line over a table or a reflection, kept on the page of what it introduces."""
    return Paragraph(text, bold=True, keep_with_next=True)


def _change(value: int) -> str:
    return f"+{value:,}" if value > 0 else (f"\u2212{-value:,}" if value < 0 else "0")


def _of(listing: Listing[Any]) -> str:
    """ " (12 of 421)" when the list is a selection, else nothing."""
    shown = len(listing.items)
    return tr(" ({0} of {1})").format(shown, f"{listing.total:,}") if listing.total > shown else ""


def _numbers(review: PeriodReview) -> list[Block]:
    blocks: list[Block] = [Heading(tr("The period in numbers"))]
    if review.numbers.is_empty and review.previous_numbers.is_empty:
        blocks.append(Paragraph(tr("Nothing was recorded in this period or the one before.")))
        return blocks
    blocks.append(
        Paragraph(
            tr("Compared with {0}. Standings (overdue loops) as of {1}.").format(
                review.previous_period.title, review.as_of.isoformat()
            ),
            muted=True,
        )
    )
    rows = tuple((tr(f.label), f"{f.value:,}", f"{f.previous:,}", _change(f.change)) for f in review.figures)
    columns = (tr("Figure"), tr("This period"), tr("Previous period"), tr("Change"))
    blocks.append(Table(columns, (3.2, 1.3, 1.5, 1.1), rows))
    return blocks


def _bucket_label(label: str, period: Period) -> str:
    """ "Mar" for a month within one calendar year, "W05" for a week; the full label otherwise."""
    if period.start.year != period.end.year:
        return label
    rest = label.partition("-")[2]
    if rest.startswith("W"):
        return rest
    return calendar.month_abbr[int(rest)] if rest.isdigit() else label


def _flow(review: PeriodReview) -> list[Block]:
    if not any(b.given or b.received for b in review.flow):
        return []
    rows = [FlowRow(_bucket_label(b.label, review.period), b.given, b.received) for b in review.flow]
    weekly = any("-W" in b.label for b in review.flow)

    def paint(painter: QPainter, rect: QRectF) -> None:
        palette = QPalette(QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))
        palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#555555"))
        palette.setColor(QPalette.ColorRole.Mid, QColor("#bbbbbb"))
        paint_flow(painter, rect, rows, palette, PRINT_COLOURS)

    note = tr("Exchanges given and received each week.") if weekly else tr("Exchanges given and received each month.")
    return [Heading(tr("Given and received")), Paragraph(note, muted=True), Chart(13, paint)]


def _tie_table(ties: Sequence[MovedTie]) -> Table:
    rows = tuple(
        (t.name, f"{t.given} ({t.given_significance})", f"{t.received} ({t.received_significance})") for t in ties
    )
    return Table((tr("Person"), tr("Given (significance)"), tr("Received (significance)")), (3, 1.6, 1.6), rows)


def _movers(review: PeriodReview) -> list[Block]:
    m = review.movers
    if m.both_ways.is_empty and m.only_given.is_empty and m.only_received.is_empty:
        return []
    blocks: list[Block] = [Heading(tr("Relationships that moved"))]
    for listing, title in (
        (m.both_ways, tr("Where most moved both ways")),
        (m.only_given, tr("Only you gave")),
        (m.only_received, tr("Only they gave")),
    ):
        if not listing.is_empty:
            blocks += [_caption(title + _of(listing)), _tie_table(listing.items)]
    return blocks


def _introductions(review: PeriodReview) -> list[Block]:
    intros = review.introductions
    if intros.is_empty:
        return []
    rows = tuple(
        (
            i.date.isoformat(),
            f"{i.name or '?'} \u2192 {i.second_name or '?'}",
            i.summary,
            i.outcome or "\u2014",
        )
        for i in intros.items
    )
    columns = (tr("Date"), tr("Whom"), tr("Introduction"), tr("Outcome"))
    return [Heading(tr("Introductions") + _of(intros)), Table(columns, (1.1, 2, 3.4, 2.2), rows)]


def _contributions(review: PeriodReview) -> list[Block]:
    given = review.contributions
    if given.is_empty:
        return []
    rows = tuple(
        (c.date.isoformat(), c.summary, c.community or "\u2014", str(c.significance), c.outcome or "\u2014")
        for c in given.items
    )
    columns = (tr("Date"), tr("What you gave"), tr("Community"), tr("Sig."), tr("Outcome"))
    return [Heading(tr("Contributions to the network") + _of(given)), Table(columns, (1.1, 3.2, 1.5, 0.5, 2), rows)]


def _seeds(review: PeriodReview) -> list[Block]:
    planted, returned = review.seeds_planted, review.seeds_returned
    if planted.is_empty and returned.is_empty:
        return []
    blocks: list[Block] = [Heading(tr("Seeds"))]
    if not planted.is_empty:
        title = tr("Seeds planted: given in the period, not returned by {0}").format(review.as_of.isoformat())
        rows = tuple((s.date.isoformat(), s.name, s.summary, str(s.significance)) for s in planted.items)
        columns = (tr("Date"), tr("To"), tr("What you gave"), tr("Sig."))
        blocks += [_caption(title + _of(planted)), Table(columns, (1.1, 1.8, 4.4, 0.5), rows)]
    if not returned.is_empty:
        rows = tuple(
            (
                s.given_on.isoformat(),
                s.given_summary,
                f"{s.returned_on.isoformat()}: {s.returned_summary}" + (f" ({s.name})" if s.name else ""),
                f"{s.days:,}",
            )
            for s in returned.items
        )
        columns = (tr("Given on"), tr("What you gave"), tr("What came back"), tr("Days"))
        blocks += [
            _caption(tr("Older seeds returned in the period") + _of(returned)),
            Table(columns, (1.1, 3, 3.4, 0.6), rows),
        ]
    return blocks


def _ties(review: PeriodReview) -> list[Block]:
    quiet, overdue = review.quiet_ties, review.overdue_people
    if quiet.is_empty and overdue.is_empty:
        return []
    blocks: list[Block] = [Heading(tr("Ties to tend"))]
    if not quiet.is_empty:
        rows = tuple(
            (
                t.name,
                f"{t.received_count} ({t.received_significance})",
                t.last_entry_on.isoformat(),
                f"{t.days_since:,}",
            )
            for t in quiet.items
        )
        columns = (tr("Person"), tr("Received (significance)"), tr("Last entry"), tr("Days quiet"))
        blocks += [
            _caption(tr("Valuable ties that went quiet") + _of(quiet)),
            Table(columns, (3, 1.8, 1.3, 1), rows),
        ]
    if not overdue.is_empty:
        rows = tuple(
            (
                p.name,
                tr("every {0}").format(plural(p.cadence_days, tr("1 day"), tr("{0} days"))),
                p.last_entry_on.isoformat() if p.last_entry_on else tr("never"),
                f"{p.overdue_days:,}",
            )
            for p in overdue.items
        )
        columns = (tr("Person"), tr("Keep in touch"), tr("Last entry"), tr("Days overdue"))
        blocks += [
            _caption(tr("Overdue on {0}").format(review.as_of.isoformat()) + _of(overdue)),
            Table(columns, (3, 1.8, 1.3, 1), rows),
        ]
    return blocks


def _pattern(review: PeriodReview) -> list[Block]:
    pattern = review.pattern
    if pattern.is_empty:
        return []
    blocks: list[Block] = [Heading(tr("Your own pattern"))]
    if pattern.asked_kinds:
        rows = tuple((k.kind.value.capitalize(), str(k.count), str(k.significance)) for k in pattern.asked_kinds)
        blocks += [
            _caption(tr("Where you mostly asked: what you received, by kind")),
            Table((tr("Kind of value"), tr("Received"), tr("Significance")), (3, 1, 1), rows),
        ]
    if pattern.asking_ties:
        blocks.append(_caption(tr("Ties where your entries were mostly asks")))
    for tie in pattern.asking_ties:
        blocks.append(
            Paragraph(
                tr("• With {0}: {1} against {2}.").format(
                    tie.name,
                    plural(tie.asks, tr("1 ask"), tr("{0} asks")),
                    plural(tie.offers, tr("1 offer"), tr("{0} offers")),
                )
            )
        )
    vague = pattern.vague
    if vague.scored:
        blocks.append(_caption(tr("How specifically you wrote")))
        share = tr("{0}% of the period's {1} were described vaguely").format(
            round(100 * vague.share), plural(vague.entries, tr("1 exchange"), tr("{0} exchanges"))
        )
        if vague.is_estimate:
            share += tr(" (estimated from a sample of {0})").format(f"{vague.scored:,}")
        blocks.append(Paragraph(share + "."))
        if vague.examples:
            rows = tuple((e.date.isoformat(), e.summary, e.hint) for e in vague.examples)
            blocks.append(Table((tr("Date"), tr("Vague entry"), tr("What it lacks")), (1.1, 3.5, 3.2), rows))
    blocks.append(Paragraph(tr("A private reflective aid, never a verdict."), muted=True))
    return blocks


def _parts(text: str) -> list[str]:
    """The reflection's paragraphs, none longer than REFLECTION_CHUNK characters."""
    parts: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        rest = paragraph.strip()
        while len(rest) > REFLECTION_CHUNK:
            cut = rest.rfind(" ", 0, REFLECTION_CHUNK)
            cut = cut if cut > 0 else REFLECTION_CHUNK
            parts.append(rest[:cut])
            rest = rest[cut:].lstrip()
        if rest:
            parts.append(rest)
    return parts


def _reflections(review: PeriodReview) -> list[Block]:
    if not review.reflections:
        return []
    blocks: list[Block] = [Heading(tr("Reflections written"))]
    for r in review.reflections:
        title = r.date.isoformat() + (tr(" · about {0}").format(r.name) if r.name else "")
        blocks.append(_caption(title))
        if r.question:
            blocks.append(Paragraph(r.question, muted=True))
        blocks += [Paragraph(part) for part in _parts(r.text)]
    return blocks


def _questions(review: PeriodReview) -> list[Block]:
    if not review.questions:
        return []
    rows = tuple((f"{n}.", q.text, q.source) for n, q in enumerate(review.questions, 1))
    return [
        Heading(tr("Questions for the next period")),
        Table(("", tr("Question"), tr("From")), (0.4, 3.6, 3.6), rows),
    ]


def review_document(review: PeriodReview, made_on: dt.date | None = None) -> Document:
    blocks: list[Block] = []
    for section in (
        _numbers,
        _flow,
        _movers,
        _introductions,
        _contributions,
        _seeds,
        _ties,
        _pattern,
        _reflections,
        _questions,
    ):
        blocks += section(review)
    period = review.period
    subtitle = tr("{0} to {1}").format(period.start.isoformat(), period.end.isoformat())
    subtitle += " · " + tr("compared with {0}").format(review.previous_period.title)
    if review.as_of < period.end:
        subtitle += " · " + tr("so far, as of {0}").format(review.as_of.isoformat())
    return Document(
        title=tr("Review of {0}").format(period.title),
        subtitle=subtitle,
        author="netjournal",
        subject=tr("Period review for {0}").format(period.title),
        made_on=made_on or dt.date.today(),
        blocks=tuple(blocks),
    )


def write_review_pdf(
    review: PeriodReview, destination: Path, *, paper: Paper | None = None, force: bool = False
) -> Path:
    """Render ``review`` and write it to ``destination`` atomically (0600); an existing file only with ``force``."""
    return write_document(review_document(review), destination, paper=paper, force=force)
