"""How long ``possible_duplicates`` takes on 8,000 people with contact details (run this file alone).

People come from the demo generator (its namesakes included); every person
gets an email, one in forty shares one with somebody else, and one in fifty
is entered again with an initial, as an address-book import leaves them.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from netjournal.services.demo.people import make_orgs, make_people
from netjournal.services.demo.world import DemoWorld
from netjournal.services.duplicates import possible_duplicates
from netjournal.services.journal import Journal
from netjournal.store.models import ContactDetailRow, Person
from netjournal.store.rows import insert_many

PEOPLE = 8_000


def build(journal: Journal) -> None:
    world = DemoWorld(7, dt.date(2026, 1, 1))
    make_orgs(world, PEOPLE)
    make_people(world, PEOPLE)
    cast = world.people[:PEOPLE]
    rows = [{"name": p.name, "organisation": p.org} for p in cast]
    for number, p in enumerate(cast[: PEOPLE // 50]):
        first, _, last = p.name.partition(" ")
        rows.append({"name": f"{first[0]}. {last}", "organisation": p.org if number % 2 else ""})
    with journal.write():
        insert_many(journal.db, Person, rows)
        details = []
        for person_id in range(1, len(rows) + 1):
            shared = person_id - 1 if person_id % 40 == 0 else person_id
            details.append({"person": person_id, "field": "email", "value": f"someone{shared}@example.org"})
        insert_many(journal.db, ContactDetailRow, details)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        journal = Journal.create(Path(folder) / "people.nj", "correct horse battery staple", kdf_iter=1_000)
        build(journal)
        (people,) = journal.sql("SELECT count(*) FROM person").fetchone()
        timings = []
        for _ in range(5):
            start = time.perf_counter()
            found = possible_duplicates(journal, limit=200)
            timings.append(time.perf_counter() - start)
        everything = possible_duplicates(journal, limit=1_000_000)
        journal.close()
    timings.sort()
    print(
        f"possible_duplicates on {people:,} people: median {timings[2] * 1000:.0f} ms "
        f"(best {timings[0] * 1000:.0f} ms); {len(found)} shown, {len(everything):,} pairs in all"
    )


if __name__ == "__main__":
    main()
