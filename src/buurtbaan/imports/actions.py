"""Writes of the imports app: start an import, choose its columns, check its rows (the dry run, in
chunks so a page can show progress), import it all-or-nothing, cancel it, expire forgotten ones.

Callers: the import views (coordinators and coaches of the bureau; the views check that) and the
`expire_imports` command. Permission checks are the caller's job.
"""

from __future__ import annotations

import datetime
import math
import os

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtbaan.audit.actions import log_event
from buurtbaan.audit.models import AuditAction
from buurtbaan.bureaus.models import Bureau
from buurtbaan.imports.checking import check_rows, rows_with_problems, sorted_problems
from buurtbaan.imports.models import ImportRun, ImportStatus
from buurtbaan.imports.problems import Problem
from buurtbaan.imports.readers import FileProblem, iter_rows, read_table
from buurtbaan.imports.targets import get_target
from buurtbaan.matching.cache import invalidate_now_and_on_commit as invalidate_matching_cache
from buurtbaan.talentsearch.actions import reindex_bureau

#: The dry run checks at least this many rows per step, and a large file in about CHECK_STEPS
#: steps (each step reads the file again, so more steps would cost more than they show).
CHECK_CHUNK_ROWS = 250
CHECK_STEPS = 10
#: An import left half-way is forgotten (its file deleted) after this long.
STALE_AFTER = datetime.timedelta(days=1)


class ImportHasProblems(ValidationError):
    """The final check before saving found problems; they are on the run, nothing was saved."""


def chunk_size(total_rows: int) -> int:
    return max(CHECK_CHUNK_ROWS, math.ceil(total_rows / CHECK_STEPS))


def read_content(run: ImportRun) -> bytes:
    """The uploaded file (runs are usually loaded without it, see `without_content`)."""
    content = ImportRun.objects.filter(pk=run.pk).values_list("content", flat=True).first()
    if content is None:
        raise ValidationError(
            _("The file of this import has been deleted. Upload it again to start over."),
            code="no_file",
        )
    return bytes(content)


@transaction.atomic
def start_import(
    *, actor, bureau: Bureau, target: str, file_name: str, content: bytes
) -> ImportRun:
    """Keep an uploaded file for importing into `target` ("residents"), with the columns
    suggested from its header names.

    Raises ValidationError (code "unreadable") with a message that says what to do when the file
    is empty, too large, has too many rows or is no spreadsheet; nothing is kept then. Writes one
    audit entry. A file with the same name that the same person uploaded before and did not
    import is taken to be replaced by this one (a corrected version): that import is cancelled.
    Also forgets imports that were left half-way for a day.
    """
    import_target = get_target(target)
    try:
        table = read_table(content, file_name, rows=0)
    except FileProblem as problem:
        raise ValidationError(problem.message, code="unreadable") from None
    expire_stale_imports()
    file_name = os.path.basename(file_name.replace("\\", "/"))[:255] or "-"
    earlier = ImportRun.objects.without_content().open()
    for replaced in earlier.filter(bureau=bureau, created_by=actor, file_name=file_name):
        cancel_import(actor=actor, run=replaced)
    run = ImportRun.objects.create(
        bureau=bureau,
        target=target,
        created_by=actor,
        file_name=file_name,
        file_kind=table.kind,
        content=content,
        sheet_name=table.sheet_name,
        headers=table.headers,
        mapping=import_target.suggest_mapping(table.headers),
        total_rows=table.row_count,
    )
    log_event(actor=actor, action=AuditAction.CREATE, obj=run, fields=["file"])
    return run


def _check_open(run: ImportRun) -> None:
    if not run.is_open:
        raise ValidationError(
            _("This import has already ended (%(status)s). Start a new import to go on.")
            % {"status": run.get_status_display()},
            code="closed",
        )


@transaction.atomic
def choose_columns(*, actor, run: ImportRun, mapping: dict[str, int]) -> ImportRun:
    """Say which column holds which field, and start the dry run from the first row.

    Every required field needs a column; a column holds one field. Raises ValidationError
    otherwise (the mapping form checks the same, with messages per field).
    """
    _check_open(run)
    target = get_target(run.target)
    columns = list(mapping.values())
    unknown = set(mapping) - {f.name for f in target.fields}
    if unknown or len(set(columns)) != len(columns):
        raise ValidationError(_("Choose each kind of information for one column only."))
    if any(not 0 <= column < len(run.headers) for column in columns):
        raise ValidationError(_("Choose columns of the file."))
    missing = [str(f.label) for f in target.required_fields if f.name not in mapping]
    if missing:
        raise ValidationError(
            _("Choose a column for: %(fields)s.") % {"fields": ", ".join(missing)},
            code="required",
        )
    run.mapping = dict(mapping)
    run.status = ImportStatus.CHECKING
    run.checked_rows = run.problem_rows = 0
    run.problems = []
    run.save(
        update_fields=[
            "mapping",
            "status",
            "checked_rows",
            "problem_rows",
            "problems",
            "updated_at",
        ]
    )
    return run


