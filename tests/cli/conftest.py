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

from netjournal.cli import main
from netjournal.services.journal import Journal

# Journals made by the CLI use the default (slow) key derivation: about 80 ms per open.
CLI_PASSPHRASE = "tangerine ladder 42 quietly"
OTHER_PASSPHRASE = "a different passphrase 7"


@dataclass(frozen=True, slots=True)
class Result:
    code: int
    out: str
    err: str


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
        assert main(["--journal", str(path), "init"]) == 0
    return path


@pytest.fixture
def made(jpath: Path, empty_template: Path, env_passphrase: str) -> Path:
    """A fresh copy of a journal created by ``netjournal init``, with NETJOURNAL_PASSPHRASE set for the test."""
    shutil.copyfile(empty_template, jpath)
    return jpath


def run_sub(*argv: str | Path, passphrase: str | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``python -m netjournal ARGS`` in a fresh process with the test's HOME/XDG folders."""
    env = dict(os.environ)  # already holds the isolated HOME and XDG_* set by the autouse fixture
    env.pop("NETJOURNAL_DEBUG", None)
    env.pop("NETJOURNAL_PASSPHRASE", None)
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
    """Rows from the journal, read with the services' own opener (default KDF, as the CLI writes)."""
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
def two_anas_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed journal (CLI passphrase, default KDF) holding Ana Silva and Ana Reyes.

    Exchange #1 was received from Ana Silva on 2024-03-01, #2 given to Ana Reyes on 2024-03-02.
    Tests copy the file rather than build it: every open costs a full key derivation.
    """
    from netjournal.services import entries, people

    path = tmp_path_factory.mktemp("template") / "two-anas.netjournal"
    with Journal.create(path, CLI_PASSPHRASE) as journal:
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
