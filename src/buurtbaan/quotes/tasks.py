"""Background work of quotes (docs/background.md)."""

from django_tasks import task

from buurtbaan.quotes import actions


@task()
def expire_quotes() -> int:
    """Sent quotes past their validity become expired; returns how many (no names)."""
    return len(actions.expire_quotes(actor=None))


SCHEDULE = {"daily": [expire_quotes]}
