"""Small entry forms: touchpoints, open loops, people, reflections, circumstances.

Each is a ``FormDialog``: Enter in a one-line field saves, Esc cancels, a
validation error marks its field and keeps the dialog open, and ``saved_id``
holds the entry's id after a successful save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
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

from netjournal.domain import LoopKind
from netjournal.services import entries, records, use_cases
from netjournal.ui.dialogs.form_support import (
    FormDialog,
    date_edit,
    name_widget,
    person_name,
    tab_to_checked,
    to_date,
    to_qdate,
)
from netjournal.ui.i18n import tr
from netjournal.ui.session import Session
from netjournal.ui.widgets.date_field import DateField

CHANNELS = ("email", "call", "coffee", "message", "conference", "LinkedIn")


def text_box(parent: QWidget, lines: int) -> QPlainTextEdit:
    """Multi-line text where Tab moves on instead of inserting a tab."""
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class OptionalDate:
    """A form row whose label is a "has a date" checkbox enabling the date beside it."""

    def __init__(self, dialog: FormDialog, label: str, *, default: dt.date) -> None:
        self.check = QCheckBox(label, dialog)
        # Fixed size: the form then right-aligns it like the other labels.
        self.check.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.date = DateField(to_qdate(default), dialog)
        self.date.setEnabled(False)
        self.check.toggled.connect(self.date.setEnabled)
        # Unticked, a half-typed date no longer matters.
        self.check.toggled.connect(lambda _checked: self.date.show_problem())
        dialog.form.addRow(self.check, self.date)
        dialog.form.addRow("", self.date.message)

    def value(self) -> dt.date | None:
        return to_date(self.date.date()) if self.check.isChecked() else None

    def set_value(self, value: dt.date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.date.setDate(to_qdate(value))


class TouchpointDialog(FormDialog):
    """Keeping in touch between exchanges; with ``touchpoint_id`` it edits one (its person stays)."""

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        person_id: int | None = None,
        touchpoint_id: int | None = None,
    ) -> None:
        editing = touchpoint_id is not None
        title = tr("Edit touchpoint") if editing else tr("Log a touchpoint")
        super().__init__(session, parent, object_name="touchpointDialog", title=title)
        self.touchpoint_id = touchpoint_id
        self.person_field = self.person_line_edit()
        self.add_row(self.tr("&Person"), self.person_field, "personField", self.tr("Person"), fields=("person",))
        self.form.addRow("", self.person_match_label(self.person_field, "personMatch"))
        self.date_field = date_edit(self)
        self.add_row(self.tr("&Date"), self.date_field, "dateField", self.tr("Date"), fields=("date",))
        self.channel_field = QComboBox(self)
        self.channel_field.setEditable(True)
        self.channel_field.addItems([self.tr(channel) for channel in CHANNELS])
        self.channel_field.setCurrentIndex(-1)
        channel_edit = self.channel_field.lineEdit()  # an editable combo box always has one
        if channel_edit is not None:
            channel_edit.setPlaceholderText(self.tr("How: email, call, coffee…"))
        self.add_row(self.tr("C&hannel"), self.channel_field, "channelField", self.tr("Channel"), fields=("channel",))
        self.note_field = QLineEdit(self)
        self.note_field.setPlaceholderText(self.tr("e.g. Congratulated her on the new role"))
        self.add_row(self.tr("&Note"), self.note_field, "noteField", self.tr("Note"), fields=("note",))
        self.setMinimumWidth(460)
        if editing:
            touch = records.touchpoint(session.journal, touchpoint_id)
            if touch is None:
                self.show_gone(self.tr("This touchpoint is no longer in the journal."))
            else:
                self.set_person(self.person_field, touch.person_id)
                self.date_field.setDate(to_qdate(touch.date))
                self.channel_field.setEditText(touch.channel)
                self.note_field.setText(touch.note)
            self.person_field.setEnabled(False)
            self.note_field.setFocus()
        else:
            self.set_person(self.person_field, person_id)
            (self.note_field if person_id is not None else self.person_field).setFocus()
        self.keep_drafts("touchpoint", touchpoint_id)

    def save(self) -> int:
        note, channel = self.note_field.text(), self.channel_field.currentText()
        date = to_date(self.date_field.date())
        if self.touchpoint_id is not None:
            entries.update_touchpoint(self.session.journal, self.touchpoint_id, note, date=date, channel=channel)
            return self.touchpoint_id
        person = self.person_ref(self.person_field)
        return use_cases.log_touchpoint(self.session.journal, person, note, date=date, channel=channel).id


class LoopDialog(FormDialog):
    """Something promised or asked, until done; with ``loop_id`` it edits one (kind and person stay)."""

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        person_id: int | None = None,
        loop_id: int | None = None,
        loop_kind: LoopKind = LoopKind.PROMISED,
    ) -> None:
        editing = loop_id is not None
        title = tr("Edit open loop") if editing else tr("Add an open loop")
        super().__init__(session, parent, object_name="loopDialog", title=title)
        self.loop_id = loop_id
        self._done_on: dt.date | None = None

        kinds = QWidget(self)
        row = QHBoxLayout(kinds)
        row.setContentsMargins(0, 0, 0, 0)
        self.promised_radio = QRadioButton(self.tr("I &promised"), kinds)
        self.asked_radio = QRadioButton(self.tr("I &asked"), kinds)
        name_widget(self.promised_radio, "loopPromised", self.tr("I promised"))
        name_widget(self.asked_radio, "loopAsked", self.tr("I asked"))
        self._kinds = QButtonGroup(self)
        for radio in (self.promised_radio, self.asked_radio):
            self._kinds.addButton(radio)
            row.addWidget(radio)
        row.addStretch(1)
        (self.asked_radio if loop_kind == LoopKind.ASKED else self.promised_radio).setChecked(True)
        tab_to_checked([self.promised_radio, self.asked_radio])
        self.form.addRow(self.tr("Kind"), kinds)
        self.register_field("loop_kind", self.promised_radio)

        self.person_field = self.person_line_edit(self.tr("Optional: to or of whom"))
        self.add_row(self.tr("P&erson"), self.person_field, "personField", self.tr("Person"), fields=("person",))
        self.form.addRow("", self.person_match_label(self.person_field, "personMatch"))
        self.what_field = QLineEdit(self)
        self.what_field.setPlaceholderText(self.tr("e.g. Send Ana the pricing spreadsheet"))
        self.add_row(self.tr("&What"), self.what_field, "whatField", self.tr("What"), fields=("what",))
        self.due = OptionalDate(self, self.tr("Has a &due date"), default=dt.date.today() + dt.timedelta(days=7))
        name_widget(self.due.check, "hasDueField", self.tr("Has a due date"))
        name_widget(self.due.date, "dueField", self.tr("Due date"))
        self.register_field("due_on", self.due.date)
        self.done_field = QCheckBox(self.tr("Don&e"), self)
        name_widget(self.done_field, "doneField", self.tr("Done"))
        self.form.addRow("", self.done_field)
        self.register_field("done_on", self.done_field)
        self.form.setRowVisible(self.done_field, editing)
        self.setMinimumWidth(460)

        if editing:
            loop = records.loop(session.journal, loop_id)
            if loop is not None:
                (self.asked_radio if loop.loop_kind == LoopKind.ASKED else self.promised_radio).setChecked(True)
            for widget in (self.promised_radio, self.asked_radio, self.person_field):
                widget.setEnabled(False)
            if loop is None:
                self.show_gone(self.tr("This open loop is no longer in the journal."))
            else:
                self.set_person(self.person_field, loop.person_id)
                self.what_field.setText(loop.what)
                self.due.set_value(loop.due_on)
                self._done_on = loop.done_on
                self.done_field.setChecked(loop.done_on is not None)
            self.what_field.setFocus()
        else:
            self.set_person(self.person_field, person_id)
            self.promised_radio.setFocus()
        self.keep_drafts("loop", loop_id)

    @property
    def loop_kind(self) -> LoopKind:
        return LoopKind.ASKED if self.asked_radio.isChecked() else LoopKind.PROMISED

    def save(self) -> int:
        journal, what, due = self.session.journal, self.what_field.text(), self.due.value()
        if self.loop_id is not None:
            closing = self.done_field.isChecked() and self._done_on is None
            # Unticked reopens it; ticked before keeps its day; ticked now closes it the way
            # `netjournal done` does, in the same transaction as the edit.
            keep = self._done_on if self.done_field.isChecked() else None
            entries.update_loop(journal, self.loop_id, what, due_on=due, done_on=keep)
            if closing:
                entries.close_loop(journal, self.loop_id)
            return self.loop_id
        person = self.person_ref(self.person_field)
        return use_cases.keep_loop(journal, self.loop_kind, what, person=person, due_on=due).id


class ReflectionDialog(FormDialog):
    """A free-text reflection; Ctrl+Enter saves (Enter starts a new line).

    ``prompt_text`` shows the prompt being answered; ``on_save`` (text → id)
    routes the save elsewhere, e.g. through ``services.prompting.answer_prompt``,
    and then the prompt decides the person and date.
    """

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        person_id: int | None = None,
        reflection_id: int | None = None,
        prompt_text: str = "",
        on_save: Callable[[str], int] | None = None,
    ) -> None:
        editing = reflection_id is not None
        title = tr("Edit reflection") if editing else tr("Answer a prompt") if prompt_text else tr("Write a reflection")
        super().__init__(session, parent, object_name="reflectionDialog", title=title)
        self.reflection_id = reflection_id
        self.on_save = on_save
        self.prompt_label = QLabel(prompt_text, self)
        name_widget(self.prompt_label, "promptLabel", self.tr("Prompt"))
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.prompt_label.font()
        font.setItalic(True)
        self.prompt_label.setFont(font)
        self.form.addRow(self.prompt_label)
        self.form.setRowVisible(self.prompt_label, bool(prompt_text))
        self.text_field = text_box(self, 8)
        self.text_field.setPlaceholderText(self.tr("What do you notice? Ctrl+Enter saves."))
        self.add_row(self.tr("&Reflection"), self.text_field, "textField", self.tr("Reflection"), fields=("text",))
        self.person_field = self.person_line_edit(self.tr("Optional: about whom"))
        self.add_row(self.tr("&Person"), self.person_field, "personField", self.tr("Person"), fields=("person",))
        self.date_field = date_edit(self)
        self.add_row(self.tr("&Date"), self.date_field, "dateField", self.tr("Date"), fields=("date",))
        self.form.setRowVisible(self.person_field, on_save is None)
        self.form.setRowVisible(self.date_field, on_save is None)
        self.save_button.setToolTip(self.tr("Save (Ctrl+Enter)"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._on_save)
        self.setMinimumWidth(520)
        if editing:
            reflection = records.reflection(session.journal, reflection_id)
            if reflection is None:
                self.show_gone(self.tr("This reflection is no longer in the journal."))
            else:
                self.text_field.setPlainText(reflection.text)
                self.set_person(self.person_field, reflection.person_id)
                self.date_field.setDate(to_qdate(reflection.date))
            self.person_field.setEnabled(False)
        else:
            self.set_person(self.person_field, person_id)
        self.text_field.setFocus()
        if on_save is None:  # an answer to a prompt belongs to that prompt: no stand-alone draft
            self.keep_drafts("reflection", reflection_id)

    def save(self) -> int:
        text = self.text_field.toPlainText()
        date = to_date(self.date_field.date())
        if self.on_save is not None:
            return self.on_save(text)
        if self.reflection_id is not None:
            entries.update_reflection(self.session.journal, self.reflection_id, text, date=date)
            return self.reflection_id
        person = self.person_ref(self.person_field)
        return use_cases.write_reflection(self.session.journal, text, person=person, date=date).id


class CircumstanceDialog(FormDialog):
    """What is going on in someone's life that explains an imbalance ("stretched thin until March")."""

    def __init__(self, session: Session, parent: QWidget | None = None, *, person_id: int) -> None:
        super().__init__(session, parent, object_name="circumstanceDialog", title=tr("Add a circumstance"))
        self.person_id = person_id
        self.person_label = QLabel(person_name(session.journal, person_id), self)
        name_widget(self.person_label, "personLabel", self.tr("Person"))
        self.form.addRow(self.tr("Person"), self.person_label)
        self.register_field("person", self.person_label)
        self.note_field = QLineEdit(self)
        self.note_field.setPlaceholderText(self.tr("e.g. New baby; stretched thin until March"))
        self.add_row(self.tr("&Note"), self.note_field, "noteField", self.tr("Note"), fields=("note",))
        self.start_field = date_edit(self, max_today=False)
        self.add_row(self.tr("S&ince"), self.start_field, "startField", self.tr("Since"), fields=("start_on",))
        self.end = OptionalDate(self, self.tr("Has an &end date"), default=dt.date.today() + dt.timedelta(days=90))
        name_widget(self.end.check, "hasEndField", self.tr("Has an end date"))
        name_widget(self.end.date, "endField", self.tr("End date"))
        self.register_field("end_on", self.end.date)
        self.setMinimumWidth(460)
        self.note_field.setFocus()

    def save(self) -> int:
        return entries.add_circumstance(
            self.session.journal,
            self.person_id,
            self.note_field.text(),
            start_on=to_date(self.start_field.date()),
            end_on=self.end.value(),
        )
