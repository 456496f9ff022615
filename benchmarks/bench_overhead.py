"""What encryption costs: the same operations on a plain SQLite copy and on an SQLCipher copy of one journal.

Run: python benchmarks/run.py overhead   (or this file alone)

Both files are exported from the cached large demo journal by SQLCipher's
``sqlcipher_export`` (a key of '' makes the plaintext one), so schema, data
and page layout are the same; the encrypted one keeps the journal's
passphrase and 256,000 iterations. Each is opened once through sqlcipher3 with
the pragmas a journal gets (the plain one without a key); the key derivation
is paid before any timing, since it is the yardstick itself.

The operations are the benchmark's own minimal SQL, read-only but for one
insert inside a rolled-back transaction, and run alternately on the two files:

- cold: SQLite's page cache emptied (PRAGMA shrink_memory) before each run, so
  every page read is decrypted: the first view after unlocking, and every
  command-line command, which is a fresh process;
- warm: the same runs again with the pages already cached, decrypted, as in
  a window that has been open a while.

The insert is rolled back, so pages encrypted on their way into the WAL at a
commit are not part of it: only what the write reads (indexes, triggers, the
search index) is.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    PASSPHRASE,
    Figure,
    Yardstick,
    YardstickMeter,
    cached_journal,
    print_table,
)

TITLE = "Encryption overhead (large demo journal: plain SQLite copy vs SQLCipher copy, same schema and data)"
TARGET_RATIO = 1.3  # encrypted / plain
KDF_ITER = 256_000
# What JournalDatabase sets on every journal (netjournal/store/database.py), kept in step by hand.
PRAGMAS = [
    ("journal_mode", "wal"),
    ("synchronous", "full"),
    ("foreign_keys", "1"),
    ("temp_store", "memory"),
    ("cache_size", str(-64 * 1024)),
    ("recursive_triggers", "1"),
]
SEARCHES = ["a", "me", "the", "pricing", "introduced", "Series A lead", "data hire Lisbon"]

Connection = object  # a sqlcipher3 connection


def _quoted_key(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def overhead_copies(source: Path) -> tuple[Path, Path]:
    """(encrypted, plain) exports of ``source``, built once beside it in benchmarks/.cache."""
    from sqlcipher3 import dbapi2 as sqlcipher

    stem = source.name.removesuffix(".netjournal")
    encrypted = source.with_name(f"{stem}-overhead-encrypted.db")
    plain = source.with_name(f"{stem}-overhead-plain.db")
    if all(p.exists() and p.stat().st_mtime >= source.stat().st_mtime for p in (encrypted, plain)):
        return encrypted, plain
    print(f"exporting plain and encrypted copies of {source.name} once …", file=sys.stderr, flush=True)
    conn = sqlcipher.connect(str(source), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = {_quoted_key(PASSPHRASE)}")
        conn.execute(f"PRAGMA kdf_iter = {KDF_ITER}")
        for target, key in ((plain, ""), (encrypted, PASSPHRASE)):
            partial = target.with_name(target.name + ".partial")
            _remove(partial)
            # ATTACH takes the key as a bound parameter; '' means no encryption at all.
            conn.execute("ATTACH DATABASE ? AS copy KEY ?", (str(partial), key))
            try:
                if key:
                    conn.execute(f"PRAGMA copy.kdf_iter = {KDF_ITER}")
                conn.execute("SELECT sqlcipher_export('copy')")
                conn.execute("PRAGMA copy.journal_mode = wal")  # persistent: opening changes nothing
            finally:
                conn.execute("DETACH DATABASE copy")
            _remove(target)
            os.replace(partial, target)
    finally:
        conn.close()
    with plain.open("rb") as handle:
        assert handle.read(16) == b"SQLite format 3\x00", "the plain copy came out encrypted"
    with encrypted.open("rb") as handle:
        assert handle.read(16) != b"SQLite format 3\x00", "the encrypted copy came out plain"
    return encrypted, plain


def connect(path: Path, passphrase: str | None) -> Connection:
    """Opened as a journal is: key and kdf_iter first (encrypted only), then the same pragmas."""
    from sqlcipher3 import dbapi2 as sqlcipher

    conn = sqlcipher.connect(str(path), isolation_level=None)
    if passphrase is not None:
        conn.execute(f"PRAGMA key = {_quoted_key(passphrase)}")
        conn.execute(f"PRAGMA kdf_iter = {KDF_ITER}")
    for name, value in PRAGMAS:
        conn.execute(f"PRAGMA {name} = {value}")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the key derivation, before any timing
    return conn


# -- the operations: minimal SQL of the journal's own read paths ---------------

TIMELINE_SQL = """
SELECT * FROM (
  SELECT 4 AS rank, e.id, e.date, e.summary, e.details, p.name FROM exchange e
    LEFT JOIN person p ON p.id = e.person_id WHERE e.person_id = :person OR e.second_person_id = :person
  UNION ALL SELECT 3, t.id, t.date, t.note, t.channel, p.name FROM touchpoint t
    JOIN person p ON p.id = t.person_id WHERE t.person_id = :person
  UNION ALL SELECT 2, l.id, l.opened_on, l.what, l.due_on, p.name FROM open_loop l
    JOIN person p ON p.id = l.person_id WHERE l.person_id = :person
  UNION ALL SELECT 1, r.id, r.date, r.text, r.prompt_text, NULL FROM reflection r WHERE r.person_id = :person
) ORDER BY 3 DESC, 1 DESC, 2 DESC
"""

SEARCH_SQL = """
SELECT s.entity, s.entity_id, p.name, s.date, s.snip FROM (
  SELECT rowid, entity, entity_id, person_id, date, snippet(search_index, 0, '[', ']', '…', 12) AS snip
  FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT 50
) s LEFT JOIN person p ON p.id = s.person_id ORDER BY s.rowid DESC
"""

CONTACT_COUNTS_SQL = """
SELECT p, sum(d = 'given'), sum(d = 'received') FROM (
  SELECT person_id AS p, direction AS d FROM exchange WHERE person_id IS NOT NULL
  UNION ALL SELECT second_person_id, direction FROM exchange
    WHERE second_person_id IS NOT NULL AND kind = 'introduction' AND direction = 'given'
) GROUP BY p
"""
CONTACT_ROWS_SQL = (
    "SELECT id, name, organisation, role, tags, cadence_days, archived, last_entry_on "
    "FROM person ORDER BY name COLLATE NOCASE"
)

INSERT_SQL = """
INSERT INTO exchange (date, direction, kind, summary, details, significance, person_id, community,
                      created_at, updated_at, outcome)
