"""Turning vCard property values into the plain text a journal keeps.

Backslash escapes, structured values (N, ADR, ORG), labels from TYPE
parameters or Apple's X-ABLabel, birthdays in every form phones write, and
whitespace.  Pure functions on strings, so each rule is tested on its own.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_BLANK_LINES = re.compile(r"\n{3,}")
_LINE_BREAKS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n"})

# TYPE values that say nothing a person would call a label.
_NOISE_TYPES = frozenset(
    {
        "internet", "x400", "pref", "voice", "msg", "text", "uri",  # email and phone kinds
        "dom", "intl", "postal", "parcel",  # address delivery kinds
        "quoted-printable", "base64", "b", "8bit", "7bit",  # 2.1's bare encodings
    }
)  # fmt: skip
# Apple's built-in labels look like "_$!<HomePage>!$_"; a label the person typed is plain text.
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
# Apple writes year 1604 (with X-APPLE-OMIT-YEAR=1604) for a birthday without a year.
APPLE_NO_YEAR = 1604
_BIRTHDAY_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")
_BIRTHDAY_FULL = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?")


def unescape(value: str) -> str:
    """vCard text with its escapes resolved: "\\n" is a line break, "\\x" is x (so "\\," "\\;" "\\\\" "\\:")."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def split_escaped(value: str, separator: str) -> list[str]:
    """``value`` split at each ``separator`` that is not backslash-escaped, each part unescaped."""
    if "\\" not in value:
        return value.split(separator)
    parts: list[str] = []
    current: list[str] = []
    characters = iter(value)
    for character in characters:
        if character == "\\":
            escaped = next(characters, "")
            current.append("\n" if escaped in ("n", "N") else escaped)
        elif character == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(character)
    parts.append("".join(current))
    return parts


def one_line(text: str) -> str:
    """All whitespace, line breaks included, collapsed to single spaces; trimmed."""
    return " ".join(text.split())


def tidy_notes(text: str) -> str:
    """Spaces collapsed within each line, line breaks kept, at most one blank line in a row; trimmed.

    Unicode's line and paragraph separators (U+2028, U+2029) count as line breaks.
    """
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


@functools.lru_cache(maxsize=4096)  # a file has a handful of distinct labels, written thousands of times
def label_from(types: tuple[str, ...], bare: tuple[str, ...], apple_label: str | None) -> str:
    """A detail's label: Apple's X-ABLabel when the group has one, else its TYPE words.

    TYPE values are lowercased and noise (internet, pref, voice…) dropped; a
    4.0 quoted list (TYPE="work,voice") counts as several.  Several words are
    kept in order, joined by a space: "home fax".  A label the person typed
    in Apple Contacts is kept as they wrote it; Apple's own are lowercased.
    """
    if apple_label is not None:
        built_in = _APPLE_LABEL.fullmatch(apple_label.strip())
        label = one_line(built_in.group(1).lower() if built_in else apple_label)
        if label:
            return label
    words: list[str] = []
    for value in (*types, *bare):
        for word in value.split(","):
            word = word.strip().lower()
            if word and word not in _NOISE_TYPES and word not in words:
                words.append(word)
    return " ".join(words)


def birthday(value: str, omit_year: str | None = None) -> str | None:
    """ "YYYY-MM-DD", or "--MM-DD" when the year is not known; None for text no date can be read from.

    Reads 1985-04-15, 19850415, 1985-04-15T00:00:00Z, --0415, --04-15, and
    Apple's 1604-04-15 with X-APPLE-OMIT-YEAR=1604.  A date that does not
    exist (04-31) is None rather than a wrong birthday.
    """
    value = value.strip()
    no_year = _BIRTHDAY_NO_YEAR.fullmatch(value)
    if no_year is not None:
        month, day = int(no_year.group(1)), int(no_year.group(2))
        return f"--{month:02d}-{day:02d}" if _exists(2000, month, day) else None  # 2000 allows 29 February
    full = _BIRTHDAY_FULL.fullmatch(value)
    if full is None:
        return None
    year, month, day = int(full.group(1)), int(full.group(2)), int(full.group(3))
    if year == APPLE_NO_YEAR or (omit_year is not None and omit_year.strip() == full.group(1)):
        return f"--{month:02d}-{day:02d}" if _exists(2000, month, day) else None
    return f"{year:04d}-{month:02d}-{day:02d}" if _exists(year, month, day) else None


def _exists(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def address_line(components: list[str]) -> str:
    """An ADR value as one readable line: locality, region, country ("Lisbon, Portugal").

    The street, post box and postcode are left out: a journal wants where a
    person is, not their letterbox.  Only when an address has none of the
    three is its street kept, so no address turns into nothing.
    """
    parts = [one_line(part) for part in components[:7]]
    parts += [""] * (7 - len(parts))
    _box, extended, street, locality, region, _code, country = parts
    place = [part for part in (locality, region, country) if part]
    if not place:
        place = [part for part in (street, extended) if part]
    readable: list[str] = []
    for part in place:
        if part.casefold() not in (p.casefold() for p in readable):  # "Singapore, Singapore"
            readable.append(part)
    return ", ".join(readable)


def apple_location(params: dict[str, list[str]]) -> str:
    """The readable place of an X-APPLE-STRUCTURED-LOCATION: its X-ADDRESS, else its X-TITLE."""
    for name in ("X-ADDRESS", "X-TITLE"):
        values = params.get(name)
        if values:
            lines = unescape(", ".join(values)).split("\n")
            place = ", ".join(one_line(line) for line in lines if line.strip())
            if place:
                return place
    return ""


def phone_number(value: str) -> str:
    """A TEL value without 4.0's "tel:" scheme; an extension after ";ext=" becomes " ext. 12"."""
    number = one_line(value)
    if number[:4].lower() == "tel:":
        number = number[4:]
        number, _, extension = number.partition(";ext=")
        number = number.split(";", 1)[0]  # other URI parameters (";phone-context=…") are not part of the number
        if extension:
            number = f"{number} ext. {extension}"
    return number.strip()


def email_address(value: str) -> str:
    """An EMAIL value without a "mailto:" scheme."""
    address = one_line(value)
    return address[7:] if address[:7].lower() == "mailto:" else address


def organisation(components: list[str]) -> str:
    """ORG's company, then its departments after " · " ("Acme · Research")."""
    return " · ".join(part for part in (one_line(c) for c in components) if part)
