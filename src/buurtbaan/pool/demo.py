"""The demo employer pool, from the Netwerkboek's story (seed 002, chapter 2): Theater De Spijker
looks for a caretaker and asks the bureau to meet Sandra; the bureau accepted and arranges the
meeting (in the story they meet on the wijkexcursie, and she gets a 24-hour caretaker job).

Stands on the residents demo, which already gives Sandra, Peter and about half of the generated
residents the employer-pool consent (`ConsentScope.PARTNERS`). At the end the talent bank's
search index is built for the demo bureaus: the demo writes residents in bulk, without signals.
Idempotent: the request is found by resident and organisation; the index is rebuilt to the same
documents. All people are fictional.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction

from buurtbaan.bureaus.models import Bureau, Membership, Role
from buurtbaan.demo import stories
from buurtbaan.pool import actions
from buurtbaan.pool.models import IntroductionRequest
from buurtbaan.residents import actions as resident_actions
from buurtbaan.residents.models import ConsentScope, Resident
from buurtbaan.talentsearch.actions import reindex_bureau

User = get_user_model()

MESSAGE = (
    "Wij zoeken een conciërge voor 24 uur per week: de zaal klaarzetten, kleine reparaties, "
    "gasten ontvangen. Sandra's droom (iets in het theater) en haar talent voor organiseren "
    "passen daar goed bij. Kunnen we kennismaken?"
)
REPLY = (
    "Sandra wil graag kennismaken. We komen met de wijkexcursie langs het theater; daarna "
    "plannen we samen een gesprek."
)


def _email(local_part: str) -> str:
    return f"{local_part}@{stories.EMAIL_DOMAIN}"


@transaction.atomic
def load_demo_data(bureaus: dict[str, Bureau] | Iterable[Bureau]) -> None:
    bureaus = list(bureaus.values()) if isinstance(bureaus, dict) else list(bureaus)
    main = next((bureau for bureau in bureaus if bureau.slug == stories.MAIN_BUREAU["slug"]), None)
    if main is not None:
        _theatre_meets_sandra(main)
    for bureau in bureaus:
        reindex_bureau(bureau=bureau)


def _theatre_meets_sandra(bureau: Bureau) -> None:
    sandra = Resident.objects.filter(bureau=bureau, email=_email("sandra")).first()
    partner = (
        Membership.objects.filter(bureau=bureau, role=Role.PARTNER, user__email=_email("partner"))
        .select_related("organisation", "user")
        .first()
    )
    coordinator = User.objects.filter(email=_email("coordinator")).first()
    if sandra is None or partner is None or partner.organisation is None or coordinator is None:
        return
    if IntroductionRequest.objects.filter(
        resident=sandra, organisation=partner.organisation
    ).exists():
        return
    # Normally already given in the residents demo; recorded here if it is not.
    resident_actions.record_consent(
        actor=coordinator,
        resident=sandra,
        scope=ConsentScope.PARTNERS,
        note="getekend formulier bij de intake",
    )
    introduction = actions.request_introduction(
        actor=partner.user, membership=partner, resident=sandra, message=MESSAGE
    )
    actions.accept_introduction(actor=coordinator, introduction=introduction, reply=REPLY)
