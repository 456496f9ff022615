"""The selected timeline entry in full, under the list: every word of it, wrapped, nothing elided."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from netjournal.domain import (
    BrokeredEntry,
    Direction,
    ExchangeEntry,
    LoopEntry,
    LoopKind,
    ReflectionEntry,
    TimelineEntry,
)
from netjournal.services import records
from netjournal.services.entry_history import EarlierVersion, earlier_versions
from netjournal.services.journal import Journal
from netjournal.ui.i18n import tr
from netjournal.ui.models.timeline_model import answered_question
from netjournal.ui.widgets.colors import direction_color, muted
from netjournal.ui.widgets.common import format_date, introduced_text, is_palette_change


def _soft(palette: QPalette) -> str:
    """The muted text colour as rich text can take it: without alpha, so blended onto the background here."""
    colour, base = muted(palette), palette.color(QPalette.ColorRole.Base)
    alpha = colour.alphaF()
    pairs = ((colour.red(), base.red()), (colour.green(), base.green()), (colour.blue(), base.blue()))
    red, green, blue = (round(c * alpha + b * (1 - alpha)) for c, b in pairs)
    return QColor(red, green, blue).name()


def _paragraph(text: str) -> str:
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


def _facts(entry: TimelineEntry, today: dt.date) -> list[str]:
    """The short facts shown above the text: when, with whom, what kind, how much."""
    facts = [format_date(entry.date)]
    match entry:
        case ExchangeEntry():
            facts.append(tr("You gave") if entry.direction is Direction.GIVEN else tr("You received"))
            facts.append(entry.kind.value)
            facts.append(tr("significance {0} of 5").format(entry.significance))
            if entry.person_id is None:
                facts.append(entry.community or tr("the network"))
            elif entry.second_person_name:
                facts.append(f"{entry.person_name or ''} ↔ {entry.second_person_name}")
            else:
                facts.append(entry.person_name or "")
            if entry.reciprocates_id:
                facts.append(tr("returns an earlier exchange"))
        case LoopEntry():
            facts.append(tr("You promised") if entry.loop_kind is LoopKind.PROMISED else tr("You asked"))
            if entry.done_on:
                facts.append(tr("done {0}").format(format_date(entry.done_on)))
            elif entry.due_on:
                late = tr(" — past due") if entry.due_on < today else ""
                facts.append(tr("due {0}").format(format_date(entry.due_on)) + late)
            else:
                facts.append(tr("open"))
            facts.append(entry.person_name or "")
        case ReflectionEntry():
            facts += [tr("Reflection"), entry.person_name or ""]
        case BrokeredEntry():
            facts.append(tr("Introduction between others"))
            facts.append(introduced_text(entry.person_name, entry.first_person_name, entry.second_person_name))
        case _:
            facts += [tr("In touch"), entry.channel, entry.person_name or ""]
    return [f for f in facts if f]


def _earlier_html(earlier: Sequence[EarlierVersion], soft: str) -> str:
    style = f' style="color:{soft}"' if soft else ""
    heading = tr("Earlier versions, kept when another copy's edit was newer:")
    items = []
    for version in earlier:
        when = version.changed_at.astimezone().strftime("%Y-%m-%d %H:%M")
        note = tr(" (edited after it was deleted elsewhere)") if version.after_deletion else ""
        text = html.escape(version.text).replace("\n", "<br>")
        if version.outcome:
            text += " — " + html.escape(tr("What came of it: {0}").format(version.outcome))
        items.append(f"<li>{html.escape(when + note)}: {text}</li>")
    return f"<p{style}><i>{html.escape(heading)}</i></p><ul{style}>{''.join(items)}</ul>"


def entry_html(
    entry: TimelineEntry,
    today: dt.date,
    outcome: str = "",
    *,
    soft: str = "",
    tint: str = "",
    earlier: Sequence[EarlierVersion] = (),
) -> str:
    """The entry as rich text: its facts, its whole text, then details, what came of it, and earlier versions."""
    facts = html.escape(" · ".join(_facts(entry, today)))
    parts = [f'<p style="color:{tint or soft}">{facts}</p>' if (tint or soft) else f"<p>{facts}</p>"]
    parts.append(f"<p><b>{html.escape(entry.title).replace(chr(10), '<br>')}</b></p>")
    if isinstance(entry, ReflectionEntry) and (question := answered_question(entry)):
        parts.insert(1, f"<p><i>{html.escape(tr('Answering: {0}').format(question))}</i></p>")
    if isinstance(entry, ExchangeEntry) and entry.details.strip():
        parts.append(_paragraph(entry.details.strip()))
    if outcome.strip():
        parts.append(f"<p><b>{html.escape(tr('What came of it:'))}</b> {html.escape(outcome.strip())}</p>")
    if earlier:
        parts.append(_earlier_html(earlier, soft))
    return "".join(parts)


class EntryDetail(QTextBrowser):
    """Read-only and focusable (Tab reaches it; the arrows scroll a long entry); follows ``show_entry``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryDetail")
        self.setAccessibleName(self.tr("Selected entry"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setOpenLinks(False)
        self._journal: Journal | None = None
        self._entry: TimelineEntry | None = None
        self.show_entry(None, None)

    def entry(self) -> TimelineEntry | None:
        return self._entry

    def show_entry(self, entry: TimelineEntry | None, journal: Journal | None) -> None:
        self._entry, self._journal = entry, journal
        self._fill()

    def _fill(self) -> None:
        entry = self._entry
        if entry is None:
            self.setHtml(f'<p style="color:{_soft(self.palette())}">{html.escape(self._placeholder())}</p>')
            return
        outcome = entry.outcome if isinstance(entry, BrokeredEntry) else ""
        if isinstance(entry, ExchangeEntry) and self._journal is not None:
            details = records.exchange(self._journal, entry.id)
            outcome = details.outcome if details is not None else ""
        earlier = earlier_versions(self._journal, entry.type, entry.id) if self._journal is not None else []
        palette = self.palette()
        tint = direction_color(entry.direction, palette).name() if isinstance(entry, ExchangeEntry) else ""
        self.setHtml(entry_html(entry, dt.date.today(), outcome, soft=_soft(palette), tint=tint, earlier=earlier))

    def _placeholder(self) -> str:
        return self.tr("Choose an entry to read it in full here. Enter edits it.")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if is_palette_change(event):
            self._fill()  # the colours are in the rich text
