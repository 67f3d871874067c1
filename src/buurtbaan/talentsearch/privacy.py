"""The search index holds a copy of what is searchable in the talent bank; see
`privacy.registry`."""

from django.utils.translation import gettext_lazy as _

from buurtbaan.bureaus.models import Role
from buurtbaan.privacy.registry import AppDeclarations, LegalGround
from buurtbaan.talentsearch import actions

privacy = AppDeclarations("talentsearch")

privacy.declare(
    "talentsearch.ResidentSearchDocument",
    holds=_("A copy of the searchable parts of a resident's record, to search the talent bank."),
    purpose=_("Finding residents with the right talents quickly."),
    legal_ground=LegalGround.CONSENT,
    kept=_("Rebuilt on every change of the record; deleted at once on erasure."),
    seen_by=[Role.COORDINATOR, Role.COACH],
)


@privacy.erasure_part("search_index")
def erase_search_document(resident, user) -> bool:
    # Runs after the record is anonymised: an anonymised resident has no document, so it goes.
    actions.reindex_resident(resident)
    return True
