"""The last line of defence: an unexpected error becomes a calm message, never a traceback.

A traceback could quote journal content (a summary in a failing query's
parameters, say), so nothing of the exception's text goes to stderr either.
"""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication

from netjournal.services.errors import explain
from netjournal.ui.i18n import tr
from netjournal.ui.widgets import messages


def message_for(error: BaseException) -> str:
    known = explain(error, tr("the journal"))
    if known is not None:
        return known
    return tr(
        "Something unexpected went wrong ({0}). Everything saved before this moment is safe; "
        "the step that failed was not saved."
    ).format(type(error).__name__)


_showing: set[str] = set()


def install() -> None:
    """Route uncaught exceptions in Qt slots to a message box."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        text = message_for(error)
        if text in _showing:
            return  # one damaged page read by every view: one message, not one per view
        print(f"netjournal: unexpected {kind.__name__}; see the message in the window.", file=sys.stderr)
        _showing.add(text)
        try:
            messages.show_error(QApplication.activeWindow(), tr("netjournal"), text)
        finally:
            _showing.discard(text)

    sys.excepthook = hook
