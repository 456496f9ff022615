"""The demo journal: believable, deterministic, and valid by the services' own rules."""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import string
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.domain import Direction, Kind, LoopKind
from netjournal.insights.patterns import Pattern
from netjournal.insights.specificity import score_specificity
from netjournal.services import entries
from netjournal.services.demo import DEMO_SIZES, DemoStats, create_demo_journal, populate_demo
from netjournal.services.demo.text import DemoWords, words
from netjournal.services.entries import ExchangeInput
from netjournal.services.events import JournalChange
from netjournal.services.journal import Journal
from netjournal.services.people import _normalise_tags, list_people
from netjournal.services.prompting import gather_evidence
from netjournal.services.relationships import relationship

TODAY = dt.date(2026, 6, 15)
TABLES = ("person", "exchange", "touchpoint", "open_loop", "reflection", "circumstance", "prompt_state")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoStats]:
    path = tmp_path_factory.mktemp("demo") / "demo.nj"
    stats = create_demo_journal(path, PASSPHRASE, "small", kdf_iter=TEST_KDF_ITER, today=TODAY)
    return path, stats


@pytest.fixture
def demo(demo_file: tuple[Path, DemoStats]) -> Iterator[Journal]:
    """The small demo journal, opened for one test."""
    journal = Journal.open(demo_file[0], PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    yield journal
    journal.close()


def rows(journal: Journal, sql: str, *params: object) -> list[tuple]:
    return journal.store.db.execute_sql(sql, params).fetchall()


def dump(path: Path) -> dict[str, list[tuple]]:
    with Journal.open(path, PASSPHRASE, kdf_iter=TEST_KDF_ITER) as journal:
        found = {table: rows(journal, f"SELECT * FROM {table} ORDER BY rowid") for table in TABLES}
        found["search_index"] = rows(journal, "SELECT rowid, * FROM search_index ORDER BY rowid")
    return found


# -- size and shape ------------------------------------------------------------------


def test_small_demo_counts_are_in_range(demo: Journal, demo_file: tuple[Path, DemoStats]) -> None:
    stats = demo_file[1]
    size = DEMO_SIZES["small"]
    assert stats.people == size.people == 150
    assert stats.exchanges + stats.touchpoints == size.entries == 3_000
    assert 0.6 <= stats.exchanges / size.entries <= 0.7
    assert 0.015 * size.entries <= stats.loops <= 0.025 * size.entries
    assert stats.reflections == size.reflections
    assert 3 <= stats.circumstances <= 0.08 * size.people
    assert stats.seconds > 0
    counted = {table: rows(demo, f"SELECT count(*) FROM {table}")[0][0] for table in TABLES}
    assert counted == {
        "person": stats.people,
        "exchange": stats.exchanges,
        "touchpoint": stats.touchpoints,
        "open_loop": stats.loops,
        "reflection": stats.reflections,
        "circumstance": stats.circumstances,
        "prompt_state": 0,
    }


def test_history_spans_fifteen_years_and_grows_denser(demo: Journal) -> None:
    first, last = rows(demo, "SELECT min(date), max(date) FROM exchange")[0]
    assert dt.date.fromisoformat(first) < dt.date(2012, 1, 1)
    assert TODAY - dt.timedelta(days=7) <= dt.date.fromisoformat(last) <= TODAY
    per_year = dict(rows(demo, "SELECT substr(date, 1, 4), count(*) FROM exchange GROUP BY 1"))
    assert per_year["2025"] > 1.5 * per_year["2013"]


def test_nothing_is_dated_after_today(demo: Journal) -> None:
    today = TODAY.isoformat()
    for table, column in (
        ("exchange", "date"),
        ("touchpoint", "date"),
        ("reflection", "date"),
        ("open_loop", "opened_on"),
        ("open_loop", "done_on"),
        ("circumstance", "start_on"),
        ("person", "last_entry_on"),
    ):
        assert rows(demo, f"SELECT count(*) FROM {table} WHERE {column} > ?", today) == [(0,)], (table, column)
    assert rows(demo, "SELECT count(*) FROM person WHERE substr(created_at, 1, 10) > ?", today) == [(0,)]


def test_timestamps_come_from_the_entry_date(demo: Journal) -> None:
    for table in ("exchange", "touchpoint", "reflection"):
        assert rows(demo, f"SELECT count(*) FROM {table} WHERE substr(created_at, 1, 10) != date") == [(0,)]


# -- determinism ---------------------------------------------------------------------


def test_same_seed_and_day_give_identical_journals(tmp_path: Path) -> None:
    for name in ("a.nj", "b.nj"):
        create_demo_journal(tmp_path / name, PASSPHRASE, "small", seed=11, kdf_iter=TEST_KDF_ITER, today=TODAY)
    first, second = dump(tmp_path / "a.nj"), dump(tmp_path / "b.nj")
    assert first["exchange"]
    for table in first:
        assert first[table] == second[table], table


def test_another_seed_gives_another_journal(tmp_path: Path) -> None:
    for name, seed in (("a.nj", 1), ("b.nj", 2)):
        create_demo_journal(tmp_path / name, PASSPHRASE, "small", seed=seed, kdf_iter=TEST_KDF_ITER, today=TODAY)
    first, second = dump(tmp_path / "a.nj"), dump(tmp_path / "b.nj")
    assert [p[1] for p in first["person"]] != [p[1] for p in second["person"]]
    assert {e[4] for e in first["exchange"]} != {e[4] for e in second["exchange"]}


# -- the rules the services enforce ----------------------------------------------------


def test_every_exchange_passes_the_services_validation(demo: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entries, "_today", lambda: TODAY)
    columns = (
        "id, direction, kind, summary, person_id, date, details, significance, second_person_id, "
        "community, reciprocates_id, outcome"
    )
    for row in rows(demo, f"SELECT {columns} FROM exchange"):
        eid, *values = row
        entries.validated_exchange(demo, ExchangeInput(*values), editing_id=eid)


def test_introductions_connect_two_different_people(demo: Journal) -> None:
    intros = rows(demo, "SELECT person_id, second_person_id FROM exchange WHERE kind = 'introduction'")
    assert len(intros) > 50
    assert all(p is not None and s is not None and p != s for p, s in intros)
    others = "SELECT count(*) FROM exchange WHERE kind != 'introduction' AND second_person_id IS NOT NULL"
    assert rows(demo, others) == [(0,)]


def test_reciprocation_links_point_back_the_other_way(demo: Journal) -> None:
    links = rows(
        demo,
        "SELECT e.direction, e.date, e.person_id, r.direction, r.date, r.person_id FROM exchange e "
        "JOIN exchange r ON r.id = e.reciprocates_id",
    )
    received = rows(demo, "SELECT count(*) FROM exchange WHERE direction = 'received'")[0][0]
    linked_received = sum(1 for link in links if link[0] == "received")
    assert 0.08 <= linked_received / received <= 0.2
    assert any(link[0] == "given" for link in links)
    for direction, date, person, back_direction, back_date, back_person in links:
        assert back_direction == Direction(direction).opposite
        assert back_date <= date
        assert back_person == person


def test_both_directions_all_kinds_and_skewed_significance(demo: Journal) -> None:
    directions = dict(rows(demo, "SELECT direction, count(*) FROM exchange GROUP BY 1"))
    given_share = directions["given"] / sum(directions.values())
    assert 0.48 <= given_share <= 0.66
    assert {k for (k,) in rows(demo, "SELECT DISTINCT kind FROM exchange")} == {k.value for k in Kind}
    significance = dict(rows(demo, "SELECT significance, count(*) FROM exchange GROUP BY 1"))
    assert set(significance) == {1, 2, 3, 4, 5}
    assert significance[2] + significance[3] > 0.5 * sum(significance.values())


def test_contributions_to_the_network_name_a_community(demo: Journal) -> None:
    contributions = rows(demo, "SELECT direction, community, kind FROM exchange WHERE person_id IS NULL")
    total = rows(demo, "SELECT count(*) FROM exchange")[0][0]
    assert 0.02 * total <= len(contributions) <= 0.04 * total
    assert all(direction == "given" and community for direction, community, _ in contributions)
    assert rows(demo, "SELECT count(*) FROM exchange WHERE person_id IS NOT NULL AND community != ''") == [(0,)]


def test_summaries_are_mostly_specific_and_varied(demo: Journal) -> None:
    exchanges = rows(demo, "SELECT summary, details FROM exchange")
    vague = sum(score_specificity(summary, details).is_vague for summary, details in exchanges)
    assert 0.06 <= vague / len(exchanges) <= 0.18
    assert len({summary for summary, _ in exchanges}) > 0.8 * len(exchanges)
    with_details = sum(1 for _, details in exchanges if details)
    assert 0.3 <= with_details / len(exchanges) <= 0.5
    assert rows(demo, "SELECT count(*) FROM exchange WHERE kind = 'introduction' AND outcome != ''")[0][0] > 0


def test_people_look_like_an_address_book(demo: Journal) -> None:
    people = rows(demo, "SELECT name, organisation, role, how_met, tags, cadence_days, archived, notes FROM person")
    names = [p[0] for p in people]
    assert len(set(names)) == len(names)
    assert all(name == " ".join(name.split()) and " " in name for name in names)
    assert sum(1 for p in people if p[1]) > 0.8 * len(people)
    assert sum(1 for p in people if p[3]) > 0.7 * len(people)
    assert all(p[4] == _normalise_tags(p[4].split(",")) for p in people)
    cadences = [p[5] for p in people if p[5] is not None]
    assert 0.25 * len(people) <= len(cadences) <= 0.5 * len(people)
    assert set(cadences) <= {30, 60, 90, 180, 365}
    assert 1 <= sum(p[6] for p in people) <= 0.06 * len(people)
    assert any(p[7] for p in people)
    assert len({p[1] for p in people if p[1]}) > 20


def test_touchpoints_loops_reflections_and_circumstances(demo: Journal) -> None:
    channels = {c for (c,) in rows(demo, "SELECT DISTINCT channel FROM touchpoint")}
    assert {"email", "call", "coffee", "LinkedIn", "conference", "message"} <= channels
    assert rows(demo, "SELECT count(*) FROM touchpoint WHERE trim(note) = ''") == [(0,)]
    loops = rows(demo, "SELECT loop_kind, opened_on, due_on, done_on FROM open_loop")
    assert {kind for kind, *_ in loops} == {"promised", "asked"}
    assert all(due is None or due >= opened for _, opened, due, _ in loops)
    assert all(done is None or done >= opened for _, opened, _, done in loops)
    today = TODAY.isoformat()
    assert any(done is not None for *_, done in loops)
    assert any(done is None and due is not None and due > today for _, _, due, done in loops)
    assert rows(demo, "SELECT count(*) FROM reflection WHERE person_id IS NOT NULL")[0][0] > 10
    circumstances = rows(demo, "SELECT start_on, end_on FROM circumstance")
    assert all(end is None or end >= start for start, end in circumstances)
    assert any(end is None and start >= (TODAY - dt.timedelta(days=365)).isoformat() for start, end in circumstances)


# -- evidence for today's prompts and pattern hints -------------------------------------


def test_todays_prompts_have_evidence(demo: Journal) -> None:
    evidence = gather_evidence(demo, TODAY)
    assert evidence["overdue_valuable"]
    assert evidence["received_without_giving"]
    assert any(item.fields["days"] <= 60 for item in evidence["loop_past_due"])
    assert any(item.fields["years"] == 1 for item in evidence["exchange_anniversary"])
    assert evidence["vague_entries_week"] and evidence["vague_entries_week"][0].fields["count"] >= 2
    overdue = [p for p in list_people(demo, include_archived=False) if p.overdue_days(TODAY) > 0]
    assert overdue


def test_pattern_hints_vary_and_some_are_softened(demo: Journal) -> None:
    hints = [relationship(demo, p.id, today=TODAY).hint for p in list_people(demo)]
    assert {hint.pattern for hint in hints} == set(Pattern)
    assert collections.Counter(hint.pattern for hint in hints)[Pattern.MUTUAL] >= 10
    assert any(hint.softened for hint in hints)


# -- the word list (resources/demo_words.json) ---------------------------------------

# Slots demo.text.Slots fills by itself, besides one per pool in the data file.
FILLED_SLOTS = {
    "p",
    "P",
    "sp",
    "Sp",
    "op",
    "pr",
    "p_org",
    "o",
    "o_first",
    "o_desc",
    "o_org",
    "org",
    "org2",
    "uni",
    "why",
    "res",
    "tail",
    "outcome",
    "n",
    "day",
    "month",
    "yr",
}
# Slots the generator sets by hand for the templates of one field.
SET_BY_CALLER = {
    "how_met": {"intro"},
    "outcomes": {"met_day"},
    "return_notes": {"when"},
    "circumstances": {"end_month"},
}


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, tuple):
        for item in value:
            yield from strings(item)


