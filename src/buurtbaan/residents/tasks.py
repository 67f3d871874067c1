"""Background work of residents (docs/background.md)."""

from django_tasks import task

from buurtbaan.residents import actions


@task()
def purge_unconfirmed_registrations() -> dict[str, int]:
    """Sign-ups never confirmed are removed after the standard number of days; returns the
    number removed per bureau slug (counts only, no record numbers)."""
    return actions.purge_unconfirmed_registrations()


SCHEDULE = {"daily": [purge_unconfirmed_registrations]}
