"""Invented contacts files for tests and benchmarks: deterministic, no real people.

``many_vcards(8000)`` is the realistic large file the speed target is about:
a mix of Apple, Google and Outlook cards with several emails, phones, web
addresses, an address, a birthday, a note and categories; every tenth card
carries a small folded base64 photo.  ``binary_bytes()`` is how
``tests/fixtures/contacts/binary.vcf`` was made.
"""

from __future__ import annotations

import base64
import random

_GIVEN = ("Ana", "Marek", "Chiara", "Kwame", "Yui", "Henrik", "Élodie", "Jürgen", "Sade", "Priya", "Oskar", "Inês")
_FAMILY = ("Ferreira", "Nowak", "Bellandi", "Asante", "Tanaka", "Lindqvist", "Bérard", "Müller", "Okonkwo", "Rao")
_ORGS = ("Cobalto Analytics", "Brightline Robotics", "Meridian Health", "Nordvik Shipping", "Straßenbau Nord")
_CITIES = (
    ("Lisboa", "", "Portugal"),
    ("Warszawa", "mazowieckie", "Poland"),
    ("Accra", "", "Ghana"),
    ("Kyoto", "", "Japan"),
)
_TITLES = ("Engineer", "Head of Partnerships", "Founder", "Researcher", "Sales Director")


def _fold(line: str) -> str:
    """A content line folded at 75 characters (all of these lines are ASCII where they fold)."""
    pieces = [line[:75]] + [" " + line[i : i + 74] for i in range(75, len(line), 74)]
    return "\r\n".join(pieces)


def _photo(rng: random.Random) -> str:
    return _fold("PHOTO;ENCODING=b;TYPE=JPEG:" + base64.b64encode(rng.randbytes(1500)).decode("ascii"))


def _apple(i: int, rng: random.Random, given: str, family: str) -> list[str]:
    city, region, country = rng.choice(_CITIES)
    return [
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//macOS 14.5//EN",
        f"N:{family};{given};;;",
        f"FN:{given} {family}",
        f"ORG:{rng.choice(_ORGS)};Research",
        f"TITLE:{rng.choice(_TITLES)}",
        f"item1.EMAIL;type=INTERNET;type=pref:{given.lower()}.{i}@example.com",
        f"item2.EMAIL;type=INTERNET:{family.lower()}{i}@work.example",
        "item2.X-ABLabel:_$!<Other>!$_",
        f"TEL;type=CELL;type=VOICE;type=pref:+351 91{i % 10} {i:06d}",
        f"item3.ADR;type=WORK;type=pref:;;Rua Augusta {i % 200};{city};{region};1100-053;{country}",
        f"item4.URL;type=pref:https\\://example.com/{i}",
        "item4.X-ABLabel:_$!<HomePage>!$_",
        f"BDAY;X-APPLE-OMIT-YEAR=1604:1604-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
        f"NOTE:Met at a conference\\, {2000 + i % 24}.\\nFollow up about the pilot.",
        f"X-ABUID:{i:08X}-0000-0000-0000-000000000000:ABPerson",
    ]


def _google(i: int, rng: random.Random, given: str, family: str) -> list[str]:
    city, region, country = rng.choice(_CITIES)
    return [
        "VERSION:3.0",
        f"FN:{given} {family}",
        f"N:{family};{given};;;",
        f"EMAIL;TYPE=INTERNET;TYPE=WORK:{given.lower()}{i}@brightline.example",
        f"EMAIL;TYPE=INTERNET;TYPE=HOME:{family.lower()}.{i}@example.org",
        f"TEL;TYPE=CELL:+48 601 {i:06d}",
        f"TEL;TYPE=WORK:+48 22 555 {i % 100:02d} 02",
        f"ADR;TYPE=WORK:;;ul. Prosta {i % 90};{city};{region};00-850;{country}",
        f"ORG:{rng.choice(_ORGS)}",
        f"TITLE:{rng.choice(_TITLES)}",
        f"BDAY:--{i % 12 + 1:02d}{i % 28 + 1:02d}",
        f"item1.URL:https\\://github.com/user{i}",
        "item1.X-ABLabel:GitHub",
        "CATEGORIES:myContacts,Clients",
        _fold(
            f"NOTE:Introduced by a colleague in {2000 + i % 24}. Building warehouse robots\\; wants pilot customers."
        ),
    ]


def _outlook(i: int, rng: random.Random, given: str, family: str) -> list[str]:
    def qp(text: str) -> str:
        return "".join(c if c.isascii() and c not in "=;" else "".join(f"={b:02X}" for b in c.encode()) for c in text)

    city, _region, country = rng.choice(_CITIES)
    return [
        "VERSION:2.1",
        f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(family)};{qp(given)}",
        f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(given)} {qp(family)}",
        f"ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(rng.choice(_ORGS))};Vertrieb",
        f"TITLE:{rng.choice(_TITLES)}",
        f"TEL;WORK;VOICE:+49 40 {i:07d}",
        f"TEL;CELL;PREF:+49 170 {i:07d}",
        f"ADR;WORK;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;Hafenstra=C3=9Fe {i % 50};{qp(city)};;20457;{country}",
        f"EMAIL;PREF;INTERNET:{given.lower()}.{i}@strassenbau.example",
        f"URL;WORK:http://www.example.de/{i}",
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Kennengelernt auf der Messe in K=C3=B6ln. Sehr hilfsbereit =",
        "bei Ausschreibungen.",
        f"BDAY:{1950 + i % 50}{i % 12 + 1:02d}{i % 28 + 1:02d}",
        "REV:20240101T120000Z",
    ]


def many_vcards(n: int, *, seed: int = 8000) -> str:
    """``n`` invented cards as one vCard file's text (CRLF line ends), the same text for the same arguments."""
    rng = random.Random(seed)
    styles = (_apple, _google, _outlook)
    cards: list[str] = []
    for i in range(n):
        given, family = rng.choice(_GIVEN), rng.choice(_FAMILY)
        lines = ["BEGIN:VCARD", *styles[i % 3](i, rng, given, family)]
        if i % 10 == 0:
            lines.append(_photo(rng))
        lines.append("END:VCARD")
        cards.append("\r\n".join(lines))
    return "\r\n".join(cards) + "\r\n"


def binary_bytes(size: int = 3072, *, seed: int = 21) -> bytes:
    """A picture's worth of random-looking bytes (NULs included) under a JPEG header: a file that is not text."""
    rng = random.Random(seed)
    body = bytearray(rng.randbytes(size))
    body[100:104] = b"\x00\x00\x00\x00"  # a NUL whatever the seed gives
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(body)
