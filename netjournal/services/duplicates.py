"""People who may be the same person entered twice: the same email, phone or profile, or a name alike.

Pairs are found by blocking, never by comparing everyone with everyone: people
are grouped by each contact detail's match key, by their folded name's words
in alphabetical order (the same name), and by each word of it together with
their organisation: only people sharing a word and an organisation (or one of
them naming none) are compared letter by letter.  A word shared so widely that
this would mean thousands of comparisons is left out; the other words of
their names still bring near names together.

A pair dismissed as "not the same person" is kept in ``journal_meta`` under
``not-duplicates:<uuid>:<uuid>`` (the two UUIDs in order), so it holds in
every copy of the journal and stays away however the people are renamed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from netjournal.domain import ContactDetail, DetailField
from netjournal.services.contact_details import match_key
from netjournal.services.journal import Journal
from netjournal.services.people import fold
from netjournal.services.validation import NotFoundError
from netjournal.store import meta

DISMISSED = "not-duplicates:"
SIMILAR = 0.9  # difflib ratio of folded names
_MAX_SHARING_A_DETAIL = 3  # more people with one phone, email or page than this: a shared one
_MAX_PAIRS_PER_WORD = 5_000  # a name word shared more widely is not compared letter by letter
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_MIN_PHONE_DIGITS = 7  # shorter numbers (extensions) are shared by colleagues

# Strongest first.
EMAIL, PHONE, WEB, NAME, INITIALS, SIMILAR_NAME = range(6)
_DETAIL_STRENGTH = {DetailField.EMAIL: EMAIL, DetailField.PHONE: PHONE, DetailField.WEB: WEB}
_DETAIL_WORDS = {EMAIL: "same email {0}", PHONE: "same phone {0}", WEB: "same web address {0}"}


@dataclass(frozen=True, slots=True)
class PossibleDuplicate:
    id: int
    uuid: str
    name: str
    organisation: str
    entries: int  # exchanges, touchpoints, loops, reflections and circumstances that name them


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    first: PossibleDuplicate
    second: PossibleDuplicate
    reasons: tuple[str, ...]  # in words, strongest first
    strength: int  # the strongest reason's rank: 0 (same email) is the strongest

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@dataclass(slots=True)
class _Person:
    id: int
    uuid: str
    name: str
    organisation: str
    words: tuple[str, ...]  # folded name words, in order
    place: str = ""  # the organisation, folded
    sorted_name: str = ""  # the folded words in alphabetical order: word order and commas do not count
    letters: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.place = " ".join(fold(self.organisation).split())
        self.sorted_name = " ".join(sorted(self.words))
        self.letters = Counter(self.sorted_name)

    @property
    def folded(self) -> str:
        return " ".join(self.words)


def _words(name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(name)))


def _initials_match(one: tuple[str, ...], two: tuple[str, ...]) -> bool:
    """ "A Silva" and "Ana Silva": as many words, each the same or an initial of the other, in any order."""
    if len(one) != len(two) or one == two or not any(len(w) == 1 for w in one + two):
        return False
    for order in (two, tuple(reversed(two))):
        if all(a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))
               for a, b in zip(one, order, strict=True)):  # fmt: skip
            return True
    return False


def _same_place(one: _Person, two: _Person) -> str | None:
    """The organisation both are at ("" when neither or only one names one); None when they differ."""
    if one.place and two.place and one.place != two.place:
        return None
    return one.organisation.strip() if one.place and two.place else ""


def _near_reason(one: _Person, two: _Person) -> tuple[int, str] | None:
    place = _same_place(one, two)
    if place is None:
        return None
    where = f", both at {place}" if place else ""
    if _initials_match(one.words, two.words):
        return INITIALS, f"same name but for initials{where}"
    a, b = one.sorted_name, two.sorted_name
    # A ratio of 0.9 needs lengths within a tenth of each other: most pairs end here, before difflib.
    if 2 * min(len(a), len(b)) < SIMILAR * (len(a) + len(b)):
        return None
    # The letters in common bound the ratio from above (difflib's quick_ratio, without building a matcher).
    if 2 * sum((one.letters & two.letters).values()) < SIMILAR * (len(a) + len(b)):
        return None
    if difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SIMILAR:
        return SIMILAR_NAME, f"similar names{where}"
    return None


def _name_pairs(everyone: dict[int, _Person]) -> Iterator[tuple[int, int, int, str]]:
    """Pairs by name: the same words in any order, or initials and near names at one place (or none)."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for person in everyone.values():
        by_name[person.sorted_name].append(person.id)
    for ids in by_name.values():
        for a, b in itertools.combinations(sorted(ids), 2):
            yield a, b, NAME, "same name"
    # Near names share a word; people at different organisations are never compared.
    by_word: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for person in everyone.values():
        for word in set(person.words):
            if len(word) > 1:
                by_word[word][person.place].append(person.id)
    compared: set[tuple[int, int]] = set()
    for places in by_word.values():
        nowhere = places.get("", [])
        pairs = sum(len(ids) * (len(ids) - 1) // 2 + (len(ids) * len(nowhere) if place else 0)
                    for place, ids in places.items())  # fmt: skip
        if pairs > _MAX_PAIRS_PER_WORD:  # a word very many share: their other words bring near names together
            continue
        for place, ids in places.items():
            candidates = itertools.combinations(ids, 2)
            if place:
                candidates = itertools.chain(candidates, itertools.product(nowhere, ids))
            for one, two in candidates:
                a, b = min(one, two), max(one, two)
                if (a, b) in compared or everyone[a].sorted_name == everyone[b].sorted_name:
                    continue
                compared.add((a, b))
                reason = _near_reason(everyone[a], everyone[b])
                if reason is not None:
                    yield a, b, *reason


