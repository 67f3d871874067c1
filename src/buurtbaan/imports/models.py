"""An import: one uploaded spreadsheet on its way into a bureau's data.

`ImportRun` is the record of who imported which file when, how many rows, and how it ended. While
the import is under way it also holds the uploaded file itself (`content`, in the database, so it
is never served and needs no folder) and the problems of the dry run. Both are personal data:
they are deleted as soon as the import is done or cancelled (`clear_personal_data`), and after a
day for imports that were left half-way (`actions.expire_stale_imports`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("choose the columns")
    CHECKING = "checking", _("checking")
    CHECKED = "checked", _("checked")
    IMPORTED = "imported", _("imported")
    CANCELLED = "cancelled", _("cancelled")
    EXPIRED = "expired", _("expired")


#: Statuses in which the import can still go on (the file is kept).
OPEN_STATUSES = (ImportStatus.UPLOADED, ImportStatus.CHECKING, ImportStatus.CHECKED)


class FileKind(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (.xlsx)"


class ImportRunQuerySet(models.QuerySet):
    def without_content(self):
        """Everything but the uploaded file, which can be megabytes: load it only to read it."""
        return self.defer("content")

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class ImportRun(models.Model):
    bureau = models.ForeignKey(
        "bureaus.Bureau", on_delete=models.CASCADE, related_name="import_runs"
    )
    target = models.CharField(_("what is imported"), max_length=40)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    file_name = models.CharField(_("file"), max_length=255)
    file_kind = models.CharField(_("kind of file"), max_length=10, choices=FileKind.choices)
    # The uploaded file, only while the import is open; never served.
    content = models.BinaryField(null=True, blank=True, editable=False)
    sheet_name = models.CharField(_("sheet"), max_length=100, blank=True)
    # The first row of the file, one name per column (column index = list index).
    headers = models.JSONField(default=list, blank=True)
    # Target field name -> column index (0 = column A).
    mapping = models.JSONField(default=dict, blank=True)

    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    checked_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    problem_rows = models.PositiveIntegerField(_("rows with problems"), default=0)
    imported_rows = models.PositiveIntegerField(_("rows imported"), default=0)
    # The problems of the dry run: [{"row": 5, "column": 2, "field": "postcode", "value": "...",
    # "code": "invalid_postcode", "params": {...}}], sorted by row and column.
    problems = models.JSONField(default=list, blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["bureau", "-created_at"])]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    def get_absolute_url(self):
        return reverse(
            "imports:run-detail", kwargs={"bureau_slug": self.bureau.slug, "pk": self.pk}
        )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def ok_rows(self) -> int:
        return self.total_rows - self.problem_rows

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 100
        return min(100, round(100 * self.checked_rows / self.total_rows))

    @property
    def can_be_imported(self) -> bool:
        return self.status == ImportStatus.CHECKED and not self.problem_rows and self.total_rows

    def clear_personal_data(self) -> list[str]:
        """Forget the uploaded file and the dry run's problems (which quote cells); returns the
        fields to save."""
        self.content = None
        self.problems = []
        return ["content", "problems"]
