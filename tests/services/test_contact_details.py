"""Contact details on a person: stored in order, edited in place, searchable, deleted and undone with the person."""

from __future__ import annotations

import pytest

from netjournal.domain import ContactDetail, DetailField
from netjournal.services import deletions, people
from netjournal.services.contact_details import birthday_text, match_key, parse_birthday, validated_details
from netjournal.services.journal import Journal
from netjournal.services.search import search
from netjournal.services.validation import ValidationError

EMAIL, PHONE, WEB, LOCATION, BIRTHDAY = (DetailField(f) for f in ("email", "phone", "web", "location", "birthday"))


def _ana(journal: Journal, details: list[ContactDetail]) -> int:
    return people.add_person(journal, people.PersonInput(name="Ana Silva", details=details))


def _uuids(journal: Journal, person_id: int) -> dict[str, str]:
    rows = journal.sql("SELECT value, uuid FROM contact_detail WHERE person_id = ?", (person_id,))
    return dict(rows.fetchall())


def test_details_come_back_in_order_with_their_labels(journal: Journal) -> None:
    given = [
        ContactDetail(EMAIL, "ana@northwind.example", "work"),
        ContactDetail(EMAIL, "ana.silva@mail.example", "home"),
        ContactDetail(PHONE, "+351 912 345 678", "mobile"),
        ContactDetail(WEB, "https://www.linkedin.com/in/ana-silva-example", "LinkedIn"),
        ContactDetail(LOCATION, "Lisbon, Portugal"),
        ContactDetail(BIRTHDAY, "--04-15"),
    ]
    ana = _ana(journal, given)
    assert people.get_person(journal, ana).details == tuple(given)


def test_an_edit_keeps_the_identity_of_every_detail_that_stays(journal: Journal) -> None:
    ana = _ana(journal, [ContactDetail(EMAIL, "ana@northwind.example"), ContactDetail(PHONE, "+351 912 345 678")])
    before = _uuids(journal, ana)
    edited = [
        ContactDetail(PHONE, "+351 912 345 678", "mobile"),  # moved up, labelled
        ContactDetail(EMAIL, "ANA@northwind.example", "work"),  # same address, other case
        ContactDetail(WEB, "https://ana.example"),
    ]
    people.update_person(journal, ana, people.PersonInput(name="Ana Silva", details=edited))
    after = _uuids(journal, ana)
    assert after["+351 912 345 678"] == before["+351 912 345 678"]
    assert after["ANA@northwind.example"] == before["ana@northwind.example"]
    assert people.get_person(journal, ana).details == tuple(edited)
    # Removing one leaves a tombstone, so a copy of the journal learns it went.
    people.update_person(journal, ana, people.PersonInput(name="Ana Silva", details=edited[:1]))
    gone = journal.sql("SELECT entity FROM tombstone WHERE uuid = ?", (after["https://ana.example"],)).fetchall()
    assert gone == [("contact_detail",)]


def test_an_edit_that_does_not_mention_details_leaves_them(journal: Journal) -> None:
    ana = _ana(journal, [ContactDetail(EMAIL, "ana@northwind.example")])
    people.update_person(journal, ana, people.PersonInput(name="Ana Silva", organisation="Northwind"))
    assert people.get_person(journal, ana).details == (ContactDetail(EMAIL, "ana@northwind.example"),)


