"""The core capture flow typed on a real X server, from the first key to the entry on the timeline.

Run: python benchmarks/bench_capture.py   (needs Xvfb, openbox and xdotool; see README, "Benchmarks")

Keyboard only, as a person logs an exchange: Ctrl+N, the person's name by
the completer, the kind, the summary, Enter.  xdotool types at a steady pace
into netjournal's window on the large demo journal, and then the same keys
into a bare line edit: what typing itself takes here.  The difference is what
the program adds (target: 100 ms at most).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PASSPHRASE, Figure, Yardstick, YardstickMeter, cached_journal, print_table

TITLE = "Capture flow on a real X server (Xvfb + openbox, xdotool typing; the large demo journal)"
TARGET_MS = 100
REPEAT = 3
KEY_DELAY_MS = 40
SUMMARY = "Walked her through the grant budget line by line before the board review"
PROBE = Path(__file__).resolve().parent / "capture_probe.py"


def _free_display() -> str:
    for number in range(77, 99):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return f":{number}"
    raise SystemExit("no free X display number between :77 and :98")


class XServer:
    def __init__(self) -> None:
        self.display = _free_display()
        self.env = {**os.environ, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb", "NETJOURNAL_AUTO_BACKUP": "0"}
        self.env.pop("NETJOURNAL_PASSPHRASE", None)

    def __enter__(self) -> XServer:
        self._x = subprocess.Popen(["Xvfb", self.display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{self.display[1:]}").exists():
            if time.monotonic() > deadline:
                raise SystemExit("Xvfb did not start")
            time.sleep(0.05)  # waiting for another program's socket: there is no signal to await
        # Without a window manager keyboard focus never arrives and shortcuts do nothing.
        self._wm = subprocess.Popen(["openbox"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return self

    def __exit__(self, *exc: object) -> None:
        for process in (self._wm, self._x):
            process.terminate()
            process.wait(timeout=10)

    def xdotool(self, *arguments: str) -> None:
        subprocess.run(["xdotool", *arguments], env=self.env, check=True, capture_output=True)


def _keys(server: XServer, title: str, name_typed: str) -> None:
    """The flow, as a person types it; each step at the same steady pace."""
    server.xdotool("search", "--sync", "--name", title, "windowactivate", "--sync")
    delay = str(KEY_DELAY_MS)
    server.xdotool("key", "--delay", delay, "ctrl+n")
    server.xdotool("type", "--delay", delay, name_typed)
    server.xdotool("key", "--delay", delay, "Down", "Return", "alt+k")
    server.xdotool("type", "--delay", delay, "a")
    server.xdotool("key", "--delay", delay, "alt+u")
    server.xdotool("type", "--delay", delay, SUMMARY)
    server.xdotool("key", "--delay", delay, "Return")


def _run(server: XServer, arguments: list[str], title: str, name_typed: str) -> dict[str, float]:
    probe = subprocess.Popen([sys.executable, str(PROBE), *arguments], env=server.env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert probe.stdout is not None
    if probe.stdout.readline().strip() != "ready":
        raise SystemExit(f"the probe did not start: {probe.stderr.read() if probe.stderr else ''}")
    _keys(server, title, name_typed)
    line = probe.stdout.readline()
    probe.wait(timeout=60)
    if not line:
        raise SystemExit(f"the probe reported nothing: {probe.stderr.read() if probe.stderr else ''}")
    return json.loads(line)


def _busiest_name(path: Path) -> str:
    from netjournal.services.journal import Journal

    with Journal.open(path, PASSPHRASE) as journal:
        (name,) = journal.sql(
            "SELECT p.name FROM person p JOIN exchange e ON e.person_id = p.id GROUP BY p.id "
            "ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    return name


def _check_logged(path: Path, name: str) -> None:
    """The keys did what a person meant: the exchange is there, with the person and kind chosen."""
    from netjournal.services.journal import Journal

    with Journal.open(path, PASSPHRASE) as journal:
        found = journal.sql(
            "SELECT p.name, e.kind, e.direction FROM exchange e JOIN person p ON p.id = e.person_id "
            "WHERE e.summary = ?",
            (SUMMARY,),
        ).fetchall()
        people = journal.sql("SELECT count(*) FROM person WHERE name = ?", (name,)).fetchone()[0]
    if found != [(name, "advice", "given")] or people != 1:
        raise SystemExit(f"the typed flow logged {found} ({people} people named {name}); the keys need updating")


def main() -> tuple[Yardstick, list[Figure], list[str]]:
    for tool in ("Xvfb", "openbox", "xdotool"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (apt-get install xvfb openbox xdotool)")
    large = cached_journal("large", "large")
    name = _busiest_name(large)
    first, last = name.split(" ", 1)[0], name.split(" ")[-1]
    typed = f"{first} {last[:3]}"  # enough for the completer to offer the one person
    flows, typing, after_enter = [], [], []
    with YardstickMeter() as meter, tempfile.TemporaryDirectory() as tmp, XServer() as server:
        meter.sample(5, "before the figures")
        for round_ in range(REPEAT + 1):
            work = Path(tmp) / f"large-{round_}.netjournal"
            shutil.copyfile(large, work)
            bare = _run(server, ["baseline", SUMMARY], "netjournal-baseline", typed)
            real = _run(server, ["netjournal", SUMMARY, str(work), PASSPHRASE], "netjournal-capture", typed)
            _check_logged(work, name)
            if round_:  # the first round warms the page cache and the bytecode
                flows.append((real["visible"] - real["first_key"]) * 1000)
                typing.append((bare["last_key"] - bare["first_key"]) * 1000)
                after_enter.append((real["visible"] - real["last_key"]) * 1000)
                meter.sample()
            work.unlink()
        meter.sample(5, "after them")
        yardstick = meter.yardstick()
    flow, typed_ms = statistics.median(flows), statistics.median(typing)
    figures = [
        Figure("first key (Ctrl+N) → the entry on the timeline", flow, "ms", None),
        Figure("  the same keys into a bare line edit (typing itself)", typed_ms, "ms", None),
        Figure("  what netjournal adds to the typing", flow - typed_ms, "ms", TARGET_MS),
        Figure("  of which after the last key (Enter → entry painted)", statistics.median(after_enter), "ms", None),
    ]
    notes = [
        f"median of {REPEAT} runs after a warm-up; xdotool types at {KEY_DELAY_MS} ms a key "
        f"({len(SUMMARY) + len(typed) + 6} keys); the window is 1280×800 on a 1600×1000 Xvfb screen with openbox"
    ]
    return yardstick, figures, notes


if __name__ == "__main__":
    print_table(TITLE, *main())
