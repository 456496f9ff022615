"""Reflection prompts: a library of questions, and the engine that picks today's.

Periodic prompts rotate by week, month and quarter; triggered prompts come
from the journal's own evidence (an overdue person who once helped a lot, an
open loop past due, ...).  The choice is a pure function of the date, the
evidence and the prompts' saved state, so the same journal on the same day
always shows the same prompts.

Each due prompt has a ``key`` naming the prompt and what it is about (the
period, or the person and the evidence).  Answering or dismissing hides that
key; new evidence makes a new key, so the prompt can come back when the
situation changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

CADENCES = ("weekly", "monthly", "quarterly")
THEMES = ("generosity", "discernment", "specificity", "long_horizons", "asking_well", "keeping_in_touch")
TRIGGER_FIELDS: dict[str, frozenset[str]] = {
    "overdue_valuable": frozenset({"name", "days", "evidence"}),
    "received_without_giving": frozenset({"name", "count", "evidence"}),
    "loop_past_due": frozenset({"name", "what", "days", "loop_kind"}),
    "exchange_anniversary": frozenset({"name", "evidence", "years"}),
    "vague_entries_week": frozenset({"count", "evidence"}),
    "no_contribution_quarter": frozenset({"days"}),
    "introduction_outcome": frozenset({"who", "by", "days"}),
}
MAX_PER_TRIGGER = 2
MAX_PROMPTS = 6
NO_CONTRIBUTION_GRACE_DAYS = 45  # a contribution this recent silences the prompt even in a new quarter


class PromptLibraryError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class PromptTemplate:
    id: str
    theme: str
    text: str
    cadence: str | None = None
    trigger: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """One situation that may trigger a prompt.

    ``subject`` identifies the situation (it becomes part of the prompt key);
    ``fields`` fill the template; ``entry_ids`` are the entries it rests on (exchanges,
    or the one introduction between others a ``brokered_introduction:`` subject names).
    """

    subject: str
    fields: Mapping[str, object]
    person_id: int | None = None
    entry_ids: tuple[int, ...] = ()
    strength: float = 0.0  # larger first


@dataclass(frozen=True, slots=True)
class PromptState:
    snoozed_until: dt.date | None = None
    dismissed_on: dt.date | None = None
    answered_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class DuePrompt:
    key: str
    prompt_id: str
    theme: str
    text: str
    reason: str  # why it is shown today
    person_id: int | None = None
    entry_ids: tuple[int, ...] = field(default=())


def parse_library(text: str) -> tuple[PromptTemplate, ...]:
    try:
        data = json.loads(text)
        raw = data["prompts"]
    except (ValueError, KeyError, TypeError) as error:
        raise PromptLibraryError(f"The prompt library is not valid: {error}") from None
    prompts = []
    seen: set[str] = set()
    for item in raw:
        prompt = PromptTemplate(
            id=str(item["id"]),
            theme=str(item["theme"]),
            text=str(item["text"]),
            cadence=item.get("cadence"),
            trigger=item.get("trigger"),
        )
        if prompt.id in seen:
            raise PromptLibraryError(f"Prompt id {prompt.id!r} appears twice.")
        if (prompt.cadence is None) == (prompt.trigger is None):
            raise PromptLibraryError(f"Prompt {prompt.id!r} needs exactly one of cadence or trigger.")
        if prompt.cadence is not None and prompt.cadence not in CADENCES:
            raise PromptLibraryError(f"Prompt {prompt.id!r} has an unknown cadence {prompt.cadence!r}.")
        allowed = TRIGGER_FIELDS.get(prompt.trigger, frozenset()) if prompt.trigger else frozenset()
        if prompt.trigger is not None and prompt.trigger not in TRIGGER_FIELDS:
            raise PromptLibraryError(f"Prompt {prompt.id!r} has an unknown trigger {prompt.trigger!r}.")
        used = {name for _, name, _, _ in string.Formatter().parse(prompt.text) if name}
        if not used <= allowed:
            raise PromptLibraryError(f"Prompt {prompt.id!r} uses unknown fields {sorted(used - allowed)}.")
        seen.add(prompt.id)
        prompts.append(prompt)
    return tuple(prompts)


def load_library() -> tuple[PromptTemplate, ...]:
    text = resources.files("netjournal.resources").joinpath("prompts.json").read_text(encoding="utf-8")
    return parse_library(text)


def _stable_index(seed: str, count: int) -> int:
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count


def period_of(cadence: str, today: dt.date) -> str:
    if cadence == "weekly":
        year, week, _ = today.isocalendar()
        return f"{year}-W{week:02d}"
    if cadence == "monthly":
        return f"{today.year}-{today.month:02d}"
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def _visible(key: str, states: Mapping[str, PromptState], today: dt.date) -> bool:
    state = states.get(key)
    if state is None:
        return True
    if state.dismissed_on is not None or state.answered_on is not None:
        return False
    return state.snoozed_until is None or state.snoozed_until <= today


_TRIGGER_REASONS = {
    "overdue_valuable": "Overdue, and once helped you a lot",
    "received_without_giving": "Received several times, gave nothing in two years",
    "loop_past_due": "An open loop is past its due date",
    "exchange_anniversary": "A year to the day",
    "vague_entries_week": "Vague entries this week",
    "no_contribution_quarter": "No contribution to the network this quarter",
    "introduction_outcome": "An introduction some weeks ago, with nothing yet on what came of it",
}


def todays_prompts(
    library: Sequence[PromptTemplate],
    today: dt.date,
    evidence: Mapping[str, Sequence[Evidence]],
    states: Mapping[str, PromptState] | None = None,
    *,
    limit: int = MAX_PROMPTS,
) -> list[DuePrompt]:
    """Triggered prompts first (strongest evidence first), then this week's, month's and quarter's."""
    states = states or {}
    due: list[DuePrompt] = []
    for trigger in TRIGGER_FIELDS:
        templates = [p for p in library if p.trigger == trigger]
        if not templates:
            continue
        ranked = sorted(evidence.get(trigger, ()), key=lambda e: (-e.strength, e.subject))
        shown = 0
        for item in ranked:
            template = templates[_stable_index(f"{trigger}|{item.subject}", len(templates))]
            key = f"{template.id}#{item.subject}"
            if not _visible(key, states, today):
                continue
            text = template.text.format_map({k: item.fields.get(k, "") for k in TRIGGER_FIELDS[trigger]})
            due.append(
                DuePrompt(
                    key, template.id, template.theme, text, _TRIGGER_REASONS[trigger], item.person_id, item.entry_ids
                )
            )
            shown += 1
            if shown == MAX_PER_TRIGGER:
                break
    periodic: list[DuePrompt] = []
    for cadence in CADENCES:
        templates = [p for p in library if p.cadence == cadence]
        if not templates:
            continue
        period = period_of(cadence, today)
        template = templates[_stable_index(f"{cadence}|{period}", len(templates))]
        key = f"{template.id}@{period}"
        if _visible(key, states, today):
            reason = f"This {cadence.removesuffix('ly')}'s question"
            periodic.append(DuePrompt(key, template.id, template.theme, template.text, reason))
    # Evidence comes first, but always leave room for one periodic question.
    room = limit - min(1, len(periodic))
    return (due[:room] + periodic)[:limit]
