"""The bureau's processing register and its retention periods, under the management page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import bureau_view
from buurtbaan.core.forms import add_action_error
from buurtbaan.privacy import actions, queries
from buurtbaan.privacy.forms import RetentionSettingsForm
from buurtbaan.privacy.registry import registry

#: Who may read the register: it holds no personal data, and the staff should know it.
REGISTER_READERS = [Role.COORDINATOR, Role.COACH]


@bureau_view(read=REGISTER_READERS)
@require_http_methods(["GET", "HEAD"])
def register(request):
    """The processing register (verwerkingsregister), generated from the apps' declarations."""
    context = {
        "groups": queries.processing_register(request.bureau),
        "platform_rules": [(rule, rule.period()) for rule in registry.platform_rules()],
        "references_only": queries.references_only(),
        "readers": [role.label for role in REGISTER_READERS],
    }
    return render(request, "privacy/register.html", context)


@bureau_view(read=[Role.COORDINATOR], write=[Role.COORDINATOR])
@require_http_methods(["GET", "POST"])
def retention_update(request):
    """The bureau's retention periods (coordinators)."""
    retention = queries.retention_settings_for(request.bureau)
    form = RetentionSettingsForm(request.POST or None, retention=retention)
    if form.is_valid():
        try:
            actions.update_retention_settings(
                actor=request.user, bureau=request.bureau, periods=form.periods()
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The retention periods have been saved."))
            return redirect("privacy:retention", bureau_slug=request.bureau.slug)
    return render(request, "privacy/retention_update.html", {"form": form})
