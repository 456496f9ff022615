"""A damaged log of recent changes, left by a crash, is found before recovery would cut it short.

Every journal here is real: people are added by a process that then dies
without closing (``support.crash_after_adding_people``), so its transactions
live only in the ``-wal``, as SQLCipher wrote them.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
from pathlib import Path

import pytest
from playhouse.sqlcipher_ext import SqlCipherDatabase
from support import (
    FRAME_HEADER,
    PASSPHRASE,
    TEST_KDF_ITER,
    WAL_HEADER,
    crash_after_adding_people,
    file_digests,
    flip_byte,
    wal_frames,
)

from netjournal.services.journal import Journal
from netjournal.store import wal
from netjournal.store.errors import DamagedLogError
from netjournal.store.models import Person

PEOPLE = 30
MESSAGE = "its log of recent changes is damaged, and opening it would lose entries saved before the last crash"


@pytest.fixture(scope="module")
def crashed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal whose ``PEOPLE`` people are all in the log a crash left: copied, never used directly."""
    path = tmp_path_factory.mktemp("crashed") / "journal.nj"
    Journal.create(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER).close()
    crash_after_adding_people(path, PASSPHRASE, TEST_KDF_ITER, PEOPLE)
    return path


@pytest.fixture
def crashed(crashed_template: Path, tmp_path: Path) -> Path:
    """A copy of the crashed journal, with its -wal and -shm, in this test's own folder."""
    folder = tmp_path / "journal"
    folder.mkdir()
    for name in ("journal.nj", "journal.nj-wal", "journal.nj-shm"):
        shutil.copyfile(crashed_template.with_name(name), folder / name)
    return folder / "journal.nj"


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _people(path: Path) -> int:
    with Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        return Person.select().count(journal.db)


def _people_sqlcipher_recovers(path: Path, folder: Path) -> int:
    """What a plain read-write SQLCipher connection finds in a copy of the files: recovery as SQLite does it."""
    folder.mkdir()
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(f"{path}{suffix}", folder / f"{path.name}{suffix}")
    db = SqlCipherDatabase(str(folder / path.name), passphrase=PASSPHRASE, pragmas=[("kdf_iter", TEST_KDF_ITER)])
    try:
        assert db.execute_sql("PRAGMA integrity_check").fetchone() == ("ok",)  # SQLite sees nothing wrong
        return db.execute_sql("SELECT count(*) FROM person").fetchone()[0]
    finally:
        db.close()


def _commit_frames(path: Path) -> list[int]:
    frames = wal_frames(_wal(path).read_bytes())
    return [index for index, (_offset, _page, commit, _salt) in enumerate(frames) if commit]


# -- SQLite's checksum ------------------------------------------------------------------------------------------


def test_the_checksum_follows_sqlites_definition_in_both_byte_orders() -> None:
    # Words 1, 2, 3, 4: s1 = 0+1+0 = 1, s2 = 0+2+1 = 3, then s1 = 1+3+3 = 7, s2 = 3+4+7 = 14.
    big = struct.pack(">4I", 1, 2, 3, 4)
    assert wal.checksum(big, big_endian=True) == (7, 14)
    assert wal.checksum(struct.pack("<4I", 1, 2, 3, 4), big_endian=False) == (7, 14)
    assert wal.checksum(big, big_endian=False) != (7, 14)
    # Modulo 2**32, and continued from a seed.
    top = 0xFFFFFFFF
    assert wal.checksum(struct.pack(">2I", top, top), big_endian=True) == (top, top - 1)
    assert wal.checksum(struct.pack(">2I", 3, 4), big_endian=True, seed=(1, 3)) == (7, 14)


