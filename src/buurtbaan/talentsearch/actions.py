"""Writing the search index (see `models.py`).

- `reindex_resident` / `reindex_residents`: rebuild the documents of a few residents (what the
  signals do after a commit). A resident who is anonymised or gone loses their document.
- `reindex_bureau`: rebuild a whole bureau in a constant number of queries per 1,000 residents,
  or with `missing_only` only add the residents without a document (after an import, which
  writes with `bulk_create` and so sends no signals).
- `schedule_reindex`: remember residents to reindex once the current transaction commits; the
  signals call it, so a resident changed five times in one request is indexed once, from the
  committed data.

Anyone may call these: they read the talent bank and write only the index, no personal data
beyond what the talent bank holds, so they write no audit entries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from buurtbaan.bureaus.models import Bureau
from buurtbaan.residents.models import Dream, Resident
from buurtbaan.talentsearch.backends import Sections, backend
from buurtbaan.talentsearch.models import ResidentSearchDocument

BATCH_SIZE = 1000


def _documents(resident_ids: list[int]) -> list[tuple[int, int, Sections]]:
    """(resident id, bureau id, sections) of the current residents among `resident_ids`, in
    three queries of plain values (model instances made indexing three times slower)."""
    rows = (
        Resident.objects.current()
        .filter(pk__in=resident_ids)
        .order_by("pk")
        .values_list(
            "pk", "bureau_id", "own_talent_words", "skills", "work_experience", "education"
        )
    )
    rows = list(rows)
    found = [row[0] for row in rows]
    talents, dreams = defaultdict(list), defaultdict(list)
    for resident_id, name in (
        Resident.talents.through.objects.filter(resident_id__in=found)
        .order_by("talent__name")
        .values_list("resident_id", "talent__name")
    ):
        talents[resident_id].append(name)
    for resident_id, description in (
        Dream.objects.filter(resident_id__in=found)
        .order_by("position", "pk")
        .values_list("resident_id", "description")
    ):
        dreams[resident_id].append(description)
    return [
        (
            pk,
            bureau_id,
            Sections(
                talents=[*talents[pk], own_talent_words, *dreams[pk]],
                skills=[skills],
                background=[work_experience, education],
            ),
        )
        for pk, bureau_id, own_talent_words, skills, work_experience, education in rows
    ]


@transaction.atomic
def reindex_residents(resident_ids: Iterable[int]) -> int:
    """Rebuild the documents of these residents; returns how many documents were written."""
    ids = sorted(set(resident_ids))
    written = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        documents = _documents(batch)
        ResidentSearchDocument.objects.filter(resident_id__in=batch).delete()
        backend().write(documents)
        written += len(documents)
    return written


def reindex_resident(resident: Resident) -> int:
    return reindex_residents([resident.pk])


@transaction.atomic
def reindex_bureau(*, bureau: Bureau, missing_only: bool = False) -> int:
    """Rebuild the bureau's documents (all, or only the missing ones); returns how many were
    written. Queries and memory grow with batches of 1,000 residents, not per resident."""
    residents = Resident.objects.current().filter(bureau=bureau)
    if missing_only:
        residents = residents.filter(search_document__isnull=True)
    else:
        ResidentSearchDocument.objects.filter(bureau=bureau).delete()
    ids = list(residents.order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), BATCH_SIZE):
        documents = _documents(ids[start : start + BATCH_SIZE])
        backend().write(documents)
        written += len(documents)
    return written


# --- After the commit ----------------------------------------------------------------------------

_PENDING_ATTRIBUTE = "_talentsearch_pending"


def schedule_reindex(resident_ids: Iterable[int]) -> None:
    """Reindex these residents once the current transaction commits (at once in autocommit).

    The ids wait on the database connection; the first callback after a commit takes them all.
    After a rollback they wait for the next commit, which reindexes them from what is stored
    (harmless: a document always reflects the committed talent bank)."""
    ids = {pk for pk in resident_ids if pk is not None}
    if not ids:
        return
    connection = transaction.get_connection()
    pending = connection.__dict__.setdefault(_PENDING_ATTRIBUTE, set())
    pending.update(ids)
    transaction.on_commit(_reindex_pending, robust=True)


def _reindex_pending() -> None:
    connection = transaction.get_connection()
    pending = connection.__dict__.get(_PENDING_ATTRIBUTE)
    if not pending:
        return
    ids = set(pending)
    pending.clear()
    # A failure here is logged by Django (robust=True) and leaves the committed change alone;
    # `buurtbaan reindex_talent_bank` repairs the index.
    reindex_residents(ids)
