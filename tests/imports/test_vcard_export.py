"""write_vcards: the exact text of a card, folding, and a round trip through read_vcards."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import vobject
from hypothesis import assume, given
from hypothesis import strategies as st

from netjournal.domain import ContactDetail, DetailField
from netjournal.exports.vcard_export import fold, write_vcards
from netjournal.imports import vcard_values
from netjournal.imports.contacts import ImportedContact
from netjournal.imports.vcard import read_vcards

EMAIL, PHONE, WEB, LOCATION, BIRTHDAY = (
    DetailField.EMAIL,
    DetailField.PHONE,
    DetailField.WEB,
    DetailField.LOCATION,
    DetailField.BIRTHDAY,
)

ANA = ImportedContact(
    source="card 1",
    name="Ana Sofia Ferreira",
    organisation="Cobalto Analytics · Research",
    role="Principal Data Scientist",
    notes="Met at PyCon Lisbon, 2023; liked the talk.\nWants an intro to Marek \\ Brightline.",
    tags=("Clients", "Data, analytics"),
    details=(
        ContactDetail(EMAIL, "ana.ferreira@example.com", "home"),
        ContactDetail(EMAIL, "ana@cobalto.example", "work"),
        ContactDetail(EMAIL, "ana.sofia@example.org"),
        ContactDetail(PHONE, "+351 912 345 678", "cell"),
        ContactDetail(PHONE, "+351 21 000 0000", "home fax"),
        ContactDetail(WEB, "https://cobalto.example/ana", "homepage"),
        ContactDetail(WEB, "https://www.linkedin.com/in/ana-sofia-ferreira-example", "LinkedIn"),
        ContactDetail(WEB, "https://example.org/a,b;c", "Old portfolio: 2019"),
        ContactDetail(LOCATION, "Lisboa, Portugal", "work"),
        ContactDetail(LOCATION, "Rua do Ouro 20, Porto, Norte, Portugal", "Studio"),
        ContactDetail(BIRTHDAY, "--04-15"),
    ),
)


def _written(contacts: list[ImportedContact]) -> str:
    out = io.StringIO()
    assert write_vcards(contacts, out) == len(contacts)
    return out.getvalue()


def test_a_card_is_written_as_vcard_3_0_with_labels_as_type_or_apple_labels() -> None:
    assert _written([ANA]).split("\r\n") == [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//netjournal//vCard export//EN",
        "N:Ferreira;Ana Sofia;;;",
        "FN:Ana Sofia Ferreira",
        "ORG:Cobalto Analytics;Research",
        "TITLE:Principal Data Scientist",
        "NOTE:Met at PyCon Lisbon\\, 2023\\; liked the talk.\\nWants an intro to Marek ",  # 75 octets
        " \\\\ Brightline.",
        "CATEGORIES:Clients,Data\\, analytics",
        "EMAIL;TYPE=home:ana.ferreira@example.com",
        "EMAIL;TYPE=work:ana@cobalto.example",
        "EMAIL:ana.sofia@example.org",
        "TEL;TYPE=cell:+351 912 345 678",
        "TEL;TYPE=home,fax:+351 21 000 0000",
        "URL;TYPE=homepage:https://cobalto.example/ana",
        "item1.URL:https://www.linkedin.com/in/ana-sofia-ferreira-example",
        "item1.X-ABLabel:LinkedIn",
        "item2.URL:https://example.org/a\\,b\\;c",
        "item2.X-ABLabel:Old portfolio: 2019",
        "ADR;TYPE=work:;;;Lisboa;;;Portugal",
        "item3.ADR:;;Rua do Ouro 20\\, Porto\\, Norte\\, Portugal;;;;",
        "item3.X-ABLabel:Studio",
        "BDAY:--04-15",
        "END:VCARD",
        "",
    ]


def test_long_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    line = "NOTE:" + "Ünïcödé " * 30
    folded = fold(line)
    physical = folded.removesuffix("\r\n").split("\r\n")
    assert len(physical) > 1
    assert all(len(p.encode("utf-8")) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert physical[0] + "".join(p[1:] for p in physical[1:]) == line
    assert fold("FN:short") == "FN:short\r\n"


def test_what_is_written_reads_back_the_same(tmp_path: Path) -> None:
    contacts = [
        ANA,
        ImportedContact(source="card 2", name="Jürgen Müller", organisation="Straßenbau Nord GmbH"),
        ImportedContact(
            source="card 3",
            name="Odhiambo",  # one word: the family name in N, FN as it is
            notes="Line one\n\nLine three, after a blank line; with a semicolon",
            details=(ContactDetail(PHONE, "+254 712 345678", "cell"), ContactDetail(BIRTHDAY, "1979-11-02")),
        ),
        ImportedContact(
            source="card 4",
            name="王 小明 ✨",
            role="设计师; 顾问",
            tags=("Asia",),
            details=(
                ContactDetail(EMAIL, "xiaoming@example.cn", "Work"),  # a capital: an Apple label, not TYPE=work
                ContactDetail(EMAIL, "wang@example.cn", "pref"),  # a word readers drop from TYPE
                ContactDetail(LOCATION, "Singapore, Singapore", "home"),
                ContactDetail(LOCATION, "Kyoto", ""),
                ContactDetail(LOCATION, "Shanghai, Shanghai Municipality, China", "work"),
                ContactDetail(WEB, "https://example.cn/" + "long-path/" * 12, "home"),
            ),
        ),
    ]
    path = tmp_path / "export.vcf"
    with path.open("w", encoding="utf-8", newline="") as out:
        assert write_vcards(contacts, out) == 4
    parsed = read_vcards(path)
    assert parsed.contacts == contacts
    assert parsed.skipped == []


def test_no_contacts_write_nothing() -> None:
    assert _written([]) == ""


def test_vobject_reads_the_output_as_valid_vcard_3_0() -> None:
    # A second reader, stricter about structure than ours: every card validates and keeps its fields.
    cards = list(vobject.readComponents(_written([ANA]), validate=True))
    assert len(cards) == 1
    assert cards[0].fn.value == "Ana Sofia Ferreira"
    assert cards[0].n.value.family == "Ferreira"
    assert [e.value for e in cards[0].contents["email"]] == [
        "ana.ferreira@example.com",
        "ana@cobalto.example",
        "ana.sofia@example.org",
    ]
    assert cards[0].note.value == ANA.notes


# Text a person could type: no control characters (a file holding them is refused), any script, emoji.
_TYPED = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
_LABELS = st.sampled_from(["", "work", "home fax", "Work", "pref", "LinkedIn", "a;b,c:d", "two  spaces", "é"])


@given(
    name=st.text(_TYPED, min_size=1, max_size=40),
    organisation=st.text(_TYPED, max_size=40),
    notes=st.text(st.one_of(_TYPED, st.just("\n")), max_size=300),
    tags=st.lists(st.text(_TYPED, min_size=1, max_size=12), max_size=4),
    labels=st.lists(_LABELS, max_size=4),
)
def test_any_typed_text_survives_the_round_trip(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    organisation: str,
    notes: str,
    tags: list[str],
    labels: list[str],
) -> None:
    # What the journal holds is already tidy, so the contact is tidied as the reader would before writing.
    name = vcard_values.one_line(name)
    tidy_tags: list[str] = []
    for tag in (vcard_values.one_line(t).removeprefix("* ") for t in tags):
        if tag and tag.casefold() != "mycontacts" and tag.casefold() not in (t.casefold() for t in tidy_tags):
            tidy_tags.append(tag)
    assume(name)
    contact = ImportedContact(
        source="card 1",
        name=name,
        organisation=vcard_values.organisation(organisation.split(" · ")),
        notes=vcard_values.tidy_notes(notes),
        tags=tuple(tidy_tags),
        details=tuple(
            ContactDetail(EMAIL, f"person{i}@example.org", " ".join(label.split())) for i, label in enumerate(labels)
        ),
    )
    path = tmp_path_factory.mktemp("round") / "one.vcf"
    with path.open("w", encoding="utf-8", newline="") as out:
        write_vcards([contact], out)
    assert read_vcards(path).contacts == [contact]
