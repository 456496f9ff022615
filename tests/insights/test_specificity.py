"""Specificity scoring: vague and specific descriptions must land on opposite sides."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netjournal.insights.specificity import (
    VAGUE_THRESHOLD,
    SpecificityReport,
    score_specificity,
)

# (kind, summary) pairs a person might really type in a hurry.
VAGUE: list[tuple[str, str]] = [
    ("other", "helped with stuff"),
    ("introduction", "intro"),
    ("advice", "gave advice"),
    ("other", "coffee chat"),
    ("information", "some info"),
    ("support", "support"),
    ("resource", "sent some things"),
    ("other", "had a call about stuff"),
    ("other", "quick catch-up"),
    ("feedback", "general feedback"),
    ("support", "misc help"),
    ("information", "Talked about things"),
    ("resource", "shared some resources"),
    ("introduction", "made an intro"),
    ("referral", "referral"),
    ("endorsement", "endorsed him"),
    ("advice", "gave some pointers"),
    ("other", "chatted about work stuff"),
    ("information", "useful info"),
    ("support", "offered help"),
    ("support", "helped out"),
    ("other", "coffee chat with Tom"),
    ("feedback", "Feedback on something"),
    ("opportunity", "mentioned an opening"),
    ("expertise", "answered a technical question"),
    ("other", "Coffee Chat About Stuff"),
]

SPECIFIC: list[tuple[str, str]] = [
    (
        "introduction",
        "Introduced Ana to Tom Reyes, Series A lead at Northwind, for her seed round; they met on 12 May",
    ),
    (
        "referral",
        "Referred Malik Osei to the hiring manager at Brightline for the staff data engineer role; he was hired",
    ),
    (
        "information",
        "Told Priya that Halvorsen Labs is moving its research team to Oslo, so she could time her application",
    ),
    ("advice", "Walked Jonas through setting a €1,200 day rate before his first enterprise pitch to Veridian"),
    ("expertise", "Reviewed the Postgres migration plan for Kite because their checkout launch is on 3 March"),
    ("feedback", "Gave Lena detailed notes on chapter 4 of her thesis draft ahead of her defence on 20 September"),
    (
        "opportunity",
        "Sent Omar the open CTO role at Fernhill Health since he wanted to move into healthcare; he got an interview",
    ),
    (
        "support",
        "Ran Sofia's two client workshops at Arden while her father was in hospital, so she could take the week off",
    ),
    ("resource", "Lent Dmitri my grant application template for his Horizon Europe bid due 15 October"),
    (
        "endorsement",
        "Wrote a LinkedIn recommendation for Grace Liu's product design work to help her land the Figma role",
    ),
    (
        "introduction",
        "Hannah Berg introduced me to the CFO of Lumen Bank, which led to a pilot contract signed in April",
    ),
    ("advice", "Marco advised me to split the council tender proposal into two phases; we won it on 2 July"),
    ("feedback", "Jo Tanaka critiqued my talk slides line by line before the DevOpsDays keynote in Lisbon"),
    (
        "support",
        "Fatima vouched for me with the Riverside Trust board when my funding was questioned; the grant was renewed",
    ),
    (
        "information",
        "Wei shared 2024 salary benchmarks for senior engineers in Berlin (€85-95k) so I could negotiate my offer",
    ),
    (
        "opportunity",
        "Rosa nominated me for the panel at the Data Ethics Summit on 8 November, which led to two new clients",
    ),
    (
        "expertise",
        "Spent two hours debugging the Stripe webhook code with @kaito_dev so his shop could launch on Friday",
    ),
    (
        "resource",
        "Ingrid gave me the 40-page onboarding playbook from Meridian to help design our first-week plan",
    ),
    (
        "endorsement",
        "Dr. Amara Nwosu wrote a reference letter for my PhD application to ETH Zürich; I was accepted in March",
    ),
    (
        "introduction",
        "Introduced Zoë Łukasiewicz to the editor at Kestrel Press for her book proposal on urban forests",
    ),
    (
        "introduction",
        "Connected J. Okafor with the head of sales at Tallis so they could discuss reselling; first order closed",
    ),
    (
        "advice",
        "Explained to Nadia how to structure her Series A data room because Larch Capital asked for it by 1 June",
    ),
]


def _scores(rows: list[tuple[str, str]]) -> list[int]:
    return [score_specificity(summary).score for _, summary in rows]


def test_table_is_big_and_varied() -> None:
    assert len(VAGUE) >= 20
    assert len(SPECIFIC) >= 20
    kinds = {kind for kind, _ in SPECIFIC}
    assert {
        "introduction",
        "referral",
        "information",
        "advice",
        "expertise",
        "feedback",
        "opportunity",
        "support",
        "resource",
        "endorsement",
    } <= kinds


def test_every_vague_example_scores_below_every_specific_one() -> None:
    assert max(_scores(VAGUE)) < min(_scores(SPECIFIC))


@pytest.mark.parametrize(("kind", "summary"), VAGUE)
def test_vague_examples_are_vague_and_get_hints(kind: str, summary: str) -> None:
    report = score_specificity(summary)
    assert report.is_vague, (summary, report.score, report.reasons)
    assert report.hints


@pytest.mark.parametrize(("kind", "summary"), SPECIFIC)
def test_specific_examples_are_not_vague(kind: str, summary: str) -> None:
    report = score_specificity(summary)
    assert not report.is_vague, (summary, report.score, report.reasons)
    assert report.score >= VAGUE_THRESHOLD


@pytest.mark.parametrize("summary", [s for _, s in VAGUE + SPECIFIC])
def test_scores_lie_in_range_and_are_deterministic(summary: str) -> None:
    first = score_specificity(summary)
    assert 0 <= first.score <= 100
    assert score_specificity(summary) == first


def test_reasons_explain_each_component() -> None:
    report = score_specificity(SPECIFIC[0][1])
    assert report.score == 100
    assert report.hints == ()
    assert any(r.startswith("+25: names a person") and "Tom Reyes" in r for r in report.reasons)
    assert all(r[0] in "+-" for r in report.reasons)


def _codes(report: SpecificityReport) -> list[str]:
    return [hint.code for hint in report.hints]


def test_no_name_gets_a_whom_hint_first() -> None:
    report = score_specificity("reviewed the pitch deck before the investor meeting")
    assert _codes(report)[0] == "whom"


def test_name_without_reason_gets_a_why_hint() -> None:
    codes = _codes(score_specificity("Sent Priya the hiring plan template"))
    assert "whom" not in codes
    assert "why" in codes


def test_no_outcome_gets_a_result_hint_and_dates_remove_it() -> None:
    assert "result" in _codes(score_specificity("Introduced Ana to Tom Reyes for her seed round"))
    assert "result" not in _codes(score_specificity("Introduced Ana to Tom Reyes for her seed round on 12 May"))


def test_filler_words_get_a_what_hint_that_names_them() -> None:
    report = score_specificity("sent Tom some stuff")
    what = [hint for hint in report.hints if hint.code == "what"]
    assert what
    assert "some" in what[0].text
    assert any(r.startswith("-") for r in report.reasons)


def test_short_summary_gets_a_length_hint() -> None:
    assert "length" in _codes(score_specificity("Tom"))
    assert "length" not in _codes(score_specificity(SPECIFIC[1][1]))


def test_hint_codes_are_known_and_texts_short() -> None:
    for _, summary in VAGUE + SPECIFIC:
        for hint in score_specificity(summary).hints:
            assert hint.code in {"whom", "what", "why", "result", "length"}
            assert 0 < len(hint.text) <= 90


def test_details_raise_the_score_but_less_than_the_summary() -> None:
    detail = "Tom Reyes at Northwind read her pitch deck because she is raising a seed round; they met on 12 May."
    bare = score_specificity("coffee chat").score
    with_details = score_specificity("coffee chat", detail).score
    assert with_details > bare
    assert score_specificity("", detail).score < score_specificity(detail).score
    assert score_specificity("", detail).score > 0


def test_details_reasons_say_where_the_evidence_was() -> None:
    report = score_specificity("coffee", "Talked with Tom Reyes about the seed round")
    assert any("in the details only" in reason for reason in report.reasons)


def test_empty_text_scores_zero_with_hints() -> None:
    report = score_specificity("")
    assert report.score == 0
    assert report.is_vague
    assert {"whom", "what", "why", "result", "length"} == set(_codes(report))
    assert score_specificity("   ", "  ").score == 0


@pytest.mark.parametrize(
    "summary",
    [
        "Introduced Zoë Łukasiewicz to the editor",
        "Zoë Łukasiewicz reviewed my draft",
        "Asked Ólafur about the grant",
        "Thanked Ngũgĩ for the reading list",
    ],
)
def test_unicode_names_count_as_names(summary: str) -> None:
    report = score_specificity(summary)
    assert "whom" not in _codes(report)
    assert report.reasons[0].startswith("+25")


@pytest.mark.parametrize(
    ("summary", "name"),
    [
        ("Met @kaito_dev at the meetup", "@kaito_dev"),
        ("Sent the spec to J. Okafor", "J. Okafor"),
        ("Pitched the idea to ACME", "ACME"),
        ("Priya's deck needed a new ending", "Priya's"),
        ("Marco advised me on the tender", "Marco"),
    ],
)
def test_kinds_of_name(summary: str, name: str) -> None:
    assert name in score_specificity(summary).reasons[0]


def test_sentence_opening_verbs_are_not_names() -> None:
    report = score_specificity("Reviewed the budget")
    assert "whom" in _codes(report)


def test_very_long_text_is_handled() -> None:
    long = "Talked with Tom Reyes about the seed round on 12 May because she asked. " * 500
    report = score_specificity(long, long)
    assert 0 <= report.score <= 100


@given(st.text(), st.text())
def test_any_text_scores_in_range(summary: str, details: str) -> None:
    report = score_specificity(summary, details)
    assert 0 <= report.score <= 100
    assert report.is_vague == (report.score < VAGUE_THRESHOLD)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_unicode_summary_never_raises(summary: str) -> None:
    assert 0 <= score_specificity(summary).score <= 100
