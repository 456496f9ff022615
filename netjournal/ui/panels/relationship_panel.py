"""One relationship read as a whole, or the whole network when nobody is chosen.

The panel calls ``services.relationships.relationship`` once each time it
shows or refreshes a person, then only lays out what came back.  It refreshes
when a change names the person shown (or the whole journal), coalescing a
burst of changes into one read, and keeps the scroll position while doing so.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from netjournal.domain import CircumstanceRecord, Entity
from netjournal.insights import patterns
from netjournal.insights.network import NetworkSummary
from netjournal.insights.patterns import Pattern, Reason
from netjournal.services.events import JournalChange
from netjournal.services.network import AskingTie, asking_ties, network_summary
from netjournal.services.relationships import Relationship, relationship
from netjournal.services.validation import NotFoundError
from netjournal.ui.i18n import tr
from netjournal.ui.panels.contact_details_view import ContactDetailsView
from netjournal.ui.panels.network_overview import NetworkOverview
from netjournal.ui.session import Session
from netjournal.ui.widgets.balance_chart import BalanceChart
from netjournal.ui.widgets.colors import overdue_color
from netjournal.ui.widgets.common import (
    LinkButton,
    age_text,
    ago_text,
    clear_layout,
    days_text,
    format_date,
    is_palette_change,
    label,
    later,
    plural,
    set_text,
)
from netjournal.ui.widgets.flow_layout import FlowLayout

CHART_WINDOWS = ("12m", "3y", "all")
MAX_LISTED = 8  # loops, circumstances and quiet ties shown before "and N more"


def hint_rules() -> str:
    return tr(
        "A hint is a reflective aid, never a verdict. It says New while your first entry with the person is "
        "under {new} days old, and Dormant after {dormant} days without any entry (or twice the keep-in-touch "
        "rhythm, if that is longer). Otherwise it compares the significance you gave and received over the last "
        "three years: Mostly you give when you gave at least {ratio:g} times as much (and gave at least twice), "
        "Mostly you receive the other way round, Mutual otherwise. A circumstance that touches the last {soften} "
        "days softens the hint, because it may explain the imbalance. Each reason links to the entries behind it."
    ).format(
        new=patterns.NEW_DAYS, dormant=patterns.DORMANT_DAYS, ratio=patterns.IMBALANCE, soften=patterns.SOFTENING_DAYS
    )


class RelationshipPanel(QScrollArea):
    """The chosen person's ledger, cadence, loops and pattern hint; the network when nobody is chosen."""

    entriesRequested = Signal(list, str)
    personRequested = Signal(int)
    editPersonRequested = Signal(int)
    addCircumstanceRequested = Signal(int)
    briefRequested = Signal(int)
    deleteCircumstanceRequested = Signal(object)  # the CircumstanceRecord

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._today = today
        self._person_id: int | None = None
        self._data: Relationship | tuple[NetworkSummary, list[AskingTie]] | None = None
        self.setObjectName("relationshipPanel")
        self.setAccessibleName(self.tr("Relationship"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("relationshipBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 12, 12)
        self._person_page = self._build_person_page()
        self._overview_page = self._build_overview_page()
        layout.addWidget(self._person_page)
        layout.addWidget(self._overview_page)
        layout.addStretch(1)
        self.setWidget(body)
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(lambda: self._load(keep_scroll=True))
        session.changed.connect(self._on_changed)
        session.closed.connect(self.clear)
        session.opened.connect(self._on_opened)
        self.show_person(None)

    # -- building ---------------------------------------------------------------

    @staticmethod
    def _page(*items: QWidget | QLayout | int) -> QWidget:
        """A page stacking ``items``; an int is extra space before a section."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for item in items:
            if isinstance(item, int):
                layout.addSpacing(item)
            elif isinstance(item, QLayout):
                layout.addLayout(item)
            else:
                layout.addWidget(item)
        return page

    def _build_person_page(self) -> QWidget:
        self._name = label(name="relationshipName", bold=True, scale=1.6)
        self._subtitle = label(name="relationshipSubtitle", muted=True)
        self._details = ContactDetailsView()
        actions = FlowLayout()  # wraps onto a second line when the column is narrow
        for caption, name, signal in (
            (self.tr("Edit person…"), "editPersonButton", self.editPersonRequested),
            (self.tr("Add circumstance…"), "addCircumstanceButton", self.addCircumstanceRequested),
            (self.tr("Brief as PDF…"), "briefPdfButton", self.briefRequested),
        ):
            button = QPushButton(caption)
            button.setObjectName(name)
            button.setAccessibleName(caption.rstrip("…"))
            button.clicked.connect(lambda _=False, s=signal: self._person_id is not None and s.emit(self._person_id))
            actions.addWidget(button)
        self._chart = BalanceChart()
        self._reciprocity = label(name="reciprocity")
        self._seeds = label(name="seedsPlanted")
        self._cadence = label(name="cadence", rich=True)
        self._circumstances = QVBoxLayout()
        self._loops = QVBoxLayout()
        self._hint = label(name="patternHint", bold=True)
        self._reasons = QVBoxLayout()
        self._reasons.setSpacing(2)
        self._how = LinkButton(self.tr("How is this worked out?"))
        self._how.setObjectName("howWorkedOut")
        self._how.setAccessibleName(self._how.text())
        self._how.setCheckable(True)
        self._how.setToolTip(hint_rules())
        self._how_text = label(hint_rules(), name="hintRules", muted=True)
        self._how_text.hide()
        self._how.toggled.connect(self._how_text.setVisible)
        return self._page(
            *(self._name, self._subtitle, self._details, actions),
            *(8, label(self.tr("Balance"), bold=True), self._chart, self._reciprocity, self._seeds),
            *(8, label(self.tr("Keeping in touch"), bold=True), self._cadence),
            *(8, label(self.tr("Circumstances"), bold=True), self._circumstances),
            *(8, label(self.tr("Open loops"), bold=True), self._loops),
            *(8, label(self.tr("Pattern"), bold=True), self._hint, self._reasons, self._how, self._how_text),
        )

    def _build_overview_page(self) -> QWidget:
        self._overview = NetworkOverview()
        self._overview.personRequested.connect(self.personRequested)
        return self._overview

    # -- public ------------------------------------------------------------------

    def person_id(self) -> int | None:
        return self._person_id

    def show_person(self, person_id: int | None) -> None:
        """Show ``person_id``'s relationship, or the network overview for None."""
        same = person_id == self._person_id and self._data is not None
        if same and not self._refresh_timer.isActive():
            return  # already showing it, and no change is pending
        self._person_id = person_id
        self._load(keep_scroll=same)

    def redraw(self) -> None:
        """Show the same again, with dates written as Preferences now say."""
        if self._data is not None:
            self._load(keep_scroll=True)

    def clear(self) -> None:
        """Forget everything shown (the journal closed): no names remain in any widget."""
        self._refresh_timer.stop()
        self._person_id = None
        self._data = None
        self._person_page.hide()
        self._overview_page.hide()
        for text in (self._name, self._subtitle, self._reciprocity, self._seeds, self._cadence, self._hint):
            set_text(text, "")
        for layout in (self._circumstances, self._loops, self._reasons):
            clear_layout(layout)
        self._overview.clear()
        self._details.clear()
        self._chart.set_rows([])

    # -- loading -------------------------------------------------------------------

    def _on_opened(self) -> None:
        self.show_person(None)

    def _on_changed(self, change: JournalChange) -> None:
        if not self._session.is_open:
            return
        # A detail changed without saying whose (a bulk edit of details) may be this person's.
        unattributed_detail = change.entity is Entity.CONTACT_DETAIL and not change.person_ids
        if (
            self._person_id is None
            or change.is_whole_journal
            or self._person_id in change.person_ids
            or unattributed_detail
        ):
            self._refresh_timer.start()  # restarted by every change of a burst: one refresh

    def _load(self, *, keep_scroll: bool) -> None:
        self._refresh_timer.stop()  # this read supersedes any pending one
        if not self._session.is_open:
            self.clear()
            return
        scroll = self.verticalScrollBar().value()
        today = self._today()
        data: Relationship | tuple[NetworkSummary, list[AskingTie]] | None = None
        if self._person_id is not None:
            try:
                data = relationship(self._session.journal, self._person_id, today=today)
            except NotFoundError:  # deleted meanwhile
                self._person_id = None
                keep_scroll = False
        journal = self._session.journal
        self._data = data if data is not None else (network_summary(journal, today), asking_ties(journal, today))
        self._fill()
        self.verticalScrollBar().setValue(scroll if keep_scroll else 0)

    def _fill(self) -> None:
        """Lay out ``self._data`` (no queries: also used when the palette changes)."""
        person = isinstance(self._data, Relationship)
        if isinstance(self._data, Relationship):
            self._fill_person(self._data)
        elif self._data is not None:
            self._overview.fill(*self._data)
        self._overview_page.setVisible(not person)
        self._person_page.setVisible(person)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if is_palette_change(event) and self._data is not None:
            self._fill()  # rich text carries colours from the palette

    # -- the person ----------------------------------------------------------------

    def _fill_person(self, rel: Relationship) -> None:
        today = self._today()
        overdue = overdue_color(self.palette()).name()
        set_text(self._name, rel.name)
        archived = self.tr("Archived") if rel.archived else ""
        set_text(self._subtitle, " · ".join(p for p in (archived, rel.role, rel.organisation) if p))
        self._subtitle.setVisible(bool(archived or rel.role or rel.organisation))
        self._details.set_details(rel.details, today)
        names = {"12m": self.tr("12 months"), "3y": self.tr("3 years"), "all": self.tr("All time")}
        totals = [(names[key], rel.ledger.totals[key]) for key in CHART_WINDOWS]
        self._chart.set_rows(
            [(n, t.given_count, t.given_significance, t.received_count, t.received_significance) for n, t in totals]
        )
        median, pairs = rel.ledger.median_days_to_reciprocate, len(rel.ledger.reciprocations)
        set_text(
            self._reciprocity,
            self.tr("Time to reciprocate: no linked returns yet.")
            if median is None
            else self.tr("Time to reciprocate: median {0} over {1}.").format(
                days_text(round(median)), plural(pairs, self.tr("1 linked pair"), self.tr("{0} linked pairs"))
            ),
        )
        seeds = rel.ledger.seeds
        set_text(
            self._seeds,
            self.tr(
                "Seeds planted: {count} given and not yet returned (significance {total} in all), "
                "the oldest {age} ago. An investment in the relationship, not a debt."
            ).format(count=len(seeds), total=sum(s.significance for s in seeds), age=age_text(seeds[0].age_days))
            if seeds
            else self.tr("Seeds planted: none waiting for a return."),
        )
        cadence = rel.ledger.cadence
        parts = [
            self.tr("Every {0}").format(days_text(cadence.cadence_days))
            if cadence.cadence_days
            else self.tr("No keep-in-touch rhythm set"),
            self.tr("no contact logged yet")
            if cadence.days_since is None
            else self.tr("last contact {0}").format(ago_text(cadence.days_since)),
        ]
        text = " · ".join(html.escape(part) for part in parts)
        if cadence.is_overdue:
            late = html.escape(self.tr("overdue by {0}").format(days_text(cadence.overdue_days)))
            text += f' · <span style="color:{overdue}"><b>{late}</b></span>'
        set_text(self._cadence, text, self.tr("Keeping in touch"))
        self._fill_circumstances(rel)
        self._fill_loops(rel, today, overdue)
        self._fill_hint(rel)

    def _fill_circumstances(self, rel: Relationship) -> None:
        clear_layout(self._circumstances)
        if not rel.circumstances:
            self._circumstances.addWidget(label(self.tr("None recorded."), muted=True))
        for item in rel.circumstances[-MAX_LISTED:]:
            self._circumstances.addWidget(self._circumstance_row(item))
        self._more(self._circumstances, len(rel.circumstances))

    def _circumstance_row(self, item: CircumstanceRecord) -> QWidget:
        start, end = format_date(item.start), item.end and format_date(item.end)
        span = f"{start} – {end}" if end else self.tr("since {0}").format(start)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label(f"{item.note} ({span})", name="circumstance"), 1)
        delete = LinkButton(self.tr("Delete"))
        delete.setObjectName("deleteCircumstance")
        delete.setAccessibleName(self.tr("Delete the circumstance: {0}").format(item.note))
        delete.clicked.connect(lambda: later(self, lambda: self.deleteCircumstanceRequested.emit(item)))
        layout.addWidget(delete, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _fill_loops(self, rel: Relationship, today: dt.date, overdue: str) -> None:
        clear_layout(self._loops)
        if not rel.open_loops:
            self._loops.addWidget(label(self.tr("Nothing open."), muted=True))
        for loop in rel.open_loops[:MAX_LISTED]:
            who = self.tr("You promised") if loop.loop_kind == "promised" else self.tr("You asked")
            due = self.tr("no due date") if loop.due_on is None else self.tr("due {0}").format(format_date(loop.due_on))
            text = f"<b>{html.escape(who)}:</b> {html.escape(loop.what)} — {html.escape(due)}"
            late = 0 if loop.due_on is None else (today - loop.due_on).days
            if late > 0:
                mark = html.escape(self.tr("past due by {0}").format(days_text(late)))
                text += f' <span style="color:{overdue}"><b>({mark})</b></span>'
            self._loops.addWidget(label(text, name="openLoop", rich=True))
        self._more(self._loops, len(rel.open_loops))

    def _more(self, layout: QVBoxLayout, total: int) -> None:
        if total > MAX_LISTED:
            layout.addWidget(label(self.tr("and {0} more").format(total - MAX_LISTED), muted=True))

    def _fill_hint(self, rel: Relationship) -> None:
        labels = {
            Pattern.MUTUAL: self.tr("Mutual"),
            Pattern.MOSTLY_YOU_GIVE: self.tr("Mostly you give"),
            Pattern.MOSTLY_YOU_RECEIVE: self.tr("Mostly you receive"),
            Pattern.DORMANT: self.tr("Dormant"),
            Pattern.NEW: self.tr("New"),
        }
        text = labels[rel.hint.pattern]
        if rel.hint.softened:
            text += " — " + self.tr("softened: {0}").format("; ".join(c.note for c in rel.hint.softened_by))
        set_text(self._hint, text, self.tr("Pattern"))
        clear_layout(self._reasons)
        for reason in rel.hint.reasons:
            self._reasons.addWidget(label(reason.text, name="patternReason"))
            if reason.entry_ids:
                self._reasons.addWidget(self._reason_link(reason))
            self._reasons.addSpacing(4)

    def _reason_link(self, reason: Reason) -> LinkButton:
        link = LinkButton(plural(len(reason.entry_ids), self.tr("show 1 entry"), self.tr("show {0} entries")))
        link.setObjectName("reasonLink")
        link.setAccessibleName(self.tr("Show the entries behind: {0}").format(reason.text))
        ids = list(reason.entry_ids)
        link.clicked.connect(lambda: later(self, lambda: self.entriesRequested.emit(ids, reason.text)))
        return link
