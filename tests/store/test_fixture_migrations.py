"""Journals written by earlier versions of netjournal open, migrate to today's schema, and lose nothing.

The fixtures in tests/fixtures/ were written by the commits named in their
catalogue (see tests/fixtures/README.md).  Each is migrated on a copy and its
JSON export compared with a golden file.  UUIDs are random per migration, so
the comparison names every record by its content instead; run with
``NETJOURNAL_UPDATE_GOLDEN=1`` to rewrite the golden files after a deliberate
change of the export, and read the diff.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from playhouse.sqlcipher_ext import SqlCipherDatabase

from netjournal.domain import EntryType
from netjournal.exports.json_export import write_export
from netjournal.services import deletions, people
from netjournal.services.brokered_introductions import BrokeredInput, add_brokered
from netjournal.services.journal import Journal
from netjournal.services.search import search
from netjournal.store import schema

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CATALOGUE = json.loads((FIXTURES / "catalogue.json").read_text(encoding="utf-8"))["fixtures"]


def _label(section: str, record: dict[str, Any]) -> str:
    """A name for a record that does not depend on its (random) UUID."""
    match section:
        case "people":
            return f"person {record['name']}"
        case "exchanges":
            return f"exchange {record['date']} {record['summary']}"
        case "touchpoints":
            return f"touchpoint {record['date']} {record['note']}"
        case "loops":
            return f"loop {record['opened_on']} {record['what']}"
        case "reflections":
            return f"reflection {record['date']} {record['text'][:40]}"
        case "circumstances":
            return f"circumstance {record['start_on']} {record['note']}"
        case "prompt_states":
            return f"prompt {record['prompt_key']}"
        case "contact_details":
            return f"contact detail {record['field']} {record['value']}"
        case "brokered_introductions":
            return f"introduction between others {record['date']} {record['summary']}"
    raise AssertionError(section)


def normalised(document: dict[str, Any]) -> dict[str, Any]:
    """The export with UUIDs replaced by content labels, records in label order."""
    names = {document["journal"]["uuid"]: "<journal>"}
    sections = [key for key in document if isinstance(document[key], list) and key != "deleted"]
    for section in sections:
        for record in document[section]:
            names[record["uuid"]] = _label(section, record)
    result: dict[str, Any] = {}
    for key, value in document.items():
        if key == "exported_at":
            result[key] = "<exported_at>"
        elif key == "journal":
            result[key] = {**value, "uuid": "<journal>"}
        elif isinstance(value, list):
            records = [{k: names.get(v, v) if isinstance(v, str) else v for k, v in r.items()} for r in value]
            result[key] = sorted(records, key=lambda r: json.dumps(r, sort_keys=True))
        else:
            result[key] = value
    return result


def _export(journal: Journal) -> dict[str, Any]:
    buffer = io.BytesIO()
    write_export(journal, buffer)
    return json.loads(buffer.getvalue())


def _raw_version(path: Path, passphrase: str, kdf_iter: int) -> int:
    """The schema version of a journal file, read without migrating it."""
    db = SqlCipherDatabase(str(path), passphrase=passphrase, pragmas=[("kdf_iter", kdf_iter)])
    try:
        return int(db.execute_sql("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()


@pytest.mark.parametrize("fixture", CATALOGUE, ids=[f["file"] for f in CATALOGUE])
def test_a_journal_from_an_earlier_version_migrates_and_exports_as_before(fixture: dict, tmp_path: Path) -> None:
    original = FIXTURES / fixture["file"]
    assert hashlib.sha256(original.read_bytes()).hexdigest() == fixture["sha256"], "the fixture itself changed"
    copy = tmp_path / fixture["file"]
    shutil.copyfile(original, copy)
    with Journal.open(copy, fixture["passphrase"], kdf_iter=fixture["kdf_iter"]) as journal:
        assert journal.store.schema_version() == schema.CURRENT_VERSION
        assert journal.store.integrity_check() == ["ok"]
        document = _export(journal)
        counts = {
            t: journal.sql(f"SELECT count(*) FROM {t}").fetchone()[0] for t in fixture["rows"] if t != "search_index"
        }
    assert counts == {t: n for t, n in fixture["rows"].items() if t != "search_index"}
    golden_path = FIXTURES / fixture["file"].replace(".netjournal", ".export.json")
    actual = normalised(document)
    if os.environ.get("NETJOURNAL_UPDATE_GOLDEN"):
        golden_path.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert actual == json.loads(golden_path.read_text(encoding="utf-8"))
    # The journal as it was is kept beside it, still at its old version.
    backup = copy.with_name(f"{copy.name}.v{fixture['version']}.backup")
    assert _raw_version(backup, fixture["passphrase"], fixture["kdf_iter"]) == fixture["version"]


def test_a_v3_file_that_already_has_the_question_column_migrates(tmp_path: Path) -> None:
    """A development build (afd85ed) wrote version 3 with ``reflection.prompt_text`` already in it."""
    v3 = next(f for f in CATALOGUE if f["version"] == 3)
    copy = tmp_path / "early.netjournal"
    shutil.copyfile(FIXTURES / v3["file"], copy)
    db = SqlCipherDatabase(str(copy), passphrase=v3["passphrase"], pragmas=[("kdf_iter", v3["kdf_iter"])])
    try:
        db.execute_sql("ALTER TABLE reflection ADD COLUMN prompt_text TEXT NOT NULL DEFAULT ''")
        db.execute_sql("UPDATE reflection SET prompt_text = 'How did it go?' WHERE prompt_id IS NOT NULL")
    finally:
        db.close()
    with Journal.open(copy, v3["passphrase"], kdf_iter=v3["kdf_iter"]) as journal:
        assert journal.store.schema_version() == schema.CURRENT_VERSION
        answered = [r for r in _export(journal)["reflections"] if r["prompt_id"]]
    assert [r["prompt_text"] for r in answered] == ["How did it go?"]


def _rows(db: Any, tables: list[str]) -> dict[str, list[tuple]]:
    return {t: sorted(db.execute_sql(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def test_a_v7_journal_gains_introductions_between_others_and_keeps_every_row(tmp_path: Path) -> None:
    """Version 8 only adds: every row of version 7 (identities, times, search entries) is there as it was."""
    v7 = next(f for f in CATALOGUE if f["version"] == 7)
    copy = tmp_path / v7["file"]
    shutil.copyfile(FIXTURES / v7["file"], copy)
    raw = SqlCipherDatabase(str(copy), passphrase=v7["passphrase"], pragmas=[("kdf_iter", v7["kdf_iter"])])
    try:
        tables = [n for (n,) in raw.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        assert "brokered_introduction" not in tables
        before = _rows(raw, tables)
        triggers_before = set(raw.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    finally:
        raw.close()
    with Journal.open(copy, v7["passphrase"], kdf_iter=v7["kdf_iter"]) as journal:
        db = journal.db
        assert journal.store.schema_version() == schema.CURRENT_VERSION >= 8
        assert _rows(db, tables) == before  # nothing lost or changed, search index and tombstones included
        # Version 9 replaces the tombstone triggers (a deletion stamped after the version it removes).
        kept = {(name, sql) for name, sql in triggers_before if not name.endswith("_tombstone_ad")}
        assert kept <= set(db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
        new = {n for (n,) in db.execute_sql("SELECT name FROM sqlite_master WHERE tbl_name = 'brokered_introduction'")}
        assert {
            "brokered_introduction", "brokered_date", "brokered_broker", "brokered_first", "brokered_second",
            "brokered_introduction_search_ai", "brokered_introduction_search_ad", "brokered_introduction_search_au",
            "brokered_introduction_tombstone_ad",
        } <= new  # fmt: skip
        assert db.execute_sql("SELECT count(*) FROM brokered_introduction").fetchone() == (0,)
        # The triggers work on the migrated file: an introduction between the fixture's people is
        # searchable under the one who made it, and its delete leaves a tombstone.
        zoe, ravi, chen = (people.find_person(journal, n) for n in ("Zoë Ångström", "Ravi Menon", "Chen Wei"))
        assert zoe and ravi and chen
        row = add_brokered(journal, BrokeredInput(zoe.id, ravi.id, chen.id, "Zoë put Ravi in touch with Chen"))
        assert [(h.entity, h.entity_id, h.person_id) for h in search(journal, "touch")] == [
            ("brokered_introduction", row, zoe.id)
        ]
        (uuid,) = db.execute_sql("SELECT uuid FROM brokered_introduction WHERE id = ?", (row,)).fetchone()
        deletions.delete_person(journal, zoe.id)  # the one who made it: it goes with her
        assert ("brokered_introduction", uuid) in set(db.execute_sql("SELECT entity, uuid FROM tombstone"))
        assert search(journal, "touch") == []


def test_a_v8_journal_gains_entry_history_and_keeps_every_row(tmp_path: Path) -> None:
    """Version 9 only adds (entry history, the outbox) and replaces the tombstone triggers: every v8 row stays."""
    v8 = next(f for f in CATALOGUE if f["version"] == 8)
    copy = tmp_path / v8["file"]
    shutil.copyfile(FIXTURES / v8["file"], copy)
    raw = SqlCipherDatabase(str(copy), passphrase=v8["passphrase"], pragmas=[("kdf_iter", v8["kdf_iter"])])
    try:
        assert raw.execute_sql("PRAGMA user_version").fetchone() == (8,)
        tables = [n for (n,) in raw.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        assert "brokered_introduction" in tables
        assert "entry_history" not in tables and "sync_outbox" not in tables
        before = _rows(raw, tables)
        triggers_before = set(raw.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
        cursor = raw.execute_sql("SELECT * FROM brokered_introduction")
        columns = [c[0] for c in cursor.description]
        brokered = {r["date"]: r for r in (dict(zip(columns, row, strict=True)) for row in cursor.fetchall())}
    finally:
        raw.close()
    # The fixture's introductions between others, as the v8 code wrote them: one with an outcome, one
    # whose introduced person (Ben Okafor) was deleted, so that place names nobody.
    assert sorted(brokered) == ["2023-08-12", "2024-02-20", "2024-03-12"]
    assert brokered["2023-08-12"]["outcome"].startswith("Chen ran the guild's design workshop")
    assert brokered["2024-03-12"]["first_person_id"] is None
    assert brokered["2024-03-12"]["second_person_id"] is not None
    assert [entity for entity, *_ in before["tombstone"]] == ["exchange", "person"]
    with Journal.open(copy, v8["passphrase"], kdf_iter=v8["kdf_iter"]) as journal:
        db = journal.db
        assert journal.store.schema_version() == schema.CURRENT_VERSION >= 9
        assert _rows(db, tables) == before  # nothing lost or changed: introductions, tombstones, search index
        kept = {(name, sql) for name, sql in triggers_before if not name.endswith("_tombstone_ad")}
        assert kept <= set(db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
        assert db.execute_sql("SELECT count(*) FROM entry_history").fetchone() == (0,)
        assert db.execute_sql("SELECT count(*) FROM sync_outbox").fetchone() == (0,)  # it never synced
        document = _export(journal)
        assert document["entry_history"] == []
        exported = {r["date"]: r for r in document["brokered_introductions"]}
        assert exported["2024-03-12"]["first_person"] is None
        assert exported["2023-08-12"]["outcome"] == brokered["2023-08-12"]["outcome"]
        # A delete on the migrated file leaves a tombstone through the v9 trigger, stamped after the
        # version it removes; the rows it does not touch stay as they were.
        gone = brokered["2023-08-12"]
        row_id, uuid = gone["id"], gone["uuid"]
        deletions.delete_entry(journal, EntryType.BROKERED_INTRODUCTION, row_id)
        (deleted_at,) = db.execute_sql(
            "SELECT deleted_at FROM tombstone WHERE entity = 'brokered_introduction' AND uuid = ?", (uuid,)
        ).fetchone()
        assert deleted_at > gone["updated_at"]
        assert _rows(db, ["tombstone"])["tombstone"] == sorted(
            [*before["tombstone"], ("brokered_introduction", uuid, deleted_at)], key=repr
        )
        left = [r for r in before["brokered_introduction"] if r[0] != row_id]
        assert _rows(db, ["brokered_introduction"])["brokered_introduction"] == left
