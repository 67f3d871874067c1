"""The bulletin board's part of the story (see `core.story`).

- A resident: their responses on the board and how the bureau followed them up, and the
  Buurtmaatjes help requests made for them.
- A piece of work: its board item (written, posted by a partner, published, taken off or not
  published), the responses to it, and the help request it came from.

Responders are named only when they are residents whose profile the viewer may see; anyone else
is "someone": their names and contact details are on the responses page, which logs the read.
Three queries at most for either story.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from buurtbaan.board.models import BoardItem, HelpRequest, ItemStatus, Response, ResponseStatus
from buurtbaan.core.story import Event, name_of, story

BOARD = "board"


@story.about_resident
def resident_board(resident, viewer):
    own = Q(resident=resident)
    if resident.user_id:
        own |= Q(user_id=resident.user_id, resident__isnull=True)
    responses = Response.objects.filter(own, bureau_id=resident.bureau_id).select_related(
        "item", "handled_by"
    )
    for response in responses.order_by("created_at", "pk"):
        item = {"item": response.item.title}
        link = viewer.url("board:response-list", pk=response.item_id)
        yield Event(
            at=response.created_at,
            kind=BOARD,
            text=_("Responded on the bulletin board to “%(item)s”") % item,
            link=link,
        )
        if response.handled_at and response.status != ResponseStatus.NEW:
            text = (
                _("The bureau contacted them about “%(item)s”")
                if response.status == ResponseStatus.CONTACTED
                else _("The bureau declined their response to “%(item)s”")
            )
            yield Event(
                at=response.handled_at,
                kind=BOARD,
                text=text % item,
                link=link,
                actor=name_of(response.handled_by),
            )
    help_requests = HelpRequest.objects.filter(resident=resident).select_related(
        "organisation", "submitted_by"
    )
    for help_request in help_requests.order_by("created_at", "pk"):
        yield Event(
            at=help_request.created_at,
            kind=BOARD,
            text=_("%(organisation)s asked Buurtmaatjes for help for them: %(kind)s")
            % {
                "organisation": help_request.organisation.name,
                "kind": help_request.get_help_kind_display(),
            },
            link=viewer.url("board:helprequest-detail", pk=help_request.pk),
            actor=name_of(help_request.submitted_by),
        )


@story.about_piece
def piece_board(piece, viewer):
    from buurtbaan.residents.permissions import visible_resident_ids

    help_request = HelpRequest.objects.filter(piece=piece).select_related("organisation").first()
    if help_request is not None:
        yield Event(
            at=help_request.created_at,
            kind=BOARD,
            text=_("Help request from %(organisation)s received: %(kind)s")
            % {
                "organisation": help_request.organisation.name,
                "kind": help_request.get_help_kind_display(),
            },
            link=viewer.url("board:helprequest-detail", pk=help_request.pk),
        )
    item = (
        BoardItem.objects.filter(piece=piece)
        .select_related("submitted_by", "published_by")
        .prefetch_related("responses__resident", "responses__handled_by")
        .first()
    )
    if item is None:
        return
    link = viewer.url("board:item-manage", pk=item.pk)
    title = {"title": item.title}
    if item.submitted_by_id:
        text = _("A partner posted “%(title)s” for the bulletin board") % title
    else:
        text = _("Written for the bulletin board: “%(title)s”") % title
    yield Event(
        at=item.created_at, kind=BOARD, text=text, link=link, actor=name_of(item.submitted_by)
    )
    if item.published_at:
        yield Event(
            at=item.published_at,
            kind=BOARD,
            text=_("Published on the bulletin board"),
            link=link,
            actor=name_of(item.published_by),
        )
    if item.status == ItemStatus.CLOSED and item.closed_at:
        yield Event(
            at=item.closed_at,
            kind=BOARD,
            text=_("Taken off the bulletin board"),
            link=link,
        )
    elif item.status == ItemStatus.REJECTED:
        yield Event(
            at=item.updated_at,
            kind=BOARD,
            text=_("Not published on the bulletin board: %(reason)s")
            % {"reason": item.status_reason or "—"},
            link=link,
        )
    responses = list(item.responses.all())
    visible = visible_resident_ids(viewer.membership, [r.resident_id for r in responses])
    responses_link = viewer.url("board:response-list", pk=item.pk)
    for response in responses:
        shown = response.resident if response.resident_id in visible else None
        yield Event(
            at=response.created_at,
            kind=BOARD,
            text=_("%(name)s responded on the bulletin board") % {"name": str(shown)}
            if shown
            else _("Someone responded on the bulletin board"),
            link=responses_link,
            residents=(shown,) if shown else (),
        )
