"""Where the window's file dialogs start: beside the journal, except for a demo, whose folder goes at quit.

A demo journal lives in a temporary folder that netjournal removes when it
quits; a backup or an export suggested there would vanish with it, and the
folder's odd name would turn up in the next "Open a journal" dialog.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QStandardPaths

DEMO_FOLDER_PREFIX = "netjournal-demo-"


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def is_demo_journal(path: Path) -> bool:
    folder = path.expanduser().absolute().parent
    return folder.name.startswith(DEMO_FOLDER_PREFIX) and folder.parent == Path(tempfile.gettempdir()).absolute()


def journal_folder(path: Path | None) -> Path:
    """The folder a dialog about this journal starts in."""
    if path is None:
        return Path.home()
    return documents_folder() if is_demo_journal(path) else path.expanduser().absolute().parent


def beside_journal(path: Path, name: str) -> Path:
    """The path suggested for a file made from the journal (a copy, an export)."""
    return journal_folder(path) / name
