"""Pages of matching: candidates for a piece, suggested work for a resident, the match list and
history, the matching round, the settings, and the resident's own proposals.

Coordinators and coaches see and move matches; only coordinators run rounds and change settings;
a resident sees only their own proposals. Reasons, support needed and the notes written with the
steps of a match are shown only to staff who may see that resident's profile
(`residents.permissions.can_see_profile`), and only they propose that resident, alone or in a
team; partners and funders see no matching page at all.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from buurtbaan.audit.reads import log_list_view, log_record_view
from buurtbaan.bureaus.models import Role
from buurtbaan.bureaus.permissions import SAFE_METHODS, STAFF, bureau_view, get_for_bureau
from buurtbaan.core import locking
from buurtbaan.core.forms import add_action_error
from buurtbaan.matching import actions, queries, review, suggestions
from buurtbaan.matching.forms import (
    AnswerForm,
    MatchFilterForm,
    ProposeForm,
    SettingsForm,
    StepForm,
    TeamForm,
)
from buurtbaan.matching.models import PLACE_STATUSES, Match, MatchingRound
from buurtbaan.matching.steps import STEP_ACTIONS, steps_for
from buurtbaan.residents.models import Resident
from buurtbaan.residents.permissions import can_see_profile, get_resident_for_user
from buurtbaan.work.models import PieceOfWork

COORDINATORS = [Role.COORDINATOR]


def _is_htmx(request) -> bool:
    """An htmx swap of a part of the page; htmx restoring a page from history wants all of it."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )


def _visible(request, candidates) -> list:
    """The candidates whose profile the member may see, marked `can_see_profile`. A suggestion
    tells what someone's profile fits, so the others are left out (their coach proposes them)."""
    for candidate in candidates:
        candidate.can_see_profile = can_see_profile(request.membership, candidate.resident)
    return [candidate for candidate in candidates if candidate.can_see_profile]


def _piece(request, pk):
    return get_for_bureau(
        request, PieceOfWork.objects.select_related("bureau", "carried_by_organisation"), pk=pk
    )


@bureau_view(read=STAFF, write=STAFF)
def piece_candidates(request, pk):
    """Ranked candidates for a piece of work, and a team for group work."""
    piece = _piece(request, pk)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    found = suggestions.candidates_for_piece(request.bureau, piece)
    team = suggestions.team_for_piece(request.bureau, piece) if piece.people_needed > 1 else None
    found.candidates = _visible(request, found.candidates)
    hidden_members = 0
    if team:
        members = team.members
        team.members = _visible(request, members)
        hidden_members = len(members) - len(team.members)
    # Places are taken by anyone's match, also those of residents the member may not see.
    taken = Match.objects.filter(piece=piece, status__in=PLACE_STATUSES).count()
    matches = list(queries.matches_of_piece(piece, request.membership))
    shown = [c.resident for c in found.candidates + (team.members if team else [])]
    log_list_view(request, shown + [m.resident for m in matches], page=f"candidates piece #{pk}")
    context = {
        "piece": piece,
        "found": found,
        "team": team,
        "can_propose_team": bool(team and team.members) and not hidden_members,
        "hidden_members": hidden_members,
        "matches": matches,
        "free_places": max(0, piece.people_needed - taken),
    }
    return render(request, "matching/piece_candidates.html", context)


def _propose_redirect(request, piece, resident_pk, return_to):
    if return_to == "resident" and resident_pk:
        return redirect(
            "matching:resident-suggestions", bureau_slug=request.bureau.slug, pk=resident_pk
        )
    return redirect("matching:piece-candidates", bureau_slug=request.bureau.slug, pk=piece.pk)


