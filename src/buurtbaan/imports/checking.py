"""Running an import target over rows: the dry run and the final check before saving."""

from __future__ import annotations

from collections.abc import Iterable

from buurtbaan.imports.problems import Problem
from buurtbaan.imports.readers import Row
from buurtbaan.imports.targets.base import ImportTarget


def check_rows(
    target: ImportTarget, rows: Iterable[Row], mapping: dict[str, int], context: dict
) -> tuple[list[dict], list[Problem], int]:
    """Clean each row on its own: the clean rows, the problems, and how many rows were read."""
    cleaned_rows, problems, count = [], [], 0
    for row in rows:
        count += 1
        cleaned, row_problems = target.clean_row(row, mapping, context)
        if row_problems:
            problems.extend(row_problems)
        else:
            cleaned_rows.append(cleaned)
    return cleaned_rows, problems, count


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)


def rows_with_problems(problems: Iterable[Problem]) -> int:
    return len({problem.row for problem in problems})
