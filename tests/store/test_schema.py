"""Schema versions: older journals are migrated forward (after a backup), newer ones are refused untouched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playhouse.sqlcipher_ext import SqlCipherDatabase
from support import PASSPHRASE, TEST_KDF_ITER, file_digests

from netjournal.services import entries, people, prompting
from netjournal.services.journal import Journal
from netjournal.services.search import search
from netjournal.store import schema
from netjournal.store.database import JournalDatabase
from netjournal.store.errors import NewerJournalError
from netjournal.store.models import Exchange, Person, PromptState

OLD_DAY = "2021-06-01"


def _raw(path: Path) -> SqlCipherDatabase:
    db = SqlCipherDatabase(str(path), passphrase=PASSPHRASE, pragmas=[("kdf_iter", TEST_KDF_ITER)])
    db.connect()
    return db


def _tables(db: SqlCipherDatabase) -> set[str]:
    return {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _build_v1(path: Path) -> None:
    db = _raw(path)
    try:
        schema.create_v1(db)
        db.execute_sql(
            "INSERT INTO person (id, name, organisation, created_at, updated_at) "
            "VALUES (1, 'Old Timer', 'Legacy Ltd', '2021-01-01T00:00:00+00:00', '2021-01-01T00:00:00+00:00')"
        )
        db.execute_sql(
            "INSERT INTO exchange (id, date, direction, kind, summary, details, significance, person_id, "
            "created_at, updated_at) VALUES (1, ?, 'received', 'advice', 'pelican pricing strategy', "
            "'over lunch', 4, 1, 'x', 'x')",
            (OLD_DAY,),
        )
    finally:
        db.close()


def test_v1_journal_is_migrated_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.nj"
    _build_v1(path)
    db = _raw(path)
    assert schema.user_version(db) == 1
    assert "prompt_state" not in _tables(db)
    db.close()

    journal = Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    try:
        assert journal.store.schema_version() == schema.CURRENT_VERSION
        assert "prompt_state" in _tables(journal.store.db)
        columns = [row[1] for row in journal.store.db.execute_sql("PRAGMA table_info(reflection)")]
        assert "prompt_text" in columns
        indexes = [row[1] for row in journal.store.db.execute_sql("PRAGMA index_list(exchange)")]
        assert "exchange_person_direction" in indexes
        # Old rows are intact and the new column holds its default.
        old = journal.first(Exchange.select().where(Exchange.id == 1))
        assert (old.summary, old.details, old.significance, old.outcome) == (
            "pelican pricing strategy",
            "over lunch",
            4,
            "",
        )
        assert old.date == dt.date.fromisoformat(OLD_DAY)
        person = journal.first(Person.select().where(Person.id == 1))
        assert (person.name, person.organisation) == ("Old Timer", "Legacy Ltd")
        # The last-entry trigger of version 1 had set this; it is still right.
        assert person.last_entry_on == dt.date.fromisoformat(OLD_DAY)
        # The search index from version 1 still finds the old exchange.
        assert [(h.entity, h.entity_id) for h in search(journal, "pelican")] == [("exchange", 1)]

        # Outcome text written after the migration is searchable: on an edit of the old exchange...
        entries.update_exchange(
            journal,
            1,
            entries.ExchangeInput(
                "received",
                "advice",
                "pelican pricing strategy",
                1,
                date=OLD_DAY,
                details="over lunch",
                significance=4,
                outcome="flamingo contract signed",
            ),
        )
        assert [(h.entity, h.entity_id) for h in search(journal, "flamingo")] == [("exchange", 1)]
        assert [(h.entity, h.entity_id) for h in search(journal, "pelican")] == [("exchange", 1)]
        # ... and on a new exchange.
        new_id = entries.add_exchange(
            journal,
            entries.ExchangeInput(
                "given",
                "introduction",
                "introduced Old Timer to Bea",
                1,
                second_person_id=people.add_person(journal, people.PersonInput(name="Bea")),
                date="2022-01-01",
                outcome="albatross partnership",
            ),
        )
        assert [(h.entity, h.entity_id) for h in search(journal, "albatross")] == [("exchange", new_id)]
        # The new table works through the service layer.
        prompting.dismiss_prompt(journal, "some-prompt@2022-W01", today=dt.date(2022, 1, 3))
        assert PromptState.select().count(journal.db) == 1
        assert journal.store.integrity_check() == ["ok"]
    finally:
        journal.close()

    # The pre-migration backup sits beside the journal and is still version 1.
    backup = tmp_path / "old.nj.v1.backup"
    assert backup.is_file()
    assert backup.read_bytes()[:16] != b"SQLite format 3\x00"
    db = _raw(backup)
    try:
        assert schema.user_version(db) == 1
        assert "prompt_state" not in _tables(db)
        assert db.execute_sql("SELECT summary FROM exchange").fetchall() == [("pelican pricing strategy",)]
        assert db.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        db.close()

    # Reopening the migrated journal does not migrate (or back up) again.
    before = sorted(p.name for p in tmp_path.iterdir())
    with Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        assert journal.store.schema_version() == schema.CURRENT_VERSION
        assert Exchange.select().count(journal.db) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_second_migration_backup_does_not_overwrite_the_first(tmp_path: Path) -> None:
    path = tmp_path / "old.nj"
    _build_v1(path)
    taken = tmp_path / "old.nj.v1.backup"
    taken.write_bytes(b"someone else's file")
    JournalDatabase.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER).close()
    assert taken.read_bytes() == b"someone else's file"
    assert (tmp_path / "old.nj.v1.2.backup").is_file()


def test_fresh_journal_is_at_current_version(tmp_path: Path) -> None:
    with JournalDatabase.create(tmp_path / "new.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER) as store:
        assert store.schema_version() == schema.CURRENT_VERSION
        assert schema.pending_migrations(store.db) == []
        assert {"person", "exchange", "touchpoint", "open_loop", "reflection", "circumstance", "prompt_state"} <= (
            _tables(store.db)
        )
    # Creating does not make a migration backup.
    assert not list(tmp_path.glob("*.backup"))


def test_newer_journal_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.nj"
    with Journal.create(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        people.add_person(journal, people.PersonInput(name="Ana Silva"))
    db = _raw(path)
    db.execute_sql(f"PRAGMA user_version = {schema.CURRENT_VERSION + 1}")
    db.close()
    before = file_digests(tmp_path)
    with pytest.raises(NewerJournalError, match="newer version") as caught:
        JournalDatabase.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    assert f"format {schema.CURRENT_VERSION + 1}" in str(caught.value)
    assert file_digests(tmp_path) == before
    # The refusal released the lock and the connection: the raw file still reads fine.
    db = _raw(path)
    assert schema.user_version(db) == schema.CURRENT_VERSION + 1
    db.close()
    # ... and a second attempt gets the same answer, not "already open".
    with pytest.raises(NewerJournalError):
        JournalDatabase.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
