"""Introductions made and received: who connected whom, and what came of each.

An introduction is an exchange of kind ``introduction``: given, you connected
its person with its second person; received, its person connected you with the
second person (or with someone unnamed). ``outcome`` says what came of it; one
still without an outcome some weeks later becomes a reflection prompt
(``outcome_evidence``), and answering that prompt records the outcome.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netjournal.domain import Direction, Entity
from netjournal.insights.prompts import Evidence
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.services.journal import Journal
from netjournal.services.validation import NotFoundError, optional_text
from netjournal.store.models import Exchange

LIMIT = 300
OUTCOME_PROMPT_AFTER_DAYS = 42  # six weeks: long enough for something to have come of it
OUTCOME_PROMPT_UNTIL_DAYS = 365  # an introduction older than a year without an outcome is not asked about


@dataclass(frozen=True, slots=True)
class Introduction:
    id: int
    date: dt.date
    direction: Direction
    person_id: int | None
    person_name: str | None
    second_person_id: int | None
    second_person_name: str | None
    summary: str
    outcome: str


@dataclass(frozen=True, slots=True)
class IntroductionList:
    introductions: tuple[Introduction, ...]  # newest first, at most ``limit``
    made: int  # in all
    received: int
    without_outcome: int


def introductions(journal: Journal, *, limit: int = LIMIT) -> IntroductionList:
    made, received, open_ = journal.sql(
        "SELECT total(direction = 'given'), total(direction = 'received'), total(outcome = '') "
        "FROM exchange WHERE kind = 'introduction'"
    ).fetchone()
    rows = journal.sql(
        "SELECT e.id, e.date, e.direction, e.person_id, p.name, e.second_person_id, q.name, e.summary, e.outcome "
        "FROM exchange e LEFT JOIN person p ON p.id = e.person_id LEFT JOIN person q ON q.id = e.second_person_id "
        "WHERE e.kind = 'introduction' ORDER BY e.date DESC, e.id DESC LIMIT ?",
        (limit,),
    )
    found = tuple(
        Introduction(eid, dt.date.fromisoformat(day), Direction(direction), pid, pname, qid, qname, summary, outcome)
        for eid, day, direction, pid, pname, qid, qname, summary, outcome in rows
    )
    return IntroductionList(found, int(made), int(received), int(open_))


def set_outcome(journal: Journal, exchange_id: int, outcome: str) -> None:
    """Record (or clear, with an empty text) what came of an introduction."""
    row = journal.sql(
        "SELECT person_id, second_person_id FROM exchange WHERE id = ? AND kind = 'introduction'", (exchange_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"There is no introduction with id {exchange_id}.")
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
    return found
