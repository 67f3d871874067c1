"""Importing residents into the talent bank.

The rules are the talent bank's own: names as long as the model allows, a Dutch postcode through
`residents.actions.clean_resident_postcode`, 18 or older through `residents.actions.check_age`,
the outside-area flag from the bureau's postcode ranges (`residents.actions.is_outside_area`, with
the ranges prefetched), talents matched by name against the bureau's vocabulary — a word that is
not in it is kept in the resident's own talent words, never refused.

Deliberately not importable: the income situation (recorded only to flag a system barrier, one
resident at a time, see `IncomeSituation`), consents (asked of each resident in person) and
sensitive notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtbaan.core.phones import normalise_phone
from buurtbaan.imports.fields import (
    CellProblem,
    ImportField,
    cell_text,
    choice,
    choice_words,
    fold_words,
    parse_date,
    parse_days,
    split_list,
    text,
    whole_number,
)
from buurtbaan.imports.targets.base import ImportTarget, RecordProblem
from buurtbaan.residents import actions as resident_actions
from buurtbaan.residents.forms import MAX_HOURS_PER_WEEK
from buurtbaan.residents.models import (
    MINIMUM_AGE,
    Dream,
    IntakeSource,
    Resident,
    Talent,
    TravelRange,
    WorkWanted,
    split_words,
)
from buurtbaan.residents.queries import staff_of


def _max_length(name: str) -> int:
    return Resident._meta.get_field(name).max_length


def _label(name: str):
    return Resident._meta.get_field(name).verbose_name


# --- Parsers that need the talent bank's rules or the bureau -------------------------------------


def parse_postcode(value, context) -> str:
    try:
        return resident_actions.clean_resident_postcode(cell_text(value))
    except ValidationError as error:
        raise _problem_from(error) from None


def parse_birth_date(value, context):
    born = parse_date(value)
    today = context["today"]
    try:
        resident_actions.check_age(born, today=today)
    except ValidationError as error:
        if error.code == "too_young":
            age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
            raise CellProblem("too_young", age=age, minimum=MINIMUM_AGE) from None
        if error.code == "future":
            raise CellProblem("future_date") from None
        raise _problem_from(error) from None
    return born


def _problem_from(error: ValidationError) -> CellProblem:
    if error.code == "invalid_postcode":
        return CellProblem("invalid_postcode")
    return CellProblem("rule", message=" ".join(str(message) for message in error.messages))


def parse_email(value, context) -> str:
    address = cell_text(value)
    if address.lower().startswith("mailto:"):
        address = address[len("mailto:") :]
    try:
        validate_email(address)
    except ValidationError:
        raise CellProblem("invalid_email") from None
    if len(address) > _max_length("email"):
        raise CellProblem("too_long", max=_max_length("email"), length=len(address))
    return address


def parse_phone(value, context) -> str:
    # Excel turns 0612345678 into the number 612345678: give Dutch numbers their 0 back.
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value))
        value = f"0{digits}" if len(digits) == 9 else digits
    try:
        return normalise_phone(cell_text(value))
    except ValidationError:
        raise CellProblem("invalid_phone") from None


@dataclass
class TalentWords:
    talents: list[Talent] = field(default_factory=list)
    other_words: list[str] = field(default_factory=list)


def parse_talents(value, context) -> TalentWords:
    """Words found in the bureau's vocabulary become talents; the others are kept as the
    resident's own words."""
    result = TalentWords()
    for word in split_list(value):
        talent = context["talents"].get(fold_words(word))
        if talent is None:
            result.other_words.append(word)
        elif talent not in result.talents:
            result.talents.append(talent)
    return result


def parse_dreams(value, context) -> list[str]:
    """One dream per line of the cell (Alt+Enter in Excel), or separated by semicolons."""
    dreams = split_list(value, separators=";\n")
    limit = Dream._meta.get_field("description").max_length
    for dream in dreams:
        if len(dream) > limit:
            raise CellProblem("too_long", max=limit, length=len(dream))
    return dreams


def parse_coach(value, context):
    """A coach or coordinator of the bureau, by e-mail address or full name."""
    written = fold_words(cell_text(value))
    by_email, by_name = context["staff"]
    if written in by_email:
        return by_email[written]
    matches = by_name.get(written, [])
    if len(matches) > 1:
        raise CellProblem("ambiguous_coach")
    if not matches:
        raise CellProblem("unknown_coach")
    return matches[0]


