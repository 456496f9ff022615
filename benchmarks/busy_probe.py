"""Runs in its own process: how long the GUI thread is held up while the window re-encrypts and backs up.

Started by bench_window.py on a copy of the large journal (the passphrase
change is real).  A 5 ms heartbeat timer runs on the GUI thread; the longest
gap between two beats while the work runs, minus the heartbeat's own
interval, is the longest the window could not paint or take a key.  Prints
one JSON line.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["NETJOURNAL_AUTO_BACKUP"] = "0"  # only the work measured here

from PySide6.QtCore import QEventLoop, Qt, QTimer, SignalInstance

from netjournal.app import application, open_main_window
from netjournal.services import backups, use_cases
from netjournal.ui.background import BackgroundTask

BEAT_MS = 5
NEW_PASSPHRASE = "benchmark passphrase after the change 42"


class Heartbeat:
    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(BEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.last = 0.0
        self.longest = 0.0

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.longest = 0.0
        self.last = time.perf_counter()
        self.timer.start()

    def stop_ms(self) -> float:
        self.timer.stop()
        return max(0.0, self.longest * 1000 - BEAT_MS)


def run_until(finished: SignalInstance, start: Callable[[], object]) -> float:
    loop = QEventLoop()
    finished.connect(loop.quit)
    began = time.perf_counter()
    start()
    loop.exec()
    return (time.perf_counter() - began) * 1000


def main() -> None:
    path, passphrase = sys.argv[1], sys.argv[2]
    application()
    window = open_main_window(path, passphrase)
    session = window.session
    # Let the window finish opening first (views load, the check after unlock runs): only the work counts.
    settle = QEventLoop()
    QTimer.singleShot(1500, settle.quit)
    settle.exec()
    while window.open_check.running:
        settle = QEventLoop()
        QTimer.singleShot(100, settle.quit)
        settle.exec()
    beat = Heartbeat()
    result: dict[str, float] = {}

    beat.start()
    source = session.journal.snapshot_source()
    task = BackgroundTask(lambda: backups.take_backup(source, backups.Reason.MANUAL), "benchmark backup")
    result["backup_ms"] = run_until(task.finished, task.start)
    result["backup_blocked_ms"] = beat.stop_ms()

    # Keeping in step through a sync folder: the first sync writes a base of the whole journal, on a worker;
    # then one edit, written by itself after the edits stop.
    import tempfile
    from pathlib import Path

    from netjournal.services import entries, sync_folder

    with tempfile.TemporaryDirectory(dir=Path(path).parent) as shared:
        sync_folder.set_sync_folder(session.journal, Path(shared), "Benchmark laptop")
        controller = window.sync.controller
        beat.start()
        result["sync_first_ms"] = run_until(controller.synced, controller.restart)
        result["sync_first_blocked_ms"] = beat.stop_ms()
        person = session.journal.sql("SELECT id FROM person LIMIT 1").fetchone()[0]
        # The edit itself (and the views it refreshes) is the window's usual work, measured elsewhere: the
        # heartbeat starts once it is done, before the change file is written.
        controller._write_timer.setInterval(400)
        entries.add_touchpoint(session.journal, person, "benchmark touchpoint")
        settle = QEventLoop()
        QTimer.singleShot(200, settle.quit)
        settle.exec()
        beat.start()
        result["sync_write_ms"] = run_until(session.busy_ended, lambda: None)
        result["sync_write_blocked_ms"] = beat.stop_ms()
        sync_folder.set_sync_folder(session.journal, None)
        controller.restart()

    beat.start()
    holder: list[BackgroundTask] = []

    def change() -> None:
        holder.append(session.busy_with(lambda j: use_cases.change_passphrase(j, NEW_PASSPHRASE), "benchmark"))

    result["passphrase_ms"] = run_until(session.busy_ended, change)
    result["passphrase_blocked_ms"] = beat.stop_ms()
    window.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