def test_every_frame_of_a_log_sqlite_wrote_itself_verifies(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = wal")
        db.execute("PRAGMA wal_autocheckpoint = 0")  # every frame stays in the log
        db.execute("CREATE TABLE note (body TEXT)")
        for number in range(200):
            db.execute("INSERT INTO note VALUES (?)", (f"note {number} " * (number % 90),))
        report = wal.read_log(_wal(path))  # read while SQLite holds it open
    finally:
        db.close()
    assert report.frames > 200
    assert report.valid_frames == report.frames
    assert report.commits == 201  # the table, then one per insert
    assert not report.damaged
    assert report.first_bad_frame is None


# -- no false alarms --------------------------------------------------------------------------------------------


def test_an_untouched_log_after_a_crash_opens_with_every_entry(crashed: Path) -> None:
    report = wal.read_log(_wal(crashed))
    assert report.valid_frames == report.frames > PEOPLE
    assert report.commits == PEOPLE
    assert not report.damaged
    assert _people(crashed) == PEOPLE


def test_a_frame_cut_short_at_the_end_is_no_damage(crashed: Path) -> None:
    log = _wal(crashed)
    data = log.read_bytes()
    salts = data[16:24]
    # A new frame was being written when the crash came: its header and part of its page.
    torn = struct.pack(">2I", 7, 0) + salts + os.urandom(8) + os.urandom(1500)
    log.write_bytes(data + torn)
    assert not wal.read_log(log).damaged
    assert _people(crashed) == PEOPLE


def test_a_commit_the_crash_interrupted_is_no_damage(crashed: Path) -> None:
    """Frames of the last transaction reached the disk whole and torn (a power cut): it was never acknowledged."""
    commits = _commit_frames(crashed)
    last_start = commits[-2] + 1
    assert commits[-1] > last_start, "the last transaction should span several frames"
    offset = wal_frames(_wal(crashed).read_bytes())[last_start][0]
    flip_byte(_wal(crashed), offset + FRAME_HEADER + 1000)
    report = wal.read_log(_wal(crashed))
    assert report.dropped_commits == 1
    assert not report.damaged
    assert _people(crashed) == PEOPLE - 1  # as SQLite recovers it: the unfinished person is not there


def test_frames_left_from_an_earlier_generation_of_the_log_are_no_damage(tmp_path: Path) -> None:
    path = tmp_path / "journal.nj"
    Journal.create(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER).close()
    crash_after_adding_people(path, PASSPHRASE, TEST_KDF_ITER, PEOPLE, later=3)
    frames = wal_frames(_wal(path).read_bytes())
    header_salt = struct.unpack_from(">I", _wal(path).read_bytes(), 16)[0]
    assert {salt for *_rest, salt in frames} - {header_salt}, "the first batch's frames should remain after the end"
    report = wal.read_log(_wal(path))
    assert report.valid_frames < report.frames
    assert not report.damaged
    assert _people(path) == PEOPLE + 3


# -- damage -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "within",
    [3, 7, 11, 15, 19, 23, FRAME_HEADER + 100, FRAME_HEADER + 4095],
    ids=["page-number", "commit-field", "salt-1", "salt-2", "checksum-1", "checksum-2", "page", "page-end"],
)
def test_a_flipped_byte_in_a_middle_frame_is_refused_and_nothing_changes(crashed: Path, within: int) -> None:
    middle = _commit_frames(crashed)[PEOPLE // 2]
    offset = wal_frames(_wal(crashed).read_bytes())[middle][0]
    flip_byte(_wal(crashed), offset + within)
    assert _people_sqlcipher_recovers(crashed, crashed.parent.parent / "as-sqlite-would") < PEOPLE
    before = file_digests(crashed.parent)

    report = wal.read_log(_wal(crashed))
    assert report.damaged
    assert report.first_bad_frame == report.valid_frames == middle
    assert report.dropped_commits >= PEOPLE // 2 - 1
    with pytest.raises(DamagedLogError, match=MESSAGE):
        Journal.open(crashed, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    assert file_digests(crashed.parent) == before  # the journal, its -wal and its -shm


@pytest.mark.parametrize("within", [5, 13, 17, 26], ids=["version", "checkpoint", "salt", "checksum"])
def test_a_damaged_log_header_is_refused_and_nothing_changes(crashed: Path, within: int) -> None:
    flip_byte(_wal(crashed), within)
    before = file_digests(crashed.parent)
    report = wal.read_log(_wal(crashed))
    assert report.header_damaged and report.damaged
    with pytest.raises(DamagedLogError, match=MESSAGE):
        Journal.open(crashed, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    assert file_digests(crashed.parent) == before


def test_a_header_damaged_with_nothing_after_it_is_no_damage(tmp_path: Path) -> None:
    log = tmp_path / "only-a-header-wal"
    log.write_bytes(os.urandom(WAL_HEADER))
    report = wal.read_log(log)
    assert report.header_damaged and not report.damaged


def test_a_wrong_passphrase_on_a_damaged_log_changes_nothing_either(crashed: Path) -> None:
    flip_byte(_wal(crashed), wal_frames(_wal(crashed).read_bytes())[_commit_frames(crashed)[3]][0] + 500)
    before = file_digests(crashed.parent)
    with pytest.raises(DamagedLogError):
        Journal.open(crashed, "not the passphrase", kdf_iter=TEST_KDF_ITER)
    assert file_digests(crashed.parent) == before


def test_the_log_is_read_only_when_a_crash_left_one(crashed: Path, spy) -> None:
    calls = spy(wal, "read_log")
    assert _people(crashed) == PEOPLE  # recovered, closed: the log is gone
    assert len(calls) == 1
    assert _people(crashed) == PEOPLE
    assert len(calls) == 1
