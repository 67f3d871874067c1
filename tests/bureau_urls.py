"""The registry of every URL that names a bureau (`<slug:bureau_slug>`).

Each entry maps a URL name to a function that, given a bureau, returns the other URL kwargs for
one of *that bureau's* objects (creating the object if needed). The isolation and role-matrix
tests walk this registry, and a test fails when a bureau URL is missing from it: **every view
added to the project must be registered here**, with its expected status per role in
`ROLE_MATRIX`.
"""

from buurtbaan.bureaus.models import Membership, Role
from tests.factories import MembershipFactory


def no_object(bureau):
    return {}


def a_membership(bureau):
    membership = Membership.objects.filter(bureau=bureau, role=Role.COACH).first()
    return {"pk": (membership or MembershipFactory(bureau=bureau, role=Role.COACH)).pk}


def a_resident(bureau):
    """A resident without a coach: every coach of the bureau may work with them."""
    from buurtbaan.residents.models import Resident
    from tests.factories import ResidentFactory

    resident = Resident.objects.filter(bureau=bureau, coach__isnull=True).order_by("pk").first()
    return {"pk": (resident or ResidentFactory(bureau=bureau)).pk}


def a_resident_section(bureau):
    return {**a_resident(bureau), "section": "persoonlijk"}


def a_barrier(bureau):
    from buurtbaan.residents.models import Barrier
    from tests.factories import BarrierFactory

    kwargs = a_resident(bureau)
    barrier = Barrier.objects.filter(resident_id=kwargs["pk"]).first()
    return {**kwargs, "barrier_pk": (barrier or BarrierFactory(resident_id=kwargs["pk"])).pk}


def an_intake_step(bureau):
    from buurtbaan.residents.models import Intake
    from tests.factories import IntakeFactory

    kwargs = a_resident(bureau)
    intake = Intake.objects.filter(resident_id=kwargs["pk"], completed_at__isnull=True).first()
    intake = intake or IntakeFactory(resident_id=kwargs["pk"])
    return {**kwargs, "intake_pk": intake.pk, "step": 1}


def a_talent(bureau):
    from buurtbaan.residents.models import Talent
    from tests.factories import TalentFactory

    talent = Talent.objects.filter(bureau=bureau).first()
    return {"pk": (talent or TalentFactory(bureau=bureau)).pk}


def an_organisation(bureau):
    """An organisation no partner acts for: a partner of the bureau may not see it."""
    from tests.factories import OrganisationFactory

    unused = bureau.organisations.filter(memberships__isnull=True).order_by("pk")
    return {"pk": (unused.first() or OrganisationFactory(bureau=bureau)).pk}


def a_network(bureau):
    return {"resident_pk": a_resident(bureau)["pk"]}


def a_personal_relation(bureau):
    from buurtbaan.organisations.models import PersonalRelation
    from tests.factories import PersonalRelationFactory

    kwargs = a_network(bureau)
    relation = PersonalRelation.objects.filter(resident_id=kwargs["resident_pk"]).first()
    relation = relation or PersonalRelationFactory(resident_id=kwargs["resident_pk"], bureau=bureau)
    return {**kwargs, "pk": relation.pk}


def a_purpose(bureau):
    from tests.factories import PurposeFactory

    purpose = bureau.purposes.order_by("pk").first() or PurposeFactory(bureau=bureau)
    return {"pk": purpose.pk}


def a_piece_of_work(bureau):
    from tests.factories import PieceOfWorkFactory

    piece = bureau.pieces_of_work.order_by("pk").first() or PieceOfWorkFactory(bureau=bureau)
    return {"pk": piece.pk}


def a_board_item(bureau):
    from tests.factories import BoardItemFactory

    item = bureau.board_items.order_by("pk").first() or BoardItemFactory(bureau=bureau)
    return {"pk": item.pk}


def a_published_board_item(bureau):
    from tests.factories import BoardItemFactory

    item = bureau.board_items.filter(status="published").order_by("pk").first()
    return {"pk": (item or BoardItemFactory(bureau=bureau, status="published")).pk}