INTAKE_SOURCE_WORDS = choice_words(
    IntakeSource.choices,
    {
        IntakeSource.WALK_IN: ("binnengelopen", "binnenloper", "inloop", "spreekuur", "walk-in"),
        IntakeSource.WORK_AND_INCOME: (
            "werk & inkomen",
            "werk en inkomen",
            "w&i",
            "w & i",
            "work and income",
        ),
        IntakeSource.SOCIAL_DISTRICT_TEAM: (
            "sociaal wijkteam",
            "wijkteam",
            "swt",
            "social district team",
        ),
        IntakeSource.WEBSITE: ("website", "site", "internet", "online", "buurtwebsite"),
        IntakeSource.INFORMATION_MEETING: (
            "informatiebijeenkomst",
            "infobijeenkomst",
            "informatieavond",
            "voorlichting",
            "information meeting",
        ),
        IntakeSource.OTHER: ("anders", "overig", "overige"),
    },
)
DETAIL_LENGTH = _max_length("intake_source_detail")


def parse_intake_source(value, context) -> tuple[str, str]:
    """How the resident came in, and the words as written when they name something else (a
    referrer we have no choice for is kept as the detail, not refused)."""
    written = cell_text(value)
    source = INTAKE_SOURCE_WORDS.get(fold_words(written).strip(" ."))
    if source is not None:
        return source, ""
    return IntakeSource.OTHER, text(DETAIL_LENGTH)(written, context)


WANTS_WORDS = choice_words(
    WorkWanted.choices,
    {
        WorkWanted.PAID: ("betaald", "betaald werk", "betaalde baan", "baan", "loon", "paid"),
        WorkWanted.VOLUNTEER: (
            "vrijwillig",
            "vrijwilliger",
            "vrijwilligerswerk",
            "onbetaald",
            "volunteer",
            "volunteering",
            "unpaid",
        ),
        WorkWanted.BOTH: (
            "beide",
            "allebei",
            "betaald of vrijwillig",
            "betaald en vrijwillig",
            "betaald/vrijwillig",
            "maakt niet uit",
            "geen voorkeur",
            "both",
            "either",
            "paid or volunteer",
        ),
    },
)
TRAVEL_WORDS = choice_words(
    TravelRange.choices,
    {
        TravelRange.NEIGHBOURHOOD: (
            "wijk",
            "buurt",
            "in de wijk",
            "in de buurt",
            "eigen wijk",
            "lopend",
            "loopafstand",
            "op loopafstand",
            "neighbourhood",
            "neighborhood",
            "walking distance",
        ),
        TravelRange.CYCLING: (
            "fiets",
            "fietsen",
            "fietsafstand",
            "op fietsafstand",
            "met de fiets",
            "cycling",
            "bike",
            "by bike",
            "cycling distance",
        ),
        TravelRange.ANYWHERE: (
            "overal",
            "maakt niet uit",
            "geen voorkeur",
            "anywhere",
            "everywhere",
        ),
    },
)

# --- The fields ----------------------------------------------------------------------------------

