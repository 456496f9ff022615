"""Invalid input names the field at fault and writes nothing; listeners hear only about committed writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playhouse.sqlcipher_ext import SqlCipherDatabase
from support import PASSPHRASE, TEST_KDF_ITER

from netjournal.domain import Entity, EntryType, LoopKind
from netjournal.insights.prompts import DuePrompt
from netjournal.services import deletions, entries, people, prompting
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.services.journal import Journal
from netjournal.services.validation import ValidationError
from netjournal.store.models import Person, PromptState, Reflection

DAY = dt.date(2024, 3, 1)


@dataclass
class World:
    journal: Journal
    ana: int
    ben: int
    given: int  # an exchange given to Ana on DAY
    loop: int  # a loop with Ana opened on DAY


@pytest.fixture
def world(journal: Journal) -> World:
    ana = people.add_person(journal, people.PersonInput(name="Ana Silva", organisation="Acme"))
    ben = people.add_person(journal, people.PersonInput(name="Ben Okafor"))
    given = entries.add_exchange(journal, entries.ExchangeInput("given", "advice", "reviewed her CV", ana, date=DAY))
    loop = entries.add_loop(journal, LoopKind.PROMISED, "send the deck", person_id=ana, opened_on=DAY)
    return World(journal, ana, ben, given, loop)


def snapshot(journal: Journal) -> dict[str, list[tuple]]:
    """Every row of every table, including the full-text index's own tables."""
    db = journal.store.db
    tables = [row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: sorted(db.execute_sql(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def exchange(world: World, **changes: object) -> entries.ExchangeInput:
    values: dict[str, object] = {
        "direction": "received",
        "kind": "advice",
        "summary": "pointers on pricing",
        "person_id": world.ana,
        "date": DAY,
    }
    values.update(changes)
    return entries.ExchangeInput(**values)  # type: ignore[arg-type]


TOMORROW = dt.date.today() + dt.timedelta(days=1)

Case = Callable[[World], object]
CASES: list[tuple[str, str, Case]] = [
    ("empty summary", "summary", lambda w: entries.add_exchange(w.journal, exchange(w, summary=""))),
    ("whitespace summary", "summary", lambda w: entries.add_exchange(w.journal, exchange(w, summary=" \t\n "))),
    ("significance 0", "significance", lambda w: entries.add_exchange(w.journal, exchange(w, significance=0))),
    ("significance 6", "significance", lambda w: entries.add_exchange(w.journal, exchange(w, significance=6))),
    ("significance x", "significance", lambda w: entries.add_exchange(w.journal, exchange(w, significance="x"))),
    ("significance None", "significance", lambda w: entries.add_exchange(w.journal, exchange(w, significance=None))),
    ("unknown kind", "kind", lambda w: entries.add_exchange(w.journal, exchange(w, kind="gossip"))),
    ("unknown direction", "direction", lambda w: entries.add_exchange(w.journal, exchange(w, direction="sideways"))),
    ("future date", "date", lambda w: entries.add_exchange(w.journal, exchange(w, date=TOMORROW))),
    ("future date text", "date", lambda w: entries.add_exchange(w.journal, exchange(w, date=TOMORROW.isoformat()))),
    ("malformed date", "date", lambda w: entries.add_exchange(w.journal, exchange(w, date="2024-13-01"))),
    ("malformed date words", "date", lambda w: entries.add_exchange(w.journal, exchange(w, date="last tuesday"))),
    ("malformed date slashes", "date", lambda w: entries.add_exchange(w.journal, exchange(w, date="01/02/2024"))),
    (
        "introduction without second person",
        "second_person",
        lambda w: entries.add_exchange(w.journal, exchange(w, kind="introduction")),
    ),
    (
        "introduction without person",
        "person",
        lambda w: entries.add_exchange(
            w.journal, exchange(w, kind="introduction", person_id=None, second_person_id=w.ben)
        ),
    ),
    (
        "introduction to the same person",
        "second_person",
        lambda w: entries.add_exchange(w.journal, exchange(w, kind="introduction", second_person_id=w.ana)),
    ),
    (
        "second person on a non-introduction",
        "second_person",
        lambda w: entries.add_exchange(w.journal, exchange(w, kind="advice", second_person_id=w.ben)),
    ),
    (
        "second person not in the journal",
        "second_person",
        lambda w: entries.add_exchange(w.journal, exchange(w, kind="introduction", second_person_id=9999)),
    ),
    ("person not in the journal", "person", lambda w: entries.add_exchange(w.journal, exchange(w, person_id=9999))),
    (
        "community with a person",
        "community",
        lambda w: entries.add_exchange(w.journal, exchange(w, direction="given", community="PyLadies")),
    ),
    (
        "reciprocation in the same direction",
        "reciprocates",
        lambda w: entries.add_exchange(w.journal, exchange(w, direction="given", reciprocates_id=w.given)),
    ),
    (
        "reciprocation of a later exchange",
        "reciprocates",
        lambda w: entries.add_exchange(
            w.journal, exchange(w, date=DAY - dt.timedelta(days=1), reciprocates_id=w.given)
        ),
    ),
    (
        "reciprocation of a missing exchange",
        "reciprocates",
        lambda w: entries.add_exchange(w.journal, exchange(w, reciprocates_id=9999)),
    ),
    (
        "exchange returning itself",
        "reciprocates",
        lambda w: entries.update_exchange(
            w.journal, w.given, exchange(w, direction="received", reciprocates_id=w.given)
        ),
    ),
    (
        "edit with empty summary",
        "summary",
        lambda w: entries.update_exchange(w.journal, w.given, exchange(w, direction="given", summary="")),
    ),
    ("touchpoint with empty note", "note", lambda w: entries.add_touchpoint(w.journal, w.ana, "", date=DAY)),
    ("touchpoint with blank note", "note", lambda w: entries.add_touchpoint(w.journal, w.ana, "   ", date=DAY)),
    ("touchpoint in the future", "date", lambda w: entries.add_touchpoint(w.journal, w.ana, "call", date=TOMORROW)),
    ("touchpoint with nobody", "person", lambda w: entries.add_touchpoint(w.journal, None, "call", date=DAY)),  # type: ignore[arg-type]
    (
        "loop due before opened",
        "due_on",
        lambda w: entries.add_loop(
            w.journal, "promised", "send deck", person_id=w.ana, opened_on=DAY, due_on=DAY - dt.timedelta(days=1)
        ),
    ),
    ("loop of unknown kind", "loop_kind", lambda w: entries.add_loop(w.journal, "hoped", "x", person_id=w.ana)),
    ("loop with nothing promised", "what", lambda w: entries.add_loop(w.journal, "asked", " ", person_id=w.ana)),
    (
        "loop closed before it opened",
        "done_on",
        lambda w: entries.close_loop(w.journal, w.loop, done_on=DAY - dt.timedelta(days=1)),
    ),
    (
        "circumstance end before start",
        "end_on",
        lambda w: entries.add_circumstance(
            w.journal, w.ana, "new job", start_on=DAY, end_on=DAY - dt.timedelta(days=1)
        ),
    ),
    ("circumstance with empty note", "note", lambda w: entries.add_circumstance(w.journal, w.ana, "", start_on=DAY)),
    ("reflection with empty text", "text", lambda w: entries.add_reflection(w.journal, "  ", date=DAY)),
    ("person with empty name", "name", lambda w: people.add_person(w.journal, people.PersonInput(name=""))),
    ("person with blank name", "name", lambda w: people.add_person(w.journal, people.PersonInput(name=" \t "))),
    (
        "renaming a person to nothing",
        "name",
        lambda w: people.update_person(w.journal, w.ana, people.PersonInput(name="")),
    ),
    (
        "cadence 0",
        "cadence_days",
        lambda w: people.add_person(w.journal, people.PersonInput(name="Cy", cadence_days=0)),
    ),
    (
        "cadence negative",
        "cadence_days",
        lambda w: people.add_person(w.journal, people.PersonInput(name="Cy", cadence_days=-7)),
    ),
    (
        "cadence too long",
        "cadence_days",
        lambda w: people.add_person(w.journal, people.PersonInput(name="Cy", cadence_days=people.MAX_CADENCE_DAYS + 1)),
    ),
    (
        "cadence out of range on edit",
        "cadence_days",
        lambda w: people.update_person(w.journal, w.ana, people.PersonInput(name="Ana Silva", cadence_days=0)),
    ),
]


@pytest.mark.parametrize(("label", "field", "attempt"), CASES, ids=[c[0] for c in CASES])
def test_invalid_input_names_its_field_and_writes_nothing(world: World, label: str, field: str, attempt: Case) -> None:
    heard: list[JournalChange] = []
    world.journal.changes.subscribe(heard.append)
    before = snapshot(world.journal)
    with pytest.raises(ValidationError) as caught:
        attempt(world)
    assert caught.value.field == field, (label, caught.value.field, str(caught.value))
    assert str(caught.value).strip(), label
    assert snapshot(world.journal) == before, label
    assert heard == [], label


def test_valid_edges_are_accepted(world: World) -> None:
    """The same checks do not refuse the boundary values they should allow (so the refusals above mean something)."""
    journal = world.journal
    entries.add_exchange(journal, exchange(world, significance=1))
    entries.add_exchange(journal, exchange(world, significance=5, date=dt.date.today()))
    entries.add_exchange(journal, exchange(world, significance="4", date=DAY.isoformat()))
    entries.add_exchange(journal, exchange(world, reciprocates_id=world.given, date=DAY))  # same day is fine
    entries.add_exchange(journal, exchange(world, kind="introduction", second_person_id=world.ben))
    entries.add_exchange(journal, exchange(world, person_id=None, direction="given", community="PyLadies"))
    entries.add_loop(journal, "asked", "intro to Cy", person_id=world.ana, opened_on=DAY, due_on=DAY)
    entries.add_circumstance(journal, world.ana, "on leave", start_on=DAY, end_on=DAY)
    people.add_person(journal, people.PersonInput(name="Cy", cadence_days=1))
    people.add_person(journal, people.PersonInput(name="Di", cadence_days=people.MAX_CADENCE_DAYS))


def test_direction_cannot_flip_under_a_later_return(world: World) -> None:
    journal = world.journal
    entries.add_exchange(journal, exchange(world, reciprocates_id=world.given))
    other = entries.add_exchange(journal, exchange(world, direction="given", summary="intro to a recruiter"))
    before = snapshot(journal)
    # Re-pointing the given exchange so it returns another one while flipping its direction
    # would leave the later return pointing at an exchange that went the same way.
    with pytest.raises(ValidationError) as caught:
        entries.update_exchange(
            journal, world.given, exchange(world, direction="received", summary="x", reciprocates_id=other)
        )
    assert caught.value.field == "direction"
    assert snapshot(journal) == before


# -- the change notifier ------------------------------------------------------------


def _raw_count(path: Path, table: str) -> int:
    """Rows another connection sees: only committed data."""
    db = SqlCipherDatabase(str(path), passphrase=PASSPHRASE, pragmas=[("kdf_iter", TEST_KDF_ITER)])
    try:
        db.connect()
        return db.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        db.close()


@pytest.fixture
def recorder(journal: Journal) -> Iterator[list[tuple[JournalChange, bool, int, int]]]:
    """Each change with: was a transaction still open, and committed person / reflection counts seen from outside."""
    heard: list[tuple[JournalChange, bool, int, int]] = []

    def listen(change: JournalChange) -> None:
        heard.append(
            (
                change,
                journal.store.db.in_transaction(),
                _raw_count(journal.path, "person"),
                _raw_count(journal.path, "reflection"),
            )
        )

    unsubscribe = journal.changes.subscribe(listen)
    yield heard
    unsubscribe()


def test_one_change_per_write_after_commit(journal: Journal, recorder: list) -> None:
    ana = people.add_person(journal, people.PersonInput(name="Ana Silva"))
    assert recorder == [(JournalChange(Entity.PERSON, ChangeAction.ADDED, (ana,), (ana,)), False, 1, 0)]
    ben = people.add_person(journal, people.PersonInput(name="Ben Okafor"))
    intro = entries.add_exchange(
        journal, entries.ExchangeInput("given", "introduction", "Ana to Ben", ana, second_person_id=ben, date=DAY)
    )
    entries.add_reflection(journal, "good week", date=DAY)
    assert [c for c, *_ in recorder[1:]] == [
        JournalChange(Entity.PERSON, ChangeAction.ADDED, (ben,), (ben,)),
        JournalChange(Entity.EXCHANGE, ChangeAction.ADDED, (intro,), (ana, ben)),
        JournalChange(Entity.REFLECTION, ChangeAction.ADDED, (1,), ()),
    ]
    # Every notification came after its commit: visible from another connection.
    assert [(open_, persons, reflections) for _, open_, persons, reflections in recorder] == [
        (False, 1, 0),
        (False, 2, 0),
        (False, 2, 0),
        (False, 2, 1),
    ]
    deletions.delete_entry(journal, EntryType.EXCHANGE, intro)
    assert recorder[-1][0] == JournalChange(Entity.EXCHANGE, ChangeAction.DELETED, (intro,), (ana, ben))
    assert len(recorder) == 5


def test_no_change_for_failed_writes(journal: Journal, recorder: list) -> None:
    with pytest.raises(ValidationError):
        people.add_person(journal, people.PersonInput(name=""))
    # A write that fails inside its transaction is rolled back and not announced.
    with pytest.raises(RuntimeError, match="boom"), journal.write() as changes:
        person_id = journal.insert(Person, {"name": "Ghost"})
        changes.append(JournalChange(Entity.PERSON, ChangeAction.ADDED, (person_id,), (person_id,)))
        raise RuntimeError("boom")
    assert recorder == []
    assert Person.select().count(journal.db) == 0
    # The notifier still works for the next, good write.
    people.add_person(journal, people.PersonInput(name="Real"))
    assert len(recorder) == 1


def _due_prompt(person_id: int | None = None) -> DuePrompt:
    return DuePrompt("test-prompt@2024-W09", "test-prompt", "generosity", "Who could you help?", "test", person_id)


def test_nested_write_notifies_after_the_outer_commit(journal: Journal, recorder: list) -> None:
    ana = people.add_person(journal, people.PersonInput(name="Ana Silva"))
    recorder.clear()
    reflection_id = prompting.answer_prompt(journal, _due_prompt(ana), "I will send Ana the deck", today=DAY)
    changes = [c for c, *_ in recorder]
    assert changes == [
        JournalChange(Entity.REFLECTION, ChangeAction.ADDED, (reflection_id,), (ana,)),
        JournalChange(Entity.PROMPT_STATE, ChangeAction.UPDATED),
    ]
    # Even the inner (reflection) change was announced only once everything had committed.
    assert all(not open_ and reflections == 1 for _, open_, _, reflections in recorder)
    state = PromptState.select().where(PromptState.prompt_key == "test-prompt@2024-W09").get(journal.db)
    assert state.answered_on == DAY


def test_failed_nested_write_rolls_back_and_announces_nothing(journal: Journal, recorder: list) -> None:
    with pytest.raises(ValidationError) as caught:
        prompting.answer_prompt(journal, _due_prompt(), "   ", today=DAY)
    assert caught.value.field == "text"
    assert recorder == []
    assert Reflection.select().count(journal.db) == 0
    assert PromptState.select().count(journal.db) == 0
    # Nested write whose outer part fails after the inner one succeeded: both roll back, nothing heard.
    with pytest.raises(RuntimeError), journal.write():
        entries.add_reflection(journal, "inner part", date=DAY)
        raise RuntimeError("outer fails")
    assert recorder == []
    assert Reflection.select().count(journal.db) == 0


def test_unsubscribe(journal: Journal) -> None:
    first: list[JournalChange] = []
    second: list[JournalChange] = []
    stop_first = journal.changes.subscribe(first.append)
    journal.changes.subscribe(second.append)
    people.add_person(journal, people.PersonInput(name="Ana Silva"))
    stop_first()
    stop_first()  # harmless twice
    people.add_person(journal, people.PersonInput(name="Ben Okafor"))
    assert len(first) == 1
    assert len(second) == 2


def test_listener_may_unsubscribe_itself_while_notified(journal: Journal) -> None:
    heard: list[str] = []
    stop: list[Callable[[], None]] = []

    def once(change: JournalChange) -> None:
        heard.append("once")
        stop[0]()

    stop.append(journal.changes.subscribe(once))
    journal.changes.subscribe(lambda change: heard.append("always"))
    people.add_person(journal, people.PersonInput(name="Ana Silva"))
    people.add_person(journal, people.PersonInput(name="Ben Okafor"))
    assert heard == ["once", "always", "always"]


def test_direction_cannot_flip_under_a_later_return_without_a_link_of_its_own(world: World) -> None:
    """The edited exchange returns nothing itself, but a later one returns it: its direction must stay."""
    journal = world.journal
    entries.add_exchange(journal, exchange(world, summary="thank-you intro", reciprocates_id=world.given))
    before = snapshot(journal)
    with pytest.raises(ValidationError) as caught:
        entries.update_exchange(journal, world.given, exchange(world, direction="received", summary="reviewed her CV"))
    assert caught.value.field == "direction"
    assert snapshot(journal) == before


def test_date_cannot_move_after_a_later_return(world: World) -> None:
    """An exchange returned on DAY cannot be re-dated to after DAY: the return would precede what it returns."""
    journal = world.journal
    entries.add_exchange(journal, exchange(world, summary="thank-you intro", reciprocates_id=world.given))
    before = snapshot(journal)
    with pytest.raises(ValidationError) as caught:
        entries.update_exchange(
            journal, world.given, exchange(world, direction="given", date=DAY + dt.timedelta(days=10))
        )
    assert caught.value.field in {"date", "reciprocates"}
    assert snapshot(journal) == before
