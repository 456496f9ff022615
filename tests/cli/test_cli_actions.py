"""Each user action from the command line goes through the one service call the window uses too.

A spy wraps the use case (the real function still runs) so a command that
composed the action itself, instead of calling it, fails here.
"""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import jsonschema
import pytest
from support import MemoryKeyring

from netjournal.services import entries, prompting, use_cases
from netjournal.services.journal import Journal

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "json-format.schema.json").read_text())


def test_log_goes_through_save_exchange_and_adds_both_people_with_it(made, run_cli, spy, rows):
    calls = spy(use_cases, "save_exchange")
    result = run_cli(
        "--journal", made, "log", "--gave", "--with", "Ana Silva", "--kind", "introduction", "--second", "Tom Reyes",
        "Introduced Ana to Tom Reyes (Series A lead at Northwind) for her seed round",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert len(calls) == 1
    assert "Added Ana Silva as a new person." in result.out and "Added Tom Reyes as a new person." in result.out
    assert rows(made, "SELECT p.name, q.name FROM exchange e JOIN person p ON p.id = e.person_id "
                      "JOIN person q ON q.id = e.second_person_id") == [("Ana Silva", "Tom Reyes")]  # fmt: skip


def test_a_refused_log_adds_nobody(made, run_cli, count_rows):
    result = run_cli("--journal", made, "log", "--gave", "--with", "Ana Silva", "--kind", "introduction", "Intro")
    assert result.code == 1
    assert "second person" in result.err
    assert count_rows(made, "person") == 0  # the person named was rolled back with the exchange


def test_touch_goes_through_log_touchpoint(made, run_cli, spy, rows):
    calls = spy(use_cases, "log_touchpoint")
    result = run_cli("--journal", made, "touch", "--with", "Ana Silva", "--channel", "coffee", "Coffee in Lisbon")
    assert result.code == 0, result.err
    assert len(calls) == 1
    assert rows(made, "SELECT channel, note FROM touchpoint") == [("coffee", "Coffee in Lisbon")]


def test_loop_and_done_go_through_keep_loop_and_close_loop(made, run_cli, spy, rows):
    kept = spy(use_cases, "keep_loop")
    closed = spy(entries, "close_loop")
    today = dt.date.today()
    due = (today + dt.timedelta(days=30)).isoformat()
    assert run_cli("--journal", made, "loop", "--asked", "--with", "Ana", "--due", due, "Intro to Tom").code == 0
    result = run_cli("--journal", made, "done", "1", "--date", today.isoformat())
    assert result.code == 0, result.err
    assert "Closed open loop #1." in result.out
    assert (len(kept), len(closed)) == (1, 1)
    assert rows(made, "SELECT loop_kind, what, due_on, done_on FROM open_loop") == [
        ("asked", "Intro to Tom", due, today.isoformat())
    ]
    again = run_cli("--journal", made, "done", "1")
    assert again.code == 1 and f"already closed on {today.isoformat()}" in again.err
    missing = run_cli("--journal", made, "done", "7")
    assert missing.code == 1 and "no open loop" in missing.err


def test_reflect_goes_through_write_reflection(made, run_cli, spy, rows):
    calls = spy(use_cases, "write_reflection")
    result = run_cli("--journal", made, "reflect", "--about", "Ana Silva", "I ask Ana for more than I offer")
    assert result.code == 0, result.err
    assert len(calls) == 1
    assert rows(made, "SELECT r.text, p.name FROM reflection r JOIN person p ON p.id = r.person_id") == [
        ("I ask Ana for more than I offer", "Ana Silva")
    ]
    plain = run_cli("--journal", made, "reflect", "A good week for giving")
    assert plain.code == 0 and rows(made, "SELECT count(*) FROM reflection WHERE person_id IS NULL") == [(1,)]


def test_answer_goes_through_answer_prompt_and_retires_it(made, run_cli, spy, rows):
    calls = spy(prompting, "answer_prompt")
    listed = run_cli("--journal", made, "prompts")
    assert listed.code == 0 and listed.out.startswith("1. ")
    question = listed.out.splitlines()[0][3:]
    result = run_cli("--journal", made, "answer", "1", "Maria, who taught me to price by value")
    assert result.code == 0, result.err
    assert len(calls) == 1
    [(text, asked, key)] = rows(made, "SELECT text, prompt_text, prompt_id FROM reflection")
    assert (text, asked) == ("Maria, who taught me to price by value", question)
    assert rows(made, "SELECT answered_on FROM prompt_state WHERE prompt_key = ?", params=(key,)) == [
        (dt.date.today().isoformat(),)
    ]
    assert question not in run_cli("--journal", made, "prompts").out
    nothing = run_cli("--journal", made, "answer", "99", "text")
    assert nothing.code == 1 and "no prompt 99" in nothing.err


def test_passwd_goes_through_change_passphrase_and_updates_the_keychain(
    made, run_cli, spy, memory_keyring: MemoryKeyring, monkeypatch
):
    calls = spy(use_cases, "change_passphrase")
    assert run_cli("--journal", made, "remember").code == 0
    monkeypatch.setenv("NETJOURNAL_NEW_PASSPHRASE", "a brand new passphrase 9")
    result = run_cli("--journal", made, "passwd")
    assert result.code == 0, result.err
    assert len(calls) == 1
    assert "Updated the passphrase remembered in the keychain." in result.out
    assert list(memory_keyring.secrets.values()) == ["a brand new passphrase 9"]


def test_passwd_says_when_the_keychain_could_not_be_updated(made, run_cli, memory_keyring: MemoryKeyring, monkeypatch):
    assert run_cli("--journal", made, "remember").code == 0

    def refuse(*_args: object) -> None:
        raise RuntimeError("the keychain is locked")

    monkeypatch.setattr(memory_keyring, "set_password", refuse)
    monkeypatch.setenv("NETJOURNAL_NEW_PASSPHRASE", "a brand new passphrase 9")
    result = run_cli("--journal", made, "passwd")
    assert result.code == 0, result.err
    assert "old entry was removed" in result.err
    assert memory_keyring.secrets == {}
    Journal.open(made, "a brand new passphrase 9").close()


def test_remember_goes_through_remember_passphrase(made, run_cli, spy, memory_keyring: MemoryKeyring, env_passphrase):
    calls = spy(use_cases, "remember_passphrase")
    result = run_cli("--journal", made, "remember")
    assert result.code == 0, result.err
    assert len(calls) == 1
    assert list(memory_keyring.secrets.values()) == [env_passphrase]


def test_export_writes_a_private_schema_valid_file(made, run_cli, tmp_path):
    assert run_cli("--journal", made, "touch", "--with", "Ana Silva", "Coffee").code == 0
    target = tmp_path / "out" / "journal.json"
    target.parent.mkdir()
    result = run_cli("--journal", made, "export", target)
    assert result.code == 0, result.err
    assert result.out == ""  # the note goes to stderr, so stdout stays clean for scripts
    assert str(target) in result.err and "not encrypted" not in result.out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    document = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert [p["name"] for p in document["people"]] == ["Ana Silva"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["journal.json"]


def test_export_to_standard_output(made, run_cli):
    assert run_cli("--journal", made, "touch", "--with", "Ana Silva", "Coffee").code == 0
    result = run_cli("--journal", made, "export", "-")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["touchpoints"][0]["note"] == "Coffee"
    assert result.err == ""


def test_export_into_a_missing_folder_is_one_sentence(made, run_cli, tmp_path, one_error_line):
    result = run_cli("--journal", made, "export", tmp_path / "nowhere" / "x.json")
    assert result.code == 1
    one_error_line(result.err, "does not exist")


def test_a_command_that_fails_before_using_the_early_opened_journal_releases_it(
    made, run_cli, cli_kdf_iter, env_passphrase
):
    """With the passphrase in the environment the journal opens while the command loads (cli/early_open.py)."""
    refused = run_cli("--journal", made, "log", "--gave", "--kind", "advice", "No person and no network")
    assert refused.code == 1 and "--with NAME" in refused.err
    with Journal.open(made, env_passphrase, kdf_iter=cli_kdf_iter):  # not left locked
        pass


def test_a_wrong_passphrase_in_the_environment_is_still_one_sentence(made, run_cli, monkeypatch, one_error_line):
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", "not the passphrase")
    result = run_cli("--journal", made, "search", "anything")
    assert result.code == 1
    one_error_line(result.err, "passphrase is wrong")


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [("a", "too easy to guess"), ("password123", "too easy to guess"), ("\u200b", "empty"), ("\u200b\u00a0", "empty")],
    ids=["one letter", "common", "invisible", "invisible and space"],
)
def test_init_refuses_what_the_window_refuses(jpath, run_cli, one_error_line, typed, fragment):
    result = run_cli("--journal", jpath, "init", stdin=f"{typed}\n{typed}\n")
    assert result.code == 1
    one_error_line(result.err, fragment)
    assert not jpath.exists()


def test_passwd_refuses_a_weak_new_passphrase_and_keeps_the_old(made, run_cli, monkeypatch, env_passphrase):
    monkeypatch.setenv("NETJOURNAL_NEW_PASSPHRASE", "a")
    result = run_cli("--journal", made, "passwd")
    assert result.code == 1 and "too easy to guess" in result.err
    Journal.open(made, env_passphrase).close()


def test_stored_control_characters_never_reach_the_terminal(made, run_cli):
    evil = "Mallory \x1b]0;pwned\x07\x1b[2J\rTrusted\u202eevil"
    assert run_cli("--journal", made, "touch", "--with", evil, "Coffee with \x1b[31mred\x1b[0m").code == 0
    for argv in (("show", "mallory"), ("search", "coffee"), ("search", "mallory")):
        result = run_cli("--journal", made, *argv)
        assert result.code == 0, result.err
        assert "\x1b" not in result.out and "\r" not in result.out and "\u202e" not in result.out, argv
        assert "\ufffd" in result.out
