"""The person brief: the presenter's sections, and the PDF read back with pypdf."""

from __future__ import annotations

import datetime as dt
import re
import stat
import unicodedata
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QGuiApplication

from netjournal.domain import ContactDetail, DetailField, Entity, EntryType
from netjournal.exports.pdf_document import Heading, Paper, default_paper
from netjournal.exports.person_brief_pdf import brief_document, default_file_name, slug, write_brief_pdf
from netjournal.services import deletions, entries, people
from netjournal.services.brief import person_brief
from netjournal.services.brokered_introductions import BrokeredInput, add_brokered, set_brokered_outcome
from netjournal.services.journal import Journal
from netjournal.store.errors import JournalError

TODAY = dt.date.today()
MARKER = "Zebrawood-Quokka-7319"  # no ligature pairs (fi, fl), so it reads back verbatim


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def gui(qapp: QGuiApplication) -> QGuiApplication:
    """pytest-qt's application: one made here as a bare QGuiApplication would outlive this module
    and leave the widget tests after it without the QApplication they need."""
    return qapp


def _text(path: Path) -> list[str]:
    """Each page's text with whitespace collapsed (Qt's PDFs extract with tabs between words)."""
    reader = pypdf.PdfReader(path)
    return [" ".join(unicodedata.normalize("NFKC", page.extract_text()).split()) for page in reader.pages]


def _full(journal: Journal, *, rows: int = 3) -> int:
    ana = people.add_person(
        journal,
        people.PersonInput(
            "Ana Silva", organisation="Northwind", role="Partner", how_met="Lisbon meetup", tags=["investor"],
            cadence_days=30,
        ),
    )  # fmt: skip
    tom = people.add_person(journal, people.PersonInput("Tom Reyes"))
    intro = entries.add_exchange(
        journal,
        entries.ExchangeInput("given", "introduction", f"Introduced Ana to Tom Reyes for the {MARKER} pilot", ana,
                              date=_ago(800), second_person_id=tom, significance=4, outcome="They signed in May"),
    )  # fmt: skip
    entries.add_exchange(
        journal,
        entries.ExchangeInput("received", "advice", "Ana reviewed my pricing deck and cut tier three", ana,
                              date=_ago(500), reciprocates_id=intro, significance=5),
    )  # fmt: skip
    for number in range(rows):
        entries.add_exchange(
            journal,
            entries.ExchangeInput("given", "feedback", f"Reviewed Ana's hiring rubric, draft {number}, line by line",
                                  ana, date=_ago(400 + number), significance=3),
        )  # fmt: skip
    entries.add_exchange(journal, entries.ExchangeInput("received", "other", "helped", ana, date=_ago(20)))
    entries.add_touchpoint(journal, ana, "Coffee at the harbour", date=_ago(10))
    entries.add_loop(journal, "promised", "Send Ana the pricing spreadsheet", person_id=ana, due_on=_ago(3),
                     opened_on=_ago(30))  # fmt: skip
    entries.add_loop(journal, "asked", "Ana to check the term sheet", person_id=ana, due_on=TODAY + dt.timedelta(40),
                     opened_on=_ago(30))  # fmt: skip
    entries.add_circumstance(journal, ana, "Parental leave", start_on=_ago(60), end_on=TODAY + dt.timedelta(10))
    return ana


