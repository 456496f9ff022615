"""Which kind of file an import was given: decided by what it holds, with its name as a hint."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from netjournal.imports.contacts import ImportFileError, ParsedContacts
from netjournal.imports.text_file import utf16_without_bom

FORMATS = ("json", "vcard", "linkedin", "csv")
_SAMPLE = 64 * 1024


def _start(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            sample = handle.read(_SAMPLE)
    except FileNotFoundError:
        raise ImportFileError(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder; give a contacts file or a netjournal export.") from None
    except OSError as error:
        raise ImportFileError(f"{path} could not be read: {error.strerror or error}.") from None
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if sample.startswith(bom):
            return sample[len(bom) :].decode(encoding, errors="replace")
    return sample.decode(utf16_without_bom(sample) or "utf-8", errors="replace")


def detect_format(path: Path) -> str:
    """``json``, ``vcard``, ``linkedin`` or ``csv``; an ``ImportFileError`` when it is none of them."""
    text = _start(path)
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return "json"
    if stripped[:11].upper() == "BEGIN:VCARD":
        return "vcard"
    head = [line.strip().casefold() for line in stripped.splitlines()[:25]]
    if any(line.startswith("notes:") for line in head[:3]) or any(
        "first name" in line and "last name" in line and "connected on" in line for line in head
    ):
        return "linkedin"
    suffix = path.suffix.casefold()
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    if suffix == ".json":
        return "json"
    if suffix in (".csv", ".tsv", ".txt") or "," in text or ";" in text or "\t" in text or "\x00" in text:
        return "csv"  # binary data included: the CSV reader says what the file looks like instead
    raise ImportFileError(
        f"{path} does not look like a vCard, CSV or netjournal export file; name its kind with --format."
    )


def read_contacts(path: Path, file_format: str, mapping: Mapping[str, str] | None = None) -> ParsedContacts:
    """Parse a contacts file of the given format (not ``json``: that is a journal, not contacts)."""
    if file_format == "vcard":
        from netjournal.imports.vcard import read_vcards

        return read_vcards(path)
    if file_format == "linkedin":
        from netjournal.imports.linkedin import read_linkedin

        return read_linkedin(path)
    if file_format == "csv":
        from netjournal.imports.csv_contacts import read_csv_contacts

        return read_csv_contacts(path, mapping)
    raise ValueError(file_format)
