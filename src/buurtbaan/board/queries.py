"""Reads for the board's pages, each in a fixed number of queries whatever the rows."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from buurtbaan.board.models import BoardItem, HelpRequest, ItemStatus, Response, ResponseStatus
from buurtbaan.residents.models import Talent

# Only what the public board may show of a piece of work: facts about the work, never who
# asked for it (the piece's title and description may name them).
PUBLIC_PIECE_FIELDS = [
    "piece__id",
    "piece__status",
    "piece__is_paid",
    "piece__pay_kind",
    "piece__pay_amount",
    "piece__hours_total",
    "piece__hours_per_week",
    "piece__people_needed",
    "piece__times_per_week",
    "piece__days",
    "piece__starts_on",
    "piece__ends_on",
]
PUBLIC_ITEM_FIELDS = [
    "id",
    "bureau_id",
    "title",
    "summary",
    "kind",
    "area",
    "status",
    "closes_at",
    "published_at",
    "organisation__id",
    "organisation__name",
    *PUBLIC_PIECE_FIELDS,
]


def _talent_names():
    return Prefetch("talents", queryset=Talent.objects.only("name").order_by("name"))


def public_items(bureau) -> QuerySet[BoardItem]:
    """The public board: what is on it now, newest first, with only the public fields loaded."""
    return (
        BoardItem.objects.on_board()
        .filter(bureau=bureau)
        .select_related("piece", "organisation")
        .only(*PUBLIC_ITEM_FIELDS)
        .prefetch_related(_talent_names())
        .order_by("-published_at", "-pk")
    )


def filter_public(items: QuerySet[BoardItem], filters: dict) -> QuerySet[BoardItem]:
    if filters.get("kind"):
        items = items.filter(kind=filters["kind"])
    if filters.get("talent"):
        items = items.filter(talents=filters["talent"])
    return items


def with_response_counts(items: QuerySet[BoardItem]) -> QuerySet[BoardItem]:
    return items.annotate(
        response_count=Count("responses", distinct=True),
        new_response_count=Count(
            "responses", filter=Q(responses__status=ResponseStatus.NEW), distinct=True
        ),
    )


# The moderation queue's tabs: submitted first, then the rest.
QUEUE_TABS = {
    "submitted": [ItemStatus.SUBMITTED],
    "published": [ItemStatus.PUBLISHED],
    "draft": [ItemStatus.DRAFT],
    "closed": [ItemStatus.CLOSED, ItemStatus.REJECTED],
}


def moderation_items(bureau, tab: str) -> QuerySet[BoardItem]:
    statuses = QUEUE_TABS.get(tab, QUEUE_TABS["submitted"])
    return with_response_counts(
        BoardItem.objects.filter(bureau=bureau, status__in=statuses)
        .select_related("organisation", "submitted_by", "piece")
        .order_by("-updated_at", "-pk")
    )


def queue_counts(bureau) -> dict:
    counts = BoardItem.objects.filter(bureau=bureau).aggregate(
        **{tab: Count("pk", filter=Q(status__in=statuses)) for tab, statuses in QUEUE_TABS.items()}
    )
    return counts


def partner_posts(organisation) -> QuerySet[BoardItem]:
    """A partner's own posts with the number of responses (never who responded)."""
    return with_response_counts(
        BoardItem.objects.filter(organisation=organisation).order_by("-created_at", "-pk")
    )


def partner_post(organisation) -> QuerySet[BoardItem]:
    """One of a partner's own posts, for its page: the facts, the status and the number of
    responses (never who responded)."""
    return (
        partner_posts(organisation)
        .select_related("piece", "organisation")
        .prefetch_related(_talent_names())
    )


def item_for_manage(bureau) -> QuerySet[BoardItem]:
    return (
        BoardItem.objects.filter(bureau=bureau)
        .select_related("piece", "organisation", "submitted_by", "published_by")
        .prefetch_related(_talent_names())
    )


def responses_of(item: BoardItem) -> QuerySet[Response]:
    return item.responses.select_related("user", "resident", "handled_by").order_by(
        "created_at", "pk"
    )


def help_requests_inbox(bureau, status: str = "") -> QuerySet[HelpRequest]:
    requests = HelpRequest.objects.filter(bureau=bureau).select_related(
        "organisation", "piece", "submitted_by"
    )
    if status == "open":
        requests = requests.exclude(status__in=["done", "not_possible"])
    elif status:
        requests = requests.filter(status=status)
    return requests.order_by("-created_at", "-pk")


def help_requests_of(organisation) -> QuerySet[HelpRequest]:
    return HelpRequest.objects.filter(organisation=organisation).order_by("-created_at", "-pk")


def help_request_for_detail(bureau) -> QuerySet[HelpRequest]:
    return HelpRequest.objects.filter(bureau=bureau).select_related(
        "organisation", "submitted_by", "resident", "piece", "piece__board_item"
    )
