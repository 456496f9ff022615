"""Keeping an entry dialog's unsaved text as a draft inside the journal, and bringing it back.

``DraftKeeper`` watches every input of one dialog by its object name; a few
seconds after a change it saves them all into the journal (``services.drafts``),
and it saves at once before the window locks or quits.  Nothing is written
outside the encrypted file: no settings, no temporary files.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QComboBox,
    QDateEdit,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from netjournal.services import drafts
from netjournal.services.drafts import Draft
from netjournal.services.errors import JournalError
from netjournal.ui.session import Session

AUTOSAVE_MS = 2500

_INPUTS = (QLineEdit, QPlainTextEdit, QAbstractButton, QComboBox, QDateEdit, QSpinBox, QAbstractSlider)


def _inputs(dialog: QDialog) -> dict[str, QWidget]:
    """The dialog's own inputs by object name (Qt's inner widgets, named ``qt_…``, left out)."""
    found: dict[str, QWidget] = {}
    for widget in dialog.findChildren(QWidget):
        name = widget.objectName()
        if not name or name.startswith("qt_") or not isinstance(widget, _INPUTS):
            continue
        if isinstance(widget, QAbstractButton) and not widget.isCheckable():
            continue  # Save, Cancel and other push buttons hold nothing
        if isinstance(widget, QLineEdit) and widget.echoMode() != QLineEdit.EchoMode.Normal:
            continue  # never a secret
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QComboBox):
            continue  # an editable combo box's text is taken from the box
        found.setdefault(name, widget)
    return found


def _value(widget: QWidget) -> Any:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.isEditable() else widget.currentIndex()
    if isinstance(widget, QDateEdit):
        return widget.date().toString(Qt.DateFormat.ISODate)
    if isinstance(widget, QSpinBox | QAbstractSlider):
        return widget.value()
    return None


def _set_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QLineEdit) and isinstance(value, str):
        widget.setText(value)
    elif isinstance(widget, QPlainTextEdit) and isinstance(value, str):
        widget.setPlainText(value)
    elif isinstance(widget, QAbstractButton) and isinstance(value, bool):
        widget.setChecked(value)
    elif isinstance(widget, QComboBox):
        if widget.isEditable() and isinstance(value, str):
            widget.setEditText(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            widget.setCurrentIndex(value)
    elif isinstance(widget, QDateEdit) and isinstance(value, str):
        date = QDate.fromString(value, Qt.DateFormat.ISODate)
        if date.isValid():
            widget.setDate(date)
    elif isinstance(widget, QSpinBox | QAbstractSlider) and isinstance(value, int):
        widget.setValue(value)


def _changed_signal(widget: QWidget) -> Any:
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        return widget.textChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    if isinstance(widget, QComboBox):
        return widget.currentTextChanged
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    return widget.valueChanged  # type: ignore[attr-defined]


class DraftKeeper(QObject):
    """The draft of one open entry dialog: saved a few seconds after each change, discarded once saved.

    ``kept`` follows every save of the draft into the journal.
    """

    kept = Signal()

    def __init__(self, dialog: QDialog, session: Session, kind: str, entry_id: int | None) -> None:
        super().__init__(dialog)
        self.setObjectName("draftKeeper")
        self._dialog = dialog
        self._session = session
        self.kind = kind
        self.entry_id = entry_id
        self._baseline = self.capture()  # as the dialog opened: no draft until something differs
        self._saved: dict[str, Any] | None = None
        self.quiet = False  # closing for a lock or quit: keep the draft, ask nothing
        self._question: QMessageBox | None = None
        self.failure = ""  # why the last save of the draft failed, if it did
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)
        for widget in _inputs(dialog).values():
            _changed_signal(widget).connect(self._changed)

    def capture(self) -> dict[str, Any]:
        return {name: _value(widget) for name, widget in _inputs(self._dialog).items()}

    def restore(self, draft: Draft) -> None:
        """Put a kept draft's values back into the dialog (in the order its inputs appear)."""
        known = getattr(self._dialog, "_known_people", None)
        if isinstance(known, dict):
            known.update(draft.known_people)
        inputs = _inputs(self._dialog)
        for name, value in draft.fields.items():
            widget = inputs.get(name)
            if widget is not None:
                _set_value(widget, value)
        self._saved = self.capture()

    @property
    def has_changes(self) -> bool:
        return self.capture() != self._baseline

    @property
    def has_typed_text(self) -> bool:
        """Text typed or changed since the dialog opened (a flipped option alone is not worth asking about)."""
        now = self.capture()
        return any(isinstance(v, str) and v.strip() and v != self._baseline.get(k) for k, v in now.items())

    def _changed(self, *_: object) -> None:
        if not self._timer.isActive():
            self._timer.start()  # at most one save per interval, however fast someone types

    def save_now(self) -> bool:
        """Keep what the dialog holds now (or drop the draft when it is back as it opened).

        False when it could not be kept (a damaged or full journal): ``failure`` says why.
        """
        self._timer.stop()
        if not self._session.is_open or self._session.busy:
            return False
        now = self.capture()
        if now == self._saved:
            return True
        try:
            if now == self._baseline:
                drafts.discard_draft(self._session.journal, self.kind, self.entry_id)
            else:
                known = getattr(self._dialog, "_known_people", {})
                drafts.save_draft(
                    self._session.journal,
                    Draft(self.kind, self.entry_id, now, dict(known), gist=_gist(now)),
                )
        except JournalError as error:
            self.failure = str(error)
            return False
        self.failure = ""
        self._saved = now
        self.kept.emit()
        return True

    def discard(self) -> None:
        self._timer.stop()
        if self._session.is_open and not self._session.busy:
            with suppress(JournalError):
                drafts.discard_draft(self._session.journal, self.kind, self.entry_id)
        self._saved = self._baseline

    def ask_before_closing(self, close: Callable[[], None]) -> bool:
        """Esc or Cancel: True to close now; with text typed, ask first and call ``close`` once answered.

        The question is window-modal but does not block (``open``, not ``exec``):
        keep the draft, discard it, or go back to the dialog.
        """
        if self.quiet:
            return True
        if not self.has_typed_text:
            self.discard()
            return True
        if self._question is not None:
            return False  # asked already
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Keep what you typed?"),
            self.tr("This has not been saved. Keep it as a draft to finish later, or discard it?"),
            QMessageBox.StandardButton.NoButton,
            self._dialog,
        )
        box.setObjectName("keepDraftQuestion")
        keep = box.addButton(self.tr("&Keep draft"), QMessageBox.ButtonRole.AcceptRole)
        throw = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(self.tr("Go &back"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(back)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._question = box

        def answered() -> None:
            clicked = box.clickedButton()
            self._question = None
            if clicked is keep:
                if not self.save_now():
                    show_error = getattr(self._dialog, "show_error", None)
                    if callable(show_error):  # the text stays on screen rather than being lost
                        show_error(JournalError(self.tr("The draft could not be kept: {0}").format(self.failure)))
                    return
            elif clicked is throw:
                self.discard()
            else:
                return
            self.quiet = True
            close()

        box.finished.connect(answered)
        box.open()
        return False


def _gist(fields: dict[str, Any]) -> str:
    """The longest one-line text typed (a summary, a note), shortened: to recognise the draft when it is offered."""
    texts = [v.strip() for v in fields.values() if isinstance(v, str) and v.strip() and not _looks_like_date(v)]
    if not texts:
        return ""
    one_line = [t for t in texts if "\n" not in t]
    longest = max(one_line, key=len) if one_line else texts[0].splitlines()[0]
    return longest if len(longest) <= 80 else longest[:79].rstrip() + "…"


def _looks_like_date(text: str) -> bool:
    return len(text) == 10 and text[4] == "-" and text[7] == "-"


def keepers(window: QWidget) -> list[DraftKeeper]:
    return [k for k in window.findChildren(DraftKeeper) if isinstance(k, DraftKeeper)]


def keep_all_quietly(window: QWidget) -> list[str]:
    """Before a lock or quit: save every open dialog's draft now, and let the dialogs close without asking.

    Returns why a draft could not be kept, for each that could not (the lock goes ahead all the same).
    """
    failures = []
    for keeper in keepers(window):
        if keeper.has_typed_text and not keeper.save_now():
            failures.append(keeper.failure)
        keeper.quiet = True
    return failures
