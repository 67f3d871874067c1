"""The demo quotes: the Netwerkboek's oma Jansen (her attic) and the municipality's park, plus a
draft and a declined quote, all made through the actions like a coordinator would.

The attic and park quotes price the purposes the work demo recorded ("De zolder van oma Jansen
geïsoleerd", "Het plantsoen klimaatbestendig"): lines are linked to its pieces of work by title
where they exist, and otherwise become new pieces when the quote is accepted.

Idempotent: a quote is found by its title within the bureau and only made when missing. Dates are
relative to the day the demo is first loaded (a quote sent three weeks ago, and so on). All people
and organisations are fictional.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from buurtbaan.demo import stories
from buurtbaan.organisations.models import Organisation
from buurtbaan.quotes import actions
from buurtbaan.quotes.models import LineKind, Payee, Quote
from buurtbaan.residents.models import Resident
from buurtbaan.work.models import PieceOfWork, Purpose

User = get_user_model()

ATTIC = "Zolder opruimen, isoleren en weer inruimen"
PARK = "Onderhoud en klimaatbestendige inrichting van het plantsoen"
GARDEN = "Achtertuin van mevrouw Jansen opknappen"
FRAMES = "Kozijnen van het buurthuis schilderen"


def _ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _in(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _coordinator(bureau):
    email = f"coordinator@{stories.EMAIL_DOMAIN}"
    return User.objects.filter(email=email, memberships__bureau=bureau).first()


def _piece(purpose, title):
    if purpose is None:
        return None
    return PieceOfWork.objects.filter(purpose=purpose, title=title, quote_line__isnull=True).first()


def _make(actor, bureau, title, lines, *, made_days_ago: int = 0, **fields) -> Quote | None:
    """Make a draft quote with its lines, unless a quote with this title exists.

    `made_days_ago` dates it back (demo data only): a quote the demo sends three weeks ago was
    made before that, not on the day the demo is loaded."""
    if Quote.objects.filter(bureau=bureau, title=title).exists():
        return None
    quote = actions.create_quote(actor=actor, bureau=bureau, title=title, **fields)
    if made_days_ago:
        made_at = timezone.now() - datetime.timedelta(days=made_days_ago)
        Quote.objects.filter(pk=quote.pk).update(created_at=made_at)
        quote.created_at = made_at
    for kind, description, quantity, unit_price, extra in lines:
        actions.add_line(
            actor=actor,
            quote=quote,
            kind=kind,
            description=description,
            quantity=Decimal(quantity),
            unit_price=Decimal(unit_price),
            **extra,
        )
    return quote


def _attic(actor, bureau, riet, orgs) -> None:
    purpose = Purpose.objects.filter(
        bureau=bureau, title="De zolder van oma Jansen geïsoleerd"
    ).first()
    de_vries = orgs.get("Aannemersbedrijf De Vries")
    quote = _make(
        actor,
        bureau,
        ATTIC,
        [
            (
                LineKind.LABOUR,
                "Zolder leeghalen en uitzoeken, samen met mevrouw Jansen (2 bewoners × 6 uur)",
                "12",
                "18.75",
                {
                    "people_needed": 2,
                    "bureau_share_percent": Decimal("20"),
                    "piece": _piece(purpose, "Zolder opruimen en spullen terugzetten"),
                },
            ),
            (
                LineKind.LABOUR,
                "Spullen die blijven weer naar zolder sjouwen (2 bewoners × 2 uur)",
                "4",
                "18.75",
                {"people_needed": 2, "bureau_share_percent": Decimal("20")},
            ),
            (
                LineKind.THIRD_PARTY,
                "Zolder isoleren door Aannemersbedrijf De Vries",
                "1",
                "1850.00",
                {
                    "unit": "klus",
                    "payee_organisation": de_vries,
                    "bureau_share_percent": Decimal("5"),
                    "piece": _piece(purpose, "Zolder isoleren"),
                },
            ),
            (
                LineKind.MATERIALS,
                "Isolatiemateriaal: glaswol en dampremmende folie",
                "26",
                "9.25",
                {"unit": "m²", "bureau_share_percent": Decimal("10")},
            ),
        ],
        client_resident=riet,
        purpose=purpose,
        description=(
            "Het BuurtBaanBureau regelt alles: twee buurtbewoners ruimen samen met u de zolder "
            "op, Aannemersbedrijf De Vries isoleert, en daarna gaan de spullen die mogen blijven "
            "weer naar boven."
        ),
        work_starts_on=_ago(10),
        work_ends_on=_in(20),
        valid_until=_in(9),
        made_days_ago=23,
    )
    if quote is None:
        return
    actions.send_quote(actor=actor, quote=quote, sent_on=_ago(21))
    actions.accept_quote(
        actor=actor, quote=quote, accepted_on=_ago(14), note="Mevrouw Jansen zei ja aan de balie."
    )


def _park(actor, bureau, orgs) -> None:
    purpose = Purpose.objects.filter(bureau=bureau, title="Het plantsoen klimaatbestendig").first()
    green = orgs.get("BuurtGroenBedrijf")
    school = orgs.get("Hogeschool (groenopleiding)")
    municipality = orgs.get("Gemeente Arnhem – Werk & Inkomen")
    if municipality is None or green is None or school is None:
        return
    quote = _make(
        actor,
        bureau,
        PARK,
        [
            (
                LineKind.LABOUR,
                "Tien snoei-, veeg- en onderhoudsrondes per jaar door het BuurtGroenBedrijf",
                "120",
                "42.50",
                {
                    "payee": Payee.PARTNER,
                    "payee_organisation": green,
                    "people_needed": 3,
                    "bureau_share_percent": Decimal("12"),
                    "piece": _piece(
                        purpose, "Onderhoudsronde: snoeien, vegen, onderhoud (tien keer per jaar)"
                    ),
                },
            ),
            (
                LineKind.LABOUR,
                "Meedenken en meewerken door bewoners rond het plantsoen",
                "40",
                "18.75",
                {
                    "people_needed": 6,
                    "bureau_share_percent": Decimal("20"),
                    "piece": _piece(purpose, "Plan maken met de bewoners rond het plantsoen"),
                },
            ),
            (
                LineKind.LABOUR,
                "Ontwerp regenwateropvang en beregening door studenten van de groenopleiding "
                "(onbetaald, als opdracht in hun opleiding)",
                "80",
                "0.00",
                {
                    "payee": Payee.PARTNER,
                    "payee_organisation": school,
                    "people_needed": 4,
                    "bureau_share_percent": Decimal("0"),
                    "piece": _piece(purpose, "Regenwateropvang en beregening ontwerpen"),
                },
            ),
            (
                LineKind.MATERIALS,
                "Vijf tamme kastanjes en plantgoed",
                "1",
                "1250.00",
                {"unit": "partij", "bureau_share_percent": Decimal("10")},
            ),
            (
                LineKind.THIRD_PARTY,
                "Regenwatertank en beregeningsinstallatie, geleverd en geplaatst",
                "1",
                "3400.00",
                {"unit": "klus", "becomes_work": False, "bureau_share_percent": Decimal("5")},
            ),
            (
                LineKind.BUREAU,
                "Projectcoördinatie door het BuurtBaanBureau",
                "24",
                "55.00",
                {"unit": "uur"},
            ),
        ],
        client_organisation=municipality,
        purpose=purpose,
        description=(
            "Het plantsoen voortaan onderhouden en zo inrichten dat niet elk voorjaar opnieuw "
            "geplant hoeft te worden: met het BuurtGroenBedrijf, bewoners rond het plantsoen en "
            "studenten van de groenopleiding."
        ),
        postcode="6828EB",
        work_starts_on=_ago(45),
        work_ends_on=_in(320),
        valid_until=_in(30),
        made_days_ago=64,
    )
    if quote is None:
        return
    actions.send_quote(actor=actor, quote=quote, sent_on=_ago(60))
    quote = actions.accept_quote(
        actor=actor, quote=quote, accepted_on=_ago(50), note="Akkoord per brief van de wethouder."
    )
    # Partly realised: the students' design is done, the trees and the tank are paid.
    realised = {
        "Ontwerp regenwateropvang": ("80", None, "Ontwerp opgeleverd; diploma's uitgereikt."),
        "Vijf tamme kastanjes": ("1", "1312.40", "Eindfactuur kwekerij, iets duurder."),
        "Regenwatertank": ("1", "3400.00", ""),
    }
    for line in quote.lines.all():
        for start, (quantity, amount, note) in realised.items():
            if line.description.startswith(start):
                actions.record_realised(
                    actor=actor,
                    line=line,
                    quantity=Decimal(quantity),
                    amount=Decimal(amount) if amount else None,
                    realised_on=_ago(5),
                    note=note,
                )


def _draft_and_declined(actor, bureau, riet, orgs) -> None:
    _make(
        actor,
        bureau,
        GARDEN,
        [
            (
                LineKind.LABOUR,
                "Achtertuin opknappen: snoeien, onkruid, tegels rechtleggen (2 bewoners × 4 uur)",
                "8",
                "18.75",
                {"people_needed": 2, "bureau_share_percent": Decimal("20")},
            ),
            (
                LineKind.MATERIALS,
                "Plantjes en potgrond",
                "1",
                "65.00",
                {"unit": "partij", "bureau_share_percent": Decimal("10")},
            ),
        ],
        client_resident=riet,
        description="Tip van Peter van De Vries: misschien een buurtklus voor meneer Martinez of Sandra.",
    )
    welfare = orgs.get("Stichting Welzijn Oost")
    if welfare is None:
        return
    quote = _make(
        actor,
        bureau,
        FRAMES,
        [
            (
                LineKind.LABOUR,
                "Kozijnen schuren en schilderen (3 bewoners × 8 uur)",
                "24",
                "22.50",
                {"people_needed": 3},
            ),
            (LineKind.MATERIALS, "Verf en kwasten", "1", "180.00", {"unit": "partij"}),
        ],
        client_organisation=welfare,
        valid_until=_in(5),
        made_days_ago=26,
    )
    if quote is None:
        return
    actions.send_quote(actor=actor, quote=quote, sent_on=_ago(25))
    actions.decline_quote(
        actor=actor,
        quote=quote,
        declined_on=_ago(12),
        note="Het budget voor dit jaar is op; in het voorjaar vragen ze opnieuw.",
    )


@transaction.atomic
def load_demo_data(bureaus: dict) -> None:
    bureau = bureaus["spijkerkwartier"]
    actor = _coordinator(bureau)
    orgs = {org.name: org for org in Organisation.objects.filter(bureau=bureau)}
    riet = Resident.objects.filter(bureau=bureau, first_name="Riet", last_name="Jansen").first()
    if riet is not None:
        _attic(actor, bureau, riet, orgs)
    _park(actor, bureau, orgs)
    if riet is not None:
        _draft_and_declined(actor, bureau, riet, orgs)
