"""The Python distributions netjournal runs on: its requirements, theirs, and so on, as installed here.

Read from the installed metadata (``importlib.metadata``), honouring each requirement's
environment marker (PEP 508) for this Python and platform, and the extras a requirement
asks for; a package's own optional extras are left out. Markers are evaluated here,
without the ``packaging`` library, which netjournal does not depend on. No Qt here.
"""

from __future__ import annotations

import os
import platform
import re
import sys
from collections.abc import Mapping
from importlib import metadata

_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_TOKEN = re.compile(
    r"""\s*(?:(?P<string>'[^']*'|"[^"]*")|(?P<op>===|==|!=|<=|>=|~=|<|>|\(|\)|not\s+in\b|in\b)"""
    r"""|(?P<word>[A-Za-z_][A-Za-z0-9_.]*))"""
)
_VERSION = re.compile(r"\d+(?:\.\d+)*")
_VERSION_OPS = frozenset({"<", "<=", ">", ">=", "~=", "==", "!="})


def canonical(name: str) -> str:
    """A distribution's name as PEP 503 compares them: ``jaraco.classes`` and ``Jaraco_Classes`` are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def environment() -> dict[str, str]:
    """The marker variables of this interpreter and platform (PEP 508), ``extra`` left out."""
    implementation = sys.implementation.version
    implementation_version = f"{implementation.major}.{implementation.minor}.{implementation.micro}"
    if implementation.releaselevel != "final":
        implementation_version += implementation.releaselevel[0] + str(implementation.serial)
    return {
        "os_name": os.name,
        "sys_platform": sys.platform,
        "platform_machine": platform.machine(),
        "platform_python_implementation": platform.python_implementation(),
        "platform_release": platform.release(),
        "platform_system": platform.system(),
        "platform_version": platform.version(),
        "python_version": ".".join(platform.python_version_tuple()[:2]),
        "python_full_version": platform.python_version(),
        "implementation_name": sys.implementation.name,
        "implementation_version": implementation_version,
    }


def _version(text: str) -> tuple[int, ...] | None:
    found = _VERSION.match(text.strip())
    return tuple(int(part) for part in found.group().split(".")) if found else None


def _compare(left: str, op: str, right: str) -> bool:
    if op == "in":
        return left in right
    if op == "not in":
        return left not in right
    if op == "===":
        return left == right
    one, other = _version(left), _version(right)
    if op in _VERSION_OPS and one is not None and other is not None:
        width = max(len(one), len(other))
        a, b = one + (0,) * (width - len(one)), other + (0,) * (width - len(other))
        if op == "~=":  # compatible release: at least `right`, within its last-but-one segment
            return a >= b and one[: len(other) - 1] == other[: len(other) - 1]
        return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "==": a == b, "!=": a != b}[op]
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    return False


class _Marker:
    """A recursive-descent reading of one marker: ``or`` of ``and`` of comparisons and parentheses."""

    def __init__(self, text: str, variables: Mapping[str, str]) -> None:
        self.tokens = self._tokens(text)
        self.variables = variables
        self.at = 0

    @staticmethod
    def _tokens(text: str) -> list[tuple[str, str]]:
        tokens: list[tuple[str, str]] = []
        at = 0
        while text[at:].strip():
            found = _TOKEN.match(text, at)
            if found is None or found.lastgroup is None:
                raise ValueError(f"cannot read the marker {text!r}")
            value = found.group(found.lastgroup)
            tokens.append((found.lastgroup, re.sub(r"\s+", " ", value) if found.lastgroup == "op" else value))
            at = found.end()
        return tokens

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _take(self) -> tuple[str, str]:
        token = self._peek()
        if token is None:
            raise ValueError("the marker ends too soon")
        self.at += 1
        return token

    def evaluate(self) -> bool:
        result = self._or()
        if self._peek() is not None:
            raise ValueError(f"unexpected {self._peek()} in the marker")
        return result

    def _or(self) -> bool:
        result = self._and()
        while self._peek() == ("word", "or"):
            self._take()
            result = self._and() or result
        return result

    def _and(self) -> bool:
        result = self._comparison()
        while self._peek() == ("word", "and"):
            self._take()
            result = self._comparison() and result
        return result

    def _comparison(self) -> bool:
        if self._peek() == ("op", "("):
            self._take()
            result = self._or()
            if self._take() != ("op", ")"):
                raise ValueError("a parenthesis is not closed in the marker")
            return result
        left = self._value()
        kind, op = self._take()
        if kind != "op" or op in "()":
            raise ValueError(f"expected a comparison, found {op!r}")
        return _compare(left, op, self._value())

    def _value(self) -> str:
        kind, text = self._take()
        if kind == "string":
            return text[1:-1]
        if kind == "word" and text in self.variables:
            return self.variables[text]
        raise ValueError(f"unknown marker variable {text!r}")


def marker_holds(marker: str, extras: frozenset[str] = frozenset(), variables: Mapping[str, str] | None = None) -> bool:
    """Whether ``marker`` is true here, for a requirement asked for with ``extras`` (none: its own extras are out)."""
    base = dict(environment() if variables is None else variables)
    return any(_Marker(marker, {**base, "extra": canonical(extra)}).evaluate() for extra in ("", *sorted(extras)))


def _requirements(name: str, extras: frozenset[str]) -> list[tuple[str, frozenset[str]]]:
    found: list[tuple[str, frozenset[str]]] = []
    for line in metadata.requires(name) or []:
        requirement, _, marker = line.partition(";")
        parsed = _REQUIREMENT.match(requirement)
        if parsed is None or (marker.strip() and not marker_holds(marker, extras)):
            continue
        wanted = frozenset(canonical(extra.strip()) for extra in (parsed.group(2) or "").split(",") if extra.strip())
        found.append((parsed.group(1), wanted))
    return found


def closure(root: str = "netjournal") -> list[str]:
    """The installed distributions ``root`` needs here, by their metadata names, nearest first; ``root`` not included.

    A requirement that is not installed is left out (nothing of it can be bundled or loaded).
    Raises ``PackageNotFoundError`` when ``root`` itself is not installed.
    """
    metadata.distribution(root)
    names: dict[str, str] = {}  # canonical -> as its metadata spells it
    asked: dict[str, frozenset[str]] = {canonical(root): frozenset()}
    pending = [(root, frozenset[str]())]
    while pending:
        name, extras = pending.pop(0)
        for requirement, wanted in _requirements(name, extras):
            key = canonical(requirement)
            if key in asked and wanted <= asked[key]:
                continue
            try:
                spelled = metadata.distribution(requirement).metadata["Name"] or requirement
            except metadata.PackageNotFoundError:
                continue
            names.setdefault(key, spelled)
            asked[key] = asked.get(key, frozenset()) | wanted
            pending.append((requirement, asked[key]))
    return list(names.values())
