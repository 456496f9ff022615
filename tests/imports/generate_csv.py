"""Realistic contacts exports of any size, for tests and benchmarks (invented people only)."""

from __future__ import annotations

import datetime as dt
import random

LINKEDIN_PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or download "
    "their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
    'You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\r\n'
    "\r\n"
)
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
LINKEDIN_FIRST_DATA_LINE = 5  # after the three preamble lines and the header

_FIRST = ("Amara", "Tomasz", "Priya", "Jonas", "Inês", "Kwame", "Saoirse", "Yuki", "Rafael", "Hannah", "Zoë", "Chen")
_LAST = ("Okafor", "Wielgus", "Raman", "Lindqvist", "Duarte", "Mensah", "O'Connell", "Tanaka", "Ortiz", "Berg")
_COMPANIES = ("Northwind Freight", "Brightwater Analytics, Inc.", "Kestrel Bio", "Fernhill & Partners, LLP")
_POSITIONS = ("Engineer", "Head of Data", "Director, Operations", "Founder", "Product Manager", "Analyst")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _quoted(value: str) -> str:
    return f'"{value}"' if "," in value or '"' in value else value


def many_linkedin(n: int, *, seed: int = 1) -> str:
    """A LinkedIn Connections.csv with ``n`` connections: BOM, preamble, CRLF, mostly empty emails, quoted commas.

    Row ``i`` (from 0) is on line ``LINKEDIN_FIRST_DATA_LINE + i`` and is named ``"<first> <last> <i>"``.
    """
    rng = random.Random(seed)
    start = dt.date(2012, 1, 1)
    lines = ["\ufeff", LINKEDIN_PREAMBLE, LINKEDIN_HEADER]
    for index in range(n):
        first = rng.choice(_FIRST)
        last = f"{rng.choice(_LAST)} {index}"
        slug = f"{first}-{last}".casefold().replace(" ", "-").replace("'", "")
        email = f"{slug}@example.com" if rng.random() < 0.15 else ""  # most members hide their address
        connected = start + dt.timedelta(days=rng.randrange(4000))
        fields = (
            first,
            last,
            f"https://www.linkedin.com/in/{slug}",
            email,
            _quoted(rng.choice(_COMPANIES)),
            _quoted(rng.choice(_POSITIONS)),
            f"{connected.day:02d} {_MONTHS[connected.month - 1]} {connected.year}",
        )
        lines.append(",".join(fields) + "\r\n")
    return "".join(lines)
