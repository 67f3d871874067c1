"""The demo bulletin board and Buurtmaatjes help requests, from the Netwerkboek's stories (seed 002,
chapter 2): the theatre's caretaker vacancy, Sandra's dog (Mr Martinez responded), the contractor's
vacancy that Peter answered last year (closed), group work in the park and the attics, a few
buurtklussen, one vacancy waiting for moderation, and two help requests from the Sociaal Wijkteam.

Stands on the work bank's demo (`work/demo.py`): pieces are looked up by title and only created
here, through `work.actions`, when they are missing. Idempotent: items are found by their piece,
posts by title and organisation, help requests by organisation and description. All people are
fictional; the board's texts never name the person who asks.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from buurtbaan.board import actions
from buurtbaan.board.models import BoardItem, HelpRequest, ItemStatus, Response, ResponseStatus
from buurtbaan.bureaus.actions import add_member
from buurtbaan.bureaus.models import Membership, Role
from buurtbaan.demo import stories
from buurtbaan.organisations.models import Organisation
from buurtbaan.residents.models import Resident, Talent
from buurtbaan.work import actions as work_actions
from buurtbaan.work.models import AskerKind, PieceOfWork, WorkKind, WorkStatus

User = get_user_model()

WIJKTEAM = "Sociaal Wijkteam Arnhem-Oost"
# A partner account for the Sociaal Wijkteam, so "My help requests" can be shown in the demo.
WIJKTEAM_ACCOUNT = ("wijkteam", "Mirjam", "Kok")

# Generated chores from the work demo that go on the board: title stem -> (board title, summary).
CHORES_ON_BOARD = {
    "IKEA-kast in elkaar zetten": (
        "IKEA-kast in elkaar zetten",
        "Een kledingkast staat nog in de dozen. Handig met een schroevendraaier? Een paar uur werk.",
    ),
    "Heg snoeien": (
        "Heg snoeien in een voortuin",
        "Een flinke heg moet gesnoeid worden. Snoeischaar en ladder zijn er; een ochtend werk.",
    ),
    "Hulp bij de computer": (
        "Uitleg bij de computer",
        "Iemand wil leren videobellen en mailen. Geduld en uitleggen is belangrijker dan kennis.",
    ),
    "Fiets repareren": (
        "Fiets repareren",
        "Een fiets met een lekke band en slechte remmen. Voor iemand die van sleutelen houdt.",
    ),
}


def _talents(bureau, *names) -> list[Talent]:
    return list(Talent.objects.filter(bureau=bureau, name__in=names))


def _piece(bureau, title, **fields) -> PieceOfWork:
    """The work demo's piece with this title, or a new one made through the work actions."""
    piece = PieceOfWork.objects.filter(bureau=bureau, title=title).order_by("pk").first()
    if piece is None:
        piece = work_actions.add_piece(actor=None, bureau=bureau, title=title, **fields)
    return piece


def _item(piece, *, title, summary, status=ItemStatus.PUBLISHED, **fields) -> BoardItem | None:
    """Put a piece on the board once; returns None for work that is finished."""
    existing = BoardItem.objects.filter(piece=piece).first()
    if existing is not None:
        return existing
    if piece.status in (WorkStatus.DONE, WorkStatus.CANCELLED) and status == ItemStatus.PUBLISHED:
        return None
    return actions.create_item(
        actor=None,
        piece=piece,
        title=title,
        summary=summary,
        publish=status == ItemStatus.PUBLISHED,
        **fields,
    )


def _respond(item, resident, message, status=ResponseStatus.NEW, note=""):
    if item is None or resident is None:
        return
    if Response.objects.filter(item=item, resident=resident).exists():
        return
    response = actions.record_response(actor=None, item=item, resident=resident, message=message)
    if status != ResponseStatus.NEW:
        actions.handle_response(actor=None, response=response, status=status, note=note)


