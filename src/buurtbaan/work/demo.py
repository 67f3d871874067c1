"""The demo work bank: the Netwerkboek's stories (seed 002, chapter 2) as purposes and pieces of
work placed at scale levels, plus generated chores so the capability factor has something to show.

Idempotent: purposes are found by title, pieces by title within their purpose, helpers by name;
hours are only booked on pieces that have none yet; the generated part comes from a seeded
`random.Random`. Dates are relative to 1 January of the year the demo is first loaded, so the
capability factor page (this year by default) is filled. All people are fictional.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from buurtbaan.organisations.actions import add_personal_relation, update_organisation
from buurtbaan.organisations.models import Organisation, PersonalRelation, ScaleLevel
from buurtbaan.residents.models import Resident, Talent
from buurtbaan.work.actions import (
    add_piece,
    create_purpose,
    place_at_level,
    record_hours_done,
    set_status,
)
from buurtbaan.work.models import AskerKind, PieceOfWork, Purpose, WorkKind, WorkStatus

GENERATED_PIECES = {"spijkerkwartier": 45, "klarendal": 8}

# What the story organisations offer and need, so the subsidiarity assistant can suggest them.
OFFERS = {
    "BuurtGroenBedrijf": (
        "Tuinieren en groenonderhoud: snoeien, planten en beregening, samen met bewoners.",
        "Bewoners die mee willen werken in het groen.",
    ),
    "BuurtKlusBedrijf": (
        "Klussen in en om het huis: opruimen, sjouwen, verhuizen, kleine reparaties.",
        "Klussers uit de wijk.",
    ),
    "Aannemersbedrijf De Vries": (
        "Isolatie van zolders en daken, verbouwingen, aanpassingen voor ouderen.",
        "Een medewerker bouw; werk in de wijk zelf.",
    ),
    "Theater De Spijker": (
        "Een werkplek in het theater, rondleidingen op de wijkexcursie.",
        "Een conciërge/schoonmaakkracht voor 24 uur per week.",
    ),
    "Hogeschool (groenopleiding)": (
        "Studenten die ontwerpen en onderzoeken: groen, water, beregening.",
        "Praktijkopdrachten in de wijk.",
    ),
    "Stichting Welzijn Oost": (
        "Buurtmaatjes, activiteiten en zorg voor ouderen, voorlichting.",
        "Vrijwilligers voor ouderen.",
    ),
    "Sociaal Wijkteam Arnhem-Oost": (
        "Zorg en ondersteuning, wijkverpleging, hulp bij schulden.",
        "Buurtmaatjes voor hulpvragen.",
    ),
}

# Generated chores: (title, kind, talent, skills, hours, usual levels).
CHORES = [
    ("IKEA-kast in elkaar zetten", WorkKind.BUURTKLUS, "bouwen", [], 3, [1, 2, 3]),
    ("Fiets repareren", WorkKind.BUURTKLUS, "repareren", [], 2, [1, 3]),
    ("Ramen lappen", WorkKind.BUURTKLUS, "", [], 2, [1, 2, 4]),
    ("Heg snoeien", WorkKind.BUURTKLUS, "tuinieren", [], 4, [1, 2, 3]),
    ("Verhuisdozen sjouwen", WorkKind.BUURTKLUS, "", ["rijbewijs B"], 6, [2, 3, 4]),
    ("Hulp bij de computer", WorkKind.BUURTKLUS, "uitleggen", [], 2, [1, 2]),
    ("Boodschappen voor een buurvrouw", WorkKind.BUURTKLUS, "zorgen", [], 2, [1, 2]),
    ("Maaltijd koken voor de buurttafel", WorkKind.GROEPSWERK, "koken", [], 8, [1, 3]),
    ("Huiswerkbegeleiding", WorkKind.BUURTKLUS, "uitleggen", [], 3, [1, 3, 5]),
    ("Lampen ophangen", WorkKind.BUURTKLUS, "repareren", [], 1, [1, 2, 4]),
    ("Kamer behangen", WorkKind.BUURTKLUS, "creëren", [], 8, [2, 3, 4]),
    ("Zwerfafval prikken in de straat", WorkKind.GROEPSWERK, "", [], 6, [1, 3]),
    ("Buurtfeest organiseren", WorkKind.GROEPSWERK, "organiseren", [], 20, [1, 3]),
    ("Website buurthuis bijwerken", WorkKind.DROOMBAAN, "creëren", ["WordPress"], 16, [1, 3, 4]),
    ("Dakgoot schoonmaken", WorkKind.BUURTKLUS, "", ["ladder"], 3, [2, 4]),
    ("Cv-ketel onderhouden", WorkKind.BUURTKLUS, "", ["installatietechniek"], 2, [4]),
    ("Hulp bij formulieren van de gemeente", WorkKind.BUURTKLUS, "uitleggen", [], 2, [2, 3, 5]),
]


def _year_start() -> datetime.date:
    return datetime.date(timezone.localdate().year, 1, 1)


def _day(offset_days: int) -> datetime.date:
    """A day `offset_days` after 1 January, never after today (hours are booked up to today)."""
    return min(_year_start() + datetime.timedelta(days=offset_days), timezone.localdate())


def _talents(bureau, *names) -> list[Talent]:
    found = {t.name: t for t in Talent.objects.filter(bureau=bureau, name__in=names)}
    return [found[name] for name in names if name in found]


def _purpose(bureau, title, **fields) -> Purpose:
    return Purpose.objects.filter(bureau=bureau, title=title).first() or create_purpose(
        actor=None, bureau=bureau, title=title, **fields
    )


def _piece(
    bureau,
    title,
    *,
    purpose=None,
    parent=None,
    level=None,
    reason="",
    carrier=None,
    notes=None,
    status=WorkStatus.OPEN,
    done=(),
    is_found_by_title=True,
    **fields,
) -> PieceOfWork:
    """Find (by its title, unless `is_found_by_title` is false) or add a piece, place it at
    `level`, set its status and book `done` hours ((offset in days, hours) pairs) when it has
    none yet."""
    existing = (
        PieceOfWork.objects.filter(
            bureau=bureau, title=title, purpose=purpose, parent=parent
        ).first()
        if is_found_by_title
        else None
    )
    piece = existing or add_piece(
        actor=None, bureau=bureau, title=title, purpose=purpose, parent=parent, **fields
    )
    if existing is None and level is not None:
        place_at_level(
            actor=None, piece=piece, level=level, reason=reason, organisation=carrier, notes=notes
        )
    if existing is None and status != WorkStatus.DRAFT:
        for step in _steps_to(status):
            set_status(actor=None, piece=piece, status=step)
    if not piece.hours_entries.exists():
        for offset, hours in done:
            record_hours_done(actor=None, piece=piece, hours=Decimal(hours), worked_on=_day(offset))
    return piece


def _steps_to(status) -> list[str]:
    path = {
        WorkStatus.OPEN: [WorkStatus.OPEN],
        WorkStatus.IN_PROGRESS: [WorkStatus.OPEN, WorkStatus.IN_PROGRESS],
        WorkStatus.DONE: [WorkStatus.OPEN, WorkStatus.IN_PROGRESS, WorkStatus.DONE],
        WorkStatus.CANCELLED: [WorkStatus.CANCELLED],
    }
    return path[status]


def _weekly(first_offset: int, hours: int, weeks: int) -> list[tuple[int, int]]:
    return [(first_offset + 7 * week, hours) for week in range(weeks)]


def _elapsed_weeks() -> int:
    return max(1, (timezone.localdate() - _year_start()).days // 7)


def _relation(resident, name, **fields) -> None:
    if resident is None:
        return
    if not PersonalRelation.objects.filter(resident=resident, name=name).exists():
        add_personal_relation(actor=None, resident=resident, name=name, **fields)


def _story_work(bureau, orgs: dict[str, Organisation]) -> None:
    by_name = {
        (r.first_name, r.last_name): r
        for r in Resident.objects.filter(
            bureau=bureau,
            first_name__in=["Sandra", "Jorge", "Nicolai", "Riet", "Peter"],
        )
    }
    sandra = by_name.get(("Sandra", "Willems"))
    riet = by_name.get(("Riet", "Jansen"))
    nicolai = by_name.get(("Nicolai", "Petrović"))
    municipality = orgs.get("Gemeente Arnhem – Werk & Inkomen")
    green = orgs.get("BuurtGroenBedrijf")
    school = orgs.get("Hogeschool (groenopleiding)")
    de_vries = orgs.get("Aannemersbedrijf De Vries")
    theatre = orgs.get("Theater De Spijker")
    welfare = orgs.get("Stichting Welzijn Oost")
    district_team = orgs.get("Sociaal Wijkteam Arnhem-Oost")
    year = _year_start()

    # Oma Jansen's and Sandra's personal networks (scale level 2).
    _relation(
        riet,
        "Daan (kleinzoon)",
        kind="family",
        helps_with="Sjouwen, zolder opruimen",
        hours_per_week=Decimal("2"),
    )
    _relation(
        riet,
        "Buurman Kees",
        kind="neighbour",
        helps_with="Boodschappen, kleine klusjes in huis",
        hours_per_week=Decimal("1"),
    )
    _relation(
        sandra,
        "Monique (zus)",
        kind="family",
        helps_with="Oppassen, hond uitlaten in het weekend",
        hours_per_week=Decimal("2"),
    )

    # 1. The park: an impact assignment from the municipality.
    park = _purpose(
        bureau,
        "Het plantsoen klimaatbestendig",
        description=(
            "Impactopdracht van de gemeente: het plantsoen voortaan onderhouden en zo inrichten "
            "dat niet elk voorjaar opnieuw geplant hoeft te worden. Met het BuurtGroenBedrijf, "
            "bewoners rond het plantsoen en studenten van de groenopleiding; subsidie van de "
            "provincie voor de regenwateropvang."
        ),
        target="Na een hete, droge zomer hoeft er niets opnieuw geplant te worden.",
        asked_by_kind=AskerKind.MUNICIPALITY,
        asked_by_organisation=municipality,
        starts_on=year,
        ends_on=datetime.date(year.year, 12, 31),
    )
    plan = _piece(
        bureau,
        "Plan maken met de bewoners rond het plantsoen",
        purpose=park,
        kind=WorkKind.GROEPSWERK,
        people_needed=6,
        is_paid=True,
        pay_kind="hourly_wage",
        pay_amount=Decimal("15.00"),
        hours_total=Decimal("40"),
        postcode="6828EB",
        description=(
            "Met het BuurtGroenBedrijf denken bewoners mee over groen in het park dat hete, "
            "droge zomers overleeft."
        ),
        talents_needed=_talents(bureau, "tuinieren"),
        skills=["tuinonderhoud"],
    )
    _piece(
        bureau,
        "Meedenkavonden met bewoners",
        purpose=park,
        parent=plan,
        kind=WorkKind.GROEPSWERK,
        people_needed=8,
        is_paid=True,
        pay_kind="fixed_fee",
        pay_amount=Decimal("25.00"),
        hours_total=Decimal("12"),
        postcode="6828EB",
        level=ScaleLevel.RESIDENT,
        reason="De bewoners rond het plantsoen kennen de plek het best en denken zelf mee.",
        status=WorkStatus.DONE,
        done=[(40, 6), (54, 6)],
    )
    _piece(
        bureau,
        "Ontwerp klimaatbestendig plantsoen",
        purpose=park,
        parent=plan,
        kind=WorkKind.GROEPSWERK,
        people_needed=2,
        is_paid=True,
        pay_kind="fixed_fee",
        pay_amount=Decimal("1800.00"),
        hours_total=Decimal("28"),
        postcode="6828EB",
        level=ScaleLevel.SOCIAL_ENTERPRISE,
        carrier=green,
        reason="Het BuurtGroenBedrijf maakt het ontwerp, met de ideeën van de bewoners.",
        notes={
            1: "Bewoners denken mee, maar een ontwerp maken lukt ze niet alleen.",
            2: "Geen netwerk dat dit kan.",
        },
        status=WorkStatus.DONE,
        done=[(60, 10), (67, 10)],
    )
    _piece(
        bureau,
        "Regenwateropvang en beregening ontwerpen",
        purpose=park,
        kind=WorkKind.GROEPSWERK,
        people_needed=4,
        hours_total=Decimal("80"),
        postcode="6828EB",
        level=ScaleLevel.PUBLIC_SERVICE,
        carrier=school,
        reason="Studenten van de groenopleiding doen het als opdracht in hun opleiding; "
        "ze krijgen geen loon maar een diploma en werkervaring.",
        status=WorkStatus.IN_PROGRESS,
        done=[(75, 20), (89, 20), (103, 20)],
    )
    _piece(
        bureau,
        "Onderhoudsronde: snoeien, vegen, onderhoud (tien keer per jaar)",
        purpose=park,
        kind=WorkKind.GROEPSWERK,
        people_needed=3,
        is_paid=True,
        pay_kind="hourly_wage",
        pay_amount=Decimal("16.50"),
        hours_total=Decimal("120"),
        postcode="6828EB",
        talents_needed=_talents(bureau, "tuinieren"),
        level=ScaleLevel.SOCIAL_ENTERPRISE,
        carrier=green,
        reason="Het BuurtGroenBedrijf doet het onderhoud met bewoners die ervoor betaald krijgen.",
        status=WorkStatus.IN_PROGRESS,
        done=[(30 * m, 12) for m in range(1, 4)],
    )
    _piece(
        bureau,
        "Tamme kastanjes planten",
        purpose=park,
        kind=WorkKind.GROEPSWERK,
        people_needed=5,
        hours_total=Decimal("15"),
        postcode="6828EB",
        level=ScaleLevel.RESIDENT,
        reason="Bewoners planten zelf, met een middag uitleg van het BuurtGroenBedrijf.",
        status=WorkStatus.DONE,
        done=[(95, 15)],
    )
    _piece(
        bureau,
        "Subsidie aanvragen bij de provincie",
        purpose=park,
        kind=WorkKind.BUURTKLUS,
        hours_total=Decimal("8"),
        level=ScaleLevel.SOCIAL_ENTERPRISE,
        reason="Het BuurtBaanBureau (een sociale onderneming) schrijft de aanvraag zelf.",
        status=WorkStatus.DONE,
        done=[(20, 8)],
    )

    # 2. Oma Jansen's attic.
    attic = _purpose(
        bureau,
        "De zolder van oma Jansen geïsoleerd",
        description="Oma Jansen wil bijdragen aan een duurzame wereld, maar ziet op tegen het "
        "opruimen van de zolder en de troep. Ze vroeg het BuurtBaanBureau om een offerte.",
        target="Zolder geïsoleerd, spullen die mogen blijven weer terug op zolder.",
        asked_by_kind=AskerKind.RESIDENT,
        asked_by_resident=riet,
    )
    clearing = _piece(
        bureau,
        "Zolder opruimen en spullen terugzetten",
        purpose=attic,
        kind=WorkKind.BUURTKLUS,
        is_paid=True,
        pay_kind="fixed_fee",
        pay_amount=Decimal("120"),
        hours_total=Decimal("12"),
        postcode="6828EB",
        asked_by_kind=AskerKind.RESIDENT,
        asked_by_resident=riet,
    )
    _piece(
        bureau,
        "Samen met oma Jansen uitzoeken wat blijft",
        purpose=attic,
        parent=clearing,
        kind=WorkKind.BUURTKLUS,
        hours_total=Decimal("4"),
        asked_by_kind=AskerKind.RESIDENT,
        asked_by_resident=riet,
        level=ScaleLevel.RESIDENT,
        reason="Oma Jansen beslist zelf wat er blijft; een buurtbewoner zit erbij.",
        status=WorkStatus.DONE,
        done=[(150, 4)],
    )
    _piece(
        bureau,
        "Sjouwen: zolder leeg en daarna weer vullen",
        purpose=attic,
        parent=clearing,
        kind=WorkKind.BUURTKLUS,
        hours_total=Decimal("8"),
        asked_by_kind=AskerKind.RESIDENT,
        asked_by_resident=riet,
        level=ScaleLevel.PERSONAL_RELATION,
        reason="Kleinzoon Daan en buurman Kees helpen sjouwen.",
        notes={1: "Op haar leeftijd kan oma Jansen niet zelf sjouwen."},
        status=WorkStatus.DONE,
        done=[(152, 5), (160, 3)],
    )
    _piece(
        bureau,
        "Zolder isoleren",
        purpose=attic,
        kind=WorkKind.BUURTKLUS,
        is_paid=True,
        pay_kind="fixed_fee",
        pay_amount=Decimal("2400"),
        hours_total=Decimal("24"),
        postcode="6828EB",
        skills=["isoleren", "timmeren"],
        asked_by_kind=AskerKind.RESIDENT,
        asked_by_resident=riet,
        level=ScaleLevel.COMMERCIAL_BUSINESS,
        carrier=de_vries,
        reason="Aannemer De Vries uit de wijk kent dit type huis; Peter voert het uit.",
        notes={1: "Vakwerk.", 2: "Vakwerk.", 3: "Geen sociale onderneming die isoleert."},
        status=WorkStatus.IN_PROGRESS,
        done=[(158, 8)],
    )
    _piece(
        bureau,
        "Achtertuin van oma Jansen opknappen",
        purpose=attic,
        kind=WorkKind.BUURTKLUS,
        hours_total=Decimal("6"),
        postcode="6828EB",
        asked_by_kind=AskerKind.RESIDENT,
        asked_by_resident=riet,
        talents_needed=_talents(bureau, "tuinieren"),
        description="Tip van Peter: misschien een buurtklus voor meneer Martinez of Sandra?",
        status=WorkStatus.DRAFT,
    )

    # 3. Stand-alone pieces: vacancies and buurtklussen.
    _piece(
        bureau,
        "Conciërge en schoonmaak Theater De Spijker",
        kind=WorkKind.BASISBAAN,
        is_paid=True,
        pay_kind="hourly_wage",
        pay_amount=Decimal("14.40"),
        hours_per_week=Decimal("24"),
        starts_on=year,
        postcode="6828BK",
        asked_by_kind=AskerKind.ORGANISATION,
        asked_by_organisation=theatre,
        description=(
            "Het theater open- en dichtdoen, zalen, foyer en kleedkamers schoonmaken en de zaal "
            "klaarzetten voor voorstellingen. Een tijdelijk contract van 24 uur per week."
        ),
        talents_needed=_talents(bureau, "organiseren"),
        skills=["schoonmaken"],
        level=ScaleLevel.COMMERCIAL_BUSINESS,
        carrier=theatre,
        reason="Het theater neemt Sandra zelf in dienst: een tijdelijk contract van 24 uur.",
        status=WorkStatus.IN_PROGRESS,
        done=_weekly(3, 24, _elapsed_weeks()),
    )
    _piece(
        bureau,
        "Hond van Sandra uitlaten",
        kind=WorkKind.BUURTKLUS,
        hours_per_week=Decimal("3"),
        times_per_week=3,
        days=["mon", "wed", "fri"],
        starts_on=year,
        postcode="6828BC",
        description=(
            "De hond heeft veel beweging nodig: drie keer per week een uur met hem wandelen, op "
            "de dagen dat zijn baasje werkt. Vrijwillig."
        ),
        talents_needed=_talents(bureau, "zorgen"),
        skills=["honden uitlaten"],
        asked_by_kind=AskerKind.RESIDENT,
        asked_by_resident=sandra,
        level=ScaleLevel.RESIDENT,
        reason="Meneer Martinez uit de wijk reageerde op het prikbord: hij wandelt als "
        "vrijwilliger drie keer per week met de hond.",
        status=WorkStatus.IN_PROGRESS,
        done=_weekly(4, 3, _elapsed_weeks()),
    )
    _piece(
        bureau,
        "Vacature medewerker bouw bij Aannemersbedrijf De Vries",
        kind=WorkKind.BASISBAAN,
        is_paid=True,
        pay_kind="hourly_wage",
        pay_amount=Decimal("17.25"),
        hours_per_week=Decimal("32"),
        starts_on=year,
        postcode="6828DL",
        asked_by_kind=AskerKind.ORGANISATION,
        asked_by_organisation=de_vries,
        talents_needed=_talents(bureau, "bouwen"),
        level=ScaleLevel.COMMERCIAL_BUSINESS,
        carrier=de_vries,
        reason="Peter reageerde op de vacature op het platform en werd aangenomen; hij loopt "
        "naar zijn werk.",
        status=WorkStatus.IN_PROGRESS,
        done=_weekly(2, 32, _elapsed_weeks()),
    )
    _piece(
        bureau,
        "Workshop tamme-kastanjetaart bakken",
        kind=WorkKind.BUURTKLUS,
        is_paid=True,
        pay_kind="fixed_fee",
        pay_amount=Decimal("50"),
        hours_total=Decimal("3"),
        postcode="6828CP",
        asked_by_kind=AskerKind.RESIDENT,
        asked_by_resident=nicolai,
        talents_needed=_talents(bureau, "bakken"),
        level=ScaleLevel.RESIDENT,
        reason="Nicolai geeft de workshop zelf; vijf cursisten betalen € 10.",
        status=WorkStatus.DONE,
        done=[(120, 3)],
    )

    # 4. More purposes broken down.
    attics = _purpose(
        bureau,
        "Over vijf jaar alle zolders geïsoleerd",
        description="Een bedoeling van de wijk: samen verduurzamen, te beginnen bij de zolders.",
        target="200 zolders geïsoleerd binnen vijf jaar.",
    )
    _piece(
        bureau,
        "Inventariseren: welke huizen, wie wil",
        purpose=attics,
        kind=WorkKind.GROEPSWERK,
        people_needed=3,
        hours_total=Decimal("40"),
        talents_needed=_talents(bureau, "onderzoeken", "verbinden"),
        level=ScaleLevel.RESIDENT,
        reason="Bewoners gaan zelf langs de deuren in hun straat.",
        status=WorkStatus.IN_PROGRESS,
        done=[(100, 10), (130, 10)],
    )
    _piece(
        bureau,
        "Voorlichtingsavond over isoleren",
        purpose=attics,
        kind=WorkKind.BUURTKLUS,
        hours_total=Decimal("10"),
        level=ScaleLevel.SOCIAL_ENTERPRISE,
        carrier=welfare,
        reason="Stichting Welzijn Oost organiseert de avond in het buurthuis.",
        status=WorkStatus.DONE,
        done=[(110, 10)],
    )
    _piece(
        bureau,
        "Zolders isoleren, woning voor woning",
        purpose=attics,
        kind=WorkKind.BASISBAAN,
        is_paid=True,
        pay_kind="fixed_fee",
        hours_total=Decimal("400"),
        level=ScaleLevel.COMMERCIAL_BUSINESS,
        carrier=de_vries,
        reason="Vakwerk voor een aannemer uit de wijk; ouderen worden ontzorgd door de buurt.",
    )
    elderly = _purpose(
        bureau,
        "Samen zorgen voor de ouderen in de wijk",
        target="Ouderen kunnen langer zelfstandig thuis wonen.",
    )
    _piece(
        bureau,
        "Boodschappen voor ouderen",
        purpose=elderly,
        kind=WorkKind.BUURTKLUS,
        hours_per_week=Decimal("4"),
        times_per_week=2,
        days=["tue", "fri"],
        starts_on=year,
        level=ScaleLevel.PERSONAL_RELATION,
        reason="Buren en familie doen de boodschappen; het bureau brengt ze in contact.",
        status=WorkStatus.IN_PROGRESS,
        done=_weekly(1, 4, _elapsed_weeks()),
    )
    _piece(
        bureau,
        "Buurtmaatjes koppelen",
        purpose=elderly,
        kind=WorkKind.BUURTKLUS,
        hours_per_week=Decimal("6"),
        starts_on=year,
        level=ScaleLevel.SOCIAL_ENTERPRISE,
        carrier=welfare,
        reason="Stichting Welzijn Oost koppelt buurtmaatjes.",
        status=WorkStatus.IN_PROGRESS,
        done=_weekly(2, 6, _elapsed_weeks()),
    )
    _piece(
        bureau,
        "Wijkverpleging en zorg thuis",
        purpose=elderly,
        kind=WorkKind.BASISBAAN,
        is_paid=True,
        pay_kind="hourly_wage",
        hours_per_week=Decimal("10"),
        starts_on=year,
        level=ScaleLevel.PUBLIC_SERVICE,
        carrier=district_team,
        reason="Professionele zorg: dat moet een publieke voorziening doen.",
        notes={
            1: "Zorg vraagt een professional.",
            2: "Mantelzorgers zijn al overbelast.",
            3: "Geen sociale onderneming met verpleegkundigen.",
            4: "Niet te koop in de wijk.",
        },
        status=WorkStatus.IN_PROGRESS,
        done=_weekly(2, 10, _elapsed_weeks()),
    )


def _generated_work(bureau, slug) -> None:
    """Chores that came in over the year, most placed, some done, a few not placed yet."""
    rng = random.Random(f"buurtbaan-demo-work-{slug}")
    purpose = _purpose(
        bureau,
        "Klussen uit de buurt",
        description="Kleine klussen die bewoners en organisaties bij het bureau melden.",
        target="Elke klus binnen twee weken bij iemand uit de wijk.",
    )
    if PieceOfWork.objects.filter(purpose=purpose).exists():
        return  # loaded before; chores share titles ("Lampen ophangen"), so none is looked up
    organisations = list(Organisation.objects.filter(bureau=bureau, is_active=True))
    by_level = {
        level: [o for o in organisations if o.scale_level == level] for level in range(1, 6)
    }
    residents = list(Resident.objects.filter(bureau=bureau).order_by("pk")[:200])
    for _ in range(GENERATED_PIECES[slug]):
        title, kind, talent, skills, hours, levels = rng.choice(CHORES)
        level = rng.choice(levels) if rng.random() < 0.85 else None
        carrier = rng.choice(by_level[level]) if level and level >= 3 and by_level[level] else None
        asker = rng.choice(residents) if residents and rng.random() < 0.6 else None
        offset = rng.randint(0, 300)
        status = rng.choice(
            [WorkStatus.OPEN, WorkStatus.IN_PROGRESS, WorkStatus.DONE, WorkStatus.DONE]
        )
        if level is None:
            status = rng.choice([WorkStatus.DRAFT, WorkStatus.OPEN])
        done_hours = hours if status == WorkStatus.DONE else 0
        _piece(
            bureau,
            title,
            purpose=purpose,
            kind=kind,
            people_needed=rng.randint(2, 5) if kind == WorkKind.GROEPSWERK else 1,
            is_paid=rng.random() < 0.4,
            pay_kind="fixed_fee",
            hours_total=Decimal(hours),
            skills=skills,
            talents_needed=_talents(bureau, talent) if talent else [],
            starts_on=_day(offset),
            asked_by_kind=AskerKind.RESIDENT if asker else AskerKind.BUREAU,
            asked_by_resident=asker,
            postcode=asker.postcode if asker else "",
            level=level,
            carrier=carrier,
            reason=(
                str(ScaleLevel(level).label).capitalize()
                + ": "
                + rng.choice(
                    [
                        "kan het zelf",
                        "heeft tijd en zin",
                        "doet dit vaker",
                        "kent de vrager",
                        "heeft het gereedschap",
                    ]
                )
            )
            if level
            else "",
            status=status,
            done=[(offset, done_hours)] if done_hours else (),
            is_found_by_title=False,
        )


@transaction.atomic
def load_demo_data(bureaus: dict) -> None:
    """Add the demo work bank to the demo bureaus (a dict of slug → Bureau)."""
    main = bureaus.get("spijkerkwartier")
    if main is not None:
        orgs = {org.name: org for org in Organisation.objects.filter(bureau=main)}
        for name, (offers, needs) in OFFERS.items():
            organisation = orgs.get(name)
            if organisation is not None and not organisation.offers:
                update_organisation(
                    actor=None,
                    organisation=organisation,
                    changes={"offers": offers, "needs": needs},
                )
        _story_work(main, orgs)
    for slug, bureau in bureaus.items():
        if slug in GENERATED_PIECES:
            _generated_work(bureau, slug)
