"""Reading a contacts file's text: size limit, binary refusal, and the encoding it was saved in.

CSV files do not say how they are encoded.  Exporters differ: LinkedIn and
Google write UTF-8 (LinkedIn with a BOM), Excel's "Unicode Text" writes
UTF-16, and Outlook on a Western Windows writes cp1252.  The order below is
from certain to guessed: a byte-order mark, then strict UTF-8 (which random
single-byte text almost never passes), then charset-normalizer's guess.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from netjournal.imports import contacts
from netjournal.imports.contacts import ImportFileError

# Longest BOM first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Files people mistake for CSV, so the refusal can say what to do instead.
_WORKBOOK_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a spreadsheet workbook or a compressed archive"),
    (b"\xd0\xcf\x11\xe0", "an old Excel workbook"),
)

# charset-normalizer's chaos score above which its guess is noise (its own default cut-off).
_MAX_CHAOS = 0.2
# Western single-byte code pages are indistinguishable on a few accented names, and
# charset-normalizer then picks among ties (cp1250, cp1257, ...) by luck; a tie
# that includes cp1252 goes to cp1252, what Outlook and Excel write on Western Windows.
_TIE_MARGIN = 0.01
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15"})
_SAMPLE_BYTES = 4096  # enough of the start to see UTF-16's zero bytes


@dataclass(frozen=True, slots=True)
class FileText:
    """A file's decoded text and the codec it was decoded with (shown in the import preview)."""

    text: str
    encoding: str  # a Python codec name: "utf-8", "utf-8-sig", "utf-16-le", "cp1252", ...


def read_text_file(path: Path) -> FileText:
    """Read ``path`` as text, or raise ``ImportFileError`` saying why it cannot be imported."""
    data = _read_bytes(path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _decode_declared(path, data[len(bom) :], encoding)
            return FileText(text, "utf-8-sig" if bom == codecs.BOM_UTF8 else encoding)
    if b"\x00" in data:
        utf16 = utf16_without_bom(data)
        if utf16 is None:
            raise _not_text(path, data)
        return FileText(_decode_declared(path, data, utf16), utf16)
    try:
        return FileText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    guessed = _guess_encoding(data)
    if guessed is None:
        raise ImportFileError(
            f"Could not tell which encoding {path} was saved in: it is not UTF-8, and no other encoding reads "
            "it as sensible text. Open it in a spreadsheet or text editor and save it again as UTF-8."
        )
    return guessed


def _read_bytes(path: Path) -> bytes:
    limit = contacts.MAX_FILE_BYTES  # looked up at each call so tests can lower it
    try:
        size = path.stat().st_size
        if size > limit:
            raise ImportFileError(_too_large(path, size, limit))
        with path.open("rb") as stream:
            data = stream.read(limit + 1)  # the file may have grown since stat
    except OSError as error:
        reason = error.strerror or str(error)
        raise ImportFileError(f"Could not read {path}: {reason}.") from error
    if len(data) > limit:
        raise ImportFileError(_too_large(path, len(data), limit))
    return data


def _too_large(path: Path, size: int, limit: int) -> str:
    return (
        f"{path} is {_megabytes(size)}, larger than the {_megabytes(limit)} a contacts file can be; "
        "export fewer contacts at a time."
    )


def _megabytes(size: int) -> str:
    megabyte = 1024 * 1024
    return f"{size / megabyte:,.1f} MB" if size >= megabyte else f"{size:,} bytes"


def _decode_declared(path: Path, data: bytes, encoding: str) -> str:
    """Decode with an encoding the file itself declares (a BOM, or UTF-16's unmistakable zeros)."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count("\n".encode(encoding)) + 1
        raise ImportFileError(
            f"{path} is marked as {_encoding_name(encoding)}, but line {line} is not valid "
            f"{_encoding_name(encoding)}. Open it in a spreadsheet or text editor and save it again as UTF-8."
        ) from error
    if "\x00" in text:
        raise _not_text(path, data)
    return text


def _encoding_name(encoding: str) -> str:
    return encoding.removesuffix("-le").removesuffix("-be").upper()


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM, recognised by its zero high bytes: CSV punctuation and digits are ASCII."""
    sample = data[:_SAMPLE_BYTES]
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    if zeros_odd >= 0.3 * pairs and zeros_even <= 0.01 * pairs:
        return "utf-16-le"
    if zeros_even >= 0.3 * pairs and zeros_odd <= 0.01 * pairs:
        return "utf-16-be"
    return None


def _not_text(path: Path, data: bytes) -> ImportFileError:
    for magic, what in _WORKBOOK_MAGIC:
        if data.startswith(magic):
            return ImportFileError(
                f"{path} is not a text file; it looks like {what}. "
                "Open it in the spreadsheet and save it as CSV, then import that file."
            )
    return ImportFileError(f"{path} is not a text file; it holds binary data, so it cannot be a contacts export.")


def _guess_encoding(data: bytes) -> FileText | None:
    matches = [match for match in charset_normalizer.from_bytes(data) if match.chaos <= _MAX_CHAOS]
    if not matches:
        return None
    best = min(match.chaos for match in matches)
    tied: set[str] = set()
    for match in matches:
        if match.chaos <= best + _TIE_MARGIN:
            tied.add(match.encoding)
            tied.update(match.could_be_from_charset)
    candidates = (["cp1252"] if tied & _WESTERN else []) + [match.encoding for match in matches]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _is_plain_text(text):
            return FileText(text, encoding)
    return None


def _is_plain_text(text: str) -> bool:
    """No control characters but line ends and tabs: a wrong single-byte guess shows up as C1 controls."""
    return not any(unicodedata.category(char) == "Cc" and char not in "\t\n\r" for char in set(text))
