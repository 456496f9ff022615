"""The command line failing well: one clear ``netjournal:`` line, a non-zero exit, nothing written, no traceback."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from netjournal.services.journal import Journal

SPECIFIC = "Reviewed the Series A pitch deck for Northwind because the raise closes in June; they signed on 3 July"
TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def log(run_cli, path, *args, direction="--gave", kind="advice", summary=SPECIFIC):
    return run_cli("--journal", path, "log", direction, "--kind", kind, *args, summary)


@pytest.fixture
def with_people(two_anas_template, jpath, env_passphrase):
    """A journal with Ana Silva (exchange #1, received) and Ana Reyes (exchange #2, given)."""
    shutil.copyfile(two_anas_template, jpath)
    return jpath


@pytest.fixture
def totals(rows):
    """Row counts of the tables a command could write, read in one open."""

    def counted(path: Path) -> dict[str, int]:
        tables = ("person", "exchange", "touchpoint", "open_loop")
        sql = "SELECT " + ", ".join(f"(SELECT count(*) FROM {t})" for t in tables)
        return dict(zip(tables, rows(path, sql)[0], strict=True))

    return counted


# -- log, touch, loop, show, prompts: refused input writes nothing ------------------------------------------


@pytest.mark.parametrize(
    ("args", "kind", "fragment"),
    [
        (("--with", "Newcomer Person", "--significance", "0"), "advice", "Significance runs from 1"),
        (("--with", "Newcomer Person", "--significance", "6"), "advice", "Significance runs from 1"),
        (("--with", "Newcomer Person", "--significance", "-2"), "advice", "Significance runs from 1"),
        (("--with", "Newcomer Person", "--date", TOMORROW), "advice", "in the future"),
        (("--with", "Newcomer Person", "--date", "2024-02-30"), "advice", "is not a date"),
        (("--with", "Newcomer Person", "--date", "03/04/2024"), "advice", "YYYY-MM-DD"),
        (("--with", "Newcomer Person", "--network", "PyData"), "advice", "--with NAME"),
        ((), "advice", "--with NAME"),
        (("--with", "Newcomer Person"), "introduction", "second person"),
        (("--with", "Newcomer Person", "--second", "Other Newcomer"), "advice", "Only an introduction"),
        (("--with", "Ana Silva", "--second", "ana silva"), "introduction", "two different people"),
        (("--with", "Newcomer Person", "--second", "Ana"), "introduction", "Ana Reyes; Ana Silva"),
        (("--with", "Newcomer Person", "--returns", "99"), "advice", "not in this journal"),
        (("--with", "Newcomer Person", "--returns", "2"), "advice", "the other way"),
        (("--with", "Newcomer Person", "--returns", "1", "--date", "2024-01-01"), "advice", "same day or earlier"),
        (("--with", "   "), "advice", "Say with whom"),
    ],
    ids=[
        "significance-0",
        "significance-6",
        "significance-negative",
        "future-date",
        "impossible-date",
        "date-format",
        "with-and-network",
        "neither-with-nor-network",
        "intro-without-second",
        "second-without-intro",
        "intro-to-self",
        "ambiguous-second",
        "returns-missing",
        "returns-same-direction",
        "returns-later",
        "blank-name",
    ],
)
def test_log_refusals_write_nothing(with_people, run_cli, totals, one_error_line, args, kind, fragment):
    before = totals(with_people)
    result = log(run_cli, with_people, *args, kind=kind)
    assert result.code == 1
    assert result.out == ""
    one_error_line(result.err, fragment)
    # One transaction: not even the person a new name would have created is kept.
    assert totals(with_people) == before


def test_log_blank_summary_is_refused(made, run_cli, totals, one_error_line):
    result = log(run_cli, made, "--with", "Newcomer Person", summary="   ")
    assert result.code == 1
    one_error_line(result.err, "summary")
    assert totals(made) == {"person": 0, "exchange": 0, "touchpoint": 0, "open_loop": 0}


def test_ambiguous_name_lists_both_candidates(with_people, run_cli, one_error_line):
    result = log(run_cli, with_people, "--with", "Ana")
    assert result.code == 1
    one_error_line(result.err, "\u201cAna\u201d matches more than one person", "Ana Reyes", "Ana Silva")


@pytest.mark.parametrize(
    "argv",
    [
        ("log", "--gave", "--with", "Ana Silva", "--kind", "favour", "x"),
        ("log", "--with", "Ana Silva", "--kind", "advice", "x"),  # no direction
        ("log", "--gave", "--received", "--with", "Ana Silva", "--kind", "advice", "x"),
        ("log", "--gave", "--with", "Ana Silva", "x"),  # no kind
        ("log", "--gave", "--with", "Ana Silva", "--kind", "advice"),  # no summary
        ("log", "--gave", "--with", "Ana Silva", "--kind", "advice", "--significance", "high", "x"),
        ("log", "--gave", "--with", "Ana Silva", "--kind", "advice", "--returns", "first", "x"),
        ("touch", "hello"),  # no --with
        ("loop", "--with", "Ana Silva", "x"),  # neither --promised nor --asked
        ("frobnicate",),
    ],
    ids=[
        "bad-kind",
        "no-direction",
        "both-directions",
        "no-kind",
        "no-summary",
        "significance-text",
        "returns-text",
        "touch-without-with",
        "loop-without-kind",
        "unknown-command",
    ],
)
def test_usage_errors_exit_2_and_write_nothing(made, run_cli, totals, argv):
    before = totals(made)
    result = run_cli("--journal", made, *argv)
    assert result.code == 2
    assert "error:" in result.err
    assert "Traceback" not in result.err
    assert totals(made) == before


def test_invalid_kind_names_the_choices(made, run_cli):
    result = log(run_cli, made, "--with", "Ana Silva", kind="favour")
    assert result.code == 2
    assert "invalid choice: 'favour'" in result.err
    assert "introduction" in result.err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (("touch", "--with", "Ana Silva", "--date", TOMORROW, "hello"), "in the future"),
        (("touch", "--with", "Ana", "hello"), "matches more than one person"),
        (("touch", "--with", "Newcomer Person", "  "), "cannot be empty"),
        (("loop", "--promised", "--with", "Ana Silva", "--due", "2000-01-01", "x"), "due date is before"),
        (("loop", "--promised", "--due", "soon", "x"), "is not a date"),
        (("loop", "--promised", "--with", "Ana", "x"), "matches more than one person"),
    ],
    ids=["touch-future", "touch-ambiguous", "touch-blank", "loop-due-past", "loop-due-text", "loop-ambiguous"],
)
def test_touch_and_loop_refusals_write_nothing(with_people, run_cli, totals, one_error_line, argv, fragment):
    before = totals(with_people)
    result = run_cli("--journal", with_people, *argv)
    assert result.code == 1
    one_error_line(result.err, fragment)
    assert totals(with_people) == before


