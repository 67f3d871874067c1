from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionSettings(models.Model):
    """One bureau's retention periods: `periods` maps the key of a per-bureau retention rule
    (`privacy.registry`) to its period in the rule's unit, or None for "never" where the rule
    allows it. A rule without an entry uses its default, so a new app's rule works at once.
    Read through `queries.retention_settings_for` and `RetentionSettings.period`; write through
    `actions.update_retention_settings`."""

    bureau = models.OneToOneField(
        "bureaus.Bureau", on_delete=models.CASCADE, related_name="retention_settings"
    )
    periods = models.JSONField(_("periods"), default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("retention settings")
        verbose_name_plural = _("retention settings")

    def __str__(self):
        return f"retention settings #{self.pk}"

    def period(self, rule) -> int | None:
        """The bureau's period for `rule` (its default when the bureau did not set one)."""
        if rule.key in (self.periods or {}):
            return self.periods[rule.key]
        return rule.default