def a_partners_post(bureau):
    """A post waiting for approval, of the organisation the bureau's (first) partner acts for."""
    from tests.factories import BoardItemFactory

    partner = Membership.objects.filter(bureau=bureau, role=Role.PARTNER).order_by("pk").first()
    organisation = partner.organisation if partner else None
    item = bureau.board_items.filter(organisation=organisation).order_by("pk").first()
    if item is None or organisation is None:
        item = BoardItemFactory(bureau=bureau, organisation=organisation, status="submitted")
    return {"pk": item.pk}


def a_board_response(bureau):
    from buurtbaan.board.models import Response
    from tests.factories import BoardResponseFactory

    response = Response.objects.filter(bureau=bureau).order_by("pk").first()
    if response is None:
        response = BoardResponseFactory(item_id=a_board_item(bureau)["pk"], bureau=bureau)
    return {"pk": response.pk}


def a_help_request(bureau):
    from tests.factories import HelpRequestFactory

    help_request = bureau.help_requests.order_by("pk").first() or HelpRequestFactory(bureau=bureau)
    return {"pk": help_request.pk}


def an_import_run(bureau):
    from tests.factories import ImportRunFactory

    run = bureau.import_runs.order_by("pk").first() or ImportRunFactory(bureau=bureau)
    return {"pk": run.pk}


def a_quote(bureau):
    """A draft quote with one line."""
    from tests.factories import QuoteFactory, QuoteLineFactory

    quote = bureau.quotes.filter(status="draft").order_by("pk").first()
    if quote is None:
        quote = QuoteFactory(bureau=bureau)
        QuoteLineFactory(quote=quote)
    return {"pk": quote.pk}


def a_sent_quote(bureau):
    import datetime

    from tests.factories import QuoteFactory, QuoteLineFactory

    quote = bureau.quotes.filter(status="sent").order_by("pk").first()
    if quote is None:
        quote = QuoteFactory(bureau=bureau, status="sent", sent_on=datetime.date.today())
        QuoteLineFactory(quote=quote)
    return {"pk": quote.pk}


def a_quote_line(bureau):
    kwargs = a_quote(bureau)
    from buurtbaan.quotes.models import QuoteLine

    return {**kwargs, "line_pk": QuoteLine.objects.filter(quote_id=kwargs["pk"]).first().pk}


def an_accepted_quote_line(bureau):
    import datetime

    from tests.factories import QuoteFactory, QuoteLineFactory

    quote = bureau.quotes.filter(status="accepted").order_by("pk").first()
    if quote is None:
        today = datetime.date.today()
        quote = QuoteFactory(bureau=bureau, status="accepted", sent_on=today, accepted_on=today)
        QuoteLineFactory(quote=quote)
    return {"pk": quote.pk, "line_pk": quote.lines.first().pk}


def an_assignment(bureau):
    from tests.factories import ImpactAssignmentFactory

    assignment = bureau.impact_assignments.order_by("pk").first()
    return {"pk": (assignment or ImpactAssignmentFactory(bureau=bureau)).pk}


def an_impact_target(bureau):
    from buurtbaan.impact.models import ImpactTarget
    from tests.factories import ImpactTargetFactory

    kwargs = an_assignment(bureau)
    target = ImpactTarget.objects.filter(assignment_id=kwargs["pk"]).first()
    target = target or ImpactTargetFactory(assignment_id=kwargs["pk"])
    return {**kwargs, "target_pk": target.pk}


def an_impact_participant(bureau):
    from buurtbaan.impact.models import ImpactAssignment, ImpactParticipant
    from tests.factories import ImpactParticipantFactory

    kwargs = an_assignment(bureau)
    participant = ImpactParticipant.objects.filter(assignment_id=kwargs["pk"]).first()
    assignment = ImpactAssignment.objects.get(pk=kwargs["pk"])
    participant = participant or ImpactParticipantFactory(assignment=assignment)
    return {**kwargs, "participant_pk": participant.pk}


