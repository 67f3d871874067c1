"""Reading spreadsheets: .xlsx through openpyxl (read-only mode) and .csv.

A file becomes a `Table`: the header names of its first row and its data rows, each numbered as
the spreadsheet shows it (the header is row 1, so the first data row is row 2; for a CSV file the
number counts records, so a cell with a line break inside quotes does not shift the numbers).
Empty rows are skipped but keep their number. Cells are what the file holds: strings for CSV;
strings, numbers, dates and booleans for Excel — the parsers in `fields.py` handle each.

A file that cannot be read raises `FileProblem` with a message that says what to do.
"""

from __future__ import annotations

import csv
import datetime
import io
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.utils.translation import gettext as _

from buurtbaan.core.text import strip_control_characters
from buurtbaan.imports.models import FileKind

#: The largest file accepted, in bytes (override with IMPORTS_MAX_FILE_BYTES in settings).
MAX_FILE_BYTES = getattr(settings, "IMPORTS_MAX_FILE_BYTES", 5 * 1024 * 1024)
#: The most data rows in one import; larger lists are split into several files.
MAX_ROWS = getattr(settings, "IMPORTS_MAX_ROWS", 10_000)
#: An .xlsx file is a zip archive: refuse one that unpacks to far more than any real list
#: (a "zip bomb").
MAX_UNPACKED_BYTES = 40 * MAX_FILE_BYTES
#: The most columns read from a row.
MAX_COLUMNS = 200

CSV_DELIMITERS = (";", ",", "\t")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format


class FileProblem(Exception):
    """The file cannot be read; `message` says why and what to do, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Row:
    number: int  # as the spreadsheet shows it: the header row is 1
    cells: list


@dataclass
class Table:
    kind: str
    headers: list[str]
    rows: list[Row] = field(default_factory=list)
    sheet_name: str = ""
    row_count: int = 0  # non-empty data rows; `rows` may hold only some of them


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def display_value(value) -> str:
    """A cell as a person would read it in the spreadsheet (without control characters, which
    are invisible there and must not reach a page raw)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.strftime("%d-%m-%Y")
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return strip_control_characters(str(value))


def file_kind(file_name: str, content: bytes) -> str:
    """Which reader a file needs, from its contents first and its name second."""
    name = file_name.lower()
    if content.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise FileProblem(
            _(
                "This is an old Excel file (.xls). Open it in Excel and save it as "
                "“Excel Workbook (.xlsx)” or as CSV, then upload it again."
            )
        )
    if content.startswith(ZIP_MAGIC):
        if name.endswith((".ods", ".numbers")):
            raise FileProblem(
                _(
                    "This kind of spreadsheet cannot be read. Save it as .xlsx or .csv and try again."
                )
            )
        return FileKind.XLSX
    if name.endswith((".xlsx", ".xlsm")):
        raise FileProblem(
            _("This file is not a valid Excel file. Save it again as .xlsx or .csv and try again.")
        )
    if name.endswith((".csv", ".txt", ".tsv")):
        return FileKind.CSV
    raise FileProblem(_("Upload an Excel file (.xlsx) or a CSV file (.csv)."))


