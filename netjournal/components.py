"""The software netjournal is built from, with each part's licence: for the About box and the bundle.

One list, read by the About box (names, versions, licences) and by ``netjournal.spec``,
which copies each Python package's metadata and licence files into the bundle and
writes ``licences.txt`` from them (``licence_texts``). No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

# Written into the bundle by netjournal.spec; absent when netjournal runs from source.
LICENCES_FILE = "licences.txt"


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    licence: str  # an SPDX expression
    distribution: str | None  # the Python distribution that carries it, for its version and licence files
    part_of: str = ""  # for a library compiled into a package: which one

    def version(self) -> str:
        if self.distribution is None or self.part_of:
            return ""
        try:
            return metadata.version(self.distribution)
        except metadata.PackageNotFoundError:
            return ""


COMPONENTS: tuple[Component, ...] = (
    Component("Python", "PSF-2.0", None),
    Component("Qt 6", "LGPL-3.0-only", "PySide6-Essentials", part_of="PySide6"),
    Component("PySide6 (Qt for Python)", "LGPL-3.0-only", "PySide6-Essentials"),
    Component("shiboken6", "LGPL-3.0-only", "shiboken6"),
    Component("SQLCipher", "BSD-3-Clause", "sqlcipher3", part_of="sqlcipher3"),
    Component("SQLite", "blessing", "sqlcipher3", part_of="sqlcipher3"),
    Component("sqlcipher3", "Zlib", "sqlcipher3"),
    Component("peewee", "MIT", "peewee"),
    Component("keyring", "MIT", "keyring"),
    Component("SecretStorage", "BSD-3-Clause", "SecretStorage"),
    Component("jeepney", "MIT", "jeepney"),
    Component("cryptography", "Apache-2.0 OR BSD-3-Clause", "cryptography"),
    Component("cffi", "MIT-0", "cffi"),
    Component("platformdirs", "MIT", "platformdirs"),
    Component("zxcvbn", "MIT", "zxcvbn"),
    Component("vobject", "Apache-2.0", "vobject"),
    Component("python-dateutil", "BSD-3-Clause", "python-dateutil"),
    Component("pytz", "MIT", "pytz"),
    Component("six", "MIT", "six"),
    Component("tzdata", "Apache-2.0", "tzdata"),
    Component("charset-normalizer", "MIT", "charset-normalizer"),
    Component("jaraco.classes", "MIT", "jaraco.classes"),
    Component("jaraco.context", "MIT", "jaraco.context"),
    Component("jaraco.functools", "MIT", "jaraco.functools"),
    Component("more-itertools", "MIT", "more-itertools"),
)


def distributions() -> list[str]:
    """The Python distributions the list names, each once, in order (for the bundle's metadata)."""
    seen: list[str] = []
    for component in COMPONENTS:
        if component.distribution and component.distribution not in seen:
            seen.append(component.distribution)
    return seen


def _licence_files(distribution: str) -> list[tuple[str, str]]:
    try:
        found = metadata.distribution(distribution)
    except metadata.PackageNotFoundError:
        return []
    texts: list[tuple[str, str]] = []
    for path in found.files or []:
        name = path.name.lower()
        if ".dist-info" in str(path) and name.startswith(("licen", "copying", "notice")):
            data = Path(path.locate()).read_bytes()
            texts.append((str(path), data.decode("utf-8", errors="replace")))
    return texts


def licence_texts() -> str:
    """Every component with its licence, then the licence files its distribution carries, as one text."""
    lines = ["netjournal is MIT-licensed. It is built from these parts, under these licences:", ""]
    for component in COMPONENTS:
        version = component.version()
        inside = f", inside {component.part_of}" if component.part_of else ""
        lines.append(f"  {component.name} {version}".rstrip() + f": {component.licence}{inside}")
    lines += [
        "",
        "Qt and PySide6 are used under the GNU Lesser General Public License version 3, as shared libraries",
        "in the bundle's folder, which can be replaced by other builds of the same version.",
    ]
    for distribution in distributions():
        for path, text in _licence_files(distribution):
            lines += ["", "=" * 78, f"{distribution}: {path}", "=" * 78, text.rstrip()]
    return "\n".join(lines) + "\n"


def shipped_licences() -> str | None:
    """The licence texts the bundle carries, or None when running from source."""
    try:
        return resources.files("netjournal.resources").joinpath(LICENCES_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
