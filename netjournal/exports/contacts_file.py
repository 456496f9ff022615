"""Contacts as a vCard file where the user chose: written whole or not at all, never over another file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from netjournal.exports.atomic import write_atomically
from netjournal.services.contact_export import export_contacts, known_tag
from netjournal.services.journal import Journal
from netjournal.store.errors import JournalError


def write_contacts_file(journal: Journal, destination: Path, *, tag: str | None = None) -> tuple[Path, int]:
    """Write everyone (or everyone with ``tag``) to ``destination``; returns where, and how many cards."""
    from netjournal.exports.vcard_export import write_vcards

    if tag is not None and not known_tag(journal, tag):
        raise JournalError(f"Nobody has the tag “{tag}”; nothing was written.")
    _refuse_to_overwrite_anything_but_vcards(destination.expanduser(), journal.path)
    counted: list[int] = []

    def write(handle: BinaryIO) -> None:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        counted.append(write_vcards(export_contacts(journal, tag=tag), text))
        text.flush()
        text.detach()  # the caller flushes, syncs and closes the file itself

    written = write_atomically(destination, write)
    return written, counted[0]


def _refuse_to_overwrite_anything_but_vcards(destination: Path, journal: Path) -> None:
    """An earlier vCard export may be replaced; the journal, or any other file, never."""
    if not destination.is_file():
        return
    if journal.exists() and destination.samefile(journal):
        raise JournalError("That file is the journal itself; choose another name for the export.")
    with destination.open("rb") as handle:
        start = handle.read(64).lstrip(b"\xef\xbb\xbf").lstrip()
    if start and not start.upper().startswith(b"BEGIN:VCARD"):
        raise JournalError(
            f"{destination} exists and is not a vCard file; choose another name. Nothing was overwritten."
        )
