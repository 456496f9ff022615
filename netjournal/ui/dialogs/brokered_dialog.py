"""Keep (or edit) an introduction someone else made between two others: who, whom, to whom, what for."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from netjournal.services import use_cases
from netjournal.services.brokered_introductions import get_brokered
from netjournal.services.validation import NotFoundError
from netjournal.ui.dialogs.form_support import FormDialog, date_edit, to_date, to_qdate
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session


class BrokeredDialog(FormDialog):
    """ "Ana introduced Ben to Chen, for Chen's seed round"; ``person_id`` starts as the one who made it."""

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        person_id: int | None = None,
        row_id: int | None = None,
    ) -> None:
        editing = row_id is not None
        title = tr("Edit an introduction between others") if editing else tr("An introduction between others")
        super().__init__(session, parent, object_name="brokeredDialog", title=title)
        self.row_id = row_id
        self._empty_places: set[QLineEdit] = set()  # of an edited row whose person was deleted
        self.broker_field = self._person_row(self.tr("&Who made it"), "brokerField", self.tr("Who made it"), "broker")
        self.first_field = self._person_row(self.tr("&Introduced"), "firstField", self.tr("Introduced"), "first_person")
        self.second_field = self._person_row(self.tr("&To"), "secondField", self.tr("To whom"), "second_person")
        self.date_field = date_edit(self)
        self.add_row(self.tr("&Date"), self.date_field, "dateField", self.tr("Date"), fields=("date",))
        self.summary_field = QLineEdit(self)
        self.summary_field.setPlaceholderText(self.tr("e.g. for Chen's seed round, as someone who had raised one"))
        self.add_row(self.tr("What &for"), self.summary_field, "summaryField", self.tr("What for"), fields=("summary",))
        self.outcome_field = QLineEdit(self)
        self.outcome_field.setPlaceholderText(self.tr("Optional, now or later"))
        self.add_row(
            self.tr("What &came of it"), self.outcome_field, "outcomeField", self.tr("What came of it"),
            fields=("outcome",),
        )  # fmt: skip
        self.setMinimumWidth(500)
        if editing:
            try:
                entry = get_brokered(session.journal, row_id)
            except NotFoundError:
                self.show_gone(self.tr("This introduction is no longer in the journal."))
            else:
                self.set_person(self.broker_field, entry.person_id)
                for field, person_id in ((self.first_field, entry.first_person_id),
                                         (self.second_field, entry.second_person_id)):  # fmt: skip
                    self.set_person(field, person_id)
                    if person_id is None:
                        field.setPlaceholderText(self.tr("Nobody: they were deleted (or type a name)"))
                        self._empty_places.add(field)
                self.date_field.setDate(to_qdate(entry.date))
                self.summary_field.setText(entry.summary)
                self.outcome_field.setText(entry.outcome)
            self.summary_field.setFocus()
        else:
            self.set_person(self.broker_field, person_id)
            (self.first_field if person_id is not None else self.broker_field).setFocus()
        self.keep_drafts("brokered_introduction", row_id)

    def _person_row(self, label: str, object_name: str, accessible_name: str, field: str) -> QLineEdit:
        edit = self.person_line_edit()
        self.add_row(label, edit, object_name, accessible_name, fields=(field,))
        self.form.addRow("", self.person_match_label(edit, object_name.replace("Field", "Match")))
        return edit

    def _place(self, field: QLineEdit) -> use_cases.PersonRef | None:
        if field in self._empty_places and not field.text().strip():
            return None  # it stays empty, as it was
        return self.person_ref(field)

    def save(self) -> int:
        return use_cases.save_brokered(
            self.session.journal,
            self.person_ref(self.broker_field),
            self._place(self.first_field),
            self._place(self.second_field),
            self.summary_field.text(),
            date=to_date(self.date_field.date()),
            outcome=self.outcome_field.text(),
            row_id=self.row_id,
        ).id
