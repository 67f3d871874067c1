"""What an import target is: the fields a row can hold, how a row is cleaned, and how clean rows
are saved. A new target (organisations, say) is a subclass with its `fields`, `save_rows` and,
when it has `is_unique` fields, `existing_keys`; register it in `targets/__init__.py`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from buurtbaan.imports.fields import CellProblem, ImportField, normalise_header
from buurtbaan.imports.problems import Problem
from buurtbaan.imports.readers import Row, display_value, is_blank

#: The longest cell value kept in a problem report.
MAX_VALUE_SHOWN = 200


class ImportTarget:
    slug: str = ""
    label = ""  # plural noun, e.g. "residents"
    fields: tuple[ImportField, ...] = ()

    def field(self, name: str) -> ImportField | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def required_fields(self) -> list[ImportField]:
        return [f for f in self.fields if f.is_required]

    # --- Mapping ---------------------------------------------------------------------------------

    def suggest_mapping(self, headers: list[str]) -> dict[str, int]:
        """Field name -> column index for the headers that name a field, each field and each
        column at most once. Exact names first ("Postcode"), then names that start with one
        ("Postcode woonadres")."""
        normalised = [normalise_header(header) for header in headers]
        mapping: dict[str, int] = {}
        taken: set[int] = set()
        for is_exact in (True, False):
            for import_field in self.fields:
                if import_field.name in mapping:
                    continue
                names = [normalise_header(name) for name in import_field.headers]
                for index, header in enumerate(normalised):
                    if index in taken or not header:
                        continue
                    if header in names if is_exact else _starts_with_any(header, names):
                        mapping[import_field.name] = index
                        taken.add(index)
                        break
        return mapping

    # --- Checking --------------------------------------------------------------------------------

    def prepare(self, bureau) -> dict[str, Any]:
        """Everything the parsers need for a whole file, loaded in a fixed number of queries."""
        return {"bureau": bureau}

    def clean_row(
        self, row: Row, mapping: dict[str, int], context: dict
    ) -> tuple[dict[str, Any], list[Problem]]:
        """The row's clean values by field name, and its problems (empty when it can be saved)."""
        cleaned: dict[str, Any] = {}
        problems: list[Problem] = []
        failed: set[str] = set()
        for import_field in self.fields:
            column = mapping.get(import_field.name)
            value = row.cells[column] if column is not None and column < len(row.cells) else None
            if is_blank(value):
                cleaned[import_field.name] = _fresh(import_field.default)
                if import_field.is_required and column is not None:
                    problems.append(Problem(row.number, column, import_field.name, "", "required"))
                    failed.add(import_field.name)
                continue
            try:
                cleaned[import_field.name] = import_field.parse(value, context)
            except CellProblem as problem:
                problems.append(self._problem(row, column, import_field.name, value, problem))
                cleaned[import_field.name] = _fresh(import_field.default)
                failed.add(import_field.name)
        try:
            cleaned = self.clean_record(cleaned, context, failed=failed)
        except RecordProblem as problem:
            column = mapping.get(problem.on)
            value = row.cells[column] if column is not None else ""
            problems.append(self._problem(row, column, problem.on, value, problem))
        return cleaned, sorted(problems, key=Problem.sort_key)

    def clean_record(self, cleaned: dict, context: dict, *, failed: set[str]) -> dict:
        """Rules over several fields of one row; raise RecordProblem. `failed` names the fields
        whose cells already have a problem."""
        return cleaned

    def unique_key(self, field_name: str, value) -> str:
        return str(value).casefold()

    def existing_keys(self, context: dict, field_name: str) -> set[str]:
        """`unique_key`s of values the bureau already has for an `is_unique` field."""
        return set()

    def duplicate_problems(
        self, rows: Iterable[Row], mapping: dict[str, int], context: dict
    ) -> list[Problem]:
        """`is_unique` fields: a value used by an earlier row of the file or already in the bureau.

        Only well-formed values count; a malformed one already has its own problem."""
        problems = []
        unique_fields = [f for f in self.fields if f.is_unique and f.name in mapping]
        existing = {f.name: self.existing_keys(context, f.name) for f in unique_fields}
        first_row: dict[str, dict[str, int]] = {f.name: {} for f in unique_fields}
        for row in rows:
            for import_field in unique_fields:
                column = mapping[import_field.name]
                value = row.cells[column]
                if is_blank(value):
                    continue
                try:
                    key = self.unique_key(import_field.name, import_field.parse(value, context))
                except CellProblem:
                    continue
                shown = display_value(value)[:MAX_VALUE_SHOWN]
                if key in existing[import_field.name]:
                    problems.append(
                        Problem(row.number, column, import_field.name, shown, "duplicate_existing")
                    )
                elif key in first_row[import_field.name]:
                    earlier = first_row[import_field.name][key]
                    problems.append(
                        Problem(
                            row.number,
                            column,
                            import_field.name,
                            shown,
                            "duplicate_in_file",
                            {"row": earlier},
                        )
                    )
                else:
                    first_row[import_field.name][key] = row.number
        return problems

    # --- Saving ----------------------------------------------------------------------------------

    def save_rows(self, *, bureau, actor, rows: list[dict], context: dict) -> int:
        """Save all clean rows in a constant number of bulk statements; the caller holds the
        transaction. Returns the number saved."""
        raise NotImplementedError

    def example_row(self) -> dict[str, str]:
        """A fictional row for the example file, by field name."""
        return {}

    def result_url(self, bureau) -> str:
        """Where to see what was imported."""
        return ""

    @staticmethod
    def _problem(row: Row, column, field_name: str, value, problem: CellProblem) -> Problem:
        return Problem(
            row=row.number,
            column=column,
            field=field_name,
            value=display_value(value)[:MAX_VALUE_SHOWN],
            code=problem.code,
            params=problem.params,
        )


class RecordProblem(CellProblem):
    """A rule over several fields failed; `on` names the field whose column is reported."""

    def __init__(self, code: str, *, on: str, **params):
        super().__init__(code, **params)
        self.on = on


def _starts_with_any(header: str, names: list[str]) -> bool:
    return any(len(name) >= 4 and header.startswith(name) for name in names)


def _fresh(default):
    return list(default) if isinstance(default, list) else default
