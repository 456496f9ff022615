"""A read-only table of rows the views list, with the keys each view gives meaning to."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

ROW_ROLE = Qt.ItemDataRole.UserRole


class KeyTable(QTreeWidget):
    """Rows of plain records; ``keyPressed`` says which of ``keys`` was pressed on which record."""

    keyPressed = Signal(int, object)  # the Qt key, the current row's record

    def __init__(
        self,
        headers: Sequence[str],
        keys: Sequence[Qt.Key],
        parent: QWidget | None = None,
        *,
        stretch: int = 0,
    ) -> None:
        """``stretch`` is the column that takes the width left over; the others fit their text (see ``cap``)."""
        super().__init__(parent)
        self.keys = set(keys)
        self.keys_without_row: set[Qt.Key] = set()  # keys that mean something on an empty table too
        self.setHeaderLabels(list(headers))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self._capped: tuple[int, float] | None = None
        self.itemDoubleClicked.connect(lambda item, _column: self._press(Qt.Key.Key_Return, item))

    def set_rows(self, rows: Sequence[tuple[object, Sequence[str]]]) -> None:
        """Each row: its record and the texts of its columns; the current row stays where it was."""
        current = self.currentItem()
        keep = self.indexOfTopLevelItem(current) if current is not None else 0
        self.clear()
        items = []
        for record, texts in rows:
            item = QTreeWidgetItem([str(text) for text in texts])
            item.setData(0, ROW_ROLE, record)
            items.append(item)
        self.addTopLevelItems(items)
        self._fit_capped()
        if items:
            # After a touchpoint takes someone off the list, the next person is under the cursor.
            self.setCurrentItem(items[min(max(keep, 0), len(items) - 1)])

    def cap(self, column: int, share: float) -> None:
        """Let ``column`` fit its text but take at most ``share`` of the width, so the stretching one stays in view."""
        self.header().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._capped = (column, share)
        self._fit_capped()

    def _fit_capped(self) -> None:
        if self._capped is not None:
            column, share = self._capped
            wanted = max(self.sizeHintForColumn(column), self.header().sectionSizeHint(column))
            self.setColumnWidth(column, min(wanted, int(self.viewport().width() * share)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_capped()

    def current_record(self) -> object | None:
        item = self.currentItem()
        return None if item is None else item.data(0, ROW_ROLE)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key == Qt.Key.Key_Enter:
            key = Qt.Key.Key_Return  # the keypad's Enter is the same key here
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        current = self.currentItem()
        if plain and key in self.keys and current is not None:
            self._press(key, current)
            return
        if plain and key in self.keys_without_row:
            self.keyPressed.emit(int(key), None)
            return
        super().keyPressEvent(event)

    def _press(self, key: Qt.Key, item: QTreeWidgetItem) -> None:
        if Qt.Key(key) in self.keys:
            self.keyPressed.emit(int(key), item.data(0, ROW_ROLE))
