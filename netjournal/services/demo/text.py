"""The demo journal's words, and the filling of its templates with them (see ``demo``).

The word lists and templates are data, in ``resources/demo_words.json``, read
once by ``words()``.  Organisations, universities and most communities are
invented; events mix well-known community conferences (PyCon, FOSDEM) with
invented ones; people are combinations of common first and last names from
many cultures.

Templates use ``str.format`` slots that ``Slots`` fills on demand:

- ``{p}``/``{P}``: the counterpart's first/full name; ``{sp}``, ``{Sp}``, ``{op}``, ``{pr}``:
  their pronouns (she, She, her, her); ``{p_org}``: their organisation.
- ``{o}``, ``{o_first}``, ``{o_org}``, ``{o_desc}``: another person (for introductions,
  the second person); ``{o_desc}`` reads " (role, organisation)".
- ``{why}``, ``{res}``: a reason, a result, seen from the exchange's side (given or
  received); ``{tail}``: either or nothing; ``{outcome}``: a result or nothing.
- pools: ``{org}``, ``{org2}`` (another organisation), ``{uni}``, and every list under
  ``"pools"`` in the data file by its key (``{role}``, ``{doc}``, ``{topic}``, ``{tech}``,
  ``{event}``, ``{city}``, ``{community}``, ``{field}``, ``{service}``, ``{language}``,
  ``{hardship}``, ``{hardship_me}``, ``{amount}``, ``{small_amount}``, ``{period}``);
  numbers and dates: ``{n}``, ``{day}``, ``{month}``, ``{yr}``.
- set by the caller for the templates that need them: ``{intro}`` and ``{yr}`` (how_met),
  ``{met_day}`` (outcomes), ``{when}`` (return_notes), ``{end_month}`` (circumstances),
  and ``{place}`` (university_patterns, filled with ``str.format``).

After filling, "a" becomes "an" where the word a slot put after it needs it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from netjournal.services.demo.world import DemoPerson, DemoWorld

DATA_FILE = "demo_words.json"
DATA_VERSION = 1

Words = tuple[str, ...]
ByDirection = Mapping[str, Words]  # "given" and "received"
Pairs = tuple[tuple[str, str], ...]


class Culture(NamedTuple):
    female: Words  # first names
    male: Words
    last: Words


@dataclass(frozen=True, slots=True)
class DemoWords:
    """The contents of ``demo_words.json``: each field is the key of the same name."""

    months: Words
    cultures: tuple[Culture, ...]
    # Organisations: an invented root and a sector word, or a university pattern and a place.
    org_roots: Words
    org_suffixes: Mapping[str, Words]  # by organisation type
    places: Words
    university_patterns: Words
    org_type_weights: Mapping[str, int]
    # People
    roles: Mapping[str, Words]  # by organisation type; "none" for the independent
    type_tags: Mapping[str, Words]  # by organisation type
    role_tags: Mapping[str, str]  # a marker in the role: the tag it earns
    interest_tags: Words
    how_met: Pairs  # (channel of the first conversation, template)
    first_notes: Words
    person_notes: Words
    pools: Mapping[str, Words]  # by slot name
    # Exchanges
    why: ByDirection
    results: ByDirection  # results that fit any kind of exchange (kind-specific ones are in the summaries)
    summaries: Mapping[str, ByDirection]  # by kind; the counterpart is {p}, introductions also name {o}
    vague: Words  # deliberately vague summaries: the specificity score flags all of these
    details: ByDirection
    return_notes: ByDirection  # for an exchange that returns an earlier one
    outcomes: ByDirection  # of introductions
    contributions: Pairs  # (kind, template): contributions to the network as a whole
    # Touchpoints, open loops, reflections, circumstances
    channels: Mapping[str, int]  # weights
    touch_notes: Mapping[str, Words]  # by channel
    touch_extras: Words
    loops: Mapping[str, Words]  # by loop kind; "none" for loops without a person
    reflections: Words
    person_reflections: Words
    reflection_codas: Words  # "" for none
    circumstances: Pairs  # (shape, template); a current "end" circumstance has an end date

    def month(self, date: dt.date) -> str:
        return self.months[date.month - 1]

    def day_month(self, date: dt.date) -> str:
        return f"{date.day} {self.months[date.month - 1]}"


def _freeze(value: Any) -> Any:
    """JSON arrays as tuples and objects as read-only mappings: the cached words are shared."""
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    if isinstance(value, dict):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    return value


@functools.cache
def words() -> DemoWords:
    """The demo's word lists and templates, read once from ``resources/demo_words.json``."""
    data = json.loads(resources.files("netjournal.resources").joinpath(DATA_FILE).read_text(encoding="utf-8"))
    version = data.pop("version", None)
    if version != DATA_VERSION:
        raise ValueError(f"{DATA_FILE} has version {version!r}; expected {DATA_VERSION}.")
    fields = {key: _freeze(value) for key, value in data.items()}
    fields["cultures"] = tuple(Culture(**culture) for culture in fields["cultures"])
    return DemoWords(**fields)


