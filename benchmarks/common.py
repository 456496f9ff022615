"""Shared helpers for the benchmark scripts: cached demo journals, timing, the report table."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CACHE = ROOT / ".cache"
PASSPHRASE = "benchmark passphrase, not a secret"
SEED = 11


def cached_journal(name: str, size: str, *, exchanges_limit: int | None = None) -> Path:
    """A demo journal built once and kept under benchmarks/.cache (git-ignored)."""
    from netjournal.services.demo import create_demo_journal
    from netjournal.store.schema import CURRENT_VERSION

    CACHE.mkdir(exist_ok=True)
    # The schema version in the name: a journal from an older build would be
    # migrated (and backed up) inside the figures.
    path = CACHE / f"{name}-v{CURRENT_VERSION}.netjournal"
    if not path.exists():
        started = time.perf_counter()
        print(f"building the {name} journal once (cached in {path}) …", file=sys.stderr, flush=True)
        create_demo_journal(path, PASSPHRASE, size, seed=SEED)
        print(f"  built in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return path


def median_ms(action: Callable[[], object], repeat: int = 15, warmup: int = 2) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: float | None  # None: reported, no target

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "info"
        return "ok" if self.value <= self.target else "OVER"


def print_table(title: str, figures: list[Figure]) -> None:
    width = max(len(f.name) for f in figures)
    print(f"\n{title}")
    print(f"{'figure':<{width}}  {'measured':>12}  {'target':>10}  {'ratio':>6}  verdict")
    for f in figures:
        target = f"≤ {f.target:g} {f.unit}" if f.target is not None else "—"
        ratio = f"{f.value / f.target:.2f}" if f.target else ""
        print(f"{f.name:<{width}}  {f.value:>9.1f} {f.unit:<2}  {target:>10}  {ratio:>6}  {f.verdict}")
