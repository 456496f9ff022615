"""Contacts as a vCard 3.0 file, the version phones and address books read best.

Written by hand rather than through vobject so every byte is chosen: text is
escaped (``\\`` ``,`` ``;`` and line breaks), lines are folded at 75 octets
without splitting a UTF-8 character, and lines end in CRLF.  What
``read_vcards`` reads back from the output is what was written: the same
names, organisations, notes, tags and details with their labels.  A
contact's ``met_on`` has no vCard property and is not written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from netjournal.domain import DetailField
from netjournal.imports.contacts import ImportedContact

PRODID = "-//netjournal//vCard export//EN"
_MAX_OCTETS = 75  # per physical line, CRLF not counted (RFC 2425 section 5.8.1)
_PROPERTY = {
    DetailField.EMAIL: "EMAIL",
    DetailField.PHONE: "TEL",
    DetailField.WEB: "URL",
    DetailField.LOCATION: "ADR",
    DetailField.BIRTHDAY: "BDAY",
}
# A label made of these words can be TYPE words; any other label (capitals,
# punctuation, a word a reader would drop as noise) goes in Apple's
# X-ABLabel, which Apple, Google and Android all show as the label.
_TYPE_WORD = re.compile(r"[a-z0-9-]+")
_NOT_TYPE_WORDS = frozenset({"internet", "x400", "pref", "voice", "msg", "text", "uri", "dom", "intl", "postal"})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def write_vcards(contacts: Iterable[ImportedContact], out: TextIO) -> int:
    """Write each contact as one vCard 3.0 card to ``out``; return how many cards were written.

    Lines end in CRLF, so a file should be opened with ``newline=""`` (else
    Windows would write CR CR LF).
    """
    count = 0
    for contact in contacts:
        out.write("".join(fold(line) for line in card_lines(contact)))
        count += 1
    return count


def card_lines(contact: ImportedContact) -> Iterator[str]:
    """The unfolded content lines of one contact's card."""
    yield "BEGIN:VCARD"
    yield "VERSION:3.0"
    yield f"PRODID:{PRODID}"
    # 3.0 requires N; phones build the name from it.  The last word is taken
    # as the family name, which is right often enough and harmless when not:
    # FN, which readers show, is the name exactly as the journal has it.
    words = contact.name.split()
    yield "N:" + _structured([words[-1] if words else "", " ".join(words[:-1]), "", "", ""])
    yield f"FN:{escape(contact.name)}"
    if contact.organisation:
        yield "ORG:" + _structured(contact.organisation.split(" · "))
    if contact.role:
        yield f"TITLE:{escape(contact.role)}"
    if contact.notes:
        yield f"NOTE:{escape(contact.notes)}"
    if contact.tags:
        yield "CATEGORIES:" + ",".join(escape(tag) for tag in contact.tags)
    group = 0
    for detail in contact.details:
        name = _PROPERTY[detail.field]
        value = _location(detail.value) if detail.field is DetailField.LOCATION else escape(detail.value)
        label = "" if detail.field is DetailField.BIRTHDAY else detail.label
        type_words = _type_words(label)
        if type_words is not None:
            yield f"{name}{';TYPE=' + ','.join(type_words) if type_words else ''}:{value}"
        else:
            group += 1
            yield f"item{group}.{name}:{value}"
            yield f"item{group}.X-ABLabel:{escape(label)}"
    yield "END:VCARD"


def escape(text: str) -> str:
    """vCard 3.0 text: backslash, comma and semicolon escaped, every line break as "\\n"."""
    escaped = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return _LINE_BREAK.sub("\\\\n", escaped)


def fold(line: str) -> str:
    """``line`` folded so no physical line is over 75 octets, each ending in CRLF.

    A continuation starts with one space (which counts towards its 75); a
    multi-byte UTF-8 character is never split.
    """
    if len(line) * 4 <= _MAX_OCTETS or len(line.encode("utf-8")) <= _MAX_OCTETS:
        return line + "\r\n"
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for character in line:
        octets = 1 if character < "\x80" else len(character.encode("utf-8", "surrogatepass"))
        if size + octets > _MAX_OCTETS:
            pieces.append("".join(current))
            current = [" "]
            size = 1
        current.append(character)
        size += octets
    pieces.append("".join(current))
    return "\r\n".join(pieces) + "\r\n"


def _structured(components: list[str]) -> str:
    return ";".join(escape(component) for component in components)


def _type_words(label: str) -> list[str] | None:
    """The TYPE words that read back as ``label`` ([] for no label), or None if no TYPE words can."""
    if not label:
        return []
    words = label.split(" ")
    if len(set(words)) != len(words):
        return None
    if all(_TYPE_WORD.fullmatch(word) and word not in _NOT_TYPE_WORDS for word in words):
        return words
    return None


def _location(place: str) -> str:
    """A one-line place as ADR: "Lisbon, Portugal" is locality and country, three parts add the region.

    A place of more parts (or repeated ones) goes whole into the street, so it
    reads back exactly as written.
    """
    parts = place.split(", ")
    locality = region = country = street = ""
    if len(parts) > 3 or "" in parts or len({part.casefold() for part in parts}) != len(parts):
        street = place
    elif len(parts) == 3:
        locality, region, country = parts
    elif len(parts) == 2:
        locality, country = parts
    else:
        locality = place
    return _structured(["", "", street, locality, region, "", country])