@bureau_view(read=STAFF, write=STAFF)
def match_create(request, pk):
    """Propose one resident for the piece (POST only, after the lookup)."""
    piece = _piece(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a resident from the list to propose."))
        return _propose_redirect(request, piece, None, "piece")
    resident = get_object_or_404(
        Resident.objects.filter(bureau=request.bureau), pk=form.cleaned_data["resident"]
    )
    if not can_see_profile(request.membership, resident):
        # Proposing is a step in someone's path: taken by whoever may see their whole profile.
        raise PermissionDenied
    try:
        match = actions.propose_match(
            actor=request.user, piece=piece, resident=resident, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s has been proposed for this work. They will see it under My proposals.")
            % {"name": match.resident},
        )
    return _propose_redirect(request, piece, resident.pk, form.cleaned_data["return_to"])


@bureau_view(read=STAFF, write=STAFF)
def team_propose(request, pk):
    """Propose a composed team at once (POST only, after the lookup)."""
    piece = _piece(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    ids = request.POST.getlist("residents")
    form = TeamForm(request.POST, resident_ids=[value for value in ids if value.isdigit()])
    residents = []
    if form.is_valid():
        wanted = form.cleaned_data["residents"]
        found = Resident.objects.filter(bureau=request.bureau).in_bulk(wanted)
        if len(found) != len(set(wanted)):
            raise Http404  # someone of another bureau, or no one: as for a single proposal
        residents = [found[pk] for pk in dict.fromkeys(wanted)]
        if not all(can_see_profile(request.membership, resident) for resident in residents):
            raise PermissionDenied
    try:
        matches = actions.propose_team(actor=request.user, piece=piece, residents=residents)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = len(matches)
        messages.success(
            request,
            ngettext(
                "%(count)s resident has been proposed.",
                "%(count)s residents have been proposed.",
                count,
            )
            % {"count": count},
        )
    return redirect("matching:piece-candidates", bureau_slug=request.bureau.slug, pk=piece.pk)


@bureau_view(read=STAFF, write=STAFF)
def resident_suggestions(request, pk):
    """Open work that fits a resident, and their matches so far."""
    resident = get_resident_for_user(request, pk)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    if not can_see_profile(request.membership, resident):
        raise PermissionDenied
    log_record_view(request, resident, page="suggested work")
    context = {
        "resident": resident,
        "found": suggestions.work_for_resident(request.bureau, resident),
        "matches": list(queries.matches_of_resident(resident)),
    }
    return render(request, "matching/resident_suggestions.html", context)


@bureau_view(read=STAFF)
def match_list(request):
    """All matches of the bureau, filtered by status and source, and work that needs people."""
    form = MatchFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    matches = queries.matches_for_list(
        request.bureau,
        status=filters.get("status", ""),
        source=filters.get("source", ""),
        membership=request.membership,
    )
    page = Paginator(matches, 25).get_page(request.GET.get("page"))
    log_list_view(request, [match.resident for match in page.object_list], page="matches")
    context = {"form": form, "page": page}
    if _is_htmx(request):
        return render(request, "matching/partials/_match_table.html", context)
    context["counts"] = queries.status_counts(request.bureau)
    context["open_work"] = queries.work_needing_people(request.bureau)
    return render(request, "matching/match_list.html", context)


@bureau_view(read=STAFF, write=STAFF)
def match_detail(request, pk):
    """A match with its whole history, and the form for its next step."""
    match = get_for_bureau(
        request, queries.match_for_detail(request.bureau, request.membership), pk=pk
    )
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    log_record_view(request, match.resident, page=f"match #{match.pk}")
    actions.add_missing_reasons(bureau=request.bureau, matches=[match])
    steps = steps_for(match)
    context = {
        "match": match,
        "history": match.history(),
        "can_see_profile": can_see_profile(request.membership, match.resident),
        "step_form": StepForm(steps=steps) if steps else None,
    }
    return render(request, "matching/match_detail.html", context)


@bureau_view(read=STAFF, write=STAFF)
def match_step(request, pk):
    """Record the next step of a match (POST only, after the lookup)."""
    match = get_for_bureau(
        request, queries.visible_matches(request.membership).select_related("piece"), pk=pk
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = StepForm(request.POST, steps=steps_for(match))
    if form.is_valid():
        step = form.cleaned_data["step"]
        try:
            STEP_ACTIONS[step](actor=request.user, match=match, text=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The match has been updated."))
    else:
        messages.error(request, _("This step is not possible for this match now."))
    return redirect(match)


@require_http_methods(["GET", "POST"])
@bureau_view(read=STAFF, write=COORDINATORS)
def round_list(request):
    """Matching rounds: run a new one (coordinators), see earlier ones."""
    if request.method == "POST":
        matching_round = actions.run_round(actor=request.user, bureau=request.bureau)
        messages.success(request, _("The round is ready. Check it, then confirm the proposals."))
        return redirect(matching_round)
    page = Paginator(queries.rounds_for_list(request.bureau), 25).get_page(request.GET.get("page"))
    context = {"page": page, "settings": queries.settings_for(request.bureau)}
    return render(request, "matching/round_list.html", context)


@bureau_view(read=STAFF, write=COORDINATORS)
def round_detail(request, pk):
    """A round in words, its pairs a page at a time with their reasons, and the choices made."""
    matching_round = get_for_bureau(request, MatchingRound.objects.select_related("run_by"), pk=pk)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    page = Paginator(matching_round.assignments, 50).get_page(request.GET.get("page"))
    rows = queries.assignment_rows(request.bureau, page.object_list, membership=request.membership)
    shown = [
        (row["resident"].pk, row["piece"].pk) for row in rows if row["resident"] and row["piece"]
    ]
    why = review.reasons_for_pairs(request.bureau, shown)
    for row in rows:
        if row["resident"] and row["piece"]:
            row["why"] = why.get((row["resident"].pk, row["piece"].pk))
    choices = review.choice_rows(request.bureau, matching_round, membership=request.membership)
    context = {
        "round": matching_round,
        "page": page,
        "rows": rows,
        "summary": review.summary(matching_round),
        "choice_rows": choices,
        "can_change": matching_round.status == "draft" and request.membership.is_coordinator,
    }
    named = [row["resident"] for row in rows]
    named += [c[key] for c in choices for key in ("resident", "new_resident")]
    log_list_view(request, named, page=f"round #{pk}")
    return render(request, "matching/round_detail.html", context)


@bureau_view(read=COORDINATORS, write=COORDINATORS)
def round_pair(request, pk, resident, piece):
    """One pair of a draft round: why it fits, and leaving it out or choosing another resident
    for the work or other work for the resident."""
    matching_round = get_for_bureau(request, MatchingRound.objects.all(), pk=pk)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    row = next((r for r in matching_round.assignments if r[0] == resident and r[1] == piece), None)
    if row is None:
        raise Http404
    the_resident = get_resident_for_user(request, resident)
    the_piece = get_for_bureau(request, PieceOfWork.objects.all(), pk=piece)
    is_draft = matching_round.status == "draft"
    options = review.swap_options(matching_round, resident, piece) if is_draft else {}
    other_residents = Resident.objects.filter(bureau=request.bureau).in_bulk(
        [pk for pk, _score in options.get("residents", [])]
    )
    other_pieces = PieceOfWork.objects.filter(bureau=request.bureau).in_bulk(
        [pk for pk, _score in options.get("pieces", [])]
    )
    pairs = [(resident, piece)]
    pairs += [(pk, piece) for pk, _score in options.get("residents", [])]
    pairs += [(resident, pk) for pk, _score in options.get("pieces", [])]
    why = review.reasons_for_pairs(request.bureau, pairs)
    context = {
        "round": matching_round,
        "resident": the_resident,
        "piece": the_piece,
        "score": row[2],
        "why": why.get((resident, piece)),
        "other_residents": [
            {"resident": other_residents[pk], "score": score, "why": why.get((pk, piece))}
            for pk, score in options.get("residents", [])
            if pk in other_residents
        ],
        "other_pieces": [
            {"piece": other_pieces[pk], "score": score, "why": why.get((resident, pk))}
            for pk, score in options.get("pieces", [])
            if pk in other_pieces
        ],
        "is_draft": is_draft,
    }
    log_record_view(request, the_resident, page=f"round #{pk} pair")
    log_list_view(request, list(other_residents.values()), page=f"round #{pk} pair options")
    return render(request, "matching/round_pair.html", context)


def _posted_id(request, name):
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        return None


@bureau_view(read=COORDINATORS, write=COORDINATORS)
def round_choose(request, pk):
    """Leave a pair out of a draft round or swap it, then show the round solved again (POST)."""
    matching_round = get_for_bureau(request, MatchingRound.objects.all(), pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    resident, piece = _posted_id(request, "resident"), _posted_id(request, "piece")
    new_resident, new_piece = _posted_id(request, "new_resident"), _posted_id(request, "new_piece")
    # A missing version counts as a stale page: -1 is never a round's version.
    version = _posted_id(request, "version")
    pair = {
        "resident_id": resident,
        "piece_id": piece,
        "version": -1 if version is None else version,
    }
    try:
        if resident is None or piece is None:
            raise ValidationError(
                _("This pair is not in the round (any more); nothing was changed.")
            )
        if request.POST.get("decision") == "drop":
            actions.drop_round_pair(actor=request.user, matching_round=matching_round, **pair)
            messages.success(request, _("The pair has been left out and the rest solved again."))
        elif (new_resident is None) != (new_piece is None):
            actions.swap_round_pair(
                actor=request.user,
                matching_round=matching_round,
                new_resident_id=new_resident,
                new_piece_id=new_piece,
                **pair,
            )
            messages.success(request, _("The pair has been changed and the rest solved again."))
        else:
            raise ValidationError(_("Choose another resident or another piece of work."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(matching_round)


@bureau_view(read=STAFF, write=COORDINATORS)
def round_confirm(request, pk):
    """Confirm a round's proposals, or set the round aside (POST only, after the lookup)."""
    matching_round = get_for_bureau(request, MatchingRound.objects.all(), pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        if request.POST.get("decision") == "discard":
            actions.discard_round(actor=request.user, matching_round=matching_round)
            messages.success(request, _("The round has been set aside; nothing was proposed."))
        else:
            version = _posted_id(request, "version")
            count = actions.confirm_round(
                actor=request.user,
                matching_round=matching_round,
                version=-1 if version is None else version,
            )
            messages.success(
                request,
                ngettext(
                    "%(count)s proposal has been made.",
                    "%(count)s proposals have been made.",
                    count,
                )
                % {"count": count},
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(matching_round)


@require_http_methods(["GET", "POST"])
@bureau_view(read=COORDINATORS, write=COORDINATORS)
def settings_update(request):
    """The bureau's matching weights and rules."""
    matching_settings = queries.settings_for(request.bureau)
    form = SettingsForm(request.POST or None, instance=matching_settings)
    if form.is_valid():
        try:
            with locking.unchanged_since_opened(form):
                actions.update_settings(
                    actor=request.user, bureau=request.bureau, changes=form.changes()
                )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The matching settings have been saved."))
            return redirect("matching:settings", bureau_slug=request.bureau.slug)
    return render(
        request, "matching/settings_update.html", {"form": form}, status=locking.status(form)
    )


# --- The resident's own proposals ---------------------------------------------------------------


@bureau_view(read=[Role.RESIDENT])
def my_proposals(request):
    """The resident's own proposals, newest first (nothing when the account has no record)."""
    matches = list(queries.proposals_for_resident_user(request.bureau, request.user))
    actions.add_missing_reasons(bureau=request.bureau, matches=matches)
    context = {
        "open_matches": [m for m in matches if m.is_open and not m.is_accepted],
        "other_matches": [m for m in matches if not (m.is_open and not m.is_accepted)],
    }
    return render(request, "matching/my_proposals.html", context)


def _own_match(request, pk) -> Match:
    """One of the resident's own matches, or 404 (another resident's does not exist for them)."""
    return get_object_or_404(
        queries.proposals_for_resident_user(request.bureau, request.user), pk=pk
    )


@require_http_methods(["GET", "POST"])
@bureau_view(read=[Role.RESIDENT], write=[Role.RESIDENT])
def my_proposal_answer(request, pk):
    """The resident says yes or no to one of their own proposals."""
    match = _own_match(request, pk)
    if not (match.is_open and not match.is_accepted):
        if request.method == "POST":
            messages.error(request, _("You already answered this proposal."))
        return redirect("matching:my-proposals", bureau_slug=request.bureau.slug)
    form = AnswerForm(request.POST or None)
    if form.is_valid():
        answer, reason = form.cleaned_data["answer"], form.cleaned_data["reason"]
        try:
            if answer == "accept":
                actions.resident_accepts(actor=request.user, match=match, note=reason)
                messages.success(
                    request, _("Thank you! The bureau will contact you about the next step.")
                )
            else:
                actions.resident_declines(actor=request.user, match=match, reason=reason)
                messages.success(
                    request,
                    _("Thank you for letting us know. We will not propose this work again."),
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("matching:my-proposals", bureau_slug=request.bureau.slug)
    actions.add_missing_reasons(bureau=request.bureau, matches=[match])
    return render(request, "matching/my_proposal_answer.html", {"match": match, "form": form})
