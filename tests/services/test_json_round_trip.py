"""Property: any journal, exported, imported into a new journal and exported again, gives the same document.

Journals are generated as a sequence of what a person does through the
services (people with contact details, every kind of entry and reference,
prompt states, edits and deletes that leave tombstones); an action the
services refuse is simply skipped, as it would be in the window.  Introductions between others
are made, edited and given outcomes too, and lose an introduced person (or go with the one who
made them) when people are deleted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st
from support import PASSPHRASE, TEST_KDF_ITER, derived_data

from netjournal.domain import ContactDetail, DetailField, Direction, EntryType, Kind, LoopKind
from netjournal.exports.json_export import write_export
from netjournal.services import deletions, entries, people, prompting
from netjournal.services.brokered_introductions import (
    BrokeredInput,
    add_brokered,
    set_brokered_outcome,
    update_brokered,
)
from netjournal.services.journal import Journal
from netjournal.services.json_import import import_json, read_export
from netjournal.services.validation import NotFoundError, ValidationError

STAMP = "2030-01-01T00:00:00.000Z"
# Any character but lone surrogates, which no text typed or pasted can hold.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=24)
# Text the services take where something is required: it starts with a word.
WORDS = st.builds(str.__add__, st.sampled_from(["Ana", "Zoë", "李", "Ωmega", "x"]), TEXT)
DAYS = st.dates(dt.date(2020, 1, 1), dt.date(2024, 12, 31))
# The person's dialog keeps a comma inside a tag ("a,b" is stored as it is), but every reader, the export
# included, splits the stored text on commas: a tag with a comma is two tags everywhere but in that text.
TAGS = WORDS.map(lambda tag: tag.replace(",", ";"))
INDEX = st.integers(0, 40)  # which of the rows made so far (modulo how many there are)
GAP = st.integers(0, 2)  # how far on from the person before: three people named, mostly three different ones

details = st.lists(
    st.one_of(
        st.builds(
            ContactDetail,
            st.just(DetailField.EMAIL),
            st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.example", fullmatch=True),
            WORDS,
        ),
        st.builds(
            ContactDetail, st.sampled_from([DetailField.PHONE, DetailField.WEB, DetailField.LOCATION]), WORDS, TEXT
        ),
        st.builds(
            ContactDetail, st.just(DetailField.BIRTHDAY), st.sampled_from(["1985-04-15", "--02-29", "2000-12-31"])
        ),
    ),
    max_size=3,
)
BROKERED = st.tuples(st.just("brokered"), INDEX, GAP, GAP, WORDS, DAYS, TEXT)
DELETE_PERSON = st.tuples(st.just("delete"), st.just("person"), INDEX)
person = st.builds(
    people.PersonInput,
    name=WORDS, organisation=TEXT, role=TEXT, how_met=TEXT, notes=TEXT,
    tags=st.lists(TAGS, max_size=3), cadence_days=st.none() | st.integers(1, 3650), archived=st.booleans(),
    details=st.none() | details,
)  # fmt: skip
actions = st.lists(
    st.one_of(
        st.tuples(st.just("person"), person),
        st.tuples(st.just("edit person"), INDEX, person),
        st.tuples(
            st.just("exchange"), st.sampled_from(Direction), st.sampled_from(Kind), WORDS, st.none() | INDEX, DAYS,
            st.none() | INDEX, TEXT, st.none() | INDEX, TEXT, TEXT, st.integers(1, 5),
        ),
        st.tuples(st.just("touchpoint"), INDEX, TEXT, DAYS, TEXT),
        st.tuples(st.just("loop"), st.sampled_from(LoopKind), WORDS, st.none() | INDEX, DAYS,
                  st.none() | st.integers(0, 30), st.none() | st.integers(0, 30)),
        st.tuples(st.just("reflection"), WORDS, DAYS, st.none() | INDEX, st.none() | WORDS, TEXT),
        st.tuples(st.just("circumstance"), INDEX, WORDS, DAYS, st.none() | st.integers(0, 300)),
        st.tuples(st.just("prompt"), WORDS, st.booleans(), DAYS),
        BROKERED,
        st.tuples(st.just("edit brokered"), INDEX, INDEX, GAP, GAP, WORDS, DAYS),
        st.tuples(st.just("brokered outcome"), INDEX, TEXT),
        st.tuples(st.just("delete"), st.sampled_from(["person", "exchange", "touchpoint", "loop", "reflection",
                                                      "circumstance", "brokered_introduction"]), INDEX),
    ),
    min_size=5,
    max_size=30,
)  # fmt: skip


def _pick(made: list[int], index: int | None) -> int | None:
    return None if index is None or not made else made[index % len(made)]


def _three(made: list[int], index: int, gap: int, more: int) -> tuple[int | None, int | None, int | None]:
    """A broker and the two they introduced: the people after ``index``, ``gap`` and ``more`` further on."""
    first = index + 1 + gap
    return _pick(made, index), _pick(made, first), _pick(made, first + 1 + more)


def _act(journal: Journal, made: dict[str, list[int]], action: tuple[Any, ...]) -> None:
    kind, *args = action
    people_ = made["person"]
    if kind == "person":
        made["person"].append(people.add_person(journal, args[0]))
    elif kind == "edit person" and people_:
        people.update_person(journal, _pick(people_, args[0]), args[1])  # type: ignore[arg-type]
    elif kind == "exchange":
        direction, value, summary, who, day, second, community, returns, outcome, more, significance = args
        data = entries.ExchangeInput(
            direction, value, summary, _pick(people_, who), day, more, significance, _pick(people_, second),
            community, _pick(made["exchange"], returns), outcome,
        )  # fmt: skip
        made["exchange"].append(entries.add_exchange(journal, data))
    elif kind == "touchpoint" and people_:
        who, note, day, channel = args
        made["touchpoint"].append(entries.add_touchpoint(journal, _pick(people_, who), note, date=day, channel=channel))  # type: ignore[arg-type]
    elif kind == "loop":
        loop_kind, what, who, opened, due, done = args
        due_on = None if due is None else opened + dt.timedelta(days=due)
        loop = entries.add_loop(
            journal, loop_kind, what, person_id=_pick(people_, who), due_on=due_on, opened_on=opened
        )
        made["loop"].append(loop)
        if done is not None:
            entries.close_loop(journal, loop, done_on=opened + dt.timedelta(days=done))
    elif kind == "reflection":
        text, day, who, prompt, question = args
        made["reflection"].append(
            entries.add_reflection(journal, text, date=day, person_id=_pick(people_, who), prompt_id=prompt,
                                   prompt_text=question)
        )  # fmt: skip
    elif kind == "circumstance" and people_:
        who, note, start, length = args
        end = None if length is None else start + dt.timedelta(days=length)
        made["circumstance"].append(
            entries.add_circumstance(journal, _pick(people_, who), note, start_on=start, end_on=end)
        )  # type: ignore[arg-type]
    elif kind == "prompt":
        key, snooze, day = args
        if snooze:
            prompting.snooze_prompt(journal, key, until=day)
        else:
            prompting.dismiss_prompt(journal, key, today=day)
    elif kind == "brokered" and people_:
        broker, gap, more, summary, day, outcome = args
        data = BrokeredInput(*_three(people_, broker, gap, more), summary, day, outcome)
        made["brokered_introduction"].append(add_brokered(journal, data))
    elif kind == "edit brokered" and people_ and made["brokered_introduction"]:
        row, broker, gap, more, summary, day = args
        data = BrokeredInput(*_three(people_, broker, gap, more), summary, day)
        update_brokered(journal, _pick(made["brokered_introduction"], row), data)  # type: ignore[arg-type]
    elif kind == "brokered outcome" and made["brokered_introduction"]:
        set_brokered_outcome(journal, _pick(made["brokered_introduction"], args[0]), args[1])  # type: ignore[arg-type]
    elif kind == "delete" and made[args[0]]:
        rows = made[args[0]]
        row = rows.pop(args[1] % len(rows))
        if args[0] == "person":
            deletions.delete_person(journal, row)
        elif args[0] == "circumstance":
            deletions.delete_circumstance(journal, row)
        else:
            deletions.delete_entry(journal, EntryType(args[0]), row)


def _export(journal: Journal) -> bytes:
    out = io.BytesIO()
    write_export(journal, out, exported_at=STAMP)
    return out.getvalue()


@settings(max_examples=25)
@given(st.lists(person, min_size=3, max_size=5), st.lists(BROKERED | DELETE_PERSON, max_size=4), actions)
def test_export_import_export_gives_the_same_document(
    first: list[people.PersonInput], brokered_first: list[tuple[Any, ...]], plan: list[tuple[Any, ...]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Journal.create(Path(folder) / "source.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER)
        with source:
            made: dict[str, list[int]] = {k: [] for k in ("person", "exchange", "touchpoint", "loop", "reflection",
                                                            "circumstance", "brokered_introduction")}  # fmt: skip
            # Three people at least, then introductions between them and deletes of people they name.
            for action in [("person", p) for p in first] + brokered_first + plan:
                # Refused, as the window would refuse it; or gone already, with a person deleted before.
                with contextlib.suppress(ValidationError, NotFoundError):
                    _act(source, made, action)
            exported = _export(source)
            (Path(folder) / "export.json").write_bytes(exported)
            expected = derived_data(source)
            event(f"{sum(map(len, made.values()))} rows, {exported.count(b'deleted_at')} tombstones")
            (brokered,) = source.sql("SELECT count(*) FROM brokered_introduction").fetchone()
            event("with introductions between others" if brokered else "without introductions between others")
            (cleared,) = source.sql(
                "SELECT count(*) FROM brokered_introduction WHERE first_person_id IS NULL OR second_person_id IS NULL"
            ).fetchone()
            if cleared:
                event("an introduction between others lost one of the two to a delete")
        with Journal.create(Path(folder) / "target.nj", PASSPHRASE, kdf_iter=TEST_KDF_ITER) as target:
            import_json(target, read_export(Path(folder) / "export.json"))
            assert _export(target) == exported
            assert derived_data(target) == expected
