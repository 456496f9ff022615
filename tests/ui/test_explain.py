"""The Help text states the numbers the code really uses."""

from __future__ import annotations

from netjournal.insights import patterns, specificity
from netjournal.ui.shell.explain import explanation


def test_explanation_quotes_the_live_thresholds(qtbot) -> None:
    text = explanation()
    assert f"less than {patterns.NEW_DAYS} days" in text
    assert f"Below {specificity.VAGUE_THRESHOLD} counts as vague" in text
    assert f"the last {patterns.SOFTENING_DAYS} days" in text
    assert "{" not in text