def _stories_board(bureau, orgs: dict[str, Organisation]) -> None:
    residents = {
        r.first_name: r
        for r in Resident.objects.filter(
            bureau=bureau,
            first_name__in=["Jorge", "Peter"],
            last_name__in=["Martinez", "Bakker"],
        )
    }
    theatre = orgs.get("Theater De Spijker")
    de_vries = orgs.get("Aannemersbedrijf De Vries")

    caretaker = _piece(
        bureau,
        "Conciërge en schoonmaak Theater De Spijker",
        kind=WorkKind.BASISBAAN,
        is_paid=True,
        pay_kind="hourly_wage",
        pay_amount=Decimal("14.40"),
        hours_per_week=Decimal("24"),
        postcode="6828BK",
        asked_by_kind=AskerKind.ORGANISATION,
        asked_by_organisation=theatre,
    )
    _item(
        caretaker,
        title="Conciërge en schoonmaakkracht voor een klein theater, 24 uur per week",
        summary=(
            "Theater De Spijker zoekt iemand die het theater schoon en op orde houdt: zalen, "
            "foyer en kleedkamers, en klaarzetten voor voorstellingen. Een tijdelijk contract "
            "van 24 uur, met coaching van het BuurtBaanBureau als je dat wilt. Liefde voor "
            "theater is mooi meegenomen."
        ),
        organisation=theatre,
        talents=_talents(bureau, "organiseren", "zorgen"),
    )

    dog = _piece(
        bureau,
        "Hond van Sandra uitlaten",
        kind=WorkKind.BUURTKLUS,
        hours_per_week=Decimal("3"),
        times_per_week=3,
        days=["mon", "wed", "fri"],
        postcode="6828BC",
    )
    dog_item = _item(
        dog,
        title="Hond uitlaten, 3× per week, Spijkerkwartier",
        summary=(
            "Een vriendelijke hond heeft veel beweging nodig op de dagen dat zijn baasje werkt: "
            "maandag, woensdag en vrijdag, een uur per keer. Vrijwillig; fijn als je graag "
            "buiten bent."
        ),
        talents=_talents(bureau, "zorgen"),
    )
    _respond(
        dog_item,
        residents.get("Jorge"),
        "Ik ben met pensioen en wil meer bewegen. Drie keer per week wandelen lijkt me fijn.",
        status=ResponseStatus.CONTACTED,
        note="Kennismaking gehad; wandelt maandag, woensdag en vrijdag met de hond.",
    )

    builder = _piece(
        bureau,
        "Vacature medewerker bouw bij Aannemersbedrijf De Vries",
        kind=WorkKind.BASISBAAN,
        is_paid=True,
        pay_kind="hourly_wage",
        pay_amount=Decimal("17.25"),
        hours_per_week=Decimal("32"),
        postcode="6828DL",
        asked_by_kind=AskerKind.ORGANISATION,
        asked_by_organisation=de_vries,
    )
    builder_item = _item(
        builder,
        title="Medewerker bouw bij een aannemer in de wijk, 32 uur per week",
        summary=(
            "Aannemersbedrijf De Vries isoleert zolders en past oudere woningen aan, vooral hier "
            "in de wijk. Je werkt mee in een klein team; ervaring is mooi, zin om te leren is "
            "belangrijker."
        ),
        organisation=de_vries,
        talents=_talents(bureau, "bouwen", "repareren"),
    )
    _respond(
        builder_item,
        residents.get("Peter"),
        "Ik woon om de hoek en heb in de bouw gewerkt.",
        status=ResponseStatus.CONTACTED,
        note="Aangenomen; loopt nu naar zijn werk.",
    )
    if builder_item is not None and builder_item.status == ItemStatus.PUBLISHED:
        actions.close_item(actor=None, item=builder_item, reason="Vervuld: Peter is aangenomen.")
        # Peter answered last year: date the demo item accordingly (demo data only).
        last_year = timezone.now() - datetime.timedelta(days=365)
        BoardItem.objects.filter(pk=builder_item.pk).update(
            created_at=last_year - datetime.timedelta(days=31),
            published_at=last_year - datetime.timedelta(days=30),
            closed_at=last_year,
        )
        builder_item.responses.update(
            created_at=last_year - datetime.timedelta(days=20),
            handled_at=last_year - datetime.timedelta(days=15),
        )

    # Group work and buurtklussen that are open now.
    park = _piece(
        bureau,
        "Onderhoudsronde: snoeien, vegen, onderhoud (tien keer per jaar)",
        kind=WorkKind.GROEPSWERK,
        people_needed=3,
        hours_total=Decimal("120"),
        postcode="6828EB",
    )
    _item(
        park,
        title="Meewerken in het plantsoen: snoeien, vegen en onderhoud",
        summary=(
            "Samen met het BuurtGroenBedrijf houden we het plantsoen mooi, tien keer per jaar. "
            "Betaald per uur. Je hoeft er niets van te weten: je leert het onderweg."
        ),
        organisation=orgs.get("BuurtGroenBedrijf"),
        talents=_talents(bureau, "tuinieren"),
    )
    doors = _piece(
        bureau,
        "Inventariseren: welke huizen, wie wil",
        kind=WorkKind.GROEPSWERK,
        people_needed=3,
        hours_total=Decimal("40"),
    )
    _item(
        doors,
        title="Langs de deuren: wie wil zijn zolder isoleren?",
        summary=(
            "Over vijf jaar alle zolders geïsoleerd: daarvoor gaan we in groepjes langs de deuren "
            "in de wijk. Je praat met buren, noteert wie belangstelling heeft en wat ze nodig "
            "hebben."
        ),
        talents=_talents(bureau, "verbinden", "onderzoeken"),
    )
    garden = _piece(
        bureau,
        "Achtertuin van oma Jansen opknappen",
        kind=WorkKind.BUURTKLUS,
        hours_total=Decimal("6"),
        postcode="6828EB",
    )
    _item(
        garden,
        title="Achtertuin opknappen, ongeveer 6 uur",
        summary=(
            "Een achtertuin aan het plantsoen kan een onderhoudsbeurt gebruiken: onkruid weg, "
            "struiken terugsnoeien, tegels vegen. Gereedschap is er."
        ),
        area="6828",
        closes_at=timezone.localdate() + datetime.timedelta(days=60),
        talents=_talents(bureau, "tuinieren"),
    )
    for stem, (title, summary) in CHORES_ON_BOARD.items():
        piece = (
            PieceOfWork.objects.filter(bureau=bureau, title=stem, status=WorkStatus.OPEN)
            .order_by("pk")
            .first()
        )
        if piece is not None:
            _item(piece, title=title, summary=summary)

    # A partner's vacancy, waiting for the coordinator's approval.
    partner = User.objects.filter(email=f"partner@{stories.EMAIL_DOMAIN}").first()
    submitted_title = "Medewerker kassa en garderobe, 8 uur per week"
    if (
        theatre is not None
        and not BoardItem.objects.filter(organisation=theatre, title=submitted_title).exists()
    ):
        actions.submit_post(
            actor=partner,
            organisation=theatre,
            kind="vacancy",
            title=submitted_title,
            summary=(
                "Voor de voorstellingen op vrijdag- en zaterdagavond zoeken we iemand voor de "
                "kassa en de garderobe. Vriendelijk en precies; we leren je de kassa."
            ),
            area="6828",
            hours_per_week=Decimal("8"),
            is_paid=True,
            pay_kind="hourly_wage",
            pay_amount=Decimal("13.50"),
            talents=_talents(bureau, "verbinden"),
        )


