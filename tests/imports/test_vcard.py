"""read_vcards on the committed sample files: the exact contacts, what is skipped, and what each hostile file says."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from imports.generate import binary_bytes, many_vcards

from netjournal.domain import ContactDetail, DetailField
from netjournal.imports import contacts
from netjournal.imports.contacts import ImportedContact, ImportFileError, SkippedEntry
from netjournal.imports.vcard import read_vcards

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "contacts"
EMAIL, PHONE, WEB, LOCATION, BIRTHDAY = (
    DetailField.EMAIL,
    DetailField.PHONE,
    DetailField.WEB,
    DetailField.LOCATION,
    DetailField.BIRTHDAY,
)


def D(field: DetailField, value: str, label: str = "") -> ContactDetail:
    return ContactDetail(field, value, label)


def _write(tmp_path: Path, data: bytes | str, name: str = "contacts.vcf") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _card(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + "\r\n"


# --- the sample files -------------------------------------------------------------------------------------------


def test_apple_cards_read_item_groups_labels_locations_and_the_no_year_birthday() -> None:
    parsed = read_vcards(FIXTURES / "apple-3.0.vcf")
    assert parsed.format == "vcard"
    assert parsed.contacts == [
        ImportedContact(
            source="card 1",
            name="Ana Sofia Ferreira",
            organisation="Cobalto Analytics · Research",
            role="Principal Data Scientist",
            notes="Met at PyCon Lisbon, 2023.\nInterested in graph databases; wants an intro to Marek.",
            details=(
                # The pref email's duplicate (EMAIL;type=HOME, other case) gives it its label.
                D(EMAIL, "ana.ferreira@example.com", "home"),
                D(EMAIL, "ana@cobalto.example", "other"),
                D(EMAIL, "a.ferreira@cobalto.example", "work"),
                D(PHONE, "+351 912 345 678", "cell"),
                D(PHONE, "+351 21 000 0000", "work"),
                D(LOCATION, "Lisboa, Portugal", "work"),
                D(WEB, "https://cobalto.example/ana", "homepage"),
                D(WEB, "https://www.linkedin.com/in/ana-sofia-ferreira-example", "LinkedIn"),
                D(LOCATION, "Rua do Ouro 20, Porto, Portugal", "Studio"),
                D(BIRTHDAY, "--04-15"),
            ),
        ),
        ImportedContact(
            source="card 2",
            name="Henrik Lindqvist",
            organisation="Nordvik Shipping AB",
            details=(
                D(PHONE, "+46 8 123 456 78", "Switchboard"),
                D(EMAIL, "henrik@nordvik.example", "work"),
                # The structured location in the same item group repeats the ADR; it is not a second place.
                D(LOCATION, "Stockholm, Sweden", "home"),
                D(BIRTHDAY, "1979-11-02"),
            ),
        ),
    ]
    assert parsed.skipped == [
        SkippedEntry("card 3", "Card 3 (line 47) is a group of contacts, not a person."),
    ]


def test_google_cards_skip_the_photo_and_the_mycontacts_group() -> None:
    parsed = read_vcards(FIXTURES / "google-3.0.vcf")
    assert parsed.contacts == [
        ImportedContact(
            source="card 1",
            name="Marek Nowakowski",
            organisation="Brightline Robotics",
            role="Head of Partnerships",
            notes="Introduced by Ana Ferreira. Building warehouse robots; looking for pilot customers in logistics.",
            tags=("Clients", "Robotics"),
            details=(
                D(EMAIL, "marek@brightline.example", "work"),
                D(EMAIL, "marek.nowakowski@example.org", "home"),
                D(PHONE, "+48 601 234 567", "cell"),
                D(PHONE, "+48 22 555 01 02", "work"),
                D(LOCATION, "Warszawa, mazowieckie, Poland", "work"),
                D(BIRTHDAY, "--04-15"),
                D(WEB, "https://brightline.example", "homepage"),
                D(WEB, "https://github.com/mnowakowski-example", "GitHub"),
            ),
        ),
        ImportedContact(
            source="card 2",
            name="Chiara Bellandi",
            tags=("starred",),
            details=(D(EMAIL, "chiara.bellandi@example.it"), D(BIRTHDAY, "1988-02-29")),
        ),
    ]
    assert parsed.skipped == []


def test_outlook_2_1_cards_decode_quoted_printable_utf8_soft_breaks_and_bare_types() -> None:
    parsed = read_vcards(FIXTURES / "outlook-2.1.vcf")
    assert parsed.contacts == [
        ImportedContact(
            source="card 1",
            name="Jürgen Müller",
            organisation="Straßenbau Nord GmbH · Vertrieb",
            role="Vertriebsleiter",
            notes="Kennengelernt auf der Messe in Köln. Sehr hilfsbereit bei Ausschreibungen.\nFolgetermin im März.",
            details=(
                D(PHONE, "+49 40 1234567", "work"),
                D(PHONE, "+49 170 1234567", "cell"),
                D(PHONE, "+49 40 7654321", "home fax"),
                D(LOCATION, "Hamburg, Deutschland", "work"),
                D(EMAIL, "juergen.mueller@strassenbau.example"),
                D(WEB, "http://www.strassenbau.example/", "work"),
                D(BIRTHDAY, "1970-03-12"),
            ),
        ),
        ImportedContact(
            source="card 2",
            # The soft line break falls between the two bytes of "é".
            name="Élodie Chassaing-Bérard",
            details=(D(PHONE, "+33 6 12 34 56 78", "cell"), D(EMAIL, "elodie.cb@example.fr", "home")),
        ),
    ]
    assert parsed.skipped == []


def test_vcard_4_0_reads_uri_phones_quoted_type_lists_and_compact_birthdays() -> None:
    parsed = read_vcards(FIXTURES / "contacts-4.0.vcf")
    assert parsed.contacts == [
        ImportedContact(
            source="card 1",
            name="Kwame Asante-Boateng",
            organisation="Meridian Health Trust · Clinical Informatics",
            role="Chief Medical Information Officer",
            notes="Prefers email.\n\nAsk about the interoperability pilot.",
            tags=("Health", "Advisors"),
            details=(
                D(EMAIL, "kwame@meridian.example", "work"),
                D(EMAIL, "kwame.ab@example.net", "home"),
                D(PHONE, "+1-555-555-0142 ext. 12", "work"),
                D(PHONE, "+1-555-555-0199", "cell"),
                D(LOCATION, "Accra, Greater Accra, Ghana", "work"),
                D(WEB, "https://meridian.example/people/kwame", "work"),
                D(WEB, "https://kwame.example"),
                D(BIRTHDAY, "1985-04-15"),
            ),
        ),
        ImportedContact(
            source="card 2",
            name="Yui Tanaka",  # from N, as there is no FN
            details=(D(BIRTHDAY, "--04-15"), D(PHONE, "+81 3-1234-5678", "home")),
        ),
        # A nickname is the name of last resort; "circa 1990" is no date, so there is no birthday.
        ImportedContact(source="card 4", name="Ziggy", details=(D(EMAIL, "ziggy@example.org"),)),
    ]
    assert parsed.skipped == [SkippedEntry("card 3", "Card 3 (line 26) is a group of contacts, not a person.")]


def test_a_family_name_alone_is_a_name() -> None:
    parsed = read_vcards(FIXTURES / "last-name-only.vcf")
    assert parsed.contacts == [
        ImportedContact(source="card 1", name="Odhiambo", details=(D(PHONE, "+254 712 345678", "cell"),)),
        ImportedContact(source="card 2", name="Priya", details=(D(EMAIL, "priya@example.in"),)),
    ]
    assert parsed.skipped == []


def test_a_card_without_a_name_is_skipped_with_its_number_and_line() -> None:
    parsed = read_vcards(FIXTURES / "no-name.vcf")
    assert [(c.source, c.name) for c in parsed.contacts] == [
        ("card 1", "Tomasz Wiśniewski"),
        ("card 3", "Sade Okonkwo"),
    ]
    assert parsed.skipped == [SkippedEntry("card 2", "Card 2 (line 7) has no name (no FN, N or NICKNAME).")]


# --- hostile files ----------------------------------------------------------------------------------------------


def test_a_binary_file_is_not_a_vcard_file() -> None:
    path = FIXTURES / "binary.vcf"
    assert path.read_bytes() == binary_bytes()  # the committed file is the generated one
    with pytest.raises(
        ImportFileError, match=rf"^{re.escape(str(path))} is not a vCard file: line 1 holds binary data"
    ):
        read_vcards(path)


def test_a_truncated_file_names_the_card_and_the_line_it_began_on() -> None:
    path = FIXTURES / "truncated.vcf"
    with pytest.raises(
        ImportFileError,
        match=rf"^{re.escape(str(path))} is cut short: card 3 \(line 10\) has no END:VCARD; the file ends",
    ):
        read_vcards(path)


def test_a_card_missing_its_end_before_the_next_card_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "BEGIN:VCARD\nFN:Oskar Brandt\nBEGIN:VCARD\nFN:Ines Carvalho\nEND:VCARD\n")
    with pytest.raises(
        ImportFileError, match=r"card 1 \(line 1\) has no END:VCARD before the next card begins on line 3\.$"
    ):
        read_vcards(path)


def test_a_malformed_card_names_its_number_and_the_line_vobject_rejects() -> None:
    path = FIXTURES / "malformed.vcf"
    with pytest.raises(ImportFileError) as raised:
        read_vcards(path)
    assert str(raised.value) == (
        f"{path} could not be read: card 2 (line 5) has a line that is not a vCard property, "
        "on line 8: “this line is not a property”."
    )
    assert raised.value.__cause__ is not None  # vobject's ParseError, kept for a log, never shown


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Binary content: had the file been read, the message would say so instead.
    path = _write(tmp_path, binary_bytes(500))
    monkeypatch.setattr(contacts, "MAX_FILE_BYTES", 100)
    with pytest.raises(
        ImportFileError,
        match=r"is too large to be a contacts file: it is 511 bytes and the most an import reads is 100 bytes\.$",
    ):
        read_vcards(path)


@pytest.mark.parametrize("text", ["", "\r\n\r\n", "Name,Email\nAna,ana@example.com\n"])
def test_a_file_without_cards_says_so(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(
        ImportFileError, match=rf"^{re.escape(str(path))} holds no vCards: no line in it says BEGIN:VCARD"
    ):
        read_vcards(path)


def test_a_missing_file_is_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"absent\.vcf could not be read: No such file or directory\.$"):
        read_vcards(tmp_path / "absent.vcf")


# --- encodings --------------------------------------------------------------------------------------------------


def test_a_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = _write(tmp_path, codecs.BOM_UTF8 + _card("FN:Inês Carvalho").encode("utf-8"))
    assert [c.name for c in read_vcards(path).contacts] == ["Inês Carvalho"]


def test_utf16_with_a_bom_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, _card("FN:Inês Carvalho", "N:Carvalho;Inês;;;").encode("utf-16"))
    assert [c.name for c in read_vcards(path).contacts] == ["Inês Carvalho"]


def test_lines_that_are_not_utf8_use_their_charset_or_windows_1252(tmp_path: Path) -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"N;CHARSET=ISO-8859-2:Wi\xb6niewski;Tomasz\r\n"  # 0xB6 is "s with acute" in Latin-2
        b"ORG:Stra\xdfenbau M\xfcller\r\n"  # no charset said: Windows-1252
        b"NOTE:caf\xc3\xa9\r\n"  # a line that is UTF-8 stays UTF-8
        b"END:VCARD\r\n"
    )
    parsed = read_vcards(_write(tmp_path, data))
    assert parsed.contacts == [
        ImportedContact(source="card 1", name="Tomasz Wiśniewski", organisation="Straßenbau Müller", notes="café")
    ]


def test_quoted_printable_that_lies_about_utf8_falls_back_to_windows_1252(tmp_path: Path) -> None:
    path = _write(tmp_path, _card("FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller", version="2.1"))
    assert [c.name for c in read_vcards(path).contacts] == ["Jürgen Müller"]


def test_a_base64_text_value_is_decoded(tmp_path: Path) -> None:
    path = _write(tmp_path, _card("FN;ENCODING=BASE64;CHARSET=UTF-8:SsO8cmdlbiBNw7xsbGVy", version="2.1"))
    assert [c.name for c in read_vcards(path).contacts] == ["Jürgen Müller"]


# --- line ends and odd but valid text ---------------------------------------------------------------------------


@pytest.mark.parametrize("line_end", ["\r\n", "\n", "\r"])
def test_every_line_end_reads_the_same(tmp_path: Path, line_end: str) -> None:
    text = line_end.join(["BEGIN:VCARD", "VERSION:3.0", "FN:Sade", " Okonkwo", "EMAIL:sade@example.org", "END:VCARD"])
    parsed = read_vcards(_write(tmp_path, text))
    # Unfolding drops the one space that marks the fold, as the standard says.
    assert parsed.contacts == [
        ImportedContact(source="card 1", name="SadeOkonkwo", details=(D(EMAIL, "sade@example.org"),))
    ]


def test_a_unicode_line_separator_ends_a_line_of_the_note_not_a_line_of_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, _card("FN:Ana Ferreira", "NOTE:first\u2028second", "EMAIL:ana@example.com"))
    (contact,) = read_vcards(path).contacts
    assert contact.notes == "first\nsecond"
    assert contact.details == (D(EMAIL, "ana@example.com"),)


def test_unescaped_commas_in_a_note_are_kept(tmp_path: Path) -> None:
    # vobject's own decoding would keep only "Met in Lisbon".
    path = _write(tmp_path, _card("FN:Ana Ferreira", "NOTE:Met in Lisbon, then Porto, then online."))
    assert read_vcards(path).contacts[0].notes == "Met in Lisbon, then Porto, then online."


def test_text_outside_cards_is_ignored(tmp_path: Path) -> None:
    path = _write(tmp_path, "Exported by a phone\r\n" + _card("FN:Ana Ferreira") + "trailing words\r\n")
    assert [c.name for c in read_vcards(path).contacts] == ["Ana Ferreira"]


def test_the_generated_large_file_reads_every_card(tmp_path: Path) -> None:
    path = _write(tmp_path, many_vcards(300))
    parsed = read_vcards(path)
    assert len(parsed.contacts) == 300
    assert parsed.skipped == []
    assert all(len(c.details) >= 6 for c in parsed.contacts)
