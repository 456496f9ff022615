"""A migration killed halfway leaves a journal that opens and finishes migrating, with one backup."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playhouse.sqlcipher_ext import SqlCipherDatabase

from netjournal.services.journal import Journal
from netjournal.store import schema

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
V4 = next(f for f in json.loads((FIXTURES / "catalogue.json").read_text())["fixtures"] if f["version"] == 4)
EXTRA_EXCHANGES = 15_000

# Opens the journal (and so migrates it) in a child process, saying when it starts.
CHILD = """
import sys
from netjournal.services.journal import Journal
print("opening", flush=True)
Journal.open(sys.argv[1], sys.argv[2], kdf_iter=int(sys.argv[3])).close()
print("done", flush=True)
"""


def _grow_v4(path: Path) -> int:
    """A version-4 journal with enough rows that migrating it takes a noticeable while."""
    shutil.copyfile(FIXTURES / V4["file"], path)
    db = SqlCipherDatabase(str(path), passphrase=V4["passphrase"], pragmas=[("kdf_iter", V4["kdf_iter"])])
    try:
        assert schema.user_version(db) == 4
        with db.atomic():
            db.cursor().executemany(
                "INSERT INTO exchange(date, direction, kind, summary, details, significance, person_id, "
                "created_at, updated_at) VALUES (?, ?, 'advice', ?, '', 3, 1, ?, ?)",
                [
                    (f"20{10 + i % 14}-0{1 + i % 9}-1{i % 10}", ("given", "received")[i % 2],
                     f"Advice number {i} on pricing the pilot", "2024-01-01T00:00:00+00:00",
                     "2024-01-01T00:00:00+00:00")
                    for i in range(EXTRA_EXCHANGES)
                ],
            )  # fmt: skip
        return int(db.execute_sql("SELECT count(*) FROM exchange").fetchone()[0])
    finally:
        db.close()


def _run_child(path: Path, kill_after: float | None) -> int:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), V4["passphrase"], str(V4["kdf_iter"])],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "opening"
    if kill_after is None:
        child.wait(timeout=120)
    else:
        time.sleep(kill_after)  # a kill at a chosen moment: nothing to wait for but the clock
        child.kill()
        child.wait(timeout=30)
    return child.returncode


@pytest.mark.slow
def test_killing_the_v5_migration_leaves_a_journal_that_finishes_migrating(tmp_path: Path) -> None:
    # How long one whole migration takes here, on a copy.
    timing = tmp_path / "timing.netjournal"
    expected_exchanges = _grow_v4(timing)
    started = time.perf_counter()
    assert _run_child(timing, None) == 0
    whole = time.perf_counter() - started

    journal = tmp_path / "journal.netjournal"
    _grow_v4(journal)
    rng = random.Random(5)
    killed = 0
    for _ in range(6):
        code = _run_child(journal, rng.uniform(0.05, 0.5) * whole)
        killed += code != 0
    assert killed >= 3, "the kills came too late to interrupt the migration; the journal is too small"

    with Journal.open(journal, V4["passphrase"], kdf_iter=V4["kdf_iter"]) as migrated:
        assert migrated.store.schema_version() == schema.CURRENT_VERSION
        assert migrated.store.integrity_check() == ["ok"]
        assert migrated.sql("SELECT count(*) FROM exchange").fetchone()[0] == expected_exchanges
        assert migrated.sql("SELECT count(*) FROM exchange WHERE uuid IS NULL").fetchone()[0] == 0
        assert (
            migrated.sql("SELECT count(*) FROM search_index").fetchone()[0]
            == migrated.sql("SELECT count(*) FROM search_key").fetchone()[0]
        )
    # Every attempt found the backup of version 4 the first one wrote, instead of writing another.
    backups = sorted(p.name for p in tmp_path.glob("journal.netjournal.v4*.backup"))
    assert backups == ["journal.netjournal.v4.backup"]


@pytest.mark.parametrize("stranger", ["another journal's backup", "garbage"])
def test_a_file_that_only_looks_like_the_backup_is_not_trusted(tmp_path: Path, stranger: str) -> None:
    journal = tmp_path / "journal.netjournal"
    shutil.copyfile(FIXTURES / V4["file"], journal)
    impostor = tmp_path / "journal.netjournal.v4.backup"
    if stranger == "garbage":
        impostor.write_bytes(b"\x00" * 4096)
    else:  # a real journal at the right version, but not this one
        other = next(f for f in json.loads((FIXTURES / "catalogue.json").read_text())["fixtures"] if f["version"] == 3)
        shutil.copyfile(FIXTURES / other["file"], impostor)
    before = impostor.read_bytes()
    with Journal.open(journal, V4["passphrase"], kdf_iter=V4["kdf_iter"]) as migrated:
        assert migrated.store.schema_version() == schema.CURRENT_VERSION
    assert impostor.read_bytes() == before  # left alone
    fresh = tmp_path / "journal.netjournal.v4.2.backup"
    assert _backup_version(fresh) == 4


def _backup_version(path: Path) -> int:
    db = SqlCipherDatabase(str(path), passphrase=V4["passphrase"], pragmas=[("kdf_iter", V4["kdf_iter"])])
    try:
        return schema.user_version(db)
    finally:
        db.close()
