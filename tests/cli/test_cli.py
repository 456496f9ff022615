"""The command line doing its job: init, log, touch, loop, search, show, prompts, passwd, backup, keychain, demo."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import sys
from pathlib import Path

import pytest

import netjournal
from netjournal.cli import passphrase as cli_passphrase
from netjournal.services.journal import Journal
from netjournal.store.database import DEFAULT_KDF_ITER, PLAINTEXT_HEADER, TEST_KDF_VARIABLE
from netjournal.store.errors import WrongPassphraseError

SPECIFIC = "Reviewed the Series A pitch deck for Northwind because the raise closes in June; they signed on 3 July"
INTRO = "Walked Bob Ng through the Kubernetes migration plan because his team starts in March; led to 2 fixes"
NEW_PASSPHRASE = "violet harbour 93 slowly"


def log(run_cli, path, *args, direction="--gave", kind="advice", summary=SPECIFIC, stdin=""):
    return run_cli("--journal", path, "log", direction, "--kind", kind, *args, summary, stdin=stdin)


# -- version and init -----------------------------------------------------------------------------------


def test_version_prints_the_package_version(run_cli):
    result = run_cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"netjournal {netjournal.__version__}"


def test_init_creates_an_encrypted_journal(jpath, run_cli, env_passphrase, count_rows):
    result = run_cli("--journal", jpath, "init")
    assert result.code == 0, result.err
    assert f"Created an encrypted journal at {jpath}" in result.out
    assert result.err == ""
    head = jpath.read_bytes()[: len(PLAINTEXT_HEADER)]
    assert head != PLAINTEXT_HEADER
    assert count_rows(jpath, "person") == 0
    with pytest.raises(WrongPassphraseError):
        Journal.open(jpath, "not the passphrase")


def test_init_uses_the_default_key_derivation_cost(jpath, run_cli, env_passphrase, monkeypatch, sub, cli_kdf_iter):
    """Without the test-only variable, as for every user, the CLI makes and opens journals at SQLCipher's cost."""
    monkeypatch.delenv(TEST_KDF_VARIABLE)
    result = run_cli("--journal", jpath, "init")
    assert result.code == 0, result.err
    with pytest.raises(WrongPassphraseError):
        Journal.open(jpath, env_passphrase, kdf_iter=cli_kdf_iter)
    Journal.open(jpath, env_passphrase, kdf_iter=DEFAULT_KDF_ITER).close()
    found = sub("--journal", jpath, "search", "x", passphrase=env_passphrase, kdf_iter=None)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "No matches."


def test_init_without_journal_option_uses_the_data_folder(run_cli, env_passphrase):
    result = run_cli("init")
    assert result.code == 0, result.err
    created = [p for p in Path(os.environ["XDG_DATA_HOME"]).rglob("*.netjournal")]
    assert len(created) == 1
    assert str(created[0]) in result.out


def test_init_takes_the_passphrase_typed_twice_on_stdin(jpath, run_cli, count_rows):
    result = run_cli("init", "--journal", jpath, stdin=f"{NEW_PASSPHRASE}\n{NEW_PASSPHRASE}\n")
    assert result.code == 0, result.err
    assert count_rows(jpath, "person", NEW_PASSPHRASE) == 0


def test_init_reads_a_terminal_without_echo(jpath, monkeypatch, capsys, count_rows):
    """On a tty the passphrase goes through getpass, asked twice."""
    from netjournal.cli import main

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked: list[str] = []

    def fake_getpass(prompt: str) -> str:
        asked.append(prompt)
        return NEW_PASSPHRASE

    monkeypatch.setattr(sys, "stdin", Terminal(""))
    monkeypatch.setattr(cli_passphrase.getpass, "getpass", fake_getpass)
    assert main(["--journal", str(jpath), "init"]) == 0
    assert len(asked) == 2
    assert "Type it again" in asked[1]
    assert count_rows(jpath, "person", NEW_PASSPHRASE) == 0


# -- log ---------------------------------------------------------------------------------------------


