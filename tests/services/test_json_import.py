"""Importing a JSON export: exact, all or nothing, only into an empty journal, and never from a bad file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from support import PASSPHRASE, TEST_KDF_ITER, derived_data, file_digests

from netjournal.domain import ContactDetail, DetailField, Direction, EntryType, Kind, LoopKind
from netjournal.exports.json_export import export_json
from netjournal.services import deletions, entries, people, prompting, search
from netjournal.services import json_document as document_module
from netjournal.services.brokered_introductions import BrokeredInput, add_brokered, set_brokered_outcome
from netjournal.services.events import JournalChange
from netjournal.services.journal import Journal
from netjournal.services.json_import import (
    ExportChangedError,
    ExportReadError,
    JournalNotEmptyError,
    import_json,
    journal_is_empty,
    preview_json,
    read_export,
)


def fill(journal: Journal) -> dict[str, int]:
    """Every kind of record, references of every kind, awkward text, and tombstones."""
    ana = people.add_person(
        journal,
        people.PersonInput(
            name="Ana Silva", organisation="Northwind", tags=["investor", "Lisbon"], cadence_days=30,
            notes="Met at the harbour.\nSecond line — with “quotes”, émoji 🎉 and a tab\t.",
            details=[
                ContactDetail(DetailField.EMAIL, "ana@northwind.example", "work"),
                ContactDetail(DetailField.PHONE, "+351 21 000 0000", "mobile"),
                ContactDetail(DetailField.WEB, "https://www.linkedin.com/in/ana-silva-example", "LinkedIn"),
                ContactDetail(DetailField.BIRTHDAY, "--04-15"),
                ContactDetail(DetailField.LOCATION, "Lisbon"),
            ],
        ),
    )  # fmt: skip
    ben = people.add_person(journal, people.PersonInput(name="Ben Okafor", archived=True))
    cleo = people.add_person(
        journal, people.PersonInput(name="Cléo Martin", details=[ContactDetail(DetailField.EMAIL, "cleo@x.example")])
    )
    intro = entries.add_exchange(
        journal,
        entries.ExchangeInput(Direction.GIVEN, Kind.INTRODUCTION, "Introduced Ana to Ben for the pilot", ana,
                              date="2025-02-01", second_person_id=ben, outcome="They signed", significance=5),
    )  # fmt: skip
    back = entries.add_exchange(
        journal,
        entries.ExchangeInput(Direction.RECEIVED, Kind.REFERRAL, "Ana referred me to Northwind", ana,
                              date="2025-03-01", reciprocates_id=intro, details="Line one\nLine two"),
    )  # fmt: skip
    entries.add_exchange(
        journal,
        entries.ExchangeInput(Direction.GIVEN, Kind.ADVICE, "Advice on the term sheet", ana, date="2025-03-02",
                              reciprocates_id=back),
    )  # fmt: skip
    entries.add_exchange(
        journal,
        entries.ExchangeInput(Direction.GIVEN, Kind.INFORMATION, "Shared the job list", None, date="2025-03-02",
                              community="Lisbon Python"),
    )  # fmt: skip
    entries.add_touchpoint(journal, ben, "Coffee", date="2025-03-03", channel="coffee")
    done = entries.add_loop(journal, LoopKind.ASKED, "Ana to intro me to Tom", person_id=ana, due_on="2025-04-01",
                            opened_on="2025-03-04")  # fmt: skip
    entries.close_loop(journal, done, done_on="2025-03-20")
    entries.add_loop(journal, LoopKind.PROMISED, "Send the deck", person_id=None, opened_on="2025-03-05")
    entries.add_reflection(journal, "I ask Ana more than I give", person_id=ana, date="2025-03-05")
    entries.add_reflection(
        journal, "Nobody yet", date="2025-03-06", prompt_id="weekly@2025-W10", prompt_text="Who helped you?"
    )
    entries.add_circumstance(journal, ben, "New baby", start_on="2025-01-01", end_on="2025-06-30")
    entries.add_circumstance(journal, ana, "Fundraising", start_on="2025-02-01")
    prompting.snooze_prompt(journal, "weekly@2025-W10", until=dt.date(2025, 3, 14))
    prompting.dismiss_prompt(journal, "anniversary:1", today=dt.date(2025, 3, 7))
    gone = entries.add_touchpoint(journal, ana, "Call that is deleted", date="2025-03-08")
    deletions.delete_entry(journal, EntryType.TOUCHPOINT, gone)
    # Introductions between others: one with an outcome, one that loses Cléo below, one deleted.
    dana = people.add_person(journal, people.PersonInput(name="Dana Cole"))
    brokered = add_brokered(journal, BrokeredInput(ana, ben, dana, "Ana put Ben in touch with Dana", date="2025-03-09"))
    set_brokered_outcome(journal, brokered, "A pilot in Porto")
    add_brokered(journal, BrokeredInput(dana, cleo, ana, "Dana introduced Cléo to Ana", date="2025-03-10"))
    doomed = add_brokered(journal, BrokeredInput(ben, ana, dana, "Logged twice", date="2025-03-10"))
    deletions.delete_entry(journal, EntryType.BROKERED_INTRODUCTION, doomed)
    deletions.delete_person(journal, cleo)  # and her contact detail: two more tombstones
    return {"ana": ana, "ben": ben, "dana": dana}


def export_to(journal: Journal, path: Path) -> Path:
    export_json(journal, path)
    return path


def document_of(journal: Journal, path: Path) -> dict[str, Any]:
    document = json.loads(export_to(journal, path).read_text("utf-8"))
    document.pop("exported_at")
    return document


def new_journal(folder: Path, name: str = "imported.nj") -> Journal:
    return Journal.create(folder / name, PASSPHRASE, kdf_iter=TEST_KDF_ITER)


def test_an_export_imported_into_a_new_journal_exports_the_same_document(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    source = export_to(journal, tmp_path / "export.json")
    original = json.loads(source.read_text("utf-8"))
    assert original["deleted"] and original["contact_details"] and original["prompt_states"]
    assert [b["second_person"] for b in original["brokered_introductions"]].count(None) == 0
    assert [b["first_person"] for b in original["brokered_introductions"]].count(None) == 1
    with new_journal(tmp_path) as target:
        assert target.identity()[0] != journal.identity()[0]
        reports: list[tuple[int, int]] = []
        result = import_json(target, read_export(source), progress=lambda done, total: reports.append((done, total)))
        again = document_of(target, tmp_path / "again.json")
        assert target.identity() == journal.identity()
    original.pop("exported_at")
    assert again == original
    assert result.total == sum(len(original[key]) for key in result.counts)
    assert reports and reports[-1] == (result.total, result.total)


def test_the_imported_journal_writes_the_same_bytes(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    stamp = "2030-01-01T00:00:00.000Z"
    from netjournal.exports.json_export import write_export

    with (tmp_path / "export.json").open("wb") as out:
        write_export(journal, out, exported_at=stamp)
    with new_journal(tmp_path) as target:
        import_json(target, read_export(tmp_path / "export.json"))
        with (tmp_path / "again.json").open("wb") as out:
            write_export(target, out, exported_at=stamp)
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "export.json").read_bytes()


def test_search_and_the_contact_list_work_after_an_import(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    source = export_to(journal, tmp_path / "export.json")
    with new_journal(tmp_path) as target:
        import_json(target, read_export(source))
        assert derived_data(target) == derived_data(journal)
        hits = search.search(target, "Northwind")
        assert {hit.person_name for hit in hits} == {"Ana Silva"}
        assert search.search(target, "lisbon python")[0].entity == "exchange"
        assert [(h.entity, h.person_name) for h in search.search(target, "Porto")] == [
            ("brokered_introduction", "Ana Silva")
        ]
        listed = {row.name: row for row in people.list_people(target)}
        assert listed["Ana Silva"].last_entry_on == dt.date(2025, 3, 20)
        assert listed["Ana Silva"].given >= 2 and listed["Ben Okafor"].archived
        # The triggers are back: a new entry is indexed and dates its person as before.
        ben = listed["Ben Okafor"].id
        entries.add_touchpoint(target, ben, "Lunch about quarterly numbers", date="2025-09-09")
        assert search.search(target, "quarterly")[0].entity_id
        assert people.get_person(target, ben).last_entry_on == dt.date(2025, 9, 9)


def test_the_import_tells_the_views_to_reload_once(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    source = export_to(journal, tmp_path / "export.json")
    with new_journal(tmp_path) as target:
        heard: list[JournalChange] = []
        target.changes.subscribe(heard.append)
        import_json(target, read_export(source))
    assert heard == [JournalChange.whole_journal()]


def test_a_journal_with_entries_is_refused_and_left_byte_for_byte_as_it_was(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    source = export_to(journal, tmp_path / "export.json")
    folder = tmp_path / "target"
    folder.mkdir()
    with new_journal(folder) as target:
        people.add_person(target, people.PersonInput(name="Already here"))
    before = file_digests(folder)
    with Journal.open(folder / "imported.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER) as target:
        document = read_export(source)
        preview = preview_json(target, document)
        assert not preview.can_import and not preview.journal_is_empty
        assert preview.refusal is not None and "merge of two journals" in preview.refusal
        assert "netjournal --journal NEW.netjournal import FILE creates one" in preview.refusal
        with pytest.raises(JournalNotEmptyError) as refused:
            import_json(target, document)
        assert str(refused.value) == preview.refusal
    assert file_digests(folder) == before


def test_a_journal_that_only_has_tombstones_is_not_empty(journal: Journal, tmp_path: Path) -> None:
    person = people.add_person(journal, people.PersonInput(name="Soon gone"))
    deletions.delete_person(journal, person)
    assert not journal_is_empty(journal)
    with new_journal(tmp_path) as other:
        assert journal_is_empty(other)


def test_an_empty_journal_takes_the_exports_identity(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    source = export_to(journal, tmp_path / "export.json")
    with new_journal(tmp_path) as target:
        document = read_export(source)
        preview = preview_json(target, document)
        assert preview.can_import and preview.journal_is_empty and not preview.same_identity
        assert preview.counts["people"] == 3 and preview.counts["deleted"] == 4
        assert preview.counts["brokered_introductions"] == 2
        assert preview.export_journal_uuid == journal.identity()[0]
        result = import_json(target, document)
        assert result.journal_uuid == target.identity()[0] == journal.identity()[0]
    with Journal.open(tmp_path / "imported.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER) as reopened:
        assert reopened.identity() == journal.identity()


def test_an_import_that_fails_half_way_leaves_the_journal_empty(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    source = export_to(journal, tmp_path / "export.json")
    with new_journal(tmp_path) as target:
        identity = target.identity()
        document = read_export(source)

        def edit_the_file(done: int, total: int) -> None:
            source.write_bytes(source.read_bytes().replace(b"Ana Silva", b"Ana Silvb"))

        with pytest.raises(ExportChangedError, match="has changed since it was read"):
            import_json(target, document, progress=edit_the_file)
        assert journal_is_empty(target) and target.identity() == identity
        names = {n for (n,) in target.sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {"exchange_search_ai", "exchange_last_ai", "person_search_ai"} <= names


def test_an_export_of_format_version_2_imports(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    document = json.loads(export_to(journal, tmp_path / "export.json").read_text("utf-8"))
    document["version"] = 2
    del document["brokered_introductions"], document["entry_history"]
    document["deleted"] = [t for t in document["deleted"] if t["entity"] != "brokered_introduction"]
    (tmp_path / "v2.json").write_text(json.dumps(document), "utf-8")
    with new_journal(tmp_path) as target:
        read = read_export(tmp_path / "v2.json")
        assert read.version == 2 and "brokered_introductions" not in read.counts
        import_json(target, read)
        again = document_of(target, tmp_path / "again.json")
    assert again["version"] == 4 and again["brokered_introductions"] == again["entry_history"] == []
    document.pop("exported_at")
    assert {k: v for k, v in again.items() if k not in ("version", "brokered_introductions", "entry_history")} == {
        k: v for k, v in document.items() if k != "version"
    }


def test_an_export_of_format_version_3_imports(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    document = json.loads(export_to(journal, tmp_path / "export.json").read_text("utf-8"))
    document["version"] = 3
    del document["entry_history"]
    (tmp_path / "v3.json").write_text(json.dumps(document), "utf-8")
    with new_journal(tmp_path) as target:
        read = read_export(tmp_path / "v3.json")
        assert read.version == 3 and "entry_history" not in read.counts
        import_json(target, read)
        again = document_of(target, tmp_path / "again.json")
    assert again["version"] == 4 and again["entry_history"] == []
    document.pop("exported_at")
    assert {k: v for k, v in again.items() if k not in ("version", "entry_history")} == {
        k: v for k, v in document.items() if k != "version"
    }


def test_an_export_of_format_version_1_imports(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    document = json.loads(export_to(journal, tmp_path / "export.json").read_text("utf-8"))
    document["version"] = 1
    del document["contact_details"], document["brokered_introductions"], document["entry_history"]
    document["deleted"] = [
        t for t in document["deleted"] if t["entity"] not in ("contact_detail", "brokered_introduction")
    ]
    (tmp_path / "v1.json").write_text(json.dumps(document), "utf-8")
    with new_journal(tmp_path) as target:
        read = read_export(tmp_path / "v1.json")
        assert read.version == 1 and "contact_details" not in read.counts
        import_json(target, read)
        again = document_of(target, tmp_path / "again.json")
    assert again["version"] == 4 and again["contact_details"] == [] and again["brokered_introductions"] == []
    for key in ("people", "exchanges", "touchpoints", "loops", "reflections", "circumstances", "prompt_states"):
        assert again[key] == document[key]


def test_any_layout_of_the_same_json_reads_the_same(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    document = json.loads(export_to(journal, tmp_path / "export.json").read_text("utf-8"))
    # Keys sorted: the lists before "format" and "version", the exchanges before the people they name.
    (tmp_path / "sorted.json").write_text("\ufeff" + json.dumps(document, indent=3, sort_keys=True), "utf-8")
    with new_journal(tmp_path) as target:
        import_json(target, read_export(tmp_path / "sorted.json"))
        again = document_of(target, tmp_path / "again.json")
    document.pop("exported_at")
    assert again == document


# -- files that are not an export this version can import ------------------------------------------


def _edited(document: dict[str, Any], edit: str) -> dict[str, Any]:
    people_, exchanges = document["people"], document["exchanges"]
    if edit == "wrong format":
        document["format"] = "something else"
    elif edit == "newer version":
        document["version"] = 5
    elif edit == "missing key":
        del people_[0]["name"]
    elif edit == "unknown key":
        people_[1]["nickname"] = "Benny"
    elif edit == "dangling reference":
        exchanges[0]["second_person"] = "00000000-0000-4000-8000-000000000000"
    elif edit == "dangling reciprocates":
        exchanges[2]["reciprocates"] = "00000000-0000-4000-8000-000000000001"
    elif edit == "duplicate uuid":
        people_[1]["uuid"] = people_[0]["uuid"]
    elif edit == "wrong type":
        exchanges[1]["significance"] = "high"
    elif edit == "no such date":
        exchanges[1]["date"] = "2025-02-30"
    elif edit == "tag with a comma":
        people_[0]["tags"] = ["one, two"]
    elif edit == "missing list":
        del document["loops"]
    elif edit == "duplicate prompt":
        document["prompt_states"][1]["prompt_key"] = document["prompt_states"][0]["prompt_key"]
    elif edit == "brokered by nobody known":
        document["brokered_introductions"][1]["broker"] = "00000000-0000-4000-8000-000000000002"
    elif edit == "brokered by nobody":
        document["brokered_introductions"][0]["broker"] = None
    elif edit == "brokered to someone deleted":
        cleo = next(t["uuid"] for t in document["deleted"] if t["entity"] == "person")
        document["brokered_introductions"][0]["second_person"] = cleo
    elif edit == "brokered to the broker":
        first = document["brokered_introductions"][0]
        first["second_person"] = first["broker"]
    elif edit == "brokered one to themself":
        second = document["brokered_introductions"][1]
        second["first_person"] = second["second_person"]
    elif edit == "brokered without a summary":
        document["brokered_introductions"][0]["summary"] = "  "
    elif edit == "brokered list missing":
        del document["brokered_introductions"]
    return document


HOSTILE = {
    "wrong format": 'is not a netjournal export: it has no "format": "netjournal"',
    "newer version": "is an export of format version 5, written by a newer netjournal",
    "missing key": 'person 1 in "people" is missing "name". Nothing was imported.',
    "unknown key": 'person 2 in "people" has a field "nickname" that an export does not have',
    "dangling reference": 'exchange 1 in "exchanges" names a record ("second_person": "00000000-0000-4000-8000-',
    "dangling reciprocates": 'exchange 3 in "exchanges" names a record ("reciprocates"',
    "duplicate uuid": 'person 2 in "people" has the same "uuid" as person 1',
    "wrong type": 'exchange 2 in "exchanges" has "significance": "high", where a whole number from 1 to 5',
    "no such date": 'has "date": "2025-02-30", where a date that exists is expected',
    "tag with a comma": 'person 1 in "people" has "tags": ["one, two"]',
    "missing list": 'cannot be imported: it has no "loops".',
    "duplicate prompt": 'prompt state 2 in "prompt_states" repeats prompt state 1',
    "brokered by nobody known": 'introduction between others 2 in "brokered_introductions" names a record '
    '("broker": "00000000-0000-4000-8000-000000000002") that is not in "people". Nothing was imported.',
    "brokered by nobody": 'introduction between others 1 in "brokered_introductions" has "broker": null, where a UUID',
    "brokered to someone deleted": 'introduction between others 1 in "brokered_introductions" names a record '
    '("second_person"',
    "brokered to the broker": 'introduction between others 1 in "brokered_introductions" names one person twice '
    '("broker" and "second_person" are both',
    "brokered one to themself": 'introduction between others 2 in "brokered_introductions" names one person twice '
    '("first_person" and "second_person" are both',
    "brokered without a summary": 'introduction between others 1 in "brokered_introductions" has "summary": "  ", '
    "where text that is not empty is expected",
    "brokered list missing": 'cannot be imported: it has no "brokered_introductions".',
}


@pytest.mark.parametrize("edit", HOSTILE)
def test_a_document_that_is_not_right_is_refused_with_a_sentence(journal: Journal, tmp_path: Path, edit: str) -> None:
    fill(journal)
    document = _edited(json.loads(export_to(journal, tmp_path / "export.json").read_text("utf-8")), edit)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document, ensure_ascii=False, indent=1), "utf-8")
    with pytest.raises(ExportReadError) as refused:
        read_export(bad)
    message = str(refused.value)
    assert HOSTILE[edit] in message and str(bad) in message and message.endswith(".")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{\n  "format": "netjournal",\n  oops\n}\n', "it is not valid JSON (line 3, column 3: Expecting property"),
        (b"Name,Email\nAna,ana@x.example\n", "it is not valid JSON (line 1, column 1: Expecting value)"),
        (b" \n", "is empty, not a netjournal export."),
        (b'{"format": "netjournal", "version": 2,}', "(line 1, column 39: Expecting property name"),
        (b'{"format": "netjournal"} trailing', "(line 1, column 26: Extra data)"),
        (b"[1, 2, 3]", "an export is one JSON object"),
        (b"SQLite format 3\x00\x10\x00\x01\x01", "it holds binary data, not JSON text"),
        (b'{"format": "netjournal", "version": "\xff\xfe"}', "it holds binary data, not JSON text"),
        (b'{"format": "netjournal", "version": 2.0}', 'its "version" is 2.0'),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_naming_it(tmp_path: Path, content: bytes, expected: str) -> None:
    bad = tmp_path / "not-an-export.json"
    bad.write_bytes(content)
    with pytest.raises(ExportReadError) as refused:
        read_export(bad)
    assert expected in str(refused.value) and str(bad) in str(refused.value)


def test_a_missing_folder_or_huge_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ExportReadError, match="There is no file at"):
        read_export(tmp_path / "nowhere.json")
    with pytest.raises(ExportReadError, match="is a folder"):
        read_export(tmp_path)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2048)
    monkeypatch.setattr(document_module, "MAX_EXPORT_BYTES", 1024)
    with pytest.raises(ExportReadError, match="larger than any netjournal export"):
        read_export(big)
