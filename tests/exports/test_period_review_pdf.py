"""The period review as PDF, rendered from journals whose contents the tests know and read back with pypdf."""

from __future__ import annotations

import dataclasses
import datetime as dt
import stat
import unicodedata
from pathlib import Path

import pypdf
import pytest
from PySide6.QtGui import QGuiApplication

from netjournal.domain import LoopKind
from netjournal.exports.pdf_document import Heading, Paper
from netjournal.exports.period_review_pdf import default_file_name, review_document, write_review_pdf
from netjournal.services import entries, people
from netjournal.services.journal import Journal
from netjournal.services.period_review import OwnPattern, PeriodReview, period_review, vague_share
from netjournal.services.periods import parse_period
from netjournal.services.validation import ValidationError

TODAY = dt.date(2026, 6, 1)
D = dt.date
MARKER = "Zebrawood-Quokka-4486"  # no ligature pairs (fi, fl), so it reads back verbatim
SECTIONS = (
    "Given and received",
    "Relationships that moved",
    "Introductions",
    "Contributions to the network",
    "Seeds",
    "Ties to tend",
    "Your own pattern",
    "Reflections written",
    "Questions for the next period",
)


@pytest.fixture
def gui(qapp: QGuiApplication) -> QGuiApplication:
    # pytest-qt's session QApplication: a bare QGuiApplication made here would outlive
    # this module and abort the widget tests that run after it.
    return qapp


def _pages(path: Path) -> list[str]:
    """Each page's text with whitespace collapsed (Qt's PDFs extract with tabs between words)."""
    reader = pypdf.PdfReader(path)
    return [" ".join(unicodedata.normalize("NFKC", page.extract_text()).split()) for page in reader.pages]


def _person(journal: Journal, name: str, created: str, **fields: object) -> int:
    pid = people.add_person(journal, people.PersonInput(name=name, **fields))  # type: ignore[arg-type]
    journal.sql("UPDATE person SET created_at = ? WHERE id = ?", (f"{created}T09:00:00.000Z", pid))
    return pid


def _ex(journal: Journal, direction: str, who: int | None, day: dt.date, sig: int = 3, **more: object) -> int:
    more.setdefault("kind", "advice")
    more.setdefault("summary", f"Reviewed the Acme pitch deck for {day.isoformat()} because the round needed it")
    return entries.add_exchange(
        journal,
        entries.ExchangeInput(direction=direction, person_id=who, date=day, significance=sig, **more),  # type: ignore[arg-type]
    )


def _full(journal: Journal) -> None:
    """2024 as the previous period and 2025 with something for every section."""
    ana = _person(journal, "Ana Silva", "2024-03-01")
    ben = _person(journal, "Ben Okafor", "2025-02-01", cadence_days=30)
    cara, dev = _person(journal, "Cara Lind", "2025-06-01"), _person(journal, "Dev Rao", "2023-01-01")
    eve = _person(journal, "Eve Marsh", "2023-05-05")
    for day in (D(2024, 2, 1), D(2024, 3, 1), D(2024, 4, 1)):
        _ex(journal, "received", eve, day, 4, kind="referral")
    seed = _ex(journal, "given", ana, D(2024, 6, 1), 3, summary="Lent Ana my Zurich contacts list")
    entries.add_touchpoint(journal, ana, "Coffee", date=D(2024, 7, 1))
    _ex(journal, "received", ana, D(2025, 3, 10), 4, kind="information", reciprocates_id=seed,
        summary="Ana sent the Northwind market map")  # fmt: skip
    _ex(journal, "given", ana, D(2025, 3, 15), 5, kind="expertise", summary="Walked Ana through our pricing model")
    to_ben = _ex(journal, "given", ben, D(2025, 4, 1), 2)
    _ex(journal, "received", ben, D(2025, 5, 1), 3, reciprocates_id=to_ben)
    _ex(journal, "given", ana, D(2025, 6, 1), 4, kind="introduction", second_person_id=cara,
        summary="Introduced Ana to Cara Lind for her seed round", outcome="Cara hired Ana")  # fmt: skip
    _ex(journal, "given", None, D(2025, 7, 1), 3, kind="expertise", community="PyCon", summary="Talk at PyCon")
    _ex(journal, "received", dev, D(2025, 8, 1), 2, kind="referral", summary="stuff")
    _ex(journal, "received", dev, D(2025, 9, 15), 3, kind="referral", summary="some things")
    entries.add_touchpoint(journal, ben, "Call", date=D(2025, 10, 1))
    entries.add_loop(journal, LoopKind.ASKED, "a reference", person_id=ben, opened_on=D(2025, 5, 5))
    entries.add_reflection(journal, f"I ask Dev for more than I offer; {MARKER}", date=D(2025, 12, 20), person_id=dev)