def test_the_presenter_fills_every_section_from_the_journal(journal):
    ana = _full(journal)
    brief = person_brief(journal, ana, TODAY)
    assert brief.who.name == "Ana Silva" and brief.who.tags == ("investor",) and brief.who.days_since_contact == 10
    assert [w.label for w in brief.balance.windows] == ["12 months", "3 years", "All time"]
    assert brief.balance.windows[-1].given_count == 4 and brief.balance.windows[-1].received_count == 2
    assert brief.reciprocation.median_days == 300
    assert [u.summary for u in brief.reciprocation.unreturned] == [
        "Ana reviewed my pricing deck and cut tier three",  # it returned the intro; nothing returned it yet
        "helped",
    ]
    assert [loop.what for loop in brief.open_loops] == [
        "Send Ana the pricing spreadsheet",
        "Ana to check the term sheet",
    ]
    assert brief.open_loops[0].overdue_days == 3
    assert brief.circumstances[0].current
    assert brief.pattern.label and brief.pattern.reasons
    assert brief.introductions[0].role == "introduced" and brief.introductions[0].outcome == "They signed in May"
    sources = {p.source.value for p in brief.talking_points}
    assert {"open loop", "circumstance", "seed planted", "vague entry"} <= sources
    assert all(p.source_detail for p in brief.talking_points)


def test_the_introduced_person_sees_their_part(journal):
    _full(journal)
    tom = people.find_person(journal, "Tom Reyes")
    assert tom is not None
    brief = person_brief(journal, tom.id, TODAY)
    assert [i.role for i in brief.introductions] == ["introduced to"]


def test_the_pdf_has_every_section_and_its_metadata(journal, gui, tmp_path):
    ana = _full(journal)
    brief = person_brief(journal, ana, TODAY)
    (tmp_path / "out").mkdir()
    written = write_brief_pdf(brief, tmp_path / "out" / default_file_name(brief), paper=Paper.A4)
    assert written.name == f"brief-ana-silva-{TODAY.isoformat()}.pdf"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    text = " ".join(_text(written))
    for heading in ("Who", "Talking points", "Open loops", "Balance", "Reciprocation", "Pattern:", "Circumstances",
                    "Introductions", "Recent history"):  # fmt: skip
        assert heading in text, heading
    assert "Send Ana the pricing spreadsheet" in text and "overdue 3 days" in text
    assert "They signed in May" in text
    reader = pypdf.PdfReader(written)
    assert reader.metadata is not None
    assert reader.metadata.title == "Brief: Ana Silva"
    assert reader.metadata.author == "netjournal" and reader.metadata.creator == "netjournal"
    xmp = reader.xmp_metadata
    assert xmp is not None and xmp.dc_description == {"x-default": "Person brief for Ana Silva"}
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    fonts = [f.get_object() for page in reader.pages for f in page["/Resources"]["/Font"].values()]  # type: ignore[index]
    assert fonts and all(_embedded(font) for font in fonts)


def _embedded(font) -> bool:
    """A font carries its own glyphs: a font file in its descriptor (or its descendant's)."""
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font["/FontDescriptor"].get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_sections_without_content_are_left_out(journal, gui, tmp_path):
    lee = people.add_person(journal, people.PersonInput("Lee Park"))
    brief = person_brief(journal, lee, TODAY)
    assert not brief.balance.windows and brief.reciprocation.is_empty and not brief.open_loops
    assert not brief.history and not brief.introductions and not brief.talking_points and not brief.pattern.label
    text = " ".join(_text(write_brief_pdf(brief, tmp_path / "lee.pdf", paper=Paper.LETTER)))
    assert "Lee Park" in text
    for heading in ("Talking points", "Open loops", "Balance", "Reciprocation", "Pattern", "Circumstances",
                    "Introductions", "Recent history"):  # fmt: skip
        assert heading not in text, heading
    page = pypdf.PdfReader(tmp_path / "lee.pdf").pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)  # Letter


def test_a_long_brief_numbers_every_page_of_the_total(journal, gui, tmp_path):
    ana = _full(journal, rows=60)
    entries.add_reflection(journal, f"Thinking about {MARKER} again", person_id=ana, date=_ago(1))
    brief = person_brief(journal, ana, TODAY)
    pages = _text(write_brief_pdf(brief, tmp_path / "long.pdf"))
    assert len(pages) >= 3
    for number, text in enumerate(pages, 1):
        assert f"page {number} of {len(pages)}" in text
        assert f"Made on {TODAY.isoformat()}" in text
        assert "Brief: Ana Silva" in text  # the header on every page


