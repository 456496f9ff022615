"""A person's "last contact" counts what passed between you, never your own reflections about them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from playhouse.sqlcipher_ext import SqlCipherDatabase
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.domain import EntryType
from netjournal.services import deletions, entries, people, prompting
from netjournal.services.journal import Journal
from netjournal.services.rules import ExchangeInput
from netjournal.store import schema

TODAY = dt.date(2026, 11, 20)
CONTACT_DAY = TODAY - dt.timedelta(days=100)


def _overdue_person(journal: Journal) -> int:
    pid = people.add_person(journal, people.PersonInput("Ana Silva", cadence_days=30))
    # Enough received (significance 8 in all) for the "overdue and valuable" prompt.
    for summary in ("Walked me through pricing the Northwind contract by value", "Reviewed my pitch deck"):
        entries.add_exchange(journal, ExchangeInput("received", "advice", summary, pid, CONTACT_DAY, significance=4))
    return pid


def test_answering_a_prompt_about_someone_leaves_them_overdue(journal: Journal) -> None:
    pid = _overdue_person(journal)
    prompt = next(p for p in prompting.prompts_for(journal, TODAY) if p.person_id == pid)

    prompting.answer_prompt(journal, prompt, "Write to Ana about the Northwind contract.", today=TODAY)

    assert people.get_person(journal, pid).last_entry_on == CONTACT_DAY
    (ana,) = people.list_people(journal, only=[pid])
    assert ana.overdue_days(TODAY) == 70
    # The prompt is answered, so it is not asked again today; a new contact is what would end it.
    assert not [p for p in prompting.prompts_for(journal, TODAY) if p.key == prompt.key]
    assert entries.add_reflection(journal, "Ana again", date=TODAY, person_id=pid)
    assert people.get_person(journal, pid).last_entry_on == CONTACT_DAY


def test_deleting_and_adding_contact_still_moves_last_contact(journal: Journal) -> None:
    pid = _overdue_person(journal)
    entries.add_reflection(journal, "A thought about Ana", date=TODAY, person_id=pid)
    touch = entries.add_touchpoint(journal, pid, "Coffee", date=TODAY - dt.timedelta(days=5))
    assert people.get_person(journal, pid).last_entry_on == TODAY - dt.timedelta(days=5)
    deletions.delete_entry(journal, EntryType.TOUCHPOINT, touch)
    assert people.get_person(journal, pid).last_entry_on == CONTACT_DAY


def _raw(path: Path) -> SqlCipherDatabase:
    db = SqlCipherDatabase(str(path), passphrase=PASSPHRASE, pragmas=[("kdf_iter", TEST_KDF_ITER)])
    db.connect()
    return db


def test_a_v6_journal_dated_by_a_reflection_is_dated_by_its_contact_after_migrating(tmp_path: Path) -> None:
    path = tmp_path / "v6.nj"
    db = _raw(path)
    schema.create_v1(db)
    stamp = "2021-01-01T00:00:00+00:00"
    db.execute_sql(
        "INSERT INTO person (id, name, cadence_days, created_at, updated_at) VALUES (1, 'Old Timer', 30, ?, ?)",
        (stamp, stamp),
    )
    db.execute_sql(
        "INSERT INTO exchange (id, date, direction, kind, summary, significance, person_id, created_at, updated_at) "
        "VALUES (1, '2021-06-01', 'received', 'advice', 'pricing by value', 4, 1, ?, ?)",
        (stamp, stamp),
    )
    db.execute_sql(
        "INSERT INTO reflection (id, date, text, person_id, created_at) VALUES (1, '2021-09-01', 'why', 1, ?)",
        (stamp,),
    )
    for version in range(2, 7):
        with db.atomic():
            schema.MIGRATIONS[version](db)
            db.execute_sql(f"PRAGMA user_version = {version}")
    # Version 6's triggers dated the person by the reflection.
    assert db.execute_sql("SELECT last_entry_on FROM person").fetchone() == ("2021-09-01",)
    db.close()

    journal = Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    try:
        assert journal.store.schema_version() == schema.CURRENT_VERSION
        assert people.get_person(journal, 1).last_entry_on == dt.date(2021, 6, 1)
        entries.add_reflection(journal, "and again", date="2021-10-01", person_id=1)
        assert people.get_person(journal, 1).last_entry_on == dt.date(2021, 6, 1)
        triggers = {row[0] for row in journal.sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert not {name for name in triggers if name.startswith("reflection_last_")}
    finally:
        journal.close()