def test_journal_option_before_and_after_the_subcommand(made, run_cli, count_rows):
    before = run_cli("--journal", made, "log", "--gave", "--with", "Ana Silva", "--kind", "advice", SPECIFIC)
    after = run_cli("log", "--gave", "--with", "Ana Silva", "--kind", "advice", SPECIFIC, "--journal", made)
    middle = run_cli("log", "--journal", made, "--gave", "--with", "Ana Silva", "--kind", "advice", SPECIFIC)
    assert (before.code, after.code, middle.code) == (0, 0, 0), (before.err, after.err, middle.err)
    assert count_rows(made, "exchange") == 3


@pytest.mark.parametrize(
    "argv",
    [
        ("search", "deck", "--journal"),
        ("show", "Ana", "Silva", "--journal"),
        ("prompts", "--date", "2025-03-01", "--journal"),
        ("touch", "--with", "Ana Silva", "coffee", "in", "Lisbon", "--journal"),
    ],
    ids=["search", "show", "prompts", "touch"],
)
def test_journal_option_after_other_commands(made, run_cli, argv):
    assert log(run_cli, made, "--with", "Ana Silva").code == 0
    result = run_cli(*argv, made)
    assert result.code == 0, result.err
    assert result.err == ""


def test_log_creates_an_unknown_person_and_says_so(made, run_cli, rows):
    result = log(run_cli, made, "--with", "Ana Silva")
    assert result.code == 0, result.err
    assert "Saved exchange #1: gave to Ana Silva." in result.out
    assert "Added Ana Silva as a new person." in result.out
    assert rows(made, "SELECT name FROM person") == [("Ana Silva",)]


def test_log_with_a_unique_prefix_goes_to_the_existing_person(made, run_cli, rows):
    log(run_cli, made, "--with", "Ana Silva")
    result = log(run_cli, made, "--with", "ana", direction="--received")
    assert result.code == 0, result.err
    assert "received from Ana Silva" in result.out
    assert "new person" not in result.out
    assert rows(made, "SELECT count(*), count(DISTINCT person_id) FROM exchange") == [(2, 1)]
    assert rows(made, "SELECT name FROM person") == [("Ana Silva",)]


def test_log_with_an_ambiguous_name_lists_the_candidates(made, run_cli, count_rows, one_error_line):
    log(run_cli, made, "--with", "Ana Silva")
    log(run_cli, made, "--with", "Ana Reyes")
    result = log(run_cli, made, "--with", "Ana")
    assert result.code != 0
    one_error_line(result.err, "Ana Silva", "Ana Reyes")
    assert count_rows(made, "exchange") == 2
    assert count_rows(made, "person") == 2


def test_a_vague_summary_prints_specificity_hints(made, run_cli, count_rows):
    result = log(run_cli, made, "--with", "Ana Silva", summary="some stuff")
    assert result.code == 0, result.err
    assert "vague" in result.out
    hints = [line for line in result.out.splitlines() if line.startswith("  - ")]
    assert len(hints) >= 2
    assert count_rows(made, "exchange") == 1  # vague is a hint, not a refusal


def test_a_specific_summary_prints_no_hints(made, run_cli):
    result = log(run_cli, made, "--with", "Ana Silva")
    assert result.code == 0
    assert "vague" not in result.out
    assert "  - " not in result.out


def test_summary_words_are_joined(made, run_cli, rows):
    result = run_cli("--journal", made, "log", "--gave", "--with", "Ana Silva", "--kind", "advice", *SPECIFIC.split())
    assert result.code == 0, result.err
    assert rows(made, "SELECT summary FROM exchange") == [(SPECIFIC,)]


def test_log_date_and_significance_are_stored(made, run_cli, rows):
    result = log(run_cli, made, "--with", "Ana Silva", "--date", "2023-05-10", "--significance", "5")
    assert result.code == 0, result.err
    assert rows(made, "SELECT date, significance, direction, kind FROM exchange") == [
        ("2023-05-10", 5, "given", "advice")
    ]


def test_log_defaults_to_today_and_significance_three(made, run_cli, rows):
    assert log(run_cli, made, "--with", "Ana Silva").code == 0
    assert rows(made, "SELECT date, significance FROM exchange") == [(dt.date.today().isoformat(), 3)]


