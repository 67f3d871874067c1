"""The talent bank (talentenbank): who lives in the neighbourhood, what they are good at, what they
dream of and what holds them back.

The model, for engineers building on it
---------------------------------------
- `Resident`: one wijkbewoner of one bureau. Contact and address (postcode stored normalised as
  "6828AB"; `is_outside_area` is set by the actions whenever the postcode or the bureau's area
  changes, so lists can show and filter it without a query per row), date of birth (18 or older,
  enforced in `actions.register_resident` and the forms), languages/skills/own talent words as
  comma-separated text (use `language_list()`, `skill_list()`, `own_talent_word_list()`), work
  experience and education as free text, `talents` (M2M to the bureau's `Talent` vocabulary),
  preferences (`wants` paid/volunteer/both, `hours_per_week`, `available_days` as a JSON list of
  `Weekday` values, `travel`), `income_situation` (see the warning on `IncomeSituation`),
  `intake_source`, the assigned `coach` (a coach or coordinator of the bureau), the trajectory
  `stage`, and `is_anonymised`/`anonymised_at` for erasure.
- `Talent`: a bureau's vocabulary of talent verbs (verbinden, organiseren, ...). Every new bureau
  gets `STANDARD_TALENTS` (see `signals.py`); coordinators add their own. Names are data in the
  bureau's own language, not UI strings.
- `Dream`: a dream job in the resident's own words; a resident may have several (ordered by
  `position`). Matching and search read `resident.dreams.all()`.
- `Barrier`: something that holds the resident back, on one of three `BarrierLevel`s, with the
  support needed, resolved or not.
- `Consent`: one row per time the resident agreed to share with a `ConsentScope`; withdrawal sets
  `withdrawn_at` (history is kept). At most one active row per resident and scope. Use
  `resident.has_consent(ConsentScope.X)` (works on prefetched `consents`) or
  `Resident.objects.with_consent(ConsentScope.X)` in queries.
- `Intake`: the guided intake conversation, saved per step (`step_reached` is where it resumes,
  `answers` holds the coach's notes per step, keyed by `IntakeStep` slug) and ended with a
  `decision`. At most one open intake per resident.
- `SensitiveNote`: health, debts, referrals to specialist care. Readable only by the assigned coach
  and coordinators; read them **only** through `actions.read_sensitive_notes`, which writes an
  audit entry for every read. Never show them, count them or link to them elsewhere; the one
  exception is the resident's story (`residents/story.py`), which tells who may read them when
  a note was written and by whom, never what it says, and links to their page.
- `PublicProfile`: the resident's opt-in page on the bureau's public site ("bewoners in beeld"):
  a display name, what they do and offer, optionally their talents, and a picture that is either
  their own photo (re-encoded without metadata) or one of the bureau's neighbourhood drawings.
  Shown only while `is_enabled` **and** the resident has an active `ConsentScope.PUBLIC_PROFILE`
  consent **and** the record is not anonymised — read it only through
  `queries.public_profiles(bureau)`, which applies all three.
- `ErasureRequest`: a resident asked for erasure (AVG art. 17); a coordinator confirms it (the
  record is anonymised by `actions.confirm_erasure`) or declines it with a reason the resident
  sees. At most one pending request per resident.
- `AccessRequest`: a formal request to see everything (AVG art. 15), filed by the resident or
  registered by a coordinator (letter, e-mail, desk), due a month after it was received; released
  (see `access.py`: everything, the sensitive notes included) or declined with a reason.

What the resident sees of their own record (self-service, `views/mydata.py`)
--------------------------------------------------------------------------
Everything on the record, its talents, dreams, barriers (with the support needed), consents with
their history, intakes (dates, who conducted them, the decision with its explanation and referral,
and the notes per step: the intake notes are shared with all the bureau's coaches, so they are part
of the resident's file, and the form tells coaches the resident can read them), the public profile,
erasure requests, and the audit entries about them. **Coach-only** are the `SensitiveNote`s: never
shown, exported or counted to the resident on their own pages, nor the audit entries about reading
them; the pages say that such notes exist and that an access request gives them. A released
`AccessRequest` does give them, with those audit entries (`access.py`).

Erasure (`erasure.py`): the row stays, so counts of residents, stages, talents, outcomes and work
stay right; the personal data goes (see `erasure.anonymise_resident` for the exact list). The date
of birth keeps only the year (stored as 1 July of that year, so ages in aggregates are off by at most
half a year) and the postcode only its PC4 (area statistics).

Choices have English values and translatable labels; Dutch words users see come from the catalogue.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtbaan.core.phones import PhoneNumberField

#: Everyone from 18 is welcome (DOMAIN.md); younger people are refused with a clear message.
MINIMUM_AGE = 18

#: The talent verbs every bureau starts with (from the Netwerkboek and the talent training). These
#: are data in the bureau's language: a coordinator can rename or retire them, and add more.
STANDARD_TALENTS = [
    "verbinden",
    "organiseren",
    "repareren",
    "koken",
    "inspireren",
    "structureren",
    "observeren",
    "onderzoeken",
    "doorzetten",
    "zorgen",
    "creëren",
    "uitleggen",
    "bouwen",
    "gidsen",
]


def split_words(text: str) -> list[str]:
    """Split comma-, semicolon- or line-separated text into clean, non-empty items."""
    normalised = (text or "").replace(";", ",").replace("\n", ",")
    return [item.strip() for item in normalised.split(",") if item.strip()]


class Stage(models.TextChoices):
    """Where a resident stands. Later issues add real trajectories; this is the coarse state."""

    REGISTERED = "registered", _("registered")
    INTAKE = "intake", _("intake in progress")
    ACTIVE = "active", _("in a trajectory")
    PLACED = "placed", _("has work")
    NOT_NOW = "not_now", _("not now")
    REFERRED = "referred", _("referred elsewhere")


class WorkWanted(models.TextChoices):
    PAID = "paid", _("paid work")
    VOLUNTEER = "volunteer", _("volunteer work")
    BOTH = "both", _("paid or volunteer work")


class TravelRange(models.TextChoices):
    """How far a resident will travel for work. The matching engine calls these
    "wijk", "fiets" and "overal"."""

    NEIGHBOURHOOD = "neighbourhood", _("in the neighbourhood")
    CYCLING = "cycling", _("within cycling distance")
    ANYWHERE = "anywhere", _("anywhere")


class Weekday(models.TextChoices):
    MONDAY = "mon", _("Monday")
    TUESDAY = "tue", _("Tuesday")
    WEDNESDAY = "wed", _("Wednesday")
    THURSDAY = "thu", _("Thursday")
    FRIDAY = "fri", _("Friday")
    SATURDAY = "sat", _("Saturday")
    SUNDAY = "sun", _("Sunday")


class IncomeSituation(models.TextChoices):
    """Optional, and deliberately narrow in use.

    A bureau makes no distinction by benefit: everyone is welcome and treated alike. The income
    situation is recorded **only** to flag a possible system barrier (the rules on working while
    on benefits, see `Resident.has_benefit_rules_flag`). It must never be used to filter, sort,
    rank or match residents, nor be shown outside the resident's own record.
    """

    NO_BENEFIT = "none", _("no benefit")
    PARTICIPATION_ACT = "participation_act", _("social assistance (Participatiewet)")
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit", _("unemployment benefit (WW)")
    OTHER_BENEFIT = "other_benefit", _("another benefit")


BENEFITS = frozenset(
    {
        IncomeSituation.PARTICIPATION_ACT,
        IncomeSituation.UNEMPLOYMENT_BENEFIT,
        IncomeSituation.OTHER_BENEFIT,
    }
)


class IntakeSource(models.TextChoices):
    WALK_IN = "walk_in", _("walked in")
    WORK_AND_INCOME = "work_and_income", _("referred by Werk & Inkomen")
    SOCIAL_DISTRICT_TEAM = "social_district_team", _("referred by the Sociaal Wijkteam")
    WEBSITE = "website", _("through the website")
    INFORMATION_MEETING = "information_meeting", _("at an information meeting")
    OTHER = "other", _("other")


class ResidentQuerySet(models.QuerySet):
    def current(self):
        """Residents whose data has not been erased."""
        return self.filter(is_anonymised=False)

    def with_consent(self, scope: ConsentScope):
        """Residents with an active consent for `scope` (one subquery, any number of rows)."""
        active = Consent.objects.filter(
            resident=OuterRef("pk"), scope=scope, withdrawn_at__isnull=True
        )
        return self.filter(Exists(active))


class Resident(models.Model):
    """A wijkbewoner in a bureau's talent bank.

    Personal data: reach it only through `buurtbaan.residents.permissions` so that every read of
    sensitive parts is audited and other bureaus never see it. Write through
    `buurtbaan.residents.actions` so that changes are audited and derived flags stay right.
    """

    bureau = models.ForeignKey("bureaus.Bureau", on_delete=models.PROTECT, related_name="residents")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resident",
        help_text=_("The resident's own account, if they have one."),
    )
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=120)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    street = models.CharField(_("street and house number"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7)
    city = models.CharField(_("town"), max_length=80, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    # Derived from the bureau's postcode ranges by the actions; living outside is allowed.
    is_outside_area = models.BooleanField(_("lives outside the bureau's area"), default=False)

    # Background and talents.
    languages = models.CharField(
        _("languages"),
        max_length=300,
        blank=True,
        help_text=_("Separate with commas, e.g. Dutch, Arabic, English."),
    )
    work_experience = models.TextField(_("work experience"), blank=True)
    education = models.TextField(_("education"), blank=True)
    talents = models.ManyToManyField(
        "Talent", verbose_name=_("talents"), blank=True, related_name="residents"
    )
    own_talent_words = models.CharField(
        _("talents in their own words"),
        max_length=300,
        blank=True,
        help_text=_("Separate with commas, e.g. telling stories, making people laugh."),
    )
    skills = models.TextField(
        _("skills"),
        blank=True,
        help_text=_("Separate with commas, e.g. driving licence B, cash register, first aid."),
    )

    # Preferences.
    wants = models.CharField(
        _("looking for"), max_length=20, choices=WorkWanted.choices, default=WorkWanted.BOTH
    )
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    available_days = models.JSONField(
        _("available days"), default=list, blank=True, help_text=_("Weekday values, e.g. mon.")
    )
    travel = models.CharField(
        _("how far they will travel"),
        max_length=20,
        choices=TravelRange.choices,
        default=TravelRange.ANYWHERE,
    )

    # See IncomeSituation: only ever used to flag a system barrier.
    income_situation = models.CharField(
        _("income situation"), max_length=30, choices=IncomeSituation.choices, blank=True
    )
    intake_source = models.CharField(
        _("how they came in"), max_length=30, choices=IntakeSource.choices, blank=True
    )
    intake_source_detail = models.CharField(
        _("referred by or found through"), max_length=150, blank=True
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coached_residents",
        help_text=_("A coach or coordinator of the bureau."),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.REGISTERED
    )
    # A coach who knows the resident may mark them ready to be proposed before an intake is
    # completed (see `matching.eligibility`).
    is_ready_to_propose = models.BooleanField(_("ready to be proposed"), default=False)

    # Erasure (AVG): the record stays for the figures, the personal data goes.
    is_anonymised = models.BooleanField(_("anonymised"), default=False)
    anonymised_at = models.DateTimeField(_("anonymised on"), null=True, blank=True)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["bureau", "postcode"]),
            models.Index(fields=["bureau", "stage"]),
        ]

    def __str__(self):
        if self.is_anonymised:
            return str(_("anonymised resident"))
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: datetime.date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def language_list(self) -> list[str]:
        return split_words(self.languages)

    def skill_list(self) -> list[str]:
        return split_words(self.skills)

    def own_talent_word_list(self) -> list[str]:
        return split_words(self.own_talent_words)

    def available_day_labels(self) -> list[str]:
        days = set(self.available_days or [])
        return [label for value, label in Weekday.choices if value in days]

    @property
    def has_benefit_rules_flag(self) -> bool:
        """A system barrier to watch: working while on a benefit has rules on earning extra.

        The only permitted use of `income_situation` (see `IncomeSituation`)."""
        return self.income_situation in BENEFITS

    def has_consent(self, scope: ConsentScope) -> bool:
        """Whether the resident currently agrees to share with `scope`.

        Uses prefetched `consents` when present (prefetch them on list pages)."""
        return any(
            consent.scope == scope and consent.withdrawn_at is None
            for consent in self.consents.all()
        )


class Talent(models.Model):
    """A talent verb in a bureau's vocabulary ("verbinden"), extendable by the coordinator."""

    bureau = models.ForeignKey("bureaus.Bureau", on_delete=models.CASCADE, related_name="talents")
    name = models.CharField(_("talent"), max_length=60, help_text=_("A verb, e.g. connecting."))
    description = models.CharField(_("what it means"), max_length=200, blank=True)
    is_standard = models.BooleanField(_("standard talent"), default=False)
    is_active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Talents no longer in use stay on residents who have them."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("talent")
        verbose_name_plural = _("talents")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "name"], name="unique_talent_per_bureau"),
        ]

    def __str__(self):
        return self.name