def an_impact_piece(bureau):
    from buurtbaan.impact.models import ImpactAssignment

    kwargs = an_assignment(bureau)
    assignment = ImpactAssignment.objects.get(pk=kwargs["pk"])
    piece = assignment.pieces.first()
    if piece is None:
        piece = bureau.pieces_of_work.get(pk=a_piece_of_work(bureau)["pk"])
        assignment.pieces.add(piece)
    return {**kwargs, "piece_pk": piece.pk}


def a_mydata_section(bureau):
    return {"section": "persoonlijk"}


def a_possible_duplicate(bureau):
    """An open pair of a sign-up and a record of the bureau with the same e-mail address."""
    from buurtbaan.residents.models import PossibleDuplicate
    from tests.factories import ResidentFactory

    duplicate = PossibleDuplicate.objects.filter(bureau=bureau).first()
    if duplicate is None:
        record = ResidentFactory(bureau=bureau)
        registration = ResidentFactory(bureau=bureau, email=record.email)
        duplicate = PossibleDuplicate.objects.create(
            bureau=bureau, registration=registration, record=record
        )
    return {"pk": duplicate.pk}


def an_erasure_request(bureau):
    """A pending erasure request of a resident of its own (so other tests' residents stay)."""
    from buurtbaan.residents.models import ErasureRequest
    from tests.factories import ErasureRequestFactory, ResidentFactory

    pending = ErasureRequest.objects.filter(bureau=bureau, status="pending").order_by("pk")
    return {
        "pk": (
            pending.first()
            or ErasureRequestFactory(resident=ResidentFactory(bureau=bureau), bureau=bureau)
        ).pk
    }


def an_access_request(bureau):
    """A pending access request of a resident of its own (so other tests' residents stay)."""
    from buurtbaan.residents.models import AccessRequest
    from tests.factories import AccessRequestFactory, ResidentFactory

    pending = AccessRequest.objects.filter(bureau=bureau, status="pending").order_by("pk")
    return {
        "pk": (
            pending.first()
            or AccessRequestFactory(resident=ResidentFactory(bureau=bureau), bureau=bureau)
        ).pk
    }


def a_released_access_request(bureau):
    """A released access request (of someone else than the resident persona)."""
    from django.utils import timezone

    from buurtbaan.residents.models import AccessRequest
    from tests.factories import AccessRequestFactory, ResidentFactory

    released = AccessRequest.objects.filter(bureau=bureau, status="released").order_by("pk")
    access_request = released.first() or AccessRequestFactory(
        resident=ResidentFactory(bureau=bureau),
        bureau=bureau,
        status="released",
        decided_at=timezone.now(),
    )
    return {"pk": access_request.pk}


def a_released_access_download(bureau):
    return {**a_released_access_request(bureau), "file_format": "pdf"}


def a_public_profile(bureau):
    """A visible public profile (switched on, with consent) of a resident of the bureau."""
    from buurtbaan.residents.models import PublicProfile
    from tests.factories import ConsentFactory, PublicProfileFactory, ResidentFactory

    profile = PublicProfile.objects.filter(resident__bureau=bureau).order_by("pk").first()
    if profile is None:
        resident = ResidentFactory(bureau=bureau)
        ConsentFactory(resident=resident, scope="public_profile")
        profile = PublicProfileFactory(resident=resident)
    return {"pk": profile.pk}


def a_confirmation_token(bureau):
    return {"token": "not-a-valid-link"}


def a_match(bureau):
    """A proposal of a resident without a coach (every coach may see it)."""
    from buurtbaan.matching.models import Match
    from tests.factories import MatchFactory

    match = Match.objects.filter(bureau=bureau, resident__coach__isnull=True).order_by("pk").first()
    return {"pk": (match or MatchFactory(bureau=bureau)).pk}


def a_matching_round(bureau):
    from tests.factories import MatchingRoundFactory

    matching_round = bureau.matching_rounds.order_by("pk").first()
    return {"pk": (matching_round or MatchingRoundFactory(bureau=bureau)).pk}


