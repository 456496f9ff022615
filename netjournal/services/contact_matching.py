"""Which person in the journal an imported contact is, if any: by email, profile address, or name and organisation.

A match is only made when it is certain: one email or web address that
belongs to exactly one person, or the same name (case, accents and spacing
folded) at the same organisation.  When the evidence points at two people,
or at a namesake elsewhere, the contact is *doubtful*: it is listed for the
person to decide, never guessed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from netjournal.domain import ContactDetail, DetailField
from netjournal.services.contact_details import match_key
from netjournal.services.journal import Journal
from netjournal.services.people import fold

# Phone numbers are not evidence: an office switchboard or a shared home line
# belongs to several people, so they never merge two contacts.
_IDENTIFYING = (DetailField.EMAIL, DetailField.WEB)


def name_key(name: str) -> str:
    return " ".join(fold(name).split())


def organisation_key(organisation: str) -> str:
    return " ".join(fold(organisation).split())


@dataclass(slots=True)
class KnownPerson:
    """What matching needs of a person: in the journal already (``id`` > 0) or planned by this import (< 0)."""

    id: int
    name: str
    organisation: str


@dataclass(frozen=True, slots=True)
class Match:
    """The outcome for one contact: ``person`` when certain, ``candidates`` when doubtful, neither when new."""

    person: KnownPerson | None = None
    reason: str = ""
    candidates: tuple[KnownPerson, ...] = ()

    @property
    def doubtful(self) -> bool:
        return bool(self.candidates)


def _label(person: KnownPerson) -> str:
    return f"{person.name} ({person.organisation})" if person.organisation else person.name


class PeopleIndex:
    """Every person's identifying details and name, held in memory for one import (one query each)."""

    def __init__(self) -> None:
        self.people: dict[int, KnownPerson] = {}
        self._by_detail: dict[tuple[DetailField, str], set[int]] = defaultdict(set)
        self._by_name: dict[str, set[int]] = defaultdict(set)

    @classmethod
    def of_journal(cls, journal: Journal) -> PeopleIndex:
        index = cls()
        for person_id, name, organisation in journal.sql("SELECT id, name, organisation FROM person"):
            index.add_person(KnownPerson(person_id, name, organisation))
        fields = ", ".join(f"'{f.value}'" for f in _IDENTIFYING)
        for person_id, field, value in journal.sql(
            f"SELECT person_id, field, value FROM contact_detail WHERE field IN ({fields})"
        ):
            index.add_details(person_id, [ContactDetail(DetailField(field), value)])
        return index

    def add_person(self, person: KnownPerson) -> None:
        self.people[person.id] = person
        self._by_name[name_key(person.name)].add(person.id)

    def add_details(self, person_id: int, details: Iterable[ContactDetail]) -> None:
        for detail in details:
            if detail.field in _IDENTIFYING:
                self._by_detail[(detail.field, match_key(detail))].add(person_id)

    def fill_organisation(self, person_id: int, organisation: str) -> None:
        person = self.people[person_id]
        if not person.organisation:
            person.organisation = organisation

    def match(self, name: str, organisation: str, details: Iterable[ContactDetail]) -> Match:
        by_detail: dict[int, ContactDetail] = {}
        for detail in details:
            if detail.field in _IDENTIFYING:
                for person_id in self._by_detail.get((detail.field, match_key(detail)), ()):
                    by_detail.setdefault(person_id, detail)
        if len(by_detail) == 1:
            [(person_id, detail)] = by_detail.items()
            what = "email" if detail.field is DetailField.EMAIL else "web address"
            return Match(self.people[person_id], f"same {what} {detail.value}")
        if len(by_detail) > 1:
            found = tuple(self.people[i] for i in sorted(by_detail))
            listed = " and ".join(_label(p) for p in found)
            return Match(reason=f"its email or web addresses belong to {listed}", candidates=found)
        namesakes = [self.people[i] for i in sorted(self._by_name.get(name_key(name), ()))]
        if not namesakes:
            return Match()
        wanted = organisation_key(organisation)
        same = [p for p in namesakes if organisation_key(p.organisation) == wanted]
        if len(same) == 1:
            return Match(same[0], f"same name at {organisation}" if organisation else "same name")
        if len(same) > 1:
            listed = " and ".join(_label(p) for p in same)
            return Match(reason=f"{len(same)} people match its name: {listed}", candidates=tuple(same))
        listed = " and ".join(_label(p) if p.organisation else f"{p.name} (no organisation)" for p in namesakes)
        where = f"at {organisation}" if organisation else "with no organisation"
        return Match(reason=f"the same name as {listed}, but {where}", candidates=tuple(namesakes))
