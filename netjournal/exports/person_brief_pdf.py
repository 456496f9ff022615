"""A PersonBrief as a printed PDF: every section that has content, in the order one reads before a meeting.

The text is plaintext from the journal: it is written only where the user
chose, atomically and readable by them alone (``exports.atomic``), and built
in memory before that, so no other file is ever written.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPalette

from netjournal.exports.charts import PRINT_COLOURS, paint_balance
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
from netjournal.services.brief import ContactLine, PersonBrief
from netjournal.services.contact_details import FIELD_LABELS
from netjournal.wording import plural

MAX_LISTED = 15
TYPE_LABELS = {
    "exchange": "Exchange",
    "touchpoint": "Touchpoint",
    "loop": "Open loop",
    "reflection": "Reflection",
    "brokered_introduction": "Introduction",
}


def slug(name: str) -> str:
    """A file-name-safe form of a name: "Élodie D'Souza" -> "elodie-d-souza"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "person"


def default_file_name(brief: PersonBrief) -> str:
    return f"brief-{slug(brief.who.name)}-{brief.today.isoformat()}.pdf"


def _ago(days: int | None) -> str:
    if days is None:
        return ""
    return tr("today") if days == 0 else (tr("yesterday") if days == 1 else tr("{0} days ago").format(days))