def test_the_marker_reaches_the_pdf_and_no_other_file(journal, gui, tmp_path, journal_path):
    ana = _full(journal)
    brief = person_brief(journal, ana, TODAY)
    written = write_brief_pdf(brief, tmp_path / "brief.pdf")
    assert MARKER in " ".join(_text(written))
    journal.close()
    for path in tmp_path.rglob("*"):
        if path.is_file() and path != written:
            assert MARKER.encode() not in path.read_bytes(), path
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([journal_path.name, "brief.pdf"])


def test_an_existing_file_is_kept_without_force(journal, gui, tmp_path):
    ana = _full(journal)
    brief = person_brief(journal, ana, TODAY)
    target = tmp_path / "brief.pdf"
    target.write_text("mine")
    with pytest.raises(JournalError, match="already exists"):
        write_brief_pdf(brief, target)
    assert target.read_text() == "mine"
    write_brief_pdf(brief, target, force=True)
    assert target.read_bytes().startswith(b"%PDF")
    with pytest.raises(JournalError, match="does not exist"):
        write_brief_pdf(brief, tmp_path / "missing" / "brief.pdf")
    assert not (tmp_path / "missing").exists()


def test_paper_follows_the_locale():
    assert default_paper(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)) is Paper.LETTER
    assert default_paper(QLocale(QLocale.Language.French, QLocale.Country.Canada)) is Paper.LETTER
    assert default_paper(QLocale(QLocale.Language.German, QLocale.Country.Germany)) is Paper.A4
    assert default_paper(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)) is Paper.A4


def test_slugs_are_safe_file_names():
    assert slug("Élodie D'Souza") == "elodie-d-souza"
    assert slug("李") == "person"
    assert re.fullmatch(r"[a-z0-9-]+", slug("../../etc/passwd"))


def test_the_document_lists_sections_in_reading_order(journal):
    ana = _full(journal)
    doc = brief_document(person_brief(journal, ana, TODAY), TODAY)
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings[:3] == ["Who", "Talking points", "Open loops"]


def test_contact_details_come_first_and_reach_the_pdf(journal, gui, tmp_path):
    soon = TODAY + dt.timedelta(days=5)
    details = [
        ContactDetail(DetailField.EMAIL, "ana@northwind.example", "work"),
        ContactDetail(DetailField.PHONE, "+1 555-0142", "mobile"),
        ContactDetail(DetailField.WEB, "https://www.linkedin.com/in/ana-silva-example", "LinkedIn"),
        ContactDetail(DetailField.LOCATION, "Lisbon, Portugal"),
        ContactDetail(DetailField.BIRTHDAY, f"1984-{soon.month:02d}-{soon.day:02d}"),  # a leap year: any day
    ]
    ana = people.add_person(journal, people.PersonInput("Ana Silva", organisation="Northwind", details=details))
    brief = person_brief(journal, ana, TODAY)
    assert [(line.field, line.label) for line in brief.contact] == [(d.field, d.label) for d in details]
    birthday = brief.contact[-1]
    age = soon.year - 1984 - 1  # one more in five days
    assert birthday.text == f"{soon.day} {soon.strftime('%B')} 1984 ({age})" and birthday.birthday_in_days == 5
    headings = [b.text for b in brief_document(brief, TODAY).blocks if isinstance(b, Heading)]
    assert headings[:2] == ["Contact details", "Who"]
    text = " ".join(_text(write_brief_pdf(brief, tmp_path / "ana.pdf", paper=Paper.A4)))
    for shown in ("Contact details", "Email · work", "ana@northwind.example", "Phone · mobile", "+1 555-0142",
                  "linkedin.com/in/ana-silva-example", "Lisbon, Portugal", f"1984 ({age}) — in 5 days"):  # fmt: skip
        assert shown in text, shown


