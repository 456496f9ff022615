"""The value rules of vcard_values, one by one."""

from __future__ import annotations

import pytest

from netjournal.imports import vcard_values as values


@pytest.mark.parametrize(
    ("written", "omit_year", "birthday"),
    [
        ("1985-04-15", None, "1985-04-15"),
        ("19850415", None, "1985-04-15"),
        ("1985-04-15T00:00:00Z", None, "1985-04-15"),
        ("--0415", None, "--04-15"),
        ("--04-15", None, "--04-15"),
        ("--0229", None, "--02-29"),
        ("1604-04-15", "1604", "--04-15"),  # Apple's "no year"
        ("1604-04-15", None, "--04-15"),
        ("1900-04-15", "1900", "--04-15"),  # whatever year X-APPLE-OMIT-YEAR names
        ("1985-04-31", None, None),
        ("--1301", None, None),
        ("1985", None, None),
        ("circa 1990", None, None),
        ("", None, None),
    ],
)
def test_birthdays(written: str, omit_year: str | None, birthday: str | None) -> None:
    assert values.birthday(written, omit_year) == birthday


@pytest.mark.parametrize(
    ("types", "bare", "apple", "label"),
    [
        (("INTERNET", "WORK", "pref"), (), None, "work"),
        (("work,voice",), (), None, "work"),  # 4.0's quoted list
        ((), ("WORK", "VOICE"), None, "work"),  # 2.1's bare parameters
        ((), ("HOME", "FAX"), None, "home fax"),
        (("CELL",), (), "_$!<Mobile>!$_", "mobile"),
        ((), (), "_$!<HomePage>!$_", "homepage"),
        (("pref",), (), "  Old  Portfolio ", "Old Portfolio"),
        (("HOME",), (), "", "home"),
        (("pref", "internet"), ("VOICE",), None, ""),
    ],
)
def test_labels(types: tuple[str, ...], bare: tuple[str, ...], apple: str | None, label: str) -> None:
    assert values.label_from(types, bare, apple) == label


@pytest.mark.parametrize(
    ("components", "line"),
    [
        (["", "", "Rua Augusta 100", "Lisboa", "", "1100-053", "Portugal"], "Lisboa, Portugal"),
        (["", "", "1 Raffles Place", "Singapore", "Singapore", "048616", "Singapore"], "Singapore"),
        (["", "", "Line one\nLine two", "", "", "", ""], "Line one Line two"),
        (["", "", "", "Kyoto", "", ""], "Kyoto"),  # fewer components than the standard's seven
        (["", "", "", "", "", "", ""], ""),
    ],
)
def test_address_lines(components: list[str], line: str) -> None:
    assert values.address_line(components) == line


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("+351 912 345 678", "+351 912 345 678"),
        ("tel:+1-555-555-0142;ext=12", "+1-555-555-0142 ext. 12"),
        ("TEL:+1-555-555-0142;phone-context=example.com", "+1-555-555-0142"),
    ],
)
def test_phone_numbers(written: str, number: str) -> None:
    assert values.phone_number(written) == number


def test_escapes_and_escaped_separators() -> None:
    assert values.unescape(r"a\,b\;c\\d\ne\Nf\:g") == "a,b;c\\d\ne\nf:g"
    assert values.split_escaped(r"Acme\; Sons;Research", ";") == ["Acme; Sons", "Research"]
    assert values.split_escaped(r"ends in a backslash\\;next", ";") == ["ends in a backslash\\", "next"]
    assert values.split_escaped("Clients,Robotics", ",") == ["Clients", "Robotics"]


def test_notes_keep_their_lines_and_lose_their_extra_space() -> None:
    assert values.tidy_notes("  one   two \r\n\r\n\r\n\r\n three\rfour  ") == "one two\n\nthree\nfour"


def test_apple_structured_locations() -> None:
    assert (
        values.apple_location({"X-ADDRESS": ["Rua do Ouro 20\\nPorto"], "X-TITLE": ["Studio"]})
        == "Rua do Ouro 20, Porto"
    )
    assert values.apple_location({"X-TITLE": ["Home"]}) == "Home"
    assert values.apple_location({}) == ""
