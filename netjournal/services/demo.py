"""A seeded, deterministic generator of believable journals, for demos and benchmarks.

``populate_demo`` fills an empty journal with fifteen years of people,
exchanges, touchpoints, open loops, reflections and circumstances ending at
``today``.  The same seed and ``today`` always give byte-identical content:
every choice comes from one ``random.Random(seed)`` and every timestamp is
derived from an entry's date, never from the clock.

The rows are written with bulk inserts in one transaction rather than through
the per-entry services (far too slow for 100,000 rows), but they obey every
rule those services validate: introductions name two different people, a
community only on contributions without a person, reciprocation links point
to an opposite-direction exchange of the same day or earlier, nothing is dated
after ``today``.  A few situations are planted on purpose near ``today`` so
that today's reflection prompts have evidence (see ``_plant_evidence``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import os
import random
import re
import time
from dataclasses import dataclass

from netjournal.domain import Direction, Kind, LoopKind
from netjournal.services import demo_text as text
from netjournal.services.events import JournalChange
from netjournal.services.journal import Journal
from netjournal.store.database import DEFAULT_KDF_ITER
from netjournal.store.models import Circumstance, Exchange, OpenLoop, Person, Reflection, Touchpoint

YEARS = 15
EXCHANGE_SHARE = 0.65  # of entries; the rest are touchpoints
CONTRIBUTION_SHARE = 0.03  # of exchanges
VAGUE_SHARE = 0.10
DETAILS_SHARE = 0.42
LOOP_SHARE = 0.02  # of entries
CIRCUMSTANCE_SHARE = 0.04  # of people
CADENCE_SHARE = 0.40
ARCHIVED_SHARE = 0.03
BATCH = 500

KIND_WEIGHTS = {
    Kind.INTRODUCTION: 12, Kind.REFERRAL: 7, Kind.INFORMATION: 14, Kind.ADVICE: 15, Kind.EXPERTISE: 8,
    Kind.FEEDBACK: 11, Kind.OPPORTUNITY: 6, Kind.SUPPORT: 8, Kind.RESOURCE: 8, Kind.ENDORSEMENT: 6, Kind.OTHER: 5,
}
SIGNIFICANCE_WEIGHTS = (10, 34, 32, 17, 7)  # for 1..5
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


@dataclass(frozen=True, slots=True)
class DemoSize:
    people: int
    entries: int  # exchanges and touchpoints together
    reflections: int


DEMO_SIZES = {
    "small": DemoSize(people=150, entries=3_000, reflections=150),
    # 20,000 entries: the benchmarks' mid-sized journal, to show that logging stays flat.
    "medium": DemoSize(people=700, entries=20_000, reflections=1_000),
    "large": DemoSize(people=2_000, entries=100_000, reflections=5_000),
}


@dataclass(slots=True)
class DemoStats:
    people: int
    exchanges: int
    touchpoints: int
    loops: int
    reflections: int
    circumstances: int
    seconds: float


@dataclass(slots=True, eq=False)
class _Person:
    id: int
    name: str
    first: str
    female: bool
    org: str
    role: str
    profile: str
    start: dt.date
    end: dt.date
    give: float
    weight: float = 0.0
    planted: bool = False  # entries written by hand in _plant_evidence, kept out of random picks
    cadence: int | None = None
    archived: bool = False
    how_met: str = ""
    channel: str = "email"
    notes: str = ""
    tags: str = ""


def _stamp(date: dt.date, rng: random.Random) -> str:
    return f"{date.isoformat()}T{rng.randrange(7, 23):02d}:{rng.randrange(60):02d}:00+00:00"


def _years_before(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year - years)
    except ValueError:  # 29 February
        return date.replace(year=date.year - years, day=28)


def _day_month(date: dt.date) -> str:
    return f"{date.day} {text.MONTHS[date.month - 1]}"


_ARTICLE = re.compile(r"\b([Aa]) ([A-Za-z][\w-]*)")
_YOU_SOUND = ("ux", "us", "uni", "use")


def _an(match: re.Match[str]) -> str:
    """"a" or "an" for the word a slot put after it ("an ML engineer", "a UX researcher")."""
    article, word = match.groups()
    lower = word.lower()
    vowel = lower[0] in "aeio" or (lower[0] == "u" and not lower.startswith(_YOU_SOUND))
    if word.isupper() and len(word) > 1:  # acronyms are read letter by letter
        vowel = word[0] in "AEFHILMNORSX"
    return f"{article}n {word}" if vowel else match.group()


class _Slots(dict):
    """Template slots, each drawn from the generator only when a template asks for it."""

    def __init__(self, gen: _Generator, date: dt.date, person: _Person | None, direction: str,
                 other: _Person | None = None) -> None:
        super().__init__()
        self.gen, self.date, self.person, self.direction, self.other = gen, date, person, direction, other

    def fill(self, template: str) -> str:
        return _ARTICLE.sub(_an, template.format_map(self))

    def __missing__(self, key: str) -> str:
        value = self._make(key)
        self[key] = value
        return value

    def _make(self, key: str) -> str:
        rng, gen, p = self.gen.rng, self.gen, self.person
        if key in ("p", "P", "sp", "Sp", "op", "pr", "p_org"):
            if p is None:
                p = self.person = gen.pick_other(self.date, None)
            female = p.female
            return {
                "p": p.first, "P": p.name, "sp": "she" if female else "he", "Sp": "She" if female else "He",
                "op": "her" if female else "him", "pr": "her" if female else "his",
                "p_org": p.org or self["org"],
            }[key]
        if key in ("o", "o_first", "o_desc", "o_org"):
            if self.other is None:
                self.other = gen.pick_other(self.date, self.person)
            o = self.other
            desc = ", ".join(part for part in (o.role, o.org) if part)
            return {"o": o.name, "o_first": o.first, "o_desc": f" ({desc})" if desc else "",
                    "o_org": o.org or self["org"]}[key]
        if key == "org2":
            value = self["org"]
            while value == self["org"]:
                value = rng.choice(gen.org_names)
            return value
        if key in ("why", "res"):
            pool = text.WHY if key == "why" else text.RESULTS
            return self.fill(rng.choice(pool[self.direction]))
        if key == "tail":
            roll = rng.random()
            return "" if roll < 0.4 else (" " + self["why"] if roll < 0.7 else "; " + self["res"])
        if key == "outcome":
            return "" if rng.random() < 0.5 else "; " + self["res"]
        if key == "n":
            return str(rng.choice((2, 3, 4, 5, 6, 8, 10, 12, 14, 20, 25, 40)))
        if key == "day":
            return _day_month(self.date - dt.timedelta(days=rng.randrange(10)))
        if key == "month":
            return text.MONTHS[self.date.month - 1]
        if key == "yr":
            return str(self.date.year)
        pool = gen.pools.get(key)
        if pool is None:
            raise KeyError(key)
        return rng.choice(pool)


class _Generator:
    def __init__(self, size: DemoSize, seed: int, today: dt.date) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.today = today
        self.first_day = _years_before(today, YEARS)
        self.span = (today - self.first_day).days
        self.people: list[_Person] = []
        self.exchanges: list[list[object]] = []  # rows without id; see exchange()
        self.touchpoints: list[tuple[object, ...]] = []
        self.loops: list[tuple[object, ...]] = []
        self.reflections: list[tuple[object, ...]] = []
        self.circumstances: list[tuple[object, ...]] = []
        self._make_orgs()
        self.pools: dict[str, tuple[str, ...]] = {
            "org": self.org_names, "uni": self.universities or self.org_names, "role": text.HIRING_ROLES,
            "doc": text.DOCS, "topic": text.TOPICS, "tech": text.TECH, "event": text.EVENTS, "city": text.CITIES,
            "community": text.COMMUNITIES, "field": text.FIELDS, "service": text.SERVICES,
            "language": text.LANGUAGES, "hardship": text.HARDSHIPS, "hardship_me": text.HARDSHIPS_ME,
            "amount": text.AMOUNTS, "small_amount": text.SMALL_AMOUNTS, "period": text.PERIODS,
        }

    # -- dates -----------------------------------------------------------------

    def ramp_date(self, low: dt.date | None = None) -> dt.date:
        """A date in the fifteen years, later years about twice as likely as the first."""
        low = low or self.first_day
        days = (self.today - low).days
        x = self.rng.random() if self.rng.random() < 0.5 else max(self.rng.random(), self.rng.random())
        return low + dt.timedelta(days=int(x * days))

    def date_in(self, person: _Person) -> dt.date:
        return person.start + dt.timedelta(days=self.rng.randrange((person.end - person.start).days + 1))

    # -- organisations and people ------------------------------------------------

    def _make_orgs(self) -> None:
        rng, names, kinds, seen = self.rng, [], [], set()
        count = max(40, self.size.people // 3)
        types = [t for t, _ in text.ORG_TYPE_WEIGHTS]
        weights = [w for _, w in text.ORG_TYPE_WEIGHTS]
        while len(names) < count:
            kind = rng.choices(types, weights)[0]
            if kind == "university":
                name = rng.choice(text.UNIVERSITY_PATTERNS).format(place=rng.choice(text.PLACES))
            else:
                suffix = rng.choice(text.ORG_SUFFIXES[kind])
                name = f"{rng.choice(text.ORG_ROOTS)} {suffix}"
            if name not in seen:
                seen.add(name)
                names.append(name)
                kinds.append(kind)
        self.org_names = tuple(names)
        self.org_kinds = tuple(kinds)
        self.universities = tuple(n for n, k in zip(names, kinds, strict=True) if k == "university")
        # A few organisations employ many of the people, as in life.
        self.org_weights = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(count)))

    def _names(self, count: int) -> list[tuple[str, str, bool]]:
        rng, found, seen = self.rng, [], set()
        while len(found) < count:
            female_names, male_names, last_names = rng.choice(text.CULTURES)
            female = rng.random() < 0.5
            first = rng.choice(female_names if female else male_names)
            last = rng.choice(rng.choice(text.CULTURES)[2] if rng.random() < 0.15 else last_names)
            name = f"{first} {last}"
            if name not in seen:
                seen.add(name)
                found.append((name, first, female))
        if count >= 1000:  # a handful of namesakes, as any large address book has
            for _ in range(count // 400):
                a, b = rng.sample(range(count), 2)
                found[b] = found[a]
        return found

    def make_people(self) -> None:
        rng, today = self.rng, self.today
        profiles = list(PROFILES)
        shares = [PROFILES[p][0] for p in profiles]
        people = []
        for name, first, female in self._names(self.size.people):
            profile = rng.choices(profiles, shares)[0]
            end = today
            if profile == "new":
                start = today - dt.timedelta(days=rng.randrange(3, 88))
            elif profile == "dormant":
                end = today - dt.timedelta(days=rng.randrange(400, min(3650, self.span - 400)))
                start = self.first_day + dt.timedelta(days=rng.randrange((end - self.first_day).days - 200))
            elif rng.random() < 0.3:  # known before the journal began
                start = self.first_day + dt.timedelta(days=rng.randrange(540))
            else:
                start = min(self.ramp_date(), today - dt.timedelta(days=100 + rng.randrange(300)))
            low, high = PROFILES[profile][1]
            person = _Person(0, name, first, female, "", "", profile, start, end, rng.uniform(low, high))
            person.weight = 0.0 if profile == "import" else rng.lognormvariate(0, 0.9) * ((end - start).days + 30)
            people.append(person)
        people.sort(key=lambda p: p.start)  # ids in the order people were met
        for number, person in enumerate(people, start=1):
            person.id = number
            self._describe(person, people[rng.randrange(number - 1)] if number > 1 else None)
        self.people = people
        self.starts = [p.start for p in people]
        # One long, busy relationship (a co-founder, a mentor): about 1% of all entries.
        star = next(p for p in people if p.profile == "mutual")
        star.weight = 0.01 * sum(p.weight for p in people)
        dormant = [p for p in people if p.profile == "dormant"]
        for person in rng.sample(dormant, min(len(dormant), round(ARCHIVED_SHARE * len(people)))):
            person.archived = True
        for person in people:
            if person.profile != "import" and not person.archived and rng.random() < CADENCE_SHARE:
                person.cadence = rng.choice(CADENCES)

    def _describe(self, person: _Person, earlier: _Person | None) -> None:
        rng = self.rng
        if rng.random() < 0.92:
            index = bisect.bisect_left(self.org_weights, rng.random() * self.org_weights[-1])
            person.org, kind = self.org_names[index], self.org_kinds[index]
        else:
            kind = "none"
        person.role = rng.choice(text.ROLES[kind]) if rng.random() < 0.95 else ""
        tags = list(text.TYPE_TAGS[kind])
        tags += [tag for marker, tag in text.ROLE_TAGS if marker in person.role]
        tags += rng.sample(text.INTEREST_TAGS, rng.choice((0, 1, 1, 2, 2, 3)))
        person.tags = ", ".join(dict.fromkeys(tags))
        slots = _Slots(self, person.start, person, "given")
        slots["yr"] = str(person.start.year - (1 + rng.randrange(6) if person.start < self.first_day
                                               + dt.timedelta(days=540) else 0))
        slots["intro"] = earlier.first if earlier else rng.choice(text.CULTURES)[0][0]
        if person.profile == "import":
            person.how_met = "LinkedIn import"
        elif rng.random() < 0.9:
            person.channel, template = rng.choice(text.HOW_MET)
            person.how_met = slots.fill(template)
        if rng.random() < 0.12:
            person.notes = "; ".join(rng.sample(text.PERSON_NOTES, rng.choice((1, 1, 2))))

    def pick_other(self, date: dt.date, exclude: _Person | None) -> _Person:
        """Someone already met and still in touch on ``date``, not ``exclude``, not planted."""
        count = bisect.bisect_right(self.starts, date)
        for _ in range(30):
            other = self.people[self.rng.randrange(max(count, 2))]
            if other is not exclude and not other.planted and other.end >= date and other.profile != "import":
                return other
        return next(p for p in self.people if p is not exclude and not p.planted and p.end >= date)

    # -- entries -------------------------------------------------------------------

    def exchange(self, date: dt.date, person: _Person | None, *, direction: str | None = None,
                 kind: str | None = None, significance: int | None = None, vague: bool | None = None) -> None:
        rng = self.rng
        if person is None:  # a contribution to the network as a whole
            kind, template = rng.choice(text.CONTRIBUTIONS)
            slots = _Slots(self, date, None, "given")
            summary, direction = slots.fill(template), Direction.GIVEN.value
            community, second = slots["community"], None
        else:
            direction = direction or (Direction.GIVEN.value if rng.random() < person.give else Direction.RECEIVED.value)
            kind = kind or rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
            second = self.pick_other(date, person) if kind == Kind.INTRODUCTION else None
            slots = _Slots(self, date, person, direction, second)
            if vague is None:
                vague = rng.random() < VAGUE_SHARE
            summary = rng.choice(text.VAGUE) if vague else slots.fill(rng.choice(text.SUMMARIES[kind][direction]))
            community = ""
        if significance is None:
            significance = rng.choices(range(1, 6), SIGNIFICANCE_WEIGHTS)[0]
            bump = 0.3 if kind in (Kind.OPPORTUNITY, Kind.REFERRAL) else 0.0
            bump += 0.35 if person is not None and person.profile == "dormant" else 0.0
            if rng.random() < bump:
                significance = min(5, significance + 1)
            if vague:  # whatever was vague in the writing rarely mattered much
                significance = min(significance, 3)
        details = ""
        if person is not None and not vague and rng.random() < DETAILS_SHARE:
            details = slots.fill(rng.choice(text.DETAILS[direction]))
        outcome = ""
        if second is not None and (self.today - date).days > 45 and rng.random() < 0.4:
            met = date + dt.timedelta(days=rng.randrange(3, 30))
            slots["met_day"] = _day_month(met)
            outcome = slots.fill(rng.choice(text.OUTCOMES[direction]))
        stamp = _stamp(date, rng)
        self.exchanges.append([
            date.isoformat(), direction, str(kind), summary, details, significance,
            person.id if person else None, second.id if second else None, community, outcome, stamp, stamp,
        ])

    def touchpoint(self, date: dt.date, person: _Person, *, first: bool = False) -> None:
        rng = self.rng
        slots = _Slots(self, date, person, "given")
        if first:
            channel, note = person.channel, slots.fill(rng.choice(text.FIRST_NOTES))
        else:
            channel = rng.choices([c for c, _ in text.CHANNELS], [w for _, w in text.CHANNELS])[0]
            note = slots.fill(rng.choice(text.TOUCH_NOTES[channel]))
            if rng.random() < 0.25:
                note = f"{note}. {slots.fill(rng.choice(text.TOUCH_EXTRAS))}"
        self.touchpoints.append((date.isoformat(), person.id, channel, note, _stamp(date, rng)))

    def loop(self, person: _Person | None, opened: dt.date, *, due: dt.date | None = None,
             done: dt.date | None = None, kind: str | None = None) -> None:
        rng = self.rng
        kind = kind or (LoopKind.PROMISED.value if rng.random() < 0.55 else LoopKind.ASKED.value)
        slots = _Slots(self, opened, person, "given")
        what = slots.fill(rng.choice(text.LOOPS[kind if person else "none"]))
        self.loops.append((kind, person.id if person else None, what, opened.isoformat(),
                           due.isoformat() if due else None, done.isoformat() if done else None))

    def random_people(self, count: int) -> list[_Person]:
        pool = [p for p in self.people if p.weight > 0 and not p.planted]
        return self.rng.choices(pool, cum_weights=list(itertools.accumulate(p.weight for p in pool)), k=count)

    def generate(self) -> None:
        rng = self.rng
        self.make_people()
        self._plant_evidence()
        active = [p for p in self.people if p.profile != "import" and not p.planted]
        for person in active:  # every relationship starts with a first conversation
            self.touchpoint(person.start, person, first=True)
            if person.profile == "new":
                for _ in range(rng.randrange(1, 4)):
                    self.exchange(self.date_in(person), person)
        total_exchanges = round(self.size.entries * EXCHANGE_SHARE)
        contributions = round(total_exchanges * CONTRIBUTION_SHARE)
        for _ in range(contributions):
            self.exchange(self.ramp_date(), None)
        to_exchange = max(0, total_exchanges - len(self.exchanges))
        to_touch = max(0, self.size.entries - total_exchanges - len(self.touchpoints))
        for index, person in enumerate(self.random_people(to_exchange + to_touch)):
            if index < to_exchange:
                self.exchange(self.date_in(person), person)
            else:
                self.touchpoint(self.date_in(person), person)
        self._loops(round(self.size.entries * LOOP_SHARE) - len(self.loops))
        self._reflections()
        self._circumstances()

    def _plant_evidence(self) -> None:
        """Situations near ``today`` that today's prompts should find, whatever the seed."""
        rng, today = self.rng, self.today
        days = dt.timedelta
        old = [p for p in self.people if p.profile in ("mutual", "they_give") and (today - p.start).days > 5 * 365]
        overdue, taker = rng.sample(old, 2)
        for person in (overdue, taker):
            person.planted, person.weight, person.archived, person.profile = True, 0.0, False, "they_give"
        # 1. Overdue for contact, and once gave a lot.
        overdue.cadence = 90
        last = today - days(rng.randrange(130, 200))
        overdue.end = last
        self.touchpoint(overdue.start, overdue, first=True)
        for significance in (4, 5, 3, 4, 3, 2):
            self.exchange(self.date_in(overdue), overdue, direction="received", significance=significance, vague=False)
        for _ in range(2):
            self.exchange(self.date_in(overdue), overdue, direction="given", significance=2, vague=False)
        for _ in range(4):
            self.touchpoint(self.date_in(overdue), overdue)
        self.touchpoint(last, overdue)
        # 2. Received several times in the last two years, gave nothing back.
        taker.cadence = None
        self.touchpoint(taker.start, taker, first=True)
        cutoff = today - days(760)
        for _ in range(3):
            date = taker.start + days(rng.randrange((cutoff - taker.start).days))
            self.exchange(date, taker, direction="given", vague=False)
        for _ in range(4):
            self.exchange(today - days(rng.randrange(10, 700)), taker, direction="received", vague=False)
        for _ in range(3):
            self.touchpoint(self.date_in(taker), taker)
        current = [p for p in self.people if not p.planted and p.profile in ("mutual", "you_give", "they_give")]
        # 3. Exchanges that matter, one and four years ago to the day.
        for years, significance in ((1, 4), (4, 3)):
            date = _years_before(today, years)
            person = rng.choice([p for p in current if p.start < date])
            self.exchange(date, person, significance=significance, vague=False, kind=Kind.ADVICE.value)
        # 4. Two vague entries this week.
        for ago in (1, 4):
            self.exchange(today - days(ago), rng.choice(current), kind=Kind.ADVICE.value, vague=True, significance=2)
        # 5. Open loops past due within the last two months, and some due soon.
        for _ in range(3):
            opened = today - days(rng.randrange(25, 80))
            due = max(opened, today - days(rng.randrange(3, 55)))
            self.loop(rng.choice([p for p in current if p.start <= opened]), opened, due=due)
        for _ in range(2):
            opened = today - days(rng.randrange(1, 20))
            due = today + days(rng.randrange(5, 40))
            self.loop(rng.choice([p for p in current if p.start <= opened]), opened, due=due)

    def _loops(self, count: int) -> None:
        rng, today = self.rng, self.today
        for person in self.random_people(max(0, count)):
            holder = person if rng.random() < 0.95 else None
            opened = self.date_in(person)
            due = opened + dt.timedelta(days=rng.randrange(3, 46)) if rng.random() < 0.75 else None
            age = (today - opened).days
            done = None
            if age > 365 and rng.random() < 0.03:
                due = None  # a vague promise, long forgotten
            elif rng.random() < (1.0 if age > 365 else 0.8 if age > 120 else 0.45):
                done = min(opened + dt.timedelta(days=rng.randrange(0, 60)), person.end, today)
            self.loop(holder, opened, due=due, done=done)

    def _reflections(self) -> None:
        rng = self.rng
        linked = self.random_people(self.size.reflections)
        for index in range(self.size.reflections):
            person = linked[index] if rng.random() < 0.3 else None
            date = self.date_in(person) if person else self.ramp_date()
            slots = _Slots(self, date, person, "given")
            body = rng.choice(text.PERSON_REFLECTIONS if person else text.REFLECTIONS)
            coda = rng.choice(text.REFLECTION_CODAS)
            reflection = slots.fill(f"{body} {coda}".strip())
            self.reflections.append((date.isoformat(), reflection, None, person.id if person else None,
                                     _stamp(date, rng)))

    def _circumstances(self) -> None:
        rng, today = self.rng, self.today
        candidates = [p for p in self.people if not p.planted and p.profile in ("mutual", "you_give", "they_give")]
        count = min(len(candidates), max(3, round(CIRCUMSTANCE_SHARE * len(self.people))))
        # A third are current, and fall on busy one-sided relationships, so that
        # some "mostly you give/receive" hints are softened by a circumstance.
        one_sided = sorted((p for p in candidates if p.profile != "mutual"), key=lambda p: -p.weight)
        current = rng.sample(one_sided[: max(4, len(one_sided) // 4)], (count + 2) // 3)
        chosen = set(current)
        others = rng.sample([p for p in candidates if p not in chosen], count - len(current))
        for index, person in enumerate(current + others):
            shape, template = rng.choice(text.CIRCUMSTANCES)
            if index < len(current):
                start = max(person.start, today - dt.timedelta(days=rng.randrange(20, 240)))
                end = today + dt.timedelta(days=rng.randrange(30, 200)) if shape == "end" else None
            else:
                start = self.date_in(person)
                end = start + dt.timedelta(days=rng.randrange(45, 300))
            slots = _Slots(self, start, person, "given")
            slots["end_month"] = text.MONTHS[(end or start).month - 1]
            self.circumstances.append((person.id, slots.fill(template), start.isoformat(),
                                       end.isoformat() if end else None))

    # -- reciprocation -----------------------------------------------------------------

    def link_returns(self) -> list[tuple[object, ...]]:
        """Sort exchanges by date, number them, and link some to the exchange they return."""
        rng = self.rng
        self.exchanges.sort(key=lambda row: row[0])
        history: dict[tuple[object, str], list[int]] = {}
        returned: set[int] = set()
        rows = []
        for number, row in enumerate(self.exchanges, start=1):
            date, direction, person_id = row[0], row[1], row[6]
            link = None
            if person_id is not None:
                chance = 0.16 if direction == Direction.RECEIVED.value else 0.07
                opposite = Direction(direction).opposite.value
                earlier = [i for i in history.get((person_id, opposite), [])[-6:] if i not in returned]
                if earlier and rng.random() < chance:
                    link = rng.choice(earlier)
                    returned.add(link)
                    if not row[4] and rng.random() < 0.5:
                        when = dt.date.fromisoformat(rows[link - 1][1])
                        person = self.people[person_id - 1]
                        slots = _Slots(self, dt.date.fromisoformat(date), person, direction)
                        slots["when"] = f"{text.MONTHS[when.month - 1]} {when.year}"
                        notes = text.RETURN_NOTES if direction == Direction.GIVEN.value else text.RETURN_NOTES_RECEIVED
                        row[4] = slots.fill(rng.choice(notes))
                history.setdefault((person_id, direction), []).append(number)
            rows.append((number, *row[:9], link, row[9], *row[10:]))
        return rows


def _insert(model: type, fields: list, rows: list) -> None:
    for start in range(0, len(rows), BATCH):
        model.insert_many(rows[start : start + BATCH], fields=fields).execute()


def populate_demo(journal: Journal, size: str = "small", *, seed: int = 7, today: dt.date | None = None) -> DemoStats:
    """Fill an empty ``journal`` with a believable, deterministic history ending at ``today``."""
    if size not in DEMO_SIZES:
        raise ValueError(f"Unknown demo size {size!r}; choose one of {', '.join(DEMO_SIZES)}.")
    if Person.select().exists() or Exchange.select().exists():
        raise ValueError("A demo journal can only be generated into an empty journal.")
    began = time.perf_counter()
    gen = _Generator(DEMO_SIZES[size], seed, today or dt.date.today())
    gen.generate()
    exchanges = gen.link_returns()
    touchpoints = sorted(gen.touchpoints, key=lambda row: row[0])
    loops = sorted(gen.loops, key=lambda row: row[3])
    reflections = sorted(gen.reflections, key=lambda row: row[0])
    circumstances = sorted(gen.circumstances, key=lambda row: row[2])
    people = [
        (p.id, p.name, p.org, p.role, p.how_met, p.notes, p.tags, p.cadence, p.archived,
         f"{p.start.isoformat()}T09:00:00+00:00", f"{p.start.isoformat()}T09:00:00+00:00")
        for p in gen.people
    ]
    number = itertools.count(1)
    with journal.write() as changes:
        _insert(Person, [Person.id, Person.name, Person.organisation, Person.role, Person.how_met, Person.notes,
                         Person.tags, Person.cadence_days, Person.archived, Person.created_at, Person.updated_at],
                people)
        _insert(Exchange, [Exchange.id, Exchange.date, Exchange.direction, Exchange.kind, Exchange.summary,
                           Exchange.details, Exchange.significance, Exchange.person, Exchange.second_person,
                           Exchange.community, Exchange.reciprocates, Exchange.outcome, Exchange.created_at,
                           Exchange.updated_at], exchanges)
        _insert(Touchpoint, [Touchpoint.id, Touchpoint.date, Touchpoint.person, Touchpoint.channel, Touchpoint.note,
                             Touchpoint.created_at], [(next(number), *row) for row in touchpoints])
        number = itertools.count(1)
        _insert(OpenLoop, [OpenLoop.id, OpenLoop.loop_kind, OpenLoop.person, OpenLoop.what, OpenLoop.opened_on,
                           OpenLoop.due_on, OpenLoop.done_on], [(next(number), *row) for row in loops])
        number = itertools.count(1)
        _insert(Reflection, [Reflection.id, Reflection.date, Reflection.text, Reflection.prompt_id, Reflection.person,
                             Reflection.created_at], [(next(number), *row) for row in reflections])
        number = itertools.count(1)
        _insert(Circumstance, [Circumstance.id, Circumstance.person, Circumstance.note, Circumstance.start_on,
                               Circumstance.end_on], [(next(number), *row) for row in circumstances])
        # Fold the index segments left by a hundred thousand trigger writes.
        journal.store.db.execute_sql("INSERT INTO search_index(search_index) VALUES('optimize')")
        changes.append(JournalChange("journal", "updated"))
    return DemoStats(len(people), len(exchanges), len(touchpoints), len(loops), len(reflections), len(circumstances),
                     time.perf_counter() - began)


def create_demo_journal(path: str | os.PathLike[str], passphrase: str, size: str = "small", *, seed: int = 7,
                        kdf_iter: int = DEFAULT_KDF_ITER, today: dt.date | None = None) -> DemoStats:
    """Create a new encrypted journal at ``path``, fill it with demo data, and close it."""
    journal = Journal.create(path, passphrase, kdf_iter=kdf_iter)
    try:
        stats = populate_demo(journal, size, seed=seed, today=today)
    finally:
        journal.close()
    return stats
