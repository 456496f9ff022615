"""Make docs/reviews/brief-<person>.pdf from the small demo journal, and PNGs of its pages to look at.

Run from the repository root: ``python docs/make_reviews.py``.  The demo journal
lives in a temporary folder removed afterwards; pdftoppm (poppler-utils) makes the PNGs.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtGui import QGuiApplication

from netjournal.exports.pdf_document import Paper
from netjournal.exports.person_brief_pdf import slug, write_brief_pdf
from netjournal.services.brief import person_brief
from netjournal.services.demo import create_demo_journal
from netjournal.services.journal import Journal
from netjournal.services.people import list_people

OUT = Path(__file__).resolve().parent / "reviews"
PASSPHRASE = "demo reviews passphrase 7 quietly"


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication([])
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.netjournal"
        create_demo_journal(path, PASSPHRASE, "small", seed=7)
        with Journal.open(path, PASSPHRASE) as journal:
            # The person with the most exchanges: the brief with the most to show.
            person = max(list_people(journal), key=lambda p: (p.given + p.received, p.name))
            brief = person_brief(journal, person.id, dt.date.today())
    pdf = write_brief_pdf(brief, OUT / f"brief-{slug(person.name)}.pdf", paper=Paper.A4, force=True)
    for old in OUT.glob(f"{pdf.stem}-page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(OUT / f"{pdf.stem}-page")], check=True)
    print(f"Wrote {pdf} and {len(list(OUT.glob(f'{pdf.stem}-page-*.png')))} page PNGs.")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
