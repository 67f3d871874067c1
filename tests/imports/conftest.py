"""Helpers for the import tests: spreadsheets made in the test (CSV in several dialects, and real
.xlsx files through openpyxl) from rows of fictional residents."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from buurtbaan.imports import actions

HEADERS = [
    "Voornaam",
    "Achternaam",
    "Geboortedatum",
    "Postcode",
    "E-mailadres",
    "Talenten",
    "Droombaan",
    "Zoekt",
    "Beschikbare dagen",
    "Reisafstand",
    "Uren per week",
]
WANTS = ["betaald", "vrijwillig", "beide", "Paid", "volunteer"]
DAYS = ["ma, di, wo", "ma-vr", "weekend", "maandag en donderdag", "mon, fri"]


def resident_rows(count: int) -> list[dict]:
    """`count` valid, fictional rows, the same every time."""
    rows = []
    for n in range(count):
        born = datetime.date(1950 + n % 50, 1 + n % 12, 1 + n % 28)
        rows.append(
            {
                "Voornaam": f"Voornaam{n}",
                "Achternaam": f"Achternaam{n}",
                "Geboortedatum": born.strftime("%d-%m-%Y"),
                "Postcode": "6828 AB" if n % 10 else "6822 cd",
                "E-mailadres": f"bewoner{n}@buurtbaan.example",
                "Talenten": "koken, Verbinden, verhalen vertellen" if n % 2 else "",
                "Droombaan": "Iets met video; een eigen fietsenmaker" if n % 3 == 0 else "",
                "Zoekt": WANTS[n % len(WANTS)],
                "Beschikbare dagen": DAYS[n % len(DAYS)],
                "Reisafstand": "fiets" if n % 2 else "",
                "Uren per week": str(8 + n % 30),
            }
        )
    return rows


def make_csv(
    rows: list[dict],
    headers=HEADERS,
    *,
    delimiter: str = ";",
    encoding: str = "utf-8",
) -> bytes:
    output = io.StringIO(newline="")
    writer = csv.writer(output, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(header, "") for header in headers])
    return output.getvalue().encode(encoding)


def make_xlsx(rows: list[dict], headers=HEADERS, *, sheet: str = "Bewoners") -> bytes:
    """A real Excel file; values that are dates, numbers or None go in as such."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(headers)
    for row in rows:
        worksheet.append([row.get(header) for header in headers])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def checked_run(personas, content: bytes, file_name: str = "bewoners.csv", *, user=None):
    """Upload, keep the suggested columns and run the whole dry run."""
    run = actions.start_import(
        actor=user or personas.coordinator,
        bureau=personas.bureau,
        target="residents",
        file_name=file_name,
        content=content,
    )
    actions.choose_columns(actor=personas.coordinator, run=run, mapping=run.mapping)
    return actions.check_next_rows(run=run)


@pytest.fixture
def url():
    """`url(name, bureau, **kwargs)`: reverse a bureau URL."""

    def _url(name, bureau, **kwargs):
        return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})

    return _url


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read English msgids (see the `english` fixture in tests/conftest.py)."""
