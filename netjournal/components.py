"""The software netjournal is built from, with each part's licence: for the About box and the bundle.

One list, read by the About box (names, versions, licences) and by ``netjournal.spec``,
which copies each Python package's metadata and licence files into the bundle and
writes ``licences.txt`` from them (``licence_texts``). The Python packages are the
installed dependency closure of netjournal (``dependency_closure``), so a package a
dependency brings in (importlib_metadata for keyring on Python 3.11, say) is listed as
soon as it is bundled; ``LICENCES`` gives each its licence, and a test checks that none is
missing. No Qt here.
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from netjournal.dependency_closure import canonical, closure

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


# Each distribution netjournal may run on (on some platform), by canonical name: its licence (SPDX).
LICENCES: dict[str, str] = {
    "pyside6-essentials": "LGPL-3.0-only",
    "shiboken6": "LGPL-3.0-only",
    "sqlcipher3": "Zlib",
    "peewee": "MIT",
    "keyring": "MIT",
    "secretstorage": "BSD-3-Clause",
    "jeepney": "MIT",
    "cryptography": "Apache-2.0 OR BSD-3-Clause",
    "cffi": "MIT-0",
    "pycparser": "BSD-3-Clause",
    "importlib-metadata": "Apache-2.0",
    "zipp": "MIT",
    "lazy-importer": "Apache-2.0",
    "jaraco-classes": "MIT",
    "jaraco-context": "MIT",
    "jaraco-functools": "MIT",
    "backports-tarfile": "MIT",
    "more-itertools": "MIT",
    "pywin32-ctypes": "BSD-3-Clause",
    "platformdirs": "MIT",
    "zxcvbn": "MIT",
    "vobject": "Apache-2.0",
    "python-dateutil": "BSD-3-Clause",
    "pytz": "MIT",
    "six": "MIT",
    "tzdata": "Apache-2.0",
    "charset-normalizer": "MIT",
    "typing-extensions": "PSF-2.0",
}
_NAMES = {"pyside6-essentials": "PySide6 (Qt for Python)"}
# Libraries compiled into a distribution, listed just before it.
_INSIDE: dict[str, tuple[Component, ...]] = {
    "pyside6-essentials": (Component("Qt 6", "LGPL-3.0-only", "PySide6-Essentials", part_of="PySide6"),),
    "sqlcipher3": (
        Component("SQLCipher", "BSD-3-Clause", "sqlcipher3", part_of="sqlcipher3"),
        Component("SQLite", "blessing", "sqlcipher3", part_of="sqlcipher3"),
    ),
}


def installed_distributions() -> list[str]:
    """The Python distributions netjournal runs on here (from source without installing it: the known ones found)."""
    try:
        return closure("netjournal")
    except metadata.PackageNotFoundError:
        found: list[str] = []
        for name in LICENCES:
            try:
                found.append(metadata.distribution(name).metadata["Name"] or name)
            except metadata.PackageNotFoundError:
                continue
        return found


def _field(about: metadata.PackageMetadata, name: str) -> str:
    """One metadata field, "" when absent (a missing key is None or a KeyError, depending on who read it)."""
    return ((about.get_all(name) or [""])[0] or "").strip()


def licence_of(distribution: str) -> str:
    """The distribution's licence: from ``LICENCES``, else what its metadata says."""
    known = LICENCES.get(canonical(distribution))
    if known is not None:
        return known
    try:
        about = metadata.metadata(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"
    declared = _field(about, "License-Expression")
    short = _field(about, "License")
    if not declared and short and "\n" not in short and len(short) <= 40:
        declared = short
    classifiers = [c.rsplit(" :: ", 1)[-1] for c in about.get_all("Classifier") or [] if c.startswith("License ::")]
    return declared or " OR ".join(classifiers) or "see its licence file"


@functools.cache
def components() -> tuple[Component, ...]:
    """Python, then each distribution of the closure, after the libraries compiled into it."""
    listed: list[Component] = [Component("Python", "PSF-2.0", None)]
    for distribution in installed_distributions():
        key = canonical(distribution)
        listed += _INSIDE.get(key, ())
        listed.append(Component(_NAMES.get(key, distribution), licence_of(distribution), distribution))
    return tuple(listed)


COMPONENTS: tuple[Component, ...] = components()


def distributions() -> list[str]:
    """The Python distributions whose metadata the bundle carries: netjournal's own (the closure is read
    from it at run time), then every one the list names, each once, in order."""
    seen: list[str] = []
    with contextlib.suppress(metadata.PackageNotFoundError):
        seen.append(metadata.distribution("netjournal").metadata["Name"] or "netjournal")
    for component in COMPONENTS:
        if component.distribution and canonical(component.distribution) not in {canonical(d) for d in seen}:
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
        "",
        "The bundle also carries system libraries copied from the machine it was built on (OpenSSL, libffi,",
        "ICU, ...: the lib*.so files at the top of its _internal folder), each under its own licence; on Debian",
        "and Ubuntu each one's licence is /usr/share/doc/PACKAGE/copyright, PACKAGE as `dpkg -S FILE` names it.",
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