def test_show_unknown_name(with_people, run_cli, one_error_line):
    result = run_cli("--journal", with_people, "show", "Zoltan")
    assert result.code == 1
    assert result.out == ""
    one_error_line(result.err, "Nobody called \u201cZoltan\u201d is in this journal.")


def test_show_ambiguous_name(with_people, run_cli, one_error_line):
    result = run_cli("--journal", with_people, "show", "ana")
    assert result.code == 1
    one_error_line(result.err, "Ana Reyes", "Ana Silva")


def test_prompts_with_a_bad_date(made, run_cli, one_error_line):
    result = run_cli("--journal", made, "prompts", "--date", "2025-13-01")
    assert result.code == 1
    one_error_line(result.err, "is not a date")


def test_backup_into_a_missing_folder(made, run_cli, tmp_path, one_error_line):
    result = run_cli("--journal", made, "backup", tmp_path / "nowhere" / "b.netjournal")
    assert result.code == 1
    one_error_line(result.err, "does not exist")
    assert not (tmp_path / "nowhere").exists()


# -- init ----------------------------------------------------------------------------------------------


def test_init_refuses_an_existing_path(made, run_cli, one_error_line):
    before = digest(made)
    result = run_cli("--journal", made, "init")
    assert result.code == 1
    one_error_line(result.err, "already exists")
    assert digest(made) == before


