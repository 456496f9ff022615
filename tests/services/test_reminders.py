"""Which open loops are due: today's and the overdue ones, the oldest first, and the next to fall due."""

from __future__ import annotations

import datetime as dt

from netjournal.domain import LoopKind
from netjournal.services import entries, people
from netjournal.services.journal import Journal
from netjournal.services.reminders import due_loops

TODAY = dt.date(2026, 11, 20)


def test_due_loops_are_todays_and_the_overdue_ones_oldest_first(journal: Journal) -> None:
    ana = people.add_person(journal, people.PersonInput("Ana Silva"))
    opened = TODAY - dt.timedelta(days=60)
    late = entries.add_loop(journal, "promised", "Send the deck", person_id=ana, due_on=TODAY - dt.timedelta(days=3),
                            opened_on=opened)  # fmt: skip
    today = entries.add_loop(journal, "asked", "Ask for the intro", person_id=None, due_on=TODAY, opened_on=opened)
    entries.add_loop(journal, "promised", "Next month's", person_id=ana, due_on=TODAY + dt.timedelta(days=9),
                     opened_on=opened)  # fmt: skip
    entries.add_loop(journal, "promised", "No date", person_id=ana, opened_on=opened)
    done = entries.add_loop(journal, "promised", "Done already", person_id=ana, due_on=TODAY - dt.timedelta(days=9),
                            opened_on=opened)  # fmt: skip
    entries.close_loop(journal, done, done_on=TODAY - dt.timedelta(days=1))

    due = due_loops(journal, TODAY)
    assert [loop.id for loop in due.loops] == [late, today]
    assert due.loops[0].person_name == "Ana Silva" and due.loops[0].days_late(TODAY) == 3
    assert due.loops[1].person_name is None and due.loops[1].kind is LoopKind.ASKED
    assert [loop.id for loop in due.due_today(TODAY)] == [today]
    assert due.next_due_on == TODAY + dt.timedelta(days=9)


def test_nothing_due_in_an_empty_journal(journal: Journal) -> None:
    due = due_loops(journal, TODAY)
    assert due.loops == () and due.next_due_on is None
