"""kill -9 of a writer loses no acknowledged write and never corrupts the journal."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.services import people
from netjournal.services.journal import Journal
from netjournal.store.models import Exchange

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL"),
]

RUNS = 40
WRITER = """
import sys
from netjournal.services.entries import ExchangeInput, add_exchange
from netjournal.services.journal import Journal

journal = Journal.open(sys.argv[1], sys.argv[2], kdf_iter=int(sys.argv[3]))
person_id = int(sys.argv[4])
run = sys.argv[5]
print("opened", flush=True)
n = 0
while True:
    n += 1
    new_id = add_exchange(
        journal,
        ExchangeInput("given", "advice", f"run {run} write {n}: " + "detail " * (n % 50), person_id,
                      date="2024-01-01", details="x" * (n % 300)),
    )
    sys.stdout.write(f"saved {new_id}\\n")
    sys.stdout.flush()
"""


def _complete_lines(text: str) -> list[str]:
    """Lines the writer finished printing; a line cut by the kill is ignored."""
    lines = text.split("\n")
    return lines[:-1]  # the last element is "" after a final newline, or a cut-off line


def test_kill_minus_nine_loses_no_acknowledged_exchange(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    with Journal.create(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        person_id = people.add_person(journal, people.PersonInput(name="Ana Silva"))
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    rng = random.Random(20261127)
    acknowledged: set[int] = set()
    kills_before_any_save = 0

    for run in range(RUNS):
        # Some kills land during start-up (before or while the journal opens), most mid-write.
        moment = rng.choice(["start", "opened"]) if run % 5 == 0 else rng.randint(1, 150)
        child = subprocess.Popen(
            [sys.executable, str(script), str(path), PASSPHRASE, str(TEST_KDF_ITER), str(person_id), str(run)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert child.stdout is not None
        seen: list[bytes] = []
        try:
            if moment != "start":
                first = child.stdout.readline()
                assert first == b"opened\n", (first, child.stderr.read() if child.stderr else b"")
                if isinstance(moment, int):
                    while len(seen) < moment:
                        line = child.stdout.readline()
                        assert line.startswith(b"saved "), (line, child.stderr.read() if child.stderr else b"")
                        seen.append(line)
        finally:
            child.send_signal(signal.SIGKILL)
            rest, err = child.communicate(timeout=60)
        assert child.returncode == -signal.SIGKILL, err
        printed = _complete_lines((b"".join(seen) + rest).decode())
        printed = [line for line in printed if line != "opened"]
        assert all(line.startswith("saved ") for line in printed), printed
        ids = [int(line.split()[1]) for line in printed]
        assert ids == sorted(ids)
        if isinstance(moment, int):
            assert len(ids) >= moment
        else:
            kills_before_any_save += 1
        acknowledged.update(ids)

        with Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
            assert journal.store.integrity_check() == ["ok"]
            stored = {row[0] for row in journal.store.db.execute_sql("SELECT id FROM exchange")}
            missing = acknowledged - stored
            assert not missing, f"run {run}: acknowledged exchanges lost: {sorted(missing)}"
            assert Exchange.select().where(Exchange.person == person_id).count(journal.db) == len(stored)

    assert kills_before_any_save >= 2
    assert len(acknowledged) > RUNS
