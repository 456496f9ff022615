"""``netjournal --self-test``: does this installation work? One line per check, exit status 1 on any failure.

Meant for a bundle or a package just built or installed (``build/make_bundle.sh``,
``build/test_deb.sh``), and it works from source too. Everything happens in a
temporary folder that is removed at the end, through the same services the window
and the commands use: a journal is created there (with a cheap key derivation: it
is thrown away), every kind of row is written and read back, searched, rendered as
a PDF review, the window is opened on it offscreen, a second launch hands a journal to
a first one over a socket in that folder, and the keychain backends are loaded. Nothing
of the user's is read or touched: the window's settings live in the temporary folder
too, the launch check never reaches a running netjournal, and no keychain is asked for
anything. Qt runs offscreen whatever the environment says (``QT_QPA_PLATFORM``).

The Qt checks live in ``netjournal.ui.shell.self_test_checks``, imported only when they run:
the command line itself imports no Qt.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

# Cheap on purpose: the journal lives for a second, in a folder removed afterwards.
SELF_TEST_KDF_ITER = 1_000
PASSPHRASE = "self-test: a passphrase for a journal that is thrown away"
# Written into every entry, then looked for: by search, and in the files on disk, where it must not appear.
MARKER = "zebrafinch"
_SQLITE_HEADER = b"SQLite format 3\x00"


class CheckFailed(Exception):
    """A check found something wrong; the message says what."""


@dataclass
class _Context:
    folder: Path
    journal: Any = None  # netjournal.services.journal.Journal, once created
    ids: dict[str, int] = field(default_factory=dict)
    qt_run: Any = None  # netjournal.ui.shell.self_test_checks.QtRun, once a Qt check has run

    @property
    def journal_path(self) -> Path:
        return self.folder / "self-test.netjournal"

    def close_journal(self) -> None:
        if self.journal is not None:
            self.journal.close()
            self.journal = None


def _qt(context: _Context) -> Any:
    """The Qt checks' module, with its QApplication made once (offscreen: ``run`` set the platform)."""
    from netjournal.ui.shell import self_test_checks

    if context.qt_run is None:
        context.qt_run = self_test_checks.QtRun()
    return self_test_checks


def _check_create(context: _Context) -> str:
    from importlib.metadata import version as package_version

    from netjournal.services.journal import Journal

    context.journal = Journal.create(context.journal_path, PASSPHRASE, kdf_iter=SELF_TEST_KDF_ITER)
    header = context.journal_path.read_bytes()[:16]
    if header == _SQLITE_HEADER:
        raise CheckFailed("the new journal file is plain SQLite, not encrypted")
    cipher = context.journal.sql("PRAGMA cipher_version").fetchone()[0]
    return f"created an encrypted journal (SQLCipher {cipher}, sqlcipher3 {package_version('sqlcipher3')})"


_PEOPLE_WRITTEN = 3  # by _check_write, for the window's list to show


def _check_write(context: _Context) -> str:
    from netjournal.domain import ContactDetail, DetailField, Direction, Kind, LoopKind
    from netjournal.services import entries, people, prompting
    from netjournal.services.brokered_introductions import BrokeredInput, add_brokered
    from netjournal.services.rules import ExchangeInput

    journal, ids = context.journal, context.ids
    today = dt.date.today()
    ids["person"] = people.add_person(
        journal,
        people.PersonInput(
            name="Ada Self-Test",
            organisation=f"{MARKER} Labs",
            tags=["self-test"],
            cadence_days=30,
            details=[ContactDetail(DetailField.EMAIL, "ada@example.org")],
        ),
    )
    ids["second"] = people.add_person(journal, people.PersonInput(name="Bo Second"))
    ids["exchange"] = entries.add_exchange(
        journal,
        ExchangeInput(
            direction=Direction.GIVEN,
            kind=Kind.INTRODUCTION,
            summary=f"Introduced Ada to Bo about the {MARKER} project",
            person_id=ids["person"],
            second_person_id=ids["second"],
            date=today,
        ),
    )
    ids["touchpoint"] = entries.add_touchpoint(journal, ids["person"], f"Coffee about {MARKER}s", date=today)
    ids["loop"] = entries.add_loop(journal, LoopKind.PROMISED, f"Send the {MARKER} notes", person_id=ids["person"])
    entries.close_loop(journal, ids["loop"], done_on=today)
    ids["reflection"] = entries.add_reflection(journal, f"What the {MARKER} taught me", person_id=ids["person"])
    ids["circumstance"] = entries.add_circumstance(journal, ids["person"], f"Busy with {MARKER} until spring")
    third = people.add_person(journal, people.PersonInput(name="Cy Third"))
    ids["brokered"] = add_brokered(
        journal, BrokeredInput(ids["second"], ids["person"], third, f"for the {MARKER} grant", date=today)
    )
    first_prompt = prompting.library()[0]
    prompting.snooze_prompt(journal, first_prompt.id, until=today + dt.timedelta(days=7))
    return "wrote three people (one with a contact detail), an exchange, a touchpoint, a loop, a reflection, " + (
        "a circumstance, an introduction between others and a prompt's state"
    )


