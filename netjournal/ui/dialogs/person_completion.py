"""The person completer of the entry forms: names as you type, and a suggestion list that never eats keys."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QStringListModel, Qt, Slot
from PySide6.QtWidgets import QApplication, QCompleter, QLineEdit, QWidget

from netjournal.services.journal import Journal
from netjournal.services.people import person_names


def person_completer(journal: Journal, parent: QWidget) -> QCompleter:
    """Case-insensitive completion anywhere in a name ("silva" finds "Ana Silva")."""
    completer = QCompleter(QStringListModel(person_names(journal), parent), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setMaxVisibleItems(10)
    return completer


class _PopupCloser(QObject):
    """Closes a field's suggestion list once focus has gone elsewhere (a mnemonic such as Alt+K, a shortcut).

    The list stays up otherwise and, being a popup, takes the next keys for the
    field it belongs to: "Varun Odhiambo", Alt+K, "i" gave "Varun Odhiamboi".
    """

    def __init__(self, line_edit: QLineEdit, completer: QCompleter) -> None:
        super().__init__(completer)  # goes with the completer, which may outlive the field or go first
        self._line_edit = line_edit
        self._completer = completer
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    @Slot(QWidget, QWidget)
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not (shiboken6.isValid(self._completer) and shiboken6.isValid(self._line_edit)):
            return  # the dialog is being taken down
        popup = self._completer.popup()
        if popup is None or not popup.isVisible() or self._completer.widget() is not self._line_edit:
            return
        if new is not self._line_edit and new is not popup:
            popup.hide()


def attach_completer(line_edit: QLineEdit, completer: QCompleter) -> None:
    """Complete ``line_edit`` from ``completer`` (one completer may serve several fields)."""
    line_edit.setCompleter(completer)
    popup = completer.popup()  # made on first use, so never None here
    if popup is not None:
        # Leaving the field closes a suggestion list still open for it.
        line_edit.editingFinished.connect(popup.hide)
        _PopupCloser(line_edit, completer)