class Dream(models.Model):
    """A dream job (droombaan) in the resident's own words."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="dreams")
    description = models.CharField(_("dream"), max_length=300)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("dream")
        verbose_name_plural = _("dreams")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.description


class BarrierLevel(models.TextChoices):
    """The three levels at which a bureau removes barriers (DOMAIN.md)."""

    PERSONAL = "personal", _("personal")
    LIVING_ENVIRONMENT = "living_environment", _("living environment")
    SYSTEM = "system", _("system")


class Barrier(models.Model):
    """Something that holds a resident back, and the support that would help."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="barriers")
    level = models.CharField(_("level"), max_length=20, choices=BarrierLevel.choices)
    description = models.TextField(_("what holds them back"))
    support_needed = models.TextField(_("support needed"), blank=True)
    is_resolved = models.BooleanField(_("resolved"), default=False)
    resolved_at = models.DateTimeField(_("resolved on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("barrier")
        verbose_name_plural = _("barriers")
        ordering = ["is_resolved", "level", "pk"]

    def __str__(self):
        return f"{self.get_level_display()}: {self.description[:40]}"


class ConsentScope(models.TextChoices):
    """With whom a resident agrees to share their profile (AVG).

    COACHES: coaches and trainers of the bureau other than the assigned coach (without it, only
    the assigned coach and coordinators see the full profile). PARTNERS: partner organisations,
    through the employer pool. PUBLIC_PROFILE: a profile on the bureau's public pages. MATCHING:
    being proposed for work.
    """

    COACHES = "coaches", _("the bureau's other coaches and trainers")
    PARTNERS = "partners", _("partner organisations (employer pool)")
    PUBLIC_PROFILE = "public_profile", _("a public profile on the bureau's website")
    MATCHING = "matching", _("being proposed for work")


class Consent(models.Model):
    """That a resident agreed to share with a scope, and when (and if) they withdrew it."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="consents")
    scope = models.CharField(_("shared with"), max_length=20, choices=ConsentScope.choices)
    given_at = models.DateTimeField(_("given on"))
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(
        _("how it was given"),
        max_length=200,
        blank=True,
        help_text=_("For example: signed form at intake, by e-mail."),
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "scope"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_scope",
            ),
        ]

    def __str__(self):
        return self.get_scope_display()

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class IntakeStep(models.IntegerChoices):
    PERSONAL = 1, _("Personal details and contact")
    TALENTS = 2, _("Talents and dreams")
    WORK = 3, _("Work and preferences")
    BARRIERS = 4, _("Barriers and support")
    CONSENT = 5, _("Consent")
    DECISION = 6, _("Decision")


INTAKE_STEP_KEYS = {
    IntakeStep.PERSONAL: "personal",
    IntakeStep.TALENTS: "talents",
    IntakeStep.WORK: "work",
    IntakeStep.BARRIERS: "barriers",
    IntakeStep.CONSENT: "consent",
    IntakeStep.DECISION: "decision",
}


class IntakeDecision(models.TextChoices):
    START_TRAJECTORY = "start_trajectory", _("start a trajectory")
    REFER = "refer", _("refer elsewhere")
    NOT_NOW = "not_now", _("not now")


class Intake(models.Model):
    """The intake conversation, saved step by step so it can be paused and resumed."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="intakes")
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("conducted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    step_reached = models.PositiveSmallIntegerField(
        _("step reached"), choices=IntakeStep.choices, default=IntakeStep.PERSONAL
    )
    # {"personal": {"notes": "...", "saved_at": "2026-01-05T10:00:00+01:00"}, ...}
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    decision = models.CharField(
        _("decision"), max_length=20, choices=IntakeDecision.choices, blank=True
    )
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    decision_note = models.TextField(_("explanation of the decision"), blank=True)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident"],
                condition=models.Q(completed_at__isnull=True),
                name="one_open_intake_per_resident",
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None

    def notes_for(self, step: int) -> str:
        return (self.answers or {}).get(INTAKE_STEP_KEYS[IntakeStep(step)], {}).get("notes", "")

    def is_step_saved(self, step: int) -> bool:
        return INTAKE_STEP_KEYS[IntakeStep(step)] in (self.answers or {})


class SensitiveCategory(models.TextChoices):
    HEALTH = "health", _("health")
    DEBTS = "debts", _("debts")
    SPECIALIST_REFERRAL = "specialist_referral", _("referral to specialist care")
    OTHER = "other", _("other")


class SensitiveNote(models.Model):
    """A note only the assigned coach and coordinators may read; every read is audited.

    Read only through `buurtbaan.residents.actions.read_sensitive_notes`.
    """

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="sensitive_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.CharField(_("about"), max_length=30, choices=SensitiveCategory.choices)
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("sensitive note")
        verbose_name_plural = _("sensitive notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"


# --- Self-service: public profiles and erasure ---------------------------------------------------


class ProfilePicture(models.TextChoices):
    """What a public profile shows as its picture: nothing, the resident's own photo, or one of
    the neighbourhood drawings shipped in `residents/static/residents/neighbourhood/` (people feel
    vulnerable with a photo online; a picture of their neighbourhood can stand in)."""

    NONE = "", _("no picture")
    PHOTO = "photo", _("my own photo")
    STREET = "street", _("houses in the street")
    PARK = "park", _("the park")
    MARKET = "market", _("the market")
    BIKES = "bikes", _("bicycles by the canal")
    COMMUNITY_CENTRE = "community_centre", _("the community centre")


#: The neighbourhood drawings, by `ProfilePicture` value: (static file, description for the alt text).
NEIGHBOURHOOD_PICTURES = {
    ProfilePicture.STREET: (
        "residents/neighbourhood/street.svg",
        _("A drawing of a row of houses in the street"),
    ),
    ProfilePicture.PARK: ("residents/neighbourhood/park.svg", _("A drawing of trees in the park")),
    ProfilePicture.MARKET: (
        "residents/neighbourhood/market.svg",
        _("A drawing of market stalls with awnings"),
    ),
    ProfilePicture.BIKES: (
        "residents/neighbourhood/bikes.svg",
        _("A drawing of two bicycles by the canal"),
    ),
    ProfilePicture.COMMUNITY_CENTRE: (
        "residents/neighbourhood/community_centre.svg",
        _("A drawing of the community centre"),
    ),
}


def profile_photo_path(instance, filename: str) -> str:
    """A random file name: the stored name says nothing about the person."""
    import uuid

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"residents/profiles/{uuid.uuid4().hex}.{extension}"


class PublicProfile(models.Model):
    """A resident's opt-in public profile; see the module docstring for when it is shown."""

    resident = models.OneToOneField(
        Resident, on_delete=models.CASCADE, related_name="public_profile"
    )
    is_enabled = models.BooleanField(_("show my profile on the bureau's website"), default=False)
    display_name = models.CharField(
        _("name on the profile"),
        max_length=60,
        help_text=_("For example only your first name, or a nickname."),
    )
    what_i_do = models.CharField(
        _("what I do"),
        max_length=150,
        blank=True,
        help_text=_("For example: I repair bicycles and teach others how to."),
    )
    what_i_offer = models.TextField(
        _("what I offer the neighbourhood"),
        max_length=500,
        blank=True,
        help_text=_("For example: small repairs, a cooking workshop, company for a walk."),
    )
    about = models.TextField(
        _("a few words about me"),
        max_length=600,
        blank=True,
        help_text=_("Write only what you want everyone to read: no address or health details."),
    )
    show_talents = models.BooleanField(_("show my talents"), default=True)
    picture = models.CharField(
        _("picture"), max_length=20, choices=ProfilePicture.choices, blank=True
    )
    photo = models.ImageField(_("photo"), upload_to=profile_photo_path, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("public profile")
        verbose_name_plural = _("public profiles")
        ordering = ["display_name", "pk"]

    def __str__(self):
        return self.display_name

    @property
    def neighbourhood_picture(self) -> tuple[str, str] | None:
        """(static path, alt text) of the chosen neighbourhood drawing, or None."""
        return NEIGHBOURHOOD_PICTURES.get(self.picture)

    @property
    def has_photo(self) -> bool:
        return self.picture == ProfilePicture.PHOTO and bool(self.photo)


class ErasureStatus(models.TextChoices):
    PENDING = "pending", _("waiting for the coordinator")
    CONFIRMED = "confirmed", _("carried out")
    DECLINED = "declined", _("declined")


class ErasureRequest(models.Model):
    """A resident's request to erase their data, and the coordinator's decision on it."""

    bureau = models.ForeignKey(
        "bureaus.Bureau", on_delete=models.CASCADE, related_name="erasure_requests"
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="erasure_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested on"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=ErasureStatus.choices, default=ErasureStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decline_reason = models.TextField(
        _("why the data cannot be erased (yet)"),
        blank=True,
        help_text=_(
            "The resident reads this. For example: a legal duty to keep invoices for seven years."
        ),
    )

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident"],
                condition=models.Q(status="pending"),
                name="one_pending_erasure_request_per_resident",
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    @property
    def is_pending(self) -> bool:
        return self.status == ErasureStatus.PENDING


# --- Self-service: the right of access (AVG art. 15) ---------------------------------------------


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or that month's last day when it has no such day (31 January
    + 1 → 28 or 29 February): how the terms of AVG art. 12(3) are counted."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def one_month_after(day: datetime.date) -> datetime.date:
    return months_after(day, 1)


class AccessChannel(models.TextChoices):
    OWN_PAGES = "own_pages", _("on their own pages")
    LETTER = "letter", _("by letter")
    DESK = "desk", _("at the desk")
    EMAIL = "email", _("by e-mail")


class AccessStatus(models.TextChoices):
    PENDING = "pending", _("waiting for the coordinator")
    RELEASED = "released", _("released")
    DECLINED = "declined", _("declined")


class AccessRequest(models.Model):
    """A formal request of a resident to see everything the bureau keeps about them (an
    inzageverzoek, AVG art. 15), and the coordinator's decision on it.

    Filed by the resident on their own pages, or registered by a coordinator when it came by
    letter, e-mail or at the desk. The bureau must answer within a month of receiving it (art.
    12(3)): `due_on`, or three months when a coordinator extends the term in time with a reason
    (`extension_reason`, which the resident reads). A released request lets the resident download,
    for `DOWNLOAD_DAYS`, their whole file *including* the coach-only sensitive notes and the audit
    entries about them, as they stood when the coordinator released it (see `residents/access.py`).
    At most one pending request per resident.
    """

    #: How long the resident can download a released request; after that they can ask again.
    DOWNLOAD_DAYS = 30

    bureau = models.ForeignKey(
        "bureaus.Bureau", on_delete=models.CASCADE, related_name="access_requests"
    )
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="access_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    channel = models.CharField(
        _("came in"), max_length=20, choices=AccessChannel.choices, default=AccessChannel.OWN_PAGES
    )
    received_on = models.DateField(
        _("received on"),
        default=timezone.localdate,
        help_text=_("The day the bureau received the request: the term of one month starts then."),
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("For example how you checked who asked (identity document shown at the desk)."),
    )
    requested_at = models.DateTimeField(_("registered on"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=AccessStatus.choices, default=AccessStatus.PENDING
    )
    # Art. 12(3): the term may be extended by two further months, with a reason, within the first.
    extension_reason = models.TextField(
        _("why the bureau needs more time"),
        max_length=2000,
        blank=True,
        help_text=_("The resident reads this. For example: the file is large and partly on paper."),
    )
    extended_at = models.DateTimeField(_("extended on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decline_reason = models.TextField(
        _("why the bureau cannot give the data"),
        max_length=2000,
        blank=True,
        help_text=_(
            "The resident reads this. For example: we could not check that you asked yourself."
        ),
    )

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident"],
                condition=models.Q(status="pending"),
                name="one_pending_access_request_per_resident",
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"

    @property
    def is_pending(self) -> bool:
        return self.status == AccessStatus.PENDING

    @property
    def first_due_on(self) -> datetime.date:
        return one_month_after(self.received_on)

    @property
    def due_on(self) -> datetime.date:
        """A month after receipt, or three when the term was extended."""
        return months_after(self.received_on, 1 if self.extended_at is None else 3)

    @property
    def can_extend(self) -> bool:
        return (
            self.is_pending
            and self.extended_at is None
            and timezone.localdate() <= self.first_due_on
        )

    def days_left(self, today: datetime.date | None = None) -> int:
        """Days until `due_on` (negative when overdue)."""
        return (self.due_on - (today or timezone.localdate())).days

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left())

    @property
    def download_until(self) -> datetime.datetime | None:
        if self.status != AccessStatus.RELEASED or self.decided_at is None:
            return None
        return self.decided_at + datetime.timedelta(days=self.DOWNLOAD_DAYS)

    def can_download(self, now: datetime.datetime | None = None) -> bool:
        until = self.download_until
        return until is not None and (now or timezone.now()) < until


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("to be checked")
    LINKED = "linked", _("linked: the same person")
    KEPT_APART = "kept_apart", _("kept apart: different people")


class PossibleDuplicate(models.Model):
    """A confirmed self-registration that may be the same person as a record the bureau made
    before (same e-mail address, but name or birth date differ, or there are several records).
    Nothing is merged until a coordinator decides (`residents.duplicates`); until then the
    newcomer sees only what they entered themselves.

    Both references are kept as null when a record goes (linking deletes the registration), so
    the decision stays; the audit log has the details.
    """

    bureau = models.ForeignKey(
        "bureaus.Bureau", on_delete=models.CASCADE, related_name="possible_duplicates"
    )
    registration = models.ForeignKey(
        Resident,
        verbose_name=_("sign-up"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    record = models.ForeignKey(
        Resident,
        verbose_name=_("record of the bureau"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN
    )
    created_at = models.DateTimeField(_("found on"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "record"], name="one_possible_duplicate_per_pair"
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"  # no names: it is about who is who

    @property
    def is_open(self) -> bool:
        return self.status == DuplicateStatus.OPEN
