"""Memberships say which account has which role in a bureau; see `privacy.registry`."""

from django.utils.translation import gettext_lazy as _

from buurtbaan.bureaus.models import Role
from buurtbaan.privacy.registry import AppDeclarations, LegalGround

privacy = AppDeclarations("bureaus")

privacy.declare(
    "bureaus.Membership",
    holds=_("Who has which role in the bureau (and for which organisation a partner acts)."),
    purpose=_("Giving each person access to exactly what their role needs."),
    legal_ground=LegalGround.LEGITIMATE_INTEREST,
    kept=_("As long as the person works with the bureau; ended on erasure."),
    seen_by=[Role.COORDINATOR, Role.COACH],
)
