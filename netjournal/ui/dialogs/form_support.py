"""What every entry form shares: the base dialog, error marking (``field_marks``), the person completer.

A form validates by trying to save: the service raises a ``ValidationError``
naming the field at fault, the form marks that widget (dynamic property
``invalid`` plus a red frame from ``netjournal.ui.widgets.colors``), focuses it and shows
the message; editing the field clears the mark.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netjournal.services import people
from netjournal.services.errors import JournalError
from netjournal.services.journal import Journal
from netjournal.services.use_cases import PersonRef
from netjournal.services.validation import AmbiguousPersonError, ValidationError
from netjournal.ui.dialogs.drafts import DraftKeeper
from netjournal.ui.dialogs.field_marks import clear_invalid, invalid_style_sheet, mark_invalid
from netjournal.ui.dialogs.person_completion import attach_completer, person_completer
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session
from netjournal.ui.widgets.colors import overdue_color
from netjournal.ui.widgets.date_field import DateField


def lookup_person(journal: Journal, name: str) -> int | None:
    """The existing person ``name`` designates, or ``None`` (nobody, ambiguous, empty): no writes."""
    if not name.strip():
        return None
    try:
        person = people.find_person(journal, name)
    except ValidationError:
        return None
    return None if person is None else person.id


def person_name(journal: Journal, person_id: int | None) -> str:
    return "" if person_id is None else people.person_name(journal, person_id)


def to_qdate(date: dt.date) -> QDate:
    return QDate(date.year, date.month, date.day)


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def date_edit(parent: QWidget, *, date: dt.date | None = None, max_today: bool = True) -> DateField:
    edit = DateField(to_qdate(date or dt.date.today()), parent)
    if max_today:
        edit.setMaximumDate(to_qdate(dt.date.today()))
    return edit


def tab_to_checked(buttons: list[QAbstractButton]) -> None:
    """Let Tab reach only the checked button of an exclusive group; arrow keys move between them.

    Qt arranges this itself once a button has had focus; doing it from the start
    keeps Shift+Tab from landing on an unchecked choice.
    """

    def update() -> None:
        for button in buttons:
            policy = button.focusPolicy()
            if button.isChecked():
                button.setFocusPolicy(policy | Qt.FocusPolicy.TabFocus)
            else:
                button.setFocusPolicy(Qt.FocusPolicy(policy.value & ~Qt.FocusPolicy.TabFocus.value))

    for button in buttons:
        button.toggled.connect(update)
    update()


def name_widget(widget: QWidget, object_name: str, accessible_name: str) -> QWidget:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    return widget


class FormDialog(QDialog):
    """A form over one entry: fields in a QFormLayout, an error line, Save and Cancel.

    Subclasses build their rows with ``add_row``, then implement ``save`` (which
    writes through services and returns the entry's id). ``Save`` runs it in one
    journal write, so anything it creates on the way is rolled back on error.
    """

    saved = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None, *, object_name: str, title: str) -> None:
        super().__init__(parent)
        self.session = session
        self.saved_id: int | None = None
        self._fields: dict[str, QWidget] = {}
        self._completer: QCompleter | None = None
        self._save_waiting = False
        self._known_people: dict[str, int] = {}
        # Per field too: two fields prefilled with namesakes each keep their own person.
        self._prefilled: dict[QLineEdit, tuple[str, int]] = {}
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setStyleSheet(invalid_style_sheet(self.palette()))

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.error_label = QLabel(self)
        name_widget(self.error_label, "errorLabel", tr("Error"))
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        palette = self.error_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, overdue_color(self.palette()))
        self.error_label.setPalette(palette)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(self)
        self.save_button: QPushButton = self.buttons.addButton(tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        name_widget(self.save_button, "saveButton", tr("Save"))
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        name_widget(self.cancel_button, "cancelButton", tr("Cancel"))
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    # -- building ------------------------------------------------------------

    def add_row(
        self,
        label: str,
        widget: QWidget,
        object_name: str,
        accessible_name: str,
        *,
        fields: tuple[str, ...] = (),
        watch: QWidget | None = None,
    ) -> QWidget:
        """Add a labelled row; ``label`` carries the mnemonic (``&``) and buddies the widget.

        ``fields`` are the service field names whose errors mark this widget;
        ``watch`` is the widget whose edits clear the mark (the row widget itself
        when omitted).
        """
        name_widget(widget, object_name, accessible_name)
        self.form.addRow(self._label(label, watch or widget), widget)
        if isinstance(widget, DateField):
            self.form.addRow("", widget.message)  # what is wrong with a typed date, right under it
        for field in fields:
            self.register_field(field, watch or widget)
        self._watch(watch or widget)
        return widget

    def person_line_edit(self, placeholder: str = "") -> QLineEdit:
        """A name field completing over everyone; the dialog's fields share one completer."""
        if self._completer is None:
            self._completer = person_completer(self.session.journal, self)
        edit = QLineEdit(self)
        attach_completer(edit, self._completer)
        edit.setPlaceholderText(placeholder or tr("Name; a new name adds the person"))
        return edit

    def set_person(self, edit: QLineEdit, person_id: int | None) -> None:
        """Prefill a name field; that exact name then means this person, even if someone shares it."""
        name = person_name(self.session.journal, person_id)
        edit.setText(name)
        if person_id is not None:
            self._known_people[name] = person_id
            self._prefilled[edit] = (name, person_id)

    def person_match_label(self, edit: QLineEdit, object_name: str) -> QLabel:
        """A muted line under a name field saying whom the typed name will mean, as it is typed.

        A unique prefix ("tom") resolves to an existing person and an unknown
        name creates one; saying so before saving keeps either from surprising.
        """
        match = QLabel(self)
        name_widget(match, object_name, self.tr("Who this name means"))
        match.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        match.setWordWrap(True)

        def update(text: str) -> None:
            match.setText(self._match_text(text))
            match.setVisible(bool(match.text()))

        edit.textChanged.connect(update)
        update(edit.text())
        return match

    def _match_text(self, text: str) -> str:
        name = " ".join(text.split())
        if not name or text in self._known_people:
            return ""
        try:
            person = people.find_person(self.session.journal, name)
        except AmbiguousPersonError as error:
            return self.tr("Matches several people: {0}").format("; ".join(error.candidates[:4]))
        if person is None:
            return self.tr("New person: “{0}” will be added when you save.").format(name)
        if person.name.casefold() == name.casefold():
            return ""
        who = f"{person.name} ({person.organisation})" if person.organisation else person.name
        return self.tr("Means {0}.").format(who)

    def _prefilled_id(self, edit: QLineEdit) -> int | None:
        prefilled = self._prefilled.get(edit)
        return prefilled[1] if prefilled is not None and prefilled[0] == edit.text() else None

    def known_person(self, edit: QLineEdit) -> int | None:
        """The person a field designates without writing: prefilled, else an existing unique match."""
        known = self._prefilled_id(edit)
        if known is None:
            known = self._known_people.get(edit.text())
        return known if known is not None else lookup_person(self.session.journal, edit.text())

    def person_ref(self, edit: QLineEdit) -> PersonRef:
        """Who a name field means, for a use case to resolve when it saves.

        A prefilled name is that person (even if someone shares the name); a
        typed one is handed over as typed, to be found or added in the same
        transaction as the entry that needs it.
        """
        name = edit.text()
        known = self._prefilled_id(edit)
        if known is None:
            known = self._known_people.get(name)
        return known if known is not None else name

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def register_field(self, field: str, widget: QWidget) -> None:
        self._fields[field] = widget
        self._watch(widget)

    def _watch(self, widget: QWidget) -> None:
        if widget.property("_watched"):
            return
        widget.setProperty("_watched", True)
        signal = None
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            signal = widget.textChanged
        elif isinstance(widget, QAbstractButton):
            signal = widget.toggled
        elif isinstance(widget, QComboBox):
            signal = widget.currentIndexChanged
        elif isinstance(widget, QDateTimeEdit):  # QDateEdit too
            signal = widget.dateChanged
        elif isinstance(widget, QSpinBox | QDoubleSpinBox | QAbstractSlider):
            signal = widget.valueChanged
        if signal is not None:
            signal.connect(lambda *_: self._edited(widget))

    # -- drafts --------------------------------------------------------------

    def keep_drafts(self, kind: str, entry_id: int | None) -> None:
        """Keep what is typed here as a draft in the journal (call once the form holds its starting values)."""
        self.drafts = DraftKeeper(self, self.session, kind, entry_id)

    def reject(self) -> None:
        keeper = getattr(self, "drafts", None)
        if keeper is not None and not keeper.ask_before_closing(self.reject):
            return
        super().reject()

    # -- saving --------------------------------------------------------------

    def save(self) -> int:
        """Write the entry through services and return its id (runs inside one journal write)."""
        raise NotImplementedError

    @Slot()
    def _save_after_busy(self) -> None:
        self._save_waiting = False
        self.save_button.setEnabled(True)
        if self.isVisible() and self.session.is_open:
            self._on_save()

    @Slot()
    def _on_save(self) -> None:
        self.clear_errors()
        if self._refuse_typed_dates():
            return
        if self.session.busy:
            # A sync (or an import) has the journal on a worker: save the moment it is done, not into its work.
            if not self._save_waiting:
                self._save_waiting = True
                self.save_button.setEnabled(False)
                self.error_label.setText(tr("Saving as soon as the sync in progress finishes…"))
                self.error_label.show()
                self.session.busy_ended.connect(self._save_after_busy, Qt.ConnectionType.SingleShotConnection)
            return
        try:
            with self.session.journal.write():
                saved_id = self.save()
        except JournalError as error:
            self.show_error(error)
            return
        self.saved_id = saved_id
        keeper = getattr(self, "drafts", None)
        if keeper is not None:
            keeper.discard()
        self.saved.emit(saved_id)
        self.accept()

    def _refuse_typed_dates(self) -> bool:
        """A date field holding no real date stops the save, focused and saying why (never a silent other date)."""
        for field in self.findChildren(DateField):
            if field.isEnabled() and field.show_problem():
                mark_invalid(field, field.problem())
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

    def show_gone(self, text: str) -> None:
        """The entry to edit is no longer in the journal: say so; there is nothing left to save."""
        self.error_label.setText(text)
        self.error_label.show()
        self.save_button.setEnabled(False)

    def show_error(self, error: JournalError) -> None:
        message = getattr(error, "message", None) or str(error)
        widget = self._fields.get(getattr(error, "field", ""))
        self.error_label.setText(message)
        self.error_label.show()
        if widget is None:
            return
        mark_invalid(widget, message)
        if widget.isEnabled() and widget.isVisible():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_errors(self) -> None:
        for widget in self._fields.values():
            clear_invalid(widget)
        self.error_label.clear()
        self.error_label.hide()

    def _edited(self, widget: QWidget) -> None:
        if widget.property("invalid"):
            clear_invalid(widget)
            self.error_label.clear()
            self.error_label.hide()

    def field_widget(self, field: str) -> QWidget | None:
        """The widget errors about ``field`` mark (for tests and subclasses)."""
        return self._fields.get(field)