def _check_reopen(context: _Context) -> str:
    from netjournal.services.journal import Journal
    from netjournal.services.people import get_person
    from netjournal.services.timeline import full_timeline
    from netjournal.store.errors import JournalError
    from netjournal.store.tables import TRACKED_TABLES

    context.journal.close()
    context.journal = None
    try:
        Journal.open(context.journal_path, PASSPHRASE + "?", kdf_iter=SELF_TEST_KDF_ITER).close()
    except JournalError:
        pass
    else:
        raise CheckFailed("a wrong passphrase opened the journal")
    context.journal = journal = Journal.open(context.journal_path, PASSPHRASE, kdf_iter=SELF_TEST_KDF_ITER)
    empty = [
        table
        for table in TRACKED_TABLES
        # Entry history is written by merges of copies only, never by an entry.
        if table != "entry_history" and journal.sql(f'SELECT count(*) FROM "{table}"').fetchone()[0] == 0
    ]  # table names from the schema's own list, never from input
    if empty:
        raise CheckFailed("nothing was read back from " + ", ".join(empty))
    person = get_person(journal, context.ids["person"])
    if person.name != "Ada Self-Test" or [d.value for d in person.details] != ["ada@example.org"]:
        raise CheckFailed(f"the person read back is not the one written ({person.name!r})")
    kinds = sorted({entry.type.value for entry in full_timeline(journal, context.ids["person"])})
    if kinds != ["brokered_introduction", "exchange", "loop", "reflection", "touchpoint"]:
        raise CheckFailed(f"the timeline holds {kinds}")
    return f"reopened with the passphrase (a wrong one refused); read back rows of all {len(TRACKED_TABLES)} kinds"


def _check_search(context: _Context) -> str:
    from netjournal.services.search import search

    hits = search(context.journal, MARKER)
    found = sorted({hit.entity.value for hit in hits})
    wanted = {"exchange", "touchpoint", "loop", "reflection"}
    if not wanted <= set(found):
        raise CheckFailed(f"searching found only {found}")
    return f"full-text search found {len(hits)} matches ({', '.join(found)})"


def _check_prompts(context: _Context) -> str:
    from netjournal.services.prompting import library, prompts_for

    templates = library()
    if not templates:
        raise CheckFailed("the prompt library is empty")
    due = prompts_for(context.journal)
    return f"loaded the prompt library ({len(templates)} prompts; {len(due)} due today)"


def _check_pdf(context: _Context) -> str:
    from netjournal.services.period_review import period_review
    from netjournal.services.periods import parse_period

    today = dt.date.today()
    review = period_review(context.journal, parse_period(str(today.year), today), today)
    _qt(context)  # a PDF is painted with QtGui, which needs the application
    from netjournal.exports.period_review_pdf import write_review_pdf

    written = write_review_pdf(review, context.folder / "review.pdf")
    data = written.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:]:
        raise CheckFailed("the review written is not a whole PDF")
    return f"rendered a review of {today.year} as PDF offscreen ({len(data) // 1024} KB)"


def _check_icons(context: _Context) -> str:
    return _qt(context).check_icons()


def _check_window(context: _Context) -> str:
    checks = _qt(context)
    context.close_journal()  # the window opens it itself, as after an unlock
    return checks.check_window(context.journal_path, PASSPHRASE, SELF_TEST_KDF_ITER, context.folder, _PEOPLE_WRITTEN)


