from django.db import models
from django.utils.translation import gettext_lazy as _


class Period(models.TextChoices):
    HOURLY = "hourly", _("every hour")
    DAILY = "daily", _("every day")
    WEEKLY = "weekly", _("every week")


class ScheduledRun(models.Model):
    """One period's run of a periodic task: the row is the claim.

    The scheduler inserts this row and enqueues the task in one transaction. The unique
    constraint lets only one worker or cron host win a period; the others get an
    IntegrityError and enqueue nothing, so a period's run is enqueued once.
    """

    task_path = models.CharField(_("task"), max_length=200)
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    period_start = models.DateTimeField(_("start of the period"))
    enqueued_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)
    # The id of the task result in the queue; no foreign key, the backend may keep no rows.
    result_id = models.CharField(_("task result"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-period_start", "task_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["task_path", "period", "period_start"], name="scheduled_run_once_per_period"
            )
        ]

    def __str__(self):
        return f"{self.task_path} ({self.period} from {self.period_start:%Y-%m-%d %H:%M})"
