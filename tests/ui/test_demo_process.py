"""`netjournal --demo` as a real process: SIGTERM quits cleanly and removes the demo folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_sigterm_quits_the_demo_and_removes_its_folder(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    process = subprocess.Popen(
        [sys.executable, "-m", "netjournal", "--demo"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        # The demo journal appearing on disk is the only outward sign the window is up: poll for it.
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob("netjournal-demo-*/demo.netjournal")):
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the demo journal never appeared"
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert not list(tmp_path.glob("netjournal-demo-*"))
    assert b"Traceback" not in process.stderr.read()
