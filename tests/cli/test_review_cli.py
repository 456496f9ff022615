"""``netjournal review``: a person brief as PDF from the command line; bad input writes nothing."""

from __future__ import annotations

import datetime as dt
import shutil
import stat

import pypdf
import pytest

MARKER = "Quokka-Harbour-5521"

# The command makes a QGuiApplication when there is none; in this process the one it
# finds must be pytest-qt's QApplication, which the widget tests after this module need.
pytestmark = pytest.mark.usefixtures("qapp")


def _journal(jpath, two_anas_template, env_passphrase):
    shutil.copyfile(two_anas_template, jpath)
    return jpath


def _files(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


def test_review_writes_the_brief_in_a_fresh_process_without_a_display(
    jpath, tmp_path, two_anas_template, cli_passphrase, sub, run_cli, env_passphrase
):
    _journal(jpath, two_anas_template, env_passphrase)
    assert run_cli("--journal", jpath, "touch", "--with", "Ana Silva", f"Talked about {MARKER}").code == 0
    out = tmp_path / "briefs"
    out.mkdir()
    done = sub("--journal", jpath, "review", "--person", "ana", "s", "--out", out, "--paper", "letter",
               passphrase=cli_passphrase)  # fmt: skip
    assert done.returncode == 0, done.stderr
    written = out / f"brief-ana-silva-{dt.date.today().isoformat()}.pdf"
    assert _files(out) == [written.name]
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    reader = pypdf.PdfReader(written)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert MARKER in text and "Brief: Ana Silva" in text
    assert round(float(reader.pages[0].mediabox.width)) == 612  # Letter, as asked
    for path in tmp_path.rglob("*"):
        if path.is_file() and path != written:
            assert MARKER.encode() not in path.read_bytes(), path


def test_an_existing_file_needs_force(
    jpath, tmp_path, two_anas_template, env_passphrase, run_cli, one_error_line, qapp
):
    # qapp: rendering in this process reuses pytest-qt's QApplication; a QGuiApplication
    # made by the command would outlive the test and abort the widget tests after it.
    _journal(jpath, two_anas_template, env_passphrase)
    target = tmp_path / "mine.pdf"
    target.write_text("keep me")
    result = run_cli("--journal", jpath, "review", "--person", "Ana Reyes", "--out", target)
    assert result.code == 1
    one_error_line(result.err, "already exists", "--force")
    assert target.read_text() == "keep me"
    forced = run_cli("--journal", jpath, "review", "--person", "Ana Reyes", "--out", target, "--force")
    assert forced.code == 0, forced.err
    assert target.read_bytes().startswith(b"%PDF")


def test_bad_people_and_folders_write_nothing(
    jpath, tmp_path, two_anas_template, env_passphrase, run_cli, one_error_line
):
    _journal(jpath, two_anas_template, env_passphrase)
    before = _files(tmp_path)
    out = tmp_path / "x.pdf"
    ambiguous = run_cli("--journal", jpath, "review", "--person", "Ana", "--out", out)
    assert ambiguous.code == 1
    one_error_line(ambiguous.err, "more than one person", "Ana Reyes", "Ana Silva")
    unknown = run_cli("--journal", jpath, "review", "--person", "Nobody", "--out", out)
    assert unknown.code == 1
    one_error_line(unknown.err, "Nobody", "nothing was written")
    (tmp_path / "a-file").write_text("")
    under_file = run_cli("--journal", jpath, "review", "--person", "Ana Silva", "--out", tmp_path / "a-file" / "x.pdf")
    assert under_file.code == 1
    one_error_line(under_file.err, "does not exist")
    missing = run_cli("--journal", jpath, "review", "--person", "Ana Silva", "--out", tmp_path / "no" / "x.pdf")
    assert missing.code == 1
    one_error_line(missing.err, "does not exist")
    assert _files(tmp_path) == sorted([*before, "a-file"])


def test_review_is_listed_and_other_commands_stay_free_of_qt(sub, jpath, cli_passphrase):
    import subprocess
    import sys

    probe = subprocess.run(
        [sys.executable, "-c", "import sys; from netjournal.cli import commands; print('PySide6' in sys.modules)"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert probe.stdout.strip() == "False", probe.stderr
    helped = sub("review", "--help")
    assert helped.returncode == 0 and "--paper" in helped.stdout


def test_review_of_a_period_writes_the_pdf_with_the_reflection(
    jpath, tmp_path, two_anas_template, env_passphrase, run_cli, qapp
):
    _journal(jpath, two_anas_template, env_passphrase)
    reflected = run_cli("--journal", jpath, "reflect", f"Thinking about {MARKER}", "--date", "2024-03-05")
    assert reflected.code == 0, reflected.err
    out = tmp_path / "reviews"
    out.mkdir()
    done = run_cli("--journal", jpath, "review", "--period", "2024-Q1", "--out", out, "--paper", "a4")
    assert done.code == 0, done.err
    written = out / "review-2024-Q1.pdf"
    assert _files(out) == [written.name]
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    reader = pypdf.PdfReader(written)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Review of Q1 2024 (January–March)" in text and MARKER in text
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4, as asked
    ranged = run_cli("--journal", jpath, "review", "--period", "2024-03-01..2024-03-31", "--out", out)
    assert ranged.code == 0, ranged.err
    assert _files(out) == sorted([written.name, "review-2024-03-01-to-2024-03-31.pdf"])
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.parent != out:
            assert MARKER.encode() not in path.read_bytes(), path


def test_bad_periods_write_nothing(jpath, tmp_path, two_anas_template, env_passphrase, run_cli, one_error_line):
    _journal(jpath, two_anas_template, env_passphrase)
    before = _files(tmp_path)
    out = tmp_path / "x.pdf"
    for period, fragment in (
        ("2024-Q5", "no Q5"),
        ("2024-13", "no month 13"),
        ("", "Say which period"),
        ("   ", "Say which period"),
        ("last year", "not a period"),
        ("2024-06-30..2024-01-01", "swap the dates"),
        (f"{dt.date.today().year + 1}", "has not begun yet"),
    ):
        result = run_cli("--journal", jpath, "review", "--period", period, "--out", out)
        assert result.code == 1, (period, result.err)
        one_error_line(result.err, fragment)
    missing = run_cli("--journal", jpath, "review", "--period", "2024", "--out", tmp_path / "no" / "x.pdf")
    assert missing.code == 1
    one_error_line(missing.err, "does not exist")
    assert _files(tmp_path) == before


def test_exactly_one_of_person_and_period(jpath, two_anas_template, env_passphrase, run_cli, tmp_path):
    _journal(jpath, two_anas_template, env_passphrase)
    before = _files(tmp_path)
    both = run_cli("--journal", jpath, "review", "--person", "Ana Silva", "--period", "2024")
    assert both.code == 2 and "not allowed with" in both.err and "Traceback" not in both.err
    neither = run_cli("--journal", jpath, "review")
    assert neither.code == 2 and "one of the arguments --person --period is required" in neither.err
    assert _files(tmp_path) == before


def test_review_of_a_period_in_a_fresh_process_with_no_display_at_all(
    jpath, tmp_path, two_anas_template, cli_passphrase, sub, env_passphrase, monkeypatch
):
    """Nothing says offscreen to the child: the command itself must find there is no display."""
    _journal(jpath, two_anas_template, env_passphrase)
    for variable in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(variable, raising=False)
    out = tmp_path / "reviews"
    out.mkdir()
    done = sub("--journal", jpath, "review", "--period", "2024-Q1", "--out", out, passphrase=cli_passphrase)
    assert done.returncode == 0, done.stderr
    written = out / "review-2024-Q1.pdf"
    assert _files(out) == [written.name]
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(written).pages)
    assert "Review of" in text and "Exchanges given" in text
