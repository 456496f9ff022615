"""``netjournal review --person NAME`` or ``--period PERIOD``: a brief or a period review as PDF, without a window.

Qt is imported only here (and only when the command runs), so other commands
start as fast as before.  QPdfWriter needs a QGuiApplication for its fonts; with
no display one is made on the offscreen platform.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from netjournal.cli.opening import open_journal as _open
from netjournal.store.errors import JournalError


def _gui_application() -> object:
    """The running QGuiApplication, or one made now (offscreen when there is no display)."""
    has_display = sys.platform in ("win32", "darwin") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if not has_display and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(["netjournal"])


def _destination(args: argparse.Namespace, file_name: str) -> Path:
    if args.out is None:
        return Path.cwd() / file_name
    out = Path(args.out).expanduser()
    return out / file_name if out.is_dir() else out


def _check_out(args: argparse.Namespace) -> None:
    out = Path(args.out).expanduser() if args.out else None
    # Before the passphrase is asked: a folder that is not there will not appear meanwhile.
    if out is not None and not out.is_dir() and not out.parent.is_dir():
        raise JournalError(f"The folder {out.parent.absolute()} does not exist; nothing was written.")


def cmd_review(args: argparse.Namespace, path: Path) -> int:
    if args.period is not None:
        return _review_period(args, path)
    from netjournal.services.brief import person_brief
    from netjournal.services.people import find_person
    from netjournal.services.validation import NotFoundError

    name = " ".join(args.person)
    _check_out(args)
    today = dt.date.today()
    with _open(args, path) as journal:
        person = find_person(journal, name)  # AmbiguousPersonError says who matched
        if person is None:
            raise NotFoundError(f"Nobody called \u201c{name}\u201d is in this journal; nothing was written.")
        brief = person_brief(journal, person.id, today)
    _app = _gui_application()
    from netjournal.exports.pdf_document import Paper
    from netjournal.exports.person_brief_pdf import default_file_name, write_brief_pdf

    destination = _destination(args, default_file_name(brief))
    paper = Paper(args.paper) if args.paper else None
    written = write_brief_pdf(brief, destination, paper=paper, force=args.force)
    print(f"Wrote the brief on {person.name} to {written} (unencrypted: keep it safe).", file=sys.stderr)
    return 0


def _review_period(args: argparse.Namespace, path: Path) -> int:
    from netjournal.services.period_review import period_review
    from netjournal.services.periods import parse_period

    today = dt.date.today()
    period = parse_period(args.period, today)  # a ValidationError before the passphrase is asked
    _check_out(args)
    with _open(args, path) as journal:
        review = period_review(journal, period, today)
    _app = _gui_application()
    from netjournal.exports.pdf_document import Paper
    from netjournal.exports.period_review_pdf import default_file_name, write_review_pdf

    destination = _destination(args, default_file_name(period))
    paper = Paper(args.paper) if args.paper else None
    written = write_review_pdf(review, destination, paper=paper, force=args.force)
    print(f"Wrote the review of {period.title} to {written} (unencrypted: keep it safe).", file=sys.stderr)
    return 0
