"""Loads the demo neighbourhood. Idempotent: every object has a natural key (a bureau's slug, an
e-mail address, a name within a bureau) and is only created when missing, and the generated part
comes from Faker with a fixed seed, so a second run finds everything in place and changes nothing.
"""

from __future__ import annotations

import datetime
import string

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from faker import Faker

from buurtbaan.board import demo as board_demo
from buurtbaan.bureaus.actions import add_member, create_bureau
from buurtbaan.bureaus.models import Bureau, Membership
from buurtbaan.bureaus.postcode_ranges import parse_postcode_ranges
from buurtbaan.demo import sandra as sandra_demo
from buurtbaan.demo import stories
from buurtbaan.impact import demo as impact_demo
from buurtbaan.matching import demo as matching_demo
from buurtbaan.organisations.models import Organisation, OrganisationKind, ScaleLevel
from buurtbaan.pool import demo as pool_demo
from buurtbaan.quotes import demo as quotes_demo
from buurtbaan.residents import demo as residents_demo
from buurtbaan.residents.models import Resident
from buurtbaan.work import demo as work_demo

User = get_user_model()

GENERATED_RESIDENTS = {"spijkerkwartier": 320, "klarendal": 40}
GENERATED_ORGANISATIONS = {"spijkerkwartier": 30, "klarendal": 6}
# Residents who live just outside the bureau's area: allowed, and flagged in the talent bank.
NEARBY_AREAS = ["6822", "6824", "6826"]
# A fixed reference date keeps the generated birth dates the same whatever day the demo runs.
REFERENCE_DATE = datetime.date(2026, 1, 1)
POSTCODE_LETTERS = [
    a + b
    for a in string.ascii_uppercase
    for b in string.ascii_uppercase
    if a + b not in ("SA", "SD", "SS")
]


def email(local_part: str) -> str:
    return f"{local_part}@{stories.EMAIL_DOMAIN}"


def _bureau(spec: dict) -> Bureau:
    existing = Bureau.objects.filter(slug=spec["slug"]).first()
    if existing:
        return existing
    fields = {key: value for key, value in spec.items() if key != "postcodes"}
    return create_bureau(
        actor=None, postcode_ranges=parse_postcode_ranges(spec["postcodes"]), **fields
    )


def _organisations(bureau: Bureau, rows) -> dict[str, Organisation]:
    existing = {org.name: org for org in Organisation.objects.filter(bureau=bureau)}
    missing = [
        Organisation(
            bureau=bureau,
            name=name,
            kind=kind,
            scale_level=level,
            postcode=postcode,
            description=description,
        )
        for name, kind, level, postcode, description in rows
        if name not in existing
    ]
    Organisation.objects.bulk_create(missing)
    return {org.name: org for org in Organisation.objects.filter(bureau=bureau)}


def _generated_organisations(fake: Faker, area: str, count: int):
    kinds = [
        (OrganisationKind.BUSINESS, ScaleLevel.COMMERCIAL_BUSINESS),
        (OrganisationKind.BUSINESS, ScaleLevel.COMMERCIAL_BUSINESS),
        (OrganisationKind.SOCIAL_ENTERPRISE, ScaleLevel.SOCIAL_ENTERPRISE),
        (OrganisationKind.WELFARE, ScaleLevel.SOCIAL_ENTERPRISE),
        (OrganisationKind.OTHER, ScaleLevel.PERSONAL_RELATION),
    ]
    rows, names = [], set()
    while len(rows) < count:
        name = fake.company()
        if name in names:
            continue
        names.add(name)
        kind, level = fake.random_element(kinds)
        rows.append((name, kind, level, _postcode(fake, area), fake.catch_phrase()))
    return rows


def _postcode(fake: Faker, area: str) -> str:
    return f"{area}{fake.random_element(POSTCODE_LETTERS)}"


