"""factory_boy factories. Free-text fields carry `<script>` so every page that shows them also
tests escaping (meinBerlin's habit). All data is fictional."""

import datetime
from decimal import Decimal

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


# --- The bulletin board and Buurtmaatjes (board app) ---------------------------------------------


class BoardItemFactory(factory.django.DjangoModelFactory):
    """A published item on the board. Its piece's title and description name the asker, as real
    ones may: the board must never show them."""

    class Meta:
        model = "board.BoardItem"

    bureau = factory.SubFactory(BureauFactory)
    piece = factory.SubFactory(
        PieceOfWorkFactory,
        bureau=factory.SelfAttribute("..bureau"),
        title=factory.Sequence(lambda n: f"Hond van Geheimnaam{n} uitlaten {SCRIPT}"),
        description=f"Geheimstraat 12, bel 06-11112222 {SCRIPT}",
    )
    title = factory.Sequence(lambda n: f"Hond uitlaten {n} {SCRIPT}")
    summary = f"Drie keer per week een rondje {SCRIPT}"
    kind = "buurtklus"
    area = "6828"
    status = "published"
    published_at = factory.LazyFunction(timezone.now)


class BoardResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "board.Response"

    item = factory.SubFactory(BoardItemFactory)
    bureau = factory.SelfAttribute("item.bureau")
    name = factory.Sequence(lambda n: f"Reageerder{n} {SCRIPT}")
    email = factory.Sequence(lambda n: f"reageerder{n}@buurtbaan.example")
    message = f"Ik wil graag helpen {SCRIPT}"


class HelpRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "board.HelpRequest"

    bureau = factory.SubFactory(BureauFactory)
    organisation = factory.SubFactory(
        OrganisationFactory,
        bureau=factory.SelfAttribute("..bureau"),
        kind=OrganisationKind.WELFARE,
        scale_level=ScaleLevel.SOCIAL_ENTERPRISE,
    )
    help_kind = "company"
    description = f"Wekelijks een kop koffie en een wandeling {SCRIPT}"
    person_description = f"Een vrouw van 82 die alleen woont {SCRIPT}"
    postcode = "6828AB"
    when = f"Dinsdagmiddag {SCRIPT}"
    has_consent = True


# --- Imports (imports app) -----------------------------------------------------------------------

IMPORT_CSV = (
    f"Voornaam;Achternaam;Geboortedatum;Postcode\nSandra;Importeer {SCRIPT};14-03-1985;6828 AB\n"
).encode()


class ImportRunFactory(factory.django.DjangoModelFactory):
    """An uploaded CSV file of one resident, its columns suggested, not yet checked."""

    class Meta:
        model = "imports.ImportRun"

    bureau = factory.SubFactory(BureauFactory)
    target = "residents"
    file_name = f"bewoners {SCRIPT}.csv"
    file_kind = "csv"
    content = IMPORT_CSV
    headers = ["Voornaam", "Achternaam", "Geboortedatum", "Postcode"]
    mapping = {"first_name": 0, "last_name": 1, "date_of_birth": 2, "postcode": 3}
    total_rows = 1


# --- Quotes and impact assignments (quotes and impact apps) --------------------------------------


class QuoteFactory(factory.django.DjangoModelFactory):
    """A draft quote for a resident; numbers come from a sequence (the action assigns them for
    real). Pass `status=...` and the matching dates for a quote further along."""

    class Meta:
        model = "quotes.Quote"

    bureau = factory.SubFactory(BureauFactory)
    year = 2026
    # The next free number of the bureau's year, so a quote can join existing ones (the demo).
    sequence = factory.LazyAttribute(
        lambda o: (
            1
            + max(o.bureau.quotes.filter(year=o.year).values_list("sequence", flat=True), default=0)
        )
    )
    number = factory.LazyAttribute(lambda o: f"{o.year}-{o.sequence:03d}")
    client_resident = factory.SubFactory(ResidentFactory, bureau=factory.SelfAttribute("..bureau"))
    title = factory.Sequence(lambda n: f"Zolder opruimen {n} {SCRIPT}")
    description = f"Wat we doen {SCRIPT}"
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class QuoteLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quotes.QuoteLine"

    quote = factory.SubFactory(QuoteFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = "labour"
    description = factory.Sequence(lambda n: f"Regel {n} {SCRIPT}")
    quantity = Decimal("12")
    unit_price = Decimal("15.00")
    payee = "residents"
    bureau_share_percent = Decimal("15.00")


class ImpactAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "impact.ImpactAssignment"

    bureau = factory.SubFactory(BureauFactory)
    client = factory.SubFactory(
        OrganisationFactory, bureau=factory.SelfAttribute("..bureau"), kind="municipality"
    )
    title = factory.Sequence(lambda n: f"Impactopdracht {n} {SCRIPT}")
    description = f"Tien mensen aan het werk {SCRIPT}"
    budget = Decimal("20000.00")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=200))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=165))
    status = "running"


class ImpactTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "impact.ImpactTarget"

    assignment = factory.SubFactory(ImpactAssignmentFactory)
    measure = "paid_work"
    target_number = 10
    description = f"Tien bijstandsgerechtigden aan betaald werk {SCRIPT}"


class ImpactParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "impact.ImpactParticipant"

    assignment = factory.SubFactory(ImpactAssignmentFactory)
    resident = factory.SubFactory(
        ResidentFactory, bureau=factory.SelfAttribute("..assignment.bureau")
    )
    joined_on = factory.SelfAttribute("assignment.starts_on")


# --- Self-service: public profiles and erasure requests (residents app) --------------------------


class PublicProfileFactory(factory.django.DjangoModelFactory):
    """A profile that is switched on. It is only public while its resident has an active
    public-profile consent (give one with `ConsentFactory(scope="public_profile")`)."""

    class Meta:
        model = "residents.PublicProfile"

    resident = factory.SubFactory(ResidentFactory)
    is_enabled = True
    display_name = factory.Sequence(lambda n: f"Buurtgenoot{n} {SCRIPT}")
    what_i_do = f"Ik repareer fietsen {SCRIPT}"
    what_i_offer = f"Kleine reparaties {SCRIPT}"
    about = f"Woon al twintig jaar in de wijk {SCRIPT}"
    picture = "park"


class ErasureRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "residents.ErasureRequest"

    resident = factory.SubFactory(ResidentFactory)
    bureau = factory.SelfAttribute("resident.bureau")


class AccessRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "residents.AccessRequest"

    resident = factory.SubFactory(ResidentFactory)
    bureau = factory.SelfAttribute("resident.bureau")


#: The password of `sign_up`'s registrations.
SIGN_UP_PASSWORD = "Wandelen-in-de-wijk-7"


def sign_up(bureau, **fields):
    """A self-registration through `residents.actions.register_self`, as the public sign-up form
    makes it (unconfirmed until the e-mailed link is followed); `fields` override Yasmina's
    defaults. Returns what the action returns: (outcome, resident)."""
    from buurtbaan.residents import actions

    data = {
        "first_name": "Yasmina",
        "last_name": "Ouali",
        "email": "yasmina@buurtbaan.example",
        "password": SIGN_UP_PASSWORD,
        "date_of_birth": datetime.date(1990, 3, 14),
        "postcode": "6828AB",
        **fields,
    }
    return actions.register_self(bureau=bureau, **data)


def resident_with_account(bureau, **resident_fields):
    """A resident of `bureau` who can log in (password "geheim-wachtwoord-42") and has their own
    record linked: what a confirmed self-registration leaves behind."""
    account = {"user__email": resident_fields["email"]} if "email" in resident_fields else {}
    user = MembershipFactory(bureau=bureau, role=Role.RESIDENT, **account).user
    resident_fields.setdefault("email", user.email)
    return ResidentFactory(bureau=bureau, user=user, **resident_fields)


# --- Matching (matching app) ---------------------------------------------------------------------


class MatchFactory(factory.django.DjangoModelFactory):
    """A proposal of a resident for a piece of work of the same bureau, with one reason."""

    class Meta:
        model = "matching.Match"

    bureau = factory.SubFactory(BureauFactory)
    resident = factory.SubFactory(ResidentFactory, bureau=factory.SelfAttribute("..bureau"))
    piece = factory.SubFactory(PieceOfWorkFactory, bureau=factory.SelfAttribute("..bureau"))
    status = "proposed"
    score = 0.62
    reasons = factory.LazyFunction(
        lambda: [{"code": "shared_talents", "params": {"words": [f"koken {SCRIPT}"]}}]
    )
    support = factory.LazyFunction(lambda: [f"taalcoach {SCRIPT}"])
    proposal_note = f"Past goed {SCRIPT}"


class MatchingRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "matching.MatchingRound"

    bureau = factory.SubFactory(BureauFactory)


# --- The employer pool (pool app) ----------------------------------------------------------------


class IntroductionRequestFactory(factory.django.DjangoModelFactory):
    """A partner's open request to meet a resident (the resident is given pool consent)."""

    class Meta:
        model = "pool.IntroductionRequest"
        skip_postgeneration_save = True

    bureau = factory.SubFactory(BureauFactory)
    resident = factory.SubFactory(ResidentFactory, bureau=factory.SelfAttribute("..bureau"))
    organisation = factory.SubFactory(OrganisationFactory, bureau=factory.SelfAttribute("..bureau"))
    message = f"Wij zoeken een conciërge voor 24 uur {SCRIPT}"

    @factory.post_generation
    def in_pool(self, create, extracted, **kwargs):
        if create and extracted is not False:
            from buurtbaan.residents.models import Consent

            if not Consent.objects.filter(
                resident=self.resident, scope="partners", withdrawn_at__isnull=True
            ).exists():
                ConsentFactory(resident=self.resident, scope="partners")
