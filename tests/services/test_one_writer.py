"""One connection, one writer: a write from another thread while a transaction is open is refused, not joined."""

from __future__ import annotations

import threading

import pytest

from netjournal.services import people
from netjournal.services.journal import Journal, JournalBusyError


def test_a_write_from_another_thread_during_a_transaction_is_refused_and_the_first_rolls_back_alone(
    journal: Journal,
) -> None:
    inside, done = threading.Event(), threading.Event()
    failure: list[BaseException] = []

    def worker() -> None:
        try:
            with journal.write():
                people.add_person(journal, people.PersonInput("Written by the worker"))
                inside.set()
                done.wait(5)
                raise RuntimeError("the worker's work fails and rolls back")
        except RuntimeError:
            pass
        except BaseException as error:  # pragma: no cover - would be the bug
            failure.append(error)

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    with pytest.raises(JournalBusyError, match="busy"):
        people.add_person(journal, people.PersonInput("Typed in the window meanwhile"))
    done.set()
    thread.join(5)
    assert failure == []
    # The refused write was never part of the worker's transaction; the window's next try works.
    assert journal.sql("SELECT count(*) FROM person").fetchone() == (0,)
    people.add_person(journal, people.PersonInput("Typed in the window meanwhile"))
    assert [n for (n,) in journal.sql("SELECT name FROM person")] == ["Typed in the window meanwhile"]
