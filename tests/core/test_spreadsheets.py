"""Formula injection: what we write into spreadsheets never runs."""

import csv
import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

import buurtbaan
from buurtbaan.core.spreadsheets import csv_writer, safe_cell

SOURCE = Path(buurtbaan.__file__).parent
#: Ways to write a spreadsheet without `core.spreadsheets`.
RAW_WRITERS = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(|\.write_only\b|xlsxwriter")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (
            '=HYPERLINK("http://kwaad.example","Klik")',
            '\'=HYPERLINK("http://kwaad.example","Klik")',
        ),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),
        ("Sandra de Vries", "Sandra de Vries"),
        ("06 12345678", "06 12345678"),
        ("", ""),
    ],
)
def test_a_text_cell_that_would_run_gets_an_apostrophe(value, written):
    assert safe_cell(value) == written


@pytest.mark.parametrize(
    "value", [-5, 3.5, Decimal("-1.25"), True, None, datetime.date(2026, 1, 5)]
)
def test_numbers_dates_and_booleans_stay_what_they_are(value):
    assert safe_cell(value) == value


def test_the_csv_writer_neutralises_every_cell():
    output = io.StringIO()
    writer = csv_writer(output, delimiter=";")
    writer.writerow(["=1+1", "Ans", 7])
    writer.writerows([["@SUM(1)", "+31612345678"]])
    assert list(csv.reader(io.StringIO(output.getvalue()), delimiter=";")) == [
        ["'=1+1", "Ans", "7"],
        ["'@SUM(1)", "'+31612345678"],
    ]


def test_no_module_writes_a_spreadsheet_without_neutralising_formulas():
    offenders = [
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if path.name != "spreadsheets.py" and RAW_WRITERS.search(path.read_text())
    ]
    assert offenders == [], "write CSV and .xlsx through buurtbaan.core.spreadsheets"


def test_the_example_file_goes_through_the_safe_writer(personas, login, monkeypatch):
    from buurtbaan.imports.targets.residents import ResidentImportTarget

    monkeypatch.setattr(
        ResidentImportTarget, "example_row", lambda self: {"first_name": "=HYPERLINK(1)"}
    )
    response = login(personas.coordinator).get(
        reverse("imports:example-file", kwargs={"bureau_slug": personas.bureau.slug})
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "'=HYPERLINK(1)"
