"""vCard files (2.1, 3.0 and 4.0; Apple, Google, Outlook and the rest) as imported contacts.

``read_vcards`` refuses a file that is too large, binary, truncated or
malformed with an ``ImportFileError`` naming the file, the card and the line;
a card without a name, and a card that is a group rather than a person, are
skipped with a reason instead.  The lexical work (decoding, cards, content
lines through vobject's grammar) is in ``vcard_lines``; value rules are in
``vcard_values``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from netjournal.domain import ContactDetail, DetailField
from netjournal.imports import contacts
from netjournal.imports import vcard_values as values
from netjournal.imports.contacts import ImportedContact, ImportFileError, ParsedContacts, SkippedEntry
from netjournal.imports.vcard_lines import Property, RawCard, card_properties, decode_file, split_cards

FORMAT = "vcard"

# Google puts every contact in "myContacts"; it is Google's bookkeeping, not a tag the person chose.
_NOT_TAGS = frozenset({"mycontacts"})
_NOT_DIALLED = re.compile(r"[^0-9+]")  # two ways of writing one phone number differ only in these
_DETAIL_FIELDS = {
    "EMAIL": DetailField.EMAIL,
    "TEL": DetailField.PHONE,
    "URL": DetailField.WEB,
    "ADR": DetailField.LOCATION,
    "X-APPLE-STRUCTURED-LOCATION": DetailField.LOCATION,
    "BDAY": DetailField.BIRTHDAY,
}

# Everything else a card holds (PRODID, REV, UID, X-ABUID, IMPP…) is not read.
_READ_PROPERTIES = frozenset(
    {"FN", "N", "NICKNAME", "ORG", "TITLE", "ROLE", "NOTE", "CATEGORIES", "KIND", "X-ADDRESSBOOKSERVER-KIND"}
    | {"X-ABLABEL", *_DETAIL_FIELDS}
)


def read_vcards(path: Path) -> ParsedContacts:
    """Every card in the file at ``path``, in file order, with the cards that were skipped and why."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportFileError(f"{path} could not be read: {error.strerror or error}.") from error
    limit = contacts.MAX_FILE_BYTES  # read when called, so one setting (or a test) governs every parser
    if size > limit:
        raise ImportFileError(
            f"{path} is too large to be a contacts file: it is {_megabytes(size)} "
            f"and the most an import reads is {_megabytes(limit)}."
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"{path} could not be read: {error.strerror or error}.") from error
    text = decode_file(path, data)
    parsed = ParsedContacts(path=path, format=FORMAT)
    for card in split_cards(path, text):
        properties = card_properties(path, card, _READ_PROPERTIES)
        outcome = contact_from(card, properties)
        if isinstance(outcome, SkippedEntry):
            parsed.skipped.append(outcome)
        else:
            parsed.contacts.append(outcome)
    if not parsed.contacts and not parsed.skipped:
        raise ImportFileError(f"{path} holds no vCards: no line in it says BEGIN:VCARD.")
    return parsed


def _megabytes(size: int) -> str:
    if size < 1_000_000:
        return f"{size:,} bytes"
    return f"{size / 1e6:,.1f} MB" if size < 10_000_000 else f"{size / 1e6:,.0f} MB"


def contact_from(card: RawCard, properties: list[Property]) -> ImportedContact | SkippedEntry:
    """One card's properties as a contact, or the reason it is skipped."""
    source = f"card {card.number}"
    by_name: dict[str, list[Property]] = defaultdict(list)
    for prop in properties:
        by_name[prop.name].append(prop)
    kind = _first_text(by_name, "KIND") or _first_text(by_name, "X-ADDRESSBOOKSERVER-KIND")
    if kind.lower() == "group":
        return SkippedEntry(source, f"Card {card.number} (line {card.line}) is a group of contacts, not a person.")
    name = _name(by_name)
    if not name:
        return SkippedEntry(source, f"Card {card.number} (line {card.line}) has no name (no FN, N or NICKNAME).")
    notes = [values.tidy_notes(values.unescape(p.value)) for p in by_name.get("NOTE", ())]
    return ImportedContact(
        source=source,
        name=name,
        organisation=next((o for o in (_organisation(p) for p in by_name.get("ORG", ())) if o), ""),
        role=_first_text(by_name, "TITLE") or _first_text(by_name, "ROLE"),
        notes="\n\n".join(n for n in notes if n),
        tags=_tags(by_name.get("CATEGORIES", ())),
        details=_details(properties),
    )


