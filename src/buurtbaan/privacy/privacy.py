"""The privacy app's own model refers to an account only as "changed by"."""

from django.utils.translation import gettext_lazy as _

from buurtbaan.privacy.registry import AppDeclarations

privacy = AppDeclarations("privacy")

privacy.declare(
    "privacy.RetentionSettings",
    is_personal=False,
    holds=_("The bureau's retention periods; they name only who changed them last."),
)