def _generated_residents(fake: Faker, bureau: Bureau, area: str, count: int) -> list[Resident]:
    residents = []
    for number in range(1, count + 1):
        first, last = fake.first_name(), fake.last_name()
        lives_nearby = fake.random_int(1, 100) <= 5
        postcode = _postcode(fake, fake.random_element(NEARBY_AREAS) if lives_nearby else area)
        age = fake.random_int(18, 80)
        born = REFERENCE_DATE - datetime.timedelta(days=age * 365 + fake.random_int(0, 364))
        residents.append(
            Resident(
                bureau=bureau,
                first_name=first,
                last_name=last,
                email=email(f"{bureau.slug}.bewoner{number:04d}"),
                # Mobile numbers (06-1...) are valid: fake.phone_number() makes invalid ones too.
                phone=fake.numerify("+3161#######"),
                street=fake.street_address(),
                postcode=postcode,
                city="Arnhem",
                date_of_birth=born,
            )
        )
    return residents


def _add_missing_residents(bureau: Bureau, residents: list[Resident]) -> None:
    known = set(
        Resident.objects.filter(bureau=bureau).values_list("first_name", "last_name", "email")
    )
    Resident.objects.bulk_create(
        r for r in residents if (r.first_name, r.last_name, r.email) not in known
    )


def _account(local_part, first, last, bureau, role, organisation) -> None:
    user = User.objects.filter(email=email(local_part)).first()
    if user and Membership.objects.filter(user=user, bureau=bureau).exists():
        return
    add_member(
        actor=None,
        bureau=bureau,
        email=email(local_part),
        role=role,
        first_name=first,
        last_name=last,
        organisation=organisation,
        password=stories.DEMO_PASSWORD,
        send_invitation=False,
    )


@transaction.atomic
def load_demo() -> list[tuple[str, str, str]]:
    """Create whatever of the demo is missing; return (e-mail, role, bureau) per demo account."""
    bureaus = {spec["slug"]: _bureau(spec) for spec in (stories.MAIN_BUREAU, stories.SECOND_BUREAU)}
    main = bureaus["spijkerkwartier"]
    organisations = _organisations(main, stories.STORY_ORGANISATIONS)

    for slug, bureau in bureaus.items():
        # One Faker per bureau, seeded by its slug: the same rows on every run and every machine.
        fake = Faker("nl_NL")
        fake.seed_instance(f"buurtbaan-demo-{slug}")
        area = bureau.postcode_ranges.first().start[:4]
        _organisations(bureau, _generated_organisations(fake, area, GENERATED_ORGANISATIONS[slug]))
        _add_missing_residents(
            bureau, _generated_residents(fake, bureau, area, GENERATED_RESIDENTS[slug])
        )

    _add_missing_residents(
        main,
        [
            Resident(
                bureau=main,
                first_name=first,
                last_name=last,
                email=email(local) if local else "",
                postcode=postcode,
                street=street,
                city="Arnhem",
                date_of_birth=born,
            )
            for first, last, local, postcode, street, born in stories.STORY_RESIDENTS
        ],
    )

    accounts = []
    for local, first, last, slug, role, organisation_name in stories.DEMO_ACCOUNTS:
        organisation = organisations[organisation_name] if organisation_name else None
        _account(local, first, last, bureaus[slug], role, organisation)
        accounts.append((email(local), str(role.label), bureaus[slug].name))

    admin_local, admin_first, admin_last = stories.PLATFORM_ADMIN
    if not User.objects.filter(email=email(admin_local)).exists():
        User.objects.create_superuser(
            email=email(admin_local),
            password=stories.DEMO_PASSWORD,
            first_name=admin_first,
            last_name=admin_last,
        )
    accounts.append((email(admin_local), _("platform administrator"), "—"))

    sandra = Resident.objects.get(bureau=main, email=email("sandra"))
    if sandra.user_id is None:
        sandra.user = User.objects.get(email=email("sandra"))
        sandra.save(update_fields=["user"])
    residents_demo.load_demo_data(bureaus)
    work_demo.load_demo_data(bureaus)
    quotes_demo.load_demo_data(bureaus)
    impact_demo.load_demo_data(bureaus)
    board_demo.load_demo_data(bureaus)
    matching_demo.load_demo_data(bureaus)
    # Last: it also builds the talent bank's search index from everything loaded before.
    pool_demo.load_demo_data(bureaus)
    # After every app's part: puts Sandra's story in a sensible time order.
    sandra_demo.date_sandras_story(main)
    return accounts
