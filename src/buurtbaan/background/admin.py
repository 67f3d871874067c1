"""The queue is not in the Django admin: a failed task's traceback may quote the data it worked
on, and platform staff see only what they need (issue 9). Operators read results with
`buurtbaan task_results` on the server instead (docs/background.md)."""

from django.contrib import admin
from django_tasks_db.models import DBTaskResult

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