@transaction.atomic
def check_next_rows(*, run: ImportRun, limit: int | None = None) -> ImportRun:
    """Go on with the dry run: check up to `limit` more rows (the rest when None) and save how
    far it got (`checked_rows`), so a page can show the progress between steps.

    After the last row, the checks over the whole file follow (the same e-mail address twice,
    or one the bureau already has) and the run is CHECKED, with every problem by row and column.
    Nothing of the file is saved to the bureau's data. A run that is not being checked is
    returned unchanged.
    """
    # Two requests for the same run (two tabs) must not check the same rows twice.
    current = (
        ImportRun.objects.select_for_update()
        .filter(pk=run.pk)
        .values("status", "checked_rows", "problems", "mapping")
        .get()
    )
    for name, value in current.items():
        setattr(run, name, value)
    if run.status != ImportStatus.CHECKING:
        return run
    target = get_target(run.target)
    context = target.prepare(run.bureau)
    content = read_content(run)
    start = run.checked_rows
    stop = None if limit is None else start + limit
    rows = list(iter_rows(content, run.file_kind, start=start, stop=stop))
    _cleaned, found, count = check_rows(target, rows, run.mapping, context)
    problems = [Problem.from_json(data) for data in run.problems] + found
    run.checked_rows = min(start + count, run.total_rows)
    is_done = limit is None or count < limit or run.checked_rows >= run.total_rows
    if is_done:
        # The checks over the whole file; the rows just read are all of them when checked at once.
        all_rows = rows if start == 0 else iter_rows(content, run.file_kind)
        problems += target.duplicate_problems(all_rows, run.mapping, context)
        run.status = ImportStatus.CHECKED
        run.checked_rows = run.total_rows
    problems = sorted_problems(problems)
    run.problems = [problem.as_json() for problem in problems]
    run.problem_rows = rows_with_problems(problems)
    run.save(update_fields=["checked_rows", "status", "problems", "problem_rows", "updated_at"])
    return run


def commit_import(*, actor, run: ImportRun) -> int:
    """Import every row of a checked file without problems, or nothing; returns the number.

    The whole file is checked once more first, because the bureau may have changed since the dry
    run (a resident added with the same e-mail address, a coach who left): new problems are
    saved on the run and ImportHasProblems is raised, with nothing saved. Then all rows are saved
    inside one transaction in a constant number of bulk statements, the run becomes IMPORTED, its
    file and problems are deleted, and one audit entry summarises the import. Any error while
    saving rolls everything back; the run stays checked with its file, so it can be tried again.
    """
    if not run.can_be_imported:
        raise ValidationError(
            _("This file cannot be imported now. Check it first, and solve every problem."),
            code="not_ready",
        )
    target = get_target(run.target)
    context = target.prepare(run.bureau)
    rows = list(iter_rows(read_content(run), run.file_kind))
    cleaned, problems, count = check_rows(target, rows, run.mapping, context)
    problems += target.duplicate_problems(rows, run.mapping, context)
    if problems or count != run.total_rows:
        problems = sorted_problems(problems)
        run.problems = [problem.as_json() for problem in problems]
        run.problem_rows = rows_with_problems(problems)
        run.save(update_fields=["problems", "problem_rows", "updated_at"])
        raise ImportHasProblems(
            ngettext(
                "Something changed since the check: %(count)s row now has a problem. "
                "Nothing has been imported.",
                "Something changed since the check: %(count)s rows now have a problem. "
                "Nothing has been imported.",
                run.problem_rows,
            )
            % {"count": run.problem_rows},
            code="problems",
        )
    with transaction.atomic():
        locked = ImportRun.objects.without_content().select_for_update().get(pk=run.pk)
        if locked.status != ImportStatus.CHECKED:
            raise ValidationError(
                _("This file has already been imported or cancelled."), code="closed"
            )
        saved = target.save_rows(bureau=run.bureau, actor=actor, rows=cleaned, context=context)
        run.status = ImportStatus.IMPORTED
        run.imported_rows = saved
        run.finished_at = timezone.now()
        cleared = run.clear_personal_data()
        run.save(update_fields=["status", "imported_rows", "finished_at", *cleared, "updated_at"])
        log_event(
            actor=actor,
            action=AuditAction.CREATE,
            obj=run,
            fields=sorted(run.mapping),
            note=f"{saved} {target.slug} imported from one file",
        )
        # Bulk inserts send no signals: index the new residents for search after the commit, and
        # let matching score the bureau afresh (its cached engine does not know them).
        transaction.on_commit(lambda: reindex_bureau(bureau=run.bureau, missing_only=True))
        invalidate_matching_cache(run.bureau_id)
    return saved


@transaction.atomic
def cancel_import(*, actor, run: ImportRun) -> ImportRun:
    """Stop an open import and delete its file and problems; nothing of it was saved. An import
    that already ended is returned unchanged."""
    if not run.is_open:
        return run
    run.status = ImportStatus.CANCELLED
    run.finished_at = timezone.now()
    cleared = run.clear_personal_data()
    run.save(update_fields=["status", "finished_at", *cleared, "updated_at"])
    log_event(actor=actor, action=AuditAction.DELETE, obj=run, fields=["file"], note="cancelled")
    return run


def stale_imports(*, older_than: datetime.timedelta = STALE_AFTER):
    return ImportRun.objects.open().filter(updated_at__lt=timezone.now() - older_than)


@transaction.atomic
def expire_stale_imports(*, older_than: datetime.timedelta = STALE_AFTER) -> int:
    """Delete the files of imports left open for longer than `older_than` (one UPDATE).

    Called on every upload, daily by `imports.tasks.expire_imports` and by the `expire_imports`
    command."""
    return stale_imports(older_than=older_than).update(
        status=ImportStatus.EXPIRED,
        content=None,
        problems=[],
        finished_at=timezone.now(),
    )
