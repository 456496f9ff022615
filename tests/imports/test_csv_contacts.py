"""Generic CSV contacts: Google's and Outlook's exports, hand-made sheets, the user's mapping, hostile files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netjournal.domain import ContactDetail, DetailField
from netjournal.imports.contacts import ImportedContact, ImportFileError, SkippedEntry
from netjournal.imports.csv_contacts import (
    FIELD_NAMES,
    NoNameColumnError,
    known_columns,
    read_csv_columns,
    read_csv_contacts,
)
from netjournal.imports.csv_records import sniff_delimiter

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"
EMAIL, PHONE, WEB, LOCATION, BIRTHDAY = (
    DetailField.EMAIL,
    DetailField.PHONE,
    DetailField.WEB,
    DetailField.LOCATION,
    DetailField.BIRTHDAY,
)


def write(tmp_path: Path, text: str, name: str = "contacts.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def error_of(path: Path, mapping: dict[str, str] | None = None) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_csv_contacts(path, mapping)
    return str(caught.value)


def test_google_contacts() -> None:
    parsed = read_csv_contacts(FIXTURES / "google-contacts.csv")
    assert (parsed.format, parsed.encoding) == ("csv", "utf-8")
    assert parsed.contacts == [
        ImportedContact(
            source="line 2",
            name="Priya Raman",  # the prefix "Dr." and nickname are not part of the name
            organisation="Kestrel Bio",
            role="VP Research",
            notes="Met at the Lisbon summit.\nLikes long emails.",
            tags=("Clients", "Conference 2023"),
            details=(
                ContactDetail(EMAIL, "priya.raman@kestrel.example", "work"),
                ContactDetail(EMAIL, "priya@home.example", "home"),
                ContactDetail(PHONE, "+44 7700 900123", "mobile"),
                ContactDetail(PHONE, "+44 20 7946 0000", "work"),
                ContactDetail(WEB, "https://priya.example.org", "profile"),
                ContactDetail(LOCATION, "1 Harbour Row, London E14 5AB, United Kingdom", "work"),
                ContactDetail(BIRTHDAY, "--04-15"),
            ),
        ),
        # Priya's record spans lines 2 to 5 (two-line notes, a three-line address): Jonas starts on line 6.
        ImportedContact(
            source="line 6",
            name="Jonas Elias Lindqvist",
            tags=("starred",),
            details=(
                ContactDetail(EMAIL, "jonas@example.se"),
                # Google's " ::: " joins two numbers that share a label.
                ContactDetail(PHONE, "+46 70 123 45 67", "mobile"),
                ContactDetail(PHONE, "+46 8 123 456", "mobile"),
                # No formatted address: its parts, in order.
                ContactDetail(LOCATION, "Göteborg, Sweden"),
                ContactDetail(BIRTHDAY, "1985-04-15"),
            ),
        ),
        # "not a date" is no birthday; the rest of Chen is kept.
        ImportedContact(source="line 8", name="Chen", notes="Old university friend", tags=("Friends", "Clients")),
    ]
    assert parsed.skipped == [
        SkippedEntry("line 7", "Line 7 has no name (only Harbour Café, hello@harbourcafe.example), so it was skipped.")
    ]


def test_outlook_contacts_in_cp1252() -> None:
    parsed = read_csv_contacts(FIXTURES / "outlook-contacts.csv")
    assert parsed.encoding == "cp1252"
    assert parsed.contacts == [
        ImportedContact(
            source="line 2",
            name="José Gonçalves",  # "Sr." in Outlook's Title column is not a role: it has a Job Title
            organisation="Pão & Companhia, Lda.",
            role="Diretor Comercial",
            notes="Prefers calls before 10:00 — ask about the Porto café.\nMet through Françoise.",
            tags=("Clients", "Lisbon trip"),
            details=(
                ContactDetail(EMAIL, "jose.goncalves@pao.example"),
                ContactDetail(PHONE, "+351 21 000 0000", "work"),
                ContactDetail(PHONE, "+351 91 000 0000", "mobile"),
                ContactDetail(WEB, "https://pao.example.pt"),
                ContactDetail(LOCATION, "Rua Augusta 12, 3.º andar, Lisboa, 1100-053, Portugal", "work"),
                ContactDetail(BIRTHDAY, "1985-04-15"),
            ),
        ),
        # Line 2's notes have a line break: Françoise starts on line 4. Her "0/0/00" birthday is none.
        ImportedContact(
            source="line 4",
            name="Françoise Müller-Lefèvre",
            organisation="Crème Brûlée SARL",
            role="Gérante",
            notes="Paid the 50€ deposit; “thanks” sent.",
            details=(
                ContactDetail(EMAIL, "francoise@creme.example"),
                ContactDetail(EMAIL, "f.muller@perso.example"),
                ContactDetail(LOCATION, "Besançon, France", "home"),
            ),
        ),
        # The Exchange address ("/o=ExchangeLabs/...") reaches no one: only the second address is kept.
        ImportedContact(
            source="line 5",
            name="Søren Åge Kierkegård",
            organisation="Nørrebro Design ApS",
            role="Partner",
            tags=("Suppliers",),
            details=(
                ContactDetail(EMAIL, "soren@norrebro.example"),
                ContactDetail(PHONE, "+45 3312 3456", "home"),
                ContactDetail(BIRTHDAY, "1979-12-03"),
            ),
        ),
    ]
    assert parsed.skipped == [
        SkippedEntry("line 6", "Line 6 has no name (only Ålesund Fisk AS, +47 70 00 00 00), so it was skipped.")
    ]


def test_semicolon_spreadsheet_with_a_mapping_for_the_met_column() -> None:
    parsed = read_csv_contacts(FIXTURES / "spreadsheet-semicolon.csv", {"Met": "met_on"})
    assert parsed.contacts == [
        ImportedContact(
            source="line 2",
            name="Inês Duarte",
            organisation="Duarte Ceramics",
            notes="Introduced by Priya; wants a studio visit",
            met_on=dt.date(2023, 3, 14),
            details=(ContactDetail(EMAIL, "ines@duarte.example"),),
        ),
        # Day first, as "14/03/2023" in the same column shows.
        ImportedContact(
            source="line 3",
            name="George Papadopoulos",
            organisation="Aegean Shipping, S.A.",
            notes="Met at the Piraeus port conference, 2022",
            met_on=dt.date(2022, 11, 2),
            details=(ContactDetail(EMAIL, "george@aegean.example"),),
        ),
    ]
    # Line 5 (";;;;") is an empty row, not a skipped contact.
    assert parsed.skipped == [SkippedEntry("line 4", "Line 4 has no name (only Blank Co), so it was skipped.")]


def test_semicolon_spreadsheet_without_a_mapping_leaves_met_unread() -> None:
    parsed = read_csv_contacts(FIXTURES / "spreadsheet-semicolon.csv")
    assert [(contact.name, contact.met_on) for contact in parsed.contacts] == [
        ("Inês Duarte", None),
        ("George Papadopoulos", None),
    ]


def test_mapping_columns_in_any_case_and_ignoring_one() -> None:
    parsed = read_csv_contacts(FIXTURES / "spreadsheet-semicolon.csv", {" met ": "MET_ON", "company": "ignore"})
    assert [(contact.organisation, contact.met_on) for contact in parsed.contacts] == [
        ("", dt.date(2023, 3, 14)),
        ("", dt.date(2022, 11, 2)),
    ]


def test_mapping_to_detail_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "Who,Where,Cell,Site,Born,Kind\nAna Silva,Porto,+351 91 1,ana.example,15/04/1985,a; b\n")
    mapping = {"Who": "name", "Where": "location", "Cell": "phone", "Site": "web", "Born": "birthday", "Kind": "tags"}
    assert read_csv_contacts(path, mapping).contacts == [
        ImportedContact(
            source="line 2",
            name="Ana Silva",
            tags=("a", "b"),
            details=(
                ContactDetail(PHONE, "+351 91 1"),
                ContactDetail(WEB, "ana.example"),
                ContactDetail(LOCATION, "Porto"),
                ContactDetail(BIRTHDAY, "1985-04-15"),
            ),
        )
    ]


def test_an_unknown_field_in_the_mapping() -> None:
    path = FIXTURES / "spreadsheet-semicolon.csv"
    assert error_of(path, {"Met": "meeting"}) == (
        'There is no field "meeting" to put the column "Met" in; the fields are ' + ", ".join(FIELD_NAMES) + "."
    )


def test_a_mapped_column_that_is_not_in_the_file() -> None:
    path = FIXTURES / "spreadsheet-semicolon.csv"
    assert error_of(path, {"Met at": "met_on"}) == (
        f'{path} has no column "Met at" (given for met_on); its columns are "Name", "Company", "Email", "Notes", "Met".'
    )


def test_no_column_holds_names(tmp_path: Path) -> None:
    path = write(tmp_path, "Who;Company\nAna;Acme\n")
    assert error_of(path) == (
        f'None of the columns of {path} holds names: its columns are "Who", "Company". '
        'Say which column holds the names, for example --map "Full name=name" '
        "(or first_name and last_name for two columns)."
    )
    assert [contact.name for contact in read_csv_contacts(path, {"Who": "name"}).contacts] == ["Ana"]
    with pytest.raises(NoNameColumnError) as caught:
        read_csv_contacts(path)
    assert caught.value.headers == ("Who", "Company")  # the window asks which of them holds the name


def test_the_columns_with_a_few_values_each() -> None:
    columns = read_csv_columns(FIXTURES / "spreadsheet-semicolon.csv", samples=2)
    assert columns.headers == ("Name", "Company", "Email", "Notes", "Met")
    assert columns.samples == (
        ("Inês Duarte", "George Papadopoulos"),
        ("Duarte Ceramics", "Aegean Shipping, S.A."),
        ("ines@duarte.example", "george@aegean.example"),
        ("Introduced by Priya; wants a studio visit", "Met at the Piraeus port conference, 2022"),
        ("14/03/2023", "02/11/2022"),
    )
    assert columns.known == {"Name": "name", "Company": "organisation", "Email": "email", "Notes": "notes"}


def test_the_columns_of_a_file_without_a_name_column(tmp_path: Path) -> None:
    path = write(tmp_path, "Who;Where\nAna;Lisbon\nAna;Porto\n;\nBruno;\n")
    columns = read_csv_columns(path)
    assert columns.samples == (("Ana", "Bruno"), ("Lisbon", "Porto"))  # each value once, empty cells left out
    assert columns.known == {}


def test_mapping_the_only_name_column_away(tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Email\nAna,ana@example.com\n")
    assert error_of(path, {"Name": "ignore"}).startswith(f"None of the columns of {path} holds names")


def test_utf16_tab_separated_without_a_mark() -> None:
    parsed = read_csv_contacts(FIXTURES / "utf16-no-bom.csv")
    assert parsed.encoding == "utf-16-le"
    assert parsed.contacts == [
        ImportedContact(
            source="line 2",
            name="Zoë Achterberg",
            organisation="Tulip Systems",
            details=(ContactDetail(EMAIL, "zoe@tulip.example"),),
        ),
        ImportedContact(source="line 3", name="Δημήτρης Κωνσταντίνου", organisation="Olive Grove"),
    ]


def test_old_google_format(tmp_path: Path) -> None:
    header = "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Organization 1 - Name,"
    header += "Organization 1 - Title,Organization 1 - Department,Website 1 - Type,Website 1 - Value\n"
    row = 'Ana Maria Silva,Ana,Silva,* My Contacts ::: * Coworkers,* Work,"ana@a.example ::: ana@b.example",'
    row += "Sardinha Lda,CTO,Tech,Blog,https://ana.example\n"
    assert read_csv_contacts(write(tmp_path, header + row)).contacts == [
        ImportedContact(
            source="line 2",
            name="Ana Maria Silva",
            organisation="Sardinha Lda",
            role="CTO",
            tags=("Coworkers",),
            details=(
                ContactDetail(EMAIL, "ana@a.example", "work"),
                ContactDetail(EMAIL, "ana@b.example", "work"),
                ContactDetail(WEB, "https://ana.example", "blog"),
            ),
        )
    ]


def test_a_plain_title_column_is_the_role_and_duplicates_go(tmp_path: Path) -> None:
    path = write(tmp_path, 'Full Name,Title,Email,Work Email,Tags\nAna Silva,CTO,ana@a.example,ANA@A.example,"x, y"\n')
    assert read_csv_contacts(path).contacts == [
        ImportedContact(
            source="line 2",
            name="Ana Silva",
            role="CTO",
            tags=("x", "y"),
            details=(ContactDetail(EMAIL, "ana@a.example"),),
        )
    ]


def test_known_columns_for_the_preview() -> None:
    headers = ["First Name", "Name Prefix", "E-mail 1 - Label", "E-mail 1 - Value", "Mobile Phone", "Title", "Met"]
    assert known_columns(headers) == {
        "First Name": "first_name",
        "E-mail 1 - Label": "email",
        "E-mail 1 - Value": "email",
        "Mobile Phone": "phone",
        "Title": "role",
    }
    assert known_columns(["Title", "Job Title"]) == {"Job Title": "role"}


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ('Name,Notes\nAna,"a; b; c"\nRui,x\n', ","),
        ('Name;Notes\nAna;"a, b, c"\nRui;x\n', ";"),
        ("Name\tNotes\nAna\ta\n", "\t"),
        ("Name|Notes\nAna|a\n", "|"),
        ("Name\nAna\nRui\n", ","),
    ],
)
def test_delimiter(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    assert error_of(path) == f"{path} is empty; there are no contacts in it."


def test_only_empty_rows(tmp_path: Path) -> None:
    path = write(tmp_path, ",,,\n , ,\n\n")
    assert error_of(path) == f"{path} has only empty lines; there are no contacts in it."


def test_header_only(tmp_path: Path) -> None:
    path = write(tmp_path, "\n\nFirst Name,Last Name,Email\n\n")
    assert error_of(path) == (
        f"There are no contacts in {path}: it has the column names on line 3 but no rows after them."
    )


def test_binary() -> None:
    path = FIXTURES / "binary.csv"
    assert error_of(path) == f"{path} is not a text file; it holds binary data, so it cannot be a contacts export."


def test_truncated() -> None:
    path = FIXTURES / "truncated.csv"
    assert error_of(path) == (
        f"In {path}, the quoted field that starts on line 3 is never closed: the file ends inside it, "
        "so it was probably cut short. Export it again."
    )


def test_wrong_encoding() -> None:
    path = FIXTURES / "wrong-encoding.csv"
    assert error_of(path) == (
        f"{path} is marked as UTF-8, but line 3 is not valid UTF-8. "
        "Open it in a spreadsheet or text editor and save it again as UTF-8."
    )


def test_ten_thousand_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "Name," + ",".join(f"c{i}" for i in range(9_999)) + "\nAna\n")
    assert error_of(path) == f"In {path}, line 1 has 10,000 columns; a contacts file has at most 1,000."


def test_ten_thousand_columns_further_down(tmp_path: Path) -> None:
    path = write(tmp_path, "Name;Notes\nAna;x\n" + ";" * 9_999 + "\n")
    assert error_of(path) == f"In {path}, line 3 has 10,000 columns; a contacts file has at most 1,000."


def test_a_gigantic_field(tmp_path: Path) -> None:
    path = write(tmp_path, 'Name,Notes\nAna,x\nRui,"' + "y\n" * 600_000 + '"\n')
    assert error_of(path) == (
        f"In {path}, the quoted field that starts on line 3 runs on for more than 1 MB; "
        "its closing quote is probably missing."
    )