def _wijkteam_partner(bureau, wijkteam):
    local, first, last = WIJKTEAM_ACCOUNT
    email = f"{local}@{stories.EMAIL_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None or not Membership.objects.filter(user=user, bureau=bureau).exists():
        add_member(
            actor=None,
            bureau=bureau,
            email=email,
            role=Role.PARTNER,
            first_name=first,
            last_name=last,
            organisation=wijkteam,
            password=stories.DEMO_PASSWORD,
            send_invitation=False,
        )
        user = User.objects.get(email=email)
    return user


def _help_requests(bureau, wijkteam) -> None:
    user = _wijkteam_partner(bureau, wijkteam)
    # The wijkteam posts too: group work, waiting for the coordinator (so its partner has a post
    # of their own to open).
    cooking = "Samen koken en eten op woensdag"
    if not BoardItem.objects.filter(organisation=wijkteam, title=cooking).exists():
        actions.submit_post(
            actor=user,
            organisation=wijkteam,
            kind="group_work",
            title=cooking,
            summary=(
                "Elke woensdagmiddag koken we met een groep buurtbewoners en eten we samen. We "
                "zoeken twee mensen die graag koken en de groep willen helpen."
            ),
            area="6828",
            people_needed=2,
            hours_per_week=Decimal("3"),
        )
    company = "Een man van 79 die sinds kort weduwnaar is"
    if not HelpRequest.objects.filter(organisation=wijkteam, person_description=company).exists():
        actions.submit_help_request(
            actor=user,
            organisation=wijkteam,
            help_kind="company",
            description=(
                "Meneer zit veel alleen thuis sinds zijn vrouw overleed. Hij zou graag een keer per "
                "week iemand zien voor een kop koffie, een praatje of een korte wandeling."
            ),
            person_description=company,
            postcode="6828 BD",
            when="Een middag per week, liefst dinsdag of donderdag",
            has_consent=True,
        )
    moving = "Een vrouw van 67 die naar een kleinere woning in de wijk verhuist"
    request = HelpRequest.objects.filter(organisation=wijkteam, person_description=moving).first()
    if request is None:
        request = actions.submit_help_request(
            actor=user,
            organisation=wijkteam,
            help_kind="moving",
            description=(
                "Mevrouw verhuist binnen de wijk naar een benedenwoning. De verhuizer brengt de "
                "grote meubels; zij zoekt hulp bij het inpakken en dozen sjouwen."
            ),
            person_description=moving,
            postcode="6828 CE",
            when="Twee zaterdagen, over een maand",
            has_consent=True,
        )
    if request.piece_id is None:
        piece = actions.create_piece_for_help_request(
            actor=None,
            help_request=request,
            title="Buurtmaatje: helpen inpakken en dozen sjouwen bij een verhuizing",
            kind=WorkKind.BUURTKLUS,
            hours_total=Decimal("10"),
            people_needed=2,
        )
        actions.create_item(
            actor=None,
            piece=piece,
            title="Helpen bij een verhuizing binnen de wijk, twee zaterdagen",
            summary=(
                "Een buurtbewoner verhuist naar een kleinere woning in de wijk. Wie helpt met "
                "inpakken en dozen sjouwen? De grote meubels doet een verhuizer."
            ),
            publish=True,
        )


@transaction.atomic
def load_demo_data(bureaus: dict) -> None:
    """Add the demo board and help requests to the demo bureaus (a dict of slug → Bureau)."""
    main = bureaus.get("spijkerkwartier")
    if main is None:
        return
    orgs = {org.name: org for org in Organisation.objects.filter(bureau=main)}
    _stories_board(main, orgs)
    if WIJKTEAM in orgs:
        _help_requests(main, orgs[WIJKTEAM])