def _review(journal: Journal, text: str = "2025") -> PeriodReview:
    return period_review(journal, parse_period(text, TODAY), TODAY)


def test_every_section_appears_with_its_data(journal, gui, tmp_path):
    _full(journal)
    review = _review(journal)
    assert all(
        (review.flow, review.movers.both_ways.items, review.introductions.items, review.contributions.items,
         review.seeds_planted.items, review.seeds_returned.items, review.quiet_ties.items, review.overdue_people.items,
         review.pattern.asked_kinds, review.reflections, review.questions)
    )  # fmt: skip
    written = write_review_pdf(review, tmp_path / default_file_name(review.period), paper=Paper.A4)
    assert written.name == "review-2025.pdf" and stat.S_IMODE(written.stat().st_mode) == 0o600
    text = " ".join(_pages(written))
    assert "Review of 2025" in text and "The period in numbers" in text
    for heading in SECTIONS:
        assert heading in text, heading
    for fact in (
        "Ana Silva → Cara Lind", "Cara hired Ana", "Talk at PyCon", "PyCon", "Walked Ana through our pricing model",
        "Lent Ana my Zurich contacts list", "Ana sent the Northwind market map", "Eve Marsh", "Ben Okafor",
        "Dev Rao: 2 asks against 0 offers", "38% of the period's 8 exchanges were described vaguely.", "stuff",
        f"2025-12-20 · about Dev Rao I ask Dev for more than I offer; {MARKER}", "Only they gave", "Only you gave",
    ):  # fmt: skip
        assert fact in text, fact
    assert (review.pattern.vague.scored, review.pattern.vague.vague) == (8, 3)  # 3 of 8: 38%
    assert "estimated from a sample" not in text
    chart = text[text.index("Given and received") : text.index("Relationships that moved")]
    assert "Given Received" in chart and all(month in chart for month in ("Jan", "Jun", "Dec"))  # legend, labels
    for question in review.questions:
        assert question.text in text and question.source in text


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else (f"\u2212{-value}" if value < 0 else "0")


def test_the_numbers_table_is_the_reviews_figures_and_an_independent_count(journal, gui, tmp_path):
    _full(journal)
    review = _review(journal)
    text = _pages(write_review_pdf(review, tmp_path / "r.pdf"))[0]
    for figure in review.figures:
        assert f"{figure.label} {figure.value} {figure.previous} {_signed(figure.change)}" in text, figure
    # Counted again, straight from the tables, not through period_numbers.
    given = [r for r in journal.sql("SELECT date, direction FROM exchange") if r[1] == "given" and r[0][:4] == "2025"]
    touches = [r for r in journal.sql("SELECT date FROM touchpoint") if r[0].startswith("2025")]
    before = [r for r in journal.sql("SELECT date, direction FROM exchange") if r[1] == "given" and r[0][:4] == "2024"]
    assert f"Exchanges given {len(given)} {len(before)} +{len(given) - len(before)}" in text
    assert len(given) == 4
    assert f"Touchpoints {len(touches)} 1 0" in text and len(touches) == 1


def test_sections_without_content_are_left_out(journal, gui, tmp_path):
    empty = _review(journal, "2025-Q2")
    text = " ".join(_pages(write_review_pdf(empty, tmp_path / "empty.pdf")))
    assert "Review of Q2 2025 (April–June)" in text
    assert "Nothing was recorded in this period or the one before." in text
    for heading in SECTIONS:
        assert heading not in text, heading
    _full(journal)
    # February 2025 held only Ben's arrival: a numbers table and a question, nothing else.
    february = _review(journal, "2025-02")
    doc = review_document(february, TODAY)
    assert [b.text for b in doc.blocks if isinstance(b, Heading)] == [
        "The period in numbers",
        "Ties to tend",  # Eve's quiet tie is a standing, judged at the month's end
        "Questions for the next period",
    ]