def test_introduction_with_second_person(made, run_cli, rows):
    result = log(
        run_cli,
        made,
        "--with",
        "Ana Silva",
        "--second",
        "Bob Ng",
        direction="--received",
        kind="introduction",
        summary=INTRO,
    )
    assert result.code == 0, result.err
    assert "Added Ana Silva as a new person." in result.out
    found = rows(
        made,
        "SELECT p.name, s.name FROM exchange e JOIN person p ON p.id = e.person_id "
        "JOIN person s ON s.id = e.second_person_id",
    )
    assert found == [("Ana Silva", "Bob Ng")]
    shown = run_cli("--journal", made, "show", "Ana", "Silva")
    assert "(introduction with Bob Ng)" in shown.out


def test_introduction_to_existing_people_by_prefix(made, run_cli, rows):
    log(run_cli, made, "--with", "Ana Silva")
    log(run_cli, made, "--with", "Bob Ng")
    result = log(run_cli, made, "--with", "ana s", "--second", "bob", kind="introduction", summary=INTRO)
    assert result.code == 0, result.err
    assert rows(made, "SELECT count(*) FROM person") == [(2,)]


def test_network_contribution_with_a_community(made, run_cli, rows):
    result = log(run_cli, made, "--network", "PyData Lisbon", kind="resource")
    assert result.code == 0, result.err
    assert "gave to PyData Lisbon" in result.out
    assert "new person" not in result.out
    assert rows(made, "SELECT person_id, community FROM exchange") == [(None, "PyData Lisbon")]
    assert rows(made, "SELECT count(*) FROM person") == [(0,)]


def test_network_contribution_without_a_community(made, run_cli, rows):
    result = run_cli("--journal", made, "log", "--gave", "--network", "--kind", "resource", SPECIFIC)
    assert result.code == 0, result.err
    assert "the network" in result.out
    assert rows(made, "SELECT person_id, community FROM exchange") == [(None, "")]


def test_returns_links_to_the_earlier_exchange(made, run_cli, rows):
    first = log(run_cli, made, "--with", "Ana Silva", "--date", "2024-01-05", direction="--received")
    assert "#1" in first.out
    second = log(run_cli, made, "--with", "Ana Silva", "--date", "2024-02-05", "--returns", "1")
    assert second.code == 0, second.err
    assert rows(made, "SELECT id, reciprocates_id FROM exchange ORDER BY id") == [(1, None), (2, 1)]


# -- touch and loop -----------------------------------------------------------------------------------


def test_touch_records_a_touchpoint_with_an_existing_person(made, run_cli, rows):
    log(run_cli, made, "--with", "Ana Silva")
    result = run_cli("--journal", made, "touch", "--with", "Ana S", "--date", "2024-03-01", "coffee", "in", "Lisbon")
    assert result.code == 0, result.err
    assert "Saved touchpoint #1 with Ana Silva." in result.out
    assert "new person" not in result.out
    assert rows(made, "SELECT date, note FROM touchpoint") == [("2024-03-01", "coffee in Lisbon")]


def test_touch_creates_an_unknown_person(made, run_cli, rows):
    result = run_cli("--journal", made, "touch", "--with", "Chidi Okafor", "congratulated", "him", "on", "the", "move")
    assert result.code == 0, result.err
    assert "Added Chidi Okafor as a new person." in result.out
    assert rows(made, "SELECT name FROM person") == [("Chidi Okafor",)]


def test_loop_records_an_open_loop(made, run_cli, rows):
    log(run_cli, made, "--with", "Ana Silva")
    result = run_cli(
        "--journal", made, "loop", "--promised", "--with", "Ana Silva", "--due", "2099-01-01", "send", "the", "deck"
    )
    assert result.code == 0, result.err
    assert "Saved open loop #1." in result.out
    assert rows(made, "SELECT loop_kind, what, due_on FROM open_loop") == [("promised", "send the deck", "2099-01-01")]
    shown = run_cli("--journal", made, "show", "Ana Silva")
    assert "Open loop (promised, due 2099-01-01): send the deck" in shown.out


def test_loop_without_a_person(made, run_cli, rows):
    result = run_cli("--journal", made, "loop", "--asked", "an", "intro", "to", "the", "Acme", "CTO")
    assert result.code == 0, result.err
    assert rows(made, "SELECT loop_kind, person_id FROM open_loop") == [("asked", None)]


# -- search --------------------------------------------------------------------------------------------


ZEPPELIN_LOGS = (
    ("Ana Silva", "2023-05-10", "Shared the zeppelin hangar floor plan"),
    ("Bob Ng", "2024-07-02", "Sent Bob the zeppelin museum contact"),
    ("Bob Ng", "2024-01-02", "Unrelated advice on the Acme offer"),
)


