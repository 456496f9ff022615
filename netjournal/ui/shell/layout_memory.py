"""The workspace's splitter sizes, put back on start and kept on close (sizes only: nothing of the journal)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QSplitter

from netjournal.ui.shell.settings import WindowSettings
from netjournal.ui.shell.workspace import Workspace


def _splitters(workspace: Workspace) -> dict[str, QSplitter]:
    return {"main": workspace.splitter, "timeline": workspace.timeline.splitter}


def restore_layout(workspace: Workspace, settings: WindowSettings) -> None:
    """Put back the remembered sizes; a splitter with none (or an unreadable state) keeps its defaults."""
    for name, splitter in _splitters(workspace).items():
        state = settings.splitter_state(name)
        if state is not None and splitter.restoreState(state) and name == "main":
            workspace.sizes_chosen = True  # not replaced by the default widths when the window is shown


def save_layout(workspace: Workspace, settings: WindowSettings) -> None:
    for name, splitter in _splitters(workspace).items():
        settings.set_splitter_state(name, QByteArray(splitter.saveState()))
