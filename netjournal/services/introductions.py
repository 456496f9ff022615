"""Introductions made, received and seen: who connected whom, and what came of each.

An introduction you took part in is an exchange of kind ``introduction``:
given, you connected its person with its second person; received, its person
connected you with the second person (or with someone unnamed).  One made by
someone else between two others is a ``brokered_introduction`` row
(``brokered_introductions``).  ``outcome`` says what came of either; one still
without an outcome some weeks later becomes a reflection prompt
(``outcome_evidence``), and answering that prompt records the outcome.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netjournal.domain import Direction, Entity
from netjournal.insights.prompts import Evidence
from netjournal.services.brokered_introductions import set_brokered_outcome
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.services.journal import Journal
from netjournal.services.validation import NotFoundError, optional_text
from netjournal.store.models import Exchange

LIMIT = 300
OUTCOME_PROMPT_AFTER_DAYS = 42  # six weeks: long enough for something to have come of it
OUTCOME_PROMPT_UNTIL_DAYS = 365  # an introduction older than a year without an outcome is not asked about


@dataclass(frozen=True, slots=True)
class Introduction:
    """One introduction; ``direction`` is ``None`` for one made by ``broker`` between two others."""

    id: int
    date: dt.date
    direction: Direction | None
    person_id: int | None  # given: whom you introduced; received: who introduced you; between: the first
    person_name: str | None
    second_person_id: int | None
    second_person_name: str | None
    summary: str
    outcome: str
    broker_id: int | None = None
    broker_name: str | None = None

    @property
    def entity(self) -> Entity:
        """Where it is kept: an exchange, or a brokered introduction."""
        return Entity.EXCHANGE if self.direction is not None else Entity.BROKERED_INTRODUCTION


@dataclass(frozen=True, slots=True)
class IntroductionList:
    introductions: tuple[Introduction, ...]  # newest first, at most ``limit``
    made: int  # in all
    received: int
    without_outcome: int
    between_others: int = 0


_LISTED = (
    "SELECT e.date AS day, 1 AS source, e.id, e.direction, e.person_id, p.name, e.second_person_id, q.name, "
    "e.summary, e.outcome, NULL, NULL "
    "FROM exchange e LEFT JOIN person p ON p.id = e.person_id LEFT JOIN person q ON q.id = e.second_person_id "
    "WHERE e.kind = 'introduction' "
    "UNION ALL "
    "SELECT b.date, 0, b.id, NULL, b.first_person_id, f.name, b.second_person_id, s.name, b.summary, b.outcome, "
    "b.broker_id, p.name "
    "FROM brokered_introduction b JOIN person p ON p.id = b.broker_id "
    "LEFT JOIN person f ON f.id = b.first_person_id LEFT JOIN person s ON s.id = b.second_person_id "
    "ORDER BY 1 DESC, 2 DESC, 3 DESC LIMIT ?"
)


def _introduction(row: tuple) -> Introduction:
    day, _, eid, way, pid, pname, qid, qname, summary, outcome, bid, bname = row
    direction = Direction(way) if way else None
    day_of = dt.date.fromisoformat(day)
    return Introduction(eid, day_of, direction, pid, pname, qid, qname, summary, outcome, bid, bname)


def introductions(journal: Journal, *, limit: int = LIMIT) -> IntroductionList:
    made, received, open_ = journal.sql(
        "SELECT total(direction = 'given'), total(direction = 'received'), total(outcome = '') "
        "FROM exchange WHERE kind = 'introduction'"
    ).fetchone()
    between, between_open = journal.sql("SELECT count(*), total(outcome = '') FROM brokered_introduction").fetchone()
    rows = journal.sql(_LISTED, (limit,)).fetchall()
    found = tuple(_introduction(row) for row in rows)
    return IntroductionList(found, int(made), int(received), int(open_ + between_open), int(between))


def record_outcome(journal: Journal, intro: Introduction, outcome: str) -> None:
    """What came of ``intro``, wherever it is kept."""
    if intro.entity is Entity.BROKERED_INTRODUCTION:
        set_brokered_outcome(journal, intro.id, outcome)
    else:
        set_outcome(journal, intro.id, outcome)


def set_outcome(journal: Journal, exchange_id: int, outcome: str) -> None:
    """Record (or clear, with an empty text) what came of an introduction."""
    row = journal.sql(
        "SELECT person_id, second_person_id FROM exchange WHERE id = ? AND kind = 'introduction'", (exchange_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"There is no exchange #{exchange_id} of kind introduction.")
    text = optional_text("outcome", outcome, "What came of it")
    people = tuple(sorted({p for p in row if p is not None}))
    with journal.write() as changes:
        journal.update(Exchange, exchange_id, {"outcome": text})
        changes.append(JournalChange(Entity.EXCHANGE, ChangeAction.UPDATED, (exchange_id,), people))


def outcome_evidence(journal: Journal, today: dt.date) -> list[Evidence]:
    """Introductions six weeks to a year old with nothing recorded of what came of them."""
    rows = journal.sql(
        "SELECT e.id, e.date, e.direction, e.person_id, coalesce(p.name, 'someone'), coalesce(q.name, 'someone') "
        "FROM exchange e LEFT JOIN person p ON p.id = e.person_id LEFT JOIN person q ON q.id = e.second_person_id "
        "WHERE e.kind = 'introduction' AND e.outcome = '' AND e.date BETWEEN :oldest AND :newest",
        {
            "oldest": (today - dt.timedelta(days=OUTCOME_PROMPT_UNTIL_DAYS)).isoformat(),
            "newest": (today - dt.timedelta(days=OUTCOME_PROMPT_AFTER_DAYS)).isoformat(),
        },
    )
    found = []
    for eid, day, direction, pid, name, second in rows:
        days = (today - dt.date.fromisoformat(day)).days
        # "Ana to Tom" for one you made; "you to Tom" for one Ana made for you.
        who = f"{name} to {second}" if direction == "given" else f"you to {second}"
        by = "you" if direction == "given" else name
        # The most recent first: its outcome is the easiest to remember.
        found.append(Evidence(f"exchange:{eid}", {"who": who, "by": by, "days": days}, pid, (eid,), -float(days)))
    between = journal.sql(
        "SELECT b.id, b.uuid, b.date, b.broker_id, p.name, coalesce(f.name, 'someone'), coalesce(s.name, 'someone') "
        "FROM brokered_introduction b JOIN person p ON p.id = b.broker_id "
        "LEFT JOIN person f ON f.id = b.first_person_id LEFT JOIN person s ON s.id = b.second_person_id "
        "WHERE b.outcome = '' AND b.date BETWEEN :oldest AND :newest",
        {
            "oldest": (today - dt.timedelta(days=OUTCOME_PROMPT_UNTIL_DAYS)).isoformat(),
            "newest": (today - dt.timedelta(days=OUTCOME_PROMPT_AFTER_DAYS)).isoformat(),
        },
    )
    for bid, uuid, day, broker, broker_name, first, second in between:
        days = (today - dt.date.fromisoformat(day)).days
        found.append(
            Evidence(
                # By UUID: a local id is given again to the next row once this one is deleted, and a
                # prompt's state (answered, dismissed) must not pass to that row.
                f"{BROKERED_SUBJECT}{uuid}",
                {"who": f"{first} to {second}", "by": broker_name, "days": days},
                broker,
                (bid,),
                -float(days),
            )
        )
    return found


BROKERED_SUBJECT = "brokered_introduction:"  # the evidence subject of one made between others


def record_prompted_outcome(journal: Journal, subject: str, entry_id: int, text: str) -> None:
    """The answer to a prompt about ``subject`` (an evidence subject above) as that introduction's outcome.

    ``NotFoundError`` when the introduction the prompt asked about is gone (deleted since the prompt was
    shown): the answer is then not written into whichever row has its id now.
    """
    if subject.startswith(BROKERED_SUBJECT):
        row = journal.sql(
            "SELECT id FROM brokered_introduction WHERE uuid = ?", (subject.removeprefix(BROKERED_SUBJECT),)
        ).fetchone()
        if row is None or row[0] != entry_id:
            raise NotFoundError("The introduction this prompt asked about is no longer in the journal.")
        set_brokered_outcome(journal, entry_id, text)
    else:
        set_outcome(journal, entry_id, text)
