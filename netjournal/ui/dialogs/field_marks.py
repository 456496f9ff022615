"""Marking the field at fault in a form: a dynamic ``invalid`` property, a frame in the warning colour.

Screen readers hear the message as the field's description while it is marked; editing the
field clears the mark and gives the description back.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from netjournal.ui.widgets.colors import overdue_color

_SAVED_DESCRIPTION = "_descriptionBeforeError"


def mark_invalid(widget: QWidget, message: str = "") -> None:
    """Flag ``widget`` as the field at fault; screen readers get the message as its description."""
    if not widget.property("invalid"):
        widget.setProperty(_SAVED_DESCRIPTION, widget.accessibleDescription())
    widget.setProperty("invalid", True)
    if message:
        widget.setAccessibleDescription(message)
    _repolish(widget)


def clear_invalid(widget: QWidget) -> None:
    if not widget.property("invalid"):
        return
    widget.setProperty("invalid", False)
    widget.setAccessibleDescription(str(widget.property(_SAVED_DESCRIPTION) or ""))
    _repolish(widget)


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def invalid_style_sheet(palette: QPalette) -> str:
    """A frame for marked fields in the palette's warning colour."""
    colour = overdue_color(palette).name()
    return f'*[invalid="true"] {{ border: 2px solid {colour}; border-radius: 3px; }}'
