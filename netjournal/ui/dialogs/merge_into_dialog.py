"""People → Merge into…: choose, by name with a completer, the person the current one is merged into."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class MergeIntoDialog(QDialog):
    def __init__(self, name: str, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeIntoDialog")
        self.setWindowTitle(self.tr("Merge {0} into…").format(name))
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            self.tr("{0}'s entries and contact details move to the person you choose, and {0} goes.").format(name),
            self,
        )
        intro.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setObjectName("mergeIntoName")
        self.field.setAccessibleName(self.tr("The person to keep"))
        self.field.setPlaceholderText(self.tr("Name of the person to keep"))
        completer = QCompleter([n for n in names if n != name], self.field)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.field.setCompleter(completer)
        intro.setBuddy(self.field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Merge"))
        ok.setObjectName("mergeIntoButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.field)
        layout.addWidget(buttons)

    def chosen(self) -> str:
        return self.field.text().strip()
