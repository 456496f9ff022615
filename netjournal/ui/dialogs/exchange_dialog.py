"""Log or edit one exchange: value given or received, with whom, what exactly, and what it returns."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QWidget,
)

from netjournal.domain import Direction, ExchangeRecord, Kind
from netjournal.insights.specificity import score_specificity
from netjournal.services import entries, records, use_cases
from netjournal.services.relationships import exchanges_by_id, exchanges_with
from netjournal.ui.dialogs.form_support import (
    FormDialog,
    date_edit,
    name_widget,
    tab_to_checked,
    to_date,
    to_qdate,
)
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session
from netjournal.ui.widgets.colors import muted
from netjournal.ui.widgets.scale_box import ScaleSpinBox

MAX_HINTS = 3
SUMMARY_PREVIEW = 48
MAX_RECIPROCATES = 100  # a picker, not a history: the newest candidates


def kind_labels() -> dict[Kind, str]:
    """Readable names for the kinds of value, in the order the picker lists them."""
    return {
        Kind.ADVICE: tr("Advice"),
        Kind.INTRODUCTION: tr("Introduction"),
        Kind.REFERRAL: tr("Referral"),
        Kind.INFORMATION: tr("Information"),
        Kind.EXPERTISE: tr("Expertise"),
        Kind.FEEDBACK: tr("Feedback"),
        Kind.OPPORTUNITY: tr("Opportunity"),
        Kind.SUPPORT: tr("Support"),
        Kind.RESOURCE: tr("Resource"),
        Kind.ENDORSEMENT: tr("Endorsement"),
        Kind.OTHER: tr("Other"),
    }


def significance_words() -> dict[int, str]:
    return {1: tr("small"), 2: tr("useful"), 3: tr("notable"), 4: tr("major"), 5: tr("life-changing")}


def _preview(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_PREVIEW else text[: SUMMARY_PREVIEW - 1].rstrip() + "…"


class ExchangeDialog(FormDialog):
    """New mode logs an exchange; with ``exchange_id`` it edits that exchange.

    ``saved_id`` is the exchange's id after a successful save; ``saved(int)`` is
    emitted with it just before the dialog accepts.
    """

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        person_id: int | None = None,
        exchange_id: int | None = None,
    ) -> None:
        title = tr("Edit exchange") if exchange_id is not None else tr("Log an exchange")
        super().__init__(session, parent, object_name="exchangeDialog", title=title)
        self.exchange_id = exchange_id
        self._loaded_reciprocates: int | None = None
        self._build()
        self._connect()
        if exchange_id is not None:
            self._load(exchange_id)
        elif person_id is not None:
            self.set_person(self.person_field, person_id)
        self._kind_changed()
        self._network_toggled(self.network_field.isChecked())
        self._refresh_reciprocates()
        self._update_specificity()
        self.setMinimumWidth(560)
        first = self.summary_field if exchange_id is not None else self.person_field
        if exchange_id is None and person_id is not None:
            first = self.kind_field
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        self.keep_drafts("exchange", exchange_id)

    # -- building ------------------------------------------------------------

    def _build(self) -> None:
        directions = QWidget(self)
        row = QHBoxLayout(directions)
        row.setContentsMargins(0, 0, 0, 0)
        self.given_radio = QRadioButton(self.tr("I &gave"), directions)
        self.received_radio = QRadioButton(self.tr("I &received"), directions)
        name_widget(self.given_radio, "directionGiven", self.tr("I gave"))
        name_widget(self.received_radio, "directionReceived", self.tr("I received"))
        self.given_radio.setChecked(True)
        self._direction_group = QButtonGroup(self)
        self._direction_group.addButton(self.given_radio)
        self._direction_group.addButton(self.received_radio)
        tab_to_checked([self.given_radio, self.received_radio])
        row.addWidget(self.given_radio)
        row.addWidget(self.received_radio)
        row.addStretch(1)
        name_widget(directions, "directionField", self.tr("Direction"))
        self.form.addRow(self.tr("Direction"), directions)
        self.register_field("direction", self.given_radio)

        self.person_field = self.person_line_edit()
        self.add_row(self.tr("&Person"), self.person_field, "personField", self.tr("Person"), fields=("person",))
        self.person_match = self.person_match_label(self.person_field, "personMatch")
        self.form.addRow("", self.person_match)

        self.network_field = QCheckBox(self.tr("A contri&bution to the network as a whole"), self)
        name_widget(self.network_field, "networkField", self.tr("A contribution to the network as a whole"))
        self.network_field.setToolTip(self.tr("A talk, a shared list, a meetup: value with no single counterpart."))
        self.form.addRow("", self.network_field)

        self.community_field = QLineEdit(self)
        self.community_field.setPlaceholderText(self.tr("Optional: the community or audience"))
        self.add_row(
            self.tr("Co&mmunity"), self.community_field, "communityField", self.tr("Community"), fields=("community",)
        )

        self.kind_field = QComboBox(self)
        for kind, label in kind_labels().items():
            self.kind_field.addItem(label, kind.value)
        self.add_row(self.tr("&Kind"), self.kind_field, "kindField", self.tr("Kind of value"), fields=("kind",))

        self.second_person_field = self.person_line_edit(self.tr("Who they were introduced to"))
        self.add_row(
            self.tr("&Introduced to"),
            self.second_person_field,
            "secondPersonField",
            self.tr("Introduced to"),
            fields=("second_person",),
        )

        self.date_field = date_edit(self)
        self.add_row(self.tr("&Date"), self.date_field, "dateField", self.tr("Date"), fields=("date",))

        self.summary_field = QLineEdit(self)
        self.summary_field.setPlaceholderText(self.tr("What exactly? Whom, what, why it mattered"))
        self.add_row(self.tr("S&ummary"), self.summary_field, "summaryField", self.tr("Summary"), fields=("summary",))

        self.specificity_hint = QLabel(self)
        name_widget(self.specificity_hint, "specificityHint", self.tr("Specificity"))
        self.specificity_hint.setWordWrap(True)
        self.specificity_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.specificity_hint.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.form.addRow("", self.specificity_hint)

        self.details_field = QPlainTextEdit(self)
        self.details_field.setTabChangesFocus(True)
        self.details_field.setPlaceholderText(self.tr("Optional: context, names, numbers, links"))
        lines = self.details_field.fontMetrics().lineSpacing()
        self.details_field.setFixedHeight(lines * 4 + 12)
        self.add_row(self.tr("De&tails"), self.details_field, "detailsField", self.tr("Details"))

        significance = QWidget(self)
        row = QHBoxLayout(significance)
        row.setContentsMargins(0, 0, 0, 0)
        self.significance_field = ScaleSpinBox(significance)
        self.significance_field.setRange(1, 5)
        self.significance_field.setValue(3)
        self.significance_field.setAccessibleDescription(self.tr("1 is small, 5 is life-changing"))
        self.significance_words = QLabel(significance)
        row.addWidget(self.significance_field)
        row.addWidget(self.significance_words, 1)
        name_widget(self.significance_field, "significanceField", self.tr("Significance"))
        self.form.addRow(self._label(self.tr("Sig&nificance"), self.significance_field), significance)
        self.register_field("significance", self.significance_field)

        self.reciprocates_field = QComboBox(self)
        self.reciprocates_field.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.reciprocates_field.setMinimumContentsLength(20)
        self.reciprocates_field.setToolTip(self.tr("The earlier exchange, the other way, that this one returns."))
        self.add_row(
            self.tr("In return f&or"),
            self.reciprocates_field,
            "reciprocatesField",
            self.tr("In return for"),
            fields=("reciprocates",),
        )

        self.outcome_field = QLineEdit(self)
        self.outcome_field.setPlaceholderText(self.tr("Optional: what came of the introduction"))
        self.add_row(self.tr("What came o&f it"), self.outcome_field, "outcomeField", self.tr("What came of it"))

        # The direction radios come first in the tab chain; arrow keys switch between them.
        self.setTabOrder(self.given_radio, self.received_radio)
        self.setTabOrder(self.received_radio, self.person_field)
        self._update_significance_words(self.significance_field.value())

    def _connect(self) -> None:
        self.summary_field.textChanged.connect(self._update_specificity)
        self.details_field.textChanged.connect(self._update_specificity)
        self.kind_field.currentIndexChanged.connect(self._kind_changed)
        self.network_field.toggled.connect(self._network_toggled)
        self.person_field.textChanged.connect(self._refresh_reciprocates)
        self.given_radio.toggled.connect(self._refresh_reciprocates)
        self.date_field.dateChanged.connect(self._refresh_reciprocates)
        self.significance_field.valueChanged.connect(self._update_significance_words)
        self.significance_field.outOfRange.connect(lambda _typed, kept: self._update_significance_words(kept))

    def _load(self, exchange_id: int) -> None:
        row = records.exchange(self.session.journal, exchange_id)
        if row is None:
            self.error_label.setText(self.tr("This exchange is no longer in the journal."))
            self.error_label.show()
            self.save_button.setEnabled(False)
            return
        self._loaded_reciprocates = row.reciprocates_id
        (self.given_radio if row.direction == Direction.GIVEN else self.received_radio).setChecked(True)
        self.kind_field.setCurrentIndex(max(0, self.kind_field.findData(row.kind)))
        self.network_field.setChecked(row.person_id is None)
        self.set_person(self.person_field, row.person_id)
        self.set_person(self.second_person_field, row.second_person_id)
        self.community_field.setText(row.community)
        self.date_field.setDate(to_qdate(row.date))
        self.summary_field.setText(row.summary)
        self.details_field.setPlainText(row.details)
        self.significance_field.setValue(row.significance)
        self.outcome_field.setText(row.outcome)

    # -- live updates --------------------------------------------------------

    @property
    def direction(self) -> Direction:
        return Direction.GIVEN if self.given_radio.isChecked() else Direction.RECEIVED

    @property
    def kind(self) -> Kind:
        return Kind(self.kind_field.currentData())

    @Slot()
    def _kind_changed(self) -> None:
        introduction = self.kind is Kind.INTRODUCTION
        self.form.setRowVisible(self.second_person_field, introduction)
        self.form.setRowVisible(self.outcome_field, introduction)

    @Slot(bool)
    def _network_toggled(self, network: bool) -> None:
        self.person_field.setEnabled(not network)
        self.form.setRowVisible(self.community_field, network)
        self._refresh_reciprocates()

    @Slot(int)
    def _update_significance_words(self, value: int) -> None:
        word = significance_words().get(value, "")
        text = self.tr("%1  (1 small – 5 life-changing)").replace("%1", word)
        note = self.significance_field.note  # a typed number moved onto the scale: say so, never silently
        self.significance_words.setText(f"{note} {text}" if note else text)
        self.significance_field.setAccessibleDescription(note or self.tr("1 is small, 5 is life-changing"))

    @Slot()
    def _update_specificity(self) -> None:
        summary = self.summary_field.text()
        details = self.details_field.toPlainText()
        hint = self.specificity_hint
        palette = hint.palette()
        if not summary.strip() and not details.strip():
            text = self.tr("Be specific: name whom, say what exactly and why it mattered.")
            palette.setColor(QPalette.ColorRole.WindowText, muted(self.palette()))
            hint.setToolTip("")
        else:
            report = score_specificity(summary, details)
            score = self.tr("Specificity %1/100").replace("%1", str(report.score))
            if report.is_vague:
                tips = "\n".join(f"• {self.tr(h.text)}" for h in report.hints[:MAX_HINTS])
                text = f"{score} — {self.tr('vague. To make it clearer:')}\n{tips}"
                palette.setColor(QPalette.ColorRole.WindowText, self.palette().color(QPalette.ColorRole.WindowText))
            else:
                text = f"{score} — {self.tr('specific enough to make sense in a year.')}"
                palette.setColor(QPalette.ColorRole.WindowText, muted(self.palette()))
            reasons = "\n".join(report.reasons)
            hint.setToolTip(f"{self.tr('How the score is reached:')}\n{reasons}")
        hint.setPalette(palette)
        hint.setText(text)
        hint.setAccessibleDescription(text)

    def _current_person_id(self) -> int | None:
        if self.network_field.isChecked():
            return None
        return self.known_person(self.person_field)

    @Slot()
    def _refresh_reciprocates(self) -> None:
        """List the person's earlier exchanges of the other direction, newest first."""
        combo = self.reciprocates_field
        keep = combo.currentData() if combo.count() else self._loaded_reciprocates
        person_id = self._current_person_id()
        until = to_date(self.date_field.date())
        wanted = self.direction.opposite
        records: list[ExchangeRecord] = []
        if person_id is not None:
            records = [
                r
                for r in exchanges_with(self.session.journal, person_id)
                if r.direction is wanted and r.date <= until and r.id != self.exchange_id
            ]
            records.sort(key=lambda r: (r.date, r.id), reverse=True)
            del records[MAX_RECIPROCATES:]
        if keep is not None and all(r.id != keep for r in records):
            records += [
                r for r in exchanges_by_id(self.session.journal, [keep]) if r.direction is wanted and r.date <= until
            ]
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("— returns nothing —"), None)
        for record in records:
            combo.addItem(self._describe(record), record.id)
        index = combo.findData(keep) if keep is not None else 0
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)
        combo.setEnabled(person_id is not None or combo.count() > 1)

    def _describe(self, record: ExchangeRecord) -> str:
        verb = self.tr("gave") if record.direction is Direction.GIVEN else self.tr("received")
        kind = kind_labels()[record.kind].lower()
        return f"{record.date.isoformat()} · {verb} {kind} · {_preview(record.summary)}"

    # -- saving --------------------------------------------------------------

    def save(self) -> int:
        network = self.network_field.isChecked()
        introduction = self.kind is Kind.INTRODUCTION
        person = None if network else self.person_ref(self.person_field)
        second = None
        if introduction and self.second_person_field.text().strip():
            second = self.person_ref(self.second_person_field)
        data = entries.ExchangeInput(
            direction=self.direction,
            kind=self.kind,
            summary=self.summary_field.text(),
            person_id=None,
            date=to_date(self.date_field.date()),
            details=self.details_field.toPlainText(),
            significance=self.significance_field.value(),
            second_person_id=None,
            community=self.community_field.text() if network else "",
            reciprocates_id=self.reciprocates_field.currentData(),
            outcome=self.outcome_field.text() if introduction else "",
        )
        saved = use_cases.save_exchange(
            self.session.journal, data, person=person, second_person=second, exchange_id=self.exchange_id
        )
        return saved.id
