"""One group of an import plan (to add, to update, skipped) as a table: where in the file, who, what happens."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from netjournal.services.contact_import import PlannedContact
from netjournal.ui.i18n import tr

_HEADERS = ("Where", "Name", "What happens")


def what_happens(entry: PlannedContact) -> str:
    if entry.changes:
        filled = tr("Fills in {0}.").format(", ".join(entry.changes))
        return f"{filled} {entry.reason}".strip()
    return entry.reason or tr("Added as a new person.")


class ImportPlanModel(QAbstractTableModel):
    """Read-only rows over a list the plan already holds: thousands cost nothing until shown."""

    def __init__(self, entries: Sequence[PlannedContact] = (), parent=None) -> None:
        super().__init__(parent)
        self._entries = list(entries)

    def set_entries(self, entries: Sequence[PlannedContact]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(_HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if column == 0:
            return entry.source
        if column == 1:
            return entry.name or tr("(no name)")
        return what_happens(entry)
