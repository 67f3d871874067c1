"""Background work of the privacy app, on the project's one queue (django-tasks). The tasks
only call actions; `SCHEDULE` says when the collector of the `tasks` app runs them."""

from django_tasks import task

from buurtbaan.privacy import actions


@task()
def apply_retention() -> int:
    """Clear what is past its retention period, in every bureau and on the platform
    (`actions.apply_retention`; by hand: `buurtbaan apply_retention --for-real`). Returns how
    many records were cleared."""
    return sum(result.count for result in actions.apply_retention(for_real=True))


SCHEDULE = {"daily": [apply_retention]}
