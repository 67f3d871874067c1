"""Importing lists from spreadsheets (.xlsx and .csv) into a bureau's data.

The flow, for coordinators and coaches: upload a file → choose which column holds what (suggested
from the header names) → a dry run that reports every problem by row and column → import all rows
in one transaction, or nothing. What can be imported is an *import target*
(`targets.base.ImportTarget`): residents now, organisations later with one small class.

- `readers.py`: .xlsx (openpyxl, read-only) and .csv (delimiter and encoding detected) into
  headers and numbered rows, the numbers as the spreadsheet shows them.
- `fields.py`: `ImportField` and the cell parsers (Dutch dates, yes/no words, days ...), and
  `CellProblem`, the exception a parser raises for a bad cell.
- `problems.py`: problem codes and their messages, translated when shown (not when found).
- `checking.py`: runs a target over rows: cleaned rows plus problems.
- `targets/`: the import targets and their registry.
- `actions.py`: start, map, check (in chunks, for progress), commit, cancel, expire.
"""