def pair_key(first_uuid: str, second_uuid: str) -> str:
    a, b = sorted((first_uuid, second_uuid))
    return f"{DISMISSED}{a}:{b}"


def _dismissed(journal: Journal) -> set[tuple[str, str]]:
    with journal.store.reading():
        found = meta.with_prefix(journal.db, DISMISSED)
    pairs = set()
    for rest in found:
        a, _, b = rest.partition(":")
        pairs.add((a, b))
    return pairs


def _entry_counts(journal: Journal, ids: Iterable[int]) -> dict[int, int]:
    wanted = sorted(set(ids))
    found: dict[int, int] = defaultdict(int)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        parts = [
            f"SELECT {column} AS p FROM {table} WHERE {column} IN ({marks})"
            for table, column in (
                ("exchange", "person_id"), ("exchange", "second_person_id"), ("touchpoint", "person_id"),
                ("open_loop", "person_id"), ("reflection", "person_id"), ("circumstance", "person_id"),
                ("brokered_introduction", "broker_id"), ("brokered_introduction", "first_person_id"),
                ("brokered_introduction", "second_person_id"),
            )
        ]  # fmt: skip
        sql = f"SELECT p, count(*) FROM ({' UNION ALL '.join(parts)}) GROUP BY p"
        for person_id, count in journal.sql(sql, chunk * len(parts)):
            found[person_id] = count
    return found


def possible_duplicates(journal: Journal, *, limit: int = 200) -> list[DuplicatePair]:
    """Pairs of people who may be one person, strongest reason first, dismissed pairs left out."""
    everyone = {
        pid: _Person(pid, uuid, name, org, _words(name))
        for pid, uuid, name, org in journal.sql("SELECT id, uuid, name, organisation FROM person")
    }
    found: dict[tuple[int, int], dict[int, str]] = defaultdict(dict)

    def note(a: int, b: int, strength: int, words: str) -> None:
        reasons = found[min(a, b), max(a, b)]
        reasons.setdefault(strength, words)

    by_detail: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for pid, kind, value in journal.sql(
        "SELECT person_id, field, value FROM contact_detail WHERE field IN ('email', 'phone', 'web')"
    ):
        detail = ContactDetail(DetailField(kind), value)
        key = match_key(detail)
        if detail.field is DetailField.PHONE and sum(c.isdigit() for c in key) < _MIN_PHONE_DIGITS:
            continue
        if key:
            by_detail[kind, key].append((pid, value))
    for (kind, _key), holders in by_detail.items():
        strength = _DETAIL_STRENGTH[DetailField(kind)]
        ids = sorted({pid for pid, _ in holders})
        if len(ids) > _MAX_SHARING_A_DETAIL:
            continue  # a switchboard or an office inbox: it says nothing about who is who
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                note(a, b, strength, _DETAIL_WORDS[strength].format(holders[0][1]))

    for a, b, strength, words in _name_pairs(everyone):
        note(a, b, strength, words)

    dismissed = _dismissed(journal)
    kept = [
        (pair, reasons)
        for pair, reasons in found.items()
        if tuple(sorted((everyone[pair[0]].uuid, everyone[pair[1]].uuid))) not in dismissed
    ]
    kept.sort(key=lambda item: (min(item[1]), -len(item[1]), everyone[item[0][0]].folded, item[0]))
    kept = kept[:limit]
    counts = _entry_counts(journal, [pid for pair, _ in kept for pid in pair])

    def side(pid: int) -> PossibleDuplicate:
        person = everyone[pid]
        return PossibleDuplicate(pid, person.uuid, person.name, person.organisation, counts.get(pid, 0))

    return [
        DuplicatePair(side(a), side(b), tuple(reasons[s] for s in sorted(reasons)), min(reasons))
        for (a, b), reasons in kept
    ]


def dismiss(journal: Journal, first_id: int, second_id: int, *, today: dt.date | None = None) -> None:
    """Remember that the two are not the same person: ``possible_duplicates`` leaves them out from now on."""
    found = dict(journal.sql("SELECT id, uuid FROM person WHERE id IN (?, ?)", (first_id, second_id)).fetchall())
    if len(found) != 2:
        raise NotFoundError("One of the two people is no longer in the journal.")
    with journal.write():
        meta.put(
            journal.db, pair_key(found[first_id], found[second_id]), {"on": (today or dt.date.today()).isoformat()}
        )


def undismiss(journal: Journal, first_id: int, second_id: int) -> None:
    """Forget a dismissal (the undo of ``dismiss``)."""
    found = dict(journal.sql("SELECT id, uuid FROM person WHERE id IN (?, ?)", (first_id, second_id)).fetchall())
    if len(found) == 2:
        with journal.write():
            meta.delete(journal.db, pair_key(found[first_id], found[second_id]))
