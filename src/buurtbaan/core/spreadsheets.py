"""Spreadsheet cells that cannot run: formula injection ("CSV injection") in what we write, and
the same signs flagged in what we read.

A spreadsheet program runs a cell that starts with "=", "+", "-" or "@" as a formula
(`=HYPERLINK("http://...", "klik")`, `+cmd|' /C calc'!A0`, `@SUM(...)`), and a tab or carriage
return in front does not stop it. A resident's name or a visitor's message is text typed by
anyone, so:

- **Writing** (every .csv and .xlsx the product makes): `safe_cell` puts an apostrophe before
  such text, which spreadsheet programs show as plain text and do not run (OWASP's advice).
  Numbers, dates and booleans are left as they are. Write through `csv_writer` /
  `safe_row`; `tests/core/test_spreadsheets.py` fails when a module writes CSV or a workbook
  another way.
- **Reading** (imports): `starts_like_formula` tells the import to refuse the row, with the row,
  column and reason in the dry run (see `imports.fields.text`). Refused rather than accepted
  with a warning: a name or a skill does not start with these signs, so it is almost always a
  mistake or an attack, and the person importing can correct the cell and check again.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable
from decimal import Decimal

FORMULA_SIGNS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet program could run `text` as a formula."""
    return str(text).lstrip(" ").startswith(FORMULA_SIGNS)


def safe_cell(value):
    """`value` as a cell that shows as text and never runs."""
    if value is None or isinstance(
        value, bool | int | float | Decimal | datetime.date | datetime.time
    ):
        return value
    text = str(value)
    return f"'{text}" if starts_like_formula(text) else text


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]


class _SafeWriter:
    """A `csv.writer` whose rows go through `safe_cell`."""

    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row: Iterable):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable]):
        for row in rows:
            self.writerow(row)


def csv_writer(output, **kwargs) -> _SafeWriter:
    """`csv.writer(output, **kwargs)` that neutralises formulas in every cell."""
    return _SafeWriter(csv.writer(output, **kwargs))