def test_word_list_is_read_once_and_read_only() -> None:
    assert words() is words()
    assert isinstance(words().months, tuple) and len(words().months) == 12
    with pytest.raises(TypeError):
        words().pools["topic"] = ("anything",)  # type: ignore[index]


def test_every_template_slot_is_one_the_generator_fills() -> None:
    fillable = FILLED_SLOTS | set(words().pools)
    for field in dataclasses.fields(DemoWords):
        allowed = {"place"} if field.name == "university_patterns" else fillable | SET_BY_CALLER.get(field.name, set())
        for template in strings(getattr(words(), field.name)):
            used = {name for _, name, _, _ in string.Formatter().parse(template) if name}
            assert used <= allowed, (field.name, template)


def test_word_list_covers_every_kind_direction_channel_and_organisation_type() -> None:
    w = words()
    directions = {d.value for d in Direction}
    assert set(w.summaries) == {k.value for k in Kind}
    for by_direction in (*w.summaries.values(), w.why, w.results, w.details, w.return_notes, w.outcomes):
        assert set(by_direction) == directions
    assert {kind for kind, _ in w.contributions} <= {k.value for k in Kind}
    assert set(w.loops) == {k.value for k in LoopKind} | {"none"}
    assert set(w.channels) == set(w.touch_notes) >= {channel for channel, _ in w.how_met}
    assert set(w.org_type_weights) == set(w.org_suffixes) | {"university"}
    assert set(w.roles) == set(w.type_tags) == set(w.org_type_weights) | {"none"}
    assert {shape for shape, _ in w.circumstances} <= {"end", "open", "any"}


