"""CSV records with the line each starts on, within limits a contacts file never reaches.

The csv module's own errors ("unexpected end of data", "field larger than
field limit (131072)") say neither the file nor the line; every error here
is an ``ImportFileError`` sentence that says both.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from netjournal.imports.contacts import ImportFileError

# Google's and Outlook's exports have 80 to 200 columns; 10,000 is a hostile or broken file.
MAX_COLUMNS = 1_000
# The longest honest field is a note; a megabyte of one is a missing quote swallowing the file.
MAX_FIELD_CHARS = 1024 * 1024
DELIMITERS = ",;\t|"
_SNIFF_CHARS = 32 * 1024
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


@dataclass(frozen=True, slots=True)
class CsvRecord:
    """One record's fields and the physical line of the file it starts on (1-based)."""

    line: int
    fields: list[str]

    @property
    def is_blank(self) -> bool:
        return not any(field.strip() for field in self.fields)


def normalise_header(header: str) -> str:
    """A column name as compared: case, spacing and the hyphen of "E-mail" do not matter."""
    folded = " ".join(header.replace("\ufeff", "").replace("_", " ").casefold().split())
    return re.sub(r"\be-mail", "email", folded)


def clean_cell(value: str) -> str:
    """A field's text with outer spaces gone and the file's line ends made plain newlines."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.strip()


def sniff_delimiter(text: str) -> str:
    """The delimiter of ``text``: csv.Sniffer's answer if the header line agrees, else the header's commonest."""
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # whole lines only, or the last one looks ragged
    header = next((line for line in sample.splitlines() if line.strip()), "")
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed and counts.get(sniffed, 0) > 0:
        return sniffed
    commonest = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return commonest if counts[commonest] else ","


def delimiter_name(delimiter: str) -> str:
    return _DELIMITER_NAMES.get(delimiter, repr(delimiter))


def read_records(text: str, path: Path, delimiter: str = ",") -> Iterator[CsvRecord]:
    """Every record of ``text`` in order, blank ones included; raises ``ImportFileError`` on broken CSV."""
    # The limit is process-wide; it is only ever raised, so another reader is never cut short.
    if csv.field_size_limit() < MAX_FIELD_CHARS + 1:
        csv.field_size_limit(MAX_FIELD_CHARS + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=True)
    start = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _broken_csv(path, text, start, reader.line_num, delimiter, error) from error
        if len(fields) > MAX_COLUMNS:
            raise ImportFileError(
                f"In {path}, line {start} has {len(fields):,} columns; a contacts file has at most {MAX_COLUMNS:,}."
            )
        if any(len(field) > MAX_FIELD_CHARS for field in fields):
            raise _field_too_long(path, text, start, reader.line_num, delimiter)
        yield CsvRecord(start, fields)
        start = reader.line_num + 1


def _broken_csv(path: Path, text: str, start: int, line: int, delimiter: str, error: csv.Error) -> ImportFileError:
    message = str(error)
    if message.startswith("field larger than field limit"):
        return _field_too_long(path, text, start, line, delimiter)
    if message.startswith("unexpected end of data"):
        opened = _unclosed_quote_line(text, start, line, delimiter) or start
        return ImportFileError(
            f"In {path}, the quoted field that starts on line {opened} is never closed: the file ends inside it, "
            "so it was probably cut short. Export it again."
        )
    return ImportFileError(
        f"In {path}, line {line} is not valid CSV: text follows a closing quote before the next "
        f"{delimiter_name(delimiter)}. Check that line's quotes, or export the file again."
    )


def _field_too_long(path: Path, text: str, start: int, line: int, delimiter: str) -> ImportFileError:
    limit = f"{MAX_FIELD_CHARS // (1024 * 1024)} MB"
    opened = _unclosed_quote_line(text, start, line, delimiter)
    if opened is not None:
        return ImportFileError(
            f"In {path}, the quoted field that starts on line {opened} runs on for more than {limit}; "
            "its closing quote is probably missing."
        )
    return ImportFileError(f"In {path}, line {start} has a field longer than {limit}, more than a contact's field.")


def _unclosed_quote_line(text: str, start: int, end: int, delimiter: str) -> int | None:
    """The line where a quoted field left open at line ``end`` began, scanning from the record's first line."""
    in_quotes = False
    opened: int | None = None
    for number, line in enumerate(io.StringIO(text, newline=""), 1):
        if number < start:
            continue
        if number > end:
            break
        if '"' not in line:
            continue  # neither opens nor closes a quote: the state carries over
        at_field_start = True  # a line outside quotes starts a record; inside, it does not matter
        index = 0
        while index < len(line):
            char = line[index]
            if in_quotes:
                if char == '"':
                    if line.startswith('"', index + 1):
                        index += 1  # a doubled quote is a quote inside the field
                    else:
                        in_quotes = False
            elif char == '"' and at_field_start:
                in_quotes, opened = True, number
            at_field_start = not in_quotes and char in (delimiter, "\r", "\n")
            index += 1
    return opened if in_quotes else None
