"""JSON import of the large demo journal, as a whole process: time and peak memory beside their targets.

Run: python benchmarks/run.py import   (or this file alone)

The cached large journal is exported once per run (in this process); each
measured run is a fresh `python -c` that creates a new journal (key
derivation at the default cost included), reads and checks the export, imports
it and closes the journal, as `netjournal import FILE --format json` will. The
child reports its own peak resident set.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PASSPHRASE, Figure, Yardstick, YardstickMeter, cached_journal, print_table

from netjournal.exports.json_export import export_json
from netjournal.services.journal import Journal

TITLE = "JSON import (large demo journal: 2,000 people, 100,000 exchanges and touchpoints)"
TARGET_MS = 10_000  # where the key derivation takes 80 ms
TARGET_MB = 250
REPEAT = 3

IMPORT_PROCESS = """
import resource, sys
from netjournal.services.journal import Journal
from netjournal.services.json_import import import_json, read_export

journal = Journal.create(sys.argv[2], sys.argv[3])
try:
    result = import_json(journal, read_export(sys.argv[1]))
finally:
    journal.close()
print(result.total, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def import_process(export: Path, folder: Path) -> tuple[float, int, float]:
    """Wall time in ms, records imported, and the child's peak memory in MB."""
    target = folder / "imported.netjournal"
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_PROCESS, str(export), str(target), PASSPHRASE],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    elapsed = (time.perf_counter() - started) * 1000
    records, peak = done.stdout.split()
    return elapsed, int(records), float(peak)


def main() -> tuple[Yardstick, list[Figure], list[str]]:
    large = cached_journal("large", "large")
    with YardstickMeter() as meter, tempfile.TemporaryDirectory() as tmp:
        meter.sample(5, "before the figures")
        folder = Path(tmp)
        work = folder / "large-copy.netjournal"
        shutil.copyfile(large, work)
        export = folder / "large-export.json"
        with Journal.open(work, PASSPHRASE) as journal:
            export_json(journal, export)
        runs = []
        for _ in range(REPEAT):
            runs.append(import_process(export, folder))
            meter.sample(when="between the runs")
        meter.sample(4, "after them")
        yardstick = meter.yardstick()
        size_mb = export.stat().st_size / 1024**2
    records = runs[0][1]
    figures = [
        Figure(
            f"JSON import of the large journal ({records:,} records), whole process, median of {REPEAT}",
            statistics.median(r[0] for r in runs),
            "ms",
            TARGET_MS,
        ),
        Figure("  peak memory of that process (the largest of the runs)", max(r[2] for r in runs), "MB", TARGET_MB),
    ]
    notes = [f"the export read is {size_mb:.1f} MB; each run creates a new journal at the default key derivation"]
    return yardstick, figures, notes


if __name__ == "__main__":
    print_table(TITLE, *main())
