"""Fixtures shared by every test: offscreen Qt, isolated settings, real encrypted journals."""

from __future__ import annotations

import os
import shutil
import subprocess

# pytest-qt has no setting for the platform; it must be set before Qt loads.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from hypothesis import settings
from support import PASSPHRASE, TEST_KDF_ITER, MemoryKeyring, spy_on

from netjournal.services.journal import Journal

# Timing belongs in benchmarks/, not in tests: a loaded CI machine must not
# turn a slow example into a failure.
settings.register_profile("netjournal", deadline=None)
settings.load_profile("netjournal")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings, data and config folders live in a temp dir, never the developer's home."""
    home = tmp_path_factory.mktemp("home")
    for variable, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ):
        (home / sub).mkdir(mode=0o700)
        monkeypatch.setenv(variable, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("NETJOURNAL_PASSPHRASE", raising=False)
    # Off unless a test is about them: a helper process per command would outlive the test.
    monkeypatch.setenv("NETJOURNAL_AUTO_BACKUP", "0")


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.nj"


@pytest.fixture
def journal(journal_path: Path) -> Iterator[Journal]:
    """A fresh, empty, encrypted journal, closed after the test."""
    opened = Journal.create(journal_path, PASSPHRASE, kdf_iter=TEST_KDF_ITER)
    yield opened
    opened.close()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An in-memory keychain installed for one test, the previous one restored after."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def failing_keyring() -> Iterator[None]:
    """No keychain at all, as on a headless Linux."""
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """``small_disk("600k")``: a real file system that size, to run out of space on (needs root, as on CI)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        folder = tmp_path / f"disk-{len(mounted)}"
        folder.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(folder)
        return folder

    try:
        yield mount
    finally:
        for folder in mounted:
            subprocess.run(["umount", str(folder)], check=True)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Callable[[object, str], list[tuple[Any, ...]]]:
    """``spy(module, "name")``: the calls of that function, which still runs (see ``support.spy_on``)."""
    return lambda module, name: spy_on(monkeypatch, module, name)
