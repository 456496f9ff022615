"""``netjournal --self-test``: does this installation work? One line per check, exit status 1 on any failure.

Meant for a bundle or a package just built or installed (``build/make_bundle.sh``,
``build/test_deb.sh``), and it works from source too. Everything happens in a
temporary folder that is removed at the end, through the same services the window
and the commands use: a journal is created there (with a cheap key derivation: it
is thrown away), every kind of row is written and read back, searched, rendered as
a PDF review, and the window is opened on it offscreen. Nothing of the user's is
read or touched: the window's settings live in the temporary folder too.
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
    app: Any = None
    qt_messages: list[str] = field(default_factory=list)
    handler_installed: bool = False
    restore_messages: Any = None  # Qt's message handler before ours, put back at the end

    @property
    def journal_path(self) -> Path:
        return self.folder / "self-test.netjournal"


def _qt_application(context: _Context) -> Any:
    """One QApplication for the Qt checks, offscreen: the self-test shows nothing on screen."""
    if context.app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        # The offscreen platform warns about what it cannot do for a window (size hints, ...): noise here.
        context.restore_messages = qInstallMessageHandler(
            lambda kind, _where, text: _qt_message(context, kind == QtMsgType.QtFatalMsg, text)
        )
        context.handler_installed = True
        context.app = QApplication.instance() or QApplication(["netjournal"])
    return context.app


def _qt_message(context: _Context, fatal: bool, text: str) -> None:
    context.qt_messages.append(text)
    if fatal:
        print(f"netjournal self-test: Qt: {text}", file=sys.stderr)


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
    _qt_application(context)
    from netjournal.exports.period_review_pdf import write_review_pdf

    written = write_review_pdf(review, context.folder / "review.pdf")
    data = written.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:]:
        raise CheckFailed("the review written is not a whole PDF")
    return f"rendered a review of {today.year} as PDF offscreen ({len(data) // 1024} KB)"


def _check_icons(context: _Context) -> str:
    from importlib import resources

    _qt_application(context)
    from PySide6.QtCore import QByteArray, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    folder = resources.files("netjournal.resources").joinpath("icons")
    names = sorted(item.name for item in folder.iterdir() if item.name.endswith(".svg"))
    if not names:
        raise CheckFailed("no icons found")
    for name in names:
        renderer = QSvgRenderer(QByteArray(folder.joinpath(name).read_bytes()))
        if not renderer.isValid():
            raise CheckFailed(f"the icon {name} does not load")
        image = QImage(32, 32, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, 32, 32))
        painter.end()
        if not any(image.pixelColor(x, y).alpha() for x in range(32) for y in range(32)):
            raise CheckFailed(f"the icon {name} draws nothing")
    return f"loaded and drew all {len(names)} icons"


def _check_window(context: _Context) -> str:
    _qt_application(context)
    from PySide6.QtCore import QSettings

    from netjournal.app import open_main_window
    from netjournal.ui.shell.settings import WindowSettings

    context.journal.close()
    context.journal = None
    settings = QSettings(str(context.folder / "settings.ini"), QSettings.Format.IniFormat)
    window = open_main_window(
        context.journal_path, PASSPHRASE, kdf_iter=SELF_TEST_KDF_ITER, settings=WindowSettings(settings)
    )
    try:
        if window.pages.currentWidget() is not window.workspace:
            raise CheckFailed("the window did not show the unlocked journal")
        shown = window.workspace.contacts.list.model().rowCount()
    finally:
        window.close()
        window.deleteLater()
    written = _PEOPLE_WRITTEN
    if shown != written:
        raise CheckFailed(f"the window's contact list shows {shown} people, not {written}")
    return f"opened the window offscreen on the journal ({shown} people listed)"


def _check_no_plaintext(context: _Context) -> str:
    if context.journal is not None:
        context.journal.close()
        context.journal = None
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
    ("plaintext", _check_no_plaintext),
)
# Checks that need the journal: skipped once one before them failed, so one fault is not reported ten times.
_NEED_JOURNAL = frozenset({"write", "read", "search", "prompts", "pdf", "window"})


def run(out: TextIO | None = None) -> int:
    """Run every check, printing one line each; 0 when all passed, 1 otherwise."""
    stream = out if out is not None else sys.stdout
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
        if context.journal is not None:
            context.journal.close()
        if context.handler_installed:
            from PySide6.QtCore import qInstallMessageHandler

            qInstallMessageHandler(context.restore_messages)
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