VALUES (date('now'), 'given', 'advice', 'Walked Dana through the board deck before the Series A close', '', 3,
        :person, '', datetime('now'), datetime('now'), '')
"""


def _match(query: str) -> str:
    words = [f'"{w}"' for w in query.split()]
    words[-1] += "*"
    return " ".join(words)


def operations(person: int) -> dict[str, Callable[[Connection], object]]:
    def timeline(conn) -> int:
        return len(conn.execute(TIMELINE_SQL, {"person": person}).fetchall())

    def search(conn) -> int:
        return sum(len(conn.execute(SEARCH_SQL, (_match(q),)).fetchall()) for q in SEARCHES)

    def contacts(conn) -> int:
        counts = conn.execute(CONTACT_COUNTS_SQL).fetchall()
        return len(counts) + len(conn.execute(CONTACT_ROWS_SQL).fetchall())

    def save(conn) -> int:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(INSERT_SQL, {"person": person})
            return conn.execute("SELECT changes()").fetchone()[0]
        finally:
            conn.execute("ROLLBACK")

    return {
        "one person's timeline (all their entries)": timeline,
        f"full-text search ({len(SEARCHES)} queries, 50 hits each)": search,
        "contact list (everyone, with given/received counts)": contacts,
        "save one exchange (insert + triggers, rolled back)": save,
    }


def _run_ms(action: Callable[[Connection], object], conn: Connection, *, cold: bool) -> float:
    if cold:
        conn.execute("PRAGMA shrink_memory")  # frees every unpinned page of this connection's cache
    started = time.perf_counter()
    action(conn)
    return (time.perf_counter() - started) * 1000


def compare(
    action: Callable[[Connection], object], encrypted: Connection, plain: Connection, *, cold: bool, repeat: int
) -> tuple[float, float]:
    """Median ms on each file; runs alternate, and which goes first too, so a drift meets both alike."""
    for conn in (encrypted, plain):  # warm-up: statement cache, OS file cache
        action(conn)
    samples: dict[int, list[float]] = {id(encrypted): [], id(plain): []}
    for i in range(repeat):
        for conn in (encrypted, plain) if i % 2 == 0 else (plain, encrypted):
            samples[id(conn)].append(_run_ms(action, conn, cold=cold))
    return statistics.median(samples[id(encrypted)]), statistics.median(samples[id(plain)])


def main() -> tuple[Yardstick, list[Figure], list[str]]:
    encrypted_path, plain_path = overhead_copies(cached_journal("large", "large"))
    meter = YardstickMeter()
    meter.sample(5, "before the figures")
    meter.cross_check()
    encrypted = connect(encrypted_path, PASSPHRASE)
    plain = connect(plain_path, None)
    try:
        (person,) = plain.execute(
            "SELECT person_id FROM exchange WHERE person_id IS NOT NULL GROUP BY person_id "
            "ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        ops = operations(person)
        for name, action in ops.items():  # same data: the same answers on both files
            if action(encrypted) != action(plain):
                raise AssertionError(f"{name}: the two copies answer differently")
        figures: list[Figure] = []
        for cold, label in ((True, "cold page cache"), (False, "warm page cache")):
            ratios = []
            figures.append(Figure.section(f"{label}:"))
            for name, action in ops.items():
                enc_ms, plain_ms = compare(action, encrypted, plain, cold=cold, repeat=15)
                meter.sample()
                ratios.append(enc_ms / plain_ms)
                figures += [
                    Figure(f"  {name}, encrypted", enc_ms, "ms", None),
                    Figure("    plain", plain_ms, "ms", None),
                    Figure("    encrypted / plain", enc_ms / plain_ms, "x", TARGET_RATIO),
                ]
            figures += [
                Figure(
                    f"  overall, {label} (geometric mean of {len(ratios)})",
                    statistics.geometric_mean(ratios),
                    "x",
                    TARGET_RATIO,
                ),
                Figure("    of the three reads alone", statistics.geometric_mean(ratios[:-1]), "x", None),
            ]
        meter.sample(5, "after them")
    finally:
        encrypted.close()
        plain.close()
        meter.close()
    notes = [
        f"files: {encrypted_path.name} ({encrypted_path.stat().st_size / 2**20:.1f} MiB) and "
        f"{plain_path.name} ({plain_path.stat().st_size / 2**20:.1f} MiB), exported once from the cached journal",
        "median of 15 alternating runs per operation and file; cold = PRAGMA shrink_memory before each run",
        "the insert is rolled back: encrypting pages into the WAL at a commit is not measured",
    ]
    return meter.yardstick(), figures, notes


if __name__ == "__main__":
    print_table(TITLE, *main())
