"""factory_boy factories. Free-text fields carry `<script>` so every page that shows them also
tests escaping (meinBerlin's habit). All data is fictional."""

import datetime

import factory
from django.contrib.auth import get_user_model

from buurtbaan.bureaus.models import Bureau, Membership, PostcodeRange, Role
from buurtbaan.organisations.models import Organisation, OrganisationKind, ScaleLevel
from buurtbaan.residents.models import Resident

SCRIPT = "<script>alert('x')</script>"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@buurtbaan.example")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.LazyAttribute(lambda o: f"{SCRIPT}Achternaam")
    password = factory.django.Password("geheim-wachtwoord-42")


class BureauFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bureau
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Bureau {n} {SCRIPT}")
    slug = factory.Sequence(lambda n: f"bureau-{n}")
    municipality = "Arnhem"
    description = f"Over ons {SCRIPT}"

    @factory.post_generation
    def postcodes(self, create, extracted, **kwargs):
        if create:
            for start, end in extracted or [("6828", "6828")]:
                PostcodeRange.objects.create(bureau=self, start=start, end=end)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    bureau = factory.SubFactory(BureauFactory)
    name = factory.Sequence(lambda n: f"Organisatie {n} {SCRIPT}")
    kind = OrganisationKind.BUSINESS
    scale_level = ScaleLevel.COMMERCIAL_BUSINESS
    postcode = "6828AB"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    bureau = factory.SubFactory(BureauFactory)
    role = Role.COACH
    organisation = factory.Maybe(
        factory.LazyAttribute(lambda o: o.role == Role.PARTNER),
        yes_declaration=factory.SubFactory(
            OrganisationFactory, bureau=factory.SelfAttribute("..bureau")
        ),
        no_declaration=None,
    )


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    bureau = factory.SubFactory(BureauFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = f"Bewoner {SCRIPT}"
    email = factory.Sequence(lambda n: f"bewoner{n}@buurtbaan.example")
    postcode = "6828AB"
    city = "Arnhem"
    date_of_birth = datetime.date(1980, 5, 1)
