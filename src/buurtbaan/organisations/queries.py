"""Reads for organisation and network pages, each in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from buurtbaan.organisations.models import Organisation, PersonalRelation


def organisations_for(membership) -> QuerySet[Organisation]:
    """The organisations a member may see (staff: all of the bureau; a partner: their own),
    with the number of pieces of work each carries."""
    return (
        Organisation.objects.visible_to(membership)
        .annotate(piece_count=Count("carried_pieces", distinct=True))
        .order_by("name", "pk")
    )


def filter_organisations(organisations, filters: dict) -> QuerySet[Organisation]:
    name = (filters.get("q") or "").strip()
    if name:
        organisations = organisations.filter(name__icontains=name)
    if filters.get("kind"):
        organisations = organisations.filter(kind=filters["kind"])
    if filters.get("level"):
        organisations = organisations.filter(scale_level=filters["level"])
    if filters.get("active") != "all":
        organisations = organisations.filter(is_active=True)
    return organisations


def organisation_for_detail(membership) -> QuerySet[Organisation]:
    return Organisation.objects.visible_to(membership).select_related("bureau")


def carried_pieces(organisation: Organisation):
    """Pieces of work the organisation carries or asks for (for its detail page)."""
    from buurtbaan.work.models import PieceOfWork

    return (
        PieceOfWork.objects.filter(bureau_id=organisation.bureau_id)
        .filter(Q(carried_by_organisation=organisation) | Q(asked_by_organisation=organisation))
        .select_related("purpose")
        .order_by("-created_at")[:50]
    )


def network_of(resident) -> QuerySet[PersonalRelation]:
    return PersonalRelation.objects.filter(resident=resident).select_related("helper")
