"""The demo cast's contact details: invented emails, phones, profiles, cities and birthdays (see ``demo``).

Drawn from a random stream of their own, so adding details left every other
row of a seed's demo as it was.  Every address is at an ``.example`` domain,
every phone number from ranges kept for fiction (+1 555-01xx, +44 7700 900xxx,
+44 20 7946 0xxx) and used once, and every profile a LinkedIn address ending
in ``-example``.  The people with the
most exchanges, whom the screenshots and the sample brief show, have a full set.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Iterator

from netjournal.domain import ContactDetail, DetailField
from netjournal.services.demo.world import DemoPerson, DemoWorld

FULL_SETS = 10  # the busiest people, who have every kind of detail
SOON = (5, 11, 2)  # days to the birthdays of the three busiest, so the demo shows the reminder
CITIES = (
    "Lisbon, Portugal", "Porto, Portugal", "Berlin, Germany", "Munich, Germany", "London, UK", "Manchester, UK",
    "Amsterdam, Netherlands", "Madrid, Spain", "Barcelona, Spain", "Paris, France", "Dublin, Ireland",
    "Copenhagen, Denmark", "Stockholm, Sweden", "Boston, USA", "New York, USA", "Toronto, Canada",
)  # fmt: skip
MAIL_DOMAINS = ("mail.example", "post.example", "inbox.example")


def _slug(text: str, joiner: str = "") -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return joiner.join(re.findall(r"[a-z0-9]+", ascii_text))


def _org_domain(org: str) -> str:
    """ "Northwind Capital" -> "northwind.example"; a university keeps its whole name."""
    words = org.split()
    name = org if "Universit" in org or len(words) < 2 else words[0]
    return f"{_slug(name, '-') or 'company'}.example"


def _phone_numbers(rng: random.Random) -> Iterator[str]:
    """Every number once, from ranges set aside for fiction: two people never share a phone by accident."""
    pool = [f"+1 555-01{n:02d}" for n in range(100)]
    pool += [f"+44 7700 900{n:03d}" for n in range(1000)]
    pool += [f"+44 20 7946 0{n:03d}" for n in range(1000)]
    rng.shuffle(pool)
    yield from pool
    raise RuntimeError("The demo has more people with phones than fictional numbers.")


def _birthday(rng: random.Random, today: dt.date, *, in_days: int | None = None, with_year: bool) -> str:
    day = today + dt.timedelta(days=in_days if in_days is not None else rng.randrange(366))
    if day.month == 2 and day.day == 29:
        day = day.replace(day=28)
    if not with_year:
        return f"--{day.month:02d}-{day.day:02d}"
    return f"{today.year - rng.randrange(26, 64)}-{day.month:02d}-{day.day:02d}"


def _details_of(
    person: DemoPerson, rng: random.Random, today: dt.date, rank: int, phones: Iterator[str]
) -> list[ContactDetail]:
    full = rank < FULL_SETS
    first, last = _slug(person.first), _slug(person.name.split()[-1])
    found: list[ContactDetail] = []
    if person.org and (full or rng.random() < 0.75):
        found.append(ContactDetail(DetailField.EMAIL, f"{first}.{last}@{_org_domain(person.org)}", "work"))
    if full or rng.random() < 0.3:
        found.append(ContactDetail(DetailField.EMAIL, f"{first}{last[:1]}@{rng.choice(MAIL_DOMAINS)}", "personal"))
    if full or rng.random() < 0.45:
        found.append(ContactDetail(DetailField.PHONE, next(phones), "mobile"))
    if full or person.profile == "import" or rng.random() < 0.4:
        profile = f"https://www.linkedin.com/in/{_slug(person.name, '-')}-example"
        found.append(ContactDetail(DetailField.WEB, profile, "LinkedIn"))
    if full or rng.random() < 0.55:
        found.append(ContactDetail(DetailField.LOCATION, rng.choice(CITIES)))
    if full or rng.random() < 0.25:
        soon = SOON[rank] if rank < len(SOON) else None
        with_year = rng.random() < 0.5 or soon is not None
        day = _birthday(rng, today, in_days=soon, with_year=with_year)
        found.append(ContactDetail(DetailField.BIRTHDAY, day))
    return found


def make_details(world: DemoWorld, seed: int) -> dict[int, list[ContactDetail]]:
    """Each person's details by id, in the order their dialog lists them; people without any are left out."""
    rng = random.Random(f"netjournal demo details {seed}")
    exchanges: dict[int, int] = {}
    for row in world.exchanges:
        if row.person_id is not None:
            exchanges[row.person_id] = exchanges.get(row.person_id, 0) + 1
    busiest = sorted(exchanges, key=lambda person_id: (-exchanges[person_id], person_id))
    rank = {person_id: index for index, person_id in enumerate(busiest)}
    found = {}
    phones = _phone_numbers(random.Random(f"netjournal demo phones {seed}"))
    for person in world.people:
        details = _details_of(person, rng, world.today, rank.get(person.id, len(rank)), phones)
        if details:
            found[person.id] = details
    return found
