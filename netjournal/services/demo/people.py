"""The demo journal's cast: organisations, people and their circumstances (see ``demo``)."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools

from netjournal.services.demo.text import Slots
from netjournal.services.demo.world import CircumstanceRow, DemoPerson, DemoWorld

CIRCUMSTANCE_SHARE = 0.04  # of people
CADENCE_SHARE = 0.40
ARCHIVED_SHARE = 0.03
# profile: (share of people, range of the chance an exchange is given)
PROFILES = {
    "mutual": (0.47, (0.42, 0.64)),
    "you_give": (0.20, (0.75, 0.92)),
    "they_give": (0.14, (0.10, 0.30)),
    "dormant": (0.11, (0.35, 0.65)),
    "new": (0.05, (0.30, 0.70)),
    "import": (0.03, (0.5, 0.5)),  # a contact imported from LinkedIn, nothing logged yet
}
CADENCES = (30, 60, 90, 90, 180, 180, 365)


def make_orgs(world: DemoWorld, people: int) -> None:
    """Invent the organisations people work at, and the {org} and {uni} slot pools."""
    rng, w, names, kinds, seen = world.rng, world.words, [], [], set()
    count = max(40, people // 3)
    types = list(w.org_type_weights)
    weights = list(w.org_type_weights.values())
    while len(names) < count:
        kind = rng.choices(types, weights)[0]
        if kind == "university":
            name = rng.choice(w.university_patterns).format(place=rng.choice(w.places))
        else:
            suffix = rng.choice(w.org_suffixes[kind])
            name = f"{rng.choice(w.org_roots)} {suffix}"
        if name not in seen:
            seen.add(name)
            names.append(name)
            kinds.append(kind)
    world.org_names = tuple(names)
    world.org_kinds = tuple(kinds)
    universities = tuple(n for n, k in zip(names, kinds, strict=True) if k == "university")
    world.pools["org"] = world.org_names
    world.pools["uni"] = universities or world.org_names
    # A few organisations employ many of the people, as in life.
    world.org_weights = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(count)))


def _names(world: DemoWorld, count: int) -> list[tuple[str, str, bool]]:
    rng, cultures, found, seen = world.rng, world.words.cultures, [], set()
    while len(found) < count:
        female_names, male_names, last_names = rng.choice(cultures)
        female = rng.random() < 0.5
        first = rng.choice(female_names if female else male_names)
        last = rng.choice(rng.choice(cultures).last if rng.random() < 0.15 else last_names)
        name = f"{first} {last}"
        if name not in seen:
            seen.add(name)
            found.append((name, first, female))
    if count >= 1000:  # a handful of namesakes, as any large address book has
        for _ in range(count // 400):
            a, b = rng.sample(range(count), 2)
            found[b] = found[a]
    return found


def make_people(world: DemoWorld, count: int) -> None:
    """``count`` people with a profile, a span of acquaintance, a job, tags and a story of how you met."""
    rng, today = world.rng, world.today
    profiles = list(PROFILES)
    shares = [PROFILES[p][0] for p in profiles]
    people = []
    for name, first, female in _names(world, count):
        profile = rng.choices(profiles, shares)[0]
        end = today
        if profile == "new":
            start = today - dt.timedelta(days=rng.randrange(3, 88))
        elif profile == "dormant":
            end = today - dt.timedelta(days=rng.randrange(400, min(3650, world.span - 400)))
            start = world.first_day + dt.timedelta(days=rng.randrange((end - world.first_day).days - 200))
        elif rng.random() < 0.3:  # known before the journal began
            start = world.first_day + dt.timedelta(days=rng.randrange(540))
        else:
            start = min(world.ramp_date(), today - dt.timedelta(days=100 + rng.randrange(300)))
        low, high = PROFILES[profile][1]
        person = DemoPerson(0, name, first, female, "", "", profile, start, end, rng.uniform(low, high))
        person.weight = 0.0 if profile == "import" else rng.lognormvariate(0, 0.9) * ((end - start).days + 30)
        people.append(person)
    people.sort(key=lambda p: p.start)  # ids in the order people were met
    for number, person in enumerate(people, start=1):
        person.id = number
        _describe(world, person, people[rng.randrange(number - 1)] if number > 1 else None)
    world.people = people
    world.starts = [p.start for p in people]
    # One long, busy relationship (a co-founder, a mentor): about 1% of all entries.
    star = next(p for p in people if p.profile == "mutual")
    star.weight = 0.01 * sum(p.weight for p in people)
    dormant = [p for p in people if p.profile == "dormant"]
    for person in rng.sample(dormant, min(len(dormant), round(ARCHIVED_SHARE * len(people)))):
        person.archived = True
    for person in people:
        if person.profile != "import" and not person.archived and rng.random() < CADENCE_SHARE:
            person.cadence = rng.choice(CADENCES)


def _describe(world: DemoWorld, person: DemoPerson, earlier: DemoPerson | None) -> None:
    rng, w = world.rng, world.words
    if rng.random() < 0.92:
        index = bisect.bisect_left(world.org_weights, rng.random() * world.org_weights[-1])
        person.org, kind = world.org_names[index], world.org_kinds[index]
    else:
        kind = "none"
    person.role = rng.choice(w.roles[kind]) if rng.random() < 0.95 else ""
    tags = list(w.type_tags[kind])
    tags += [tag for marker, tag in w.role_tags.items() if marker in person.role]
    tags += rng.sample(w.interest_tags, rng.choice((0, 1, 1, 2, 2, 3)))
    person.tags = ", ".join(dict.fromkeys(tags))
    slots = Slots(world, person.start, person, "given")
    slots["yr"] = str(
        person.start.year - (1 + rng.randrange(6) if person.start < world.first_day + dt.timedelta(days=540) else 0)
    )
    slots["intro"] = earlier.first if earlier else rng.choice(w.cultures).female[0]
    if person.profile == "import":
        person.how_met = "LinkedIn import"
    elif rng.random() < 0.9:
        person.channel, template = rng.choice(w.how_met)
        person.how_met = slots.fill(template)
    if rng.random() < 0.12:
        person.notes = "; ".join(rng.sample(w.person_notes, rng.choice((1, 1, 2))))


def add_circumstances(world: DemoWorld) -> None:
    """Circumstances for a few people: a third current, on busy one-sided relationships; the rest past."""
    rng, today = world.rng, world.today
    candidates = [p for p in world.people if not p.planted and p.profile in ("mutual", "you_give", "they_give")]
    count = min(len(candidates), max(3, round(CIRCUMSTANCE_SHARE * len(world.people))))
    # The current ones soften some "mostly you give/receive" hints.
    one_sided = sorted((p for p in candidates if p.profile != "mutual"), key=lambda p: -p.weight)
    current = rng.sample(one_sided[: max(4, len(one_sided) // 4)], (count + 2) // 3)
    chosen = set(current)
    others = rng.sample([p for p in candidates if p not in chosen], count - len(current))
    for index, person in enumerate(current + others):
        shape, template = rng.choice(world.words.circumstances)
        if index < len(current):
            start = max(person.start, today - dt.timedelta(days=rng.randrange(20, 240)))
            end = today + dt.timedelta(days=rng.randrange(30, 200)) if shape == "end" else None
        else:
            start = world.date_in(person)
            end = start + dt.timedelta(days=rng.randrange(45, 300))
        slots = Slots(world, start, person, "given")
        slots["end_month"] = world.words.month(end or start)
        world.circumstances.append(
            CircumstanceRow(person.id, slots.fill(template), start.isoformat(), end.isoformat() if end else None)
        )
