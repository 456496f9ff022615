"""The import dialog's Columns tab: what each column of a CSV file holds, as ``--map`` says it on the command line.

Each column is shown with a few of its values and a combo of the fields,
preselected from what netjournal recognises in its header.  Only the choices
that differ from that recognition become the mapping, so the columns a known
export groups together (Google's "E-mail 1 - Label" and "- Value", Outlook's
address parts) keep their grouping unless the person changes them.

The mapping lives as long as the dialog: headers and values are the file's
personal data, so nothing of them is written to the settings.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from netjournal.imports.csv_columns import FIELD_NAMES
from netjournal.imports.csv_contacts import CsvColumns
from netjournal.ui.i18n import tr

IGNORE = "ignore"
# How long the choices rest before the file is read again: arrowing through a combo reads it once, not per step.
REPLAN_DELAY_MS = 400
_SAMPLE_CHARS = 40


def field_words() -> dict[str, str]:
    """Each field as the combo says it, in ``FIELD_NAMES`` order."""
    words = {
        "name": tr("Name"),
        "first_name": tr("First name"),
        "middle_name": tr("Middle name"),
        "last_name": tr("Last name"),
        "organisation": tr("Organisation"),
        "role": tr("Role"),
        "notes": tr("Notes"),
        "tags": tr("Tags"),
        "email": tr("Email"),
        "phone": tr("Phone"),
        "web": tr("Web address"),
        "location": tr("Location"),
        "birthday": tr("Birthday"),
        "met_on": tr("Date you met"),
        IGNORE: tr("Ignore"),
    }
    return {field: words[field] for field in FIELD_NAMES}


def _shortened(value: str) -> str:
    return value if len(value) <= _SAMPLE_CHARS else value[: _SAMPLE_CHARS - 1].rstrip() + "…"


class ImportColumns(QWidget):
    """One row per column: its header, sample values and a combo saying what it is."""

    changed = Signal()  # the choices rested for ``REPLAN_DELAY_MS`` after a change: read the file again
    touched = Signal()  # a choice changed just now: what the dialog shows is out of date

    def __init__(self, columns: CsvColumns, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importColumns")
        self.setAccessibleName(tr("Columns of the file"))
        self.known = dict(columns.known)
        self.combos: list[QComboBox] = []
        self._debounce = QTimer(self, singleShot=True, interval=REPLAN_DELAY_MS)
        self._debounce.timeout.connect(self.changed)

        self.prompt = QLabel()
        self.prompt.setObjectName("importColumnsPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.explain(name_missing=False)

        rows = QWidget()
        grid = QGridLayout(rows)
        grid.setColumnStretch(1, 1)
        for column, title in enumerate((tr("Column"), tr("Values in the file"), tr("What it is"))):
            heading = QLabel(title)
            heading.setStyleSheet("font-weight: bold")
            grid.addWidget(heading, 0, column)
        words = field_words()
        first_of: dict[str, int] = {}
        for index, (header, values) in enumerate(zip(columns.headers, columns.samples, strict=True)):
            shown_header = header.strip() or tr("(column {0}, unnamed)").format(index + 1)
            name = QLabel(shown_header)
            name.setTextFormat(Qt.TextFormat.PlainText)
            sample = QLabel(" · ".join(_shortened(value) for value in values) or tr("(empty)"))
            sample.setTextFormat(Qt.TextFormat.PlainText)
            sample.setToolTip("\n".join(values))
            sample.setEnabled(bool(values))  # greyed: nothing in it to import
            combo = QComboBox()
            combo.setObjectName(f"importColumnField{index}")
            combo.setAccessibleName(tr("Column {0}: what it is").format(shown_header))
            for field, word in words.items():
                combo.addItem(word, field)
            combo.setCurrentIndex(combo.findData(self.known.get(header, IGNORE)))
            name.setBuddy(combo)
            # The mapping names columns by header: a repeated header follows its first column's choice.
            if header in first_of:
                combo.setEnabled(False)
                combo.setToolTip(tr("Another column has this name; the choice for the first one applies."))
            else:
                first_of[header] = index
                combo.currentIndexChanged.connect(self._touched)
            self.combos.append(combo)
            grid.addWidget(name, index + 1, 0)
            grid.addWidget(sample, index + 1, 1)
            grid.addWidget(combo, index + 1, 2)
        grid.setRowStretch(len(columns.headers) + 1, 1)
        self._headers = columns.headers
        scroll = QScrollArea()
        scroll.setObjectName("importColumnsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(rows)

        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(scroll, 1)

    def explain(self, *, name_missing: bool) -> None:
        if name_missing:
            text = tr(
                "Choose which column holds the name (or the columns of the first and last names): "
                "none of their headers is one netjournal knows."
            )
        else:
            text = tr("What each column of the file holds. Columns set to Ignore are not imported.")
        self.prompt.setText(text)
        # The question is what stands between the person and the preview: it reads first.
        font = self.prompt.font()
        font.setBold(name_missing)
        self.prompt.setFont(font)

    def choice(self, index: int) -> str:
        return str(self.combos[index].currentData())

    def choose(self, header: str, field: str) -> None:
        """Set the first column named ``header`` to ``field`` (for tests and the screenshots)."""
        combo = self.combos[self._headers.index(header)]
        combo.setCurrentIndex(combo.findData(field))

    def mapping(self) -> dict[str, str]:
        """The choices that differ from what the headers are recognised as: column to field, as ``--map`` takes."""
        chosen: dict[str, str] = {}
        for index, header in enumerate(self._headers):
            if not self.combos[index].isEnabled():
                continue
            field = self.choice(index)
            if field != self.known.get(header, IGNORE):
                chosen[header] = field
        return chosen

    @property
    def pending(self) -> bool:
        """A change is waiting for the choices to rest before the file is read again."""
        return self._debounce.isActive()

    def _touched(self) -> None:
        self.touched.emit()
        self._debounce.start()