def _first_text(by_name: dict[str, list[Property]], name: str) -> str:
    for prop in by_name.get(name, ()):
        text = values.one_line(values.unescape(prop.value))
        if text:
            return text
    return ""


def _name(by_name: dict[str, list[Property]]) -> str:
    """FN; else N's given, additional and family names and suffix (a family name alone will do); else NICKNAME."""
    name = _first_text(by_name, "FN")
    if name:
        return name
    for prop in by_name.get("N", ()):
        parts = [values.one_line(p.replace(",", " ")) for p in values.split_escaped(prop.value, ";")]
        parts += [""] * (5 - len(parts))
        family, given, additional, _prefix, suffix = parts[:5]  # an honorific ("Dr.") is not part of the name
        name = " ".join(p for p in (given, additional, family, suffix) if p)
        if name:
            return name
    for prop in by_name.get("NICKNAME", ()):
        for nickname in values.split_escaped(prop.value, ","):
            if nickname := values.one_line(nickname):
                return nickname
    return ""


def _organisation(prop: Property) -> str:
    return values.organisation(values.split_escaped(prop.value, ";"))


def _tags(properties: Iterable[Property]) -> tuple[str, ...]:
    tags: list[str] = []
    seen: set[str] = set()
    for prop in properties:
        for tag in values.split_escaped(prop.value, ","):
            tag = values.one_line(tag).removeprefix("* ")  # Google's CSV-style "* starred"
            if tag and tag.casefold() not in _NOT_TAGS and tag.casefold() not in seen:
                seen.add(tag.casefold())
                tags.append(tag)
    return tuple(tags)


def _details(properties: list[Property]) -> tuple[ContactDetail, ...]:
    """Every email, phone, web address, location and birthday, in file order, duplicates dropped.

    Two details are the same when their field and value are (emails and web
    addresses ignoring case, phone numbers ignoring spaces and punctuation);
    the first is kept, taking the second's label if it had none.
    """
    apple_labels = {p.group: values.unescape(p.value) for p in properties if p.name == "X-ABLABEL" and p.group}
    adr_groups = {p.group for p in properties if p.name == "ADR" and p.group}
    details: list[ContactDetail] = []
    index_of: dict[tuple[DetailField, str], int] = {}
    for prop in properties:
        field = _DETAIL_FIELDS.get(prop.name)
        if field is None:
            continue
        if prop.name == "X-APPLE-STRUCTURED-LOCATION" and prop.group in adr_groups:
            continue  # the group's ADR says the same place, better
        value = _detail_value(field, prop)
        if not value:
            continue
        label = "" if field is DetailField.BIRTHDAY else _label(prop, apple_labels)
        key = (field, _comparable(field, value))
        if key in index_of:
            kept = details[index_of[key]]
            if not kept.label and label:
                details[index_of[key]] = ContactDetail(field, kept.value, label)
            continue
        index_of[key] = len(details)
        details.append(ContactDetail(field, value, label))
    return tuple(details)


def _detail_value(field: DetailField, prop: Property) -> str:
    if field is DetailField.EMAIL:
        return values.email_address(values.unescape(prop.value))
    if field is DetailField.PHONE:
        return values.phone_number(values.unescape(prop.value))
    if field is DetailField.WEB:
        return values.one_line(values.unescape(prop.value))
    if field is DetailField.BIRTHDAY:
        omit_year = prop.params.get("X-APPLE-OMIT-YEAR")
        return values.birthday(values.unescape(prop.value), omit_year[0] if omit_year else None) or ""
    if prop.name == "ADR":
        return values.address_line(values.split_escaped(prop.value, ";"))
    return values.apple_location(prop.params)


def _label(prop: Property, apple_labels: dict[str, str]) -> str:
    apple_label = apple_labels.get(prop.group) if prop.group else None
    return values.label_from(tuple(prop.params.get("TYPE", ())), prop.bare, apple_label)


def _comparable(field: DetailField, value: str) -> str:
    if field is DetailField.PHONE:
        return _NOT_DIALLED.sub("", value)
    if field in (DetailField.EMAIL, DetailField.WEB):
        return value.casefold()
    return value