def _check_launch(context: _Context) -> str:
    return _qt(context).check_launch(context.folder, context.journal_path)


def _check_keychain(_context: _Context) -> str:
    """Load every keychain backend keyring knows, and what they import; ask none of them for anything."""
    from importlib import import_module

    from keyring import backend
    from keyring.compat.py312 import metadata  # importlib_metadata before Python 3.12: part of the check

    found = metadata.entry_points(group="keyring.backends")
    for entry in found:
        entry.load()  # keyring itself would only log a backend that fails to load
    own = {"linux": "SecretService", "darwin": "macOS", "win32": "Windows"}.get(sys.platform)
    names = sorted(entry.name for entry in found)
    if own is not None and own not in names:
        raise CheckFailed(f"keyring's {own} backend is not installed")
    for module in {"linux": ("secretstorage", "jeepney", "cryptography")}.get(sys.platform, ()):
        import_module(module)  # the SecretService backend quietly turns itself off without them
    usable = backend.get_all_keyring()  # each backend says whether it can work here; none is asked for a secret
    return f"loaded the keychain backends ({', '.join(names)}; {len(usable)} usable here)"


def _check_no_plaintext(context: _Context) -> str:
    context.close_journal()
    # review.pdf is plaintext on purpose (what an export is); everything else is the journal's.
    scanned = [p for p in context.folder.rglob("*") if p.is_file() and p.suffix != ".pdf"]
    leaking = [p.name for p in scanned if MARKER.encode() in p.read_bytes()]
    if leaking:
        raise CheckFailed("entry text is readable in " + ", ".join(leaking))
    return f"no entry text readable in the {len(scanned)} files the journal left"


CHECKS: tuple[tuple[str, Callable[[_Context], str]], ...] = (
    ("journal", _check_create),
    ("write", _check_write),
    ("read", _check_reopen),
    ("search", _check_search),
    ("prompts", _check_prompts),
    ("pdf", _check_pdf),
    ("icons", _check_icons),
    ("window", _check_window),
    ("launch", _check_launch),
    ("keychain", _check_keychain),
    ("plaintext", _check_no_plaintext),
)
# Checks that need the journal: skipped once one before them failed, so one fault is not reported ten times.
_NEED_JOURNAL = frozenset({"write", "read", "search", "prompts", "pdf", "window"})


def run(out: TextIO | None = None) -> int:
    """Run every check, printing one line each; 0 when all passed, 1 otherwise."""
    stream = out if out is not None else sys.stdout
    # Before any Qt loads: an inherited platform (xcb without a display, say) would abort the process,
    # with no FAIL line and the journal's folder left behind.
    inherited_platform = os.environ.get("QT_QPA_PLATFORM")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    folder = Path(tempfile.mkdtemp(prefix="netjournal-self-test-"))
    context = _Context(folder)
    failed: list[str] = []
    started = time.perf_counter()

    def line(status: str, name: str, text: str) -> None:
        print(f"{status:<4} {name:<9} {text}", file=stream, flush=True)

    try:
        for name, check in CHECKS:
            blocked = "journal" in failed or (name != "write" and "write" in failed)
            if name in _NEED_JOURNAL and blocked:
                line("skip", name, "needs the checks that failed above")
                failed.append(name)
                continue
            try:
                line("ok", name, check(context))
            except Exception as error:  # every failure is a line, never a traceback
                line("FAIL", name, f"{type(error).__name__}: {error}")
                failed.append(name)
    finally:
        context.close_journal()
        if context.qt_run is not None:
            context.qt_run.close()
        if inherited_platform is None:
            os.environ.pop("QT_QPA_PLATFORM", None)
        else:
            os.environ["QT_QPA_PLATFORM"] = inherited_platform
        shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        line("FAIL", "cleanup", f"could not remove {folder}")
        failed.append("cleanup")
    else:
        line("ok", "cleanup", "removed the temporary folder and everything in it")
    seconds = time.perf_counter() - started
    if failed:
        print(f"self-test FAILED: {len(failed)} of {len(CHECKS) + 1} checks ({seconds:.1f} s)", file=stream)
        return 1
    print(f"self-test passed: {len(CHECKS) + 1} checks ({seconds:.1f} s)", file=stream)
    return 0