def a_round_pair(bureau):
    """A pair of a draft round: one of the bureau's residents for one of its pieces."""
    from tests.factories import MatchingRoundFactory

    resident, piece = a_resident(bureau)["pk"], a_piece_of_work(bureau)["pk"]
    for matching_round in bureau.matching_rounds.filter(status="draft").order_by("pk"):
        if matching_round.assignments:
            resident, piece = matching_round.assignments[0][:2]
            return {"pk": matching_round.pk, "resident": resident, "piece": piece}
    matching_round = MatchingRoundFactory(bureau=bureau, assignments=[[resident, piece, 0.5, 0.0]])
    return {"pk": matching_round.pk, "resident": resident, "piece": piece}


def a_pool_resident(bureau):
    """A resident in the employer pool (consent for partner organisations), without a coach."""
    from buurtbaan.residents.models import ConsentScope, Resident
    from tests.factories import ConsentFactory, ResidentFactory

    in_pool = Resident.objects.filter(bureau=bureau).with_consent(ConsentScope.PARTNERS)
    resident = in_pool.order_by("pk").first()
    if resident is None:
        resident = ResidentFactory(bureau=bureau)
        ConsentFactory(resident=resident, scope=ConsentScope.PARTNERS)
    return {"pk": resident.pk}


def an_introduction(bureau):
    from tests.factories import IntroductionRequestFactory

    introduction = bureau.introduction_requests.order_by("pk").first()
    return {"pk": (introduction or IntroductionRequestFactory(bureau=bureau)).pk}


