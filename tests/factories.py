"""factory_boy factories. Free-text fields carry `<script>` so every page that shows them also
tests escaping (meinBerlin's habit). All data is fictional."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

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
    contact_person = f"Contactpersoon {SCRIPT}"
    offers = f"Wij bieden werkplekken {SCRIPT}"
    needs = f"Wij zoeken handen {SCRIPT}"


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


# --- The talent bank (residents app) -------------------------------------------------------------


class TalentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "residents.Talent"

    bureau = factory.SubFactory(BureauFactory)
    name = factory.Sequence(lambda n: f"talent{n} {SCRIPT}")
    description = f"Uitleg {SCRIPT}"


class DreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "residents.Dream"

    resident = factory.SubFactory(ResidentFactory)
    description = f"Iets in het theater {SCRIPT}"


class BarrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "residents.Barrier"

    resident = factory.SubFactory(ResidentFactory)
    level = "personal"
    description = f"Weinig zelfvertrouwen {SCRIPT}"
    support_needed = f"Coaching {SCRIPT}"


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "residents.Consent"

    resident = factory.SubFactory(ResidentFactory)
    scope = "coaches"
    given_at = factory.LazyFunction(timezone.now)


class IntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "residents.Intake"

    resident = factory.SubFactory(ResidentFactory)


class SensitiveNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "residents.SensitiveNote"

    resident = factory.SubFactory(ResidentFactory)
    category = "health"
    text = f"Geheime notitie {SCRIPT}"


# --- The work bank and personal networks (work and organisations apps) ---------------------------


class PersonalRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisations.PersonalRelation"

    resident = factory.SubFactory(ResidentFactory)
    bureau = factory.SelfAttribute("resident.bureau")
    name = factory.Sequence(lambda n: f"Buurvrouw {n} {SCRIPT}")
    kind = "neighbour"
    helps_with = f"boodschappen, hond uitlaten {SCRIPT}"


class PurposeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "work.Purpose"

    bureau = factory.SubFactory(BureauFactory)
    title = factory.Sequence(lambda n: f"Bedoeling {n} {SCRIPT}")
    description = f"Waarom {SCRIPT}"
    target = f"Doel {SCRIPT}"


class PieceOfWorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "work.PieceOfWork"

    bureau = factory.SubFactory(BureauFactory)
    title = factory.Sequence(lambda n: f"Klus {n} {SCRIPT}")
    description = f"Wat er moet gebeuren {SCRIPT}"
    kind = "buurtklus"
    hours_total = 10
    postcode = "6828AB"
    status = "open"


class SubsidiarityAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "work.SubsidiarityAnswer"

    piece = factory.SubFactory(PieceOfWorkFactory)
    question = 1
    answer = "no"
    note = f"Toelichting {SCRIPT}"


class HoursEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "work.HoursEntry"

    piece = factory.SubFactory(PieceOfWorkFactory)
    worked_on = factory.LazyFunction(timezone.localdate)
    hours = 2
