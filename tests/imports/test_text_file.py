"""Reading a contacts file's text: size, binary data, and every way its encoding is told or guessed."""

from __future__ import annotations

import codecs
from pathlib import Path

import charset_normalizer
import pytest

from netjournal.imports import contacts
from netjournal.imports.contacts import ImportFileError
from netjournal.imports.text_file import FileText, read_text_file

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"
SAMPLE = "Name,Company\r\nJosé Gonçalves,Pão & Companhia\r\n"


def write(tmp_path: Path, data: bytes, name: str = "contacts.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_plain_utf8(tmp_path: Path) -> None:
    assert read_text_file(write(tmp_path, SAMPLE.encode())) == FileText(SAMPLE, "utf-8")


@pytest.mark.parametrize(
    ("bom", "codec", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    ],
)
def test_a_byte_order_mark_decides_and_is_dropped(tmp_path: Path, bom: bytes, codec: str, encoding: str) -> None:
    assert read_text_file(write(tmp_path, bom + SAMPLE.encode(codec))) == FileText(SAMPLE, encoding)


def test_utf16_without_a_mark_is_recognised_by_its_zero_bytes() -> None:
    file_text = read_text_file(FIXTURES / "utf16-no-bom.csv")
    assert file_text.encoding == "utf-16-le"
    assert file_text.text.splitlines()[2] == "Δημήτρης Κωνσταντίνου\tOlive Grove\t"


def test_utf16_big_endian_without_a_mark(tmp_path: Path) -> None:
    assert read_text_file(write(tmp_path, SAMPLE.encode("utf-16-be"))) == FileText(SAMPLE, "utf-16-be")


def test_outlook_cp1252_wins_a_tie_charset_normalizer_breaks_by_luck() -> None:
    path = FIXTURES / "outlook-contacts.csv"
    # The reason for the tie-break: on a few accented names the detector's own best guess is another code page.
    assert charset_normalizer.from_path(path).best().encoding != "cp1252"  # type: ignore[union-attr]
    file_text = read_text_file(path)
    assert file_text.encoding == "cp1252"
    assert '"José","","Gonçalves","","Pão & Companhia, Lda."' in file_text.text
    assert "50€ deposit; “thanks” sent." in file_text.text


def test_short_latin1_text(tmp_path: Path) -> None:
    assert read_text_file(write(tmp_path, SAMPLE.encode("latin-1"))) == FileText(SAMPLE, "cp1252")


def test_a_cyrillic_code_page_is_not_forced_into_cp1252(tmp_path: Path) -> None:
    text = "Имя,Фамилия,Компания\r\nИван,Петров,Северный ветер\r\nОльга,Смирнова,Яблоко\r\n"
    assert read_text_file(write(tmp_path, text.encode("cp1251"))) == FileText(text, "cp1251")


def test_bytes_no_encoding_reads_as_text_ask_for_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, bytes(range(128, 256)) * 3)
    with pytest.raises(ImportFileError) as caught:
        read_text_file(path)
    assert str(caught.value) == (
        f"Could not tell which encoding {path} was saved in: it is not UTF-8, and no other encoding reads it as "
        "sensible text. Open it in a spreadsheet or text editor and save it again as UTF-8."
    )


def test_a_utf8_mark_on_text_that_is_not_utf8_names_the_line() -> None:
    path = FIXTURES / "wrong-encoding.csv"
    with pytest.raises(ImportFileError) as caught:
        read_text_file(path)
    assert str(caught.value) == (
        f"{path} is marked as UTF-8, but line 3 is not valid UTF-8. "
        "Open it in a spreadsheet or text editor and save it again as UTF-8."
    )


def test_binary_data_is_not_text() -> None:
    path = FIXTURES / "binary.csv"
    with pytest.raises(ImportFileError) as caught:
        read_text_file(path)
    assert str(caught.value) == f"{path} is not a text file; it holds binary data, so it cannot be a contacts export."


def test_a_workbook_is_told_to_be_saved_as_csv(tmp_path: Path) -> None:
    path = write(tmp_path, b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "contacts.xlsx")
    with pytest.raises(ImportFileError) as caught:
        read_text_file(path)
    assert str(caught.value) == (
        f"{path} is not a text file; it looks like a spreadsheet workbook or a compressed archive. "
        "Open it in the spreadsheet and save it as CSV, then import that file."
    )


def test_a_nul_character_in_utf16_text_is_binary(tmp_path: Path) -> None:
    path = write(tmp_path, codecs.BOM_UTF16_LE + "Name\x00,Company\r\n".encode("utf-16-le"))
    with pytest.raises(ImportFileError, match="is not a text file"):
        read_text_file(path)


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contacts, "MAX_FILE_BYTES", 1024 * 1024)
    path = write(tmp_path, b"Name\r\n" + b"x" * (2 * 1024 * 1024))
    with pytest.raises(ImportFileError) as caught:
        read_text_file(path)
    assert str(caught.value) == (
        f"{path} is 2.0 MB, larger than the 1.0 MB a contacts file can be; export fewer contacts at a time."
    )


def test_a_file_at_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contacts, "MAX_FILE_BYTES", 11)
    assert read_text_file(write(tmp_path, b"Name\r\nAmy\r\n")).text == "Name\r\nAmy\r\n"


def test_a_small_limit_is_said_in_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contacts, "MAX_FILE_BYTES", 10)
    path = write(tmp_path, b"Name\r\nAmy\r\n")
    with pytest.raises(ImportFileError) as caught:
        read_text_file(path)
    assert str(caught.value) == (
        f"{path} is 11 bytes, larger than the 10 bytes a contacts file can be; export fewer contacts at a time."
    )


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.csv"
    with pytest.raises(ImportFileError) as caught:
        read_text_file(path)
    assert str(caught.value) == f"Could not read {path}: No such file or directory."