FIELDS = (
    ImportField(
        "first_name",
        _label("first_name"),
        text(_max_length("first_name")),
        is_required=True,
        headers=("Voornaam", "Voornamen", "Roepnaam", "First name", "Given name", "Forename"),
    ),
    ImportField(
        "name_prefix",
        _("name prefix"),
        text(20),
        headers=("Tussenvoegsel", "Tussenvoegsels", "Voorvoegsel", "Tussenv", "Prefix"),
        examples=_("van, de, van der"),
        help_text=_("Put in front of the last name."),
    ),
    ImportField(
        "last_name",
        _label("last_name"),
        text(_max_length("last_name")),
        is_required=True,
        headers=(
            "Achternaam",
            "Familienaam",
            "Geslachtsnaam",
            "Last name",
            "Surname",
            "Family name",
        ),
    ),
    ImportField(
        "date_of_birth",
        _label("date_of_birth"),
        parse_birth_date,
        is_required=True,
        headers=(
            "Geboortedatum",
            "Geb datum",
            "Geb. datum",
            "Geboren",
            "Geboren op",
            "Date of birth",
            "Birth date",
            "Birthdate",
            "DOB",
        ),
        examples=_("31-12-1980, 31/12/1980 or 1980-12-31"),
        help_text=_("Everyone from 18 is welcome."),
    ),
    ImportField(
        "postcode",
        _label("postcode"),
        parse_postcode,
        is_required=True,
        headers=("Postcode", "PC", "Postal code", "Zip", "Zip code"),
        examples=_("6828 AB"),
    ),
    ImportField(
        "street",
        _label("street"),
        text(_max_length("street")),
        headers=(
            "Straat",
            "Straatnaam",
            "Adres",
            "Woonadres",
            "Straat en huisnummer",
            "Street",
            "Address",
        ),
    ),
    ImportField(
        "house_number",
        _("house number"),
        text(20),
        headers=("Huisnummer", "Huisnr", "Nr", "Nummer", "House number", "Number"),
        help_text=_("Put after the street."),
    ),
    ImportField(
        "city",
        _label("city"),
        text(_max_length("city")),
        headers=("Woonplaats", "Plaats", "Plaatsnaam", "Stad", "City", "Town"),
    ),
    ImportField(
        "email",
        _label("email"),
        parse_email,
        is_unique=True,
        headers=("E-mailadres", "E-mail", "Email", "Mail", "Mailadres", "E-mail address"),
        help_text=_("Two residents cannot have the same address."),
    ),
    ImportField(
        "phone",
        _label("phone"),
        parse_phone,
        headers=("Telefoonnummer", "Telefoon", "Tel", "Telnr", "Mobiel", "Phone", "Mobile"),
    ),
    ImportField(
        "languages",
        _label("languages"),
        text(_max_length("languages")),
        headers=("Talen", "Taal", "Languages", "Language"),
        examples=_("Dutch, Arabic, English"),
    ),
    ImportField(
        "talents",
        _("talents"),
        parse_talents,
        default=None,
        headers=("Talenten", "Talent", "Kwaliteiten", "Talents", "Strengths"),
        examples=_("connecting, organising"),
        help_text=_(
            "Words in the bureau's list of talents become talents; other words are kept as the "
            "resident's own words."
        ),
    ),
    ImportField(
        "own_talent_words",
        _label("own_talent_words"),
        text(_max_length("own_talent_words")),
        headers=("Talenten in eigen woorden", "Eigen woorden", "Own talent words", "Own words"),
    ),
    ImportField(
        "skills",
        _label("skills"),
        text(multiline=True),
        headers=("Vaardigheden", "Vaardigheid", "Skills"),
    ),
    ImportField(
        "dreams",
        _("dream jobs"),
        parse_dreams,
        default=[],
        headers=(
            "Droombaan",
            "Droombanen",
            "Droom",
            "Dromen",
            "Dream job",
            "Dream jobs",
            "Dream",
            "Dreams",
        ),
        help_text=_("Several dreams: one per line in the cell, or separated by semicolons."),
    ),
    ImportField(
        "work_experience",
        _label("work_experience"),
        text(multiline=True),
        headers=("Werkervaring", "Ervaring", "Work experience", "Experience"),
    ),
    ImportField(
        "education",
        _label("education"),
        text(multiline=True),
        headers=("Opleiding", "Opleidingen", "Scholing", "Diploma", "Education"),
    ),
    ImportField(
        "wants",
        _label("wants"),
        choice(WANTS_WORDS),
        default=WorkWanted.BOTH,
        headers=(
            "Zoekt",
            "Soort werk",
            "Betaald of vrijwillig",
            "Betaald/vrijwillig",
            "Looking for",
            "Wants",
            "Paid or volunteer",
        ),
        examples=_("“paid”, “volunteer” or “both”"),
    ),
    ImportField(
        "hours_per_week",
        _label("hours_per_week"),
        whole_number(maximum=MAX_HOURS_PER_WEEK),
        default=None,
        headers=("Uren per week", "Uren", "Aantal uren", "Hours per week", "Hours"),
        examples="16",
    ),
    ImportField(
        "available_days",
        _label("available_days"),
        parse_days,
        default=[],
        headers=(
            "Beschikbare dagen",
            "Dagen",
            "Beschikbaar",
            "Beschikbaarheid",
            "Available days",
            "Days",
            "Availability",
        ),
        examples=_("“mon, tue, wed” or “mon-fri”"),
    ),
    ImportField(
        "travel",
        _label("travel"),
        choice(TRAVEL_WORDS),
        default=TravelRange.ANYWHERE,
        headers=("Reisafstand", "Hoe ver reizen", "Afstand", "Reizen", "Travel", "Travel distance"),
        examples=_("“neighbourhood”, “cycling” or “anywhere”"),
    ),
    ImportField(
        "intake_source",
        _label("intake_source"),
        parse_intake_source,
        default=None,
        headers=(
            "Aangemeld via",
            "Binnengekomen via",
            "Hoe binnengekomen",
            "Bron",
            "Source",
            "Intake source",
        ),
        help_text=_("Something other than the choices is kept as “other”, with the words."),
    ),
    ImportField(
        "intake_source_detail",
        _label("intake_source_detail"),
        text(DETAIL_LENGTH),
        headers=("Verwijzer", "Naam verwijzer", "Verwezen door", "Referrer", "Referred by"),
    ),
    ImportField(
        "coach",
        _("coach"),
        parse_coach,
        default=None,
        headers=("Coach", "Begeleider", "Trajectbegeleider", "Consulent"),
        help_text=_("The name or e-mail address of a coach or coordinator of the bureau."),
    ),
)

#: Fields saved on the resident as they are (the others are combined in `clean_record`).
DIRECT_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "postcode",
    "street",
    "city",
    "email",
    "phone",
    "languages",
    "own_talent_words",
    "skills",
    "work_experience",
    "education",
    "wants",
    "hours_per_week",
    "available_days",
    "travel",
    "intake_source",
    "intake_source_detail",
)
assert set(DIRECT_FIELDS) <= resident_actions.EDITABLE_FIELDS


