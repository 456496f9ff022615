"""``netjournal import``: every sample file end to end; a second import changes nothing; a bad file writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import file_digests

from netjournal.services import people
from netjournal.services.journal import Journal

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"


def _people(path: Path, passphrase: str) -> dict[str, tuple]:
    """Every person as (organisation, role, how met, tags, details), by name."""
    with Journal.open(path, passphrase) as journal:
        found = {}
        for row in people.list_people(journal):
            person = people.get_person(journal, row.id)
            details = tuple((d.field.value, d.value, d.label) for d in person.details)
            found[person.name] = (person.organisation, person.role, person.how_met, person.tags, details)
        return found


def _export(run_cli, path: Path) -> dict:
    result = run_cli("--journal", path, "export", "-")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    document.pop("exported_at")
    return document


# file, extra arguments, the people it makes (name -> organisation, role, how met, tags, details), skipped
CASES = [
    (
        "linkedin-connections.csv",
        (),
        {
            "Amara Okafor": ("Brightwater Analytics, Inc.", "Head of Data", "Connected on LinkedIn on 25 May 2023",
                             (), (("web", "https://www.linkedin.com/in/amara-okafor-example", "LinkedIn"),)),
        },
        1,
    ),
    (
        "spreadsheet-semicolon.csv",
        ("--map", "Met=met_on"),
        {
            "Inês Duarte": ("Duarte Ceramics", "", "Met on 14 March 2023", (), (("email", "ines@duarte.example", ""),)),
            "George Papadopoulos": ("Aegean Shipping, S.A.", "", "Met on 2 November 2022", (),
                                    (("email", "george@aegean.example", ""),)),
        },
        1,
    ),
]  # fmt: skip


@pytest.mark.parametrize(("sample", "extra", "expected", "skipped"), CASES, ids=[c[0] for c in CASES])
def test_a_sample_imports_exactly_and_a_second_import_changes_nothing(
    made, run_cli, cli_passphrase, sample, extra, expected, skipped
):
    result = run_cli("--journal", made, "import", SAMPLES / sample, *extra)
    assert result.code == 0, result.err
    assert f"{skipped} skipped" in result.out.splitlines()[-2]
    imported = _people(made, cli_passphrase)
    for name, fields in expected.items():
        assert imported[name] == fields, name
    before = _export(run_cli, made)
    again = run_cli("--journal", made, "import", SAMPLES / sample, *extra)
    assert again.code == 0, again.err
    assert "Nothing to import" in again.out
    assert _export(run_cli, made) == before


def test_a_dry_run_lists_what_would_happen_and_writes_nothing(made, run_cli):
    before = file_digests(made.parent)
    result = run_cli("--journal", made, "import", SAMPLES / "linkedin-connections.csv", "--dry-run")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].endswith("(LinkedIn connections, 7 entries): 6 people to add, 0 people to update, 1 entry skipped.")
    assert lines[1] == "To add:" and lines[2].split() == ["line", "5", "Amara", "Okafor"]
    assert lines[-1] == "Dry run: nothing was written."
    assert file_digests(made.parent) == before


@pytest.mark.parametrize(
    ("sample", "message"),
    [
        ("binary.csv", "binary"),
        ("truncated.csv", "line 3"),
        ("wrong-encoding.csv", "line"),
    ],
)
def test_a_file_that_cannot_be_imported_is_named_and_the_journal_is_untouched(
    made, run_cli, one_error_line, sample, message
):
    before = file_digests(made.parent)
    result = run_cli("--journal", made, "import", SAMPLES / sample)
    assert result.code == 1
    one_error_line(result.err, sample, message)
    assert file_digests(made.parent) == before


def test_ten_thousand_columns_are_refused(made, run_cli, one_error_line, tmp_path):
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"Column {n}" for n in range(10_000)) + "\n" + ",".join("x" * 10_000) + "\n")
    before = file_digests(made.parent)
    result = run_cli("--journal", made, "import", wide)
    assert result.code == 1
    one_error_line(result.err, "wide.csv", "10,000 columns")
    assert file_digests(made.parent) == before


def test_a_mapping_to_an_unknown_field_is_refused(made, run_cli, one_error_line):
    result = run_cli("--journal", made, "import", SAMPLES / "spreadsheet-semicolon.csv", "--map", "Met=birthplace")
    assert result.code == 1
    one_error_line(result.err, "birthplace")
