"""The reflection prompt library is data: check its shape straight from the file."""

from __future__ import annotations

import json
import string
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

LIBRARY = Path(__file__).parents[2] / "resources" / "prompts.json"

CADENCES = {"weekly", "monthly", "quarterly"}
THEMES = {"generosity", "discernment", "specificity", "long_horizons", "asking_well", "keeping_in_touch"}
TRIGGER_FIELDS = {
    "overdue_valuable": {"name", "days", "evidence"},
    "received_without_giving": {"name", "count", "evidence"},
    "loop_past_due": {"name", "what", "days", "loop_kind"},
    "exchange_anniversary": {"name", "evidence", "years"},
    "vague_entries_week": {"count", "evidence"},
    "no_contribution_quarter": {"days"},
    "introduction_outcome": {"who", "by", "days"},
}


def _prompts() -> list[dict[str, Any]]:
    data = json.loads(LIBRARY.read_text(encoding="utf-8"))
    assert data["version"] == 1
    return data["prompts"]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_library_parses_and_is_big_enough() -> None:
    prompts = _prompts()
    assert len(prompts) >= 40
    assert sum("cadence" in p for p in prompts) >= 28


def test_ids_are_unique() -> None:
    ids = [p["id"] for p in _prompts()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("prompt", _prompts(), ids=lambda p: p["id"])
def test_each_prompt_is_well_formed(prompt: dict[str, Any]) -> None:
    assert set(prompt) <= {"id", "theme", "cadence", "trigger", "text"}
    assert ("cadence" in prompt) != ("trigger" in prompt)
    assert prompt["theme"] in THEMES
    text = prompt["text"]
    assert text.strip() == text
    assert text.endswith("?")
    if "cadence" in prompt:
        assert prompt["cadence"] in CADENCES
        assert _placeholders(text) == set()
    else:
        assert prompt["trigger"] in TRIGGER_FIELDS
        assert _placeholders(text) <= TRIGGER_FIELDS[prompt["trigger"]]


def test_every_theme_appears_at_least_five_times() -> None:
    themes = Counter(p["theme"] for p in _prompts())
    assert set(themes) == THEMES
    assert min(themes.values()) >= 5


def test_every_trigger_has_at_least_two_prompts() -> None:
    triggers = Counter(p["trigger"] for p in _prompts() if "trigger" in p)
    assert set(triggers) == set(TRIGGER_FIELDS)
    assert min(triggers.values()) >= 2


def test_triggered_texts_fill_in_cleanly() -> None:
    sample = {
        "name": "Tom Reyes",
        "days": 120,
        "evidence": "introduced you to Ana Silva",
        "count": 3,
        "what": "send the pricing template",
        "loop_kind": "promised",
        "years": 2,
        "who": "Ana Silva to Tom Reyes",
        "by": "you",
    }
    for prompt in _prompts():
        if "trigger" in prompt:
            filled = prompt["text"].format(**sample)
            assert "{" not in filled
            assert "}" not in filled
