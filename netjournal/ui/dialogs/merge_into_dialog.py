"""People → Merge into…: choose, by name with a completer, the person the current one is merged into."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


def choice_label(name: str, organisation: str) -> str:
    return f"{name} ({organisation})" if organisation else name


class MergeIntoDialog(QDialog):
    """``people`` are (id, name, organisation) of everyone else; ``chosen`` gives an id when one is picked."""

    def __init__(self, name: str, people: list[tuple[int, str, str]], parent: QWidget | None = None) -> None:
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
        # Labelled with the organisation and keyed by id: a namesake of the person merged is a choice too.
        self._ids: dict[str, int] = {}
        for person_id, other_name, organisation in people:
            label = choice_label(other_name, organisation)
            if label in self._ids or label == name:
                label = f"{label} #{person_id}"
            self._ids[label] = person_id
        completer = QCompleter(list(self._ids), self.field)
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

    def chosen(self) -> int | str:
        """The id of the person picked from the list, or the name as typed (found as the CLI finds names)."""
        text = self.field.text().strip()
        return self._ids.get(text, text)
