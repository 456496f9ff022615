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
        "apple-3.0.vcf",
        (),
        {
            "Ana Sofia Ferreira": ("Cobalto Analytics · Research", "Principal Data Scientist", "", (), (
                ("email", "ana.ferreira@example.com", "home"), ("email", "ana@cobalto.example", "other"),
                ("email", "a.ferreira@cobalto.example", "work"), ("phone", "+351 912 345 678", "cell"),
                ("phone", "+351 21 000 0000", "work"), ("location", "Lisboa, Portugal", "work"),
                ("web", "https://cobalto.example/ana", "homepage"),
                ("web", "https://www.linkedin.com/in/ana-sofia-ferreira-example", "LinkedIn"),
                ("location", "Rua do Ouro 20, Porto, Portugal", "Studio"), ("birthday", "--04-15", ""))),
            "Henrik Lindqvist": ("Nordvik Shipping AB", "", "", (), (
                ("phone", "+46 8 123 456 78", "Switchboard"), ("email", "henrik@nordvik.example", "work"),
                ("location", "Stockholm, Sweden", "home"), ("birthday", "1979-11-02", ""))),
        },
        1,
    ),
    (
        "google-3.0.vcf",
        (),
        {
            "Marek Nowakowski": ("Brightline Robotics", "Head of Partnerships", "", ("Clients", "Robotics"), (
                ("email", "marek@brightline.example", "work"), ("email", "marek.nowakowski@example.org", "home"),
                ("phone", "+48 601 234 567", "cell"), ("phone", "+48 22 555 01 02", "work"),
                ("location", "Warszawa, mazowieckie, Poland", "work"), ("birthday", "--04-15", ""),
                ("web", "https://brightline.example", "homepage"),
                ("web", "https://github.com/mnowakowski-example", "GitHub"))),
            "Chiara Bellandi": ("", "", "", ("starred",), (
                ("email", "chiara.bellandi@example.it", ""), ("birthday", "1988-02-29", ""))),
        },
        0,
    ),
    (
        "outlook-2.1.vcf",
        (),
        {
            "Jürgen Müller": ("Straßenbau Nord GmbH · Vertrieb", "Vertriebsleiter", "", (), (
                ("phone", "+49 40 1234567", "work"), ("phone", "+49 170 1234567", "cell"),
                ("phone", "+49 40 7654321", "home fax"), ("location", "Hamburg, Deutschland", "work"),
                ("email", "juergen.mueller@strassenbau.example", ""),
                ("web", "http://www.strassenbau.example/", "work"), ("birthday", "1970-03-12", ""))),
            "Élodie Chassaing-Bérard": ("", "", "", (), (
                ("phone", "+33 6 12 34 56 78", "cell"), ("email", "elodie.cb@example.fr", "home"))),
        },
        0,
    ),
    (
        "contacts-4.0.vcf",
        (),
        {
            "Yui Tanaka": ("", "", "", (), (("birthday", "--04-15", ""), ("phone", "+81 3-1234-5678", "home"))),
            "Ziggy": ("", "", "", (), (("email", "ziggy@example.org", ""),)),
        },
        1,
    ),
    (
        "last-name-only.vcf",
        (),
        {
            "Odhiambo": ("", "", "", (), (("phone", "+254 712 345678", "cell"),)),
            "Priya": ("", "", "", (), (("email", "priya@example.in", ""),)),
        },
        0,
    ),
    ("no-name.vcf", (), {"Sade Okonkwo": None, "Tomasz Wiśniewski": None}, 1),
    (
        "google-contacts.csv",
        (),
        {
            "Priya Raman": ("Kestrel Bio", "VP Research", "", ("Clients", "Conference 2023"), (
                ("email", "priya.raman@kestrel.example", "work"), ("email", "priya@home.example", "home"),
                ("phone", "+44 7700 900123", "mobile"), ("phone", "+44 20 7946 0000", "work"),
                ("web", "https://priya.example.org", "profile"),
                ("location", "1 Harbour Row, London E14 5AB, United Kingdom", "work"), ("birthday", "--04-15", ""))),
            "Chen": ("", "", "", ("Friends", "Clients"), ()),
        },
        1,
    ),
    (
        "outlook-contacts.csv",
        (),
        {
            "José Gonçalves": ("Pão & Companhia, Lda.", "Diretor Comercial", "", ("Clients", "Lisbon trip"), (
                ("email", "jose.goncalves@pao.example", ""), ("phone", "+351 21 000 0000", "work"),
                ("phone", "+351 91 000 0000", "mobile"), ("web", "https://pao.example.pt", ""),
                ("location", "Rua Augusta 12, 3.º andar, Lisboa, 1100-053, Portugal", "work"),
                ("birthday", "1985-04-15", ""))),
            "Søren Åge Kierkegård": ("Nørrebro Design ApS", "Partner", "", ("Suppliers",), (
                ("email", "soren@norrebro.example", ""), ("phone", "+45 3312 3456", "home"),
                ("birthday", "1979-12-03", ""))),
        },
        1,
    ),
    (
        "linkedin-no-preamble.csv",
        (),
        {
            "Rafael Ortiz": ("Ortiz, Vega & Co", "Analyst", "Connected on LinkedIn on 2 November 2015", (), ()),
            "Yuki": ("Sakura Robotics", "", "", (), (("email", "yuki@example.jp", ""),)),
        },
        0,
    ),
    ("utf16-no-bom.csv", (), {"Zoë Achterberg": None, "Δημήτρης Κωνσταντίνου": None}, 0),
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
        assert name in imported, name
        if fields is not None:  # None: only that the person is there (the parser's tests have the fields)
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
        ("binary.vcf", "binary data"),
        ("truncated.vcf", "card 3 (line 10)"),
        ("malformed.vcf", "card 2 (line 5)"),
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


