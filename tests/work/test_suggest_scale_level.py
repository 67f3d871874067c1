"""work.subsidiarity.suggest_scale_level: the lowest level with someone who has the talents and
the time."""

from decimal import Decimal

from buurtbaan.organisations.models import ScaleLevel
from buurtbaan.residents.models import Talent
from buurtbaan.work.subsidiarity import shared_words, stems, suggest_scale_level
from tests.factories import (
    ConsentFactory,
    OrganisationFactory,
    PersonalRelationFactory,
    PieceOfWorkFactory,
    ResidentFactory,
)


def talent(bureau, name):
    return Talent.objects.get_or_create(bureau=bureau, name=name)[0]


def resident_with(bureau, talents=(), hours=8, consent=True, **fields):
    resident = ResidentFactory(bureau=bureau, hours_per_week=hours, **fields)
    resident.talents.set(talents)
    if consent:
        ConsentFactory(resident=resident, scope="matching")
    return resident


def test_a_resident_with_the_talent_time_and_consent_makes_it_level_1(personas):
    gardening = talent(personas.bureau, "tuinieren")
    piece = PieceOfWorkFactory(bureau=personas.bureau, title="Heg snoeien", hours_per_week=3)
    piece.talents_needed.set([gardening])
    resident = resident_with(personas.bureau, [gardening], hours=4)
    suggestion = suggest_scale_level(piece=piece)
    assert suggestion.level == ScaleLevel.RESIDENT
    assert suggestion.finding(1).candidates == [str(resident)]


def test_residents_without_consent_time_or_talent_do_not_count(personas):
    gardening = talent(personas.bureau, "tuinieren")
    cooking = talent(personas.bureau, "koken")
    piece = PieceOfWorkFactory(bureau=personas.bureau, hours_per_week=6)
    piece.talents_needed.set([gardening])
    resident_with(personas.bureau, [gardening], consent=False)
    resident_with(personas.bureau, [gardening], hours=2)
    resident_with(personas.bureau, [cooking])
    resident_with(personas.other_bureau, [])
    assert suggest_scale_level(piece=piece).finding(1).count == 0


def test_without_talents_the_residents_own_words_must_fit(personas):
    piece = PieceOfWorkFactory(bureau=personas.bureau, title="Fiets repareren", hours_total=2)
    resident_with(personas.bureau, skills="fietsen repareren, koken")
    resident_with(personas.bureau, skills="boekhouden")
    assert suggest_scale_level(piece=piece).finding(1).count == 1


def test_the_network_of_the_resident_who_asks_makes_it_level_2(personas):
    oma = ResidentFactory(bureau=personas.bureau)
    piece = PieceOfWorkFactory(
        bureau=personas.bureau,
        title="Zolder opruimen",
        hours_total=8,
        asked_by_kind="resident",
        asked_by_resident=oma,
    )
    PersonalRelationFactory(resident=oma, name="Daan", helps_with="sjouwen, zolder opruimen")
    PersonalRelationFactory(resident=oma, name="Kees", helps_with="boodschappen")
    PersonalRelationFactory(resident=oma, name="Oud", helps_with="opruimen", is_active=False)
    suggestion = suggest_scale_level(piece=piece)
    assert suggestion.level == ScaleLevel.PERSONAL_RELATION
    assert suggestion.finding(2).candidates == ["Daan"]


def test_helpers_with_too_few_hours_are_not_suggested(personas):
    oma = ResidentFactory(bureau=personas.bureau)
    piece = PieceOfWorkFactory(
        bureau=personas.bureau,
        title="Hond uitlaten",
        hours_total=None,
        hours_per_week=5,
        asked_by_kind="resident",
        asked_by_resident=oma,
    )
    PersonalRelationFactory(resident=oma, helps_with="hond uitlaten", hours_per_week=Decimal("1"))
    assert suggest_scale_level(piece=piece).finding(2).count == 0


def test_without_an_asking_resident_there_is_no_network_to_ask(personas):
    piece = PieceOfWorkFactory(bureau=personas.bureau)
    finding = suggest_scale_level(piece=piece).finding(2)
    assert finding.count == 0
    assert "No resident asks" in finding.explanation


def test_organisations_whose_offer_fits_make_their_level(personas):
    piece = PieceOfWorkFactory(bureau=personas.bureau, title="Zolder isoleren")
    OrganisationFactory(
        bureau=personas.bureau, name="De Vries", scale_level=4, offers="Isolatie van zolders"
    )
    OrganisationFactory(
        bureau=personas.bureau, name="Slaper", scale_level=3, offers="Isolatie", is_active=False
    )
    OrganisationFactory(bureau=personas.other_bureau, scale_level=3, offers="Isolatie")
    suggestion = suggest_scale_level(piece=piece)
    assert suggestion.level == ScaleLevel.COMMERCIAL_BUSINESS
    assert suggestion.finding(4).candidates == ["De Vries"]
    assert suggestion.finding(3).count == 0


def test_the_lowest_level_wins(personas):
    piece = PieceOfWorkFactory(bureau=personas.bureau, title="Plantsoen snoeien")
    OrganisationFactory(bureau=personas.bureau, scale_level=5, offers="snoeien in parken")
    OrganisationFactory(bureau=personas.bureau, scale_level=3, offers="Snoeien en groenonderhoud")
    assert suggest_scale_level(piece=piece).level == ScaleLevel.SOCIAL_ENTERPRISE


def test_nobody_means_no_suggestion(personas):
    piece = PieceOfWorkFactory(bureau=personas.bureau, title="Kernfusie")
    assert suggest_scale_level(piece=piece).level is None


def test_dutch_words_match_after_stemming():
    assert shared_words(stems("isoleren"), "isolatie van daken")
    assert shared_words(stems("onderhoud"), "groenonderhoud")
    assert shared_words(stems("repareren"), "reparaties")
    assert not shared_words(stems("onderhoud"), "onderwijs")


def test_it_runs_in_a_fixed_number_of_queries(personas, django_assert_num_queries):
    gardening = talent(personas.bureau, "tuinieren")
    oma = ResidentFactory(bureau=personas.bureau)
    piece = PieceOfWorkFactory(
        bureau=personas.bureau, asked_by_kind="resident", asked_by_resident=oma
    )
    piece.talents_needed.set([gardening])
    for _ in range(10):
        resident_with(personas.bureau, [gardening])
        OrganisationFactory(bureau=personas.bureau, scale_level=3, offers="tuinieren")
        PersonalRelationFactory(resident=oma, helps_with="tuinieren")
    # The piece's talents, the organisations, the residents, the helpers: whatever the rows.
    with django_assert_num_queries(4):
        suggest_scale_level(piece=piece)
