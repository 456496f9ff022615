"""``netjournal people`` and ``netjournal person``: listing, filtering, showing and editing people."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from netjournal.services import entries, people
from netjournal.services.journal import Journal

TODAY = dt.date.today()


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def crowd(made, cli_passphrase):
    """Ana (rhythm 30, last 100 days ago), Tom (rhythm 60, 70 ago), Lea (no rhythm), Old (archived)."""
    with Journal.open(made, cli_passphrase) as journal:
        for name, org, tags, rhythm, days, archived in (
            ("Ana Silva", "Northwind", ["clients", "vc"], 30, 100, False),
            ("Tom Reyes", "Fieldmark", ["clients"], 60, 70, False),
            ("Lea Marchetti", "", [], None, 3, False),
            ("Old Friend", "Gone Ltd", ["clients"], 10, 400, True),
        ):
            pid = people.add_person(
                journal,
                people.PersonInput(name=name, organisation=org, tags=tags, cadence_days=rhythm, archived=archived),
            )
            entries.add_touchpoint(journal, pid, "Coffee", date=_ago(days))
    return made


def test_people_lists_everyone_but_the_archived_with_last_contact_and_overdue_mark(crowd, run_cli):
    result = run_cli("--journal", crowd, "people")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert [line.split("  ")[0].strip() for line in lines] == ["Ana Silva", "Lea Marchetti", "Tom Reyes"]
    ana = lines[0]
    assert "Northwind" in ana and f"last {_ago(100).isoformat()} (100 days ago)" in ana
    assert ana.endswith("[overdue by 70 days]")
    assert "overdue" not in lines[1]


def test_people_archived_adds_them_marked(crowd, run_cli):
    result = run_cli("--journal", crowd, "people", "--archived")
    old = next(line for line in result.out.splitlines() if line.startswith("Old Friend"))
    assert old.endswith("[overdue by 390 days; archived]")


def test_people_overdue_most_overdue_first_and_tag_filter(crowd, run_cli):
    overdue = run_cli("--journal", crowd, "people", "--overdue")
    assert [line.split("  ")[0] for line in overdue.out.splitlines()] == ["Ana Silva", "Tom Reyes"]
    assert "overdue by 10 days" in overdue.out.splitlines()[1]
    tagged = run_cli("--journal", crowd, "people", "--tag", "VC")
    assert [line.split("  ")[0] for line in tagged.out.splitlines()] == ["Ana Silva"]
    nobody = run_cli("--journal", crowd, "people", "--tag", "nobody-has-it")
    assert nobody.code == 0
    assert nobody.out == "Nobody is tagged \u201cnobody-has-it\u201d.\n"


def test_people_json_is_an_array_of_the_documented_objects(crowd, run_cli):
    result = run_cli("--journal", crowd, "people", "--json", "--overdue", "--archived")
    objects = json.loads(result.out)
    assert [o["name"] for o in objects] == ["Old Friend", "Ana Silva", "Tom Reyes"]
    ana = objects[1]
    assert ana == {
        "id": ana["id"],
        "name": "Ana Silva",
        "organisation": "Northwind",
        "role": "",
        "tags": ["clients", "vc"],
        "rhythm_days": 30,
        "last_contact": _ago(100).isoformat(),
        "days_since_contact": 100,
        "overdue_days": 70,
        "archived": False,
        "given": 0,
        "received": 0,
    }
    help_text = run_cli("people", "--help").out
    for key in ana:
        assert key in help_text, key
    assert json.loads(run_cli("--journal", crowd, "people", "--json", "--tag", "none-such").out) == []


def test_people_json_escapes_what_could_steer_a_terminal(made, run_cli, cli_passphrase):
    with Journal.open(made, cli_passphrase) as journal:
        people.add_person(journal, people.PersonInput(name="Ana \x9b31m Silva\u202e", organisation="Ac\x1bme"))
    result = run_cli("--journal", made, "people", "--json")
    assert "\x9b" not in result.out and "\u202e" not in result.out and "\x1b" not in result.out
    assert json.loads(result.out)[0]["name"] == "Ana \x9b31m Silva\u202e"


def test_person_shows_fields_details_tags_and_rhythm(crowd, run_cli):
    result = run_cli("--journal", crowd, "person", "Ana", "Silva")
    assert result.code == 0, result.err
    assert result.out.splitlines()[:4] == [
        "Ana Silva",
        "Organisation: Northwind",
        "Tags: clients, vc",
        "Keep in touch every 30 days",
    ]
    assert f"Last contact: {_ago(100).isoformat()}" in result.out


def test_person_edits_fields_tags_rhythm_archive_and_details(crowd, run_cli, rows):
    result = run_cli(
        "--journal", crowd, "person", "Tom Reyes",
        "--role", "Partner", "--organisation", "Fieldmark Capital", "--tag", "board", "--untag", "CLIENTS",
        "--rhythm", "none", "--archive", "--email", "tom@fieldmark.example", "--notes", "Met at the summit",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.startswith("Updated Tom Reyes.\nTom Reyes  (archived)\n")
    assert "Email: tom@fieldmark.example" in result.out
    sql = "SELECT role, organisation, tags, cadence_days, archived, notes FROM person WHERE name = ?"
    assert rows(crowd, sql, params=("Tom Reyes",)) == [
        ("Partner", "Fieldmark Capital", "board", None, 1, "Met at the summit")
    ]
    renamed = run_cli(
        "--journal", crowd, "person", "Tom Reyes", "--name", "Thomas Reyes", "--unarchive", "--rhythm", "45"
    )
    assert renamed.code == 0, renamed.err
    assert rows(crowd, "SELECT name, cadence_days, archived FROM person WHERE role = 'Partner'") == [
        ("Thomas Reyes", 45, 0)
    ]


def test_person_says_whom_a_partial_name_chose(crowd, run_cli):
    result = run_cli("--journal", crowd, "person", "ana s")
    assert result.out.splitlines()[0] == "Using Ana Silva for \u201cana s\u201d."
    whole = run_cli("--journal", crowd, "person", "Silva")
    assert whole.out.splitlines()[0] == "Ana Silva"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["Nobody Here"], "Nobody called \u201cNobody Here\u201d is in this journal."),
        (["Ana", "--rhythm", "often"], "The rhythm is a number of days, or none"),
        (["Ana", "--rhythm", "5000"], "between 1 and 3650 days"),
    ],
    ids=["unknown", "rhythm-word", "rhythm-too-long"],
)
def test_person_refusals_change_nothing(crowd, run_cli, rows, one_error_line, argv, fragment):
    before = rows(crowd, "SELECT * FROM person ORDER BY id")
    result = run_cli("--journal", crowd, "person", *argv)
    assert result.code == 1
    one_error_line(result.err, fragment)
    assert rows(crowd, "SELECT * FROM person ORDER BY id") == before