@pytest.fixture(scope="module")
def searchable_template(tmp_path_factory, cli_passphrase, cli_kdf_iter):
    """The zeppelin journal built once through the CLI's own code path (services), copied per test."""
    from netjournal.services import entries, people

    path = tmp_path_factory.mktemp("search") / "search.netjournal"
    with Journal.create(path, cli_passphrase, kdf_iter=cli_kdf_iter) as journal:
        for name, date, summary in ZEPPELIN_LOGS:
            person_id, _ = people.find_or_create_person(journal, name)
            entries.add_exchange(
                journal,
                entries.ExchangeInput(
                    direction="given", kind="advice", summary=summary, person_id=person_id, date=date
                ),
            )
    return path


@pytest.fixture
def searchable(searchable_template, jpath, env_passphrase):
    shutil.copyfile(searchable_template, jpath)
    return jpath


def test_search_after_logging_through_the_cli(made, run_cli):
    for name, date, summary in ZEPPELIN_LOGS:
        assert log(run_cli, made, "--with", name, "--date", date, summary=summary).code == 0
    result = run_cli("--journal", made, "search", "zeppelin")
    assert [line[:10] for line in result.out.splitlines()] == ["2024-07-02", "2023-05-10"]


def test_search_finds_exchanges_newest_first(searchable, run_cli):
    result = run_cli("--journal", searchable, "search", "zeppelin")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("2024-07-02") and "Bob Ng" in lines[0] and "museum" in lines[0]
    assert lines[1].startswith("2023-05-10") and "Ana Silva" in lines[1] and "hangar" in lines[1]
    assert "\x1b[" not in result.out  # no emphasis codes when stdout is not a terminal
    assert "\x02" not in result.out and "\x03" not in result.out


def test_search_words_all_must_match(searchable, run_cli):
    result = run_cli("--journal", searchable, "search", "zeppelin", "museum")
    assert len(result.out.splitlines()) == 1
    assert "museum" in result.out


def test_search_with_no_match_says_so(searchable, run_cli):
    result = run_cli("--journal", searchable, "search", "nonexistentword")
    assert result.code == 0
    assert result.out.strip() == "No matches."


@pytest.mark.parametrize(
    ("query", "hits"),
    [
        ('"zeppelin', 2),
        ("zeppelin*", 2),
        ("-zeppelin", 2),
        ("zeppelin -", 2),
        ("zep*", 2),
        ("^zeppelin:", 2),
        ("'zeppelin' museum\"", 1),
        ('"zeppelin" OR (', 0),  # every word must appear, "or" included: no match, and no syntax error
        ("NEAR(zeppelin", 0),
    ],
)
def test_search_accepts_fts_syntax_characters(searchable, run_cli, query, hits):
    # "--" lets a query start with "-", as for any argparse program.
    result = run_cli("--journal", searchable, "search", "--", query)
    assert result.code == 0, result.err
    assert result.err == ""
    if hits:
        assert len(result.out.splitlines()) == hits
        assert "zeppelin" in result.out
    else:
        assert result.out.strip() == "No matches."


@pytest.mark.parametrize("query", ['"', "-", "*", '"-*()'])
def test_search_for_punctuation_alone_finds_nothing_without_error(searchable, run_cli, query):
    result = run_cli("--journal", searchable, "search", "--", query)
    assert result.code == 0, result.err
    assert result.out.strip() == "No matches."


def test_search_finds_touchpoints_and_people(made, run_cli):
    run_cli(
        "--journal", made, "touch", "--with", "Quentin Blackwood", "--date", "2024-02-02", "talked", "about", "kites"
    )
    result = run_cli("--journal", made, "search", "kites")
    assert "touchpoint" in result.out and "Quentin Blackwood" in result.out
    by_name = run_cli("--journal", made, "search", "Blackwood")
    assert "Quentin Blackwood" in by_name.out


# -- show ----------------------------------------------------------------------------------------------


