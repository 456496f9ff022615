"""A large JSON file read a piece at a time: its top-level object, and the records of its lists.

An export of a large journal is tens of megabytes; parsed whole it would take
several times that in Python objects.  Here the file is decoded in chunks and
each record is parsed on its own (``JSONDecoder.raw_decode``) and dropped once
used, so memory stays at a few chunks whatever the size of the file.  Any
layout of valid JSON is read, not only the one netjournal writes; every
syntax error carries the line and column of the file where it is.  Where a
list begins is kept as a byte offset, so it can be read again later without
reading what comes before it.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

_CHUNK = 1 << 20  # bytes read at a time
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _ignore(_chunk: bytes) -> None:
    pass


class JsonSyntaxError(ValueError):
    """Not valid JSON at ``line``, ``column`` (both from 1), for the reason ``reason``."""

    def __init__(self, reason: str, line: int, column: int) -> None:
        super().__init__(f"{reason} (line {line}, column {column})")
        self.reason = reason
        self.line = line
        self.column = column


class NotUtf8Error(ValueError):
    """The bytes are not UTF-8 text (a binary file, or text in another encoding)."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where a value starts: its byte offset, and its line and column for messages."""

    offset: int
    line: int
    column: int


class JsonReader:
    """Reads JSON values one after another from ``handle``, starting at ``start``."""

    def __init__(
        self, handle: BinaryIO, start: Place | None = None, *, on_bytes: Callable[[bytes], None] | None = None
    ) -> None:
        start = start or Place(0, 1, 1)
        handle.seek(start.offset)
        self._handle = handle
        self._on_bytes = on_bytes or _ignore  # sees every byte read (for a digest of the file)
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self._text = ""
        self._pos = 0
        self._eof = False
        self._bytes_before = start.offset  # bytes of the file before _text[0]
        self._line, self._column = start.line, start.column  # where _text[0] is

    # -- the buffer --------------------------------------------------------------

    def _more(self) -> None:
        if self._pos > _CHUNK:  # drop what has been read, keeping count of where the rest is
            gone = self._text[: self._pos]
            self._bytes_before += len(gone.encode("utf-8"))
            newlines = gone.count("\n")
            if newlines:
                self._line += newlines
                self._column = len(gone) - gone.rfind("\n")
            else:
                self._column += len(gone)
            self._text = self._text[self._pos :]
            self._pos = 0
        chunk = self._handle.read(_CHUNK)
        self._on_bytes(chunk)
        try:
            self._text += self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            raise NotUtf8Error(str(error)) from None
        self._eof = not chunk

    def _where(self, pos: int) -> tuple[int, int]:
        before = self._text[:pos]
        newlines = before.count("\n")
        if newlines:
            return self._line + newlines, pos - before.rfind("\n")
        return self._line, self._column + pos

    def error(self, reason: str, pos: int | None = None) -> JsonSyntaxError:
        return JsonSyntaxError(reason, *self._where(self._pos if pos is None else pos))

    def place(self) -> Place:
        """Where the next value starts."""
        self.peek()
        return Place(self._bytes_before + len(self._text[: self._pos].encode("utf-8")), *self._where(self._pos))

    # -- reading -------------------------------------------------------------------

    def peek(self) -> str:
        """The next character that is not whitespace, without taking it ("" at the end of the file)."""
        while True:
            self._pos = _WHITESPACE.match(self._text, self._pos).end()  # type: ignore[union-attr]
            if self._pos < len(self._text):
                return self._text[self._pos]
            if self._eof:
                return ""
            self._more()

    def take(self, expected: str, what: str) -> None:
        if self.peek() != expected:
            raise self.error(f"Expecting {what}")
        self._pos += 1

    def skip_bom(self) -> None:
        if not self._text and not self._eof:
            self._more()
        if self._text.startswith("\ufeff"):
            self._pos = 1

    def value(self) -> object:
        """The next whole value (an object, a list, a string, a number, true, false or null)."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self._text, self._pos)
            except json.JSONDecodeError as failure:
                if self._eof:
                    raise self.error(failure.msg, failure.pos) from None
                self._more()  # perhaps only cut off at the end of the chunk
                continue
            # A number or a word may go on in the next chunk ("12" of "123").
            if end == len(self._text) and not self._eof and not isinstance(value, dict | list | str):
                self._more()
                continue
            self._pos = end
            return value

    def key(self) -> str:
        if self.peek() != '"':
            raise self.error("Expecting property name enclosed in double quotes")
        return str(self.value())

    def items(self) -> Iterator[object]:
        """Each value of the list that comes next, parsed one at a time."""
        self.take("[", "'['")
        if self.peek() == "]":
            self._pos += 1
            return
        while True:
            yield self.value()
            following = self.peek()
            if following == "]":
                self._pos += 1
                return
            if following != ",":
                raise self.error("Expecting ',' delimiter")
            self._pos += 1

    def at_end(self) -> bool:
        return self.peek() == ""
