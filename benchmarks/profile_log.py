"""Where the start-up of `netjournal log` goes: phases and imports, in ms and in yardsticks.

    python benchmarks/profile_log.py [--runs N]

Not part of run.py: a diagnostic for the `netjournal log` figure of the core
part. It runs the same command as bench_core on a copy of the large demo
journal, N times in each of two bytecode modes:

- "as set": the environment as it is (here PYTHONDONTWRITEBYTECODE=1, so the
  editable install's own modules are compiled from source in every process);
- "bytecode cached": PYTHONDONTWRITEBYTECODE unset and PYTHONPYCACHEPREFIX
  pointing into benchmarks/.cache, warmed first (what an installed copy does).

Each run starts log_probe.py, which imports the modules `log` needs one group
at a time and then runs the real command line with timers wrapped around its
steps (nothing in netjournal/ is changed); ``-X importtime`` runs beside it,
its self times summed per package. The two modes alternate run by run, so a
drift of the machine meets both alike. Medians are printed, in ms and in
yardsticks (SQLCipher's key derivation, measured before and after).
"""

from __future__ import annotations

import argparse
import collections
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

from common import CACHE, PASSPHRASE, YardstickMeter, cached_journal

LOG_ARGS = [
    "log", "--gave", "--with", "Benchmark Person", "--kind", "advice",
    "Reviewed the benchmark plan for the Q3 launch with two concrete cuts",
]  # fmt: skip
MODES = [
    ("as-set", "as set (PYTHONDONTWRITEBYTECODE as in this environment)"),
    ("cached", "bytecode cached (PYTHONDONTWRITEBYTECODE unset, warmed PYTHONPYCACHEPREFIX)"),
]


def environment(mode: str) -> dict[str, str]:
    env = dict(os.environ, NETJOURNAL_PASSPHRASE=PASSPHRASE)
    if mode == "cached":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    return env


def run_child(journal: Path, mode: str) -> dict[str, float]:
    spawned = time.time()
    out = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("log_probe.py")), repr(spawned), str(journal), *LOG_ARGS],
        env=environment(mode), check=True, capture_output=True, text=True,
    )  # fmt: skip
    ended = time.time()
    result = json.loads(out.stdout.strip().splitlines()[-1])
    marks = result["marks"]
    marks["exit: after the command until the process is gone"] = (ended - result["done_at"]) * 1000
    marks["whole process (as the parent sees it)"] = (ended - spawned) * 1000
    return marks


def whole_log_ms(journal: Path, mode: str) -> float:
    command = [sys.executable, "-m", "netjournal", "--journal", str(journal), *LOG_ARGS]
    started = time.perf_counter()
    subprocess.run(command, env=environment(mode), check=True, capture_output=True)
    return (time.perf_counter() - started) * 1000


def bare_python_ms(mode: str, *flags: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, *flags, "-c", "pass"], env=environment(mode), check=True)
    return (time.perf_counter() - started) * 1000


# Cumulative import times worth naming (from -X importtime), whether imported at all.
WATCHED = [
    "site", "__editable___netjournal_0_1_0_finder", "peewee", "sqlite3", "sqlcipher3", "playhouse.sqlcipher_ext",
    "playhouse.migrate", "netjournal.cli", "netjournal.cli.commands", "netjournal.store.database",
    "netjournal.store.schema", "netjournal.insights.specificity", "netjournal.services.entries",
    "netjournal.services.people", "keyring", "platformdirs", "zxcvbn", "PySide6",
]  # fmt: skip


def importtime(journal: Path, mode: str) -> tuple[dict[str, float], dict[str, float]]:
    """Self time per package (netjournal per module), and cumulative time per module, from one run."""
    command = [sys.executable, "-X", "importtime", "-m", "netjournal", "--journal", str(journal), *LOG_ARGS]
    out = subprocess.run(command, env=environment(mode), check=True, capture_output=True, text=True)
    totals: dict[str, float] = collections.defaultdict(float)
    cumulative: dict[str, float] = {}
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, module = (part.strip() for part in line.removeprefix("import time:").split("|"))
        top = module if module.startswith("netjournal") else module.split(".")[0]
        totals[top] += int(self_us) / 1000
        cumulative[module] = int(cumulative_us) / 1000
    return totals, cumulative


def median_table(runs: list[dict[str, float]]) -> list[tuple[str, float]]:
    keys = {k for run in runs for k in run}
    return sorted(((k, statistics.median(run.get(k, 0.0) for run in runs)) for k in keys), key=lambda kv: -kv[1])


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=7)
    options.add_argument("--top", type=int, default=20, help="rows of the import ranking")
    args = options.parse_args()
    large = cached_journal("large", "large")
    meter = YardstickMeter()
    meter.sample(5, "before the runs")
    meter.cross_check()
    samples: dict[str, dict[str, list]] = {mode: collections.defaultdict(list) for mode, _ in MODES}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "large-copy.netjournal"
        shutil.copyfile(large, work)
        whole_log_ms(work, "cached")  # warms the bytecode cache and adds the person
        for _ in range(args.runs):
            meter.sample(when="between them")
            for mode, _title in MODES:  # alternating: a drift meets both modes alike
                got = samples[mode]
                got["whole"].append(whole_log_ms(work, mode))
                got["bare"].append(bare_python_ms(mode))
                got["isolated"].append(bare_python_ms(mode, "-I", "-S"))
                got["steps"].append(run_child(work, mode))
                self_times, cumulative = importtime(work, mode)
                got["self"].append(self_times)
                got["cumulative"].append(cumulative)
    meter.sample(5, "after them")
    yardstick = meter.yardstick()
    meter.close()
    print("\n" + yardstick.describe())

    def line(ms: float, name: str) -> str:
        return f"  {ms:8.1f} ms  {yardstick.of(ms):5.2f} y  {name}"

    for mode, title in MODES:
        got = samples[mode]
        print(f"\n== {title}, median of {args.runs}")
        print(line(statistics.median(got["whole"]), "`python -m netjournal log`, whole process"))
        print(line(statistics.median(got["bare"]), "`python -c pass` (interpreter + site + the venv's .pth files)"))
        print(line(statistics.median(got["isolated"]), "`python -I -S -c pass` (interpreter alone)"))
        print("\nsteps, by log_probe.py (nested ones are included in their totals; < 0.05 ms left out):")
        for name, ms in median_table(got["steps"]):
            if ms >= 0.05:
                print(line(ms, name))
        print("\ncumulative import time of named modules (-X importtime):")
        cumulative = dict(median_table(got["cumulative"]))
        for module in WATCHED:
            print(line(cumulative[module], module) if module in cumulative else f"  {'not imported':>22}  {module}")
        print(f"\nimports by package, self time (-X importtime), top {args.top}:")
        ranked = median_table(got["self"])
        for name, ms in ranked[: args.top]:
            print(line(ms, name))
        print(line(sum(ms for _, ms in ranked), "all imports (sum of the medians)"))


if __name__ == "__main__":
    main()
