"""Core figures on the large demo journal, each beside its target (DESIGN.md §6).

Run: python benchmarks/run.py   (or this file alone for the core part)
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PASSPHRASE, Figure, cached_journal, median_ms, print_table

from netjournal.services import entries, prompting, relationships, search, timeline
from netjournal.services.journal import Journal
from netjournal.store.database import DEFAULT_KDF_ITER


def key_derivation_ms(folder: Path) -> float:
    """Opening a tiny journal is almost all key derivation at the default iteration count."""
    tiny = folder / "tiny.netjournal"
    Journal.create(tiny, PASSPHRASE).close()

    def open_close() -> None:
        Journal.open(tiny, PASSPHRASE).close()

    return median_ms(open_close, repeat=7, warmup=1)


def busiest_person() -> int:
    from netjournal.store.models import Person

    (person_id,) = Person._meta.database.execute_sql(
        "SELECT person_id FROM exchange WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    return person_id


def log_process_seconds(path: Path, repeat: int = 5) -> float:
    env = dict(os.environ, NETJOURNAL_PASSPHRASE=PASSPHRASE)
    command = [
        sys.executable, "-m", "netjournal", "--journal", str(path), "log", "--gave", "--with", "Benchmark Person",
        "--kind", "advice", "Reviewed the benchmark plan for the Q3 launch with two concrete cuts",
    ]  # fmt: skip
    samples = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples[1:])


def main() -> list[Figure]:
    large = cached_journal("large", "large")
    medium = cached_journal("medium", "medium")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        work = folder / "large-copy.netjournal"
        shutil.copyfile(large, work)
        medium_copy = folder / "medium-copy.netjournal"
        shutil.copyfile(medium, medium_copy)

        kdf = key_derivation_ms(folder)
        started = time.perf_counter()
        journal = Journal.open(work, PASSPHRASE)
        open_total = (time.perf_counter() - started) * 1000
        try:
            today = dt.date.today()
            person = busiest_person()
            counter = iter(range(10**6))

            def save_one() -> None:
                entries.add_exchange(
                    journal,
                    entries.ExchangeInput(
                        "given",
                        "advice",
                        f"Walked Dana through the board deck, version {next(counter)}",
                        person,
                        significance=3,
                    ),
                )

            def ledger_and_timeline() -> None:
                relationships.relationship(person, today=today)
                timeline.full_timeline(person)

            entry_count = len(timeline.full_timeline(person))
            # Short, common prefixes are the hard case: they match tens of thousands of rows.
            queries = ["a", "me", "the", "pricing", "introduced", "Series A lead", "data hire Lisbon"]
            search_ms = max(median_ms(lambda q=q: search.search(q), repeat=9) for q in queries)
            figures = [
                Figure("open + unlock, total", open_total, "ms", None),
                Figure(f"  of which key derivation ({DEFAULT_KDF_ITER:,} iterations)", kdf, "ms", None),
                Figure("  open excluding key derivation", max(0.0, open_total - kdf), "ms", None),
                Figure("save one exchange", median_ms(save_one, repeat=30), "ms", 20),
                Figure(
                    f"one person's ledger + timeline ({entry_count} entries)", median_ms(ledger_and_timeline), "ms", 50
                ),
                Figure(f"full-text search (slowest of {len(queries)}, incl. 'a', 'me')", search_ms, "ms", 50),
                Figure("today's prompts", median_ms(lambda: prompting.prompts_for(today), repeat=9), "ms", 100),
            ]
        finally:
            journal.close()
        log_medium = log_process_seconds(medium_copy) * 1000
        log_large = log_process_seconds(work) * 1000
        figures += [
            Figure("`netjournal log` whole process, 20,000 entries", log_medium, "ms", 500),
            Figure("`netjournal log` whole process, 100,000 entries", log_large, "ms", 500),
            Figure("  large / 20k ratio (flat ≈ 1.0)", log_large / log_medium, "x", 1.3),
        ]
    return figures


if __name__ == "__main__":
    print_table("Core (large demo journal: 2,000 people, 100,000 exchanges and touchpoints)", main())