# URL name -> kwargs builder (besides bureau_slug).
OBJECT_URLS = {
    "matching:match-list": no_object,
    "matching:match-detail": a_match,
    "matching:match-step": a_match,
    "matching:piece-candidates": a_piece_of_work,
    "matching:match-create": a_piece_of_work,
    "matching:team-propose": a_piece_of_work,
    "matching:resident-suggestions": a_resident,
    "matching:round-list": no_object,
    "matching:round-detail": a_matching_round,
    "matching:round-confirm": a_matching_round,
    "matching:round-pair": a_round_pair,
    "matching:round-choose": a_matching_round,
    "matching:settings": no_object,
    "matching:my-proposals": no_object,
    "matching:my-proposal-answer": a_match,
    "bureaus:dashboard": no_object,
    "bureaus:manage": no_object,
    "bureaus:member-list": no_object,
    "bureaus:member-create": no_object,
    "bureaus:member-update": a_membership,
    "bureaus:settings": no_object,
    "audit:entry-list": no_object,
    "privacy:register": no_object,
    "privacy:retention": no_object,
    "residents:resident-list": no_object,
    "residents:resident-create": no_object,
    "residents:resident-detail": a_resident,
    "residents:resident-story": a_resident,
    "residents:resident-update": a_resident_section,
    "residents:resident-assign-coach": a_resident,
    "residents:resident-mark-ready": a_resident,
    "residents:barrier-create": a_resident,
    "residents:barrier-resolve": a_barrier,
    "residents:consent-list": a_resident,
    "residents:intake-list": a_resident,
    "residents:intake-step": an_intake_step,
    "residents:sensitive-note-list": a_resident,
    "residents:talent-list": no_object,
    "residents:talent-update": a_talent,
    "residents:mydata": no_object,
    "residents:mydata-update": a_mydata_section,
    "residents:mydata-consent": no_object,
    "residents:mydata-json": no_object,
    "residents:mydata-print": no_object,
    "residents:mydata-pdf": no_object,
    "residents:mydata-erasure": no_object,
    "residents:profile-edit": no_object,
    "residents:erasure-list": no_object,
    "residents:duplicate-list": no_object,
    "residents:duplicate-decide": a_possible_duplicate,
    "residents:erasure-detail": an_erasure_request,
    "residents:mydata-activity": no_object,
    "residents:my-access-list": no_object,
    "residents:my-access-download": a_released_access_download,
    "residents:access-list": no_object,
    "residents:access-detail": an_access_request,
    "residents:access-create": a_resident,
    "residents:access-pdf": a_released_access_request,
    "organisations:organisation-list": no_object,
    "organisations:organisation-create": no_object,
    "organisations:organisation-detail": an_organisation,
    "organisations:organisation-update": an_organisation,
    "organisations:relation-list": a_network,
    "organisations:relation-update": a_personal_relation,
    "organisations:relation-delete": a_personal_relation,
    "work:purpose-list": no_object,
    "work:purpose-create": no_object,
    "work:purpose-detail": a_purpose,
    "work:purpose-update": a_purpose,
    "work:piece-list": no_object,
    "work:piece-create": no_object,
    "work:piece-detail": a_piece_of_work,
    "work:piece-story": a_piece_of_work,
    "work:piece-update": a_piece_of_work,
    "work:piece-split": a_piece_of_work,
    "work:piece-status": a_piece_of_work,
    "work:piece-hours": a_piece_of_work,
    "work:piece-subsidiarity": a_piece_of_work,
    "work:piece-subsidiarity-restart": a_piece_of_work,
    "work:capability": no_object,
    "work:capability-records": no_object,
    "board:post-list": no_object,
    "board:post-create": no_object,
    "board:post-detail": a_partners_post,
    "board:item-queue": no_object,
    "board:item-create": no_object,
    "board:item-manage": a_board_item,
    "board:item-publish": a_board_item,
    "board:item-reject": a_board_item,
    "board:item-close": a_board_item,
    "board:response-list": a_board_item,
    "board:response-update": a_board_response,
    "board:helprequest-inbox": no_object,
    "board:helprequest-detail": a_help_request,
    "board:helprequest-piece": a_help_request,
    "board:helprequest-status": a_help_request,
    "board:helprequest-mine": no_object,
    "board:helprequest-create": no_object,
    "imports:run-list": no_object,
    "imports:run-create": no_object,
    "imports:example-file": no_object,
    "imports:run-detail": an_import_run,
    "imports:run-mapping": an_import_run,
    "imports:run-check": an_import_run,
    "imports:run-commit": an_import_run,
    "imports:run-cancel": an_import_run,
    "quotes:quote-list": no_object,
    "quotes:quote-create": no_object,
    "quotes:quote-detail": a_quote,
    "quotes:quote-update": a_quote,
    "quotes:quote-send": a_quote,
    "quotes:quote-accept": a_sent_quote,
    "quotes:quote-decline": a_sent_quote,
    "quotes:quote-copy": a_quote,
    "quotes:quote-print": a_quote,
    "quotes:quote-pdf": a_quote,
    "quotes:line-create": a_quote,
    "quotes:line-update": a_quote_line,
    "quotes:line-delete": a_quote_line,
    "quotes:line-realised": an_accepted_quote_line,
    "impact:assignment-list": no_object,
    "impact:assignment-create": no_object,
    "impact:assignment-detail": an_assignment,
    "impact:assignment-update": an_assignment,
    "impact:target-create": an_assignment,
    "impact:target-update": an_impact_target,
    "impact:target-delete": an_impact_target,
    "impact:target-records": an_impact_target,
    "impact:participant-list": an_assignment,
    "impact:participant-outcome": an_impact_participant,
    "impact:participant-remove": an_impact_participant,
    "impact:work-list": an_assignment,
    "impact:work-unlink": an_impact_piece,
    "residents:resident-search": no_object,
    "residents:resident-lookup": no_object,
    "pool:profile-list": no_object,
    "pool:profile-detail": a_pool_resident,
    "pool:introduction-create": a_pool_resident,
    "pool:introduction-inbox": no_object,
    "pool:introduction-mine": no_object,
    "pool:introduction-detail": an_introduction,
    "pool:introduction-handle": an_introduction,
}

# Bureau URLs meant for everyone, logged in or not; they must show no personal data.
PUBLIC_URLS = {
    "bureaus:public": no_object,
    "board:item-list": no_object,
    "board:item-detail": a_published_board_item,
    "board:item-respond": a_published_board_item,
    "residents:registration-create": no_object,
    "residents:registration-sent": no_object,
    "residents:registration-confirm": a_confirmation_token,
    "residents:registration-resend": no_object,
    "residents:profile-list": no_object,
    "residents:profile-detail": a_public_profile,
    "residents:profile-photo": a_public_profile,
}

