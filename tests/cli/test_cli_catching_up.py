"""The command line catching up: delete, loop --done, demo --journal, reflect, names said back, help everywhere."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil

import pytest

from netjournal.cli.parser import build_parser


@pytest.fixture
def two_anas(two_anas_template, jpath, env_passphrase):
    """Ana Silva (exchange #1, received) and Ana Reyes (exchange #2, given)."""
    shutil.copyfile(two_anas_template, jpath)
    return jpath


# -- help for every option ------------------------------------------------------------------------


def _parsers(parser: argparse.ArgumentParser, prog: str = "netjournal"):
    yield prog, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, f"{prog} {name}")


def test_every_option_and_argument_of_every_command_has_help():
    missing = [
        f"{prog} {'/'.join(action.option_strings) or action.dest}"
        for prog, parser in _parsers(build_parser())
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction) and not action.help
    ]
    assert missing == []


def test_help_lists_every_option_with_its_sentence(run_cli):
    for command in ("log", "touch", "loop", "people", "person", "delete", "demo"):
        result = run_cli(command, "--help")
        assert result.code == 0
        for action in next(p for prog, p in _parsers(build_parser()) if prog == f"netjournal {command}")._actions:
            if action.help and action.help != argparse.SUPPRESS:
                first_words = " ".join(action.help.split()[:3])
                assert first_words in " ".join(result.out.split()), (command, action.dest)


# -- demo --journal PATH ----------------------------------------------------------------------------


def test_demo_takes_journal_like_every_other_command(tmp_path, run_cli, env_passphrase, count_rows):
    target = tmp_path / "demo.netjournal"
    result = run_cli("demo", "--journal", target)
    assert result.code == 0, result.err
    assert f"demo journal at {target}" in result.out
    assert count_rows(target, "person") > 0
    before_it = run_cli("--journal", tmp_path / "other.netjournal", "demo")
    assert before_it.code == 0, before_it.err


def test_demo_refuses_two_places_or_none(tmp_path, run_cli, env_passphrase, one_error_line):
    both = run_cli("demo", tmp_path / "a.netjournal", "--journal", tmp_path / "b.netjournal")
    assert both.code == 1
    one_error_line(both.err, "Two places were given")
    neither = run_cli("demo")
    assert neither.code == 1
    one_error_line(neither.err, "Say where to create the demo journal")
    assert list(tmp_path.iterdir()) == [] or all(p.name != "a.netjournal" for p in tmp_path.iterdir())


# -- loop --done -------------------------------------------------------------------------------------


def test_loop_done_closes_a_loop_like_done(made, run_cli, rows):
    assert run_cli("--journal", made, "loop", "--promised", "--with", "Ana Silva", "Send the deck").code == 0
    result = run_cli("--journal", made, "loop", "--done", "1")
    assert result.code == 0, result.err
    assert result.out == "Closed open loop #1.\n"
    assert rows(made, "SELECT done_on FROM open_loop WHERE id = 1") == [(dt.date.today().isoformat(),)]


@pytest.mark.parametrize(
    "argv",
    [
        ["--done", "1", "Send it"],
        ["--done", "1", "--with", "Ana"],
        ["--promised"],
        ["Send it"],
        ["--asked", "--done", "1"],
    ],
    ids=["done-with-what", "done-with-person", "no-what", "no-kind", "kind-and-done"],
)
def test_loop_usage_errors_exit_2(made, run_cli, count_rows, argv):
    result = run_cli("--journal", made, "loop", *argv)
    assert result.code == 2
    assert "usage: netjournal loop" in result.err
    assert count_rows(made, "open_loop") == 0


# -- reflect -----------------------------------------------------------------------------------------


def test_reflect_about_someone_and_about_nobody(two_anas, run_cli, rows):
    about = run_cli("--journal", two_anas, "reflect", "--about", "ana s", "I ask Ana for more than I offer")
    assert about.code == 0, about.err
    assert about.out == "Saved reflection #1.\nUsing Ana Silva for \u201cana s\u201d.\n"
    plain = run_cli("--journal", two_anas, "reflect", "Quiet month; I wrote to nobody")
    assert plain.code == 0, plain.err
    assert plain.out == "Saved reflection #2.\n"
    assert rows(
        two_anas, "SELECT r.id, p.name FROM reflection r LEFT JOIN person p ON p.id = r.person_id ORDER BY r.id"
    ) == [
        (1, "Ana Silva"),
        (2, None),
    ]


# -- --with says whom a partial name chose -------------------------------------------------------------


def test_with_a_partial_word_says_whom_it_chose(two_anas, run_cli):
    result = run_cli("--journal", two_anas, "touch", "--with", "ana s", "Coffee at the summit")
    assert result.code == 0, result.err
    assert result.out == "Saved touchpoint #1 with Ana Silva.\nUsing Ana Silva for \u201cana s\u201d.\n"


