"""What the organisations app keeps about residents: their personal network
(`PersonalRelation`); see `privacy.registry`."""

from django.utils.translation import gettext_lazy as _

from buurtbaan.bureaus.models import Role
from buurtbaan.organisations.models import PersonalRelation
from buurtbaan.privacy.registry import AppDeclarations, LegalGround
from buurtbaan.privacy.values import number
from buurtbaan.residents.erasure import ANONYMISED_NAME

privacy = AppDeclarations("organisations")

privacy.declare(
    "organisations.PersonalRelation",
    holds=_(
        "The resident's personal network: who helps them (a name, or a link to another "
        "resident), with what and how many hours a week."
    ),
    purpose=_("Seeing what support a resident already has, so the bureau adds what is missing."),
    legal_ground=LegalGround.CONSENT,
    kept=_("As long as the resident is registered; names and what they help with go on erasure."),
    seen_by=[Role.COORDINATOR, Role.COACH],
)


def _network_data(relation) -> dict:
    # A helper who is also in the talent bank is not named: that is their data, not yours.
    return {
        "relation": relation.kind,
        "name": relation.name or None,
        "helps_with": relation.helps_with,
        "hours_per_week": number(relation.hours_per_week),
        "still_helps": relation.is_active,
    }


def _helps_data(relation) -> dict:
    return {
        "relation": relation.kind,
        "helps_with": relation.helps_with,
        "hours_per_week": number(relation.hours_per_week),
        "still_helps": relation.is_active,
    }


@privacy.export_part("personal_network", serialise=_network_data)
def collect_network(resident) -> list:
    return list(PersonalRelation.objects.filter(resident=resident))


@privacy.export_part("helps_others", serialise=_helps_data)
def collect_helps_others(resident) -> list:
    return list(PersonalRelation.objects.filter(helper=resident))


@privacy.erasure_part("personal_relations")
def erase_network(resident, user) -> bool:
    """The resident's own network keeps kind and hours but loses names and what they help with."""
    relations = PersonalRelation.objects.filter(resident=resident)
    named = relations.filter(helper__isnull=True).update(name=ANONYMISED_NAME, helps_with="")
    linked = relations.filter(helper__isnull=False).update(name="", helps_with="")
    return bool(named or linked)
