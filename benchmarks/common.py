"""Shared helpers for the benchmark scripts: cached demo journals, timing, the yardstick, the report table."""

from __future__ import annotations

import hashlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CACHE = ROOT / ".cache"
PASSPHRASE = "benchmark passphrase, not a secret"
SEED = 11


def cached_journal(name: str, size: str, *, exchanges_limit: int | None = None) -> Path:
    """A demo journal built once and kept under benchmarks/.cache (git-ignored)."""
    from netjournal.services.demo import DEMO_VERSION, create_demo_journal
    from netjournal.store.schema import CURRENT_VERSION

    CACHE.mkdir(exist_ok=True)
    # The schema version in the name: a journal from an older build would be
    # migrated (and backed up) inside the figures.  The demo's version too: a
    # cache from before the demo had contact details would measure without them.
    path = CACHE / f"{name}-v{CURRENT_VERSION}-demo{DEMO_VERSION}.netjournal"
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


# -- the yardstick -----------------------------------------------------------
#
# These machines' speed drifts by 3x from hour to hour, so a figure in ms alone
# says little. Every table also gives each figure as a multiple of a yardstick
# measured in the same run: SQLCipher's own key derivation (PBKDF2-HMAC-SHA512)
# at SQLCipher 4's default 256,000 iterations, the one cost every unlock pays.

YARDSTICK_KDF_ITER = 256_000
# Targets given in ms were set on a machine where that key derivation took
# 80 ms; a target of T ms is judged as T / 80 yardsticks.
REFERENCE_YARDSTICK_MS = 80.0
_RAW_KEY = "x'" + "5a" * 32 + "'"  # a 256-bit raw key: SQLCipher uses it as is, no derivation


@dataclass(frozen=True)
class Yardstick:
    """SQLCipher's key derivation in ms: the median of every sample a part took.

    The machine drifts even within a part (by half within a minute, at
    times), so a part samples before its figures, between them and after
    them, and its yardstick is the median of all of those.
    """

    batches: tuple[tuple[str, tuple[float, ...]], ...]  # (when, samples): (passphrase open) - (raw key open)
    raw_key_open_ms: float  # median open with the raw key: what each difference takes away
    hashlib_ms: float | None = None  # hashlib.pbkdf2_hmac at the same count, a cross-check only

    @property
    def samples(self) -> tuple[float, ...]:
        return tuple(ms for _, batch in self.batches for ms in batch)

    @property
    def ms(self) -> float:
        return statistics.median(self.samples)

    def of(self, ms: float) -> float:
        return ms / self.ms

    def describe(self) -> str:
        """Two or three lines: the value, how and when it was measured, the cross-check."""
        when = ", ".join(f"{len(batch)} {label} ({statistics.median(batch):.1f} ms)" for label, batch in self.batches)
        lines = [
            f"yardstick y = {self.ms:.1f} ms: SQLCipher's own key derivation "
            f"(PBKDF2-HMAC-SHA512, {YARDSTICK_KDF_ITER:,} iterations, SQLCipher 4's default)",
            f"  median of {len(self.samples)} samples [{min(self.samples):.1f}-{max(self.samples):.1f} ms]: {when}",
            "  each: connect + key + first query on a tiny database keyed with a passphrase, minus the same "
            f"on one keyed with a raw key ({self.raw_key_open_ms:.2f} ms), through sqlcipher3",
        ]
        if self.hashlib_ms is not None:
            lines.append(f"  for comparison, hashlib.pbkdf2_hmac('sha512') at the same count: {self.hashlib_ms:.1f} ms")
        return "\n".join(lines)


