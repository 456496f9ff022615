"""What every contacts parser produces: plain records, and the error for an unreadable file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from netjournal.domain import ContactDetail
from netjournal.store.errors import JournalError

# A contacts file is text of a few megabytes (8,000 cards with photos are
# ~60 MB); anything larger is refused before it is read into memory.
MAX_FILE_BYTES = 256 * 1024 * 1024


class ImportFileError(JournalError):
    """A file that cannot be imported; ``str()`` names the file and, where it applies, the line or card."""


@dataclass(frozen=True, slots=True)
class ImportedContact:
    """One person as a contacts file describes them, cleaned up but not yet matched."""

    source: str  # where in the file: "card 12", "line 40", for messages and the preview
    name: str  # whitespace collapsed; never empty (a nameless entry is skipped instead)
    organisation: str = ""
    role: str = ""
    notes: str = ""
    met_on: dt.date | None = None  # LinkedIn's "Connected On"
    tags: tuple[str, ...] = ()
    details: tuple[ContactDetail, ...] = ()


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """An entry the parser could not turn into a person, and why (a sentence)."""

    source: str
    reason: str


@dataclass(slots=True)
class ParsedContacts:
    """Everything one file holds: the contacts in file order, and what was skipped."""

    path: Path
    format: str  # "vcard", "linkedin", "csv"
    contacts: list[ImportedContact] = field(default_factory=list)
    skipped: list[SkippedEntry] = field(default_factory=list)
    encoding: str = ""  # the codec a CSV file was read with, for the preview; "" when the format says its own
