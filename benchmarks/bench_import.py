"""Imports as a person runs them: whole `netjournal import` processes, each beside its target.

Run: python benchmarks/run.py import   (or this file alone)

Each import goes into a fresh copy of an empty journal at the real key
derivation cost, so a figure includes starting Python, unlocking, parsing,
matching, the backup taken first and the one transaction.  The second import
of the same file is the "nothing new" case: it reads and matches everything
and writes nothing.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The sample generators live with the tests that check the parsers on them.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from common import PASSPHRASE, Figure, Yardstick, YardstickMeter, cached_journal, print_table

from netjournal.services.journal import Journal

TITLE = "Import (8,000 contacts; the large demo journal as JSON)"
CONTACTS = 8_000
REPEAT = 3
# 3 s and 10 s where the key derivation takes 80 ms.
CONTACTS_TARGET_YARDSTICKS = 3000 / 80
JSON_TARGET_YARDSTICKS = 10_000 / 80


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["NETJOURNAL_PASSPHRASE"] = PASSPHRASE
    env["NETJOURNAL_AUTO_BACKUP"] = "0"  # the backup before the import is taken all the same
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached, as an installed copy has it
    env["PYTHONPYCACHEPREFIX"] = str(Path(__file__).resolve().parent / ".cache" / "pycache")
    return env


# Runs the command as its only child and prints that child's peak resident set: the benchmark's
# own children (building the demo journal, for one) must not count towards an import's memory.
_PEAK_OF_ONE = (
    "import resource, subprocess, sys; status = subprocess.run(sys.argv[1:]).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(status)"
)
PEAKS_MB: list[float] = []


def _import_ms(journal: Path, source: Path, *extra: str) -> float:
    command = [sys.executable, "-m", "netjournal", "--journal", str(journal), "import", str(source), *extra]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_OF_ONE, *command], env=_environment(), capture_output=True, text=True
    )
    took = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise SystemExit(f"import failed: {done.stderr}")
    PEAKS_MB.append(int(done.stderr.strip().splitlines()[-1]) / 1024)
    return took


def _first_and_again(empty: Path, source: Path, folder: Path, meter: YardstickMeter) -> tuple[float, float]:
    """Median of a first import into an empty journal, and of importing the same file again."""
    firsts, agains = [], []
    for round_ in range(REPEAT + 1):
        target = folder / f"import-{round_}.netjournal"
        shutil.copyfile(empty, target)
        first = _import_ms(target, source)
        again = _import_ms(target, source)
        if round_:  # the first round warms the bytecode cache
            firsts.append(first)
            agains.append(again)
            meter.sample()
        shutil.rmtree(folder / f"{target.name}.backups", ignore_errors=True)
        target.unlink()
    return statistics.median(firsts), statistics.median(agains)


def _generated(folder: Path) -> dict[str, Path]:
    files = {}
    from imports.generate_csv import many_linkedin

    files["LinkedIn Connections.csv"] = folder / "Connections.csv"
    files["LinkedIn Connections.csv"].write_text(many_linkedin(CONTACTS), encoding="utf-8", newline="")
    try:
        from imports.generate import many_vcards
    except ImportError:
        return files
    files["vCard 3.0 (Google style, with photos)"] = folder / "contacts.vcf"
    files["vCard 3.0 (Google style, with photos)"].write_text(many_vcards(CONTACTS), encoding="utf-8", newline="")
    return files


def main() -> tuple[Yardstick, list[Figure], list[str]]:
    large = cached_journal("large", "large")
    figures: list[Figure] = []
    notes: list[str] = []
    with YardstickMeter() as meter, tempfile.TemporaryDirectory() as tmp:
        meter.sample(5, "before the figures")
        folder = Path(tmp)
        empty = folder / "empty.netjournal"
        Journal.create(empty, PASSPHRASE).close()
        for label, source in _generated(folder).items():
            first, again = _first_and_again(empty, source, folder, meter)
            size = source.stat().st_size / 1e6
            figures += [
                Figure(f"{label}, {CONTACTS:,} contacts ({size:.1f} MB): whole process", first, "ms", None,
                       CONTACTS_TARGET_YARDSTICKS),
                Figure("  the same file again (nothing new: matched, nothing written)", again, "ms", None,
                       CONTACTS_TARGET_YARDSTICKS),
            ]  # fmt: skip
        json_import = _json_import_ms(large, folder, meter)
        json_size = (folder / "large.json").stat().st_size / 1e6 if json_import is not None else 0.0
        if json_import is not None:
            figures.append(
                Figure(f"JSON: the large journal's export ({json_size:.0f} MB) into a new journal: whole process",
                       json_import, "ms", None, JSON_TARGET_YARDSTICKS)
            )  # fmt: skip
        else:
            notes.append("JSON import is not available in this build.")
        peak = max(PEAKS_MB)
        figures.append(Figure("peak memory of any import process", peak, "MB", 250))
        meter.sample(5, "after them")
        yardstick = meter.yardstick()
    notes.append(
        f"Contacts rows: median of {REPEAT} processes after one warm-up, each into a fresh copy of an empty journal "
        "(real key derivation); bytecode cached under benchmarks/.cache/pycache. JSON row: the faster of 2 "
        "processes, each creating the journal it imports into (`netjournal --journal NEW import FILE`)."
    )
    return yardstick, figures, notes


def _json_import_ms(large: Path, folder: Path, meter: YardstickMeter) -> float | None:
    try:
        from netjournal.services import json_import  # noqa: F401  (only to see whether this build has it)
    except ImportError:
        return None

    export = folder / "large.json"
    done = subprocess.run(
        [sys.executable, "-m", "netjournal", "--journal", str(large), "export", str(export)],
        env=_environment(), capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"export failed: {done.stderr}")
    samples = []
    for round_ in range(2):
        target = folder / f"from-json-{round_}.netjournal"
        samples.append(_import_ms(target, export))
        meter.sample()
        shutil.rmtree(folder / f"{target.name}.backups", ignore_errors=True)
        target.unlink()
    return min(samples)


if __name__ == "__main__":
    print_table(TITLE, *main())
