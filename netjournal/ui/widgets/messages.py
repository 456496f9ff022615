"""The one seam through which the window talks to the user in modal boxes.

Tests monkeypatch these functions instead of driving QMessageBox.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def confirmation_box(parent: QWidget | None, title: str, text: str, *, action: str) -> QMessageBox:
    """The question ``confirm`` asks, not yet shown (the screenshots show it too)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("confirmation")
    box.addButton(action, QMessageBox.ButtonRole.DestructiveRole).setObjectName("confirmButton")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def confirm(parent: QWidget | None, title: str, text: str, *, action: str) -> bool:
    box = confirmation_box(parent, title, text, action=action)
    accept = box.findChild(QAbstractButton, "confirmButton")
    box.exec()
    confirmed = box.clickedButton() is accept
    box.deleteLater()  # parented to the window, it would otherwise keep the question's text until the window goes
    return confirmed


def close_all(parent: QWidget) -> None:
    """Reject every dialog and message box below ``parent``: ``exec()`` loops end, ``open()`` dialogs close.

    The innermost go first, so a box running its own loop on top of a dialog is finished before that
    dialog closes (and deletes itself). Each dialog is deleted on close by whoever opened it.
    """
    dialogs = [d for d in parent.findChildren(QDialog) if d.isVisible()]
    dialogs.sort(key=_depth, reverse=True)
    for dialog in dialogs:
        dialog.reject()


def _depth(widget: QWidget) -> int:
    depth = 0
    parent = widget.parentWidget()
    while parent is not None:
        depth += 1
        parent = parent.parentWidget()
    return depth
