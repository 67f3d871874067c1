"""The prepared engine of a bureau, kept in memory for a short time.

Scoring a bureau (`engine.prepare`) reads every resident and every piece of work and computes the
whole score matrix: about two seconds for 10,000 residents and 2,000 pieces. A coordinator who
asks for candidates while talking with someone should not wait for that each time, so the
prepared engine of the last few bureaus stays in this process's memory (`MAX_BUREAUS`), and a
request for candidates then takes a few milliseconds.

When the cache is thrown away
-----------------------------
- **On every write in this process** that changes what the engine sees: residents, their talents,
  dreams, barriers and consents, pieces of work and their talents, talents, impact participants
  and assignments, matching settings and postcode areas (Django signals, connected in
  `MatchingConfig.ready`; again when the transaction commits, so a build that started before the
  commit does not survive it). Signals never query: when only a resident id is known the whole
  cache is dropped rather than look up the bureau.
- **After `MATCHING_CACHE_SECONDS`** (environment variable read in `settings.py`, default 60 s;
  0 turns the cache off) in any case: this covers writes that
  send no signals (bulk imports, `QuerySet.update`) and writes by other processes (another worker,
  the command line). A coordinator may thus see candidates up to a minute old after an import in
  another process; proposing re-checks everything against the database.
- Matches are **not** in the cached engine: which residents already have a proposal for a piece,
  which pairs were declined since, and which places are taken are read from the database on every
  request (`matching.suggestions`), so proposing never throws the cache away.

A matching round always builds afresh from the database (`prepared_for(bureau, fresh=True)`) and
leaves its engine here: the round and the candidate pages then score with the same engine, so a
pair has the same fit everywhere.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from buurtbaan.matching.engine import Prepared, prepare

MAX_BUREAUS = 4

_lock = threading.Lock()
_build_locks: dict[int, threading.Lock] = {}
_entries: OrderedDict[int, _Entry] = OrderedDict()
_versions: dict[int, int] = {}
_generation = 0  # bumped when the whole cache is dropped


@dataclass(frozen=True)
class _Entry:
    prepared: Prepared
    piece_status: dict[int, str]
    people_needed: dict[int, int]
    built_at: float
    version: tuple[int, int]
    registered: dict[int, float]


@dataclass(frozen=True)
class PreparedBureau:
    """What a request gets: the prepared engine, and the status and people needed of its pieces
    as they were when it was built (pieces changed since throw the cache away)."""

    prepared: Prepared
    piece_status: dict[int, str]
    people_needed: dict[int, int]
    was_cached: bool
    #: resident id → when they registered (a timestamp): ties go to who waited longest.
    registered: dict[int, float] = field(default_factory=dict)


def seconds() -> float:
    return float(settings.MATCHING_CACHE_SECONDS)


def _version(bureau_id: int) -> tuple[int, int]:
    return (_generation, _versions.get(bureau_id, 0))


def prepared_for(bureau, *, fresh: bool = False) -> PreparedBureau:
    """The bureau's prepared engine, from the cache when it is fresh enough.

    `fresh=True` (a matching round) always builds from the database, and leaves the result in
    the cache for the candidate pages that follow.
    """
    from buurtbaan.matching.loader import load_scenario
    from buurtbaan.matching.queries import settings_for

    with _lock:
        entry = None if fresh else _fresh_entry(bureau.pk)
        build_lock = _build_locks.setdefault(bureau.pk, threading.Lock())
    if entry is not None:
        return PreparedBureau(
            entry.prepared,
            entry.piece_status,
            entry.people_needed,
            was_cached=True,
            registered=entry.registered,
        )
    # One build per bureau at a time: a second request waits for the first and uses its result.
    with build_lock:
        # Before the version is read: creating the settings on first use would invalidate it.
        settings_for(bureau)
        with _lock:
            entry = None if fresh else _fresh_entry(bureau.pk)
            version = _version(bureau.pk)
        if entry is not None:
            return PreparedBureau(
                entry.prepared,
                entry.piece_status,
                entry.people_needed,
                was_cached=True,
                registered=entry.registered,
            )
        loaded = load_scenario(bureau)
        prepared = prepare(loaded.scenario)
        entry = _Entry(
            prepared,
            loaded.piece_status,
            loaded.people_needed,
            time.monotonic(),
            version,
            loaded.registered,
        )
        if seconds() > 0:
            with _lock:
                if _version(bureau.pk) == version:
                    _entries[bureau.pk] = entry
                    _entries.move_to_end(bureau.pk)
                    while len(_entries) > MAX_BUREAUS:
                        _entries.popitem(last=False)
    return PreparedBureau(
        entry.prepared,
        entry.piece_status,
        entry.people_needed,
        was_cached=False,
        registered=entry.registered,
    )


def _fresh_entry(bureau_id: int) -> _Entry | None:
    entry = _entries.get(bureau_id)
    if entry is None:
        return None
    if entry.version != _version(bureau_id) or time.monotonic() - entry.built_at > seconds():
        del _entries[bureau_id]
        return None
    return entry


def invalidate(bureau_id: int | None = None) -> None:
    """Drop the cached engine of one bureau, or of all bureaus (None)."""
    global _generation
    with _lock:
        if bureau_id is None:
            _generation += 1
            _entries.clear()
        else:
            _versions[bureau_id] = _versions.get(bureau_id, 0) + 1
            _entries.pop(bureau_id, None)


def invalidate_now_and_on_commit(bureau_id: int | None) -> None:
    """Drop it now and again when the transaction commits, so an engine built from the database
    before the commit does not survive it."""
    invalidate(bureau_id)
    transaction.on_commit(lambda: invalidate(bureau_id))


def _bureau_of(instance) -> int | None:
    """The bureau id when the row carries it; None (drop everything) otherwise."""
    return getattr(instance, "bureau_id", None)


def _on_save_or_delete(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate_now_and_on_commit(_bureau_of(instance))


def _on_m2m(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate_now_and_on_commit(_bureau_of(instance))


def connect_signals() -> None:
    from buurtbaan.impact.models import ImpactAssignment, ImpactParticipant
    from buurtbaan.matching.models import MatchingSettings, PostcodeArea
    from buurtbaan.residents.models import Barrier, Consent, Dream, Intake, Resident, Talent
    from buurtbaan.work.models import PieceOfWork

    watched = (
        Resident,
        Dream,
        Barrier,
        Consent,
        # A completed intake makes a resident proposable (`matching.eligibility`).
        Intake,
        Talent,
        PieceOfWork,
        ImpactAssignment,
        ImpactParticipant,
        MatchingSettings,
        PostcodeArea,
    )
    for model in watched:
        uid = f"matching_cache_{model._meta.label_lower}"
        post_save.connect(_on_save_or_delete, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_on_save_or_delete, sender=model, dispatch_uid=f"{uid}_delete")
    for through in (Resident.talents.through, PieceOfWork.talents_needed.through):
        m2m_changed.connect(_on_m2m, sender=through, dispatch_uid=f"matching_cache_{through}")
