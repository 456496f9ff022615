"""Adding or editing a person: who they are, how you met, how to reach them, how often to keep in touch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from netjournal.services import people
from netjournal.services.errors import JournalError
from netjournal.services.journal import Journal
from netjournal.services.validation import AmbiguousPersonError
from netjournal.ui.dialogs.details_editor import DetailsEditor
from netjournal.ui.dialogs.entry_dialogs import text_box
from netjournal.ui.dialogs.form_support import (
    FormDialog,
    name_widget,
)
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session


def cadence_choices() -> list[tuple[str, int | None]]:
    return [
        (tr("No cadence"), None),
        (tr("Every 2 weeks"), 14),
        (tr("Monthly"), 30),
        (tr("Every 2 months"), 61),
        (tr("Quarterly"), 91),
        (tr("Twice a year"), 182),
        (tr("Yearly"), 365),
    ]


def _label(name: str, organisation: str) -> str:
    return f"{name} ({organisation})" if organisation else name


def same_name(journal: Journal, name: str, *, except_id: int | None = None) -> list[str]:
    """Who already has ``name`` (any case and spacing), as "Name (Organisation)"; ``except_id`` is left out."""
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return []
    try:
        found = people.find_person(journal, name)
    except AmbiguousPersonError as error:  # when some have the whole name, those are the candidates listed
        labels = [c for c in error.candidates if c.casefold() == wanted or c.casefold().startswith(wanted + " (")]
    else:
        exact = found is not None and found.name.casefold() == wanted
        labels = [_label(found.name, found.organisation)] if found is not None and exact else []
    if except_id is not None:
        own = people.get_person(journal, except_id)
        if _label(own.name, own.organisation) in labels:
            labels.remove(_label(own.name, own.organisation))
    return labels


class PersonDialog(FormDialog):
    """Add a person, or with ``person_id`` edit one (then also archive them)."""

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, person_id: int | None = None, name: str = ""
    ) -> None:
        editing = person_id is not None
        super().__init__(
            session, parent, object_name="personDialog", title=tr("Edit person") if editing else tr("Add a person")
        )
        self.person_id = person_id
        self.name_field = self._line(self.tr("&Name"), "nameField", self.tr("Name"), ("name",))
        self.same_name_warning = QLabel(self)
        name_widget(self.same_name_warning, "sameNameWarning", self.tr("Someone already has this name"))
        self.same_name_warning.setWordWrap(True)
        self.same_name_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow("", self.same_name_warning)
        self.organisation_field = self._line(self.tr("&Organisation"), "organisationField", self.tr("Organisation"))
        self.role_field = self._line(self.tr("&Role"), "roleField", self.tr("Role"))
        self.how_met_field = self._line(self.tr("&How you met"), "howMetField", self.tr("How you met"))
        self.tags_field = self._line(self.tr("&Tags"), "tagsField", self.tr("Tags"), ("tags",))
        self.tags_field.setPlaceholderText(self.tr("Comma-separated, e.g. investor, Lisbon"))
        self.cadence_field = QComboBox(self)
        for label, days in cadence_choices():
            self.cadence_field.addItem(label, days)
        self.cadence_field.setToolTip(self.tr("Any entry with this person resets the clock."))
        self.add_row(
            self.tr("&Keep in touch"),
            self.cadence_field,
            "cadenceField",
            self.tr("Keep in touch"),
            fields=("cadence_days",),
        )
        self.archived_field = QCheckBox(self.tr("&Archived (hidden from the usual lists)"), self)
        name_widget(self.archived_field, "archivedField", self.tr("Archived"))
        self.form.addRow("", self.archived_field)
        self.form.setRowVisible(self.archived_field, editing)
        self.details_editor = DetailsEditor(self, after=self.archived_field)
        self.add_row(
            self.tr("Contact details"), self.details_editor, "detailsEditor", self.tr("Contact details"),
            fields=("details",), watch=self.details_editor.add_button,
        )  # fmt: skip
        self.notes_field = text_box(self, 4)
        self.add_row(self.tr("Not&es"), self.notes_field, "notesField", self.tr("Notes"), fields=("notes",))
        self.setMinimumWidth(680)  # a contact detail's kind, value and label side by side
        if editing:
            person = people.get_person(session.journal, person_id)
            self.name_field.setText(person.name)
            self.organisation_field.setText(person.organisation)
            self.role_field.setText(person.role)
            self.how_met_field.setText(person.how_met)
            self.tags_field.setText(", ".join(person.tags))
            self.set_cadence(person.cadence_days)
            self.archived_field.setChecked(person.archived)
            self.notes_field.setPlainText(person.notes)
            self.details_editor.set_details(person.details)
        else:
            self.name_field.setText(name)
            self.set_cadence(session.journal.new_person_cadence_days)  # the rhythm Preferences give new people
        self.name_field.textChanged.connect(self._warn_of_same_name)
        self._warn_of_same_name(self.name_field.text())
        self.name_field.setFocus()

    def _warn_of_same_name(self, text: str) -> None:
        """Say, without refusing, that the name is someone's already: two entries for one person start here."""
        others = same_name(self.session.journal, text, except_id=self.person_id)
        if others:
            who = "; ".join(others)
            warning = self.tr("{0} is already in the journal; saving adds another person of the same name.")
            self.same_name_warning.setText(warning.format(who))
        else:
            self.same_name_warning.clear()
        self.same_name_warning.setVisible(bool(others))
        self.same_name_warning.setAccessibleDescription(self.same_name_warning.text())

    def _line(self, label: str, object_name: str, accessible: str, fields: tuple[str, ...] = ()) -> QLineEdit:
        edit = QLineEdit(self)
        self.add_row(label, edit, object_name, accessible, fields=fields)
        return edit

    def set_cadence(self, days: int | None) -> None:
        index = self.cadence_field.findData(days)
        if index < 0 and days is not None:  # "No cadence" is always listed
            self.cadence_field.addItem(self.tr("Every %n day(s)", "", days), days)
            index = self.cadence_field.count() - 1
        self.cadence_field.setCurrentIndex(index)

    def save(self) -> int:
        data = people.PersonInput(
            name=self.name_field.text(),
            organisation=self.organisation_field.text(),
            role=self.role_field.text(),
            how_met=self.how_met_field.text(),
            notes=self.notes_field.toPlainText(),
            tags=self.tags_field.text().split(","),
            cadence_days=self.cadence_field.currentData(),
            archived=self.archived_field.isChecked(),
            details=self.details_editor.details(),
        )
        if self.person_id is not None:
            people.update_person(self.session.journal, self.person_id, data)
            return self.person_id
        return people.add_person(self.session.journal, data)

    def show_error(self, error: JournalError) -> None:
        # A refused detail is shown under its own row, not at the foot of the dialog.
        if getattr(error, "field", "") == "details" and self.details_editor.show_row_error():
            return
        super().show_error(error)

    def clear_errors(self) -> None:
        super().clear_errors()
        self.details_editor.clear_errors()
