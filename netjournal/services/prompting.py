"""Today's reflection prompts: gather the evidence in SQL, let the engine choose, keep their state."""

from __future__ import annotations

import datetime as dt
import string
from functools import cache

from netjournal.domain import Entity
from netjournal.insights.network import VALUABLE_RECEIVED_SIGNIFICANCE
from netjournal.insights.prompts import (
    NO_CONTRIBUTION_GRACE_DAYS,
    DuePrompt,
    Evidence,
    PromptTemplate,
    load_library,
    period_of,
    todays_prompts,
)
from netjournal.insights.prompts import (
    PromptState as PromptStateRecord,
)
from netjournal.insights.specificity import score_specificity
from netjournal.services.entries import add_reflection
from netjournal.services.events import ChangeAction, JournalChange
from netjournal.services.introductions import outcome_evidence, record_prompted_outcome
from netjournal.services.journal import Journal
from netjournal.store import rows
from netjournal.store.models import PromptState

ANNIVERSARY_MIN_SIGNIFICANCE = 3


@cache
def library() -> tuple[PromptTemplate, ...]:
    return load_library()


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"\u201c{text}\u201d"


def _overdue_valuable(journal: Journal, today: dt.date) -> list[Evidence]:
    rows = journal.sql(
        "SELECT p.id, p.name, p.last_entry_on, sum(e.significance), "
        "  (SELECT summary FROM exchange x WHERE x.person_id = p.id AND x.direction = 'received' "
        "   ORDER BY x.significance DESC, x.date DESC LIMIT 1), "
        "  (SELECT id FROM exchange x WHERE x.person_id = p.id AND x.direction = 'received' "
        "   ORDER BY x.significance DESC, x.date DESC LIMIT 1) "
        "FROM person p JOIN exchange e ON e.person_id = p.id AND e.direction = 'received' "
        "WHERE p.cadence_days IS NOT NULL AND p.archived = 0 "
        "  AND julianday(:today) - julianday(p.last_entry_on) > p.cadence_days "
        "GROUP BY p.id HAVING sum(e.significance) >= :min",
        {"today": today.isoformat(), "min": VALUABLE_RECEIVED_SIGNIFICANCE},
    )
    found = []
    for pid, name, last, total, summary, eid in rows:
        days = (today - dt.date.fromisoformat(last)).days
        found.append(
            Evidence(
                f"person:{pid}:{last}",
                {"name": name, "days": days, "evidence": f"gave you this: {_quote(summary)}"},
                pid,
                (eid,),
                float(total),
            )
        )
    return found


def _received_without_giving(journal: Journal, today: dt.date) -> list[Evidence]:
    since = (today - dt.timedelta(days=730)).isoformat()
    rows = journal.sql(
        "SELECT e.person_id, p.name, count(*), max(e.id), group_concat(e.id) FROM exchange e "
        "JOIN person p ON p.id = e.person_id "
        "WHERE e.date >= :since AND e.direction = 'received' AND p.archived = 0 GROUP BY e.person_id "
        "HAVING count(*) >= 3 AND NOT EXISTS (SELECT 1 FROM exchange g WHERE g.person_id = e.person_id "
        "  AND g.direction = 'given' AND g.date >= :since)",
        {"since": since},
    )
    found = []
    for pid, name, count, last_id, ids in rows:
        (summary,) = journal.sql("SELECT summary FROM exchange WHERE id = ?", (last_id,)).fetchone()
        found.append(
            Evidence(
                f"person:{pid}:{last_id}",
                {"name": name, "count": count, "evidence": _quote(summary)},
                pid,
                tuple(int(i) for i in ids.split(",")),
                float(count),
            )
        )
    return found


def _loops_past_due(journal: Journal, today: dt.date) -> list[Evidence]:
    rows = journal.sql(
        "SELECT l.id, l.what, l.due_on, l.loop_kind, l.person_id, coalesce(p.name, 'someone') "
        "FROM open_loop l LEFT JOIN person p ON p.id = l.person_id "
        "WHERE l.done_on IS NULL AND l.due_on < ?",
        (today.isoformat(),),
    )
    found = []
    for lid, what, due, kind, pid, name in rows:
        days = (today - dt.date.fromisoformat(due)).days
        found.append(
            Evidence(
                f"loop:{lid}",
                {"name": name, "what": what, "days": days, "loop_kind": kind},
                pid,
                (),
                float(days),
            )
        )
    return found


def _anniversaries(journal: Journal, today: dt.date) -> list[Evidence]:
    days = []
    for years in range(1, 41):
        try:
            days.append((today.replace(year=today.year - years).isoformat(), years))
        except ValueError:  # 29 February
            continue
    years_of = dict(days)
    marks = ",".join("?" * len(days))
    rows = journal.sql(
        "SELECT e.id, e.date, e.summary, e.person_id, p.name, e.significance FROM exchange e "
        f"JOIN person p ON p.id = e.person_id WHERE e.date IN ({marks}) AND e.significance >= ?",
        (*years_of, ANNIVERSARY_MIN_SIGNIFICANCE),
    )
    return [
        Evidence(
            f"exchange:{eid}:{today.year}",
            {"name": name, "evidence": _quote(summary), "years": years_of[date]},
            pid,
            (eid,),
            float(significance * 10 + years_of[date]),
        )
        for eid, date, summary, pid, name, significance in rows
    ]