def _age(days: int) -> str:
    """An age as one reads it: days under two months, then months, then years."""
    if days < 60:
        return _ago(days)
    if days < 730:
        return tr("{0} months").format(days // 30)
    return tr("{0} years").format(days // 365)


def _listed(rows: list[tuple[str, ...]], what: str) -> list[Block]:
    """At most ``MAX_LISTED`` rows, and how many more there are: a brief, not an archive."""
    blocks: list[Block] = []
    if len(rows) > MAX_LISTED:
        blocks.append(
            Paragraph(tr("… and {0} more {1} (older or smaller).").format(len(rows) - MAX_LISTED, what), muted=True)
        )
    return blocks


def _birthday_soon(days: int) -> str:
    if days == 0:
        return tr("today")
    return tr("tomorrow") if days == 1 else tr("in {0} days").format(days)


def _contact_row(line: ContactLine) -> tuple[str, str]:
    kind = tr(FIELD_LABELS[line.field])
    text = line.text
    if line.birthday_in_days is not None:
        text += f" — {_birthday_soon(line.birthday_in_days)}"
    return (f"{kind} · {line.label}" if line.label else kind, text)


def _contact(brief: PersonBrief) -> list[Block]:
    """How to reach them, first: what one looks for in a brief before anything else."""
    if not brief.contact:
        return []
    rows = tuple(_contact_row(line) for line in brief.contact)
    return [Heading(tr("Contact details")), Table((tr("Detail"), ""), (1, 3), rows)]


def _who(brief: PersonBrief) -> list[Block]:
    who = brief.who
    rows = []
    for label, value in (
        (tr("Organisation"), who.organisation),
        (tr("Role"), who.role),
        (tr("How you met"), who.how_met),
        (tr("Tags"), ", ".join(who.tags)),
        (
            tr("Keep in touch"),
            tr("every {0}").format(plural(who.cadence_days, tr("1 day"), tr("{0} days"))) if who.cadence_days else "",
        ),
    ):
        if value:
            rows.append((label, value))
    if who.last_contact_on is not None:
        last = f"{who.last_contact_on.isoformat()} ({_ago(who.days_since_contact)})"
        if who.overdue_days:
            last += tr(", {0} past the cadence").format(plural(who.overdue_days, tr("1 day"), tr("{0} days")))
        rows.append((tr("Last contact"), last))
    blocks: list[Block] = [Heading(tr("Who"))]
    blocks.append(Table((tr("About"), ""), (1, 3), tuple(rows)) if rows else Paragraph(who.name))
    return blocks


def _balance(brief: PersonBrief) -> list[Block]:
    balance = brief.balance
    if not balance.windows:
        return []
    rows = [
        (w.label, w.given_count, w.given_significance, w.received_count, w.received_significance)
        for w in balance.windows
    ]

    def paint(painter: QPainter, rect: QRectF) -> None:
        palette = QPalette(QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))
        palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#555555"))
        palette.setColor(QPalette.ColorRole.Mid, QColor("#777777"))
        paint_balance(painter, rect, rows, palette, PRINT_COLOURS)

    table = Table(
        (tr("Window"), tr("Given"), tr("Significance given"), tr("Received"), tr("Significance received")),
        (2, 1, 1.6, 1, 1.6),
        tuple((w.label, str(w.given_count), str(w.given_significance), str(w.received_count),
               str(w.received_significance)) for w in balance.windows),
    )  # fmt: skip
    kinds = Table(
        (tr("Kind of value (all time)"), tr("Given"), tr("Received")),
        (3, 1, 1),
        tuple((k.kind.value.capitalize(), str(k.given), str(k.received)) for k in balance.by_kind),
    )
    return [Heading(tr("Balance")), Chart(len(rows) * 1.7 + 2.8, paint), table, kinds]


def _reciprocation(brief: PersonBrief) -> list[Block]:
    rec = brief.reciprocation
    if rec.is_empty:
        return []
    blocks: list[Block] = [Heading(tr("Reciprocation"))]
    if rec.median_days is not None:
        blocks.append(
            Paragraph(
                tr("Median time to reciprocate: {0}.").format(
                    plural(round(rec.median_days), tr("1 day"), tr("{0} days"))
                )
            )
        )
    if rec.seeds:
        blocks.append(Paragraph(tr("Seeds planted: what you gave that has not come back yet"), bold=True))
        # The most significant first (then the oldest): what most deserves a word.
        seeds = sorted(rec.seeds, key=lambda s: (-s.significance, s.date))
        rows = [(s.date.isoformat(), s.summary, str(s.significance), _age(s.age_days)) for s in seeds]
        columns = (tr("Date"), tr("What you gave"), tr("Sig."), tr("Age"))
        blocks.append(Table(columns, (1.1, 5, 0.5, 1.1), tuple(rows[:MAX_LISTED])))
        blocks += _listed(rows, tr("seeds"))
    if rec.unreturned:
        blocks.append(Paragraph(tr("What they gave that you have not yet returned"), bold=True))
        gifts = sorted(rec.unreturned, key=lambda u: (-u.significance, u.date))
        rows = [(u.date.isoformat(), u.summary, str(u.significance), _age(u.age_days)) for u in gifts]
        columns = (tr("Date"), tr("What they gave"), tr("Sig."), tr("Age"))
        blocks.append(Table(columns, (1.1, 5, 0.5, 1.1), tuple(rows[:MAX_LISTED])))
        blocks += _listed(rows, tr("gifts"))
    return blocks


def _loops(brief: PersonBrief) -> list[Block]:
    if not brief.open_loops:
        return []
    rows = []
    for loop in brief.open_loops:
        due = loop.due_on.isoformat() if loop.due_on else tr("no date")
        if loop.overdue_days:
            due += tr(" (overdue {0})").format(plural(loop.overdue_days, tr("1 day"), tr("{0} days")))
        rows.append((tr("You promised") if loop.promised else tr("You asked"), loop.what, due))
    return [Heading(tr("Open loops")), Table((tr("Who owes"), tr("What"), tr("Due")), (1.3, 4.5, 2), tuple(rows))]


def _circumstances(brief: PersonBrief) -> list[Block]:
    if not brief.circumstances:
        return []
    rows = tuple(
        (c.note, c.start.isoformat(), c.end.isoformat() if c.end else tr("ongoing"), tr("now") if c.current else "")
        for c in brief.circumstances
    )
    return [
        Heading(tr("Circumstances")),
        Table((tr("Circumstance"), tr("From"), tr("To"), ""), (4.5, 1.2, 1.2, 0.6), rows),
    ]


def _pattern(brief: PersonBrief) -> list[Block]:
    pattern = brief.pattern
    if not pattern.label:
        return []
    blocks: list[Block] = [Heading(tr("Pattern: {0}").format(pattern.label))]
    blocks += [Paragraph(f"• {reason}") for reason in pattern.reasons]
    blocks.append(Paragraph(tr("A private reflective aid, never a verdict."), muted=True))
    return blocks


def _history(brief: PersonBrief) -> list[Block]:
    if not brief.history:
        return []
    rows = []
    for line in brief.history:
        label = tr(TYPE_LABELS[line.entry_type.value])
        if line.direction is not None and line.kind is not None:
            label = f"{tr('Given') if line.direction.value == 'given' else tr('Received')} · {line.kind.value}"
        rows.append(
            (line.date.isoformat(), label, line.text, "" if line.significance is None else str(line.significance))
        )
    columns = (tr("Date"), tr("Type"), tr("Entry"), tr("Sig."))
    return [Heading(tr("Recent history")), Table(columns, (1.1, 1.7, 5, 0.5), tuple(rows))]


def _introductions(brief: PersonBrief) -> list[Block]:
    if not brief.introductions:
        return []
    # One between others says who connected whom first: "Ana Silva introduced them to Chen Wei: …".
    rows = tuple(
        (i.date.isoformat(), tr(i.role.capitalize()), f"{i.connection}: {i.summary}" if i.connection else i.summary,
         i.outcome or "—")
        for i in brief.introductions
    )  # fmt: skip
    columns = (tr("Date"), tr("Their part"), tr("Introduction"), tr("Outcome"))
    return [Heading(tr("Introductions")), Table(columns, (1.1, 1.4, 4, 2), rows)]


def _points(brief: PersonBrief) -> list[Block]:
    if not brief.talking_points:
        return []
    rows = tuple((p.text, f"{p.source.value}: {p.source_detail}") for p in brief.talking_points)
    return [Heading(tr("Talking points")), Table((tr("Talking point"), tr("From")), (5, 2.6), rows)]


def brief_document(brief: PersonBrief, made_on: dt.date | None = None) -> Document:
    who = brief.who
    subtitle = " · ".join(part for part in (who.role, who.organisation) if part) or tr("Person brief")
    subtitle += " · " + tr("as of {0}").format(brief.today.isoformat())
    blocks: list[Block] = []
    for section in (
        _contact,
        _who,
        _points,
        _loops,
        _balance,
        _reciprocation,
        _pattern,
        _circumstances,
        _introductions,
        _history,
    ):
        blocks += section(brief)
    return Document(
        title=tr("Brief: {0}").format(who.name),
        subtitle=subtitle,
        author="netjournal",
        subject=tr("Person brief for {0}").format(who.name),
        made_on=made_on or dt.date.today(),
        blocks=tuple(blocks),
    )


def write_brief_pdf(brief: PersonBrief, destination: Path, *, paper: Paper | None = None, force: bool = False) -> Path:
    """Render ``brief`` and write it to ``destination`` atomically (0600); refuse to replace a file unless ``force``."""
    return write_document(brief_document(brief), destination, paper=paper, force=force)
