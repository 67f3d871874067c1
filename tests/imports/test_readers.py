"""Reading spreadsheets: CSV in the dialects Excel and other tools write, and real .xlsx files."""

import datetime
import io
import zipfile

import pytest

from buurtbaan.imports import readers
from buurtbaan.imports.readers import FileProblem, decode, iter_rows, read_table, sniff_delimiter
from tests.imports.conftest import HEADERS, make_csv, make_xlsx, resident_rows

DUTCH_NAME = "Daniëlle"


def two_rows():
    rows = resident_rows(2)
    rows[0]["Voornaam"] = DUTCH_NAME
    return rows


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_it_finds_the_delimiter(delimiter):
    table = read_table(make_csv(two_rows(), delimiter=delimiter), "lijst.csv")
    assert table.headers == HEADERS
    assert table.rows[0].cells[0] == DUTCH_NAME
    # The comma inside "koken, Verbinden, ..." stays in its (quoted) cell.
    assert table.rows[1].cells[5] == "koken, Verbinden, verhalen vertellen"


def test_it_prefers_the_semicolon_of_dutch_excel_when_a_row_has_commas_too():
    content = b"Naam;Talenten\nSandra;koken, verbinden\nPeter;bouwen, repareren\n"
    assert sniff_delimiter(content.decode()) == ";"
    assert read_table(content, "lijst.csv").rows[0].cells == ["Sandra", "koken, verbinden"]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"], ids=["utf8", "bom", "cp1252", "utf16"]
)
def test_it_reads_the_encodings_excel_writes(encoding):
    table = read_table(make_csv(two_rows(), encoding=encoding), "lijst.csv")
    assert table.headers[0] == "Voornaam"  # no BOM left on the first header
    assert table.rows[0].cells[0] == DUTCH_NAME


def test_a_byte_undefined_in_cp1252_loses_nothing():
    assert decode(b"Caf\xe9 \x81") == "Café \x81"


def test_rows_are_numbered_as_the_spreadsheet_shows_them():
    content = (
        b"Voornaam;Droombaan\n"
        b'Sandra;"Iets met video\nof theater"\n'  # one record over two lines: row 2
        b";\n"  # an empty row: skipped, but row 3 keeps its number
        b"Peter;Aannemer\n"  # row 4
    )
    table = read_table(content, "lijst.csv")
    assert [(row.number, row.cells[0]) for row in table.rows] == [(2, "Sandra"), (4, "Peter")]
    assert table.rows[0].cells[1] == "Iets met video\nof theater"
    assert table.row_count == 2


def test_short_rows_are_filled_and_long_rows_cut_to_the_headers():
    table = read_table(b"A;B;C\n1\n1;2;3;4\n", "lijst.csv")
    assert [row.cells for row in table.rows] == [["1", None, None], ["1", "2", "3"]]


def test_iter_rows_reads_a_slice_of_the_non_empty_rows():
    content = make_csv(resident_rows(10))
    rows = list(iter_rows(content, "csv", start=3, stop=6))
    assert [row.number for row in rows] == [5, 6, 7]
    assert rows[0].cells[0] == "Voornaam3"


def test_it_reads_a_real_excel_file_with_date_cells_and_numbers():
    rows = two_rows()
    rows[0]["Geboortedatum"] = datetime.datetime(1980, 12, 31)
    rows[0]["Uren per week"] = 16
    rows[1]["Postcode"] = None
    table = read_table(make_xlsx(rows), "lijst.xlsx")
    assert table.kind == "xlsx"
    assert table.sheet_name == "Bewoners"
    assert table.headers == HEADERS
    first, second = table.rows
    assert first.number == 2
    assert first.cells[0] == DUTCH_NAME
    assert first.cells[2] == datetime.datetime(1980, 12, 31)
    assert first.cells[10] == 16
    assert second.cells[3] is None


def test_it_recognises_excel_by_its_contents_whatever_the_name():
    assert read_table(make_xlsx(two_rows()), "export").kind == "xlsx"


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (b"", "lijst.csv", "empty"),
        (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "lijst.xls", ".xls"),
        (b"not a workbook", "lijst.xlsx", "not a valid Excel file"),
        (b"PK\x03\x04 damaged", "lijst.xlsx", "cannot be read"),
        (b"%PDF-1.4", "lijst.pdf", "Upload an Excel file"),
        (b";;\nSandra;Jansen\n", "lijst.csv", "first row of the file is empty"),
        (b"Voornaam;Achternaam\n;\n", "lijst.csv", "no rows below them"),
    ],
)
def test_a_file_it_cannot_read_gets_a_message_that_says_what_to_do(content, name, says):
    with pytest.raises(FileProblem) as problem:
        read_table(content, name)
    assert says in problem.value.message


def test_it_refuses_a_file_that_is_too_large(monkeypatch):
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 100)
    with pytest.raises(FileProblem, match="too large"):
        read_table(make_csv(resident_rows(5)), "lijst.csv")


def test_it_refuses_more_rows_than_the_limit(monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 10)
    assert read_table(make_csv(resident_rows(10)), "lijst.csv").row_count == 10
    with pytest.raises(FileProblem, match="more than 10 rows"):
        read_table(make_csv(resident_rows(11)), "lijst.csv")


def test_it_refuses_an_excel_file_that_unpacks_to_far_too_much(monkeypatch):
    monkeypatch.setattr(readers, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(FileProblem, match="too large"):
        read_table(make_xlsx(resident_rows(50)), "lijst.xlsx")


def test_a_zip_that_is_no_workbook_is_refused():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(FileProblem, match="cannot be read"):
        read_table(output.getvalue(), "lijst.xlsx")


def test_an_unclosed_quote_in_a_csv_file_is_reported_with_its_row():
    # Everything after the quote becomes one cell, larger than the csv module accepts.
    content = b'Voornaam;Droom\nSandra;"Iets met video\n' + b"Peter;Aannemer\n" * 10_000
    with pytest.raises(FileProblem, match="quotation marks"):
        read_table(content, "lijst.csv")