def _vague_this_week(journal: Journal, today: dt.date) -> list[Evidence]:
    # The ISO week, like the prompt's key: answering it hides it until Monday.
    since = (today - dt.timedelta(days=today.weekday())).isoformat()
    rows = journal.sql(
        "SELECT id, summary, details FROM exchange WHERE date >= ? AND date <= ? ORDER BY date DESC, id DESC",
        (since, today.isoformat()),
    )
    vague = [(eid, summary) for eid, summary, details in rows if score_specificity(summary, details).is_vague]
    if not vague:
        return []
    year, week, _ = today.isocalendar()
    return [
        Evidence(
            f"week:{year}-W{week:02d}",
            {"count": len(vague), "evidence": _quote(vague[0][1])},
            None,
            tuple(eid for eid, _ in vague),
            float(len(vague)),
        )
    ]


def _no_contribution(journal: Journal, today: dt.date) -> list[Evidence]:
    (last,) = journal.sql(
        "SELECT max(date) FROM exchange WHERE person_id IS NULL AND direction = 'given' AND date <= ?",
        (today.isoformat(),),
    ).fetchone()
    last_day = None if last is None else dt.date.fromisoformat(last)
    days = None if last_day is None else (today - last_day).days
    quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    # "This quarter", like the key; early in a quarter the previous one still counts.
    if last_day is not None and days is not None and (last_day >= quarter_start or days <= NO_CONTRIBUTION_GRACE_DAYS):
        return []
    return [
        Evidence(
            f"quarter:{period_of('quarterly', today)}",
            {"days": "many" if days is None else days},
        )
    ]


def gather_evidence(journal: Journal, today: dt.date) -> dict[str, list[Evidence]]:
    return {
        "overdue_valuable": _overdue_valuable(journal, today),
        "received_without_giving": _received_without_giving(journal, today),
        "loop_past_due": _loops_past_due(journal, today),
        "exchange_anniversary": _anniversaries(journal, today),
        "vague_entries_week": _vague_this_week(journal, today),
        "no_contribution_quarter": _no_contribution(journal, today),
        "introduction_outcome": outcome_evidence(journal, today),
    }


def prompt_states(journal: Journal) -> dict[str, PromptStateRecord]:
    return {
        s.prompt_key: PromptStateRecord(s.snoozed_until, s.dismissed_on, s.answered_on)
        for s in journal.rows(PromptState.select())
    }


def prompts_for(journal: Journal, today: dt.date | None = None) -> list[DuePrompt]:
    today = today or dt.date.today()
    return todays_prompts(library(), today, gather_evidence(journal, today), prompt_states(journal))


# Prompt states are keyed by text, not by a local id.
_PROMPT_STATE_CHANGED = JournalChange(Entity.PROMPT_STATE, ChangeAction.UPDATED)


def _set_state(journal: Journal, key: str, **values: object) -> None:
    with journal.write() as changes:
        rows.upsert(journal.db, PromptState, {"prompt_key": key, **values}, key="prompt_key")
        changes.append(_PROMPT_STATE_CHANGED)


def snooze_prompt(journal: Journal, key: str, *, until: dt.date) -> None:
    _set_state(journal, key, snoozed_until=until)


def dismiss_prompt(journal: Journal, key: str, *, today: dt.date | None = None) -> None:
    _set_state(journal, key, dismissed_on=today or dt.date.today())


def answer_prompt(journal: Journal, prompt: DuePrompt, text: str, *, today: dt.date | None = None) -> int:
    """Write the answer as a reflection linked to the prompt (and person), and retire the prompt."""
    today = today or dt.date.today()
    with journal.write() as changes:
        # Nested writes join this transaction; their notifications wait for ours.
        reflection_id = add_reflection(
            journal, text, date=today, prompt_id=prompt.key, prompt_text=prompt.text, person_id=prompt.person_id
        )
        if _asks_for_outcome(prompt):
            record_prompted_outcome(journal, prompt.key.split("#", 1)[-1], prompt.entry_ids[0], text)
        rows.upsert(journal.db, PromptState, {"prompt_key": prompt.key, "answered_on": today}, key="prompt_key")
        changes.append(_PROMPT_STATE_CHANGED)
    return reflection_id


def _asks_for_outcome(prompt: DuePrompt) -> bool:
    """A prompt asking what came of an introduction: its answer is the introduction's outcome too."""
    template = next((t for t in library() if t.id == prompt.prompt_id), None)
    return template is not None and template.trigger == "introduction_outcome" and bool(prompt.entry_ids)


def question_for(key: str) -> str | None:
    """The question a reflection answered, from its prompt key; placeholders become "…"."""
    template_id = key.split("#", 1)[0].split("@", 1)[0]
    template = next((t for t in library() if t.id == template_id), None)
    if template is None:
        return None
    return "".join(
        literal + ("…" if field is not None else "") for literal, field, _, _ in string.Formatter().parse(template.text)
    )
