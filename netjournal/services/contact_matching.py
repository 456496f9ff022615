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


def _names_agree(first: str, second: str) -> bool:
    """Whether two names could be one person's: a word in common ("Ana S." and "Ana Silva", "Silva, Ana")."""
    words = set(name_key(first).replace(",", " ").replace(".", " ").split())
    return bool(words & set(name_key(second).replace(",", " ").replace(".", " ").split()))


def _label(person: KnownPerson) -> str:
    return f"{person.name} ({person.organisation})" if person.organisation else person.name


class PeopleIndex:
    """Every person's identifying details and name, held in memory for one import (one query each)."""

    def __init__(self) -> None:
        self.people: dict[int, KnownPerson] = {}
        self._by_detail: dict[tuple[DetailField, str], set[int]] = defaultdict(set)
        self._by_name: dict[str, set[int]] = defaultdict(set)
        self._keys_of: dict[int, dict[DetailField, set[str]]] = {}

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

    def _addresses_differ(self, person_id: int, details: Iterable[ContactDetail]) -> bool:
        """Both have emails (or both web addresses) and none is shared: evidence of two people."""
        for field in _IDENTIFYING:
            theirs = self._keys_of.get(person_id, {}).get(field, set())
            ours = {match_key(d) for d in details if d.field is field}
            if theirs and ours and not theirs & ours:
                return True
        return False

    def add_person(self, person: KnownPerson) -> None:
        self.people[person.id] = person
        self._by_name[name_key(person.name)].add(person.id)

    def add_details(self, person_id: int, details: Iterable[ContactDetail]) -> None:
        for detail in details:
            if detail.field in _IDENTIFYING:
                key = match_key(detail)
                self._by_detail[(detail.field, key)].add(person_id)
                self._keys_of.setdefault(person_id, {}).setdefault(detail.field, set()).add(key)

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
            person = self.people[person_id]
            if not _names_agree(name, person.name):
                # An office inbox or a shared page: the address alone does not make two names one person.
                reason = f"the {what} {detail.value} belongs to {_label(person)}, a different name"
                return Match(reason=reason, candidates=(person,))
            return Match(person, f"same {what} {detail.value}")
        if len(by_detail) > 1:
            found = tuple(self.people[i] for i in sorted(by_detail))
            listed = " and ".join(_label(p) for p in found)
            return Match(reason=f"its email or web addresses belong to {listed}", candidates=found)
        namesakes = [self.people[i] for i in sorted(self._by_name.get(name_key(name), ()))]
        if not namesakes:
            return Match()
        wanted = organisation_key(organisation)
        same = [p for p in namesakes if organisation_key(p.organisation) == wanted]
        if len(same) == 1 and not wanted and self._addresses_differ(same[0].id, details):
            # Two "John Smith"s with no organisation and different emails are more likely two people.
            reason = f"the same name as {same[0].name}, neither with an organisation, but other email addresses"
            return Match(reason=reason, candidates=(same[0],))
        if len(same) == 1:
            return Match(same[0], f"same name at {organisation}" if organisation else "same name")
        if len(same) > 1:
            listed = " and ".join(_label(p) for p in same)
            return Match(reason=f"{len(same)} people match its name: {listed}", candidates=tuple(same))
        listed = " and ".join(_label(p) if p.organisation else f"{p.name} (no organisation)" for p in namesakes)
        where = f"at {organisation}" if organisation else "with no organisation"
        return Match(reason=f"the same name as {listed}, but {where}", candidates=tuple(namesakes))
