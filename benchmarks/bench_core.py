"""Core figures on the large demo journal, each beside its target (README, "Benchmarks").

Run: python benchmarks/run.py   (or this file alone for the core part)
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    CACHE,
    PASSPHRASE,
    Figure,
    Yardstick,
    YardstickMeter,
    cached_journal,
    median_ms,
    print_table,
)

from netjournal.exports.json_export import write_export
from netjournal.services import entries, prompting, relationships, search, timeline
from netjournal.services.journal import Journal
from netjournal.store import wal
from netjournal.store.database import DEFAULT_KDF_ITER

TITLE = "Core (large demo journal: 2,000 people, 100,000 exchanges and touchpoints)"
# Start-up of `netjournal log`, key derivation (one yardstick) included.
LOG_TARGET_YARDSTICKS = 2.0
# 2 s where the key derivation takes 80 ms.
EXPORT_TARGET_YARDSTICKS = 25.0


def gui_application() -> object:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(["netjournal-benchmark"])


def review_process_peak_mb(path: Path, *arguments: str) -> float:
    """Peak memory of a whole `netjournal review …` process (the largest child's resident set)."""
    import resource

    with tempfile.TemporaryDirectory(dir=path.parent) as out:
        env = log_environment(False)
        subprocess.run(
            [sys.executable, "-m", "netjournal", "--journal", str(path), "review", *arguments, "--out", out],
            env=env, check=True, capture_output=True, text=True,
        )  # fmt: skip
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def busiest_person(journal: Journal) -> int:
    (person_id,) = journal.sql(
        "SELECT person_id FROM exchange WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    return person_id


LOG_COMMAND = [
    "log", "--gave", "--with", "Benchmark Person", "--kind", "advice",
    "Reviewed the benchmark plan for the Q3 launch with two concrete cuts",
]  # fmt: skip
LOG_REPEAT = 7


def log_environment(bytecode_cached: bool, *, passphrase_in_env: bool = True) -> dict[str, str]:
    """As set, the child inherits this environment, PYTHONDONTWRITEBYTECODE included.

    Where that is set (as on these machines) the editable install's own
    modules are compiled from source in every process. ``bytecode_cached``
    unsets it and keeps the bytecode under benchmarks/.cache/pycache, as an
    installed copy (wheel or bundle) has it. Without the passphrase in the
    environment, `netjournal log` asks the keychain first, then reads stdin.
    """
    env = dict(os.environ)
    env["NETJOURNAL_AUTO_BACKUP"] = "0"  # on (and due) in its own row: log_with_backup_due_ms
    env.pop("NETJOURNAL_PASSPHRASE", None)
    if passphrase_in_env:
        env["NETJOURNAL_PASSPHRASE"] = PASSPHRASE
    if bytecode_cached:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    return env


def log_process_ms(
    runs: list[tuple[Path, bool, bool]], repeat: int = LOG_REPEAT, *, between: Callable[[], None] = lambda: None
) -> list[float]:
    """Median wall time of a whole `netjournal log` process per (journal, bytecode_cached, passphrase_in_env).

    The configurations take turns, ``repeat`` rounds after one unmeasured
    round (which adds the person and warms the bytecode cache), so a drift
    of the machine meets all of them alike; ``between`` runs before each
    measured round (a yardstick sample).
    """
    samples: list[list[float]] = [[] for _ in runs]
    for round_ in range(repeat + 1):
        if round_:
            between()
        for (path, cached, in_env), got in zip(runs, samples, strict=True):
            command = [sys.executable, "-m", "netjournal", "--journal", str(path), *LOG_COMMAND]
            env = log_environment(cached, passphrase_in_env=in_env)
            stdin = None if in_env else PASSPHRASE + "\n"
            started = time.perf_counter()
            subprocess.run(command, env=env, input=stdin, text=True, check=True, capture_output=True)
            if round_:
                got.append((time.perf_counter() - started) * 1000)
    return [statistics.median(got) for got in samples]


def log_with_backup_due_ms(path: Path, repeat: int = 5) -> tuple[float, float]:
    """`netjournal log` when an automatic backup is due, and how long its helper took to finish the backup.

    Before each run the backups are moved out of the way, so the command finds
    one due and starts its helper; the helper is awaited (its backup appears
    under its name only when whole) before the next run, so runs never overlap.
    """
    from netjournal.services.backups import backup_folder, list_backups

    folder = backup_folder(path)
    command = [sys.executable, "-m", "netjournal", "--journal", str(path), *LOG_COMMAND]
    env = log_environment(False)
    env["NETJOURNAL_AUTO_BACKUP"] = "1"
    parents, helpers = [], []
    for round_ in range(repeat + 1):
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run(command, env=env, text=True, check=True, capture_output=True)
        parent = time.perf_counter() - started
        deadline = started + 120
        while not list_backups(path) and time.perf_counter() < deadline:
            time.sleep(0.02)  # another process: nothing to wait on but its file
        if round_:
            parents.append(parent * 1000)
            helpers.append((time.perf_counter() - started) * 1000)
    shutil.rmtree(folder, ignore_errors=True)
    return statistics.median(parents), statistics.median(helpers)


def crash_log_check_ms(folder: Path, megabytes: int = 4) -> float:
    """Reading a log of ``megabytes`` for damage, as every open after a crash does first.

    Its checksums cost the same on any log of 4 KiB pages, so SQLite writes this one
    without a key, held open (a log lives until its last connection closes).
    """
    path = folder / "crash-log.db"
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = wal")
        db.execute("PRAGMA wal_autocheckpoint = 0")
        db.execute("CREATE TABLE note (body BLOB)")
        log = Path(f"{path}-wal")
        while log.stat().st_size < megabytes * 1024 * 1024:
            db.execute("INSERT INTO note VALUES (randomblob(3000))")
        return median_ms(lambda: wal.read_log(log), repeat=9)
    finally:
        db.close()


def main() -> tuple[Yardstick, list[Figure], list[str]]:
    large = cached_journal("large", "large")
    medium = cached_journal("medium", "medium")
    with YardstickMeter() as meter, tempfile.TemporaryDirectory() as tmp:
        meter.sample(5, "before the figures")  # after any cache build
        meter.cross_check()
        folder = Path(tmp)
        work = folder / "large-copy.netjournal"
        shutil.copyfile(large, work)
        medium_copy = folder / "medium-copy.netjournal"
        shutil.copyfile(medium, medium_copy)

        opens, beside = [], []
        for _ in range(3):  # each open next to a yardstick sample, so the difference is from one moment
            beside.append(meter.sample(when="between the figures"))
            started = time.perf_counter()
            Journal.open(work, PASSPHRASE).close()
            opens.append((time.perf_counter() - started) * 1000)
        open_total = statistics.median(opens)
        open_rest = statistics.median(o - k for o, k in zip(opens, beside, strict=True))
        log_check = crash_log_check_ms(folder)
        journal = Journal.open(work, PASSPHRASE)
        try:
            today = dt.date.today()
            person = busiest_person(journal)
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
                relationships.relationship(journal, person, today=today)
                timeline.full_timeline(journal, person)

            def export_everything() -> None:
                write_export(journal, io.BytesIO())

            def brief_as_pdf() -> None:
                from netjournal.exports.pdf_document import render_pdf
                from netjournal.exports.person_brief_pdf import brief_document
                from netjournal.services.brief import person_brief

                render_pdf(brief_document(person_brief(journal, person, today)))

            def year_review_as_pdf() -> None:
                from netjournal.exports.pdf_document import render_pdf
                from netjournal.exports.period_review_pdf import review_document
                from netjournal.services.period_review import period_review
                from netjournal.services.periods import parse_period

                render_pdf(review_document(period_review(journal, parse_period(str(today.year), today), today)))

            _qt = gui_application()  # QPdfWriter needs one, as the command makes it

            entry_count = len(timeline.full_timeline(journal, person))
            # Short, common prefixes are the hard case: they match tens of thousands of rows.
            queries = ["a", "me", "the", "pricing", "introduced", "Series A lead", "data hire Lisbon"]

            def then_sample(ms: float) -> float:
                meter.sample()
                return ms

            figures = [
                Figure("save one exchange", then_sample(median_ms(save_one, repeat=30)), "ms", 20),
                Figure(
                    f"one person's ledger + timeline ({entry_count} entries)",
                    then_sample(median_ms(ledger_and_timeline)),
                    "ms",
                    50,
                ),
                Figure(
                    f"full-text search (slowest of {len(queries)}, incl. 'a', 'me')",
                    then_sample(max(median_ms(lambda q=q: search.search(journal, q), repeat=9) for q in queries)),
                    "ms",
                    50,
                ),
                Figure(
                    "today's prompts",
                    then_sample(median_ms(lambda: prompting.prompts_for(journal, today), repeat=9)),
                    "ms",
                    100,
                ),
                Figure(
                    "person brief as PDF, the busiest person (in memory)",
                    then_sample(median_ms(brief_as_pdf, repeat=5, warmup=1)),
                    "ms",
                    300,
                ),
                Figure(
                    "this year's review as PDF (in memory)",
                    then_sample(median_ms(year_review_as_pdf, repeat=3, warmup=1)),
                    "ms",
                    1500,
                ),
                Figure(
                    "JSON export of the whole journal (in memory)",
                    then_sample(median_ms(export_everything, repeat=3, warmup=1)),
                    "ms",
                    None,
                    EXPORT_TARGET_YARDSTICKS,
                ),
            ]
        finally:
            journal.close()
        log_medium, log_large, log_large_cached, log_large_stdin = log_process_ms(
            [(medium_copy, False, True), (work, False, True), (work, True, True), (work, True, False)],
            between=meter.sample,
        )
        log_backing_up, backup_done = log_with_backup_due_ms(work)
        # The largest child so far is a `log` process; the review's own peak shows if it is larger.
        review_peak = review_process_peak_mb(work, "--period", str(dt.date.today().year))
        figures += [
            Figure("`netjournal log` whole process, 20,000 entries", log_medium, "ms", None, LOG_TARGET_YARDSTICKS),
            Figure("`netjournal log` whole process, 100,000 entries", log_large, "ms", None, LOG_TARGET_YARDSTICKS),
            Figure("  large / 20k ratio (flat ≈ 1.0)", log_large / log_medium, "x", 1.3),
            Figure("  100,000 entries, bytecode cached", log_large_cached, "ms", None, LOG_TARGET_YARDSTICKS),
            Figure("  … passphrase on stdin: the keychain is asked first", log_large_stdin, "ms", None),
            Figure("  100,000 entries, an automatic backup due", log_backing_up, "ms", None, LOG_TARGET_YARDSTICKS),
            Figure("    … until its helper has the backup written", backup_done, "ms", None),
            Figure("peak memory of any process so far, this year's review included", review_peak, "MB", 250),
        ]
        meter.sample(5, "after them")
        yardstick = meter.yardstick()
    kdf = yardstick.ms
    figures[:0] = [
        Figure("open + unlock, total (median of 3, open + close)", open_total, "ms", None),
        Figure(f"  key derivation ({DEFAULT_KDF_ITER:,} iterations): the yardstick", kdf, "ms", None),
        Figure("  open excluding key derivation (each open minus the sample beside it)", open_rest, "ms", None),
        Figure("  after a crash, also: checking a 4 MB log for damage", log_check, "ms", None),
    ]
    bytecode = os.environ.get("PYTHONDONTWRITEBYTECODE")
    notes = [
        f"`netjournal log` rows: median of {LOG_REPEAT} processes, the four taking turns; the first two inherit "
        + (
            f"this environment's PYTHONDONTWRITEBYTECODE={bytecode} (netjournal's own modules, an editable install, "
            "are compiled from source in every process)"
            if bytecode
            else "this environment (PYTHONDONTWRITEBYTECODE unset: bytecode cached as usual)"
        )
        + "; 'bytecode cached' unsets it and uses a warmed PYTHONPYCACHEPREFIX, as an installed copy would",
        "all but the last get the passphrase from NETJOURNAL_PASSPHRASE; the last, bytecode cached too, has it "
        "piped on stdin, as a person without that variable: netjournal first asks the keychain (none here)",
    ]
    return yardstick, figures, notes


if __name__ == "__main__":
    print_table(TITLE, *main())