ROLES = ["coordinator", "coach", "partner", "resident", "funder"]

# Expected status of a GET per role, in the order of ROLES. 302 is a redirect elsewhere.
ROLE_MATRIX = {
    # Matching: staff see and move matches and candidates; coordinators run rounds and change
    # the settings; a resident sees only their own proposals (this match is someone else's: 404).
    "matching:match-list": (200, 200, 404, 404, 404),
    "matching:match-detail": (200, 200, 404, 404, 404),
    "matching:match-step": (405, 405, 404, 404, 404),
    "matching:piece-candidates": (200, 200, 404, 404, 404),
    "matching:match-create": (405, 405, 404, 404, 404),
    "matching:team-propose": (405, 405, 404, 404, 404),
    "matching:resident-suggestions": (200, 200, 404, 404, 404),
    "matching:round-list": (200, 200, 404, 404, 404),
    "matching:round-detail": (200, 200, 404, 404, 404),
    "matching:round-confirm": (405, 405, 404, 404, 404),
    "matching:round-pair": (200, 404, 404, 404, 404),
    "matching:round-choose": (405, 404, 404, 404, 404),
    "matching:settings": (200, 404, 404, 404, 404),
    "matching:my-proposals": (404, 404, 404, 200, 404),
    "matching:my-proposal-answer": (404, 404, 404, 404, 404),
    "bureaus:dashboard": (200, 200, 200, 200, 200),
    "bureaus:manage": (200, 200, 404, 404, 404),
    "bureaus:member-list": (200, 200, 404, 404, 404),
    "bureaus:member-create": (200, 404, 404, 404, 404),
    "bureaus:member-update": (200, 404, 404, 404, 404),
    "bureaus:settings": (200, 404, 404, 404, 404),
    "audit:entry-list": (200, 404, 404, 404, 404),
    # The processing register holds no personal data: the staff read it; only coordinators
    # set the retention periods.
    "privacy:register": (200, 200, 404, 404, 404),
    "privacy:retention": (200, 404, 404, 404, 404),
    # The talent bank: coordinators and coaches only. POST-only URLs answer 405 to a GET.
    "residents:resident-list": (200, 200, 404, 404, 404),
    "residents:resident-create": (200, 200, 404, 404, 404),
    "residents:resident-detail": (200, 200, 404, 404, 404),
    "residents:resident-story": (200, 200, 404, 404, 404),
    "residents:resident-update": (200, 200, 404, 404, 404),
    "residents:resident-assign-coach": (405, 405, 404, 404, 404),
    "residents:resident-mark-ready": (405, 405, 404, 404, 404),
    "residents:barrier-create": (200, 200, 404, 404, 404),
    "residents:barrier-resolve": (405, 405, 404, 404, 404),
    "residents:consent-list": (200, 200, 404, 404, 404),
    "residents:intake-list": (200, 200, 404, 404, 404),
    "residents:intake-step": (200, 200, 404, 404, 404),
    # Sensitive notes: the coordinator, and the assigned coach (this resident has none).
    "residents:sensitive-note-list": (200, 404, 404, 404, 404),
    "residents:talent-list": (200, 200, 404, 404, 404),
    "residents:talent-update": (200, 404, 404, 404, 404),
    # Self-service: a resident's own pages (the persona has no record yet: a friendly page);
    # staff never use them (404). Erasure requests and access requests: coordinators only.
    "residents:mydata": (404, 404, 404, 200, 404),
    "residents:mydata-update": (404, 404, 404, 200, 404),
    "residents:mydata-consent": (404, 404, 404, 200, 404),
    "residents:mydata-json": (404, 404, 404, 200, 404),
    "residents:mydata-print": (404, 404, 404, 200, 404),
    "residents:mydata-pdf": (404, 404, 404, 200, 404),
    "residents:mydata-erasure": (404, 404, 404, 200, 404),
    "residents:profile-edit": (404, 404, 404, 200, 404),
    "residents:erasure-list": (200, 404, 404, 404, 404),
    # Possible duplicates of a sign-up: coordinators only; deciding is POST-only.
    "residents:duplicate-list": (200, 404, 404, 404, 404),
    "residents:duplicate-decide": (405, 404, 404, 404, 404),
    "residents:erasure-detail": (200, 404, 404, 404, 404),
    "residents:mydata-activity": (404, 404, 404, 200, 404),
    "residents:my-access-list": (404, 404, 404, 200, 404),
    "residents:my-access-download": (404, 404, 404, 200, 404),
    "residents:access-list": (200, 404, 404, 404, 404),
    "residents:access-detail": (200, 404, 404, 404, 404),
    "residents:access-create": (200, 404, 404, 404, 404),
    "residents:access-pdf": (200, 404, 404, 404, 404),
    # Organisations: staff see all; a partner only their own (so 404 on this other one).
    "organisations:organisation-list": (200, 200, 200, 404, 404),
    "organisations:organisation-create": (200, 200, 404, 404, 404),
    "organisations:organisation-detail": (200, 200, 404, 404, 404),
    "organisations:organisation-update": (200, 200, 404, 404, 404),
    # A resident's personal network: staff only.
    "organisations:relation-list": (200, 200, 404, 404, 404),
    "organisations:relation-update": (200, 200, 404, 404, 404),
    "organisations:relation-delete": (405, 405, 404, 404, 404),
    # The work bank: staff only; funders see the aggregate capability factor.
    "work:purpose-list": (200, 200, 404, 404, 404),
    "work:purpose-create": (200, 200, 404, 404, 404),
    "work:purpose-detail": (200, 200, 404, 404, 404),
    "work:purpose-update": (200, 200, 404, 404, 404),
    "work:piece-list": (200, 200, 404, 404, 404),
    "work:piece-create": (200, 200, 404, 404, 404),
    "work:piece-detail": (200, 200, 404, 404, 404),
    "work:piece-story": (200, 200, 404, 404, 404),
    "work:piece-update": (200, 200, 404, 404, 404),
    "work:piece-split": (200, 200, 404, 404, 404),
    "work:piece-status": (200, 200, 404, 404, 404),
    "work:piece-hours": (200, 200, 404, 404, 404),
    "work:piece-subsidiarity": (200, 200, 404, 404, 404),
    "work:piece-subsidiarity-restart": (405, 405, 404, 404, 404),
    "work:capability": (200, 200, 404, 404, 200),
    "work:capability-records": (200, 200, 404, 404, 404),
    # The bulletin board: partners post for their own organisation; staff read the moderation
    # queue and handle responses; only coordinators create, publish, reject and close items.
    "board:post-list": (404, 404, 200, 404, 404),
    "board:post-create": (404, 404, 200, 404, 404),
    # A partner's own post, whatever its status; staff moderate it at board:item-manage.
    "board:post-detail": (404, 404, 200, 404, 404),
    "board:item-queue": (200, 200, 404, 404, 404),
    "board:item-create": (200, 404, 404, 404, 404),
    "board:item-manage": (200, 200, 404, 404, 404),
    "board:item-publish": (405, 404, 404, 404, 404),
    "board:item-reject": (200, 404, 404, 404, 404),
    "board:item-close": (200, 404, 404, 404, 404),
    "board:response-list": (200, 200, 404, 404, 404),
    "board:response-update": (200, 200, 404, 404, 404),
    # Buurtmaatjes: staff read the inbox, coordinators handle it. Help requests are submitted by
    # partners of a welfare organisation only; the persona partner acts for a business: 404.
    "board:helprequest-inbox": (200, 200, 404, 404, 404),
    "board:helprequest-detail": (200, 200, 404, 404, 404),
    "board:helprequest-piece": (200, 404, 404, 404, 404),
    "board:helprequest-status": (200, 404, 404, 404, 404),
    "board:helprequest-mine": (404, 404, 404, 404, 404),
    "board:helprequest-create": (404, 404, 404, 404, 404),
    # Imports into the talent bank: staff only. POST-only URLs answer 405 to a GET.
    "imports:run-list": (200, 200, 404, 404, 404),
    "imports:run-create": (200, 200, 404, 404, 404),
    "imports:example-file": (200, 200, 404, 404, 404),
    "imports:run-detail": (200, 200, 404, 404, 404),
    "imports:run-mapping": (200, 200, 404, 404, 404),
    "imports:run-check": (405, 405, 404, 404, 404),
    "imports:run-commit": (405, 405, 404, 404, 404),
    "imports:run-cancel": (405, 405, 404, 404, 404),
    # Quotes: the coordinator makes them; coaches read them (list, page, print view, PDF).
    "quotes:quote-list": (200, 200, 404, 404, 404),
    "quotes:quote-create": (200, 404, 404, 404, 404),
    "quotes:quote-detail": (200, 200, 404, 404, 404),
    "quotes:quote-update": (200, 404, 404, 404, 404),
    "quotes:quote-send": (405, 404, 404, 404, 404),
    "quotes:quote-accept": (200, 404, 404, 404, 404),
    "quotes:quote-decline": (200, 404, 404, 404, 404),
    "quotes:quote-copy": (405, 404, 404, 404, 404),
    "quotes:quote-print": (200, 200, 404, 404, 404),
    "quotes:quote-pdf": (200, 200, 404, 404, 404),
    "quotes:line-create": (200, 404, 404, 404, 404),
    "quotes:line-update": (200, 404, 404, 404, 404),
    "quotes:line-delete": (405, 404, 404, 404, 404),
    "quotes:line-realised": (200, 404, 404, 404, 404),
    # Impact assignments: funders see the figures only; the rows behind them are staff only.
    "impact:assignment-list": (200, 200, 404, 404, 200),
    "impact:assignment-create": (200, 404, 404, 404, 404),
    "impact:assignment-detail": (200, 200, 404, 404, 200),
    "impact:assignment-update": (200, 404, 404, 404, 404),
    "impact:target-create": (200, 404, 404, 404, 404),
    "impact:target-update": (200, 404, 404, 404, 404),
    "impact:target-delete": (405, 404, 404, 404, 404),
    "impact:target-records": (200, 200, 404, 404, 404),
    "impact:participant-list": (200, 200, 404, 404, 404),
    "impact:participant-outcome": (200, 200, 404, 404, 404),
    "impact:participant-remove": (405, 405, 404, 404, 404),
    "impact:work-list": (200, 200, 404, 404, 404),
    "impact:work-unlink": (405, 405, 404, 404, 404),
    # Talent bank search: staff only. The employer pool: partners search it and ask for
    # introductions; staff see the same pool and answer the requests.
    "residents:resident-search": (200, 200, 404, 404, 404),
    # The resident lookup of forms that pick a resident (htmx half): staff only.
    "residents:resident-lookup": (200, 200, 404, 404, 404),
    "pool:profile-list": (200, 200, 200, 404, 404),
    "pool:profile-detail": (200, 200, 200, 404, 404),
    "pool:introduction-create": (404, 404, 200, 404, 404),
    "pool:introduction-inbox": (200, 200, 404, 404, 404),
    "pool:introduction-mine": (404, 404, 200, 404, 404),
    "pool:introduction-detail": (200, 200, 404, 404, 404),
    "pool:introduction-handle": (405, 405, 404, 404, 404),
}

# URLs that a role may read but not change: a POST by these roles answers 403.
READ_ONLY = {
    "matching:round-list": ["coach"],
    "matching:round-detail": ["coach"],
    "bureaus:member-list": ["coach"],
    "residents:talent-list": ["coach"],
    "organisations:organisation-list": ["coach", "partner"],
    "work:purpose-list": ["coach"],
    "work:capability": ["coach", "funder"],
    "board:item-queue": ["coach"],
    "board:item-manage": ["coach"],
    "board:helprequest-inbox": ["coach"],
    "board:helprequest-detail": ["coach"],
    "quotes:quote-list": ["coach"],
    "quotes:quote-detail": ["coach"],
    "impact:assignment-list": ["coach", "funder"],
    "impact:assignment-detail": ["coach", "funder"],
}