_ARTICLE = re.compile(r"\b([Aa]) ([A-Za-z][\w-]*)")
_YOU_SOUND = ("ux", "us", "uni", "use")


def _an(match: re.Match[str]) -> str:
    """ "a" or "an" for the word a slot put after it ("an ML engineer", "a UX researcher")."""
    article, word = match.groups()
    lower = word.lower()
    vowel = lower[0] in "aeio" or (lower[0] == "u" and not lower.startswith(_YOU_SOUND))
    if word.isupper() and len(word) > 1:  # acronyms are read letter by letter
        vowel = word[0] in "AEFHILMNORSX"
    return f"{article}n {word}" if vowel else match.group()


class Slots(dict):
    """Template slots, each drawn from the world's random stream only when a template asks for it."""

    def __init__(
        self,
        world: DemoWorld,
        date: dt.date,
        person: DemoPerson | None,
        direction: str,
        other: DemoPerson | None = None,
    ) -> None:
        super().__init__()
        self.world, self.date, self.person, self.direction, self.other = world, date, person, direction, other

    def fill(self, template: str) -> str:
        return _ARTICLE.sub(_an, template.format_map(self))

    def __missing__(self, key: str) -> str:
        value = self._make(key)
        self[key] = value
        return value

    def _make(self, key: str) -> str:
        world, p = self.world, self.person
        rng = world.rng
        if key in ("p", "P", "sp", "Sp", "op", "pr", "p_org"):
            if p is None:
                p = self.person = world.pick_other(self.date, None)
            female = p.female
            return {
                "p": p.first,
                "P": p.name,
                "sp": "she" if female else "he",
                "Sp": "She" if female else "He",
                "op": "her" if female else "him",
                "pr": "her" if female else "his",
                "p_org": p.org or self["org"],
            }[key]
        if key in ("o", "o_first", "o_desc", "o_org"):
            if self.other is None:
                self.other = world.pick_other(self.date, self.person)
            o = self.other
            desc = ", ".join(part for part in (o.role, o.org) if part)
            return {
                "o": o.name,
                "o_first": o.first,
                "o_desc": f" ({desc})" if desc else "",
                "o_org": o.org or self["org"],
            }[key]
        if key == "org2":
            value = self["org"]
            while value == self["org"]:
                value = rng.choice(world.org_names)
            return value
        if key in ("why", "res"):
            pool = world.words.why if key == "why" else world.words.results
            return self.fill(rng.choice(pool[self.direction]))
        if key == "tail":
            roll = rng.random()
            return "" if roll < 0.4 else (" " + self["why"] if roll < 0.7 else "; " + self["res"])
        if key == "outcome":
            return "" if rng.random() < 0.5 else "; " + self["res"]
        if key == "n":
            return str(rng.choice((2, 3, 4, 5, 6, 8, 10, 12, 14, 20, 25, 40)))
        if key == "day":
            return world.words.day_month(self.date - dt.timedelta(days=rng.randrange(10)))
        if key == "month":
            return world.words.month(self.date)
        if key == "yr":
            return str(self.date.year)
        pool = world.pools.get(key)
        if pool is None:
            raise KeyError(key)
        return rng.choice(pool)