def test_a_brief_without_details_has_no_contact_block(journal, gui, tmp_path):
    lee = people.add_person(journal, people.PersonInput("Lee Park"))
    brief = person_brief(journal, lee, TODAY)
    assert brief.contact == ()
    assert "Contact details" not in " ".join(_text(write_brief_pdf(brief, tmp_path / "lee.pdf")))


def _between_others(journal: Journal, ana: int) -> dict[str, int]:
    """Introductions Ana made between others, and others made for her; all recent, so in the history too."""
    tom = people.find_person(journal, "Tom Reyes")
    assert tom is not None
    ben, chen = (people.add_person(journal, people.PersonInput(name)) for name in ("Ben Okafor", "Chen Wei"))
    made = add_brokered(journal, BrokeredInput(ana, ben, chen, "for the Porto hiring round", date=_ago(4)))
    set_brokered_outcome(journal, made, "Chen hired Ben in June")
    add_brokered(journal, BrokeredInput(tom.id, ana, chen, "about the Quokka grant", date=_ago(6)))
    add_brokered(journal, BrokeredInput(ben, chen, ana, "for a design review", date=_ago(2)))
    return {"tom": tom.id, "ben": ben, "chen": chen, "made": made}


def test_introductions_between_others_say_who_connected_whom_with_their_outcomes(journal):
    ana = _full(journal)
    ids = _between_others(journal, ana)
    brief = person_brief(journal, ana, TODAY)
    between = [(i.role, i.connection, i.summary, i.outcome) for i in brief.introductions if i.between_others]
    assert between == [  # newest first, among her own introductions
        ("introduced to", "Ben Okafor introduced Chen Wei to them", "for a design review", ""),
        ("introducer", "Introduced Ben Okafor to Chen Wei", "for the Porto hiring round", "Chen hired Ben in June"),
        ("introduced", "Tom Reyes introduced them to Chen Wei", "about the Quokka grant", ""),
    ]
    assert [i.entity for i in brief.introductions] == [Entity.BROKERED_INTRODUCTION] * 3 + [Entity.EXCHANGE]
    # Seen from Chen, the one Ana made is between two others again; none of it is a balance.
    chen = person_brief(journal, ids["chen"], TODAY)
    assert [i.connection for i in chen.introductions] == [
        "Ben Okafor introduced them to Ana Silva",
        "Ana Silva introduced Ben Okafor to them",
        "Tom Reyes introduced Ana Silva to them",
    ]
    assert not chen.balance.windows
    history = [line for line in brief.history if line.entry_type is EntryType.BROKERED_INTRODUCTION]
    assert [line.text for line in history] == [
        "Ben Okafor introduced Chen Wei to them: for a design review",
        "Introduced Ben Okafor to Chen Wei: for the Porto hiring round",
        "Tom Reyes introduced them to Chen Wei: about the Quokka grant",
    ]


def test_an_introduced_person_deleted_since_is_named_as_such(journal):
    ana = _full(journal)
    ids = _between_others(journal, ana)
    deletions.delete_person(journal, ids["chen"])
    lines = [i.connection for i in person_brief(journal, ana, TODAY).introductions if i.between_others]
    assert lines == [
        "Ben Okafor introduced someone no longer in the journal to them",
        "Introduced Ben Okafor to someone no longer in the journal",
        "Tom Reyes introduced them to someone no longer in the journal",
    ]


def test_the_pdf_lists_introductions_between_others_and_their_outcomes(journal, gui, tmp_path):
    ana = _full(journal)
    _between_others(journal, ana)
    written = write_brief_pdf(person_brief(journal, ana, TODAY), tmp_path / "ana.pdf", paper=Paper.A4)
    text = " ".join(_text(written))
    for shown in ("Introduced Ben Okafor to Chen Wei: for the Porto hiring round", "Chen hired Ben in June",
                  "Tom Reyes introduced them to Chen Wei: about the Quokka grant",
                  "Ben Okafor introduced Chen Wei to them"):  # fmt: skip
        assert shown in text, shown
    assert "They signed in May" in text  # her own introduction is still there