# -- the API -----------------------------------------------------------------------


def test_populate_refuses_a_journal_with_data_and_unknown_sizes(journal: Journal) -> None:
    with pytest.raises(ValueError, match="size"):
        populate_demo(journal, "huge", today=TODAY)
    stats = populate_demo(journal, "small", today=TODAY)
    assert stats.people == 150
    with pytest.raises(ValueError, match="empty"):
        populate_demo(journal, "small", today=TODAY)


def test_populate_notifies_once_after_commit(journal: Journal) -> None:
    heard = []
    journal.changes.subscribe(heard.append)
    populate_demo(journal, "small", today=TODAY)
    assert heard == [JournalChange.whole_journal()]


def test_a_demo_that_fails_half_way_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from netjournal.services.demo import builder
    from netjournal.store.errors import StorageFullError

    path = tmp_path / "demo.nj"
    real_insert, calls = builder._insert, []

    def insert_then_run_out_of_space(journal: Journal, model: type, rows: list) -> None:
        calls.append(model)
        if len(calls) == 3:  # people and exchanges are in; the disk fills up on the touchpoints
            raise StorageFullError(path)
        real_insert(journal, model, rows)

    monkeypatch.setattr(builder, "_insert", insert_then_run_out_of_space)
    with pytest.raises(StorageFullError):
        create_demo_journal(path, PASSPHRASE, "small", kdf_iter=TEST_KDF_ITER, today=TODAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    monkeypatch.setattr(builder, "_insert", real_insert)
    stats = create_demo_journal(path, PASSPHRASE, "small", kdf_iter=TEST_KDF_ITER, today=TODAY)  # the retry works
    assert stats.people == 150
