"""Reads of the imports app, each in a fixed number of queries."""

from __future__ import annotations

from django.db.models import QuerySet

from buurtbaan.bureaus.models import Bureau
from buurtbaan.imports.actions import read_content
from buurtbaan.imports.models import ImportRun
from buurtbaan.imports.problems import Problem, column_letter, describe
from buurtbaan.imports.readers import Table, display_value, read_table
from buurtbaan.imports.targets import get_target

#: Example values shown per column on the mapping page.
PREVIEW_ROWS = 3


def runs_for_list(bureau: Bureau) -> QuerySet[ImportRun]:
    """The bureau's imports, newest first, without their files."""
    return ImportRun.objects.without_content().filter(bureau=bureau).select_related("created_by")


def runs_for_view(bureau: Bureau) -> QuerySet[ImportRun]:
    return runs_for_list(bureau).select_related("bureau")


def preview(run: ImportRun) -> Table:
    """The first rows of the file, to show example values per column."""
    return read_table(read_content(run), kind=run.file_kind, rows=PREVIEW_ROWS, is_preview=True)


def columns_with_examples(run: ImportRun) -> list[dict]:
    """Per column of the file: index, letter, header and a few example values."""
    table = preview(run)
    return [
        {
            "index": index,
            "letter": column_letter(index),
            "header": header,
            "examples": [
                display_value(row.cells[index])
                for row in table.rows
                if display_value(row.cells[index]).strip()
            ],
        }
        for index, header in enumerate(run.headers)
    ]


def problem_rows_for_display(run: ImportRun, problems: list[dict] | None = None) -> list[dict]:
    """The dry run's problems as the page shows them, the reason in the active language."""
    target = get_target(run.target)
    shown = []
    for data in run.problems if problems is None else problems:
        problem = Problem.from_json(data)
        import_field = target.field(problem.field)
        shown.append(
            {
                "row": problem.row,
                "letter": column_letter(problem.column),
                "header": run.headers[problem.column] if problem.column is not None else "",
                "field": import_field.label if import_field else problem.field,
                "value": problem.value,
                "reason": describe(problem, target),
            }
        )
    return shown


def problems_per_column(run: ImportRun) -> list[dict]:
    """How many problems each column has, most first: a column full of them usually means it
    was matched to the wrong kind of information."""
    target = get_target(run.target)
    counts: dict[int | None, int] = {}
    for data in run.problems:
        counts[data["column"]] = counts.get(data["column"], 0) + 1
    fields_by_column = {column: name for name, column in run.mapping.items()}
    summary = []
    for column, count in sorted(counts.items(), key=lambda item: (-item[1], item[0] or 0)):
        import_field = target.field(fields_by_column.get(column, ""))
        summary.append(
            {
                "letter": column_letter(column),
                "header": run.headers[column] if column is not None else "",
                "field": import_field.label if import_field else "",
                "count": count,
            }
        )
    return summary