@pytest.fixture
def history(made, run_cli):
    log(
        run_cli,
        made,
        "--with",
        "Ana Silva",
        "--date",
        "2023-05-10",
        "--significance",
        "2",
        direction="--received",
        summary="Shared the zeppelin hangar floor plan",
    )
    log(
        run_cli,
        made,
        "--with",
        "Ana Silva",
        "--date",
        "2024-07-02",
        "--significance",
        "4",
        summary="Reviewed her pitch deck for the Northwind seed round",
    )
    run_cli("--journal", made, "touch", "--with", "Ana Silva", "--date", "2024-07-20", "coffee", "at", "the", "meetup")
    return made


def test_show_prints_ledger_pattern_and_timeline_by_month(history, run_cli):
    result = run_cli("--journal", history, "show", "Ana", "Silva")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Ana Silva"
    all_time = next(line for line in lines if line.startswith("All time"))
    assert all_time.split() == ["All", "time", "1", "(sig", "4)", "1", "(sig", "2)"]
    assert any(line.startswith("12 months") for line in lines)
    assert any(line.startswith("Pattern: ") for line in lines)
    assert any(line.startswith("Last entry: 2024-07-20") for line in lines)

    timeline = lines[lines.index("Timeline (newest first)") + 1 :]
    assert timeline == [
        "  July 2024",
        "    2024-07-20  · in touch: coffee at the meetup",
        "    2024-07-02  → gave advice (significance 4): Reviewed her pitch deck for the Northwind seed round  [#2]",
        "  May 2023",
        "    2023-05-10  ← received advice (significance 2): Shared the zeppelin hangar floor plan  [#1]",
    ]


def test_show_accepts_a_unique_prefix(history, run_cli):
    result = run_cli("--journal", history, "show", "ana")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "Ana Silva"


def test_show_a_person_with_only_an_open_loop(made, run_cli):
    run_cli("--journal", made, "loop", "--asked", "--with", "Dana Ito", "a", "reference", "letter")
    result = run_cli("--journal", made, "show", "Dana Ito")
    assert result.code == 0, result.err
    all_time = next(line for line in result.out.splitlines() if line.startswith("All time"))
    assert all_time.split() == ["All", "time", "0", "(sig", "0)", "0", "(sig", "0)"]
    assert "Open loop (asked): a reference letter" in result.out
    assert "○ asked (open): a reference letter" in result.out


# -- prompts -------------------------------------------------------------------------------------------


def test_prompts_for_a_date_are_deterministic(history, run_cli):
    first = run_cli("--journal", history, "prompts", "--date", "2025-03-01")
    second = run_cli("--journal", history, "prompts", "--date", "2025-03-01")
    assert first.code == 0, first.err
    assert first.out == second.out
    lines = first.out.splitlines()
    assert lines[0].startswith("1. ")
    assert all(line.startswith("   (") for line in lines[1::2])


def test_prompts_on_an_empty_journal(made, run_cli):
    result = run_cli("--journal", made, "prompts", "--date", "2025-03-01")
    assert result.code == 0, result.err
    assert result.out.strip()


# -- passwd and backup ---------------------------------------------------------------------------------


def test_passwd_changes_the_passphrase_via_stdin(jpath, run_cli, count_rows):
    old = "old passphrase 1"
    assert run_cli("--journal", jpath, "init", stdin=f"{old}\n{old}\n").code == 0
    assert run_cli("--journal", jpath, "touch", "--with", "Ana Silva", "hello", stdin=f"{old}\n").code == 0

    result = run_cli("--journal", jpath, "passwd", stdin=f"{old}\n{NEW_PASSPHRASE}\n{NEW_PASSPHRASE}\n")
    assert result.code == 0, result.err
    assert "Changed the passphrase." in result.out

    with pytest.raises(WrongPassphraseError):
        Journal.open(jpath, old)
    assert count_rows(jpath, "touchpoint", NEW_PASSPHRASE) == 1
    refused = run_cli("--journal", jpath, "search", "hello", stdin=f"{old}\n")
    assert refused.code == 1
    accepted = run_cli("--journal", jpath, "search", "hello", stdin=f"{NEW_PASSPHRASE}\n")
    assert accepted.code == 0 and "hello" in accepted.out


def test_passwd_with_mismatched_new_passphrases_changes_nothing(jpath, run_cli, count_rows, one_error_line):
    old = "old passphrase 1"
    run_cli("--journal", jpath, "init", stdin=f"{old}\n{old}\n")
    result = run_cli("--journal", jpath, "passwd", stdin=f"{old}\nnew one\nnew two\n")
    assert result.code == 1
    one_error_line(result.err, "differ")
    assert count_rows(jpath, "person", old) == 0


