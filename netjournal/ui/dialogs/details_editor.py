"""The person dialog's contact details: rows of kind, value and label, added, removed and reordered.

The rows are only an editor: ``details()`` hands the list to
``people.PersonInput`` and the service checks and stores it (a detail that
stays keeps its identity).  When the service refuses the list, ``show_error``
finds the row at fault by checking each row alone with the same rule, marks
its value and shows the sentence right under it.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netjournal.domain import ContactDetail, DetailField
from netjournal.services.contact_details import FIELD_LABELS, validated_details
from netjournal.services.validation import ValidationError
from netjournal.ui.dialogs.field_marks import clear_invalid, mark_invalid
from netjournal.ui.dialogs.form_support import name_widget
from netjournal.ui.i18n import tr
from netjournal.ui.widgets.colors import overdue_color

VISIBLE_ROWS = 4  # rows shown before the list scrolls: the dialog must still fit a 1024×700 screen

FIELD_ORDER = (DetailField.EMAIL, DetailField.PHONE, DetailField.WEB, DetailField.LOCATION, DetailField.BIRTHDAY)


def label_suggestions(field: DetailField) -> list[str]:
    return {
        DetailField.EMAIL: [tr("work"), tr("home"), tr("personal")],
        DetailField.PHONE: [tr("mobile"), tr("work"), tr("home")],
        DetailField.WEB: [tr("LinkedIn"), tr("website"), tr("GitHub"), tr("blog")],
        DetailField.LOCATION: [tr("home"), tr("work"), tr("hometown")],
        DetailField.BIRTHDAY: [],
    }[field]


def value_placeholder(field: DetailField) -> str:
    return {
        DetailField.EMAIL: tr("name@example.com"),
        DetailField.PHONE: tr("+351 912 345 678"),
        DetailField.WEB: tr("https://www.linkedin.com/in/…"),
        DetailField.LOCATION: tr("City, country"),
        DetailField.BIRTHDAY: tr("YYYY-MM-DD, or MM-DD without a year"),
    }[field]


def editable_value(detail: ContactDetail) -> str:
    """The value as the row shows it: a birthday without a year as "04-15", which reads back the same."""
    if detail.field is DetailField.BIRTHDAY and detail.value.startswith("--"):
        return detail.value[2:]
    return detail.value


class DetailRow(QWidget):
    """One detail: its kind, value and optional label, with buttons to move and remove it."""

    moveRequested = Signal(object, int)  # the row, -1 (up) or +1 (down)
    removeRequested = Signal(object)
    edited = Signal(object)

    def __init__(self, detail: ContactDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailRow")
        self.kind = QComboBox(self)
        for field in FIELD_ORDER:
            self.kind.addItem(tr(FIELD_LABELS[field]), field)
        self.value = QLineEdit(self)
        self.label = QComboBox(self)
        self.label.setEditable(True)
        self.label.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Room for "LinkedIn" or "personal"; the value takes what is left.
        self.label.setMinimumContentsLength(9)
        self.label.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.value.setMinimumWidth(self.value.fontMetrics().horizontalAdvance("x" * 24))
        line = self.label.lineEdit()
        if line is not None:
            line.setPlaceholderText(tr("Label"))
        self.up = self._tool("▲", "moveDetailUp", -1)
        self.down = self._tool("▼", "moveDetailDown", +1)
        self.remove = QToolButton(self)
        self.remove.setText("✕")
        self.remove.setObjectName("removeDetail")
        self.remove.setAutoRaise(True)
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self))
        self.error = QLabel(self)
        self.error.setObjectName("detailError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        palette = self.error.palette()
        palette.setColor(QPalette.ColorRole.WindowText, overdue_color(self.palette()))
        self.error.setPalette(palette)
        self.error.hide()

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(4)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.kind, 0, 0)
        layout.addWidget(self.value, 0, 1)
        layout.addWidget(self.label, 0, 2)
        buttons = QHBoxLayout()
        buttons.setSpacing(0)
        for button in (self.up, self.down, self.remove):
            buttons.addWidget(button)
        layout.addLayout(buttons, 0, 3)
        layout.addWidget(self.error, 1, 1, 1, 3)
        layout.setColumnStretch(1, 1)

        self.kind.setCurrentIndex(max(0, self.kind.findData(detail.field)))
        self.value.setText(editable_value(detail))
        self.value.setCursorPosition(0)  # a long address shows its start, not its end
        self._field = DetailField(detail.field)
        self._suggest(self._field)
        self.label.setEditText(detail.label)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.value.textChanged.connect(lambda: self.edited.emit(self))
        self.label.editTextChanged.connect(lambda: self.edited.emit(self))
        for widget in (self.kind, self.value, self.label, line):
            if widget is not None:
                widget.installEventFilter(self)

    def _tool(self, text: str, object_name: str, step: int) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setObjectName(object_name)
        button.setAutoRaise(True)
        # Alt+Up and Alt+Down move a row from the keyboard; Tab need not stop on these.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setToolTip(tr("Move up (Alt+Up)") if step < 0 else tr("Move down (Alt+Down)"))
        button.clicked.connect(lambda: self.moveRequested.emit(self, step))
        return button

    @property
    def field(self) -> DetailField:
        return self._field

    def detail(self) -> ContactDetail:
        return ContactDetail(self._field, self.value.text(), self.label.currentText())

    def name(self, number: int) -> None:
        """Accessible names that say which detail each widget edits: "Email 1 value"."""
        what = f"{tr(FIELD_LABELS[self._field])} {number}"
        name_widget(self.kind, "detailKind", tr("{0} kind").format(what))
        name_widget(self.value, "detailValue", tr("{0} value").format(what))
        name_widget(self.label, "detailLabel", tr("{0} label").format(what))
        name_widget(self.up, "moveDetailUp", tr("Move {0} up").format(what))
        name_widget(self.down, "moveDetailDown", tr("Move {0} down").format(what))
        name_widget(self.remove, "removeDetail", tr("Remove {0}").format(what))
        self.remove.setToolTip(tr("Remove {0}").format(what))
        self.value.setPlaceholderText(value_placeholder(self._field))

    def show_error(self, message: str) -> None:
        mark_invalid(self.value, message)
        self.error.setText(message)
        self.error.show()
        self.value.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_error(self) -> None:
        clear_invalid(self.value)
        self.error.clear()
        self.error.hide()

    def _suggest(self, field: DetailField) -> None:
        text = self.label.currentText()
        self.label.blockSignals(True)
        self.label.clear()
        self.label.addItems(label_suggestions(field))
        self.label.setEditText(text)
        self.label.blockSignals(False)

    def _kind_changed(self) -> None:
        self._field = DetailField(self.kind.currentData())
        self._suggest(self._field)
        self.edited.emit(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.modifiers() == Qt.KeyboardModifier.AltModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self.moveRequested.emit(self, -1 if event.key() == Qt.Key.Key_Up else +1)
            return True
        return super().eventFilter(watched, event)


class DetailsEditor(QWidget):
    """Every contact detail of a person, in order; ``details()`` is what the dialog saves."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, after: QWidget | None = None) -> None:
        super().__init__(parent)
        name_widget(self, "detailsEditor", tr("Contact details"))
        self._after = after  # the field Tab leaves for the first row
        self.rows: list[DetailRow] = []
        self._body = QWidget()
        self._body.setObjectName("detailRows")
        self._list = QVBoxLayout(self._body)
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.setSpacing(4)
        self._list.addStretch(1)
        self.scroll_area = QScrollArea(self)
        name_widget(self.scroll_area, "detailsScroll", tr("Contact details"))
        self.scroll_area.setWidget(self._body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_button = QPushButton(tr("A&dd contact detail"), self)
        name_widget(self.add_button, "addDetailButton", tr("Add contact detail"))
        self.add_button.setToolTip(tr("An email, phone, web address, location or birthday"))
        self.add_button.clicked.connect(self.add_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.scroll_area)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._refresh()

    # -- contents ---------------------------------------------------------------

    def set_details(self, details: tuple[ContactDetail, ...] | list[ContactDetail]) -> None:
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        for detail in details:
            self._append(detail)
        self._refresh()

    def details(self) -> list[ContactDetail]:
        return [row.detail() for row in self.rows]

    def add_row(self, field: DetailField | None = None) -> DetailRow:
        """A new empty row, focused on its kind: an email first, then whatever is not listed yet."""
        if not isinstance(field, DetailField):  # clicked() passes a bool
            listed = {row.field for row in self.rows}
            field = next((f for f in FIELD_ORDER if f not in listed), DetailField.EMAIL)
        row = self._append(ContactDetail(field, ""))
        self._refresh()
        row.kind.setFocus(Qt.FocusReason.TabFocusReason)
        self.scroll_area.ensureWidgetVisible(row)
        self.changed.emit()
        return row

    def _append(self, detail: ContactDetail) -> DetailRow:
        row = DetailRow(detail, self._body)
        row.moveRequested.connect(self.move_row)
        row.removeRequested.connect(self.remove_row)
        row.edited.connect(self._row_edited)
        self.rows.append(row)
        self._list.insertWidget(len(self.rows) - 1, row)
        row.show()  # now, not once the layout gets round to it: it is focused and measured at once
        return row

    def move_row(self, row: DetailRow, step: int) -> None:
        index = self.rows.index(row)
        target = index + step
        if not 0 <= target < len(self.rows):
            return
        focus = self.focusWidget()
        self.rows[index], self.rows[target] = self.rows[target], self.rows[index]
        self._list.removeWidget(row)
        self._list.insertWidget(target, row)
        self._refresh()
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll_area.ensureWidgetVisible(row)
        self.changed.emit()

    def remove_row(self, row: DetailRow) -> None:
        index = self.rows.index(row)
        self.rows.remove(row)
        self._list.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._refresh()
        # Focus stays in the list: on the row that took its place, else the one above, else Add.
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].value.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def _row_edited(self, row: DetailRow) -> None:
        if row.error.isVisibleTo(row):
            row.clear_error()
            self._fit()
        self._name_rows()
        self.changed.emit()

    # -- errors -----------------------------------------------------------------

    def show_row_error(self) -> bool:
        """Show the first row the service refuses, its sentence under it; False when no single row is at fault."""
        for row in self.rows:
            try:
                validated_details([row.detail()])
            except ValidationError as found:
                row.show_error(found.message)
                self._fit()
                return True
        return False

    def clear_errors(self) -> None:
        for row in self.rows:
            row.clear_error()
        self._fit()

    # -- layout -------------------------------------------------------------------

    def _name_rows(self) -> None:
        counts: dict[DetailField, int] = {}
        for row in self.rows:
            counts[row.field] = counts.get(row.field, 0) + 1
            row.name(counts[row.field])

    def _refresh(self) -> None:
        """Names, Tab order, which buttons apply, and a height of at most ``VISIBLE_ROWS`` rows."""
        self._name_rows()
        # Rows are made after the fields below them, so Tab order is set again each time:
        # from the field above, through every row in order, then Add, then on as before.
        chain: list[QWidget] = [] if self._after is None else [self._after]
        for index, row in enumerate(self.rows):
            row.up.setEnabled(index > 0)
            row.down.setEnabled(index < len(self.rows) - 1)
            chain += [row.kind, row.value, row.label, row.remove]
        chain.append(self.add_button)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._fit()

    def _fit(self) -> None:
        """As tall as the first ``VISIBLE_ROWS`` rows (with any error under them); the rest scroll."""
        self.scroll_area.setVisible(bool(self.rows))
        shown = self.rows[:VISIBLE_ROWS]
        if shown:
            height = sum(row.sizeHint().height() + self._list.spacing() for row in shown)
            self.scroll_area.setFixedHeight(height + 2)
