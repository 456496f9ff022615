"""Entry point of the window (built in the next step)."""

from __future__ import annotations

import sys
from pathlib import Path


def run_window(*, journal: Path | None = None, demo: bool = False) -> int:
    print("netjournal: the window is not built yet; use the commands (netjournal --help).", file=sys.stderr)
    return 1
