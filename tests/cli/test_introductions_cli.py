"""``introduced``, ``introductions``, ``outcome`` and ``delete introduction``: introductions between others."""

from __future__ import annotations


def test_introduced_keeps_one_between_others_and_says_who_was_added(made, run_cli, rows):
    assert run_cli("--journal", made, "touch", "--with", "Ana Silva", "coffee").code == 0
    result = run_cli(
        "--journal", made, "introduced", "--by", "ana s", "--whom", "Ben Okafor", "--to", "Chen Wei",
        "--date", "2026-03-02", "for", "Chen's", "seed", "round",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Saved introduction #1: Ana Silva introduced Ben Okafor to Chen Wei.",
        "Using Ana Silva for “ana s”.",
        "Added Ben Okafor as a new person.",
        "Added Chen Wei as a new person.",
    ]
    assert rows(made, "SELECT date, summary, outcome FROM brokered_introduction") == [
        ("2026-03-02", "for Chen's seed round", "")
    ]
    # Not value given or received, and nobody's last contact.
    assert rows(made, "SELECT count(*) FROM exchange") == [(0,)]


def test_the_same_person_twice_is_refused_and_nobody_is_added(made, run_cli, rows, one_error_line):
    result = run_cli("--journal", made, "introduced", "--by", "Ana", "--whom", "Ben", "--to", "Ben", "hello")
    assert result.code != 0
    one_error_line(result.err, "two different people")
    assert rows(made, "SELECT count(*) FROM person") == [(0,)]


def test_introductions_lists_all_three_kinds_and_outcome_records_what_came_of_one(made, run_cli):
    run_cli("--journal", made, "log", "--gave", "--kind", "introduction", "--with", "Ana Silva", "--second",
            "Tom Reyes", "--date", "2026-01-10", "Ana to Tom about hiring")  # fmt: skip
    run_cli("--journal", made, "introduced", "--by", "Ana Silva", "--whom", "Tom Reyes", "--to", "Lee Park",
            "--date", "2026-02-01", "for Lee's data team")  # fmt: skip
    assert run_cli("--journal", made, "outcome", "introduction", "1", "Lee", "hired", "Tom").code == 0
    listed = run_cli("--journal", made, "introductions")
    assert listed.code == 0
    assert listed.out.splitlines() == [
        "1 made, 0 received, 1 between others; 1 without a word on what came of it.",
        "2026-02-01  Ana Silva introduced Tom Reyes to Lee Park: for Lee's data team  [introduction #1]",
        "            came of it: Lee hired Tom",
        "2026-01-10  you introduced Ana Silva to Tom Reyes: Ana to Tom about hiring  [exchange #1]",
    ]
    shown = run_cli("--journal", made, "show", "Lee Park")
    assert "⇄ Ana Silva introduced Tom Reyes to Lee Park: for Lee's data team  [introduction #1]" in shown.out


def test_delete_introduction_takes_one_between_others(made, run_cli, rows):
    run_cli("--journal", made, "introduced", "--by", "Ana", "--whom", "Ben", "--to", "Chen", "for", "a", "grant")
    result = run_cli("--journal", made, "delete", "introduction", "1", "--yes")
    assert result.code == 0, result.err
    assert result.out.strip() == "Deleted introduction #1, “for a grant”."
    assert rows(made, "SELECT count(*) FROM brokered_introduction") == [(0,)]
    assert rows(made, "SELECT entity FROM tombstone") == [("brokered_introduction",)]


def test_deleting_the_one_who_made_it_says_their_introductions_go(made, run_cli):
    run_cli("--journal", made, "introduced", "--by", "Ana", "--whom", "Ben", "--to", "Chen", "for", "a", "grant")
    result = run_cli("--journal", made, "delete", "person", "Ben", "--yes")
    assert result.out.splitlines()[0] == "Ben goes; 1 introduction others made for them stays without the link."
    result = run_cli("--journal", made, "delete", "person", "Ana", "--yes")
    assert result.out.splitlines()[0] == "Ana goes, with 1 introduction they made."
