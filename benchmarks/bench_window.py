"""The window's figures on the large demo journal, each beside its target (README, "Benchmarks")."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PASSPHRASE, Figure, Yardstick, YardstickMeter, cached_journal, print_table

TITLE = "Window (large demo journal, offscreen, 3 process runs)"


def probe(path: Path) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    spawned = time.time()
    out = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("window_probe.py")), str(path), PASSPHRASE, repr(spawned)],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def busy_probe(path: Path, work: Path) -> dict[str, float]:
    """A passphrase change and a backup in the window, on a copy (the change is real)."""
    copy = work / "busy.netjournal"
    shutil.copyfile(path, copy)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("busy_probe.py")), str(copy), PASSPHRASE],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> tuple[Yardstick, list[Figure], list[str]]:
    large = cached_journal("large", "large")
    with YardstickMeter() as meter:
        meter.sample(5, "before the figures")
        meter.cross_check()
        runs = []
        for _ in range(3):
            # The key derivation each start-up pays, as the yardstick sample taken just before it.
            beside = meter.sample()
            run = probe(large)
            run["paint_rest_ms"] = run["start_to_paint_s"] * 1000 - beside
            run["complete_rest_ms"] = run["start_to_complete_s"] * 1000 - beside
            runs.append(run)
        with tempfile.TemporaryDirectory(dir=large.parent) as work:
            busy = [busy_probe(large, Path(work)) for _ in range(2)]
        meter.sample(5, "after them")
        yardstick = meter.yardstick()

    def med(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    figures = [
        Figure("process start → unlocked window painted, total", med("start_to_paint_s") * 1000, "ms", None),
        Figure("  excluding key derivation (the sample beside each run)", med("paint_rest_ms"), "ms", 800),
        Figure("  … with today's prompts loaded too", med("complete_rest_ms"), "ms", 800),
        Figure("one filter keystroke (median)", med("keystroke_ms"), "ms", 16),
        Figure("one filter keystroke (slowest)", med("keystroke_max_ms"), "ms", None),
        Figure(f"opening a person ({int(med('person_rows'))} rows loaded)", med("person_ms"), "ms", 50),
        Figure(
            f"'Everyone' first paint ({int(med('everyone_rows_loaded'))} rows loaded)", med("everyone_ms"), "ms", 100
        ),
        Figure("peak memory (RSS)", max(r["peak_rss_mb"] for r in runs), "MB", 250),
        Figure("backup from the window (on a worker), whole", max(b["backup_ms"] for b in busy), "ms", None),
        Figure("  longest the GUI thread was held up meanwhile", max(b["backup_blocked_ms"] for b in busy), "ms", 50),
        Figure(
            "passphrase change from the window, whole (backup first)", max(b["passphrase_ms"] for b in busy), "ms", None
        ),
        Figure(
            "  longest the GUI thread was held up meanwhile", max(b["passphrase_blocked_ms"] for b in busy), "ms", 50
        ),
        Figure("first sync to a sync folder (a base of the journal), whole", max(b["sync_first_ms"] for b in busy),
               "ms", None),
        Figure("  longest the GUI thread was held up meanwhile", max(b["sync_first_blocked_ms"] for b in busy), "ms",
               50),
        Figure("an edit's change file: from 200 ms after the edit to written", max(b["sync_write_ms"] for b in busy),
               "ms", None),
        Figure("  longest the GUI thread was held up meanwhile", max(b["sync_write_blocked_ms"] for b in busy), "ms",
               50),
    ]  # fmt: skip
    notes = ["held up: the longest gap between beats of a 5 ms timer on the GUI thread, less 5 ms; worst of 2 runs"]
    return yardstick, figures, notes


if __name__ == "__main__":
    print_table(TITLE, *main())
