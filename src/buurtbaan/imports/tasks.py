"""Background work of imports (docs/background.md)."""

from django_tasks import task

from buurtbaan.imports import actions


@task()
def expire_imports() -> int:
    """The files of imports left half-way for a day are deleted; returns how many."""
    return actions.expire_stale_imports()


SCHEDULE = {"daily": [expire_imports]}