def test_passwd_never_takes_the_current_passphrase_as_the_new_one(jpath, run_cli, monkeypatch):
    old = "old passphrase 1"
    run_cli("--journal", jpath, "init", stdin=f"{old}\n{old}\n")
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", old)
    typed = run_cli("--journal", jpath, "passwd", stdin=f"{NEW_PASSPHRASE}\n{NEW_PASSPHRASE}\n")
    assert typed.code == 0, typed.err
    Journal.open(jpath, NEW_PASSPHRASE).close()
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", NEW_PASSPHRASE)
    monkeypatch.setenv("NETJOURNAL_NEW_PASSPHRASE", "scripted new passphrase 3")
    scripted = run_cli("--journal", jpath, "passwd")
    assert scripted.code == 0, scripted.err
    Journal.open(jpath, "scripted new passphrase 3").close()


def test_backup_opens_with_the_same_passphrase(made, run_cli, tmp_path, rows):
    log(run_cli, made, "--with", "Ana Silva")
    dest = tmp_path / "copies" / "backup.netjournal"
    dest.parent.mkdir()
    result = run_cli("--journal", made, "backup", dest)
    assert result.code == 0, result.err
    assert str(dest) in result.out
    assert dest.read_bytes()[: len(PLAINTEXT_HEADER)] != PLAINTEXT_HEADER
    assert rows(dest, "SELECT p.name, e.summary FROM exchange e JOIN person p ON p.id = e.person_id") == [
        ("Ana Silva", SPECIFIC)
    ]


def test_backup_refuses_an_existing_destination(made, run_cli, tmp_path, one_error_line):
    dest = tmp_path / "exists.bin"
    dest.write_bytes(b"keep me")
    result = run_cli("--journal", made, "backup", dest)
    assert result.code == 1
    one_error_line(result.err, "already exists")
    assert dest.read_bytes() == b"keep me"


# -- keychain ------------------------------------------------------------------------------------------


def test_remember_then_commands_need_no_passphrase(made, run_cli, memory_keyring, monkeypatch, env_passphrase):
    result = run_cli("--journal", made, "remember")
    assert result.code == 0, result.err
    assert "Remembered" in result.out
    assert memory_keyring.secrets == {("netjournal", str(made)): env_passphrase}

    monkeypatch.delenv("NETJOURNAL_PASSPHRASE")
    logged = log(run_cli, made, "--with", "Ana Silva", stdin="")
    assert logged.code == 0, logged.err
    found = run_cli("--journal", made, "search", "Northwind", stdin="")
    assert found.code == 0 and "Ana Silva" in found.out


def test_remember_refuses_a_wrong_passphrase(made, run_cli, memory_keyring, monkeypatch, one_error_line):
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", "wrong wrong wrong")
    result = run_cli("--journal", made, "remember")
    assert result.code == 1
    one_error_line(result.err, "passphrase is wrong")
    assert memory_keyring.secrets == {}


def test_forget_removes_the_remembered_passphrase(made, run_cli, memory_keyring, monkeypatch, one_error_line):
    run_cli("--journal", made, "remember")
    result = run_cli("--journal", made, "forget")
    assert result.code == 0
    assert "Forgot" in result.out
    assert memory_keyring.secrets == {}

    monkeypatch.delenv("NETJOURNAL_PASSPHRASE")
    refused = run_cli("--journal", made, "search", "x", stdin="")
    assert refused.code == 1
    one_error_line(refused.err, "No passphrase was given")

    again = run_cli("--journal", made, "forget")
    assert again.code == 0
    assert "No passphrase was remembered." in again.out


def test_init_remember_with_typed_passphrase(jpath, run_cli, memory_keyring):
    result = run_cli("--journal", jpath, "init", "--remember", stdin=f"{NEW_PASSPHRASE}\n{NEW_PASSPHRASE}\n")
    assert result.code == 0, result.err
    assert "Remembered" in result.out
    assert memory_keyring.secrets == {("netjournal", str(jpath.absolute())): NEW_PASSPHRASE}
    found = run_cli("--journal", jpath, "prompts", "--date", "2025-01-01", stdin="")
    assert found.code == 0, found.err


