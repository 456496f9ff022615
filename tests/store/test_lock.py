"""One journal, one opener: a second open in this process or another is refused until the first closes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.services import people
from netjournal.services.journal import Journal
from netjournal.store.database import JournalDatabase
from netjournal.store.errors import JournalLockedError
from netjournal.store.models import Person

OPEN_IN_CHILD = textwrap.dedent(
    """
    import sys
    from netjournal.store.database import JournalDatabase
    from netjournal.store.errors import JournalLockedError
    try:
        store = JournalDatabase.open(sys.argv[1], sys.argv[2], kdf_iter=int(sys.argv[3]))
    except JournalLockedError as error:
        print("locked:", error)
    else:
        print("opened:", store.db.execute_sql("SELECT count(*) FROM person").fetchone()[0])
        store.close()
    """
)


def _open_in_child(path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", OPEN_IN_CHILD, str(path), PASSPHRASE, str(TEST_KDF_ITER)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout.strip()


def test_second_open_in_same_process_is_refused(journal_path: Path) -> None:
    first = Journal.create(journal_path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    try:
        people.add_person(first, people.PersonInput(name="Ana Silva"))
        with pytest.raises(JournalLockedError, match="already open"):
            JournalDatabase.open(journal_path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
        with pytest.raises(JournalLockedError, match="already open"):
            Journal.open(journal_path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
        # The refused attempts did not disturb the first opener.
        assert first.is_open
        people.add_person(first, people.PersonInput(name="Ben Okafor"))
        assert Person.select().count(first.db) == 2
    finally:
        first.close()
    with Journal.open(journal_path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as again:
        assert again.is_open
        assert sorted(p.name for p in again.rows(Person.select())) == ["Ana Silva", "Ben Okafor"]


def test_lock_is_checked_before_the_passphrase(journal_path: Path) -> None:
    """Even the wrong passphrase hears "already open" rather than touching a file in use."""
    with (
        Journal.create(journal_path, PASSPHRASE, kdf_iter=TEST_KDF_ITER),
        pytest.raises(JournalLockedError, match="already open"),
    ):
        JournalDatabase.open(journal_path, "wrong", kdf_iter=TEST_KDF_ITER)


def test_close_twice_and_reopen(journal_path: Path) -> None:
    journal = Journal.create(journal_path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    journal.close()
    journal.close()
    assert not journal.is_open
    with Journal.open(journal_path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as reopened:
        assert reopened.is_open


def test_second_process_is_refused_while_held(journal_path: Path) -> None:
    first = Journal.create(journal_path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    try:
        people.add_person(first, people.PersonInput(name="Ana Silva"))
        answer = _open_in_child(journal_path)
        assert answer.startswith("locked:")
        assert "already open" in answer
        assert first.is_open
    finally:
        first.close()
    assert _open_in_child(journal_path) == "opened: 1"


def test_lock_held_by_other_process_blocks_this_one(journal_path: Path) -> None:
    Journal.create(journal_path, PASSPHRASE, kdf_iter=TEST_KDF_ITER).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import sys
                from netjournal.store.database import JournalDatabase
                store = JournalDatabase.open(sys.argv[1], sys.argv[2], kdf_iter=int(sys.argv[3]))
                print("holding", flush=True)
                sys.stdin.readline()
                store.close()
                print("released", flush=True)
                """
            ),
            str(journal_path),
            PASSPHRASE,
            str(TEST_KDF_ITER),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(JournalLockedError, match="already open"):
            Journal.open(journal_path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "released"
        assert holder.wait(timeout=60) == 0
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    with Journal.open(journal_path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        assert journal.is_open


@pytest.mark.parametrize("other_name", ["hard link", "symbolic link", "relative path"])
def test_every_name_of_an_open_journal_is_refused(journal_path: Path, other_name: str, monkeypatch) -> None:
    """A hard link is a second name with a WAL of its own: two writers through two names would corrupt it."""
    first = Journal.create(journal_path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    try:
        people.add_person(first, people.PersonInput(name="Ana Silva"))
        if other_name == "hard link":
            alias = journal_path.with_name("another-name.nj")
            os.link(journal_path, alias)
        elif other_name == "symbolic link":
            alias = journal_path.with_name("shortcut.nj")
            alias.symlink_to(journal_path)
        else:
            monkeypatch.chdir(journal_path.parent)
            alias = Path(journal_path.name)
        with pytest.raises(JournalLockedError, match="already open"):
            Journal.open(alias, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
        assert "locked:" in _open_in_child(alias)
        people.add_person(first, people.PersonInput(name="Ben Okafor"))  # the first opener is undisturbed
    finally:
        first.close()
    with Journal.open(alias, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as again:  # free once the first one closed
        assert Person.select().count(again.db) == 2
