"""Reads for the work bank's pages, each in a fixed number of queries whatever the rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from buurtbaan.work.models import PieceOfWork, Purpose, SubsidiarityAnswer, WorkStatus


def purposes_for_list(bureau) -> QuerySet[Purpose]:
    """Purposes with the figures a row shows: pieces, placed pieces and planned hours."""
    return (
        Purpose.objects.filter(bureau=bureau)
        .select_related("asked_by_organisation", "asked_by_resident")
        .annotate(
            piece_count=Count("pieces", distinct=True),
            placed_count=Count(
                "pieces", filter=Q(pieces__scale_level__isnull=False), distinct=True
            ),
            done_count=Count("pieces", filter=Q(pieces__status=WorkStatus.DONE), distinct=True),
        )
        .order_by("-created_at", "-pk")
    )


def purpose_for_detail(bureau) -> QuerySet[Purpose]:
    return Purpose.objects.filter(bureau=bureau).select_related(
        "asked_by_organisation", "asked_by_resident", "created_by"
    )


@dataclass
class Node:
    """A piece in the tree of a purpose, with its parts."""

    piece: PieceOfWork
    children: list[Node] = field(default_factory=list)
    depth: int = 0


def piece_tree(pieces) -> list[Node]:
    """Build the tree from a flat list of pieces (one query): the top pieces with their parts,
    in creation order. A piece whose parent is not in the list is shown at the top."""
    nodes = {piece.pk: Node(piece) for piece in pieces}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.piece.parent_id)
        if parent is None:
            roots.append(node)
        else:
            parent.children.append(node)

    def set_depth(items, depth):
        for item in items:
            item.depth = depth
            set_depth(item.children, depth + 1)

    set_depth(roots, 0)
    return roots


def pieces_of_purpose(purpose: Purpose) -> list[PieceOfWork]:
    return list(
        PieceOfWork.objects.filter(purpose=purpose)
        .select_related("carried_by_organisation")
        .order_by("pk")
    )


def purpose_hours(pieces) -> dict:
    """Hours of a purpose's top pieces (their parts are inside them) and hours done in all."""
    top = [p for p in pieces if p.parent_id is None or p.parent_id not in {q.pk for q in pieces}]
    return {
        "hours_total": sum((p.hours_total or 0) for p in top),
        "hours_per_week": sum((p.hours_per_week or 0) for p in top),
        "hours_done": sum((p.hours_done or 0) for p in pieces),
    }


def pieces_for_list(bureau) -> QuerySet[PieceOfWork]:
    return (
        PieceOfWork.objects.filter(bureau=bureau)
        .select_related("purpose", "carried_by_organisation")
        .annotate(part_count=Count("children"))
        .order_by("-created_at", "-pk")
    )


def filter_pieces(pieces: QuerySet[PieceOfWork], filters: dict) -> QuerySet[PieceOfWork]:
    if filters.get("kind"):
        pieces = pieces.filter(kind=filters["kind"])
    if filters.get("status"):
        pieces = pieces.filter(status=filters["status"])
    level = filters.get("level")
    if level == "none":
        pieces = pieces.filter(scale_level__isnull=True)
    elif level:
        pieces = pieces.filter(scale_level=int(level))
    return pieces


def piece_for_detail(bureau) -> QuerySet[PieceOfWork]:
    return (
        PieceOfWork.objects.filter(bureau=bureau)
        .select_related(
            "purpose",
            "parent",
            "carried_by_organisation",
            "asked_by_resident",
            "asked_by_organisation",
        )
        .prefetch_related(
            "talents_needed",
            Prefetch("children", queryset=PieceOfWork.objects.order_by("pk")),
            Prefetch(
                "subsidiarity_answers",
                queryset=SubsidiarityAnswer.objects.select_related("answered_by"),
            ),
        )
    )


def hours_of_piece(piece: PieceOfWork):
    return piece.hours_entries.select_related("recorded_by")[:20]


@dataclass
class QuestionRow:
    number: int
    text: str
    answer: object = None  # SubsidiarityAnswer or None
    state: str = "waiting"  # answered, current, waiting, not_needed


@dataclass
class AssistantState:
    """Where a piece stands in the five questions, for the assistant page."""

    rows: list[QuestionRow]
    question: int | None  # the question whose form is shown
    next_question: int | None  # the first open question in order
    decided_level: int | None


def assistant_state(piece: PieceOfWork, requested=None) -> AssistantState:
    """Uses the piece's prefetched `subsidiarity_answers`. `requested` (a question number from
    the address) opens an earlier, answered question to change it; anything else is ignored."""
    from buurtbaan.organisations.models import ScaleLevel
    from buurtbaan.work.actions import deciding_level, next_question
    from buurtbaan.work.models import QUESTIONS

    answers = {answer.question: answer for answer in piece.subsidiarity_answers.all()}
    waiting = next_question(answers)
    decided = deciding_level(answers)
    try:
        requested = int(requested)
    except (TypeError, ValueError):
        requested = None
    question = requested if requested in answers else waiting
    rows = []
    for level in ScaleLevel.values:
        if level == question:
            state = "current"
        elif level in answers:
            state = "answered"
        elif decided is not None and level > decided:
            state = "not_needed"
        else:
            state = "waiting"
        rows.append(QuestionRow(level, QUESTIONS[level], answers.get(level), state))
    return AssistantState(rows, question, waiting, decided)
