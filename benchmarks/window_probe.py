"""Runs in its own process: opens the window on a journal and reports timings as JSON.

Started by bench_window.py; the first figure counts from this process's
start (the parent passes its spawn time), so Python start-up and imports are
included as a user would feel them.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time

SPAWNED_AT = float(sys.argv[3])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from netjournal.app import application, open_main_window  # noqa: E402


class FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.at is None:
            self.at = time.time()
        return False


def painted(widget) -> None:
    """Force the pending layout and paint of ``widget`` now."""
    QApplication.processEvents()
    widget.repaint()


def main() -> None:
    path, passphrase = sys.argv[1], sys.argv[2]
    app = application()
    probe = FirstPaint()
    app.installEventFilter(probe)
    opened = time.time()
    window = open_main_window(path, passphrase)
    unlocked = time.time()
    while probe.at is None:
        app.processEvents()
    first_paint = probe.at
    app.removeEventFilter(probe)
    ws = window.workspace
    # Complete: the prompts, loaded just after the first paint, are on screen too.
    while ws.prompts._refresh_timer.isActive() or ws.relationship._refresh_timer.isActive():
        app.processEvents()
    ws.prompts.repaint()
    complete = time.time()
    contacts = ws.contacts

    def timed(action) -> float:
        started = time.perf_counter()
        action()
        return (time.perf_counter() - started) * 1000

    keystrokes = []
    for text in ("m", "ma", "mar", "mari", "ma", "m", "", "s", "si", "sil", ""):
        keystrokes.append(timed(lambda t=text: (contacts.filter.setText(t), painted(contacts.list.viewport()))))
    QTest.qWait(1)
    (busiest,) = window.session.journal.sql(
        "SELECT person_id FROM exchange WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    person_ms = []
    everyone_ms = []
    for _ in range(5):
        everyone_ms.append(timed(lambda: (ws.show_everyone(), painted(ws.timeline.list.viewport()))))
        person_ms.append(
            timed(lambda: (ws.show_person(busiest), painted(ws.timeline.list.viewport()), painted(ws.relationship)))
        )
        ws.contacts.everyone_button.setChecked(False)
    rows_loaded = ws.timeline.model.rowCount()
    ws.show_everyone()
    everyone_rows = ws.timeline.model.rowCount()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "start_to_paint_s": first_paint - SPAWNED_AT,
                "start_to_complete_s": complete - SPAWNED_AT,
                "open_journal_s": unlocked - opened,
                "keystroke_ms": statistics.median(keystrokes[1:]),
                "keystroke_max_ms": max(keystrokes[1:]),
                "person_ms": statistics.median(person_ms[1:]),
                "person_rows": rows_loaded,
                "everyone_ms": statistics.median(everyone_ms[1:]),
                "everyone_rows_loaded": everyone_rows,
                "peak_rss_mb": peak_kib / 1024,
            }
        )
    )
    window.close()


if __name__ == "__main__":
    main()
