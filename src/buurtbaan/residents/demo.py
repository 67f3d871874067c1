"""The demo talent bank: the Netwerkboek's people (Sandra, Mr Martinez, Nicolai, Riet Jansen,
Peter) with their talents, dreams and barriers, plus believable profiles for the generated
residents.

Deterministic and idempotent: each resident's profile comes from a `random.Random` seeded with the
bureau and the resident's own natural key, and only residents without a profile yet (no
`intake_source`) are filled in, so a second run changes nothing. All people are fictional.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from buurtbaan.bureaus.models import Bureau, Membership, Role
from buurtbaan.demo import stories
from buurtbaan.residents.actions import ensure_standard_talents, refresh_outside_area_flags
from buurtbaan.residents.models import (
    BENEFITS,
    INTAKE_STEP_KEYS,
    AccessChannel,
    AccessRequest,
    AccessStatus,
    Barrier,
    BarrierLevel,
    Consent,
    ConsentScope,
    Dream,
    ErasureRequest,
    IncomeSituation,
    Intake,
    IntakeDecision,
    IntakeSource,
    IntakeStep,
    ProfilePicture,
    PublicProfile,
    Resident,
    SensitiveCategory,
    SensitiveNote,
    Stage,
    Talent,
    TravelRange,
    Weekday,
    WorkWanted,
)

User = get_user_model()

# Talents the demo coordinators added to the standard vocabulary.
EXTRA_TALENTS = {
    "spijkerkwartier": [
        ("bakken", "Brood, taart en koek; voor de buurt of in een workshop."),
        ("tuinieren", "Groen onderhouden, moestuinen, het park."),
    ],
    "klarendal": [("naaien", "Kleding maken en herstellen.")],
}

# Fixed dates keep the demo the same whatever day it is loaded.
FIRST_INTAKE_DAY = datetime.date(2025, 3, 3)
INTAKE_DAYS = 290

STAGE_AFTER = {
    Stage.ACTIVE: IntakeDecision.START_TRAJECTORY,
    Stage.PLACED: IntakeDecision.START_TRAJECTORY,
    Stage.NOT_NOW: IntakeDecision.NOT_NOW,
    Stage.REFERRED: IntakeDecision.REFER,
}

# Keyed by (first name, last name); applied only to the residents of `stories.STORY_RESIDENTS`
# (matched on date of birth too), never to a generated resident who happens to share a name.
STORY_PROFILES = {
    ("Sandra", "Willems"): {
        "talents": ["organiseren", "verbinden"],
        "own_talent_words": "mensen op hun gemak stellen, overzicht houden achter de schermen",
        "skills": "schoonmaken, kassa, decorstukken schilderen",
        "languages": "Nederlands, Engels",
        "work_experience": (
            "Vijf jaar geleden schoonmaker in een hotel. Daarna thuis, met af en toe "
            "vrijwilligerswerk bij het buurttheater."
        ),
        "education": "vmbo, daarna mbo 2 facilitaire dienstverlening",
        "dreams": ["Iets in het theater", "Later: decor en techniek in een theater"],
        "wants": WorkWanted.PAID,
        "hours_per_week": 24,
        "available_days": ["mon", "tue", "wed", "thu", "fri"],
        "travel": TravelRange.NEIGHBOURHOOD,
        "income_situation": IncomeSituation.PARTICIPATION_ACT,
        "intake_source": IntakeSource.WORK_AND_INCOME,
        "intake_source_detail": "werkregisseur gemeente Arnhem",
        "coach": "coach",
        "stage": Stage.ACTIVE,
        "barriers": [
            (
                BarrierLevel.PERSONAL,
                "Weinig zelfvertrouwen na vijf jaar zonder werk.",
                "Talenttraining en coaching; de wijkexcursie langs bedrijven.",
                False,
            ),
            (
                BarrierLevel.SYSTEM,
                "Bang om bijstand kwijt te raken als ze gaat werken; weet niet hoe bijverdienen "
                "wordt verrekend.",
                "Uitleg over de regels voor bijverdienen; samen een gesprek met Werk & Inkomen.",
                False,
            ),
        ],
        "consents": [ConsentScope.COACHES, ConsentScope.MATCHING, ConsentScope.PARTNERS],
        "decision_note": "Doet mee aan de talenttraining en daarna leren–proberen–solliciteren.",
        "sensitive": [
            (
                SensitiveCategory.DEBTS,
                "Heeft een betalingsregeling voor een oude energierekening; loopt via het "
                "Sociaal Wijkteam. Houd rekening met het moment waarop loon en uitkering wisselen.",
            )
        ],
    },
    ("Jorge", "Martinez"): {
        "talents": ["observeren", "zorgen"],
        "own_talent_words": "geduld, verhalen vertellen",
        "skills": "boekhouden, Spaans, honden uitlaten",
        "languages": "Nederlands, Spaans",
        "work_experience": (
            "Veertig jaar boekhouder bij een transportbedrijf; sinds 2019 met pensioen. Had zelf "
            "jarenlang een hond."
        ),
        "education": "mbo boekhouden",
        "dreams": ["Elke dag een stuk wandelen en iets betekenen voor de buurt"],
        "wants": WorkWanted.VOLUNTEER,
        "hours_per_week": 6,
        "available_days": ["mon", "wed", "fri", "sat"],
        "travel": TravelRange.NEIGHBOURHOOD,
        "income_situation": IncomeSituation.NO_BENEFIT,
        "intake_source": IntakeSource.INFORMATION_MEETING,
        "intake_source_detail": "informatiebijeenkomst in buurtcentrum De Spijker",
        "coach": "coach",
        "stage": Stage.ACTIVE,
        "barriers": [
            (
                BarrierLevel.PERSONAL,
                "Moet van de huisarts meer bewegen, maar gaat alleen niet naar buiten.",
                "Een vaste wandelklus, bijvoorbeeld een hond uitlaten in de buurt.",
                False,
            ),
        ],
        "consents": [ConsentScope.COACHES, ConsentScope.MATCHING, ConsentScope.PUBLIC_PROFILE],
        "decision_note": "Vrijwillige buurtklus: honden uitlaten in de wijk.",
        "sensitive": [],
    },
    ("Nicolai", "Petrović"): {
        "talents": ["koken", "inspireren", "bakken"],
        "own_talent_words": "Bosnische kastanjetaartjes bakken, mensen samen aan tafel krijgen",
        "skills": "bakken, koken voor groepen, hygiënecode",
        "languages": "Bosnisch, Nederlands, Duits",
        "work_experience": "Banketbakker in Sarajevo; in Nederland orderpicker in een magazijn.",
        "education": "vakschool banketbakkerij (Bosnië)",
        "dreams": [
            "Een workshop kastanjetaartjes geven in de buurtschool",
            "Een eigen kleine bakkerij",
        ],
        "wants": WorkWanted.BOTH,
        "hours_per_week": 20,
        "available_days": ["tue", "thu", "sat"],
        "travel": TravelRange.CYCLING,
        "income_situation": "",
        "intake_source": IntakeSource.WALK_IN,
        "intake_source_detail": "",
        "coach": "coach2",
        "stage": Stage.ACTIVE,
        "barriers": [
            (
                BarrierLevel.PERSONAL,
                "Schrijven in het Nederlands is nog lastig (brieven, formulieren).",
                "Taalmaatje; hulp bij de aanmelding voor de buurtschool.",
                False,
            ),
            (
                BarrierLevel.SYSTEM,
                "Weet niet wat er nodig is om workshops tegen betaling te geven (KvK, belasting).",
                "Uitleg door een ondernemer uit de wijk.",
                True,
            ),
        ],
        "consents": [
            ConsentScope.COACHES,
            ConsentScope.MATCHING,
            ConsentScope.PARTNERS,
            ConsentScope.PUBLIC_PROFILE,
        ],
        "decision_note": "Start met een workshop in de informele buurtschool.",
        "sensitive": [],
    },
    ("Riet", "Jansen"): {
        "talents": ["zorgen"],
        "own_talent_words": "verhalen over de wijk, breien",
        "skills": "breien, naaien",
        "languages": "Nederlands",
        "work_experience": "Werkte tot haar zestigste in de wasserij aan de Spijkerstraat.",
        "education": "huishoudschool",
        "dreams": ["Weer mensen over de vloer; kinderen vertellen hoe de wijk vroeger was"],
        "wants": WorkWanted.VOLUNTEER,
        "hours_per_week": 2,
        "available_days": ["tue", "thu"],
        "travel": TravelRange.NEIGHBOURHOOD,
        "income_situation": "",
        "intake_source": IntakeSource.SOCIAL_DISTRICT_TEAM,
        "intake_source_detail": "wijkverpleegkundige",
        "coach": "coach2",
        "stage": Stage.REFERRED,
        "barriers": [
            (
                BarrierLevel.LIVING_ENVIRONMENT,
                "Woont alleen en ziet weinig mensen; de zolder staat vol.",
                "Een buurtmaatje; de zolder opruimen als buurtklus.",
                False,
            ),
        ],
        "consents": [ConsentScope.COACHES],
        "referred_to": "Stichting Welzijn Oost (buurtmaatjes)",
        "decision_note": "Zoekt vooral gezelschap; buurtmaatje aangevraagd. Later misschien "
        "verhalen vertellen op de basisschool.",
        "sensitive": [
            (
                SensitiveCategory.HEALTH,
                "Slecht ter been na een val vorig jaar; trap naar de zolder niet zelf nemen.",
            )
        ],
    },
    ("Peter", "Bakker"): {
        "talents": ["repareren", "bouwen"],
        "own_talent_words": "aanpakken, technisch inzicht",
        "skills": "VCA, rijbewijs B, isoleren, timmeren",
        "languages": "Nederlands",
        "work_experience": "Uitzendwerk in de bouw; sinds 2025 bij Aannemersbedrijf De Vries.",
        "education": "mbo 2 bouw en infra",
        "dreams": ["Vakman worden in duurzaam verbouwen"],
        "wants": WorkWanted.PAID,
        "hours_per_week": 36,
        "available_days": ["mon", "tue", "wed", "thu", "fri"],
        "travel": TravelRange.NEIGHBOURHOOD,
        "income_situation": IncomeSituation.NO_BENEFIT,
        "intake_source": IntakeSource.WEBSITE,
        "intake_source_detail": "vacature op het prikbord",
        "coach": "coach2",
        "stage": Stage.PLACED,
        "barriers": [],
        "consents": [ConsentScope.COACHES, ConsentScope.MATCHING, ConsentScope.PARTNERS],
        "decision_note": "Aangenomen bij De Vries; loopt naar zijn werk en tipt nieuwe buurtklussen.",
        "sensitive": [],
    },
}

OWN_WORDS = [
    "goed luisteren",
    "mensen aan het lachen maken",
    "rust brengen",
    "overzicht houden",
    "dingen mooi maken",
    "met kinderen omgaan",
    "oplossingen bedenken",
    "handig met computers",
    "muziek maken",
    "tekenen",
    "verhalen vertellen",
    "geduld",
    "doorpakken",
    "netwerken",
]
SKILLS = [
    "rijbewijs B",
    "kassa",
    "EHBO",
    "Excel",
    "heftruckcertificaat",
    "VCA",
    "naaien",
    "fietsen repareren",
    "koken voor groepen",
    "schilderen",
    "tuinonderhoud",
    "social media",
    "boekhouden",
    "schoonmaken",
    "timmeren",
    "tolken",
    "kinderopvang",
    "fotograferen",
]
OTHER_LANGUAGES = [
    "Engels",
    "Arabisch",
    "Turks",
    "Pools",
    "Tigrinya",
    "Papiaments",
    "Somalisch",
    "Berbers",
    "Duits",
    "Spaans",
    "Farsi",
]
DREAMS = [
    "Een eigen lunchroom in de wijk",
    "Werken in het groen, bijvoorbeeld in het park",
    "Fietsenmaker worden",
    "Iets met kinderen",
    "Kapper worden",
    "In de zorg werken, bij ouderen",
    "Kok in een restaurant",
    "Iets met video en film",
    "Een eigen naaiatelier",
    "Rondleidingen geven in de wijk",
    "Buschauffeur",
    "Werken bij de bakker",
    "Timmerman worden",
    "Iets creatiefs met hout",
    "Administratief werk bij een kleine organisatie",
    "Theatertechnicus",
    "Tolk worden",
    "Een eigen schoonmaakbedrijf",
    "Fotograaf",
    "Huiswerkbegeleiding geven",
    "Werken in de bibliotheek",
    "Klusjesman in de buurt",
    "In een winkel werken",
    "Ouderen helpen met de computer",
    "Imker worden",
    "Muziekles geven",
    "Iets met duurzaamheid en zonnepanelen",
    "Kinderopvang aan huis",
    "Werken in een fietsenwerkplaats",
    "Catering voor feesten in de buurt",
]
WORK_EXPERIENCE = [
    "Tien jaar in de schoonmaak gewerkt.",
    "Magazijnmedewerker bij een distributiecentrum.",
    "Kassamedewerker in de supermarkt.",
    "Jaren thuis voor de kinderen gezorgd.",
    "Vrijwilliger bij de buurtkamer.",
    "Kok in een restaurant, in het land van herkomst.",
    "Bouwvakker; gestopt na een blessure.",
    "Administratief medewerker bij een verzekeraar.",
    "Geen betaald werk gehad; wel mantelzorger voor een ouder.",
    "Postbezorger.",
    "Verkoopster in een kledingwinkel.",
    "Taxichauffeur.",
    "Productiemedewerker in een fabriek.",
    "",
]
EDUCATION = [
    "vmbo",
    "mbo 2 logistiek",
    "mbo 3 zorg en welzijn",
    "havo",
    "hbo sociaal werk (niet afgemaakt)",
    "basisschool",
    "universiteit in het land van herkomst (diploma niet erkend)",
    "mbo 1 entree",
    "vwo",
    "inburgering afgerond (taalniveau A2)",
    "",
]
BARRIERS = {
    BarrierLevel.PERSONAL: [
        ("Weinig zelfvertrouwen na lange tijd zonder werk.", "Coaching en de talenttraining."),
        ("Nederlands nog lastig, vooral schrijven.", "Taalmaatje en een taalcursus."),
        ("Geen fiets en geen rijbewijs.", "Een opgeknapte fiets via Spijkerbikes."),
        ("Nog geen beeld van de eigen talenten.", "De training Ontdek je talent."),
        ("Weinig ervaring met de computer.", "Digitale les in de bibliotheek."),
    ],
    BarrierLevel.LIVING_ENVIRONMENT: [
        ("Zorgt voor jonge kinderen; geen opvang.", "Werk onder schooltijd of kinderopvang."),
        ("Mantelzorger voor een ouder.", "Flexibele uren en respijtzorg."),
        ("Weinig contacten in de wijk.", "Een buurtmaatje en de inloop."),
        ("Onrustige woonsituatie.", "Een rustige werkplek in het buurtcentrum."),
    ],
    BarrierLevel.SYSTEM: [
        ("Diploma uit het buitenland niet erkend.", "Diplomawaardering aanvragen."),
        ("Wachtlijst voor schuldhulp.", "Contact met het Sociaal Wijkteam."),
    ],
}
BENEFIT_BARRIER = (
    "Werken met behoud van uitkering: bang om inkomsten kwijt te raken.",
    "Uitleg over de regels voor bijverdienen; gesprek met Werk & Inkomen.",
)
SENSITIVE = [
    (SensitiveCategory.HEALTH, "Rugklachten; kan niet lang staan of zwaar tillen."),
    (SensitiveCategory.HEALTH, "Herstelt van een burn-out; wil rustig opbouwen."),
    (SensitiveCategory.DEBTS, "Heeft schulden; schuldhulpverlening loopt via het wijkteam."),
    (SensitiveCategory.SPECIALIST_REFERRAL, "Doorverwezen naar de huisarts-POH voor somberheid."),
    (SensitiveCategory.OTHER, "Situatie thuis is onrustig; wil daar nu niet over praten."),
]
REFERRALS = [
    "Sociaal Wijkteam Arnhem-Oost",
    "Schuldhulpverlening gemeente Arnhem",
    "Taalhuis Arnhem",
    "Huisarts en praktijkondersteuner GGZ",
]
DECISION_NOTES = {
    IntakeDecision.START_TRAJECTORY: [
        "Doet mee aan de volgende talenttraining.",
        "Start met een buurtklus om ervaring op te doen.",
        "Leren–proberen–solliciteren; eerst een wijkexcursie.",
    ],
    IntakeDecision.REFER: ["Eerst andere hulp; daarna graag terug bij het bureau."],
    IntakeDecision.NOT_NOW: [
        "Nu geen ruimte door de zorg thuis; over drie maanden opnieuw contact.",
        "Wil eerst de inburgering afmaken.",
    ],
}
STEP_NOTES = {
    "personal": "Kwam samen met een buurvrouw; gegevens samen nagelopen.",
    "talents": "Krijgt energie van mensen helpen en dingen maken.",
    "work": "Liefst werk dichtbij huis, niet in het weekend.",
    "barriers": "Belemmeringen samen benoemd; geen haast.",
    "consent": "Toestemming uitgelegd met de folder.",
}


def _pick_weighted(rng: random.Random, options: list[tuple[object, int]]):
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def _local(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class _Batch:
    """Rows to insert in bulk for one bureau."""

    def __init__(self):
        self.talent_links, self.dreams, self.barriers = [], [], []
        self.consents, self.intakes, self.notes = [], [], []

    def save(self):
        Resident.talents.through.objects.bulk_create(self.talent_links, ignore_conflicts=True)
        for model, rows in (
            (Dream, self.dreams),
            (Barrier, self.barriers),
            (Consent, self.consents),
            (Intake, self.intakes),
            (SensitiveNote, self.notes),
        ):
            model.objects.bulk_create(rows)


def _staff(bureau: Bureau) -> list:
    memberships = (
        Membership.objects.active()
        .filter(bureau=bureau, role__in=[Role.COACH, Role.COORDINATOR])
        .select_related("user")
        .order_by("role", "user__email")
    )
    return [m.user for m in memberships]


def _intake(resident, coach, rng, stage, *, decision_note="", referred_to="") -> Intake:
    started = FIRST_INTAKE_DAY + datetime.timedelta(days=rng.randrange(INTAKE_DAYS))
    if stage == Stage.INTAKE:
        reached = rng.randint(2, 6)
        return Intake(
            resident=resident,
            coach=coach,
            started_at=_local(started),
            step_reached=reached,
            answers={
                INTAKE_STEP_KEYS[IntakeStep(step)]: {
                    "notes": STEP_NOTES[INTAKE_STEP_KEYS[IntakeStep(step)]],
                    "saved_at": _local(started, 10 + step).isoformat(),
                }
                for step in range(1, reached)
            },
        )
    decision = STAGE_AFTER[stage]
    completed = started + datetime.timedelta(days=rng.randint(0, 14))
    answers = {
        key: {"notes": STEP_NOTES.get(key, ""), "saved_at": _local(completed).isoformat()}
        for key in INTAKE_STEP_KEYS.values()
    }
    return Intake(
        resident=resident,
        coach=coach,
        started_at=_local(started),
        completed_at=_local(completed, 15),
        step_reached=IntakeStep.DECISION,
        answers=answers,
        decision=decision,
        referred_to=referred_to
        or (rng.choice(REFERRALS) if decision == IntakeDecision.REFER else ""),
        decision_note=decision_note or rng.choice(DECISION_NOTES[decision]),
    )


def _story(resident, profile, talents, users, batch: _Batch) -> None:
    rng = random.Random(f"buurtbaan-story-{resident.first_name}-{resident.last_name}")
    for name in (
        "own_talent_words",
        "skills",
        "languages",
        "work_experience",
        "education",
        "wants",
        "hours_per_week",
        "available_days",
        "travel",
        "income_situation",
        "intake_source",
        "intake_source_detail",
        "stage",
    ):
        setattr(resident, name, profile[name])
    coach = users.get(profile["coach"])
    resident.coach = coach
    batch.talent_links += [
        Resident.talents.through(resident_id=resident.pk, talent_id=talents[name].pk)
        for name in profile["talents"]
        if name in talents
    ]
    batch.dreams += [
        Dream(resident=resident, description=text, position=index)
        for index, text in enumerate(profile["dreams"])
    ]
    intake = _intake(
        resident,
        coach,
        rng,
        profile["stage"],
        decision_note=profile["decision_note"],
        referred_to=profile.get("referred_to", ""),
    )
    batch.intakes.append(intake)
    batch.barriers += [
        Barrier(
            resident=resident,
            level=level,
            description=description,
            support_needed=support,
            is_resolved=resolved,
            resolved_at=intake.completed_at if resolved else None,
            created_by=coach,
        )
        for level, description, support, resolved in profile["barriers"]
    ]
    batch.consents += [
        Consent(
            resident=resident,
            scope=scope,
            given_at=intake.completed_at or intake.started_at,
            recorded_by=coach,
            note="getekend formulier bij de intake",
        )
        for scope in profile["consents"]
    ]
    batch.notes += [
        SensitiveNote(resident=resident, author=coach, category=category, text=text)
        for category, text in profile["sensitive"]
    ]


def _generated(resident, bureau, talents: list[Talent], staff: list, batch: _Batch) -> None:
    rng = random.Random(
        f"buurtbaan-talentbank-{bureau.slug}-{resident.email}-{resident.first_name}-"
        f"{resident.last_name}"
    )
    stage = _pick_weighted(
        rng,
        [
            (Stage.REGISTERED, 20),
            (Stage.INTAKE, 12),
            (Stage.ACTIVE, 35),
            (Stage.PLACED, 15),
            (Stage.NOT_NOW, 10),
            (Stage.REFERRED, 8),
        ],
    )
    resident.stage = stage
    resident.intake_source = _pick_weighted(
        rng,
        [
            (IntakeSource.WALK_IN, 30),
            (IntakeSource.WORK_AND_INCOME, 25),
            (IntakeSource.SOCIAL_DISTRICT_TEAM, 15),
            (IntakeSource.WEBSITE, 12),
            (IntakeSource.INFORMATION_MEETING, 15),
            (IntakeSource.OTHER, 3),
        ],
    )
    resident.income_situation = _pick_weighted(
        rng,
        [
            (IncomeSituation.NO_BENEFIT, 30),
            (IncomeSituation.PARTICIPATION_ACT, 35),
            (IncomeSituation.UNEMPLOYMENT_BENEFIT, 10),
            (IncomeSituation.OTHER_BENEFIT, 8),
            ("", 17),
        ],
    )
    resident.wants = _pick_weighted(
        rng, [(WorkWanted.PAID, 40), (WorkWanted.VOLUNTEER, 20), (WorkWanted.BOTH, 40)]
    )
    low, high = (2, 16) if resident.wants == WorkWanted.VOLUNTEER else (8, 36)
    resident.hours_per_week = rng.randrange(low, high + 1, 2)
    days = sorted(rng.sample(range(7), rng.randint(2, 5)))
    resident.available_days = [Weekday.values[day] for day in days]
    resident.travel = _pick_weighted(
        rng,
        [(TravelRange.NEIGHBOURHOOD, 45), (TravelRange.CYCLING, 40), (TravelRange.ANYWHERE, 15)],
    )
    languages = ["Nederlands", *rng.sample(OTHER_LANGUAGES, rng.choice([0, 0, 1, 1, 2]))]
    resident.languages = ", ".join(languages)
    resident.own_talent_words = ", ".join(rng.sample(OWN_WORDS, rng.randint(0, 2)))
    resident.skills = ", ".join(rng.sample(SKILLS, rng.randint(1, 4)))
    resident.work_experience = rng.choice(WORK_EXPERIENCE)
    resident.education = rng.choice(EDUCATION)

    has_coach = stage != Stage.REGISTERED or rng.random() < 0.5
    coach = rng.choice(staff) if staff and has_coach else None
    resident.coach = coach
    batch.talent_links += [
        Resident.talents.through(resident_id=resident.pk, talent_id=talent.pk)
        for talent in rng.sample(talents, rng.randint(1, 3))
    ]
    dream_count = rng.choices([0, 1, 2], weights=[5, 70, 25])[0]
    batch.dreams += [
        Dream(resident=resident, description=text, position=index)
        for index, text in enumerate(rng.sample(DREAMS, dream_count))
    ]

    intake = _intake(resident, coach, rng, stage) if stage != Stage.REGISTERED else None
    if intake:
        batch.intakes.append(intake)
    moment = (intake.completed_at or intake.started_at) if intake else _local(FIRST_INTAKE_DAY)
    barriers = [
        (level, *rng.choice(BARRIERS[level]))
        for level in rng.sample(list(BARRIERS), rng.randint(0, 2))
    ]
    if resident.income_situation in BENEFITS and rng.random() < 0.6:
        barriers.append((BarrierLevel.SYSTEM, *BENEFIT_BARRIER))
    batch.barriers += [
        Barrier(
            resident=resident,
            level=level,
            description=description,
            support_needed=support,
            is_resolved=stage == Stage.PLACED and rng.random() < 0.5,
            created_by=coach,
        )
        for level, description, support in barriers
    ]
    consent_done = intake is not None and (intake.completed_at or intake.is_step_saved(5))
    chances = (
        {
            ConsentScope.COACHES: 0.9,
            ConsentScope.MATCHING: 0.75,
            ConsentScope.PARTNERS: 0.45,
            ConsentScope.PUBLIC_PROFILE: 0.1,
        }
        if consent_done
        else {ConsentScope.COACHES: 0.3}
    )
    batch.consents += [
        Consent(
            resident=resident,
            scope=scope,
            given_at=moment,
            recorded_by=coach,
            note="getekend formulier bij de intake" if consent_done else "mondeling bij aanmelding",
        )
        for scope, chance in chances.items()
        if rng.random() < chance
    ]
    # A coach who has talked consent through at the intake marks the resident ready to be
    # proposed before the intake is done (see matching.eligibility). Draws no random number, so
    # the rest of the demo stays as it was.
    resident.is_ready_to_propose = (
        stage == Stage.INTAKE and intake is not None and intake.is_step_saved(IntakeStep.CONSENT)
    )
    if coach and intake and rng.random() < 0.15:
        category, text = rng.choice(SENSITIVE)
        batch.notes.append(
            SensitiveNote(resident=resident, author=coach, category=category, text=text)
        )


def _talent_vocabulary(bureau: Bureau) -> dict[str, Talent]:
    ensure_standard_talents(bureau=bureau)
    existing = set(Talent.objects.filter(bureau=bureau).values_list("name", flat=True))
    Talent.objects.bulk_create(
        Talent(bureau=bureau, name=name, description=description)
        for name, description in EXTRA_TALENTS.get(bureau.slug, [])
        if name not in existing
    )
    return {talent.name: talent for talent in Talent.objects.filter(bureau=bureau)}


@transaction.atomic
def load_demo_data(bureaus: dict[str, Bureau] | Iterable[Bureau]) -> None:
    """Fill in the talent bank of the demo bureaus; residents already filled in are left alone."""
    bureaus = list(bureaus.values()) if isinstance(bureaus, dict) else list(bureaus)
    users = {
        user.email.split("@")[0]: user
        for user in User.objects.filter(email__endswith=f"@{stories.EMAIL_DOMAIN}")
    }
    story_births = {(first, last): born for first, last, *_rest, born in stories.STORY_RESIDENTS}
    for bureau in bureaus:
        talents = _talent_vocabulary(bureau)
        active_talents = [talents[name] for name in sorted(talents) if talents[name].is_active]
        staff = _staff(bureau)
        batch = _Batch()
        todo = list(
            Resident.objects.filter(bureau=bureau, intake_source="").order_by(
                "email", "last_name", "first_name", "pk"
            )
        )
        for resident in todo:
            key = (resident.first_name, resident.last_name)
            profile = STORY_PROFILES.get(key)
            if profile and story_births.get(key) == resident.date_of_birth:
                _story(resident, profile, talents, users, batch)
            else:
                _generated(resident, bureau, active_talents, staff, batch)
        Resident.objects.bulk_update(
            todo,
            [
                "own_talent_words",
                "skills",
                "languages",
                "work_experience",
                "education",
                "wants",
                "hours_per_week",
                "available_days",
                "travel",
                "income_situation",
                "intake_source",
                "intake_source_detail",
                "stage",
                "coach",
                "is_ready_to_propose",
            ],
            batch_size=200,
        )
        batch.save()
        refresh_outside_area_flags(bureau=bureau)
        if bureau.slug == SELF_SERVICE_BUREAU:
            _self_service(bureau)


# --- Self-service: public profiles and a pending erasure request ---------------------------------

SELF_SERVICE_BUREAU = "spijkerkwartier"
# Public profiles of story residents who agreed to one (see their consents above): (first name,
# last name) -> what the profile shows. Pictures are the neighbourhood drawings: no photos.
STORY_PUBLIC_PROFILES = {
    ("Jorge", "Martinez"): {
        "display_name": "Jorge",
        "what_i_do": "Ik laat honden uit in de wijk, elke ochtend een rondje door het park.",
        "what_i_offer": "Een wandeling met uw hond, en een praatje. Ook in het Spaans.",
        "about": "Veertig jaar boekhouder geweest; nu met pensioen en graag buiten.",
        "picture": ProfilePicture.PARK,
    },
    ("Nicolai", "Petrović"): {
        "display_name": "Nicolai",
        "what_i_do": "Ik bak Bosnische kastanjetaartjes en geef er workshops in.",
        "what_i_offer": "Een bakworkshop in de buurtschool, of taart voor uw buurtfeest.",
        "about": "Banketbakker uit Sarajevo. Samen aan tafel is het mooiste wat er is.",
        "picture": ProfilePicture.MARKET,
    },
}
GENERATED_PROFILE = {
    "what_i_do": "Ik help buren met klusjes en boodschappen.",
    "what_i_offer": "Een handje helpen: lampen ophangen, boodschappen doen, meedenken.",
    "about": "Woon hier al jaren en ken de straat goed.",
    "picture": ProfilePicture.STREET,
}
# The generated resident who asked for erasure (a stable natural key of the demo loader).
ERASURE_REQUEST_EMAIL = f"{SELF_SERVICE_BUREAU}.bewoner0042@{stories.EMAIL_DOMAIN}"
# Sandra saw everything the bureau keeps (an access request, released); a generated resident's
# request came by letter and waits for the coordinator.
RELEASED_ACCESS_EMAIL = f"sandra@{stories.EMAIL_DOMAIN}"
PENDING_ACCESS_EMAIL = f"{SELF_SERVICE_BUREAU}.bewoner0043@{stories.EMAIL_DOMAIN}"


def _self_service(bureau: Bureau) -> None:
    """Two story residents and one generated resident with a public profile; one generated
    resident waiting for the coordinator to handle their erasure request. Only what is missing is
    added."""
    residents = Resident.objects.current().filter(bureau=bureau)
    consenting = residents.with_consent(ConsentScope.PUBLIC_PROFILE)
    profiles = []
    for (first, last), profile in STORY_PUBLIC_PROFILES.items():
        resident = consenting.filter(first_name=first, last_name=last).order_by("pk").first()
        if resident is not None:
            profiles.append(PublicProfile(resident=resident, is_enabled=True, **profile))
    generated = (
        consenting.filter(email__startswith=f"{bureau.slug}.bewoner").order_by("email").first()
    )
    if generated is not None:
        profiles.append(
            PublicProfile(
                resident=generated,
                is_enabled=True,
                display_name=generated.first_name,
                show_talents=True,
                **GENERATED_PROFILE,
            )
        )
    has_profile = set(
        PublicProfile.objects.filter(resident__in=[p.resident for p in profiles]).values_list(
            "resident_id", flat=True
        )
    )
    PublicProfile.objects.bulk_create(p for p in profiles if p.resident_id not in has_profile)

    _access_requests(bureau, residents)

    asking = residents.filter(email=ERASURE_REQUEST_EMAIL).first()
    if asking is not None and not ErasureRequest.objects.filter(resident=asking).exists():
        ErasureRequest.objects.create(
            bureau=bureau,
            resident=asking,
            requested_at=_local(FIRST_INTAKE_DAY + datetime.timedelta(days=INTAKE_DAYS), 9),
        )


def _access_requests(bureau: Bureau, residents) -> None:
    """Only what is missing: a released request of Sandra's (decided at the first load, so she
    can download it for the next 30 days) and a pending one that came by letter."""
    coordinator = (
        Membership.objects.filter(bureau=bureau, role=Role.COORDINATOR, is_active=True)
        .select_related("user")
        .first()
    )
    released = residents.filter(user__email=RELEASED_ACCESS_EMAIL).first()
    if released is not None and not released.access_requests.exists():
        now = timezone.now()
        AccessRequest.objects.create(
            bureau=bureau,
            resident=released,
            requested_by=released.user,
            channel=AccessChannel.OWN_PAGES,
            received_on=timezone.localdate() - datetime.timedelta(days=6),
            requested_at=now - datetime.timedelta(days=6),
            status=AccessStatus.RELEASED,
            decided_by=coordinator.user if coordinator else None,
            decided_at=now - datetime.timedelta(days=2),
        )
    pending = residents.filter(email=PENDING_ACCESS_EMAIL).first()
    if pending is not None and not pending.access_requests.exists():
        AccessRequest.objects.create(
            bureau=bureau,
            resident=pending,
            requested_by=coordinator.user if coordinator else None,
            channel=AccessChannel.LETTER,
            received_on=timezone.localdate() - datetime.timedelta(days=20),
            note="Brief van de bewoner, binnengekomen bij de balie.",
        )
