"""Killed at any moment of a passphrase change, a journal opens with exactly one passphrase and is sound."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.services.journal import Journal
from netjournal.store.copies import opens_with
from netjournal.store.models import Exchange, Person

CHANGE = """
import sys
from netjournal.services.journal import Journal
journal = Journal.open(sys.argv[1], sys.argv[2], kdf_iter=int(sys.argv[4]))
print("ready", flush=True)
journal.change_passphrase(sys.argv[3])
print("changed", flush=True)
journal.close()
"""
ROWS = 6_000


def _run(path: Path, old: str, new: str, kill_after: float | None) -> tuple[bool, float]:
    """Change the passphrase in a child, killed ``kill_after`` seconds in; (whether it finished, its time)."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHANGE, str(path), old, new, str(TEST_KDF_ITER)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    if kill_after is not None:
        time.sleep(kill_after)  # a kill at a chosen moment: there is no event to wait for
        child.kill()
    child.wait(timeout=60)
    return child.returncode == 0, time.perf_counter() - started


@pytest.mark.slow
def test_killing_a_passphrase_change_twenty_times(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    with Journal.create(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal, journal.write():
        person = journal.insert(Person, {"name": "Ana Silva"})
        for number in range(ROWS):
            advice = {"summary": f"Advice number {number}", "significance": 3, "person": person}
            journal.insert(Exchange, {"date": "2025-01-01", "direction": "given", "kind": "advice", **advice})
    current = PASSPHRASE
    finished, whole = _run(path, current, "passphrase zero", None)
    assert finished
    current = "passphrase zero"
    rng = random.Random(3)
    seen = set()
    for attempt in range(20):
        new = f"passphrase {attempt + 1}"
        finished, _ = _run(path, current, new, rng.uniform(0.0, 1.2) * whole)
        old_opens, new_opens = opens_with(path, current, TEST_KDF_ITER), opens_with(path, new, TEST_KDF_ITER)
        assert old_opens != new_opens, f"attempt {attempt}: exactly one passphrase must open it"
        if new_opens:
            current = new
        seen.add("changed" if new_opens else "kept")
        with Journal.open(path, current, kdf_iter=TEST_KDF_ITER) as journal:
            assert journal.store.integrity_check() == ["ok"]
            assert Exchange.select().count(journal.db) == ROWS
    assert seen == {"changed", "kept"}, "the kills should land both before and after the switch"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.nj"]
