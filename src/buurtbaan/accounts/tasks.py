"""Background work of accounts (see the tasks convention in docs)."""

from django_tasks import task

from buurtbaan.accounts import actions


@task()
def clear_old_login_records() -> dict[str, int]:
    """Delete axes' failed-login counts past the cool-off and its logs past 30 days; returns
    the number of rows deleted per kind."""
    return actions.clear_old_login_records()


SCHEDULE = {"daily": [clear_old_login_records]}
