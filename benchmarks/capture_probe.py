"""Runs under a real X server: a window that reports when typed keys arrive and when the new entry shows.

Started by bench_capture.py, which types into it with xdotool. ``netjournal``
mode opens the main window on a journal; ``baseline`` shows a bare line edit,
which measures what typing itself costs here (xdotool, the X server, Qt's key
handling), so the difference is what netjournal adds.  Prints one JSON line
on stdout: the times (``time.monotonic``) of the first and last key press and,
for netjournal, of the first paint of the timeline after the entry was added.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

MODE, SUMMARY = sys.argv[1], sys.argv[2]


class KeyClock(QObject):
    """When each key press reached the application (one press is seen once per widget it passes)."""

    def __init__(self) -> None:
        super().__init__()
        self.presses: list[float] = []
        self._seen: set[tuple[int, int]] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            press = (event.timestamp(), event.key())  # type: ignore[attr-defined]
            if press not in self._seen:
                self._seen.add(press)
                self.presses.append(time.monotonic())
        return False


def report(**times: float | None) -> None:
    print(json.dumps(times), flush=True)
    QTimer.singleShot(0, QApplication.quit)


def baseline(app: QApplication, clock: KeyClock) -> None:
    field = QLineEdit()
    field.setWindowTitle("netjournal-baseline")
    field.resize(600, 40)
    field.show()
    returns: list[float] = []

    def returned() -> None:
        # The flow presses Return twice (to take the completer's choice, then to save): the second ends it.
        returns.append(time.monotonic())
        if len(returns) == 2:
            report(first_key=clock.presses[0], last_key=clock.presses[-1])

    field.returnPressed.connect(returned)
    print("ready", flush=True)
    app.exec()


def netjournal(app: QApplication, clock: KeyClock, path: str, passphrase: str) -> None:
    from netjournal.app import open_main_window

    window = open_main_window(path, passphrase)
    window.setWindowTitle("netjournal-capture")
    window.resize(1280, 800)
    timeline = window.workspace.timeline
    model = timeline.model
    viewport = timeline.list.viewport()
    state: dict[str, float] = {}

    def shows_the_entry() -> bool:
        return any(SUMMARY in str(model.index(row).data() or "") for row in range(min(model.rowCount(), 30)))

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "visible" not in state and shows_the_entry():
                state["visible"] = time.monotonic()
                QTimer.singleShot(0, lambda: report(first_key=clock.presses[0], last_key=clock.presses[-1],
                                                    visible=state["visible"]))  # fmt: skip
            return False

    painted = Painted()
    viewport.installEventFilter(painted)
    print("ready", flush=True)
    app.exec()


def main() -> int:
    from netjournal.app import application

    app = application(sys.argv[:1])
    clock = KeyClock()
    app.installEventFilter(clock)
    if MODE == "baseline":
        baseline(app, clock)
    else:
        netjournal(app, clock, sys.argv[3], sys.argv[4])
    return 0


if __name__ == "__main__":
    sys.exit(main())
