"""Fixtures for driving the command line in-process and in real subprocesses."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import TEST_KDF_ITER

from netjournal.cli import main
from netjournal.services.journal import Journal
from netjournal.store.database import TEST_KDF_VARIABLE

# The CLI never takes a key-derivation cost: it always uses the default, SQLCipher's
# own (~80 ms per open).  For tests only, NETJOURNAL_INSECURE_TEST_KDF_ITER (the store's
# TEST_KDF_VARIABLE) replaces that default with a tiny cost, so the hundreds of opens
# below take microseconds.  It is set for every in-process run (``_cheap_key_derivation``,
# autouse), for every ``run_sub`` subprocess, and while the shared templates are built,
# so every journal here is made and opened with the same cost (a journal only opens with
# the cost it was made with).  A test that checks the real default cost deletes the
# variable with ``monkeypatch.delenv``.
CLI_KDF_ITER = TEST_KDF_ITER
CLI_PASSPHRASE = "tangerine ladder 42 quietly"
OTHER_PASSPHRASE = "a different passphrase 7"


@dataclass(frozen=True, slots=True)
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _cheap_key_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TEST_KDF_VARIABLE, str(CLI_KDF_ITER))


@pytest.fixture
def jpath(tmp_path: Path) -> Path:
    return tmp_path / "work.netjournal"


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run ``netjournal ARGS`` in this process; ``stdin`` is what a pipe would carry (never a tty)."""

    def run(*argv: str | Path, stdin: str = "") -> Result:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exit_:  # argparse: --version, usage errors
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def env_passphrase(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", CLI_PASSPHRASE)
    return CLI_PASSPHRASE


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One empty journal made by ``netjournal init``; copying it saves a key derivation per test."""
    path = tmp_path_factory.mktemp("empty") / "empty.netjournal"
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(io.StringIO()):
        patch.setenv("NETJOURNAL_PASSPHRASE", CLI_PASSPHRASE)
        patch.setenv(TEST_KDF_VARIABLE, str(CLI_KDF_ITER))
        assert main(["--journal", str(path), "init"]) == 0
    return path


@pytest.fixture
def made(jpath: Path, empty_template: Path, env_passphrase: str) -> Path:
    """A fresh copy of a journal created by ``netjournal init``, with NETJOURNAL_PASSPHRASE set for the test."""
    shutil.copyfile(empty_template, jpath)
    return jpath


def run_sub(
    *argv: str | Path, passphrase: str | None = None, stdin: str = "", kdf_iter: int | None = CLI_KDF_ITER
) -> subprocess.CompletedProcess[str]:
    """``python -m netjournal ARGS`` in a fresh process with the test's HOME/XDG folders.

    The child gets the tests' cheap key derivation, or the product's default with ``kdf_iter=None``.
    """
    env = dict(os.environ)  # already holds the isolated HOME and XDG_* set by the autouse fixture
    env.pop("NETJOURNAL_DEBUG", None)
    env.pop("NETJOURNAL_PASSPHRASE", None)
    env.pop(TEST_KDF_VARIABLE, None)
    if kdf_iter is not None:
        env[TEST_KDF_VARIABLE] = str(kdf_iter)
    if passphrase is not None:
        env["NETJOURNAL_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "netjournal", *[str(a) for a in argv]],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def query(path: Path, sql: str, passphrase: str = CLI_PASSPHRASE, params: tuple = ()) -> list[tuple]:
    """Rows from the journal, read with the services' own opener (the CLI's default cost, as it writes)."""
    with Journal.open(path, passphrase) as journal:
        return journal.store.db.execute_sql(sql, params).fetchall()


def count(path: Path, table: str, passphrase: str = CLI_PASSPHRASE) -> int:
    return query(path, f"SELECT count(*) FROM {table}", passphrase)[0][0]


def assert_one_error_line(err: str, *fragments: str) -> None:
    """stderr is exactly one line starting ``netjournal:`` and containing every fragment."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("netjournal:"), err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, err)


# Test modules cannot import this conftest by name (tests/conftest.py shadows it), so the
# helpers are handed out as fixtures.


@pytest.fixture
def sub() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_sub


@pytest.fixture
def rows() -> Callable[..., list[tuple]]:
    return query


@pytest.fixture
def count_rows() -> Callable[..., int]:
    return count


@pytest.fixture
def one_error_line() -> Callable[..., None]:
    return assert_one_error_line


@pytest.fixture(scope="session")
def cli_passphrase() -> str:
    return CLI_PASSPHRASE


@pytest.fixture(scope="session")
def cli_kdf_iter() -> int:
    """The key-derivation cost every CLI test journal is made and opened with."""
    return CLI_KDF_ITER


@pytest.fixture(scope="session")
def two_anas_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed journal (CLI passphrase and key-derivation cost) holding Ana Silva and Ana Reyes.

    Exchange #1 was received from Ana Silva on 2024-03-01, #2 given to Ana Reyes on 2024-03-02.
    Tests copy the file rather than build it once per test.
    """
    from netjournal.services import entries, people

    path = tmp_path_factory.mktemp("template") / "two-anas.netjournal"
    with Journal.create(path, CLI_PASSPHRASE, kdf_iter=CLI_KDF_ITER) as journal:
        for name, direction, date in (("Ana Silva", "received", "2024-03-01"), ("Ana Reyes", "given", "2024-03-02")):
            person_id = people.add_person(journal, people.PersonInput(name=name))
            entries.add_exchange(
                journal,
                entries.ExchangeInput(
                    direction=direction,
                    kind="advice",
                    summary=f"Advice on the Acme offer for {name}",
                    person_id=person_id,
                    date=date,
                ),
            )
    return path