@pytest.mark.parametrize(
    ("detail", "message"),
    [
        (ContactDetail(EMAIL, "ana at northwind"), "is not an email address"),
        (ContactDetail(EMAIL, "@northwind.example"), "is not an email address"),
        (ContactDetail(BIRTHDAY, "1985-02-30"), "is not a birthday"),
        (ContactDetail(BIRTHDAY, "next spring"), "is not a birthday"),
        (ContactDetail(WEB, "x" * 501), "too long"),
        # Found in review: a query would make the mailto: link attach a file in some mail programs.
        (ContactDetail(EMAIL, "eve@evil.example?attach=/home/user/.ssh/id_rsa"), "is not an email address"),
        (ContactDetail(EMAIL, "ana@example.com,eve@evil.example"), "is not an email address"),
    ],
)
def test_a_bad_detail_is_refused_and_nothing_is_written(journal: Journal, detail: ContactDetail, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _ana(journal, [ContactDetail(EMAIL, "ana@northwind.example"), detail])
    assert journal.sql("SELECT count(*) FROM person").fetchone() == (0,)
    assert journal.sql("SELECT count(*) FROM contact_detail").fetchone() == (0,)


def test_repeats_and_empty_values_are_dropped() -> None:
    kept = validated_details(
        [
            ContactDetail(EMAIL, " ana@northwind.example "),
            ContactDetail(EMAIL, "Ana@Northwind.example", "work"),
            ContactDetail(WEB, "https://www.linkedin.com/in/ana/"),
            ContactDetail(WEB, "linkedin.com/in/ana"),
            ContactDetail(PHONE, "   "),
        ]
    )
    assert kept == [
        ContactDetail(EMAIL, "ana@northwind.example"),
        ContactDetail(WEB, "https://www.linkedin.com/in/ana/"),
    ]


def test_birthdays_with_and_without_a_year() -> None:
    assert parse_birthday("1985-04-15") == "1985-04-15"
    assert parse_birthday("--04-15") == "--04-15"
    assert parse_birthday("4-15") == "--04-15"
    assert parse_birthday("--02-29") == "--02-29"  # no year: a leap day is a birthday
    assert birthday_text("--04-15") == "15 April"
    assert birthday_text("1985-04-15") == "15 April 1985"


def test_match_keys_ignore_what_does_not_tell_two_people_apart() -> None:
    assert match_key(ContactDetail(WEB, "https://www.linkedin.com/in/ana?trk=x")) == "linkedin.com/in/ana"
    assert match_key(ContactDetail(WEB, "http://linkedin.com/in/ana/")) == "linkedin.com/in/ana"
    assert match_key(ContactDetail(PHONE, "+351 (912) 345-678")) == "+351912345678"
    assert match_key(ContactDetail(EMAIL, "Ana@Example.COM")) == "ana@example.com"
    assert match_key(ContactDetail(EMAIL, "mailto:ana@example.com")) == "ana@example.com"


def test_match_keys_keep_what_does_tell_two_pages_apart() -> None:
    """Found in review: a query, a #/ route or the case of a path can name another person."""

    def web(value: str) -> str:
        return match_key(ContactDetail(WEB, value))

    assert web("https://www.facebook.com/profile.php?id=1000") != web("https://www.facebook.com/profile.php?id=2000")
    assert web("https://example.com/#/user/1") != web("https://example.com/#/user/2")
    assert web("https://example.com/~Alice") != web("https://example.com/~alice")
    assert web("https://EXAMPLE.com/page?utm_source=mail#section") == web("example.com/page/")
    assert web("https://www.linkedin.com/in/Ana-Silva") == web("https://linkedin.com/in/ana-silva/")
    assert match_key(ContactDetail(PHONE, "+1 555 0100 ext. 12")) != match_key(ContactDetail(PHONE, "+1 555 010012"))


def test_search_finds_a_person_by_email_and_city(journal: Journal) -> None:
    ana = _ana(journal, [ContactDetail(EMAIL, "ana@northwind.example"), ContactDetail(LOCATION, "Lisbon")])
    for query in ("northwind", "lisbon"):
        hits = [h for h in search(journal, query) if h.entity == "contact_detail"]
        assert [(h.person_id, h.person_name) for h in hits] == [(ana, "Ana Silva")], query


def test_deleting_a_person_takes_their_details_and_undo_brings_them_back(journal: Journal) -> None:
    details = [ContactDetail(EMAIL, "ana@northwind.example", "work"), ContactDetail(BIRTHDAY, "--04-15")]
    ana = _ana(journal, details)
    before = _uuids(journal, ana)
    deleted = deletions.delete_person(journal, ana)
    assert journal.sql("SELECT count(*) FROM contact_detail").fetchone() == (0,)
    assert not search(journal, "northwind")
    deletions.undo(journal, deleted)
    assert people.get_person(journal, ana).details == tuple(details)
    assert _uuids(journal, ana) == before
    assert [h.person_id for h in search(journal, "northwind")] == [ana]
