"""Possible duplicates: found for each reason, strongest first, never for different people, dismissals kept."""

from __future__ import annotations

from netjournal.domain import ContactDetail, DetailField
from netjournal.services import duplicates, people
from netjournal.services.duplicates import possible_duplicates
from netjournal.services.journal import Journal
from netjournal.services.people import PersonInput


def add(journal: Journal, name: str, organisation: str = "", *details: tuple[DetailField, str]) -> int:
    found = [ContactDetail(field, value) for field, value in details]
    return people.add_person(journal, PersonInput(name, organisation=organisation, details=found))


def pairs(journal: Journal) -> list[tuple[str, str, str]]:
    return [(p.first.name, p.second.name, p.reason) for p in possible_duplicates(journal)]


def test_each_reason_is_found_and_said_strongest_first(journal: Journal) -> None:
    add(journal, "Ana Silva", "", (DetailField.EMAIL, "ana@northwind.example"))
    add(journal, "Ana S.", "", (DetailField.EMAIL, "ANA@northwind.example "))
    add(journal, "Tom Reyes", "Fernhill", (DetailField.WEB, "https://www.linkedin.com/in/treyes/"))
    add(journal, "Thomas Reyes", "", (DetailField.WEB, "linkedin.com/in/treyes"))
    add(journal, "Lee Park", "", (DetailField.PHONE, "+351 912 345 678"))
    add(journal, "L. Park", "Kite", (DetailField.PHONE, "+351912345678"))
    add(journal, "Élodie Martin")
    add(journal, "Martin, Elodie")
    add(journal, "Jonathan Whitfield", "Northwind")
    add(journal, "Jonathon Whitfield", "Northwind")
    add(journal, "K. Osei", "Acme")
    add(journal, "Kwame Osei", "")
    assert pairs(journal) == [
        ("Ana Silva", "Ana S.", "same email ana@northwind.example; same name but for initials"),
        ("Lee Park", "L. Park", "same phone +351 912 345 678; same name but for initials"),
        ("Tom Reyes", "Thomas Reyes", "same web address https://www.linkedin.com/in/treyes/"),
        ("Élodie Martin", "Martin, Elodie", "same name"),
        ("K. Osei", "Kwame Osei", "same name but for initials"),
        ("Jonathan Whitfield", "Jonathon Whitfield", "similar names, both at Northwind"),
    ]
    first = possible_duplicates(journal)[0]
    assert (first.strength, first.first.entries, first.second.entries) == (duplicates.EMAIL, 0, 0)


def test_different_people_are_not_duplicates(journal: Journal) -> None:
    # Colleagues share a company, a surname, a switchboard extension; near names at different companies differ.
    add(journal, "Ana Silva", "Northwind", (DetailField.PHONE, "12"))
    add(journal, "Rui Silva", "Northwind", (DetailField.PHONE, "12"))
    add(journal, "Jonathan Whitfield", "Northwind")
    add(journal, "Jonathon Whitfield", "Fernhill")
    add(journal, "Maya Chen", "Northwind")
    add(journal, "Mia Chen", "Northwind")
    assert pairs(journal) == []


def test_a_dismissed_pair_stays_away(journal: Journal) -> None:
    ana = add(journal, "Ana Silva")
    other = add(journal, "Ana Silva")
    add(journal, "Ana  SILVA")
    assert len(possible_duplicates(journal)) == 3
    duplicates.dismiss(journal, other, ana)
    left = possible_duplicates(journal)
    assert len(left) == 2 and all({p.first.id, p.second.id} != {ana, other} for p in left)
    # Kept by the people's identities: renaming them does not bring the pair back.
    people.update_person(journal, ana, PersonInput("Ana M. Silva"))
    people.update_person(journal, other, PersonInput("Ana M. Silva"))
    assert all({p.first.id, p.second.id} != {ana, other} for p in possible_duplicates(journal))
    key = duplicates.pair_key(people.get_person(journal, ana).uuid, people.get_person(journal, other).uuid)
    assert journal.sql("SELECT count(*) FROM journal_meta WHERE key = ?", (key,)).fetchone() == (1,)
    duplicates.undismiss(journal, ana, other)
    assert len(possible_duplicates(journal)) == 3


def test_the_limit_keeps_the_strongest(journal: Journal) -> None:
    for number in range(5):
        add(journal, f"Person {number}", "", (DetailField.EMAIL, f"p{number}@example.org"))
        add(journal, f"Persón {number}", "", (DetailField.EMAIL, f"P{number}@example.org"))
    add(journal, "Tom Reyes")
    add(journal, "Tom Reyes")
    found = possible_duplicates(journal, limit=3)
    assert len(found) == 3 and all(p.strength == duplicates.EMAIL for p in found)


def test_a_number_many_people_share_is_no_evidence(journal: Journal) -> None:
    """Found in review: 2,000 people with the office's number buried the one real pair (and took seconds)."""
    switchboard = ContactDetail(DetailField.PHONE, "+44 20 7946 0000")
    with journal.write():
        for word in [
            "Alpha",
            "Bravo",
            "Charlie",
            "Delta",
            "Echo",
            "Foxtrot",
            "Golf",
            "Hotel",
            "India",
            "Juliett",
            "Kilo",
            "Lima",
            "Mike",
            "November",
            "Oscar",
            "Papa",
            "Quebec",
            "Romeo",
            "Sierra",
            "Tango",
            "Uniform",
            "Victor",
            "Whiskey",
            "Xray",
            "Yankee",
            "Zulu",
        ]:
            people.add_person(journal, people.PersonInput(f"{word} Colleague", details=[switchboard]))
    people.add_person(journal, people.PersonInput("Zed Real", details=[switchboard]))
    people.add_person(journal, people.PersonInput("Real, Zed"))
    pairs = possible_duplicates(journal)
    assert [(p.first.name, p.second.name, p.reason) for p in pairs] == [("Zed Real", "Real, Zed", "same name")]


def test_introductions_between_others_count_as_entries_of_a_possible_duplicate(journal: Journal) -> None:
    from netjournal.services.brokered_introductions import BrokeredInput, add_brokered

    ana = people.add_person(journal, people.PersonInput("Ana Silva"))
    twin = people.add_person(journal, people.PersonInput("Silva, Ana"))
    ben, chen = (people.add_person(journal, people.PersonInput(n)) for n in ("Ben Okafor", "Chen Wei"))
    add_brokered(journal, BrokeredInput(twin, ben, chen, "for a grant"))
    add_brokered(journal, BrokeredInput(ben, twin, chen, "to compare notes"))
    (pair,) = duplicates.possible_duplicates(journal)
    counts = {side.id: side.entries for side in (pair.first, pair.second)}
    assert counts == {ana: 0, twin: 2}
