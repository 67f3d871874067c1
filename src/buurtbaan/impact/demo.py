"""The demo impact assignments (seed 001: "three impact assignments of €20,000 a year and the
business case breaks even"; seed 002, chapter 2):

- "Tien bijstandsgerechtigden per jaar aan betaald werk": the municipality's assignment with a
  bonus when 80% of the participants find paid work. Ten participants, Sandra among them (a
  caretaker's job at the theatre); six in paid work so far, so the bonus is not earned yet.
- "Het plantsoen klimaatbestendig": linked to the park's pieces of work, with an hours target.
- "Energiearmoede in het Spijkerkwartier": energy-saving work in homes (oma Jansen's attic
  among it) and residents who become energy coaches.

Who takes part is chosen by name, never by income situation. Idempotent: an assignment is found
by title and only made when missing. Dates are relative to the day the demo is first loaded.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from buurtbaan.demo import stories
from buurtbaan.impact import actions
from buurtbaan.impact.models import (
    AssignmentStatus,
    BonusBasis,
    ImpactAssignment,
    Measure,
    Outcome,
)
from buurtbaan.organisations.models import Organisation
from buurtbaan.residents.models import Resident
from buurtbaan.work.models import PieceOfWork, Purpose

User = get_user_model()

MUNICIPALITY = "Gemeente Arnhem – Werk & Inkomen"
JOBS = "Tien bijstandsgerechtigden per jaar aan betaald werk"
PARK = "Het plantsoen klimaatbestendig"
ENERGY = "Energiearmoede in het Spijkerkwartier"

# Outcomes of the nine participants besides Sandra: (outcome, days ago, note).
JOB_OUTCOMES = [
    (Outcome.PAID_WORK, 150, "Verkoopmedewerker bij Bakkerij Van den Broek, 20 uur"),
    (Outcome.PAID_WORK, 110, "Medewerker groen bij het BuurtGroenBedrijf, 24 uur"),
    (Outcome.PAID_WORK, 90, "Bezorger, 16 uur"),
    (Outcome.SELF_EMPLOYED, 70, "Eigen naaiatelier aan huis"),
    (Outcome.PAID_WORK, 40, "Fietsenmaker bij Spijkerbikes, 32 uur"),
    (Outcome.EDUCATION, 60, "Mbo-opleiding zorg bij ROC Arnhem"),
    (Outcome.INITIATIVE, 80, "Vrijwilliger bij de buurttafel"),
    (Outcome.NONE_YET, 0, ""),
    (Outcome.NONE_YET, 0, ""),
]


def _day(days_ago: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def _coordinator(bureau):
    email = f"coordinator@{stories.EMAIL_DOMAIN}"
    return User.objects.filter(email=email, memberships__bureau=bureau).first()


def _generated_residents(bureau, start: int, count: int) -> list[Resident]:
    """Generated demo residents in a fixed order (their demo e-mail addresses)."""
    return list(
        Resident.objects.current()
        .filter(bureau=bureau, email__startswith=f"{bureau.slug}.bewoner")
        .order_by("email")[start : start + count]
    )


def _jobs(actor, bureau, municipality) -> None:
    if ImpactAssignment.objects.filter(bureau=bureau, title=JOBS).exists():
        return
    assignment = actions.create_assignment(
        actor=actor,
        bureau=bureau,
        title=JOBS,
        client=municipality,
        description=(
            "De gemeente geeft het BuurtBaanBureau de opdracht om tien bijstandsgerechtigden per "
            "jaar aan een betaalde baan te helpen: met de talenttraining, het leer-, probeer- en "
            "solliciteertraject en de wijkexcursie. Lukt het bij 80% van de deelnemers, dan volgt "
            "een bonus uit de besparing op de uitkeringen."
        ),
        budget=Decimal("20000.00"),
        starts_on=_day(300),
        ends_on=_day(-65),
        status=AssignmentStatus.RUNNING,
    )
    actions.add_target(
        actor=actor,
        assignment=assignment,
        measure=Measure.PAID_WORK,
        target_number=10,
        description="Tien deelnemers aan betaald werk",
        bonus_amount=Decimal("5000.00"),
        bonus_threshold_percent=Decimal("80"),
        bonus_basis=BonusBasis.PARTICIPANTS,
    )
    actions.add_target(
        actor=actor,
        assignment=assignment,
        measure=Measure.ANY_OUTCOME,
        target_number=10,
        description="Iedereen een volgende stap: werk, opleiding of een buurtinitiatief",
    )
    sandra = Resident.objects.filter(bureau=bureau, email=f"sandra@{stories.EMAIL_DOMAIN}").first()
    people = ([sandra] if sandra else []) + _generated_residents(bureau, 0, 9)
    outcomes = [(Outcome.PAID_WORK, 120, "24 uur per week conciërge bij Theater De Spijker")]
    for number, (resident, (outcome, days_ago, note)) in enumerate(
        zip(people, outcomes + JOB_OUTCOMES, strict=False)
    ):
        participant = actions.add_participant(
            actor=actor, assignment=assignment, resident=resident, joined_on=_day(290 - 3 * number)
        )
        if outcome != Outcome.NONE_YET:
            actions.record_outcome(
                actor=actor,
                participant=participant,
                outcome=outcome,
                outcome_on=_day(days_ago),
                note=note,
            )


def _park(actor, bureau, municipality) -> None:
    if ImpactAssignment.objects.filter(bureau=bureau, title=PARK).exists():
        return
    purpose = Purpose.objects.filter(bureau=bureau, title=PARK).first()
    assignment = actions.create_assignment(
        actor=actor,
        bureau=bureau,
        title=PARK,
        client=municipality,
        description=(
            "De gemeente worstelde al drie seizoenen met het plantsoen. Nu onderhoudt het "
            "BuurtBaanBureau het, met het BuurtGroenBedrijf, bewoners en studenten, en wordt het "
            "zo ingericht dat niet elk voorjaar opnieuw geplant hoeft te worden."
        ),
        budget=Decimal("12500.00"),
        # The park's work runs over the purpose's period (this year in the work demo).
        starts_on=purpose.starts_on if purpose and purpose.starts_on else _day(60),
        ends_on=purpose.ends_on if purpose and purpose.ends_on else _day(-305),
        status=AssignmentStatus.RUNNING,
    )
    actions.add_target(
        actor=actor,
        assignment=assignment,
        measure=Measure.HOURS_DONE,
        target_number=240,
        description="240 uur werk in en om het plantsoen",
        bonus_amount=Decimal("1000.00"),
        bonus_threshold_percent=Decimal("90"),
        bonus_basis=BonusBasis.TARGET,
    )
    actions.add_target(
        actor=actor,
        assignment=assignment,
        measure=Measure.PIECES_DONE,
        target_number=5,
        description="Plan, ontwerp, aanplant en onderhoud klaar",
    )
    pieces = list(PieceOfWork.objects.filter(purpose=purpose)) if purpose else []
    pieces += list(
        PieceOfWork.objects.filter(
            bureau=bureau, quote_line__quote__title__startswith="Onderhoud en klimaatbestendige"
        )
    )
    if pieces:
        actions.link_pieces(actor=actor, assignment=assignment, pieces=pieces)


def _energy(actor, bureau, municipality) -> None:
    if ImpactAssignment.objects.filter(bureau=bureau, title=ENERGY).exists():
        return
    assignment = actions.create_assignment(
        actor=actor,
        bureau=bureau,
        title=ENERGY,
        client=municipality,
        description=(
            "Huishoudens met hoge energiekosten helpen besparen: zolders isoleren, tochtstrips, "
            "advies aan huis door bewoners die energiecoach worden. Het werk levert direct banen "
            "in de wijk op."
        ),
        budget=Decimal("20000.00"),
        starts_on=_day(120),
        ends_on=_day(-245),
        status=AssignmentStatus.RUNNING,
    )
    actions.add_target(
        actor=actor,
        assignment=assignment,
        measure=Measure.PIECES_DONE,
        target_number=40,
        description="Veertig woningen energiezuiniger",
    )
    actions.add_target(
        actor=actor,
        assignment=assignment,
        measure=Measure.INITIATIVE,
        target_number=5,
        description="Vijf bewoners worden energiecoach",
        bonus_amount=Decimal("2500.00"),
        bonus_threshold_percent=Decimal("80"),
        bonus_basis=BonusBasis.TARGET,
    )
    attic = Purpose.objects.filter(
        bureau=bureau, title="De zolder van oma Jansen geïsoleerd"
    ).first()
    pieces = list(PieceOfWork.objects.filter(purpose=attic)) if attic else []
    if pieces:
        actions.link_pieces(actor=actor, assignment=assignment, pieces=pieces)
    coaches = _generated_residents(bureau, 9, 4)
    for number, resident in enumerate(coaches):
        participant = actions.add_participant(
            actor=actor, assignment=assignment, resident=resident, joined_on=_day(110 - number)
        )
        if number < 2:
            actions.record_outcome(
                actor=actor,
                participant=participant,
                outcome=Outcome.INITIATIVE,
                outcome_on=_day(60 - 10 * number),
                note="Energiecoach na de training; doet huisbezoeken in de wijk",
            )


@transaction.atomic
def load_demo_data(bureaus: dict) -> None:
    bureau = bureaus["spijkerkwartier"]
    municipality = Organisation.objects.filter(bureau=bureau, name=MUNICIPALITY).first()
    if municipality is None:
        return
    actor = _coordinator(bureau)
    _jobs(actor, bureau, municipality)
    _park(actor, bureau, municipality)
    _energy(actor, bureau, municipality)
