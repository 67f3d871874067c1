"""The background machinery's own periodic work."""

from django_tasks import task

from buurtbaan.background import actions


@task()
def prune_task_results() -> dict[str, int]:
    return actions.prune_task_results()


SCHEDULE = {"daily": [prune_task_results]}