def test_with_whole_words_chooses_quietly(two_anas, run_cli):
    result = run_cli("--journal", two_anas, "touch", "--with", "silva", "Coffee at the summit")
    assert result.out == "Saved touchpoint #1 with Ana Silva.\n"


def test_with_a_prefix_of_several_lists_the_candidates(two_anas, run_cli, one_error_line, count_rows):
    result = run_cli("--journal", two_anas, "log", "--gave", "--with", "an", "--kind", "advice", "Pricing advice")
    assert result.code == 1
    one_error_line(result.err, "Ana Reyes", "Ana Silva")
    assert count_rows(two_anas, "exchange") == 2


def test_log_says_whom_both_partial_names_chose(two_anas, run_cli):
    result = run_cli(
        "--journal", two_anas, "log", "--gave", "--with", "ana s", "--second", "ana r", "--kind", "introduction",
        "Introduced Ana Silva to Ana Reyes about the Lisbon office lease",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "Using Ana Silva for \u201cana s\u201d.\nUsing Ana Reyes for \u201cana r\u201d.\n" in result.out


# -- delete --------------------------------------------------------------------------------------------


def test_delete_person_says_what_goes_and_needs_yes_without_a_terminal(two_anas, run_cli, rows, one_error_line):
    refused = run_cli("--journal", two_anas, "delete", "person", "Ana", "Silva")
    assert refused.code == 1
    assert refused.out == "Ana Silva goes, with 1 exchange.\n"
    one_error_line(refused.err, "Nothing was deleted: add --yes")
    result = run_cli("--journal", two_anas, "delete", "person", "Ana Silva", "--yes")
    assert result.code == 0, result.err
    assert result.out.endswith("Deleted Ana Silva.\n")
    assert rows(two_anas, "SELECT name FROM person") == [("Ana Reyes",)]
    assert rows(two_anas, "SELECT id FROM exchange") == [(2,)]


def test_delete_with_yes_takes_a_whole_name_not_the_start_of_one(two_anas, run_cli, rows, one_error_line):
    """Found in review: `delete person a --yes` deleted whoever "a" started, told only afterwards."""
    result = run_cli("--journal", two_anas, "delete", "person", "Ana S", "--yes")
    assert result.code == 1
    one_error_line(result.err, "only the start of Ana Silva's name", "Nothing was deleted")
    assert sorted(rows(two_anas, "SELECT name FROM person")) == [("Ana Reyes",), ("Ana Silva",)]


def test_delete_person_asks_on_a_terminal(two_anas, run_cli, monkeypatch, rows):
    monkeypatch.setattr("netjournal.cli.people_commands.interactive", lambda: True)
    kept = run_cli("--journal", two_anas, "delete", "person", "Ana Reyes", stdin="n\n")
    assert kept.code == 1
    assert kept.out.endswith("Nothing was deleted.\n")
    gone = run_cli("--journal", two_anas, "delete", "person", "Ana Reyes", stdin="y\n")
    assert gone.code == 0, gone.err
    assert rows(two_anas, "SELECT name FROM person") == [("Ana Silva",)]


@pytest.mark.parametrize("argv", [["exchange", "2"], ["entry", "exchange", "#2"]], ids=["kind", "entry-kind"])
def test_delete_entry(two_anas, run_cli, rows, argv):
    result = run_cli("--journal", two_anas, "delete", *argv, "--yes")
    assert result.code == 0, result.err
    assert result.out == "Deleted exchange #2, \u201cAdvice on the Acme offer for Ana Reyes\u201d.\n"
    assert rows(two_anas, "SELECT id FROM exchange") == [(1,)]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["exchange", "9", "--yes"], "There is no exchange #9; nothing was deleted."),
        (["loop", "x", "--yes"], "Say which open loop by its number"),
        (["entry", "person", "2"], "Say which kind of entry"),
        (["person", "Nobody", "--yes"], "Nobody called \u201cNobody\u201d"),
        (["person", "Ana", "--yes"], "matches more than one person"),
    ],
    ids=["no-such-entry", "not-a-number", "entry-without-kind", "no-such-person", "ambiguous"],
)
def test_delete_refusals_delete_nothing(two_anas, run_cli, count_rows, one_error_line, argv, fragment):
    result = run_cli("--journal", two_anas, "delete", *argv)
    assert result.code == 1
    one_error_line(result.err, fragment)
    assert (count_rows(two_anas, "person"), count_rows(two_anas, "exchange")) == (2, 2)


@pytest.mark.parametrize("option", ["--journal", "--journ", "--jour"])
def test_an_abbreviated_journal_option_still_takes_its_path(option, made, run_cli):
    result = run_cli(option, made, "people")
    assert result.code == 0, result.err


def test_a_path_after_an_abbreviated_journal_option_is_left_to_it():
    from netjournal.cli.parser import build_parser, journal_as_option

    names = build_parser().command_names
    assert journal_as_option(["--jour", "x.netjournal"], names) == ["--jour", "x.netjournal"]
    assert journal_as_option(["x.netjournal"], names) == ["--journal", "x.netjournal"]