def test_vcard_export_goes_back_in_with_every_detail(made, run_cli, cli_passphrase, tmp_path, empty_template):
    assert run_cli("--journal", made, "import", SAMPLES / "apple-3.0.vcf").code == 0
    assert run_cli("--journal", made, "import", SAMPLES / "google-3.0.vcf").code == 0
    cards = tmp_path / "phone.vcf"
    result = run_cli("--journal", made, "export", "--format", "vcard", cards)
    assert result.code == 0, result.err
    assert "Wrote 4 contacts as vCard" in result.err
    assert cards.stat().st_mode & 0o777 == 0o600
    other = tmp_path / "other.netjournal"
    other.write_bytes(empty_template.read_bytes())
    assert run_cli("--journal", other, "import", cards).code == 0
    assert _people(other, cli_passphrase) == _people(made, cli_passphrase)


def test_vcard_export_of_a_tag_and_its_refusals(made, run_cli, one_error_line, tmp_path):
    assert run_cli("--journal", made, "import", SAMPLES / "google-3.0.vcf").code == 0
    out = run_cli("--journal", made, "export", "--format", "vcard", "--tag", "robotics", "-")
    assert out.code == 0, out.err
    assert out.out.count("BEGIN:VCARD") == 1 and "FN:Marek Nowakowski" in out.out
    assert "\r\n" in out.out
    unknown = run_cli("--journal", made, "export", "--format", "vcard", "--tag", "nobody-has-it", tmp_path / "x.vcf")
    assert unknown.code == 1
    one_error_line(unknown.err, "Nobody has the tag")
    assert not (tmp_path / "x.vcf").exists()
    precious = tmp_path / "notes.txt"
    precious.write_text("keep me")
    refused = run_cli("--journal", made, "export", "--format", "vcard", precious)
    assert refused.code == 1
    one_error_line(refused.err, "is not a vCard file")
    assert precious.read_text() == "keep me"
    itself = run_cli("--journal", made, "export", "--format", "vcard", made)
    assert itself.code == 1
    one_error_line(itself.err, "the journal itself")


def test_a_json_export_makes_a_new_journal_that_exports_the_same(made, run_cli, one_error_line, tmp_path):
    assert run_cli("--journal", made, "import", SAMPLES / "apple-3.0.vcf").code == 0
    assert run_cli("--journal", made, "log", "--gave", "--with", "Henrik Lindqvist", "--kind", "advice",
                   "Walked him through the freight tender").code == 0  # fmt: skip
    export = tmp_path / "everything.json"
    assert run_cli("--journal", made, "export", export).code == 0
    fresh = tmp_path / "fresh.netjournal"
    dry = run_cli("--journal", fresh, "import", export, "--dry-run")
    assert dry.code == 0, dry.err
    assert "2 people, 14 contact details, 1 exchange" in dry.out and not fresh.exists()
    result = run_cli("--journal", fresh, "import", export)
    assert result.code == 0, result.err
    assert "Created the journal" in result.out and "its identity kept" in result.out
    assert _export(run_cli, fresh) == _export(run_cli, made)
    # A journal with anything in it is not merged into: refused, and left as it was.
    before = file_digests(tmp_path)
    again = run_cli("--journal", fresh, "import", export)
    assert again.code == 1
    one_error_line(again.err, "already has people or entries", "Import it into a new journal")
    assert file_digests(tmp_path) == before


def test_a_damaged_or_newer_export_is_refused_before_any_journal_is_made(run_cli, one_error_line, tmp_path):
    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "netjournal", "version": 9}')
    target = tmp_path / "new.netjournal"
    result = run_cli("--journal", target, "import", newer)
    assert result.code == 1
    one_error_line(result.err, "format version 9", "newer netjournal")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "netjournal",\n "version": 2,\n "people": [}')
    result = run_cli("--journal", target, "import", broken)
    assert result.code == 1
    one_error_line(result.err, "broken.json", "line 3")
    assert not target.exists()
