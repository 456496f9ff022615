"""Plain-text views for the terminal: a person's ledger and timeline, prompts, search hits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from netjournal.cli.terminal import printable
from netjournal.domain import (
    BrokeredEntry,
    Direction,
    ExchangeEntry,
    LoopEntry,
    ReflectionEntry,
    TimelineEntry,
    TouchpointEntry,
)
from netjournal.insights.ledger import WINDOWS
from netjournal.insights.prompts import DuePrompt
from netjournal.insights.specificity import SpecificityReport
from netjournal.services.relationships import Relationship
from netjournal.services.search import SNIPPET_END, SNIPPET_START, SearchHit
from netjournal.wording import days, days_ago, plural


def specificity_lines(report: SpecificityReport) -> list[str]:
    lines = [f"This entry is vague (specificity {report.score}/100). To make it useful later:"]
    lines += [f"  - {hint.text}" for hint in report.hints]
    return lines


def _entry_line(entry: TimelineEntry) -> str:
    match entry:
        case ExchangeEntry():
            arrow = "→ gave" if entry.direction is Direction.GIVEN else "← received"
            text = f"{arrow} {entry.kind} (significance {entry.significance}): {entry.summary}  [#{entry.id}]"
            if entry.second_person_name:
                text += f"  (introduction with {entry.second_person_name})"
            if entry.outcome:
                text += f"  came of it: {entry.outcome}"
            return text
        case TouchpointEntry():
            channel = f" by {entry.channel}" if entry.channel else ""
            return f"· in touch{channel}: {entry.note}"
        case LoopEntry():
            if entry.done_on:
                state = f"done {entry.done_on.isoformat()}"
            else:
                state = f"due {entry.due_on.isoformat()}" if entry.due_on else "open"
            return f"○ {entry.loop_kind} ({state}): {entry.what}  [#{entry.id}]"
        case ReflectionEntry():
            return f"✎ reflection: {entry.text}"
        case BrokeredEntry():
            someone = "someone"
            who = (
                f"{entry.person_name or someone} introduced {entry.first_person_name or someone} "
                f"to {entry.second_person_name or someone}"
            )
            text = f"⇄ {who}: {entry.summary}  [introduction #{entry.id}]"
            return text + (f"  came of it: {entry.outcome}" if entry.outcome else "")


def relationship_text(rel: Relationship, timeline: Iterable[TimelineEntry], today: dt.date) -> str:
    lines = [rel.name]
    role = ", ".join(part for part in (rel.role, rel.organisation) if part)
    if role:
        lines.append(role)
    lines.append("")
    lines.append(f"{'':<10} {'given':>14} {'received':>14}")
    for window in WINDOWS:
        t = rel.ledger.totals[window.key]
        lines.append(
            f"{window.label:<10} {t.given_count:>5} (sig {t.given_significance:>3}) "
            f"{t.received_count:>5} (sig {t.received_significance:>3})"
        )
    cadence = rel.ledger.cadence
    lines.append("")
    if cadence.last_entry_on is None or cadence.days_since is None:
        lines.append("Last entry: none yet")
    else:
        lines.append(f"Last entry: {cadence.last_entry_on.isoformat()} ({days_ago(cadence.days_since)})")
    if cadence.cadence_days:
        state = f"overdue by {days(cadence.overdue_days)}" if cadence.is_overdue else "on track"
        lines.append(f"Keep in touch every {days(cadence.cadence_days)}: {state}")
    median = rel.ledger.median_days_to_reciprocate
    if median is not None:
        lines.append(
            f"Time to reciprocate: median {days(round(median))} over "
            + plural(len(rel.ledger.reciprocations), "1 pair", "{0} pairs")
        )
    seeds = rel.ledger.seeds
    if seeds:
        lines.append(f"Seeds planted (given, not yet returned): {len(seeds)}, oldest {days(seeds[0].age_days)}")
    hint = rel.hint
    softened = " (softened: a circumstance may explain it)" if hint.softened else ""
    lines.append(f"Pattern: {hint.label}{softened}")
    lines += [f"  - {reason.text}" for reason in hint.reasons]
    for c in rel.circumstances:
        span = c.start.isoformat() + (f" to {c.end.isoformat()}" if c.end else " onwards")
        lines.append(f"Circumstance ({span}): {c.note}")
    for loop in rel.open_loops:
        due = f", due {loop.due_on.isoformat()}" if loop.due_on else ""
        overdue = " — past due" if loop.due_on and loop.due_on < today else ""
        lines.append(f"Open loop ({loop.loop_kind}{due}{overdue}): {loop.what}")
    lines.append("")
    lines.append("Timeline (newest first)")
    month = None
    for entry in timeline:
        heading = entry.date.strftime("%B %Y")
        if heading != month:
            month = heading
            lines.append(f"  {heading}")
        lines.append(f"    {entry.date.isoformat()}  {_entry_line(entry)}")
    return "\n".join(lines)


def prompt_lines(prompts: list[DuePrompt]) -> list[str]:
    if not prompts:
        return ["No prompts today."]
    lines = []
    for number, prompt in enumerate(prompts, 1):
        lines.append(f"{number}. {prompt.text}")
        lines.append(f"   ({prompt.reason})")
    return lines


def hit_line(hit: SearchHit, *, emphasis: tuple[str, str] = ("", "")) -> str:
    date = hit.date.isoformat() if hit.date else "          "
    who = printable(hit.person_name or "—")
    snippet = printable(hit.snippet, keep=SNIPPET_START + SNIPPET_END)
    snippet = snippet.replace(SNIPPET_START, emphasis[0]).replace(SNIPPET_END, emphasis[1])
    snippet = " ".join(snippet.split())
    entity = "introduction" if hit.entity == "brokered_introduction" else hit.entity  # as `delete` names it
    return f"{date}  {entity:<12} {who:<24.24} {snippet}"
