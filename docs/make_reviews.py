"""Make docs/reviews/brief-<person>.pdf and review-<year>.pdf from the small demo journal, and PNGs of their pages.

Run from the repository root: ``python docs/make_reviews.py``.  The demo journal
lives in a temporary folder removed afterwards; pdftoppm (poppler-utils) makes the PNGs.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtGui import QGuiApplication

from netjournal.exports.pdf_document import Paper
from netjournal.exports.period_review_pdf import default_file_name, write_review_pdf
from netjournal.exports.person_brief_pdf import slug, write_brief_pdf
from netjournal.services.brief import person_brief
from netjournal.services.demo import create_demo_journal
from netjournal.services.journal import Journal
from netjournal.services.people import list_people
from netjournal.services.period_review import period_review
from netjournal.services.periods import parse_period

OUT = Path(__file__).resolve().parent / "reviews"
PASSPHRASE = "demo reviews passphrase 7 quietly"


def _pngs(pdf: Path) -> int:
    for old in OUT.glob(f"{pdf.stem}-page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(OUT / f"{pdf.stem}-page")], check=True)
    return len(list(OUT.glob(f"{pdf.stem}-page-*.png")))


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication([])
    OUT.mkdir(exist_ok=True)
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.netjournal"
        create_demo_journal(path, PASSPHRASE, "small", seed=7)  # dated relative to today
        with Journal.open(path, PASSPHRASE) as journal:
            # The person with the most exchanges: the brief with the most to show.
            person = max(list_people(journal), key=lambda p: (p.given + p.received, p.name))
            brief = person_brief(journal, person.id, today)
            started = time.perf_counter()
            review = period_review(journal, parse_period(str(today.year), today), today)
            gathered = time.perf_counter() - started
    brief_pdf = write_brief_pdf(brief, OUT / f"brief-{slug(person.name)}.pdf", paper=Paper.A4, force=True)
    started = time.perf_counter()
    review_pdf = write_review_pdf(review, OUT / default_file_name(review.period), paper=Paper.A4, force=True)
    rendered = time.perf_counter() - started
    for pdf in (brief_pdf, review_pdf):
        print(f"Wrote {pdf} and {_pngs(pdf)} page PNGs.")
    print(f"The {review.period.label} review: gathered in {gathered:.2f} s, rendered and written in {rendered:.2f} s.")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
