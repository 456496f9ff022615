"""Planning and applying a contacts import: matching, never duplicating, all or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netjournal.domain import ContactDetail, DetailField, Entity
from netjournal.imports.contacts import ImportedContact, ParsedContacts, SkippedEntry
from netjournal.services import people
from netjournal.services.backups import list_backups
from netjournal.services.contact_import import Outcome, apply_plan, plan_import
from netjournal.services.journal import Journal
from netjournal.store.errors import StorageFullError

EMAIL, PHONE, WEB = DetailField.EMAIL, DetailField.PHONE, DetailField.WEB


def _file(*contacts: ImportedContact, skipped: tuple[SkippedEntry, ...] = (), fmt: str = "vcard") -> ParsedContacts:
    return ParsedContacts(Path("contacts.vcf"), fmt, list(contacts), list(skipped))


def _people(journal: Journal) -> list[tuple[str, str, str, tuple[ContactDetail, ...]]]:
    rows = people.list_people(journal)
    return [(p.name, p.organisation, p.role, people.get_person(journal, p.id).details) for p in rows]


def _outcomes(plan) -> list[tuple[str, Outcome]]:
    return [(entry.source, entry.outcome) for entry in plan.entries]


ANA = ImportedContact(
    "card 1",
    "Ana Silva",
    "Northwind",
    "Head of Research",
    details=(ContactDetail(EMAIL, "ana@northwind.example", "work"), ContactDetail(PHONE, "+351 912 345 678", "mobile")),
)
BEN = ImportedContact("card 2", "Ben Okafor", details=(ContactDetail(WEB, "https://www.linkedin.com/in/ben-example"),))


def test_a_first_import_adds_everyone_and_a_second_changes_nothing(journal: Journal) -> None:
    plan = plan_import(journal, _file(ANA, BEN))
    assert _outcomes(plan) == [("card 1", Outcome.ADD), ("card 2", Outcome.ADD)]
    result = apply_plan(journal, plan)
    assert (result.added, result.updated) == (2, 0)
    assert result.backup is not None and result.backup.is_file()
    assert _people(journal) == [
        ("Ana Silva", "Northwind", "Head of Research", ANA.details),
        ("Ben Okafor", "", "", BEN.details),
    ]
    export_before = journal.sql("SELECT uuid, updated_at FROM person ORDER BY id").fetchall()
    again = plan_import(journal, _file(ANA, BEN))
    assert [e.outcome for e in again.entries] == [Outcome.UNCHANGED, Outcome.UNCHANGED]
    assert not again.writes_anything
    backups = list_backups(journal.path)
    assert apply_plan(journal, again).backup is None  # nothing to write: no backup either
    assert list_backups(journal.path) == backups
    assert journal.sql("SELECT uuid, updated_at FROM person ORDER BY id").fetchall() == export_before


def test_a_match_by_email_fills_only_empty_fields_and_adds_new_details(journal: Journal) -> None:
    ana = people.add_person(
        journal,
        people.PersonInput(name="Ana S.", organisation="", role="Researcher",
                           details=[ContactDetail(EMAIL, "ANA@northwind.example")]),
    )  # fmt: skip
    plan = plan_import(journal, _file(ANA))
    [entry] = plan.entries
    assert entry.outcome is Outcome.UPDATE
    assert entry.reason == "Matches Ana S. (same email ana@northwind.example)."
    assert entry.changes == ("organisation", "1 phone number")
    apply_plan(journal, plan, backup=False)
    person = people.get_person(journal, ana)
    assert (person.name, person.organisation, person.role) == ("Ana S.", "Northwind", "Researcher")
    assert person.details == (
        ContactDetail(EMAIL, "ANA@northwind.example"),
        ContactDetail(PHONE, "+351 912 345 678", "mobile"),
    )


def test_a_profile_address_matches_whatever_its_spelling(journal: Journal) -> None:
    people.add_person(
        journal, people.PersonInput(name="Ben", details=[ContactDetail(WEB, "linkedin.com/in/ben-example/")])
    )
    [entry] = plan_import(journal, _file(BEN)).entries
    assert entry.outcome is Outcome.UNCHANGED
    assert "same web address" in entry.reason


def test_the_same_name_and_organisation_match_case_and_accents_folded(journal: Journal) -> None:
    people.add_person(journal, people.PersonInput(name="ana  SÍLVA", organisation="northwind"))
    plain = ImportedContact("line 2", "Ana Silva", "Northwind")
    [entry] = plan_import(journal, _file(plain)).entries
    assert (entry.outcome, entry.reason) == (
        Outcome.UNCHANGED,
        "Already in the journal as ana SÍLVA (same name at Northwind); nothing new.",
    )


def test_a_namesake_at_another_organisation_is_listed_not_guessed(journal: Journal) -> None:
    people.add_person(journal, people.PersonInput(name="Ana Silva", organisation="Contoso"))
    [entry] = plan_import(journal, _file(ANA)).entries
    assert entry.outcome is Outcome.DOUBTFUL
    assert entry.reason == "Not imported: the same name as Ana Silva (Contoso), but at Northwind."
    assert not plan_import(journal, _file(ANA)).writes_anything


def test_emails_of_two_people_make_a_tie(journal: Journal) -> None:
    people.add_person(
        journal, people.PersonInput(name="Ana Silva", details=[ContactDetail(EMAIL, "ana@northwind.example")])
    )
    people.add_person(journal, people.PersonInput(name="A. Silva", details=[ContactDetail(EMAIL, "ana@home.example")]))
    both = ImportedContact("card 9", "Ana", details=(ContactDetail(EMAIL, "ana@northwind.example"),
                                                    ContactDetail(EMAIL, "ana@home.example")))  # fmt: skip
    [entry] = plan_import(journal, _file(both)).entries
    assert entry.outcome is Outcome.DOUBTFUL
    assert entry.reason == "Not imported: its email or web addresses belong to Ana Silva and A. Silva."


def test_two_entries_of_one_file_for_the_same_person_make_one_person(journal: Journal) -> None:
    work = ImportedContact("card 1", "Ana Silva", details=(ContactDetail(EMAIL, "ana@northwind.example"),))
    home = ImportedContact("card 7", "Ana Silva", "Northwind", details=(ContactDetail(EMAIL, "ana@northwind.example"),
                                                                       ContactDetail(PHONE, "555-0100")))  # fmt: skip
    plan = plan_import(journal, _file(work, home))
    assert _outcomes(plan) == [("card 1", Outcome.ADD), ("card 7", Outcome.COMBINED)]
    apply_plan(journal, plan, backup=False)
    assert _people(journal) == [
        (
            "Ana Silva",
            "Northwind",
            "",
            (ContactDetail(EMAIL, "ana@northwind.example"), ContactDetail(PHONE, "555-0100")),
        )
    ]


def test_entries_the_parser_skipped_and_invalid_ones_are_listed_with_reasons(journal: Journal) -> None:
    long_name = ImportedContact("card 3", "x" * 300)
    bad_email = ImportedContact("card 4", "Chen Wei", details=(ContactDetail(EMAIL, "chen at example"),))
    plan = plan_import(journal, _file(long_name, bad_email, skipped=(SkippedEntry("card 2", "card 2 has no name"),)))
    assert _outcomes(plan) == [("card 2", Outcome.UNREADABLE), ("card 3", Outcome.UNREADABLE), ("card 4", Outcome.ADD)]
    assert "300 characters long" in plan.entries[1].reason
    assert plan.entries[2].reason == "Left out: “chen at example” is not an email address."
    assert plan.summary() == "1 person to add, 0 people to update, 2 entries skipped"


def test_linkedin_connection_dates_become_how_you_met(journal: Journal) -> None:
    contact = ImportedContact("line 5", "Dana Park", met_on=dt.date(2023, 5, 25))
    apply_plan(journal, plan_import(journal, _file(contact, fmt="linkedin")), backup=False)
    [row] = people.list_people(journal)
    assert people.get_person(journal, row.id).how_met == "Connected on LinkedIn on 25 May 2023"


def test_a_failed_write_leaves_the_journal_as_it_was(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    people.add_person(journal, people.PersonInput(name="Existing"))
    plan = plan_import(journal, _file(ANA, BEN))
    calls = []

    def failing(done: int, total: int) -> None:
        calls.append(done)
        raise OSError(28, "No space left on device")

    # Progress is reported inside the transaction: an error there must roll back every row before it.
    plan.people.update({-100 - n: p for n, p in enumerate(list(plan.people.values()) * 300)})
    with pytest.raises(StorageFullError, match="Nothing was written"):
        apply_plan(journal, plan, progress=failing, backup=False)
    assert calls == [500]
    assert [p.name for p in people.list_people(journal)] == ["Existing"]
    assert journal.sql("SELECT count(*) FROM contact_detail").fetchone() == (0,)


# -- found in review: each failed before its fix ------------------------------------------------------------


def test_profile_addresses_that_differ_only_in_their_query_are_two_people(journal: Journal) -> None:
    one = ImportedContact(
        "card 1", "Ana One", details=(ContactDetail(WEB, "https://www.facebook.com/profile.php?id=1000"),)
    )
    two = ImportedContact(
        "card 2", "Bea Two", details=(ContactDetail(WEB, "https://www.facebook.com/profile.php?id=2000"),)
    )
    plan = plan_import(journal, _file(one, two))
    assert _outcomes(plan) == [("card 1", Outcome.ADD), ("card 2", Outcome.ADD)]


def test_a_shared_inbox_does_not_make_a_different_name_the_same_person(journal: Journal) -> None:
    people.add_person(
        journal,
        people.PersonInput(
            name="Ana Reyes", organisation="Acme", details=[ContactDetail(EMAIL, "office@acme.example")]
        ),
    )
    bob = ImportedContact(
        "card 1", "Bob Marley", "Other Co", "Drummer", details=(ContactDetail(EMAIL, "office@acme.example"),)
    )
    [entry] = plan_import(journal, _file(bob)).entries
    assert entry.outcome is Outcome.DOUBTFUL
    assert entry.reason == "Not imported: the email office@acme.example belongs to Ana Reyes (Acme), a different name."


def test_namesakes_without_an_organisation_and_with_other_emails_are_not_combined(journal: Journal) -> None:
    first = ImportedContact("card 1", "John Smith", details=(ContactDetail(EMAIL, "john@a.example"),))
    second = ImportedContact("card 2", "John Smith", details=(ContactDetail(EMAIL, "jsmith@b.example"),))
    plan = plan_import(journal, _file(first, second))
    assert _outcomes(plan) == [("card 1", Outcome.ADD), ("card 2", Outcome.DOUBTFUL)]
    assert "neither with an organisation, but other email addresses" in plan.entries[1].reason
    # Without an email to tell them apart, the same name is the same person.
    bare = ImportedContact("line 3", "John Smith", role="Engineer")
    apply_plan(journal, plan, backup=False)
    [entry] = plan_import(journal, _file(bare)).entries
    assert (entry.outcome, entry.changes) == (Outcome.UPDATE, ("role",))


def test_a_card_with_hundreds_of_emails_keeps_what_a_person_can_hold(journal: Journal) -> None:
    many = tuple(ContactDetail(EMAIL, f"ana{n}@example.com") for n in range(300))
    card = ImportedContact("card 1", "Ana", details=(*many, ContactDetail(WEB, "http://example.com/a"),
                                                     ContactDetail(WEB, "https://example.com/a/")))  # fmt: skip
    plan = plan_import(journal, _file(card))
    assert plan.entries[0].reason == "Left out: Only the first 200 contact details are kept."
    apply_plan(journal, plan, backup=False)
    [row] = people.list_people(journal)
    person = people.get_person(journal, row.id)
    assert len(person.details) == 200
    # The person stays editable: the dialog's own check accepts what the import stored.
    people.update_person(journal, row.id, people.PersonInput(person.name, role="CEO", details=list(person.details)))


def test_tags_too_long_together_are_left_out_not_the_whole_import(journal: Journal) -> None:
    tags = tuple(f"tag number {n}" for n in range(150))
    first = ImportedContact("card 1", "Ana", tags=tags[:75], details=(ContactDetail(EMAIL, "ana@example.com"),))
    second = ImportedContact("card 2", "Ana", tags=tags[75:], details=(ContactDetail(EMAIL, "ana@example.com"),))
    plan = plan_import(journal, _file(first, second))
    assert _outcomes(plan) == [("card 1", Outcome.ADD), ("card 2", Outcome.COMBINED)]
    assert plan.entries[1].reason.endswith("Left out: The tags, as together they would be too long.")


def test_a_large_import_is_not_announced_as_a_whole_new_journal(journal: Journal) -> None:
    heard = []
    journal.changes.subscribe(heard.append)
    contacts = [ImportedContact(f"line {n}", f"Person {n}") for n in range(600)]
    apply_plan(journal, plan_import(journal, _file(*contacts)), backup=False)
    assert heard and not any(change.is_whole_journal for change in heard)  # the undo history survives it
    assert {change.entity for change in heard} == {Entity.PERSON, Entity.CONTACT_DETAIL}