def _sqlcipher_open_ms(path: Path, key_pragma: str) -> float:
    """Connect, key, and read the schema: the first read derives the key (unless the key is raw)."""
    from sqlcipher3 import dbapi2 as sqlcipher

    started = time.perf_counter()
    conn = sqlcipher.connect(str(path), isolation_level=None)
    try:
        conn.execute(key_pragma)
        conn.execute(f"PRAGMA kdf_iter = {YARDSTICK_KDF_ITER}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()
    return (time.perf_counter() - started) * 1000


class YardstickMeter:
    """Measures the yardstick, as often as a part asks, on two tiny files kept for the part's duration.

    Each sample is SQLCipher's own key derivation, measured as a journal is
    opened (connect, PRAGMA key, PRAGMA kdf_iter, first query) on a tiny
    database keyed with a passphrase, minus the same on one keyed with a raw
    256-bit key, which SQLCipher uses without deriving anything. The two opens
    of a sample follow each other, so a drift meets both alike.
    """

    def __init__(self) -> None:
        from sqlcipher3 import dbapi2 as sqlcipher

        self._folder = tempfile.TemporaryDirectory()
        self._files = []
        for name, key in (
            ("passphrase", "PRAGMA key = '" + PASSPHRASE.replace("'", "''") + "'"),
            ("raw", f'PRAGMA key = "{_RAW_KEY}"'),
        ):
            path = Path(self._folder.name) / f"{name}.db"
            conn = sqlcipher.connect(str(path), isolation_level=None)
            conn.execute(key)
            conn.execute(f"PRAGMA kdf_iter = {YARDSTICK_KDF_ITER}")
            conn.execute("CREATE TABLE t (x)")
            conn.close()
            self._files.append((path, key))
        self._batches: dict[str, list[float]] = {}
        self._raw: list[float] = []
        self._hashlib_ms: float | None = None
        self._pair()  # warm-up, not kept

    def _pair(self) -> float:
        keyed = _sqlcipher_open_ms(*self._files[0])
        raw = _sqlcipher_open_ms(*self._files[1])
        self._raw.append(raw)
        return keyed - raw

    def sample(self, count: int = 1, when: str = "between the figures") -> float:
        """Take ``count`` samples; returns the last (for a figure that subtracts the one next to it)."""
        batch = self._batches.setdefault(when, [])
        batch.extend(self._pair() for _ in range(count))
        return batch[-1]

    def cross_check(self) -> None:
        """hashlib's PBKDF2 at the same count, printed beside the yardstick (never used by it)."""
        self._hashlib_ms = median_ms(
            lambda: hashlib.pbkdf2_hmac("sha512", PASSPHRASE.encode(), b"0123456789abcdef", YARDSTICK_KDF_ITER),
            repeat=3,
            warmup=0,
        )

    def yardstick(self) -> Yardstick:
        batches = tuple((when, tuple(batch)) for when, batch in self._batches.items())
        return Yardstick(batches, statistics.median(self._raw), self._hashlib_ms)

    def close(self) -> None:
        self._folder.cleanup()

    def __enter__(self) -> YardstickMeter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def measure_yardstick(repeat: int = 5, *, cross_check: bool = True) -> Yardstick:
    """SQLCipher's own key derivation at 256,000 iterations, in ms: the median of ``repeat`` samples."""
    with YardstickMeter() as meter:
        meter.sample(repeat, "in one batch")
        if cross_check:
            meter.cross_check()
        return meter.yardstick()


# -- the report table ----------------------------------------------------------


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: float | None = None  # in ``unit``; a ms target is judged as target / 80 yardsticks
    target_yardsticks: float | None = None  # a target given in yardsticks (for figures in ms)
    heading: bool = False  # a line that only names the rows below it

    @classmethod
    def section(cls, name: str) -> Figure:
        return cls(name, 0.0, "", heading=True)

    def yardsticks(self, yardstick: Yardstick) -> float | None:
        return yardstick.of(self.value) if self.unit == "ms" else None

    def judged_target(self) -> float | None:
        """The target in yardsticks for a figure in ms; else the target in its own unit."""
        if self.target_yardsticks is not None:
            return self.target_yardsticks
        if self.target is not None and self.unit == "ms":
            return self.target / REFERENCE_YARDSTICK_MS
        return self.target

    def ratio(self, yardstick: Yardstick) -> float | None:
        target = self.judged_target()
        if not target:
            return None
        measured = self.yardsticks(yardstick) if self.unit == "ms" else self.value
        return measured / target

    def verdict(self, yardstick: Yardstick) -> str:
        ratio = self.ratio(yardstick)
        if ratio is None:
            return "info"
        return "ok" if ratio <= 1 else "OVER"

    def target_text(self) -> str:
        if self.target_yardsticks is not None:
            return f"≤ {self.target_yardsticks:g} y"
        if self.target is None:
            return "—"
        if self.unit == "ms":
            return f"≤ {self.target:g} ms = {self.target / REFERENCE_YARDSTICK_MS:.3g} y"
        return f"≤ {self.target:g} {self.unit}"


def print_table(title: str, yardstick: Yardstick, figures: list[Figure], notes: Sequence[str] = ()) -> None:
    """The figures, each in ms and in yardsticks, beside its target; the yardstick itself on top."""
    width = max(len(f.name) for f in figures)
    targets = [f.target_text() for f in figures]
    target_width = max(len("target"), *(len(t) for t in targets))
    print(f"\n{title}")
    print(yardstick.describe())
    print(
        f"verdicts compare yardsticks: targets in ms were set where the key derivation took "
        f"{REFERENCE_YARDSTICK_MS:g} ms, so a target of T ms is judged as T/{REFERENCE_YARDSTICK_MS:g} y"
    )
    print(
        f"{'figure':<{width}}  {'measured':>12}  {'yardsticks':>10}  {'target':<{target_width}}  {'ratio':>6}  verdict"
    )
    for f, target in zip(figures, targets, strict=True):
        if f.heading:
            print(f.name)
            continue
        y = f.yardsticks(yardstick)
        in_y = f"{y:8.3f} y" if y is not None else ""
        ratio = f.ratio(yardstick)
        ratio_text = f"{ratio:.2f}" if ratio is not None else ""
        value = f"{f.value:.2f}" if f.unit == "x" or f.value < 10 else f"{f.value:.1f}"
        print(
            f"{f.name:<{width}}  {value:>9} {f.unit:<2}  {in_y:>10}  {target:<{target_width}}  "
            f"{ratio_text:>6}  {f.verdict(yardstick)}"
        )
    for note in notes:
        print(f"note: {note}")