def test_init_refuses_an_existing_foreign_file(tmp_path, run_cli, env_passphrase, one_error_line):
    target = tmp_path / "notes.txt"
    target.write_text("my notes")
    result = run_cli("--journal", target, "init")
    assert result.code == 1
    one_error_line(result.err, "already exists")
    assert target.read_text() == "my notes"


def test_init_with_mismatched_passphrases_creates_nothing(jpath, run_cli, tmp_path, one_error_line):
    result = run_cli("--journal", jpath, "init", stdin="first one\nsecond one\n")
    assert result.code == 1
    one_error_line(result.err, "The two passphrases differ")
    assert listing(tmp_path) == []


@pytest.mark.parametrize("typed", ["\n\n", "   \n   \n", "\n"], ids=["empty", "spaces", "empty-once"])
def test_init_with_an_empty_passphrase_creates_nothing(jpath, run_cli, tmp_path, one_error_line, typed):
    result = run_cli("--journal", jpath, "init", stdin=typed)
    assert result.code == 1
    one_error_line(result.err, "The passphrase is empty")
    assert listing(tmp_path) == []


def test_init_without_any_passphrase_creates_nothing(jpath, run_cli, tmp_path, one_error_line):
    result = run_cli("--journal", jpath, "init", stdin="")
    assert result.code == 1
    one_error_line(result.err, "No passphrase was given", "NETJOURNAL_PASSPHRASE")
    assert listing(tmp_path) == []


def test_init_when_the_second_passphrase_never_comes(jpath, run_cli, tmp_path, one_error_line):
    result = run_cli("--journal", jpath, "init", stdin="only once\n")
    assert result.code == 1
    one_error_line(result.err, "No passphrase was given")
    assert listing(tmp_path) == []


