"""``netjournal --self-test``: one line per check, exit 1 on a failure, nothing left in the temporary folder."""

from __future__ import annotations

import ast
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from netjournal.cli import self_test
from netjournal.store.database import TEST_KDF_VARIABLE


@pytest.mark.parametrize("platform", ["offscreen", "xcb"])
def test_a_real_process_passes_every_check_and_leaves_nothing(tmp_path: Path, platform: str) -> None:
    """Also with an inherited platform that cannot work here (xcb without a display would abort Qt)."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary), "QT_QPA_PLATFORM": platform}
    for variable in (TEST_KDF_VARIABLE, "DISPLAY", "WAYLAND_DISPLAY"):  # the self-test chooses its own cost
        env.pop(variable, None)
    done = subprocess.run(
        [sys.executable, "-m", "netjournal", "--self-test"], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    names = [name for name, _check in self_test.CHECKS] + ["cleanup"]
    assert {"window", "launch", "keychain"} <= set(names)  # the launch path and the keychain, as installed
    assert [line.split()[:2] for line in lines[:-1]] == [["ok", name] for name in names]
    assert lines[-1].startswith(f"self-test passed: {len(names)} checks")
    assert done.stderr == ""
    assert list(temporary.iterdir()) == []  # the journal, its log, the PDF: all gone


def test_a_failing_check_is_a_line_and_exit_status_1(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def broken(_context: object) -> str:
        raise self_test.CheckFailed("the part under test is missing")

    monkeypatch.setattr(self_test, "CHECKS", (*self_test.CHECKS[:2], ("broken", broken), *self_test.CHECKS[2:]))
    out = io.StringIO()
    assert self_test.run(out) == 1
    lines = out.getvalue().splitlines()
    assert "FAIL broken    CheckFailed: the part under test is missing" in lines
    assert lines[-1].startswith("self-test FAILED: 1 of")
    # Every other check still ran, and the cleanup: as many "ok" lines as checks, the broken one included.
    assert sum(line.startswith("ok ") for line in lines) == len(self_test.CHECKS)
    assert list(tmp_path.iterdir()) == []


def test_without_a_journal_the_checks_that_need_one_are_skipped(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    # A real failure: the key-derivation cost SQLCipher refuses, so no journal can be made.
    monkeypatch.setattr(self_test, "SELF_TEST_KDF_ITER", -1)
    out = io.StringIO()
    assert self_test.run(out) == 1
    status = {line.split()[1]: line.split()[0] for line in out.getvalue().splitlines()[:-1]}
    assert status["journal"] == "FAIL"
    assert {status[name] for name in ("write", "read", "search", "prompts", "pdf", "window")} == {"skip"}
    assert status["icons"] == "ok" and status["cleanup"] == "ok"
    assert list(tmp_path.iterdir()) == []


def test_the_launch_check_never_reaches_a_running_netjournal(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netjournal.ui.shell.single_instance import InstanceServer

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    running = InstanceServer()  # the user's own netjournal, on the usual socket
    assert running.listen()
    asked: list[object] = []
    running.requested.connect(asked.append)
    try:
        out = io.StringIO()
        assert self_test.run(out) == 0, out.getvalue()
    finally:
        running.close()
    assert "ok   launch" in out.getvalue() and asked == []


def test_the_command_line_half_imports_no_qt() -> None:
    """The Qt checks live in the ui and are imported only when they run (the CLI has no Qt)."""
    tree = ast.parse(Path(self_test.__file__).read_text(encoding="utf-8"))
    imported = {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not {name for name in imported if name.startswith("PySide6")}
    windowed = {name for name in imported if name.startswith(("netjournal.ui", "netjournal.app"))}
    assert windowed == {"netjournal.ui.shell"}  # for self_test_checks, inside the check that needs it
