"""LinkedIn's Connections.csv: the preamble, older spellings, ragged rows, and files that are not one."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from imports.generate_csv import LINKEDIN_FIRST_DATA_LINE, LINKEDIN_HEADER, LINKEDIN_PREAMBLE, many_linkedin

from netjournal.domain import ContactDetail, DetailField
from netjournal.imports.contacts import ImportedContact, ImportFileError, SkippedEntry
from netjournal.imports.csv_records import MAX_FIELD_CHARS
from netjournal.imports.linkedin import read_linkedin

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"


def profile(slug: str) -> ContactDetail:
    return ContactDetail(DetailField.WEB, f"https://www.linkedin.com/in/{slug}", "LinkedIn")


def email(address: str) -> ContactDetail:
    return ContactDetail(DetailField.EMAIL, address)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_linkedin(path)
    return str(caught.value)


def test_current_export_with_preamble_bom_crlf_and_ragged_rows() -> None:
    parsed = read_linkedin(FIXTURES / "linkedin-connections.csv")
    assert (parsed.format, parsed.encoding) == ("linkedin", "utf-8-sig")
    assert parsed.contacts == [
        ImportedContact(
            source="line 5",
            name="Amara Okafor",
            organisation="Brightwater Analytics, Inc.",
            role="Head of Data",
            met_on=dt.date(2023, 5, 25),
            details=(profile("amara-okafor-example"),),
        ),
        ImportedContact(
            source="line 6",
            name="Tomasz Wielgus",
            organisation="Northwind Freight",
            role="Director, Operations",
            met_on=dt.date(2022, 1, 3),
            details=(email("tomasz.wielgus@example.com"), profile("twielgus-example")),
        ),
        ImportedContact(
            source="line 7", name="María José Núñez", met_on=dt.date(2021, 2, 14), details=(profile("mjnunez-example"),)
        ),
        ImportedContact(
            source="line 9",
            name="Saoirse O'Connell-Byrne",
            organisation="Fernhill & Partners, LLP",
            role='Partner, "Corporate" Law',
            met_on=dt.date(2019, 9, 7),
            details=(email("saoirse@example.org"), profile("saoirse-ocb-example")),
        ),
        # A row short of its last field: no date, nothing else lost.
        ImportedContact(
            source="line 10",
            name="Kwame Mensah",
            organisation="Studio Mensah",
            role="Founder",
            details=(profile("kwame-mensah-example"),),
        ),
        # A row with a field too many: the extra one is ignored, the spaces around "Berg" go.
        ImportedContact(
            source="line 11",
            name="Hannah Berg",
            organisation="Polar Labs",
            role="Engineer",
            met_on=dt.date(2018, 12, 12),
            details=(profile("hannah-berg-example"),),
        ),
    ]
    assert parsed.skipped == [
        SkippedEntry(
            "line 8",
            "Line 8 has no first or last name (only Acme Recruiting, "
            "https://www.linkedin.com/in/former-member-example), so it was skipped.",
        )
    ]


def test_older_export_without_preamble_or_url_and_with_e_mail_spelling() -> None:
    parsed = read_linkedin(FIXTURES / "linkedin-no-preamble.csv")
    assert parsed.encoding == "utf-8"
    assert parsed.contacts == [
        ImportedContact(
            source="line 2",
            name="Beatrix Hollander",
            organisation="Hollander Consulting",
            role="Principal",
            met_on=dt.date(2016, 5, 25),
            details=(email("beatrix.hollander@example.net"),),
        ),
        # Month first, as the column's "05/25/2016" shows.
        ImportedContact(
            source="line 3",
            name="Rafael Ortiz",
            organisation="Ortiz, Vega & Co",
            role="Analyst",
            met_on=dt.date(2015, 11, 2),
        ),
        ImportedContact(
            source="line 4", name="Yuki", organisation="Sakura Robotics", details=(email("yuki@example.jp"),)
        ),
    ]
    assert parsed.skipped == []


def test_other_column_spellings_in_any_case(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "first name,LAST NAME,Profile URL,E-mail Address,Organization,Title,Connected On\n"
        "Ana,Silva,https://www.linkedin.com/in/ana,ana@example.pt,Sardinha Lda,CTO,2020-02-29\n",
    )
    assert read_linkedin(path).contacts == [
        ImportedContact(
            source="line 2",
            name="Ana Silva",
            organisation="Sardinha Lda",
            role="CTO",
            met_on=dt.date(2020, 2, 29),
            details=(email("ana@example.pt"), profile("ana")),
        )
    ]


@pytest.mark.parametrize(
    ("connected_on", "expected"),
    [
        ("25 May 2023", dt.date(2023, 5, 25)),
        ("5 September 2023", dt.date(2023, 9, 5)),
        ("25-May-23", dt.date(2023, 5, 25)),
        ('"May 25, 2023"', dt.date(2023, 5, 25)),
        ("2023-05-25", dt.date(2023, 5, 25)),
        ("05/06/2023", dt.date(2023, 5, 6)),
        ("31 Feb 2023", None),
        ("25 Mai 2023", None),
        ("", None),
    ],
)
def test_connected_on(tmp_path: Path, connected_on: str, expected: dt.date | None) -> None:
    path = write(tmp_path, f"{LINKEDIN_HEADER}Ana,Silva,,,,,{connected_on}\r\n")
    assert read_linkedin(path).contacts[0].met_on == expected


def test_slash_dates_are_day_first_when_the_column_shows_it(tmp_path: Path) -> None:
    path = write(tmp_path, f"{LINKEDIN_HEADER}Ana,Silva,,,,,05/06/2023\r\nRui,Melo,,,,,25/06/2023\r\n")
    assert [contact.met_on for contact in read_linkedin(path).contacts] == [dt.date(2023, 6, 5), dt.date(2023, 6, 25)]


def test_month_names_do_not_depend_on_the_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "strptime", None)  # would follow LC_TIME, which Qt sets from the desktop
    path = write(tmp_path, f"{LINKEDIN_HEADER}Ana,Silva,,,,,25 May 2023\r\n")
    assert read_linkedin(path).contacts[0].met_on == dt.date(2023, 5, 25)


def test_a_file_without_the_header_is_an_error_not_zero_contacts() -> None:
    path = FIXTURES / "spreadsheet-semicolon.csv"
    assert error_of(path) == (
        f"{path} does not look like LinkedIn's Connections.csv: none of its first 20 lines is a header with "
        '"First Name" and "Last Name" columns. Export your connections again from LinkedIn '
        "(Settings, Data privacy, Get a copy of your data), or import the file as a generic CSV file."
    )


def test_no_header_in_the_first_twenty_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "Notes:\r\n" * 20 + LINKEDIN_HEADER + "Ana,Silva,,,,,\r\n")
    assert "none of its first 20 lines is a header" in error_of(path)
    assert error_of(path).startswith(f"{path} does not look like LinkedIn's Connections.csv")


def test_a_header_after_a_longer_preamble_is_found(tmp_path: Path) -> None:
    path = write(tmp_path, "Notes:\r\n" * 18 + LINKEDIN_HEADER + "Ana,Silva,,,,,\r\n")
    assert [contact.source for contact in read_linkedin(path).contacts] == ["line 20"]


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeff\r\n  \r\n")
    assert error_of(path) == f"{path} is empty; there are no connections in it."


def test_header_only(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeff" + LINKEDIN_PREAMBLE + LINKEDIN_HEADER + "\r\n")
    assert error_of(path) == (
        f"There are no connections in {path}: it has the column names on line 4 but no rows after them."
    )


def test_only_nameless_rows_are_all_skipped(tmp_path: Path) -> None:
    parsed = read_linkedin(write(tmp_path, LINKEDIN_HEADER + ",,,,,,\r\n , ,,,Acme,,\r\n"))
    assert parsed.contacts == []
    assert parsed.skipped == [
        SkippedEntry("line 3", "Line 3 has no first or last name (only Acme), so it was skipped.")
    ]


def test_binary() -> None:
    path = FIXTURES / "binary.csv"
    assert error_of(path) == f"{path} is not a text file; it holds binary data, so it cannot be a contacts export."


def test_truncated_names_the_line_where_the_open_field_starts() -> None:
    path = FIXTURES / "truncated.csv"
    assert error_of(path) == (
        f"In {path}, the quoted field that starts on line 3 is never closed: the file ends inside it, "
        "so it was probably cut short. Export it again."
    )


def test_wrong_encoding() -> None:
    path = FIXTURES / "wrong-encoding.csv"
    assert "but line 3 is not valid UTF-8" in error_of(path)


def test_ten_thousand_columns(tmp_path: Path) -> None:
    path = write(tmp_path, ",".join(["First Name", "Last Name", *(f"c{i}" for i in range(9_998))]) + "\r\n")
    assert error_of(path) == f"In {path}, line 1 has 10,000 columns; a contacts file has at most 1,000."


def test_a_gigantic_field_names_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, LINKEDIN_HEADER + "Ana,Silva,,,,,\r\n" + "Rui,Melo,,," + "x" * (MAX_FIELD_CHARS + 1) + ",,\r\n"
    )
    assert error_of(path) == f"In {path}, line 3 has a field longer than 1 MB, more than a contact's field."


def test_a_gigantic_quoted_field_is_probably_a_missing_quote(tmp_path: Path) -> None:
    body = "Ana,Silva,,,,,\r\n" + 'Rui,Melo,,,"Acme\r\n' + "Ana,Silva,,,,,\r\n" * 80_000 + 'Rui,Melo,,,"Acme",,\r\n'
    path = write(tmp_path, LINKEDIN_HEADER + body)
    assert error_of(path) == (
        f"In {path}, the quoted field that starts on line 3 runs on for more than 1 MB; "
        "its closing quote is probably missing."
    )


def test_a_field_up_to_the_limit_is_kept(tmp_path: Path) -> None:
    role = "x" * MAX_FIELD_CHARS
    path = write(tmp_path, LINKEDIN_HEADER + f"Ana,Silva,,,,{role},\r\n")
    assert read_linkedin(path).contacts[0].role == role


def test_text_after_a_closing_quote(tmp_path: Path) -> None:
    path = write(tmp_path, LINKEDIN_HEADER + 'Ana,Silva,,,"Acme" Ltd,,\r\n')
    assert error_of(path) == (
        f"In {path}, line 2 is not valid CSV: text follows a closing quote before the next comma. "
        "Check that line's quotes, or export the file again."
    )


def test_eight_thousand_generated_connections(tmp_path: Path) -> None:
    path = write(tmp_path, many_linkedin(8_000))
    parsed = read_linkedin(path)
    assert len(parsed.contacts) == 8_000 and parsed.skipped == []
    last = parsed.contacts[-1]
    assert last.source == f"line {LINKEDIN_FIRST_DATA_LINE + 7_999}"
    assert last.name.endswith(" 7999") and last.met_on is not None
    assert any(detail.label == "LinkedIn" for detail in last.details)
