from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from buurtbaan.imports.problems import column_letter
from buurtbaan.imports.readers import MAX_FILE_BYTES, MAX_ROWS
from buurtbaan.imports.targets import TARGETS, target_choices


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
    target = forms.ChoiceField(label=_("What does the file hold?"), choices=target_choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # plural-ok: the most rows is a large constant
        self.fields["file"].help_text = _(
            "An Excel file (.xlsx) or a CSV file (.csv) of at most %(size)s MB and %(rows)s "
            "rows. The first row holds the column names, for example First name, Last name, "
            "Date of birth and Postcode. From an Excel file the first sheet is read."
        ) % {"size": MAX_FILE_BYTES // (1024 * 1024), "rows": MAX_ROWS}
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv,.txt"
        if len(TARGETS) == 1:
            self.fields["target"].widget = forms.HiddenInput()
            self.fields["target"].initial = next(iter(TARGETS))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _(
                    "The file is too large: at most %(max)s MB. Split the list into smaller "
                    "files, or remove columns that are not needed."
                )
                % {"max": MAX_FILE_BYTES // (1024 * 1024)}
            )
        return upload

    def action_kwargs(self) -> dict:
        upload = self.cleaned_data["file"]
        return {
            "target": self.cleaned_data["target"],
            "file_name": upload.name,
            "content": upload.read(),
        }


class MappingForm(forms.Form):
    """One choice per column of the file: which kind of information it holds, or none."""

    def __init__(self, *args, run, target, columns: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        field_by_column = {column: name for name, column in run.mapping.items()}
        choices = [("", _("— do not import —"))] + [
            (
                import_field.name,
                _("%(field)s (required)") % {"field": capfirst(import_field.label)}
                if import_field.is_required
                else capfirst(import_field.label),
            )
            for import_field in target.fields
        ]
        self.columns = columns
        for column in columns:
            name = f"column_{column['index']}"
            self.fields[name] = forms.ChoiceField(
                label=f"{column['letter']} · {column['header'] or '–'}",
                choices=choices,
                required=False,
                initial=field_by_column.get(column["index"], ""),
            )
            column["field_name"] = name

    def rows(self):
        """Each column of the file with its bound field, for the mapping table."""
        return [{**column, "field": self[column["field_name"]]} for column in self.columns]

    def clean(self):
        cleaned = super().clean()
        chosen: dict[str, list[int]] = {}
        for column in self.columns:
            name = cleaned.get(column["field_name"])
            if name:
                chosen.setdefault(name, []).append(column["index"])
        for name, indexes in chosen.items():
            if len(indexes) > 1:
                letters = ", ".join(column_letter(index) for index in indexes)
                message = _(
                    "%(field)s is chosen for more than one column (%(columns)s). Choose it for "
                    "one column only."
                ) % {"field": capfirst(self.target.field(name).label), "columns": letters}
                for index in indexes:
                    self.add_error(f"column_{index}", message)
        missing = [f for f in self.target.required_fields if f.name not in chosen]
        if missing:
            raise ValidationError(
                _("Choose a column for each required field: %(fields)s.")
                % {"fields": ", ".join(str(f.label) for f in missing)}
            )
        self.mapping = {name: indexes[0] for name, indexes in chosen.items()}
        return cleaned
