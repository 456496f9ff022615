"""Every Python package netjournal runs on is listed, with its licence: the About box and the bundle's licences.txt."""

from __future__ import annotations

import sys
from importlib import metadata

import pytest
from packaging.markers import Marker

from netjournal import components
from netjournal.dependency_closure import canonical, closure, environment, marker_holds


def test_the_closure_follows_requirements_and_their_markers_but_not_extras() -> None:
    found = {canonical(name) for name in closure()}
    assert {"pyside6-essentials", "shiboken6", "keyring", "secretstorage", "cryptography", "cffi"} <= found
    if sys.version_info < (3, 12):  # what keyring and jaraco.context load on Python 3.11
        assert {"importlib-metadata", "zipp", "lazy-importer", "backports-tarfile"} <= found
    assert not found & {"pytest", "pyinstaller", "pyright", "pywin32-ctypes", "netjournal"}  # extras, Windows, itself


def test_every_distribution_in_the_closure_is_listed_with_its_licence() -> None:
    listed = {canonical(c.distribution): c for c in components.COMPONENTS if c.distribution and not c.part_of}
    for name in closure():
        assert canonical(name) in components.LICENCES, f"{name}: add its licence to LICENCES"
        component = listed.get(canonical(name))
        assert component is not None, f"{name} is not in the About box's list"
        assert component.licence == components.LICENCES[canonical(name)]
        assert component.version() == metadata.version(name)


def test_the_licence_file_names_every_distribution_and_carries_its_texts() -> None:
    text = components.licence_texts()
    wanted = {canonical(name) for name in closure()}
    lines = [
        c for c in components.COMPONENTS if c.distribution and not c.part_of and canonical(c.distribution) in wanted
    ]
    assert len(lines) == len(wanted)
    for component in lines:
        assert f"  {component.name} {component.version()}: {component.licence}\n" in text
    if sys.version_info < (3, 12):  # the texts of the packages that were missing, not only their names
        assert "importlib_metadata: importlib_metadata-" in text and "backports.tarfile: backports" in text
    assert "system libraries copied from the machine it was built on" in text
    # The bundle carries netjournal's own metadata, for the closure read at run time; each package once.
    shipped = components.distributions()
    assert shipped[0] == "netjournal" and len({canonical(d) for d in shipped}) == len(shipped)


@pytest.mark.parametrize(
    "marker",
    [
        'python_version < "3.12"',
        'python_version >= "3.10"',
        "python_full_version < '3.11'",
        'sys_platform == "linux"',
        'sys_platform == "win32"',
        'sys_platform != "cygwin" and extra == "check"',
        'platform_python_implementation != "PyPy"',
        'implementation_name != "PyPy"',
        "extra == \"test\" and ( python_version < '3.11')",
        'os_name == "nt" or (platform_system == "Darwin" or platform_machine in "x86_64 aarch64")',
        '"linux" in sys_platform',
        'platform_machine not in "arm64"',
        'python_version ~= "3.8"',
        'python_version ~= "4.0"',
    ],
)
def test_markers_read_as_packaging_reads_them(marker: str) -> None:
    for extras in (frozenset[str](), frozenset({"check"}), frozenset({"test"})):
        expected = any(Marker(marker).evaluate({"extra": extra}) for extra in ("", *extras))
        assert marker_holds(marker, extras) == expected, (marker, extras)


def test_markers_on_another_platform() -> None:
    windows = {**environment(), "sys_platform": "win32", "os_name": "nt", "python_version": "3.13"}
    assert marker_holds('sys_platform == "win32"', variables=windows)
    assert not marker_holds('python_version < "3.12"', variables=windows)
    with pytest.raises(ValueError):
        marker_holds('python_version < "3.12" and', variables=windows)


def test_a_package_not_in_the_table_gets_the_licence_its_metadata_declares() -> None:
    assert "pytest" not in components.LICENCES
    assert components.licence_of("pytest") == "MIT"
    assert components.licence_of("no-such-distribution") == "unknown"
