"""``netjournal merge-people`` and ``netjournal duplicates``."""

from __future__ import annotations

from pathlib import Path

import pytest

from netjournal.cli import people_commands
from netjournal.services.journal import Journal


def log(run_cli, made: Path, name: str, summary: str):
    result = run_cli("--journal", made, "log", "--gave", "--with", name, "--kind", "advice", summary)
    assert result.code == 0, result.err
    return result


def people(made: Path, passphrase: str) -> list[tuple]:
    with Journal.open(made, passphrase) as journal:
        return list(
            journal.sql("SELECT name, (SELECT count(*) FROM exchange e WHERE e.person_id = p.id) FROM person p")
        )


@pytest.fixture
def twice(run_cli, made: Path) -> Path:
    log(run_cli, made, "Ana Silva", "Reviewed her deck")
    log(run_cli, made, "Silva, Ana", "Sent the pricing notes")
    log(run_cli, made, "Silva, Ana", "Helped with the hiring rubric")
    log(run_cli, made, "Ana Sousa", "Shared the template")
    return made


def test_duplicates_lists_the_pair_with_its_reason(run_cli, twice: Path) -> None:
    result = run_cli("--journal", twice, "duplicates")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "  1  #1 Ana Silva (1 entry)  and  #2 Silva, Ana (2 entries): same name"
    assert len(lines) == 3 and lines[1].startswith("Merge two with: netjournal merge-people")


def test_merge_people_with_yes_moves_everything_and_says_what(run_cli, twice: Path, env_passphrase: str) -> None:
    result = run_cli("--journal", twice, "merge-people", "Ana Silva", "Silva, Ana", "--yes")
    assert result.code == 0, result.err
    assert result.out == "Merged Silva, Ana into Ana Silva: 2 exchanges moved.\n"
    assert sorted(people(twice, env_passphrase)) == [("Ana Silva", 3), ("Ana Sousa", 1)]
    assert run_cli("--journal", twice, "duplicates").out == "No possible duplicates.\n"


def test_merge_people_asks_first_and_without_a_terminal_refuses(run_cli, twice: Path, env_passphrase: str) -> None:
    result = run_cli("--journal", twice, "merge-people", "Ana Silva", "Silva, Ana")
    assert result.code == 1
    assert "Silva, Ana (2 entries) will be merged into Ana Silva and removed." in result.out
    assert "add --yes" in result.err
    assert len(people(twice, env_passphrase)) == 3


@pytest.mark.parametrize(("answer", "merged"), [("n", False), ("", False), ("yes", True)])
def test_merge_people_in_a_terminal_does_what_the_answer_says(
    run_cli, twice: Path, env_passphrase: str, monkeypatch: pytest.MonkeyPatch, answer: str, merged: bool
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(people_commands, "interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or answer)
    result = run_cli("--journal", twice, "merge-people", "Ana Silva", "Silva, Ana")
    assert asked == ["Merge Silva, Ana into Ana Silva? [y/N] "]
    assert (result.code, len(people(twice, env_passphrase))) == ((0, 2) if merged else (1, 3))
    assert ("Merged Silva, Ana into Ana Silva" in result.out) == merged


@pytest.mark.parametrize(
    ("keep", "other", "words"),
    [
        ("Ana", "Silva, Ana", "matches more than one person: Ana Silva; Ana Sousa; Silva, Ana"),
        ("Ana Silva", "Maya Chen", "Nobody called “Maya Chen” is in this journal; nobody was merged."),
        ("Ana Silva", "ana silva", "are both Ana Silva; nobody was merged."),
    ],
)
def test_merge_people_refuses_what_names_no_one_person(
    run_cli, twice: Path, env_passphrase: str, keep: str, other: str, words: str
) -> None:
    result = run_cli("--journal", twice, "merge-people", keep, other, "--yes")
    assert result.code != 0 and words in result.err, result.err
    assert len(people(twice, env_passphrase)) == 3


def test_two_people_with_the_same_name_are_merged_by_their_numbers(run_cli, made: Path, env_passphrase: str) -> None:
    """Found in review: a name both have could name neither, so they could never be merged."""
    from netjournal.services import people as people_service

    with Journal.open(made, env_passphrase) as journal:
        first = people_service.add_person(journal, people_service.PersonInput("John Smith", organisation="Acme"))
        second = people_service.add_person(journal, people_service.PersonInput("John Smith", organisation="Acme"))
    listed = run_cli("--journal", made, "duplicates")
    assert f"#{first} John Smith, Acme (0 entries)  and  #{second} John Smith, Acme (0 entries)" in listed.out
    by_name = run_cli("--journal", made, "merge-people", "John Smith", "John Smith", "--yes")
    assert by_name.code == 1 and "more than one person" in by_name.err
    result = run_cli("--journal", made, "merge-people", f"#{first}", f"#{second}", "--yes")
    assert result.code == 0, result.err
    assert people(made, env_passphrase) == [("John Smith", 0)]


def test_merging_says_what_came_of_introductions_between_others(run_cli, made: Path) -> None:
    for by, whom, to in (("Ana Silva", "Ben Okafor", "Chen Wei"), ("Silva, Ana", "Ben Okafor", "Dana Cole"),
                         ("Chen Wei", "Silva, Ana", "Ana Silva")):  # fmt: skip
        result = run_cli("--journal", made, "introduced", "--by", by, "--whom", whom, "--to", to, "for", "a", "grant")
        assert result.code == 0, result.err
    asked = run_cli("--journal", made, "merge-people", "Ana Silva", "Silva, Ana")
    assert "Silva, Ana (2 entries) will be merged into Ana Silva and removed." in asked.out
    result = run_cli("--journal", made, "merge-people", "Ana Silva", "Silva, Ana", "--yes")
    assert result.code == 0, result.err
    assert result.out == (
        "Merged Silva, Ana into Ana Silva: 2 introductions between others moved. 1 introduction between others"
        " would have named Ana Silva twice and now names them once.\n"
    )