def test_lists_say_when_they_are_a_selection(journal, gui, tmp_path):
    for number in range(14):
        pid = _person(journal, f"Person {chr(65 + number)}ardo", "2025-01-01")
        _ex(journal, "given", pid, D(2025, 3, 1 + number), 2)
    review = _review(journal)
    assert len(review.movers.only_given.items) == 12 and review.movers.only_given.total == 14
    text = " ".join(_pages(write_review_pdf(review, tmp_path / "r.pdf")))
    assert "Only you gave (12 of 14)" in text
    assert "Seeds planted: given in the period, not returned by 2025-12-31 (12 of 14)" in text


def test_an_estimated_vague_share_says_so(journal, gui, tmp_path):
    _full(journal)
    review = _review(journal)
    period = review.period
    sampled = vague_share(journal, period, sample=4)  # the real estimate, over a smaller sample
    assert sampled.is_estimate
    pattern = OwnPattern(review.pattern.asked_kinds, review.pattern.asking_ties, sampled)
    text = " ".join(_pages(write_review_pdf(dataclasses.replace(review, pattern=pattern), tmp_path / "r.pdf")))
    assert "(estimated from a sample of 4)" in text


def test_a_long_review_numbers_every_page_of_the_total(journal, gui, tmp_path):
    _full(journal)
    for number in range(40):
        entries.add_reflection(journal, f"Reflection {number}: " + "what I learnt about asking well. " * 12,
                               date=D(2025, 1, 1) + dt.timedelta(days=number))  # fmt: skip
    # One very long reflection: longer than a page, so it must be split into paragraphs to print at all.
    entries.add_reflection(journal, "Long start. " + "word " * 6000 + "Long-reflection-ends-here.", date=D(2025, 11, 1))
    written = write_review_pdf(_review(journal), tmp_path / "long.pdf", paper=Paper.LETTER)
    pages = _pages(written)
    assert len(pages) >= 4
    for number, text in enumerate(pages, 1):
        assert f"page {number} of {len(pages)}" in text
        assert "Review of 2025" in text and f"Made on {dt.date.today().isoformat()}" in text
    text = " ".join(pages)
    assert "Long start." in text and "Long-reflection-ends-here." in text
    assert all(f"Reflection {n}:" in text for n in range(40))
    page = pypdf.PdfReader(written).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


def test_metadata_and_file_names(journal, gui, tmp_path):
    _full(journal)
    review = _review(journal, "2025-Q3")
    written = write_review_pdf(review, tmp_path / default_file_name(review.period))
    assert written.name == "review-2025-Q3.pdf"
    reader = pypdf.PdfReader(written)
    assert reader.metadata is not None and reader.metadata.title == "Review of Q3 2025 (July–September)"
    assert reader.metadata.author == "netjournal" and reader.metadata.creator == "netjournal"
    xmp = reader.xmp_metadata
    assert xmp is not None and xmp.dc_description == {"x-default": "Period review for Q3 2025 (July–September)"}
    assert default_file_name(parse_period("2025-03", TODAY)) == "review-2025-03.pdf"
    assert default_file_name(parse_period(" 2025-01-01 .. 2025-06-30 ", TODAY)) == "review-2025-01-01-to-2025-06-30.pdf"


def test_the_marker_reaches_the_pdf_and_no_other_file(journal, gui, tmp_path, journal_path):
    _full(journal)
    written = write_review_pdf(_review(journal), tmp_path / "review.pdf")
    assert MARKER in " ".join(_pages(written))
    journal.close()
    for path in tmp_path.rglob("*"):
        if path.is_file() and path != written:
            assert MARKER.encode() not in path.read_bytes(), path
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([journal_path.name, "review.pdf"])


@pytest.mark.parametrize("text", ["", "2025-Q0", "2025-00", "20255", "2025-02-30..2025-03-01", "2027"])
def test_bad_periods_are_refused_before_anything_is_drawn(text):
    with pytest.raises(ValidationError) as raised:
        parse_period(text, TODAY)
    assert raised.value.field == "period"