def test_passwd_updates_the_remembered_passphrase(jpath, run_cli, memory_keyring, count_rows):
    old = "old passphrase 1"
    run_cli("--journal", jpath, "init", "--remember", stdin=f"{old}\n{old}\n")
    # The old passphrase comes from the keychain; only the new one is typed (twice).
    result = run_cli("--journal", jpath, "passwd", stdin=f"{NEW_PASSPHRASE}\n{NEW_PASSPHRASE}\n")
    assert result.code == 0, result.err
    assert "Updated the passphrase remembered in the keychain." in result.out
    assert list(memory_keyring.secrets.values()) == [NEW_PASSPHRASE]
    assert count_rows(jpath, "person", NEW_PASSPHRASE) == 0
    assert run_cli("--journal", jpath, "search", "x", stdin="").code == 0


def test_remember_without_a_keychain_prints_a_clear_note_and_fails(made, run_cli, failing_keyring):
    result = run_cli("--journal", made, "remember")
    assert result.code == 1
    assert result.err.strip() == (
        "netjournal: note: No keychain is available on this device, so the passphrase cannot be remembered."
    )
    assert "Remembered" not in result.out


def test_init_remember_without_a_keychain_still_creates_the_journal(
    jpath, run_cli, env_passphrase, failing_keyring, count_rows
):
    result = run_cli("--journal", jpath, "init", "--remember")
    assert result.code == 0
    assert "No keychain is available" in result.err
    assert count_rows(jpath, "person") == 0


def test_forget_without_a_keychain(made, run_cli, failing_keyring):
    result = run_cli("--journal", made, "forget")
    assert result.code == 0
    assert "No passphrase was remembered." in result.out


# -- demo ----------------------------------------------------------------------------------------------


def test_demo_creates_a_journal_with_people(tmp_path, run_cli, env_passphrase, count_rows):
    target = tmp_path / "demo.netjournal"
    result = run_cli("demo", target)
    assert result.code == 0, result.err
    assert "small demo journal" in result.out
    assert count_rows(target, "person") > 20
    assert count_rows(target, "exchange") > 100
    assert target.read_bytes()[: len(PLAINTEXT_HEADER)] != PLAINTEXT_HEADER


def test_demo_refuses_an_existing_path(tmp_path, run_cli, env_passphrase, one_error_line):
    target = tmp_path / "demo.netjournal"
    target.write_bytes(b"mine")
    result = run_cli("demo", target)
    assert result.code == 1
    one_error_line(result.err, "already exists")
    assert target.read_bytes() == b"mine"


def test_demo_size_must_be_small_or_large(tmp_path, run_cli, env_passphrase):
    result = run_cli("demo", tmp_path / "d.netjournal", "--size", "medium")
    assert result.code == 2
    assert "invalid choice" in result.err
    assert not (tmp_path / "d.netjournal").exists()


# -- nothing in plaintext -------------------------------------------------------------------------------


def test_no_file_holds_the_journal_text_in_plaintext(tmp_path, run_cli, env_passphrase):
    marker = "Xylophonequartz"
    path = tmp_path / "secret.netjournal"
    steps = [
        ("init",),
        ("log", "--gave", "--with", f"Ana {marker}", "--kind", "advice", f"{marker} pitch deck review for Acme"),
        ("log", "--gave", "--network", f"{marker} guild", "--kind", "resource", f"{marker} checklist"),
        ("touch", "--with", f"Ana {marker}", f"coffee about {marker}"),
        ("loop", "--promised", "--with", f"Ana {marker}", f"send the {marker} notes"),
        ("search", marker),
        ("show", f"Ana {marker}"),
        ("prompts",),
        ("backup", tmp_path / "copy.netjournal"),
    ]
    for step in steps:
        result = run_cli("--journal", path, *step)
        assert result.code == 0, (step, result.err)
    assert marker in run_cli("--journal", path, "search", marker).out  # the test would notice a broken search

    needles = [marker.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")] + [marker.lower().encode()]
    scanned = 0
    for folder in (tmp_path, Path(os.environ["HOME"])):
        for file in folder.rglob("*"):
            if file.is_file():
                data = file.read_bytes()
                scanned += 1
                for needle in needles:
                    assert needle not in data, f"{marker} in plaintext in {file}"
    assert scanned >= 2
