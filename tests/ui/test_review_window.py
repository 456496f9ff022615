"""People → Brief as PDF… writes the brief on a worker where the user chose, and offers to open it."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox, QPushButton

from netjournal.services.people import find_person


def text_of(path: Path) -> str:
    raw = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", raw).split())


def test_a_brief_from_the_window_is_written_off_the_gui_thread(qtbot, window, tmp_path: Path) -> None:
    ana = find_person(window.session.journal, "Ana Silva")
    assert ana is not None
    window.workspace.select_person(ana.id)
    destination = tmp_path / "out" / "brief-ana.pdf"
    destination.parent.mkdir()
    with qtbot.waitSignal(window.session.busy_ended, timeout=30_000):
        window.reviews.brief_person(destination=destination)
        assert window.session.busy  # the presenter reads through the worker, the window keeps off
        assert window.reviews.progress is not None and window.reviews.progress.isVisible()
    qtbot.waitUntil(lambda: window.reviews.written == destination, timeout=10_000)
    assert window.reviews.progress is None
    assert "Ana Silva" in text_of(destination)
    assert destination.stat().st_mode & 0o777 == 0o600
    box = window.findChild(QMessageBox, "pdfWritten")
    assert box is not None and "Open it" in [b.text().replace("&", "") for b in box.buttons()]
    box.reject()
    assert "not encrypted" in window.info.label.text()


def test_the_relationship_panel_asks_where_then_writes_the_brief(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    chosen = tmp_path / "from-the-panel.pdf"
    suggested: list[str] = []

    def save_file_name(_parent, _title, start, _filter):
        suggested.append(start)
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_file_name)
    ana = find_person(window.session.journal, "Ana Silva")
    window.workspace.select_person(ana.id)
    window.workspace.relationship.findChild(QPushButton, "briefPdfButton").click()
    qtbot.waitUntil(lambda: window.reviews.written == chosen, timeout=30_000)
    assert Path(suggested[0]).name.startswith("brief-ana-silva-")
    assert "Ana Silva" in text_of(chosen)


def test_a_period_review_from_the_window_asks_for_the_period_then_writes_it(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    import datetime as dt

    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from netjournal.ui.shell.review_commands import period_suggestions
    from netjournal.ui.widgets import messages

    year = str(dt.date.today().year)
    answers = iter(["2026-Q5", year])  # first a period that is not one, then this year
    offered: list[list[str]] = []
    refused: list[str] = []

    def get_item(_parent, _title, _label, items, _current, _editable):
        offered.append(list(items))
        return next(answers), True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    monkeypatch.setattr(messages, "show_error", lambda _p, _t, text: refused.append(text))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(tmp_path / "review.pdf"), ""))
    window.window_actions.review_period.trigger()
    qtbot.waitUntil(lambda: window.reviews.written == tmp_path / "review.pdf", timeout=30_000)
    assert offered[0] == period_suggestions(dt.date.today()) and offered[0][0] == year
    assert len(refused) == 1 and ("Q5" in refused[0] or "quarter" in refused[0])
    assert f"Review of {year}" in text_of(tmp_path / "review.pdf")
