"""The last line of defence: an unexpected error becomes a calm message, never a traceback.

A traceback could quote journal content (a summary in a failing query's
parameters, say), so nothing of the exception's text goes to stderr either.
"""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication

from netjournal.store.database import DRIVER_ERRORS, translate_error
from netjournal.store.errors import JournalError
from netjournal.ui import messages
from netjournal.ui.i18n import tr


def message_for(error: BaseException) -> str:
    if isinstance(error, JournalError):
        return str(error)
    if isinstance(error, DRIVER_ERRORS):
        return str(translate_error(tr("the journal"), error))  # type: ignore[arg-type]
    return tr(
        "Something unexpected went wrong ({0}). Everything saved before this moment is safe; "
        "the step that failed was not saved."
    ).format(type(error).__name__)


def install() -> None:
    """Route uncaught exceptions in Qt slots to a message box."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        print(f"netjournal: unexpected {kind.__name__}; see the message in the window.", file=sys.stderr)
        messages.show_error(QApplication.activeWindow(), tr("netjournal"), message_for(error))

    sys.excepthook = hook
