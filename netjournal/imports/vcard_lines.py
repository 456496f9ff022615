"""The lexical layer of a vCard file: bytes to text, text to cards, cards to properties.

The file is split into cards here, not by vobject, so every message can name
the card and the line, and one card's problem never hides the others.  A
content line with parameters goes through vobject's own grammar
(``parseLine``: group, name, parameters with quoted values, 2.1's bare
parameters); a line without any ("FN:Ana") needs nothing but its name and is
read here.  vobject's ``ContentLine`` objects and its vCard behaviour are not
used: a ``ContentLine`` costs eight times the parse of its line (8,000 cards
through ``readOne`` take 2.4 s), its one vCard behaviour is 3.0's whatever
the version, and its text decoding keeps only what comes before the first
unescaped comma of a note.  Quoted-printable and base64 values are decoded
here, with a fallback when the declared charset lies.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from vobject.base import ParseError, parseLine

from netjournal.imports.contacts import ImportFileError

# Pictures, logos, sounds and keys are never stored; their (often huge,
# folded) base64 values are dropped while unfolding, before any parsing.
BINARY_PROPERTIES = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})

_PROPERTY_NAME = re.compile(r"(?:[A-Za-z0-9_-]+\.)?([A-Za-z0-9_-]+)[;:]")
# A line with no parameters ("FN:Ana", "item1.X-ABLabel:…") needs no grammar beyond this; about
# half of a typical card's lines are like that.
_WITHOUT_PARAMETERS = re.compile(r"(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+):")
# Control characters no text file has; \t, \n, \r and \f are allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LINE_CHARSET = re.compile(rb";CHARSET=([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_BYTE_LINE_END = re.compile(rb"\r\n|\r|\n")
_SNIPPET = 60
_TRANSFER_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "B", "BASE64"})


class Property(NamedTuple):  # a tuple, not a dataclass: 100,000 of them are made in a second
    """One content line of a card, its value decoded from quoted-printable or base64 (not yet unescaped)."""

    line: int
    group: str  # lowercased; "" when the line has no group
    name: str  # uppercased, "_" read as "-" (Lotus Notes)
    params: dict[str, list[str]]  # NAME=value parameters, names uppercased
    bare: tuple[str, ...]  # vCard 2.1's parameters without a name ("CELL", "PREF"), uppercased
    value: str


@dataclass(frozen=True, slots=True)
class RawCard:
    """The logical (unfolded) lines between one BEGIN:VCARD and its END:VCARD."""

    number: int  # 1-based, in file order
    line: int  # where BEGIN:VCARD is
    lines: list[tuple[int, str, str]]  # (line number, property name uppercased or "" if malformed, text)


def decode_file(path: Path, data: bytes) -> str:
    """The file's text with "\\n" line ends.

    UTF-8 (a BOM is dropped), or UTF-16 when a BOM says so.  A file that is
    not UTF-8 is decoded line by line: UTF-8 where a line is, else the
    charset its property names (2.1's ``CHARSET=``), else Windows-1252, which
    is what Outlook and old phones write when they do not say.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ImportFileError(f"{path} is not a vCard file: it starts like UTF-16 text but is not.") from error
    else:
        data = data.removeprefix(codecs.BOM_UTF8)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = "\n".join(_decode_line(line) for line in _BYTE_LINE_END.split(data))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        raise ImportFileError(
            f"{path} is not a vCard file: line {line} holds binary data "
            f"(the control character U+{ord(control.group()):04X}), not text."
        )
    return text


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _LINE_CHARSET.search(line.split(b":", 1)[0])
    if declared is not None:
        try:
            return line.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return line.decode("cp1252", errors="replace")


def split_cards(path: Path, text: str) -> Iterator[RawCard]:
    """Each card's unfolded lines, in file order; text outside cards is ignored."""
    card: list[tuple[int, str, str]] | None = None
    card_number = 0
    card_line = 0
    for start, name, logical in logical_lines(text):
        marker = logical.strip().upper() if name in ("BEGIN", "END") else ""
        if marker == "BEGIN:VCARD":
            if card is not None:
                raise ImportFileError(
                    f"{path} is cut short or damaged: card {card_number} (line {card_line}) has no END:VCARD "
                    f"before the next card begins on line {start}."
                )
            card_number += 1
            card_line = start
            card = []
        elif marker == "END:VCARD":
            if card is not None:
                yield RawCard(card_number, card_line, card)
                card = None
        elif card is not None:
            card.append((start, name, logical))
    if card is not None:
        raise ImportFileError(
            f"{path} is cut short: card {card_number} (line {card_line}) has no END:VCARD; "
            "the file ends in the middle of it."
        )


def logical_lines(text: str) -> Iterator[tuple[int, str, str]]:
    """(line number, property name, unfolded text) of each content line; binary properties left out.

    Lines are unfolded as vobject does (a line starting with a space or tab
    continues the previous one, the first whitespace character dropped), and
    a quoted-printable value ending in ``=`` continues on the next line
    whatever it starts with (2.1's soft line break; the "\\n" is kept for the
    decoder to remove).  A blank line ends a logical line, as in vobject and
    in 2.1's base64 values.
    """
    parts: list[str] = []  # the logical line being built
    start = 0  # where it began
    name = ""  # its property name, "" when it does not start like a content line
    skipping = False  # inside a binary property's value
    soft_break = False  # the last part ended a quoted-printable line with "="
    for number, line in enumerate(text.split("\n"), start=1):
        if soft_break:
            parts.append("\n" + line)
            soft_break = line.endswith("=")
        elif not line or line[0] in " \t":
            if line.strip():
                if not skipping and parts:
                    parts.append(line[1:])
                    soft_break = line.endswith("=") and _is_quoted_printable(parts[0])
            else:
                if parts:
                    yield start, name, parts[0] if len(parts) == 1 else "".join(parts)
                    parts = []
                skipping = False
        else:
            if parts:
                yield start, name, parts[0] if len(parts) == 1 else "".join(parts)
                parts = []
            match = _PROPERTY_NAME.match(line)
            name = "" if match is None else match.group(1).upper().replace("_", "-")
            skipping = name in BINARY_PROPERTIES
            if not skipping:
                start = number
                parts = [line]
                soft_break = line.endswith("=") and _is_quoted_printable(line)
    if parts:
        yield start, name, parts[0] if len(parts) == 1 else "".join(parts)


def _is_quoted_printable(line: str) -> bool:
    return "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper()


def card_properties(path: Path, card: RawCard, wanted: frozenset[str]) -> list[Property]:
    """The card's properties whose names are ``wanted``, parsed; a malformed line is an error whatever it is.

    Lines nobody reads (PRODID, REV, X-ABUID…) are not parsed: that is a
    third of the work on a typical card.
    """
    return [
        parse_property(path, card, number, text)
        for number, name, text in card.lines
        if name in wanted or not name  # a nameless line goes to vobject, whose error says what is wrong
    ]


def parse_property(path: Path, card: RawCard, line_number: int, text: str) -> Property:
    """One logical line through vobject's content-line grammar, its value decoded."""
    simple = _WITHOUT_PARAMETERS.match(text)
    if simple is not None:
        group, name = simple.group(1, 2)
        name = name.upper().replace("_", "-")
        return Property(line_number, group.lower() if group else "", name, {}, (), text[simple.end() :])
    try:
        name, raw_params, value, group = parseLine(text, line_number)
    except ParseError as error:
        snippet = text if len(text) <= _SNIPPET else text[:_SNIPPET] + "…"
        raise ImportFileError(
            f"{path} could not be read: card {card.number} (line {card.line}) has a line that is not "
            f"a vCard property, on line {line_number}: “{snippet}”."
        ) from error
    params: dict[str, list[str]] = {}
    bare: list[str] = []
    for param in raw_params:
        if len(param) == 1:
            bare.append(param[0].upper())
        else:
            params.setdefault(param[0].upper(), []).extend(param[1:])
    if bare or "ENCODING" in params:
        encodings = {e.upper() for e in params.get("ENCODING", ())}.union(bare)
        if encodings & _TRANSFER_ENCODINGS:
            value = _decode_transfer_encoding(value, encodings, params.get("CHARSET", []))
    return Property(line_number, group.lower() if group else "", name.upper(), params, tuple(bare), value)


def _decode_transfer_encoding(value: str, encodings: set[str], charsets: list[str]) -> str:
    if "QUOTED-PRINTABLE" in encodings:
        raw = quopri.decodestring(value.encode("utf-8"))
    else:
        try:
            raw = base64.b64decode("".join(value.split()), validate=True)
        except (binascii.Error, ValueError):
            return value  # not base64 after all: keep the text as written
    # The declared charset first; Outlook sometimes declares UTF-8 and writes Windows-1252.
    for charset in (*charsets, "utf-8"):
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("cp1252", errors="replace")
