"""The employer pool's part of a resident's story (see `core.story`): a partner asked to be
introduced, and the bureau's answer. One query."""

from __future__ import annotations

from django.utils.translation import gettext as _

from buurtbaan.core.story import Event, name_of, story
from buurtbaan.pool.models import IntroductionRequest, IntroductionStatus

INTRODUCTIONS = "introductions"


@story.about_resident
def introductions(resident, viewer):
    requests = IntroductionRequest.objects.filter(resident=resident).select_related(
        "organisation", "requested_by", "handled_by"
    )
    for request in requests.order_by("created_at", "pk"):
        link = viewer.url("pool:introduction-detail", pk=request.pk)
        organisation = {"organisation": request.organisation.name}
        yield Event(
            at=request.created_at,
            kind=INTRODUCTIONS,
            text=_("%(organisation)s asked to be introduced") % organisation,
            link=link,
            actor=name_of(request.requested_by),
        )
        if request.handled_at and request.status != IntroductionStatus.NEW:
            text = (
                _("The bureau accepted the introduction to %(organisation)s")
                if request.status == IntroductionStatus.ACCEPTED
                else _("The bureau declined the introduction to %(organisation)s")
            )
            yield Event(
                at=request.handled_at,
                kind=INTRODUCTIONS,
                text=text % organisation,
                link=link,
                actor=name_of(request.handled_by),
            )
