"""Timelines (newest first, keyset pages) and full-text search, on real encrypted journals."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.domain import EntryType, LoopKind
from netjournal.services import deletions, entries, people
from netjournal.services.journal import Journal
from netjournal.services.search import SNIPPET_END, SNIPPET_START, match_expression, search
from netjournal.services.timeline import Cursor, full_timeline, timeline_page
from netjournal.store.models import Person

BASE = dt.date(2024, 5, 1)
RANK = {EntryType.EXCHANGE: 4, EntryType.TOUCHPOINT: 3, EntryType.LOOP: 2, EntryType.REFLECTION: 1}

# (type, who): who is "ana", "ben", "none", or "intro" (given to Ben, introducing Ana as second person).
WHO = {
    EntryType.EXCHANGE: ["ana", "ben", "none", "intro"],
    EntryType.TOUCHPOINT: ["ana", "ben"],
    EntryType.LOOP: ["ana", "ben", "none"],
    EntryType.REFLECTION: ["ana", "ben", "none"],
}


def _add_entry(journal: Journal, kind: EntryType, who: str, day: dt.date, ids: dict[str, int], n: int) -> int:
    person = {"ana": ids["ana"], "ben": ids["ben"], "none": None, "intro": ids["ben"]}[who]
    text = f"entry {n}"
    if kind is EntryType.EXCHANGE:
        if who == "intro":
            data = entries.ExchangeInput("given", "introduction", text, person, second_person_id=ids["ana"], date=day)
        elif who == "none":
            data = entries.ExchangeInput("given", "resource", text, None, community="PyData", date=day)
        else:
            data = entries.ExchangeInput("received", "advice", text, person, date=day)
        return entries.add_exchange(journal, data)
    if kind is EntryType.TOUCHPOINT:
        assert person is not None
        return entries.add_touchpoint(journal, person, text, date=day)
    if kind is EntryType.LOOP:
        return entries.add_loop(journal, LoopKind.ASKED, text, person_id=person, opened_on=day)
    return entries.add_reflection(journal, text, date=day, person_id=person)


def _populate(journal: Journal, spec: list[tuple[EntryType, str, int]]) -> list[tuple[EntryType, int, dt.date, str]]:
    ids = {
        "ana": people.add_person(journal, people.PersonInput(name="Ana Silva")),
        "ben": people.add_person(journal, people.PersonInput(name="Ben Okafor")),
    }
    made = []
    for n, (kind, who, offset) in enumerate(spec):
        day = BASE - dt.timedelta(days=offset)
        made.append((kind, _add_entry(journal, kind, who, day, ids, n), day, who))
    return made


def _expected_order(made: list[tuple[EntryType, int, dt.date, str]]) -> list[tuple[EntryType, int]]:
    ordered = sorted(made, key=lambda m: (m[2], RANK[m[0]], m[1]), reverse=True)
    return [(kind, eid) for kind, eid, _, _ in ordered]


def _paged(journal: Journal, page_size: int, person_id: int | None = None) -> list[tuple[EntryType, int]]:
    seen: list[tuple[EntryType, int]] = []
    cursor: Cursor | None = None
    for _ in range(10_000):
        page = timeline_page(journal, person_id=person_id, cursor=cursor, limit=page_size)
        assert len(page) <= page_size
        seen.extend((e.type, e.id) for e in page)
        if len(page) < page_size:
            return seen
        cursor = Cursor.after(page[-1])
    raise AssertionError("pagination did not end")


entry_spec = st.lists(
    st.sampled_from(list(WHO)).flatmap(
        lambda kind: st.tuples(st.just(kind), st.sampled_from(WHO[kind]), st.integers(0, 3))
    ),
    max_size=40,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=entry_spec, page_size=st.integers(1, 9))
def test_pages_return_every_entry_exactly_once_in_order(spec: list[tuple[EntryType, str, int]], page_size: int) -> None:
    with (
        tempfile.TemporaryDirectory() as folder,
        Journal.create(Path(folder) / "j.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal,
    ):
        made = _populate(journal, spec)
        assert _paged(journal, page_size) == _expected_order(made)
        ana = people.find_person(journal, "Ana Silva")
        assert ana is not None
        for_ana = [m for m in made if m[3] in ("ana", "intro")]
        assert _paged(journal, page_size, ana.id) == _expected_order(for_ana)


def test_many_same_day_entries_of_every_type_page_cleanly(journal: Journal) -> None:
    # 12 of each type on one day, plus a few on the days around it: ties everywhere.
    spec = [(kind, "ana", 1) for kind in WHO for _ in range(12)]
    spec += [(kind, "ben", offset) for offset in (0, 2) for kind in WHO for _ in range(3)]
    spec = spec[::2] + spec[1::2]  # interleave the insertion order of types
    made = _populate(journal, spec)
    expected = _expected_order(made)
    assert len(set(expected)) == len(made)
    for page_size in (1, 2, 3, 5, 7, 11, 12, 13, 47, 48, 200):
        assert _paged(journal, page_size) == expected, page_size


def test_timeline_is_newest_first_with_mixed_types(journal: Journal) -> None:
    ana = people.add_person(journal, people.PersonInput(name="Ana Silva"))
    entries.add_reflection(journal, "oldest", date=dt.date(2022, 1, 1), person_id=ana)
    entries.add_exchange(journal, entries.ExchangeInput("given", "advice", "middle", ana, date=dt.date(2023, 1, 1)))
    entries.add_touchpoint(journal, ana, "newest", date=dt.date(2024, 1, 1), channel="email")
    entries.add_loop(
        journal,
        LoopKind.PROMISED,
        "same day as newest",
        person_id=ana,
        opened_on=dt.date(2024, 1, 1),
        due_on=dt.date(2024, 2, 1),
    )
    page = timeline_page(journal)
    assert [(e.type, e.title) for e in page] == [
        (EntryType.TOUCHPOINT, "newest"),
        (EntryType.LOOP, "same day as newest"),
        (EntryType.EXCHANGE, "middle"),
        (EntryType.REFLECTION, "oldest"),
    ]
    dates = [e.date for e in page]
    assert dates == sorted(dates, reverse=True)
    assert all(e.person_name == "Ana Silva" and e.person_id == ana for e in page)
    assert (page[1].due_on, page[1].done_on) == (dt.date(2024, 2, 1), None)
    assert page[0].channel == "email"
    assert timeline_page(journal, limit=2) == page[:2]
    assert timeline_page(journal, cursor=Cursor.after(page[1])) == page[2:]
    assert timeline_page(journal, cursor=Cursor.after(page[-1])) == []


def test_person_timeline_includes_introductions_as_second_person(journal: Journal) -> None:
    ana = people.add_person(journal, people.PersonInput(name="Ana Silva"))
    ben = people.add_person(journal, people.PersonInput(name="Ben Okafor"))
    cy = people.add_person(journal, people.PersonInput(name="Cy Lee"))
    intro = entries.add_exchange(
        journal,
        entries.ExchangeInput(
            "given", "introduction", "Ben to Ana for her launch", ben, second_person_id=ana, date=dt.date(2024, 3, 1)
        ),
    )
    own = entries.add_touchpoint(journal, ana, "lunch", date=dt.date(2024, 2, 1))
    entries.add_touchpoint(journal, cy, "not Ana's", date=dt.date(2024, 4, 1))
    entries.add_reflection(journal, "general thought", date=dt.date(2024, 4, 1))
    timeline = timeline_page(journal, person_id=ana)
    assert [(e.type, e.id) for e in timeline] == [(EntryType.EXCHANGE, intro), (EntryType.TOUCHPOINT, own)]
    assert timeline[0].person_name == "Ben Okafor"
    assert timeline[0].second_person_id == ana
    assert timeline[0].second_person_name == "Ana Silva"
    assert [(e.type, e.id) for e in full_timeline(journal, ana, page=1)] == [(e.type, e.id) for e in timeline]
    assert [e.id for e in timeline_page(journal, person_id=ben)] == [intro]
    assert [e.title for e in timeline_page(journal, person_id=cy)] == ["not Ana's"]


# -- search ---------------------------------------------------------------------------


@pytest.fixture
def filled(journal: Journal) -> dict[str, int]:
    ana = people.add_person(
        journal, people.PersonInput(name="Ana Silva", organisation="Pelican Labs", notes="met at the heron meetup")
    )
    ids = {"ana": ana}
    ids["exchange"] = entries.add_exchange(
        journal,
        entries.ExchangeInput(
            "received",
            "advice",
            "pricing strategy for the pelican launch",
            ana,
            date=dt.date(2023, 1, 10),
            details="tiered plans",
        ),
    )
    ids["touchpoint"] = entries.add_touchpoint(journal, ana, "pelican conference chat", date=dt.date(2023, 6, 1))
    ids["loop"] = entries.add_loop(
        journal, LoopKind.PROMISED, "send the pelican deck", person_id=ana, opened_on=dt.date(2023, 9, 1)
    )
    ids["reflection"] = entries.add_reflection(
        journal, "the pelican project taught me patience", date=dt.date(2024, 1, 1), person_id=ana
    )
    ids["circumstance"] = entries.add_circumstance(journal, ana, "pelican merger crunch", start_on=dt.date(2022, 1, 1))
    return ids


def test_search_finds_every_entity_type_newest_first(filled: dict[str, int], journal: Journal) -> None:
    hits = search(journal, "pelican")
    assert {(h.entity, h.entity_id) for h in hits} == {
        ("person", filled["ana"]),
        ("exchange", filled["exchange"]),
        ("touchpoint", filled["touchpoint"]),
        ("loop", filled["loop"]),
        ("reflection", filled["reflection"]),
        ("circumstance", filled["circumstance"]),
    }
    dates = [h.date for h in hits]
    assert all(d is not None for d in dates)
    assert dates == sorted(dates, reverse=True)
    entry_hits = [h for h in hits if h.entity not in ("person",)]
    assert [h.entity for h in entry_hits] == ["reflection", "loop", "touchpoint", "exchange", "circumstance"]
    assert all(h.person_name == "Ana Silva" for h in hits)
    exchange_hit = next(h for h in hits if h.entity == "exchange")
    assert exchange_hit.entry_type is EntryType.EXCHANGE
    assert f"{SNIPPET_START}pelican{SNIPPET_END}" in exchange_hit.snippet
    assert "pelican launch" in exchange_hit.plain_snippet()
    assert next(h for h in hits if h.entity == "person").entry_type is None
    # Details, organisation and notes are searchable too.
    assert [(h.entity, h.entity_id) for h in search(journal, "tiered")] == [("exchange", filled["exchange"])]
    assert [h.entity for h in search(journal, "heron")] == ["person"]


def test_search_limit_keeps_the_newest(filled: dict[str, int], journal: Journal) -> None:
    everything = search(journal, "pelican")
    assert search(journal, "pelican", limit=2) == everything[:2]


FINDS = [
    '"pelican',
    'pelican"',
    "-pelican",
    "pelican -",
    "pelican*",
    "^pelican",
    "(pelican",
    "pelican)",
    "{pelican}",
    "pelican +",
    "pelican;",
    "pelican:",
    '"pelican launch"',
    "pelican (strat*",
]
FINDS_NOTHING = [
    '"',
    "AND(",
    "*",
    "**",
    "OR",
    "NOT",
    "NEAR(",
    "'",
    "\\",
    ":",
    "%",
    "_",
    "pelican AND(",
    "NOT pelican",
    "body:pelican",
    "pel'ican",
    "pelican NEAR(",
]


@pytest.mark.parametrize("query", FINDS)
def test_search_with_fts_syntax_characters_still_finds(filled: dict[str, int], journal: Journal, query: str) -> None:
    assert ("exchange", filled["exchange"]) in {(h.entity, h.entity_id) for h in search(journal, query)}


@pytest.mark.parametrize("query", FINDS_NOTHING)
def test_search_with_fts_syntax_characters_does_not_fail(filled: dict[str, int], journal: Journal, query: str) -> None:
    # Operators are plain words that must appear ("and", "not", "body", ...): here they do not.
    assert ("exchange", filled["exchange"]) not in {(h.entity, h.entity_id) for h in search(journal, query)}


def test_search_words_are_words_not_operators(filled: dict[str, int], journal: Journal) -> None:
    # "-" does not exclude and "OR" does not widen: every word must appear.
    assert search(journal, "pelican -strategy") == search(journal, "pelican strategy")
    assert [h.entity for h in search(journal, "pelican strategy")] == ["exchange"]
    assert search(journal, "pricing OR heron") == []
    entries.add_reflection(journal, "pricing or heron, hard to say", date=dt.date(2024, 2, 2))
    assert [h.entity for h in search(journal, "pricing OR heron")] == ["reflection"]
    assert search(journal, "") == []
    assert search(journal, "  !?  ") == []
    assert match_expression("a-b") == '"a" "b"*'


def test_search_prefix_matches_only_the_last_word(filled: dict[str, int], journal: Journal) -> None:
    assert {h.entity for h in search(journal, "pelic")} == {h.entity for h in search(journal, "pelican")}
    assert [h.entity for h in search(journal, "pricing strat")] == ["exchange"]
    assert search(journal, "pric strategy") == []  # only the last word is a prefix
    assert search(journal, "pelicans") == []


def test_search_ignores_accents_and_case(journal: Journal) -> None:
    pid = people.add_person(journal, people.PersonInput(name="Élodie Durand"))
    entries.add_touchpoint(journal, pid, "Café in Zürich", date=dt.date(2024, 1, 1))
    assert [h.entity for h in search(journal, "elodie")] == ["person"]
    assert [h.entity for h in search(journal, "CAFE zurich")] == ["touchpoint"]


def test_search_index_follows_edits_and_deletes(filled: dict[str, int], journal: Journal) -> None:
    ana = filled["ana"]
    entries.update_exchange(
        journal,
        filled["exchange"],
        entries.ExchangeInput(
            "received",
            "advice",
            "pricing strategy for the flamingo launch",
            ana,
            date=dt.date(2023, 1, 10),
            outcome="albatross deal",
        ),
    )
    assert ("exchange", filled["exchange"]) not in {(h.entity, h.entity_id) for h in search(journal, "pelican")}
    assert "tiered" not in {h.plain_snippet() for h in search(journal, "tiered")}
    assert search(journal, "tiered") == []  # details were cleared by the edit
    assert [(h.entity, h.entity_id) for h in search(journal, "flamingo")] == [("exchange", filled["exchange"])]
    assert [(h.entity, h.entity_id) for h in search(journal, "albatross")] == [("exchange", filled["exchange"])]

    people.update_person(journal, ana, people.PersonInput(name="Ana Costa", organisation="Heron Labs"))
    assert [h.entity for h in search(journal, "silva")] == []
    assert [h.entity for h in search(journal, "costa")] == ["person"]
    assert [h.person_name for h in search(journal, "flamingo")] == ["Ana Costa"]

    deletions.delete_entry(journal, EntryType.TOUCHPOINT, filled["touchpoint"])
    assert "touchpoint" not in {h.entity for h in search(journal, "pelican")}
    entries.close_loop(journal, filled["loop"], done_on=dt.date(2023, 10, 1))
    assert [h.entity_id for h in search(journal, "deck")] == [filled["loop"]]
    deletions.delete_entry(journal, EntryType.LOOP, filled["loop"])
    assert search(journal, "deck") == []
    deletions.delete_entry(journal, EntryType.EXCHANGE, filled["exchange"])
    assert search(journal, "flamingo") == []
    assert search(journal, "albatross") == []


def test_deleting_a_person_removes_their_cascaded_entries_from_search(filled: dict[str, int], journal: Journal) -> None:
    with journal.write():
        journal.delete(Person, filled["ana"])
    # The reflection survives (its person is set to NULL); everything that cascaded is gone.
    assert [(h.entity, h.entity_id, h.person_id) for h in search(journal, "pelican")] == [
        ("reflection", filled["reflection"], None)
    ]
