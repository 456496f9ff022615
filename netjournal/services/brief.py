"""A person brief: everything worth knowing before meeting someone, as plain data.

The presenter gathers what the relationship panel shows (contact details,
ledger, pattern hint, circumstances, open loops) plus the recent history, the introductions the
person was part of (yours, and those made between others: by them, or for them) and talking
points drawn from all of it.  Every section is
empty when the journal holds nothing for it, so a renderer can leave it out.
The text is English: services have no translation hook (only ``ui`` and the
Qt exports do).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netjournal.domain import (
    BrokeredEntry,
    ContactDetail,
    DetailField,
    Direction,
    Entity,
    EntryType,
    ExchangeEntry,
    Kind,
    LoopEntry,
    TimelineEntry,
    TouchpointEntry,
)
from netjournal.insights.ledger import WINDOW_BY_KEY, Seed
from netjournal.services.birthdays import birthday_facts
from netjournal.services.brief_points import TalkingPoint, talking_points
from netjournal.services.brokered_introductions import get_brokered
from netjournal.services.contact_details import display_value
from netjournal.services.journal import Journal
from netjournal.services.people import PersonRecord, get_person
from netjournal.services.relationships import LoopRow, Relationship, exchanges_with, relationship
from netjournal.services.timeline import timeline_page

BALANCE_WINDOWS = ("12m", "3y", "all")  # the same windows the relationship panel's chart shows
RECENT_ENTRIES = 12

__all__ = ["ContactLine", "PersonBrief", "TalkingPoint", "person_brief"]


@dataclass(frozen=True, slots=True)
class ContactLine:
    """One contact detail as the brief prints it."""

    field: DetailField
    label: str
    text: str  # a birthday reads "15 April 1985 (41)"; anything else as stored
    birthday_in_days: int | None = None  # set only for a birthday within ``birthdays.SOON_DAYS``


@dataclass(frozen=True, slots=True)
class Who:
    name: str
    organisation: str
    role: str
    how_met: str
    tags: tuple[str, ...]
    cadence_days: int | None
    last_contact_on: dt.date | None
    days_since_contact: int | None
    overdue_days: int


@dataclass(frozen=True, slots=True)
class BalanceLine:
    label: str
    given_count: int
    given_significance: int
    received_count: int
    received_significance: int


@dataclass(frozen=True, slots=True)
class KindLine:
    kind: Kind
    given: int
    received: int


@dataclass(frozen=True, slots=True)
class Balance:
    windows: tuple[BalanceLine, ...] = ()  # empty when nothing was ever exchanged
    by_kind: tuple[KindLine, ...] = ()  # all time, most exchanged first


@dataclass(frozen=True, slots=True)
class Unreturned:
    """Something they gave you that nothing you gave (to them or anyone) links back to yet."""

    exchange_id: int
    date: dt.date
    summary: str
    significance: int
    age_days: int


@dataclass(frozen=True, slots=True)
class ReciprocationSection:
    median_days: float | None = None
    seeds: tuple[Seed, ...] = ()  # given, not yet returned, oldest first
    unreturned: tuple[Unreturned, ...] = ()  # received, not yet returned, oldest first

    @property
    def is_empty(self) -> bool:
        return self.median_days is None and not self.seeds and not self.unreturned


@dataclass(frozen=True, slots=True)
class OpenLoopLine:
    id: int
    promised: bool  # True: you promised it; False: you asked them for it
    what: str
    opened_on: dt.date
    due_on: dt.date | None
    overdue_days: int  # 0 when not overdue or without a due date


@dataclass(frozen=True, slots=True)
class CircumstanceLine:
    note: str
    start: dt.date
    end: dt.date | None
    current: bool


@dataclass(frozen=True, slots=True)
class PatternSection:
    label: str = ""
    reasons: tuple[str, ...] = ()
    softened: bool = False


@dataclass(frozen=True, slots=True)
class HistoryLine:
    date: dt.date
    entry_type: EntryType
    text: str
    direction: Direction | None = None
    kind: Kind | None = None
    significance: int | None = None  # exchanges only


@dataclass(frozen=True, slots=True)
class IntroductionLine:
    """An introduction the person was part of: one of yours (an exchange), or one between others."""

    entry_id: int
    date: dt.date
    role: str  # "introducer", "introduced" or "introduced to"
    summary: str
    outcome: str
    entity: Entity = Entity.EXCHANGE  # or BROKERED_INTRODUCTION: made by someone else, not you
    # Who connected whom, seen from the person, for one between others:
    # "Introduced Ben Okafor to Chen Wei", "Ana Silva introduced them to Chen Wei".
    connection: str = ""

    @property
    def between_others(self) -> bool:
        return self.entity is Entity.BROKERED_INTRODUCTION


@dataclass(frozen=True, slots=True)
class PersonBrief:
    person_id: int
    today: dt.date
    who: Who
    balance: Balance
    reciprocation: ReciprocationSection
    open_loops: tuple[OpenLoopLine, ...]
    circumstances: tuple[CircumstanceLine, ...]
    pattern: PatternSection
    history: tuple[HistoryLine, ...]
    introductions: tuple[IntroductionLine, ...]
    talking_points: tuple[TalkingPoint, ...]
    contact: tuple[ContactLine, ...] = ()


def _contact_line(detail: ContactDetail, today: dt.date) -> ContactLine:
    facts = birthday_facts(detail.value, today) if detail.field is DetailField.BIRTHDAY else None
    if facts is None:
        return ContactLine(detail.field, detail.label, display_value(detail))
    text = facts.text if facts.age is None else f"{facts.text} ({facts.age})"
    return ContactLine(detail.field, detail.label, text, facts.days_until if facts.is_soon else None)


def _who(person: PersonRecord, rel: Relationship) -> Who:
    cadence = rel.ledger.cadence
    return Who(
        person.name, person.organisation, person.role, person.how_met, person.tags, person.cadence_days,
        cadence.last_entry_on, cadence.days_since, cadence.overdue_days,
    )  # fmt: skip


def _balance(rel: Relationship) -> Balance:
    totals = rel.ledger.totals
    if totals["all"].count == 0:
        return Balance()
    windows = tuple(
        BalanceLine(
            WINDOW_BY_KEY[key].label, t.given_count, t.given_significance, t.received_count, t.received_significance
        )
        for key, t in ((key, totals[key]) for key in BALANCE_WINDOWS)
    )
    kinds = sorted(totals["all"].by_kind.items(), key=lambda item: (-sum(item[1]), item[0].value))
    return Balance(windows, tuple(KindLine(kind, given, received) for kind, (given, received) in kinds))


def _unreturned(journal: Journal, person_id: int, today: dt.date) -> tuple[Unreturned, ...]:
    # Returned by any later exchange you gave, to them or to anyone (paid forward counts).
    rows = journal.sql(
        "SELECT id, date, summary, significance FROM exchange e WHERE person_id = ? AND direction = 'received' "
        "AND date <= ? AND NOT EXISTS (SELECT 1 FROM exchange r WHERE r.reciprocates_id = e.id) ORDER BY date, id",
        (person_id, today.isoformat()),
    )
    found = []
    for eid, date, summary, significance in rows:
        day = dt.date.fromisoformat(date)
        found.append(Unreturned(eid, day, summary, significance, (today - day).days))
    return tuple(found)


def _loops(loops: tuple[LoopRow, ...], today: dt.date) -> tuple[OpenLoopLine, ...]:
    lines = []
    for loop in loops:
        overdue = max(0, (today - loop.due_on).days) if loop.due_on else 0
        promised = loop.loop_kind == "promised"
        lines.append(OpenLoopLine(loop.id, promised, loop.what, loop.opened_on, loop.due_on, overdue))
    # Overdue first (most overdue at the top), then by due date, undated last.
    lines.sort(key=lambda line: (line.overdue_days == 0, -line.overdue_days, line.due_on is None, line.due_on or today))
    return tuple(lines)


def _history_line(entry: TimelineEntry, person_id: int) -> HistoryLine:
    if isinstance(entry, ExchangeEntry):
        return HistoryLine(entry.date, entry.type, entry.summary, entry.direction, entry.kind, entry.significance)
    if isinstance(entry, TouchpointEntry):
        text = f"{entry.note} ({entry.channel})" if entry.channel else entry.note
        return HistoryLine(entry.date, entry.type, text)
    if isinstance(entry, LoopEntry):
        state = f"done {entry.done_on.isoformat()}" if entry.done_on else "open"
        return HistoryLine(entry.date, entry.type, f"{entry.what} ({entry.loop_kind.value}, {state})")
    if isinstance(entry, BrokeredEntry):
        return HistoryLine(entry.date, entry.type, f"{_connection(entry, person_id)}: {entry.summary}")
    return HistoryLine(entry.date, entry.type, entry.text)


GONE = "someone no longer in the journal"  # an introduced person deleted since


def _connection(entry: BrokeredEntry, person_id: int | None) -> str:
    """Who connected whom, with ``person_id`` (the brief's person) as "them", or left out where they made it."""

    def name(who: int | None, called: str | None) -> str:
        if who is not None and who == person_id:
            return "them"
        return called if who is not None and called else GONE

    first = name(entry.first_person_id, entry.first_person_name)
    second = name(entry.second_person_id, entry.second_person_name)
    if entry.person_id == person_id:
        return f"Introduced {first} to {second}"
    return f"{entry.person_name} introduced {first} to {second}"


_BROKERED_ROLES = ("introducer", "introduced", "introduced to")  # the one who made it, whom, to whom


def _brokered_lines(journal: Journal, person_id: int) -> list[IntroductionLine]:
    rows = journal.sql(
        "SELECT id FROM brokered_introduction WHERE :p IN (broker_id, first_person_id, second_person_id)",
        {"p": person_id},
    ).fetchall()
    lines = []
    for (row_id,) in rows:  # a person is part of a few: one read each, as the service reads them
        entry = get_brokered(journal, row_id)
        people = (entry.person_id, entry.first_person_id, entry.second_person_id)
        role = next(role for role, who in zip(_BROKERED_ROLES, people, strict=True) if who == person_id)
        lines.append(
            IntroductionLine(
                entry.id, entry.date, role, entry.summary, entry.outcome, Entity.BROKERED_INTRODUCTION,
                _connection(entry, person_id),
            )
        )  # fmt: skip
    return lines


def _introductions(journal: Journal, person_id: int) -> tuple[IntroductionLine, ...]:
    """Yours and those between others the person was part of, newest first."""
    return tuple(
        sorted(
            [*_exchange_lines(journal, person_id), *_brokered_lines(journal, person_id)],
            key=lambda line: (line.date, line.between_others, line.entry_id),
            reverse=True,
        )
    )


def _exchange_lines(journal: Journal, person_id: int) -> list[IntroductionLine]:
    rows = journal.sql(
        "SELECT id, date, direction, person_id = :p, summary, outcome FROM exchange "
        "WHERE kind = 'introduction' AND (person_id = :p OR second_person_id = :p) ORDER BY date DESC, id DESC",
        {"p": person_id},
    )
    lines = []
    for eid, date, direction, is_first, summary, outcome in rows:
        # "Ana introduced me to Tom" is received from Ana: she introduced, Tom was who I met.
        # "Introduced Ana to Tom" is given: Ana was introduced, to Tom.
        if direction == Direction.RECEIVED:
            role = "introducer" if is_first else "introduced to"
        else:
            role = "introduced" if is_first else "introduced to"
        lines.append(IntroductionLine(eid, dt.date.fromisoformat(date), role, summary, outcome or ""))
    return lines


def person_brief(journal: Journal, person_id: int, today: dt.date) -> PersonBrief:
    """Everything the brief shows about ``person_id``, as of ``today``."""
    person = get_person(journal, person_id)
    rel = relationship(journal, person_id, today=today)
    exchanges = exchanges_with(journal, person_id)
    reciprocation = ReciprocationSection(
        rel.ledger.median_days_to_reciprocate, rel.ledger.seeds, _unreturned(journal, person_id, today)
    )
    loops = _loops(rel.open_loops, today)
    circumstances = tuple(
        CircumstanceLine(c.note, c.start, c.end, c.start <= today and (c.end is None or c.end >= today))
        for c in rel.circumstances
    )
    has_history = rel.first_entry_on is not None
    pattern = (
        PatternSection(rel.hint.label, tuple(r.text for r in rel.hint.reasons), rel.hint.softened)
        if has_history
        else PatternSection()
    )
    history = tuple(
        _history_line(e, person_id) for e in timeline_page(journal, person_id=person_id, limit=RECENT_ENTRIES)
    )
    points = talking_points(exchanges, loops, reciprocation.seeds, circumstances, today)
    return PersonBrief(
        person_id, today, _who(person, rel), _balance(rel), reciprocation, loops, circumstances, pattern, history,
        _introductions(journal, person_id), points, tuple(_contact_line(d, today) for d in person.details),
    )  # fmt: skip
