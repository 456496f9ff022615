"""Property test: devices that sync through one folder, with files delivered late and out of order, agree.

Two or three copies of a journal, each with a sync folder of its own, as a
sync tool keeps one per computer.  Random adds, edits, deletes, undone deletes
and merges of people happen on each, each syncs at random moments, and the
"sync tool" delivers each written file to each other device's folder at a
random later step, in random order (a file may be seen late, after later
ones).  Finally every file reaches every folder and the devices sync until a
round writes nothing: then all export the same JSON (apart from
``exported_at``), syncing again changes nothing, and every version a device
wrote into a file is current or in ``entry_history`` (unless its row was deleted).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import PASSPHRASE, TEST_KDF_ITER
from sync_support import ACTION, act, export

from netjournal.services.journal import Journal
from netjournal.services.sync_folder import sync_now
from netjournal.store.portable import read_all, specs

STEP = st.one_of(
    ACTION.map(lambda a: ("act", *a)),
    st.tuples(st.just("sync"), st.integers(0, 2), st.integers(0, 0)),
    st.tuples(st.just("deliver"), st.integers(0, 2), st.integers(0, 50)),
)


class Transport:
    """A sync tool: files written in one device's folder reach the others' when it gets round to them."""

    def __init__(self, roots: list[Path]) -> None:
        self.roots = roots
        self.queue: list[tuple[Path, int]] = []  # (file in its writer's folder, target device)
        self.seen: set[Path] = set()

    def notice(self, writer: int) -> None:
        for path in sorted(self.roots[writer].rglob("*.nj-*")):
            if path not in self.seen:
                self.seen.add(path)
                self.queue += [(path, t) for t in range(len(self.roots)) if t != writer]

    def deliver(self, pick: int) -> None:
        if self.queue:
            self._copy(*self.queue.pop(pick % len(self.queue)))

    def deliver_all(self) -> None:
        while self.queue:
            self._copy(*self.queue.pop())

    def _copy(self, path: Path, target: int) -> None:
        source_root = next(r for r in self.roots if path.is_relative_to(r))
        destination = self.roots[target] / path.relative_to(source_root)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)


def _versions(journal: Journal) -> set[tuple[str, str, str]]:
    found = set()
    for table, spec in specs(journal.db).items():
        if table in ("person", "exchange"):
            found |= {(table, v.uuid, v.digest) for v in read_all(journal.db, spec)}
    return found


def _kept(journal: Journal, table: str, uuid: str, digest: str) -> bool:
    """Current, in the history, or deleted with its row (a deletion is meant)."""
    spec = specs(journal.db)[table]
    current = {v.uuid: v.digest for v in read_all(journal.db, spec)}
    if uuid not in current:
        return True
    if current[uuid] == digest:
        return True
    return journal.sql("SELECT 1 FROM entry_history WHERE row_uuid = ? AND content_hash = ?",
                       (uuid, digest)).fetchone() is not None  # fmt: skip


@settings(max_examples=80, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(copies=st.integers(2, 3), start=st.lists(ACTION, max_size=3), steps=st.lists(STEP, min_size=1, max_size=30))
def test_devices_syncing_through_a_folder_agree(copies: int, start: list, steps: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        first = folder / "0.nj"
        with Journal.create(first, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
            for _, action, pick in start:
                act(journal, action, pick, [])
            paths = [first] + [journal.backup_to(folder / f"{n}.nj") for n in range(1, copies)]
        roots = [folder / f"sync-{n}" for n in range(copies)]
        for root in roots:
            root.mkdir()
        transport = Transport(roots)
        opened = [Journal.open(p, PASSPHRASE, kdf_iter=TEST_KDF_ITER) for p in paths]
        undo: list[list] = [[] for _ in paths]
        written: set[tuple[str, str, str]] = set()

        def sync(which: int) -> bool:
            written.update(_versions(opened[which]))  # what this sync writes into a file
            report = sync_now(opened[which], roots[which], f"device {which}")
            transport.notice(which)
            return report.written is not None or report.changed

        try:
            for kind, which, action, pick in ((s[0], s[1], s[2] if s[0] == "act" else "", s[-1]) for s in steps):
                which %= copies
                if kind == "act":
                    act(opened[which], action, pick, undo[which])
                elif kind == "sync":
                    sync(which)
                else:
                    transport.deliver(pick)
            for _ in range(8):  # every file reaches every folder, until a whole round writes nothing
                transport.deliver_all()
                changed = False
                for which in range(copies):
                    changed |= sync(which)
                if not changed and not transport.queue:
                    break
            else:
                raise AssertionError("the devices kept writing files")
            exports = [export(journal) for journal in opened]
            for other in exports[1:]:
                for key in exports[0]:
                    assert other[key] == exports[0][key], key
            for which in range(copies):  # syncing again changes nothing
                again = sync_now(opened[which])
                assert again.written is None and not again.changed
            for table, uuid, digest in written:
                for journal in opened:
                    assert _kept(journal, table, uuid, digest), (table, uuid)
        finally:
            for journal in opened:
                journal.close()