def test_init_below_a_file_says_what_is_wrong(tmp_path, run_cli, env_passphrase, one_error_line):
    """BUG: cmd_init's ``path.parent.mkdir`` error is not translated; the user sees "unexpected error"."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run_cli("--journal", blocker / "j.netjournal", "init")
    assert result.code == 1
    one_error_line(result.err, str(blocker))
    assert "unexpected error" not in result.err
    assert blocker.read_text() == "x"


# -- opening the wrong thing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("search", "x"),
        ("show", "Ana"),
        ("prompts",),
        ("log", "--gave", "--with", "Ana", "--kind", "advice", "x"),
        ("touch", "--with", "Ana", "x"),
        ("loop", "--asked", "x"),
        ("passwd",),
        ("backup", "copy.netjournal"),
        ("remember",),
    ],
)
def test_missing_journal_is_named_and_nothing_is_created(tmp_path, run_cli, env_passphrase, one_error_line, argv):
    path = tmp_path / "absent.netjournal"
    result = run_cli("--journal", path, *argv)
    assert result.code == 1
    one_error_line(result.err, f"There is no journal at {path}")
    assert listing(tmp_path) == []


def test_missing_default_journal_is_named(run_cli, env_passphrase, one_error_line):
    data = Path(os.environ["XDG_DATA_HOME"])
    result = run_cli("search", "x")
    assert result.code == 1
    one_error_line(result.err, "There is no journal at", str(data))
    assert listing(data) == []


def test_missing_journal_is_named_before_asking_for_a_passphrase(tmp_path, run_cli, one_error_line):
    """BUG: without NETJOURNAL_PASSPHRASE the CLI asks for a passphrase before checking the journal exists.

    With nothing to type (stdin at EOF) the user is told "No passphrase was given" instead of the real
    problem; at a terminal they are asked to type a passphrase for a journal that is not there.
    """
    path = tmp_path / "absent.netjournal"
    result = run_cli("--journal", path, "search", "x", stdin="")
    assert result.code == 1
    one_error_line(result.err, f"There is no journal at {path}")
    assert listing(tmp_path) == []


def test_wrong_passphrase_in_process(made, run_cli, monkeypatch, one_error_line):
    before = digest(made)
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", "not the passphrase")
    result = run_cli("--journal", made, "search", "x")
    assert result.code == 1
    one_error_line(result.err, "Could not unlock", "the passphrase is wrong")
    assert digest(made) == before


def test_wrong_typed_passphrase(made, run_cli, monkeypatch, one_error_line):
    monkeypatch.delenv("NETJOURNAL_PASSPHRASE")
    result = run_cli("--journal", made, "show", "Ana", stdin="not the passphrase\n")
    assert result.code == 1
    one_error_line(result.err, "the passphrase is wrong")


def test_wrong_passphrase_subprocess(made, sub, one_error_line):
    before = digest(made)
    result = sub("--journal", made, "log", "--gave", "--with", "Ana", "--kind", "advice", "x", passphrase="wrong one")
    assert result.returncode == 1
    assert result.stdout == ""
    one_error_line(result.stderr, "the passphrase is wrong")
    assert "hmac" not in result.stderr.lower()
    assert "Traceback" not in result.stderr
    assert digest(made) == before


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (os.urandom(4096), "Could not unlock"),
        (os.urandom(300), "is not a netjournal journal (it is too small to be one)"),
        (b"", "is not a netjournal journal (the file is empty)"),
    ],
    ids=["random-4k", "random-small", "empty"],
)
def test_malformed_file_gives_a_clear_line(tmp_path, sub, content, fragment, one_error_line):
    path = tmp_path / "odd.netjournal"
    path.write_bytes(content)
    result = sub("--journal", path, "search", "x", passphrase="whatever it is")
    assert result.returncode == 1
    one_error_line(result.stderr, fragment)
    assert "hmac" not in result.stderr.lower()
    assert path.read_bytes() == content


def test_unencrypted_sqlite_file_is_refused(tmp_path, run_cli, env_passphrase, one_error_line):
    path = tmp_path / "plain.netjournal"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE person (name TEXT)")
    connection.commit()
    connection.close()
    before = digest(path)
    result = run_cli("--journal", path, "search", "x")
    assert result.code == 1
    one_error_line(result.err, "unencrypted SQLite database")
    assert digest(path) == before


def test_a_folder_is_not_a_journal(tmp_path, run_cli, env_passphrase, one_error_line):
    folder = tmp_path / "folder.netjournal"
    folder.mkdir()
    result = run_cli("--journal", folder, "show", "x")
    assert result.code == 1
    one_error_line(result.err, "There is no journal")


def test_locked_journal_is_refused_by_another_process(made, sub, count_rows, one_error_line, env_passphrase):
    holder = Journal.open(made, env_passphrase)
    try:
        result = sub(
            "--journal",
            made,
            "log",
            "--gave",
            "--with",
            "Ana Silva",
            "--kind",
            "advice",
            SPECIFIC,
            passphrase=env_passphrase,
        )
    finally:
        holder.close()
    assert result.returncode == 1
    one_error_line(result.stderr, "already open")
    assert count_rows(made, "exchange") == 0


# -- subprocess: exit codes, stderr, no traceback -------------------------------------------------------


def test_subprocess_success_path(jpath, sub, env_passphrase):
    created = sub("--journal", jpath, "init", passphrase=env_passphrase)
    assert created.returncode == 0, created.stderr
    logged = sub(
        "log",
        "--received",
        "--with",
        "Ana Silva",
        "--kind",
        "advice",
        "some",
        "stuff",
        "--journal",
        jpath,
        passphrase=env_passphrase,
    )
    assert logged.returncode == 0, logged.stderr
    assert "Added Ana Silva as a new person." in logged.stdout
    assert "vague" in logged.stdout
    assert logged.stderr == ""
    found = sub("--journal", jpath, "search", "stuff", passphrase=env_passphrase)
    assert found.returncode == 0 and "Ana Silva" in found.stdout
    typed = sub("--journal", jpath, "show", "ana", stdin=f"{env_passphrase}\n")
    assert typed.returncode == 0, typed.stderr
    assert typed.stdout.startswith("Ana Silva\n")


def test_subprocess_version(sub):
    result = sub("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("netjournal ")


@pytest.mark.parametrize(
    ("argv", "stdin", "fragment"),
    [
        (("init",), "tangerine ladder 42 quietly\ntangerine ladder 43 quietly\n", "The two passphrases differ"),
        (("init",), "journal1\njournal1\n", "too easy to guess"),
        (("init",), "", "No passphrase was given"),
        (("search", "x"), "", "No passphrase was given"),
    ],
    ids=["init-mismatch", "init-weak", "init-eof", "open-eof"],
)
def test_subprocess_errors_are_one_line(tmp_path, sub, one_error_line, argv, stdin, fragment):
    path = tmp_path / "j.netjournal"
    if argv[0] != "init":
        made = sub("--journal", path, "init", stdin="pass phrase\npass phrase\n")
        assert made.returncode == 0, made.stderr
    result = sub("--journal", path, *argv, stdin=stdin)
    assert result.returncode == 1
    one_error_line(result.stderr, fragment)


def test_subprocess_validation_error(made, sub, env_passphrase, one_error_line):
    result = sub(
        "--journal",
        made,
        "log",
        "--gave",
        "--with",
        "Ana",
        "--kind",
        "advice",
        "--significance",
        "9",
        "x",
        passphrase=env_passphrase,
    )
    assert result.returncode == 1
    one_error_line(result.stderr, "Significance runs from 1")


def test_subprocess_usage_error_exits_2(made, sub, env_passphrase):
    result = sub("--journal", made, "log", "--gave", "--with", "Ana", "--kind", "bogus", "x", passphrase=env_passphrase)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr


# -- unexpected failures --------------------------------------------------------------------------------


def test_keyboard_interrupt_is_reported_as_cancelled(jpath, run_cli, monkeypatch, tmp_path, one_error_line):
    from netjournal.cli import passphrase

    def interrupted(*_args: object, **_kwargs: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(passphrase, "new_passphrase", interrupted)
    result = run_cli("--journal", jpath, "init")
    assert result.code == 130
    one_error_line(result.err, "cancelled")
    assert listing(tmp_path) == []


def test_unexpected_error_is_one_line_without_traceback(made, run_cli, monkeypatch, one_error_line):
    from netjournal.services import search

    def broken(*_args: object, **_kwargs: object) -> list:
        raise RuntimeError("internal detail that should stay hidden")

    monkeypatch.setattr(search, "search", broken)
    result = run_cli("--journal", made, "search", "x")
    assert result.code == 1
    one_error_line(result.err, "unexpected error (RuntimeError)", "NETJOURNAL_DEBUG=1")
    assert "internal detail" not in result.err


def test_debug_variable_shows_the_real_error(made, run_cli, monkeypatch):
    from netjournal.services import search

    def broken(*_args: object, **_kwargs: object) -> list:
        raise RuntimeError("internal detail")

    monkeypatch.setattr(search, "search", broken)
    monkeypatch.setenv("NETJOURNAL_DEBUG", "1")
    with pytest.raises(RuntimeError, match="internal detail"):
        run_cli("--journal", made, "search", "x")


# -- resources ------------------------------------------------------------------------------------------


def test_commands_import_no_qt(made, env_passphrase):
    code = (
        "import sys; from netjournal.cli import main; "
        f"status = main(['--journal', {str(made)!r}, 'search', 'x']); "
        "print(status, 'PySide6' in sys.modules)"
    )
    env = dict(os.environ, NETJOURNAL_PASSPHRASE=env_passphrase)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 False"


@pytest.mark.parametrize(
    "argv",
    [
        ("log", "--gave", "--with", "Ana Silva", "--kind", "advice", SPECIFIC),
        ("log", "--gave", "--network", "PyData", "--kind", "resource", SPECIFIC),
        ("touch", "--with", "Ana Silva", "coffee"),
        ("search", "deck"),
    ],
    ids=["log-with", "log-network", "touch", "search"],
)
def test_the_journal_is_closed_when_a_command_returns(made, run_cli, monkeypatch, argv):
    """BUG (log --with): cmd_log reads the person's name after closing the journal.

    peewee then silently reconnects without the lock and never closes again, leaving
    ``-wal``/``-shm`` files beside the journal for as long as the process lives.
    """
    opened: list[Journal] = []
    real_open = Journal.open.__func__  # type: ignore[attr-defined]

    def recording_open(cls: type[Journal], *args: object, **kwargs: object) -> Journal:
        journal = real_open(cls, *args, **kwargs)
        opened.append(journal)
        return journal

    monkeypatch.setattr(Journal, "open", classmethod(recording_open))
    result = run_cli("--journal", made, *argv)
    assert result.code == 0, result.err
    assert len(opened) == 1
    assert not opened[0].is_open
    assert opened[0].db.is_closed()
    assert sorted(p.name for p in made.parent.iterdir() if p.name.startswith(made.name)) == [made.name]


def test_output_cut_short_by_a_pipe_is_no_error(made, env_passphrase):
    """`netjournal search x | head -1` must not end in an error message."""
    env = dict(os.environ, NETJOURNAL_PASSPHRASE=env_passphrase)
    process = subprocess.Popen(
        [sys.executable, "-m", "netjournal", "--journal", str(made), "search", "x"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    process.stdout.close()  # the reader goes away before anything is written
    err = process.stderr.read()
    process.wait(timeout=60)
    assert b"unexpected" not in err and b"Traceback" not in err and b"BrokenPipe" not in err
    assert process.returncode == 0


def test_a_full_disk_while_logging_is_said_and_changes_nothing(
    run_cli, small_disk, env_passphrase, empty_template, rows
):
    disk = small_disk("1m")
    path = disk / "journal.netjournal"
    shutil.copyfile(empty_template, path)
    assert run_cli("--journal", path, "touch", "--with", "Ana Silva", "Coffee in Lisbon").code == 0
    filler = disk / "filler"
    filler.write_bytes(b"\0" * shutil.disk_usage(disk).free)  # the disk is now full
    result = run_cli("--journal", path, "log", "--gave", "--with", "Ben Okafor", "--kind", "advice",
                     "Walked Ben through the grant budget, line by line " + "x" * 200_000)  # fmt: skip
    assert result.code == 1
    assert "disk is full" in result.err and "cannot rollback" not in result.err
    assert "Traceback" not in result.err
    filler.unlink()
    assert rows(path, "SELECT p.name, t.note FROM touchpoint t JOIN person p ON p.id = t.person_id") == [
        ("Ana Silva", "Coffee in Lisbon")
    ]
    assert rows(path, "SELECT count(*) FROM person") == [(1,)]


def test_a_demo_that_runs_out_of_space_leaves_nothing_to_block_a_retry(run_cli, small_disk, monkeypatch):
    disk = small_disk("600k")
    monkeypatch.setenv("NETJOURNAL_PASSPHRASE", "tangerine ladder 42 quietly")
    result = run_cli("demo", disk / "demo.netjournal")
    assert result.code == 1
    assert "disk is full" in result.err
    assert list(disk.iterdir()) == []


def test_search_limit_out_of_range_is_a_usage_error(made, run_cli):
    result = run_cli("--journal", made, "search", "x", "--limit", "99999999999999999999")
    assert result.code == 2
    assert "between 1 and 1000" in result.err and "Traceback" not in result.err


def test_check_says_sound_or_damaged(made, run_cli):
    assert run_cli("--journal", made, "touch", "--with", "Ana Silva", "Coffee").code == 0
    sound = run_cli("--journal", made, "check")
    assert sound.code == 0 and "The journal is sound" in sound.out
    data = bytearray(made.read_bytes())
    data[4 * 4096 + 300] ^= 0xFF  # one byte on the fifth page
    made.write_bytes(bytes(data))
    damaged = run_cli("--journal", made, "check")
    assert damaged.code == 1
    assert "is damaged" in damaged.err and "Restore it from a backup" in damaged.err
    assert "Traceback" not in damaged.err


def test_backup_into_a_folder_names_the_file_and_a_missing_folder_is_refused(made, run_cli, tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    into = run_cli("--journal", made, "backup", f"{folder}/")
    assert into.code == 0, into.err
    [written] = list(folder.iterdir())
    assert written.name.startswith(made.stem + "-backup-") and written.suffix == made.suffix
    assert oct(written.stat().st_mode & 0o777) == "0o600"
    missing = run_cli("--journal", made, "backup", f"{tmp_path / 'nowhere'}/")
    assert missing.code == 1 and "does not exist" in missing.err
    assert not (tmp_path / "nowhere").exists()
