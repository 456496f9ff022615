"""Syncing through a folder on the large demo journal: a device's change file, and another device's merged.

Run: python benchmarks/run.py sync

Two copies of the large journal act as two devices sharing one folder.  Set-up
(untimed): each writes its first base; the second is told it has merged the
first's base (the copies are identical, and merging a whole base is a one-off
per device, shown as its own figure), and takes its once-a-session backup
before a first merge.
"""

from __future__ import annotations

import itertools
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PASSPHRASE, Figure, Yardstick, YardstickMeter, cached_journal, median_ms

from netjournal.services.journal import Journal
from netjournal.services.sync_folder import device_of, pending_files, sync_now, write_changes
from netjournal.services.sync_merge import backup_before_first_merge
from netjournal.store import sync_device
from netjournal.store.clock import now_stamp
from netjournal.store.models import Exchange, Touchpoint

TITLE = "Sync folder (large demo journal on two devices: 2,000 people, 100,000 exchanges and touchpoints)"
WRITE_TARGET_MS = 100  # a device's change file after 10 changes
MERGE_TARGET_MS = 2000  # another device's 1,000 changes merged

_counter = itertools.count()
T = TypeVar("T")


def edit_exchanges(journal: Journal, count: int) -> None:
    """``count`` exchanges edited, as many saves would (the triggers fill the outbox as usual)."""
    (low,) = journal.sql("SELECT min(id) FROM exchange").fetchone()
    start = low + (next(_counter) * count) % 50_000
    with journal.write():
        journal.sql(
            "UPDATE exchange SET summary = summary || ' (revised)', updated_at = ? WHERE id >= ? AND id < ?",
            (now_stamp(), start, start + count),
        )


def thousand_changes(journal: Journal) -> None:
    """700 exchanges edited, 200 added, 100 touchpoints deleted: 1,000 rows and tombstones to send."""
    edit_exchanges(journal, 700)
    people = [r[0] for r in journal.sql("SELECT id FROM person ORDER BY id LIMIT 200")]
    touchpoints = [r[0] for r in journal.sql("SELECT id FROM touchpoint ORDER BY id DESC LIMIT 100")]
    with journal.write():
        for n, person in enumerate(people):
            values = {"date": "2026-11-30", "direction": "given", "kind": "advice", "significance": 2}
            journal.insert(Exchange, {**values, "summary": f"Benchmark advice {n}", "person": person})
        for touchpoint in touchpoints:
            journal.delete(Touchpoint, touchpoint)


def timed(action: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = action()
    return (time.perf_counter() - started) * 1000, result


def main() -> tuple[Yardstick, list[Figure], list[str]]:
    large = cached_journal("large", "large")
    with YardstickMeter() as meter, tempfile.TemporaryDirectory() as tmp:
        meter.sample(5, "before the figures")
        meter.cross_check()
        folder = Path(tmp) / "Sync"
        folder.mkdir()
        paths = [Path(tmp) / "laptop.netjournal", Path(tmp) / "desktop.netjournal"]
        for path in paths:
            shutil.copyfile(large, path)
        laptop, desktop = (Journal.open(p, PASSPHRASE) for p in paths)
        try:
            first_base_ms, _ = timed(lambda: sync_now(laptop, folder, "Laptop").written)
            meter.sample()
            # The desktop holds the same journal: it has, in effect, merged the laptop's base already.
            with desktop.write():
                number = sync_device.written(laptop.db)[0]
                sync_device.set_merged(desktop.db, device_of(laptop)[0], sync_device.Merged(number, "Laptop", None))
            sync_now(desktop, folder, "Desktop")
            backup_ms, _ = timed(lambda: backup_before_first_merge(desktop))
            meter.sample()

            def ten_then_write() -> float:
                edit_exchanges(laptop, 10)
                ms, written = timed(lambda: write_changes(laptop))
                assert written is not None
                return ms

            write_samples = sorted(ten_then_write() for _ in range(15))
            write_ms = write_samples[len(write_samples) // 2]
            meter.sample()
            sync_now(desktop)  # the small files so far

            merge_samples, write_1000 = [], []
            for _ in range(5):
                thousand_changes(laptop)
                ms, _ = timed(lambda: write_changes(laptop))
                write_1000.append(ms)
                write_changes(desktop)  # the desktop's own relays first, untimed: only the merge is measured
                assert len(pending_files(desktop)) == 1
                ms, report = timed(lambda: sync_now(desktop))
                added, updated, deleted = report.totals()
                assert sum(added.values()) == 200 and sum(updated.values()) >= 700 and deleted, report.totals()
                merge_samples.append(ms)
                meter.sample()
            merge_ms = sorted(merge_samples)[len(merge_samples) // 2]
            poll_ms = median_ms(lambda: pending_files(desktop), repeat=15)
            meter.sample(5, "after them")
            size_kib = max(p.stat().st_size for p in folder.rglob("*.nj-changes")) / 1024
        finally:
            laptop.close()
            desktop.close()
        yardstick = meter.yardstick()
    figures = [
        Figure("write this device's change file after 10 changes", write_ms, "ms", WRITE_TARGET_MS),
        Figure("merge another device's 1,000 changes (sync_now, median of 5)", merge_ms, "ms", MERGE_TARGET_MS),
        Figure("  write a change file of 1,000 changes (median of 5)", sorted(write_1000)[2], "ms", None),
        Figure("  pending_files, the poll a watcher makes (nothing pending)", poll_ms, "ms", None),
        Figure("  first base of the whole large journal (once per device)", first_base_ms, "ms", None),
        Figure("  backup before the first merge of a session (once per session)", backup_ms, "ms", None),
        Figure("  largest change file", size_kib, "KiB", None),
    ]
    notes = [
        "each write follows 10 exchange edits made untimed; each merge follows 700 exchange edits, 200 new "
        "exchanges and 100 touchpoint deletions on the other device, written there untimed",
        "the merge figure is the whole sync_now on the receiving device (its own outbox emptied first, "
        "untimed), including opening and checking every page of the file and the one transaction",
        "not in these figures: the key for this device's files and for each other device's files is derived once "
        "per session (hashlib's PBKDF2 at the journal's cost, the cross-check line above)",
    ]
    return yardstick, figures, notes


if __name__ == "__main__":
    from common import print_table

    print_table(TITLE, *main())