class ResidentImportTarget(ImportTarget):
    slug = "residents"
    label = _("residents")
    fields = FIELDS

    def prepare(self, bureau):
        # The ranges are prefetched so that the outside-area flag needs no query per row.
        prefetch_related_objects([bureau], "postcode_ranges")
        by_email, by_name = {}, {}
        for user in staff_of(bureau):
            by_email[fold_words(user.email)] = user
            full_name = fold_words(f"{user.first_name} {user.last_name}")
            if full_name:
                by_name.setdefault(full_name, []).append(user)
        talents = {
            fold_words(talent.name): talent
            for talent in Talent.objects.filter(bureau=bureau, is_active=True)
        }
        return {
            "bureau": bureau,
            "today": timezone.localdate(),
            "talents": talents,
            "staff": (by_email, by_name),
        }

    def clean_record(self, cleaned, context, *, failed):
        prefix = cleaned.pop("name_prefix")
        if prefix and cleaned["last_name"] and "last_name" not in failed:
            cleaned["last_name"] = _joined(prefix, cleaned["last_name"], "last_name")
        number = cleaned.pop("house_number")
        if number:
            cleaned["street"] = _joined(cleaned["street"], number, "street", on="house_number")
        talent_words = cleaned.pop("talents") or TalentWords()
        cleaned["talents"] = talent_words.talents
        if talent_words.other_words:
            cleaned["own_talent_words"] = _merged_words(
                cleaned["own_talent_words"], talent_words.other_words
            )
        source = cleaned["intake_source"]
        if isinstance(source, tuple):
            cleaned["intake_source"], detail = source
            if detail and not cleaned["intake_source_detail"]:
                cleaned["intake_source_detail"] = detail
        cleaned["intake_source"] = cleaned["intake_source"] or ""
        return cleaned

    def unique_key(self, field_name, value):
        return str(value).strip().casefold()

    def existing_keys(self, context, field_name):
        addresses = (
            Resident.objects.filter(bureau=context["bureau"])
            .exclude(**{field_name: ""})
            .values_list(field_name, flat=True)
        )
        return {self.unique_key(field_name, address) for address in addresses}

    def save_rows(self, *, bureau, actor, rows, context):
        """Three kinds of bulk insert — residents, their talents, their dreams — whatever the
        number of rows (the database may split each into batches)."""
        residents = [
            Resident(
                bureau=bureau,
                coach=row["coach"],
                is_outside_area=resident_actions.is_outside_area(bureau, row["postcode"]),
                **{name: row[name] for name in DIRECT_FIELDS},
            )
            for row in rows
        ]
        Resident.objects.bulk_create(residents)
        through = Resident.talents.through
        through.objects.bulk_create(
            through(resident_id=resident.pk, talent_id=talent.pk)
            for resident, row in zip(residents, rows, strict=True)
            for talent in row["talents"]
        )
        Dream.objects.bulk_create(
            Dream(resident_id=resident.pk, description=description, position=position)
            for resident, row in zip(residents, rows, strict=True)
            for position, description in enumerate(row["dreams"])
        )
        return len(residents)

    def example_row(self):
        return {
            "first_name": "Sandra",
            "name_prefix": "van",
            "last_name": "Voorbeeld",
            "date_of_birth": "14-03-1985",
            "postcode": "6828 AB",
            "street": "Voorbeeldstraat",
            "house_number": "12",
            "city": "Arnhem",
            "email": "sandra.voorbeeld@buurtbaan.example",
            "phone": "06 12345678",
            "languages": "Nederlands, Engels",
            "talents": "organiseren, verbinden, verhalen vertellen",
            "dreams": "Iets in het theater",
            "wants": "betaald",
            "hours_per_week": "24",
            "available_days": "ma, di, do",
            "travel": "fiets",
            "intake_source": "Sociaal Wijkteam",
        }

    def result_url(self, bureau):
        return reverse("residents:resident-list", kwargs={"bureau_slug": bureau.slug})


def _joined(first: str, second: str, field_name: str, *, on: str | None = None) -> str:
    joined = f"{first} {second}".strip()
    limit = _max_length(field_name)
    if len(joined) > limit:
        raise RecordProblem("too_long", on=on or field_name, max=limit, length=len(joined))
    return joined


def _merged_words(own_words: str, more: Iterable[str]) -> str:
    words, seen = [], set()
    for word in [*split_words(own_words), *more]:
        if fold_words(word) not in seen:
            seen.add(fold_words(word))
            words.append(word)
    merged = ", ".join(words)
    limit = _max_length("own_talent_words")
    if len(merged) > limit:
        raise RecordProblem("too_long", on="talents", max=limit, length=len(merged))
    return merged