def read_table(
    content: bytes,
    file_name: str = "",
    *,
    kind: str | None = None,
    rows: int | None = None,
    is_preview: bool = False,
) -> Table:
    """Read the headers and (at most `rows`) data rows; `row_count` counts all non-empty rows,
    except for a preview, which stops after `rows` rows.

    Raises FileProblem for a file that is empty, too large, has too many rows, or is no
    spreadsheet.
    """
    if not content:
        raise FileProblem(_("The file is empty. Choose the file with the list."))
    if len(content) > MAX_FILE_BYTES:
        raise FileProblem(
            _(
                "The file is too large: at most %(max)s MB. Split the list into smaller files, "
                "or remove columns that are not needed."
            )
            % {"max": MAX_FILE_BYTES // (1024 * 1024)}
        )
    kind = kind or file_kind(file_name, content)
    lines, sheet_name = _xlsx_lines(content) if kind == FileKind.XLSX else (_csv_lines(content), "")
    try:
        headers = _headers(next(lines, None))
        table = Table(kind=kind, headers=headers, sheet_name=sheet_name)
        for number, cells in enumerate(lines, start=2):
            if all(is_blank(cell) for cell in cells):
                continue
            table.row_count += 1
            if table.row_count > MAX_ROWS:
                raise FileProblem(
                    # plural-ok: the most rows is a large constant
                    _(
                        "The file has more than %(max)s rows. Split the list into files of at "
                        "most %(max)s rows and import them one by one."
                    )
                    % {"max": MAX_ROWS}
                )
            if rows is None or len(table.rows) < rows:
                table.rows.append(Row(number, _fit(cells, len(headers))))
            elif is_preview:
                break
    finally:
        lines.close()
    if not table.row_count:
        raise FileProblem(
            _("The file has column names but no rows below them. Check that you chose the list.")
        )
    return table


def iter_rows(content: bytes, kind: str, *, start: int = 0, stop: int | None = None):
    """The non-empty data rows `start` up to `stop` (counting from 0), for checking in chunks."""
    lines, _sheet = _xlsx_lines(content) if kind == FileKind.XLSX else (_csv_lines(content), "")
    try:
        width = len(_headers(next(lines, None)))
        numbered = (
            Row(number, _fit(cells, width))
            for number, cells in enumerate(lines, start=2)
            if not all(is_blank(cell) for cell in cells)
        )
        yield from islice(numbered, start, stop)
    finally:
        lines.close()


def _headers(first_row) -> list[str]:
    headers = [display_value(cell).strip() for cell in (first_row or [])]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise FileProblem(
            _(
                "The first row of the file is empty. Put the column names (such as First name, "
                "Last name, Postcode) in the first row."
            )
        )
    return headers


def _fit(cells, width: int) -> list:
    cells = [cell.strip() if isinstance(cell, str) else cell for cell in cells[:width]]
    return cells + [None] * (width - len(cells))


# --- Excel ---------------------------------------------------------------------------------------


def _xlsx_lines(content: bytes) -> tuple[Iterator[list], str]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise FileProblem(
                _("This Excel file is too large to read. Split the list into smaller files.")
            )
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it ignores; they do not matter here.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.active or workbook.worksheets[0]
    except FileProblem:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise FileProblem(
            _(
                "This Excel file cannot be read. Open it in Excel, save it again as .xlsx (or as "
                "CSV) and upload it again."
            )
        ) from error
    return _xlsx_rows(workbook, sheet), str(sheet.title)[:100]


def _xlsx_rows(workbook, sheet) -> Iterator[list]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # Cells are stripped in `_fit`, once the row is cut to the width of the headers.
            for values in sheet.iter_rows(values_only=True):
                yield values[:MAX_COLUMNS]
    finally:
        workbook.close()


# --- CSV -----------------------------------------------------------------------------------------


def decode(content: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"), or
    else Windows-1252, which is what Excel on a Dutch Windows writes by default."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        # Five bytes are undefined in cp1252; Latin-1 reads every byte, losing nothing.
        return content.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first rows into the most columns, consistently.

    Dutch Excel writes ";" (the comma is the decimal sign), other tools ",". When in doubt ";".
    """
    sample = text[: 64 * 1024]
    best, best_score = ";", (0, 0)
    for delimiter in CSV_DELIMITERS:
        widths = [
            len(row)
            for row in islice(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), 20)
        ]
        if not widths or widths[0] < 2:
            continue
        consistent = sum(1 for width in widths if width == widths[0])
        score = (consistent, widths[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_lines(content: bytes) -> Iterator[list]:
    text = decode(content).replace("\x00", "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))

    def lines():
        try:
            for row in reader:
                yield row[:MAX_COLUMNS]
        except csv.Error as error:
            raise FileProblem(
                _(
                    "The CSV file cannot be read near row %(row)s. Check the quotation marks "
                    "there, or save the file again from Excel."
                )
                % {"row": reader.line_num}
            ) from error

    return lines()
