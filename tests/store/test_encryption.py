"""Everything written to a journal stays encrypted on disk, and bad keys or files fail cleanly.

Every test works on real SQLCipher files in ``tmp_path``; nothing is mocked.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER, file_digests

from netjournal.domain import LoopKind
from netjournal.services import entries, people, prompting
from netjournal.services.journal import Journal
from netjournal.services.search import search
from netjournal.store.database import PLAINTEXT_HEADER, JournalDatabase
from netjournal.store.errors import (
    DamagedJournalError,
    EmptyPassphraseError,
    JournalError,
    JournalExistsError,
    JournalNotFoundError,
    NotAJournalError,
    WrongPassphraseError,
)
from netjournal.store.models import Exchange, Person, PromptState

# A token no encrypted page will contain by chance; matched case-insensitively
# because the full-text index stores it lower-cased.
MARKER = "ZEBRAMARKER7731"
DAY = dt.date(2024, 3, 5)


def _create(path: Path, passphrase: str = PASSPHRASE) -> Journal:
    return Journal.create(path, passphrase, kdf_iter=TEST_KDF_ITER)


def _open(path: Path, passphrase: str = PASSPHRASE) -> Journal:
    return Journal.open(path, passphrase, kdf_iter=TEST_KDF_ITER)


def _files_holding_marker(folder: Path) -> list[str]:
    """Every file below ``folder`` whose bytes contain the marker in any letter case."""
    needle = MARKER.lower().encode("utf-8")
    return sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes().lower()
    )


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _write_marker_everywhere(journal: Journal) -> None:
    """Put the marker into every text field of every kind of record."""
    pid = people.add_person(
        journal,
        people.PersonInput(
            name=f"{MARKER}name Person",
            organisation=f"{MARKER}org",
            role=f"{MARKER}role",
            how_met=f"{MARKER}howmet",
            notes=f"{MARKER}notes",
            tags=[f"{MARKER}tag", "other"],
        ),
    )
    entries.add_circumstance(journal, pid, f"{MARKER}circumstance", start_on=DAY)
    entries.add_exchange(
        journal,
        entries.ExchangeInput(
            direction="given",
            kind="advice",
            summary=f"{MARKER}summary",
            details=f"{MARKER}details",
            outcome=f"{MARKER}outcome",
            person_id=pid,
            date=DAY,
        ),
    )
    entries.add_exchange(
        journal,
        entries.ExchangeInput(
            direction="given", kind="resource", summary="talk", community=f"{MARKER}community", person_id=None, date=DAY
        ),
    )
    entries.add_touchpoint(journal, pid, f"{MARKER}touchnote", date=DAY, channel=f"{MARKER}channel")
    entries.add_loop(journal, LoopKind.PROMISED, f"{MARKER}loop", person_id=pid, opened_on=DAY)
    entries.add_reflection(journal, f"{MARKER}reflection", date=DAY, person_id=pid)
    prompting.dismiss_prompt(journal, f"custom-prompt#{MARKER}key", today=DAY)


def test_marker_scan_detects_plaintext(tmp_path: Path) -> None:
    """Control: the scan used below does find the marker in an unencrypted SQLite file."""
    conn = sqlite3.connect(tmp_path / "plain.db")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("INSERT INTO t VALUES (?)", (f"{MARKER}control".lower(),))
    conn.commit()
    conn.close()
    assert _files_holding_marker(tmp_path) == ["plain.db"]


def test_marker_in_every_entity_never_reaches_disk_in_clear(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    journal = _create(path)
    try:
        _write_marker_everywhere(journal)
        # The data really is stored: every entity carrying it is found by search.
        found = {hit.entity for hit in search(journal, MARKER, limit=100)}
        assert found == {"person", "circumstance", "exchange", "touchpoint", "loop", "reflection"}
        state = journal.first(PromptState.select().where(PromptState.prompt_key == f"custom-prompt#{MARKER}key"))
        assert state is not None and state.dismissed_on == DAY
        assert Exchange.select().where(Exchange.outcome == f"{MARKER}outcome").count(journal.db) == 1

        # While open, the writes sit in the write-ahead log: it must be encrypted too.
        wal = Path(f"{path}-wal")
        assert wal.is_file()
        assert wal.stat().st_size > 0
        assert _files_holding_marker(tmp_path) == []

        (tmp_path / "copies").mkdir()
        backup = journal.backup_to(tmp_path / "copies" / "backup.nj")
        assert backup.is_file()
        assert _files_holding_marker(tmp_path) == []
    finally:
        journal.close()

    names = set(_listing(tmp_path))
    assert "journal.nj" in names
    assert not [n for n in names if n.endswith(".lock")]  # the lock is on the journal file itself
    assert "copies/backup.nj" in names
    assert _files_holding_marker(tmp_path) == []
    for encrypted in (path, backup):
        assert encrypted.read_bytes()[:16] != PLAINTEXT_HEADER

    # Reopening and reading everything back also leaves nothing readable behind.
    with _open(path) as journal:
        assert {hit.entity for hit in search(journal, MARKER, limit=100)} >= {"person", "exchange"}
        assert _files_holding_marker(tmp_path) == []
    assert _files_holding_marker(tmp_path) == []


def test_shm_and_wal_hold_no_marker_while_open(tmp_path: Path) -> None:
    """Checked separately so a failure names the file: -wal and -shm while the journal is open."""
    path = tmp_path / "journal.nj"
    with _create(path) as journal:
        _write_marker_everywhere(journal)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{path}{suffix}")
            assert side.is_file(), suffix
            assert MARKER.lower().encode() not in side.read_bytes().lower(), suffix
        assert path.read_bytes()[:16] != PLAINTEXT_HEADER


@pytest.mark.parametrize("passphrase", ["", "   ", "\t\n ", None])
def test_empty_passphrase_refused_on_create_and_nothing_appears(tmp_path: Path, passphrase: str | None) -> None:
    before = _listing(tmp_path)
    with pytest.raises(EmptyPassphraseError, match="passphrase is empty"):
        Journal.create(tmp_path / "journal.nj", passphrase, kdf_iter=TEST_KDF_ITER)  # type: ignore[arg-type]
    with pytest.raises(EmptyPassphraseError):
        JournalDatabase.create(tmp_path / "journal.nj", passphrase, kdf_iter=TEST_KDF_ITER)  # type: ignore[arg-type]
    assert _listing(tmp_path) == before


@pytest.mark.parametrize("passphrase", ["", "   ", None])
def test_empty_passphrase_refused_on_open_and_nothing_changes(tmp_path: Path, passphrase: str | None) -> None:
    path = tmp_path / "journal.nj"
    _create(path).close()
    before = file_digests(tmp_path)
    with pytest.raises(EmptyPassphraseError):
        Journal.open(path, passphrase, kdf_iter=TEST_KDF_ITER)  # type: ignore[arg-type]
    assert file_digests(tmp_path) == before


def test_open_missing_path_creates_nothing(tmp_path: Path) -> None:
    before = _listing(tmp_path)
    with pytest.raises(JournalNotFoundError, match="no journal"):
        _open(tmp_path / "missing.nj")
    assert _listing(tmp_path) == before
    # A folder where the journal should be is not a journal either.
    (tmp_path / "folder.nj").mkdir()
    before = _listing(tmp_path)
    with pytest.raises(JournalNotFoundError):
        _open(tmp_path / "folder.nj")
    assert _listing(tmp_path) == before


def test_create_refuses_to_overwrite_a_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    with _create(path) as journal:
        people.add_person(journal, people.PersonInput(name="Ana Silva"))
    before = file_digests(tmp_path)
    with pytest.raises(JournalExistsError, match="already exists"):
        _create(path)
    with pytest.raises(JournalExistsError):
        _create(path, "a different passphrase")
    assert file_digests(tmp_path) == before
    with _open(path) as journal:
        assert [p.name for p in journal.rows(Person.select())] == ["Ana Silva"]


def test_create_refuses_to_overwrite_any_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"my precious notes\n")
    before = file_digests(tmp_path)
    with pytest.raises(JournalExistsError):
        _create(path)
    assert file_digests(tmp_path) == before
    assert _listing(tmp_path) == ["notes.txt"]


def test_wrong_passphrase_is_clear_changes_nothing_and_prints_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "journal.nj"
    with _create(path) as journal:
        people.add_person(journal, people.PersonInput(name="Ana Silva"))
    capfd.readouterr()
    before = file_digests(tmp_path)
    for wrong in ("correct horse battery stapl", PASSPHRASE.upper(), PASSPHRASE + " ", "x"):
        with pytest.raises(WrongPassphraseError, match="passphrase") as caught:
            _open(path, wrong)
        assert str(caught.value).endswith(".")
        assert file_digests(tmp_path) == before
    out, err = capfd.readouterr()
    assert "hmac" not in (out + err).lower()
    assert err == ""
    assert not Path(f"{path}-wal").exists()
    assert not Path(f"{path}-shm").exists()
    # And the right passphrase still works afterwards.
    with _open(path) as journal:
        assert Person.select().count(journal.db) == 1


def test_wrong_passphrase_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    """Nothing appears beside the journal (it is itself the lock) and the journal is untouched."""
    path = tmp_path / "journal.nj"
    _create(path).close()
    before = file_digests(tmp_path)
    with pytest.raises(WrongPassphraseError):
        _open(path, "not it")
    assert file_digests(tmp_path) == before


def test_wrong_passphrase_prints_nothing_in_a_fresh_process(tmp_path: Path) -> None:
    """SQLCipher's "hmac check failed" log is silenced even for the very first open of a process."""
    path = tmp_path / "journal.nj"
    _create(path).close()
    script = textwrap.dedent(
        f"""
        from netjournal.store.database import JournalDatabase
        from netjournal.store.errors import WrongPassphraseError
        try:
            JournalDatabase.open({str(path)!r}, "wrong one", kdf_iter={TEST_KDF_ITER})
        except WrongPassphraseError as error:
            print("refused:", error)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("refused:")
    assert "passphrase" in result.stdout
    assert result.stderr == ""


def _damage(path: Path, start: int, length: int) -> None:
    data = bytearray(path.read_bytes())
    data[start : start + length] = bytes(b ^ 0x5A for b in data[start : start + length])
    path.write_bytes(bytes(data))


def _journal_with_rows(path: Path, count: int = 300) -> None:
    with _create(path) as journal:
        pid = people.add_person(journal, people.PersonInput(name="Ana Silva"))
        for i in range(count):
            entries.add_exchange(
                journal,
                entries.ExchangeInput("given", "advice", f"advice number {i} " + "padding " * 40, pid, date=DAY),
            )


def test_damaged_first_page_is_a_clear_error_and_file_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    _journal_with_rows(path, 20)
    _damage(path, 0, 100)
    before = file_digests(tmp_path)
    with pytest.raises(JournalError, match="damaged") as caught:
        _open(path)
    assert type(caught.value) in (WrongPassphraseError, DamagedJournalError, NotAJournalError)
    assert file_digests(tmp_path) == before
    assert not Path(f"{path}-wal").exists()


def test_damaged_later_page_is_reported_as_damage(tmp_path: Path) -> None:
    """Page 1 is intact, so the journal opens; reading the damaged page must say "damaged", not crash."""
    path = tmp_path / "journal.nj"
    _journal_with_rows(path)
    size = path.stat().st_size
    assert size > 10 * 4096
    _damage(path, 6 * 4096 + 200, 64)  # inside page 7
    before = file_digests(tmp_path)["journal.nj"]
    try:
        with _open(path) as journal:
            try:
                report: object = journal.store.integrity_check()
            except DamagedJournalError as error:
                report = str(error)
    except DamagedJournalError as error:  # reporting it at open is fine too
        report = str(error)
    assert report != ["ok"]
    if isinstance(report, str):
        assert "damaged" in report
    assert file_digests(tmp_path)["journal.nj"] == before


def test_plain_sqlite_file_is_not_a_journal(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO person (name) VALUES ('Ana')")
    conn.commit()
    conn.close()
    before = file_digests(tmp_path)
    with pytest.raises(NotAJournalError, match="unencrypted"):
        _open(path)
    assert file_digests(tmp_path) == before


def test_empty_file_is_not_a_journal(tmp_path: Path) -> None:
    path = tmp_path / "empty.nj"
    path.touch()
    with pytest.raises(NotAJournalError, match="empty"):
        _open(path)
    assert path.stat().st_size == 0
    assert _listing(tmp_path) == ["empty.nj"]


@pytest.mark.parametrize("size", [10, 1000, 4096, 64 * 1024])
def test_random_bytes_are_a_journal_error(tmp_path: Path, size: int) -> None:
    path = tmp_path / "noise.nj"
    path.write_bytes(random.Random(size).randbytes(size))
    before = file_digests(tmp_path)
    with pytest.raises(JournalError) as caught:
        _open(path)
    assert type(caught.value) in (NotAJournalError, WrongPassphraseError, DamagedJournalError)
    assert str(caught.value).endswith(".")
    assert file_digests(tmp_path).get("noise.nj") == before["noise.nj"]
    assert not Path(f"{path}-wal").exists()


def test_other_sqlcipher_database_is_not_a_journal(tmp_path: Path) -> None:
    """Same passphrase, encrypted, but not netjournal's: user_version 0."""
    from playhouse.sqlcipher_ext import SqlCipherDatabase

    path = tmp_path / "other.db"
    db = SqlCipherDatabase(str(path), passphrase=PASSPHRASE, pragmas=[("kdf_iter", TEST_KDF_ITER)])
    db.connect()
    db.execute_sql("CREATE TABLE t (x)")
    db.execute_sql("INSERT INTO t VALUES (1)")
    db.close()
    with pytest.raises(NotAJournalError, match="no netjournal data"):
        _open(path)


AWKWARD = "pä'ss \"wörd\\ 🔑"
NEAR_MISSES = [
    "pä'ss \"wörd\\ ",  # emoji dropped
    "pä''ss \"wörd\\ 🔑",  # quote doubled (as SQL escaping would)
    "pä'ss \"wörd\\\\ 🔑",  # backslash doubled
    "pa'ss \"word\\ 🔑",  # accents dropped
    "pä'ss \"wörd\\🔑",  # space dropped
    "pä'ss 'wörd\\ 🔑",  # other kind of quote
    "PÄ'SS \"WÖRD\\ 🔑",
]


@pytest.mark.parametrize("passphrase", [AWKWARD, "'", '"', "\\", "'; DROP TABLE person; --", "🔑", " lead and trail "])
def test_awkward_passphrases_round_trip(tmp_path: Path, passphrase: str) -> None:
    path = tmp_path / "journal.nj"
    with _create(path, passphrase) as journal:
        people.add_person(journal, people.PersonInput(name="Ana Silva"))
    with _open(path, passphrase) as journal:
        assert [p.name for p in journal.rows(Person.select())] == ["Ana Silva"]
        assert journal.store.integrity_check() == ["ok"]
    with pytest.raises(WrongPassphraseError):
        _open(path, passphrase + "x")


@pytest.mark.parametrize("near_miss", NEAR_MISSES)
def test_awkward_passphrase_near_miss_fails(tmp_path: Path, near_miss: str) -> None:
    path = tmp_path / "journal.nj"
    _create(path, AWKWARD).close()
    before = file_digests(tmp_path)
    with pytest.raises(WrongPassphraseError, match="passphrase"):
        _open(path, near_miss)
    assert file_digests(tmp_path) == before


def test_awkward_passphrase_survives_rekey_and_backup(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    with _create(path) as journal:
        people.add_person(journal, people.PersonInput(name="Ana Silva"))
        journal.change_passphrase(AWKWARD)
        journal.backup_to(tmp_path / "backup.nj")
    for target in (path, tmp_path / "backup.nj"):
        with pytest.raises(WrongPassphraseError):
            _open(target, PASSPHRASE)
        with _open(target, AWKWARD) as journal:
            assert Person.select().count(journal.db) == 1


def test_change_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    with _create(path) as journal:
        pid = people.add_person(journal, people.PersonInput(name="Ana Silva", notes="met at PyCon"))
        entries.add_exchange(journal, entries.ExchangeInput("received", "advice", "CV review", pid, date=DAY))
        journal.change_passphrase("a brand new passphrase")
        # The open journal keeps working after the rekey.
        entries.add_touchpoint(journal, pid, "sent a card", date=DAY)
    with pytest.raises(WrongPassphraseError):
        _open(path, PASSPHRASE)
    with _open(path, "a brand new passphrase") as journal:
        assert [(p.name, p.notes) for p in journal.rows(Person.select())] == [("Ana Silva", "met at PyCon")]
        assert [e.summary for e in journal.rows(Exchange.select())] == ["CV review"]
        assert [h.entity for h in search(journal, "card")] == ["touchpoint"]
        assert journal.store.integrity_check() == ["ok"]


@pytest.mark.parametrize("new", ["", "  ", None])
def test_change_passphrase_refuses_empty_and_old_still_works(tmp_path: Path, new: str | None) -> None:
    path = tmp_path / "journal.nj"
    seen = []
    with _create(path) as journal:
        people.add_person(journal, people.PersonInput(name="Ana Silva"))
        journal.changes.subscribe(seen.append)
        with pytest.raises(EmptyPassphraseError):
            journal.change_passphrase(new)  # type: ignore[arg-type]
        assert seen == []
        assert Person.select().count(journal.db) == 1
    assert path.read_bytes()[:16] != PLAINTEXT_HEADER
    with _open(path, PASSPHRASE) as journal:
        assert Person.select().count(journal.db) == 1


def test_backup_is_an_encrypted_copy_with_the_same_rows(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    with _create(path) as journal:
        pid = people.add_person(journal, people.PersonInput(name="Ana Silva"))
        for i in range(25):
            entries.add_exchange(journal, entries.ExchangeInput("given", "advice", f"tip {i}", pid, date=DAY))
        entries.add_reflection(journal, "quiet week", date=DAY)
        # Rows still only in the WAL must be in the copy too.
        assert Path(f"{path}-wal").stat().st_size > 0
        destination = journal.backup_to(tmp_path / "backup.nj")
        original = sorted(journal.store.db.execute_sql("SELECT id, summary FROM exchange").fetchall())
    assert destination == tmp_path / "backup.nj"
    assert destination.read_bytes()[:16] != PLAINTEXT_HEADER
    assert not [p for p in _listing(tmp_path) if "partial" in p]
    with pytest.raises(WrongPassphraseError):
        _open(destination, "wrong")
    with _open(destination) as copy:
        assert sorted(copy.store.db.execute_sql("SELECT id, summary FROM exchange").fetchall()) == original
        assert Person.select().count(copy.db) == 1
        assert copy.store.integrity_check() == ["ok"]
        assert [h.entity for h in search(copy, "quiet")] == ["reflection"]


def test_backup_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    existing = tmp_path / "backup.nj"
    existing.write_bytes(b"an older backup I want to keep")
    with _create(path) as journal:
        people.add_person(journal, people.PersonInput(name="Ana Silva"))
        before = file_digests(tmp_path)["backup.nj"]
        with pytest.raises(JournalExistsError):
            journal.backup_to(existing)
        assert file_digests(tmp_path)["backup.nj"] == before
        # A second backup to the same place is refused as well.
        journal.backup_to(tmp_path / "second.nj")
        second = file_digests(tmp_path)["second.nj"]
        with pytest.raises(JournalExistsError):
            journal.backup_to(tmp_path / "second.nj")
        assert file_digests(tmp_path)["second.nj"] == second
        # The journal is still usable after the refusals.
        people.add_person(journal, people.PersonInput(name="Ben Okafor"))
    assert not [p for p in _listing(tmp_path) if "partial" in p]
    assert not [p for p in _listing(tmp_path) if p.startswith("backup.nj") and p != "backup.nj"]


def test_backup_into_missing_folder_is_refused(tmp_path: Path) -> None:
    with _create(tmp_path / "journal.nj") as journal, pytest.raises(JournalError, match="does not exist"):
        journal.backup_to(tmp_path / "nowhere" / "backup.nj")
    assert not (tmp_path / "nowhere").exists()
    assert not [p for p in os.listdir(tmp_path) if "partial" in p]


def test_backup_works_where_the_file_system_has_no_hard_links(tmp_path, monkeypatch) -> None:
    """FAT and exFAT drives refuse os.link; the backup falls back to a checked rename."""
    import errno

    def no_links(*_args):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    journal = JournalDatabase.create(tmp_path / "j.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    try:
        written = journal.backup_to(tmp_path / "usb-copy.nj")
        with pytest.raises(JournalExistsError):
            journal.backup_to(written)
    finally:
        journal.close()
    assert written.exists() and not list(tmp_path.glob(".*partial*"))
    JournalDatabase.open(written, PASSPHRASE, kdf_iter=TEST_KDF_ITER).close()
