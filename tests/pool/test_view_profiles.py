"""The employer pool as partners (and, to check it, staff) see it."""

import pytest
from django.utils import timezone

from buurtbaan.audit.models import AuditEntry
from buurtbaan.residents import actions as resident_actions
from buurtbaan.residents.models import ConsentScope
from tests.pool.conftest import SECRETS


@pytest.fixture
def list_url(personas, url):
    return url("pool:profile-list", personas.bureau)


def names(response):
    return [profile.display_name for profile in response.context["page"]]


def test_partners_see_only_residents_who_consent(personas, login, list_url, pool_resident):
    pool_resident(first_name="Sandra", last_name="Willems")
    pool_resident(first_name="Geheim", last_name="Nee", in_pool=False)
    pool_resident(first_name="Elders", bureau=personas.other_bureau)
    pool_resident(first_name="Gewist", is_anonymised=True)
    response = login(personas.partner).get(list_url)
    assert response.status_code == 200
    assert names(response) == ["Sandra W."]
    assert "Geheim" not in response.content.decode()


def test_a_withdrawn_consent_takes_someone_out_at_once(personas, login, url, pool_resident):
    resident = pool_resident(first_name="Sandra")
    client = login(personas.partner)
    detail = url("pool:profile-detail", personas.bureau, pk=resident.pk)
    assert client.get(detail).status_code == 200
    resident_actions.withdraw_consent(
        actor=personas.coach, resident=resident, scope=ConsentScope.PARTNERS
    )
    assert names(client.get(url("pool:profile-list", personas.bureau))) == []
    assert client.get(detail).status_code == 404


@pytest.mark.parametrize("who", ["partner", "coordinator"])
def test_the_pages_never_show_what_partners_may_not_see(personas, login, url, pool_resident, who):
    resident = pool_resident(
        first_name="Sandra",
        last_name="Willems",
        dreams=["Conciërge in het theater"],
        talents=["organiseren"],
        own_talent_words="mensen laten lachen",
        available_days=["mon", "tue"],
        hours_per_week=24,
        wants="paid",
        stage="active",
    )
    client = login(getattr(personas, who))
    pages = [
        client.get(url("pool:profile-list", personas.bureau)),
        client.get(url("pool:profile-list", personas.bureau), {"text": "theater"}),
        client.get(url("pool:profile-detail", personas.bureau, pk=resident.pk)),
    ]
    if who == "partner":
        pages.append(client.get(url("pool:introduction-create", personas.bureau, pk=resident.pk)))
    for response in pages:
        assert response.status_code == 200
        content = response.content.decode()
        for secret in SECRETS:
            assert secret not in content, secret
        assert "Willems" not in content
        assert "Sandra W." in content
    for response in pages[:3]:
        content = response.content.decode()
        assert "Sandra W." in content
        assert "organiseren" in content
        assert "mensen laten lachen" in content
        assert "6828" in content
        assert "in a trajectory" not in content
        assert "in een traject" not in content


def test_the_detail_shows_dreams_availability_and_preference(personas, login, url, pool_resident):
    resident = pool_resident(
        dreams=["Conciërge in het theater", "Koken voor de buurt"],
        available_days=["mon", "fri"],
        hours_per_week=24,
        wants="paid",
    )
    response = login(personas.partner).get(
        url("pool:profile-detail", personas.bureau, pk=resident.pk)
    )
    profile = response.context["profile"]
    assert [str(d) for d in profile.dreams] == ["Conciërge in het theater", "Koken voor de buurt"]
    assert len(profile.available_days) == 2
    assert profile.hours_per_week == 24
    assert profile.area == "6828"
    assert profile.wants
    assert not hasattr(profile, "email")


def test_free_text_is_escaped(personas, login, list_url, pool_resident):
    pool_resident(dreams=["<script>alert('x')</script> koken"])
    content = login(personas.partner).get(list_url, {"text": "koken"}).content
    assert b"<script>alert" not in content
    assert b"&lt;script&gt;" in content
    assert b"<mark>koken</mark>" in content


def test_partners_find_only_by_what_they_can_read(personas, login, list_url, pool_resident):
    pool_resident(first_name="Ali", dreams=["Werken in het theater"], talents=["koken"])
    client = login(personas.partner)
    assert names(client.get(list_url, {"text": "theater"})) == ["Ali B."]
    assert names(client.get(list_url, {"text": "koken"})) == ["Ali B."]
    for hidden in ("Geheimevaardigheid", "Geheimewerkervaring", "Geheimeopleiding"):
        assert names(client.get(list_url, {"text": hidden})) == []


def test_partners_filter_on_what_they_see_only(personas, login, list_url, pool_resident):
    koken = personas.bureau.talents.get(name="koken")
    pool_resident(
        first_name="Ali", talents=["koken"], available_days=["mon"], hours_per_week=20, wants="paid"
    )
    pool_resident(first_name="Bo", wants="volunteer", postcode="6829AB", stage="placed")
    client = login(personas.partner)
    assert names(client.get(list_url, {"talents": koken.pk})) == ["Ali B."]
    assert names(client.get(list_url, {"days": "mon"})) == ["Ali B."]
    assert names(client.get(list_url, {"min_hours": "10"})) == ["Ali B."]
    assert names(client.get(list_url, {"wants": "volunteer"})) == ["Bo B."]
    assert names(client.get(list_url, {"pc4": "6829"})) == ["Bo B."]
    # Criteria partners may not use are not on their form, and ignored when sent.
    form = client.get(list_url).context["form"]
    assert {"stage", "skill", "area", "travel"}.isdisjoint(form.fields)
    assert len(names(client.get(list_url, {"stage": "placed", "skill": "Geheim"}))) == 2


def test_an_htmx_request_gets_the_results_alone(personas, login, list_url, pool_resident):
    pool_resident(dreams=["Koken"])
    response = login(personas.partner).get(list_url, {"text": "koken"}, HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "pool/partials/_profile_results.html"


def test_a_partner_viewing_a_profile_is_audited(personas, login, url, pool_resident):
    resident = pool_resident()
    login(personas.partner).get(url("pool:profile-detail", personas.bureau, pk=resident.pk))
    entry = AuditEntry.objects.get(object_type="residents.resident", object_id=str(resident.pk))
    assert entry.actor == personas.partner
    assert entry.action == "view"
    assert entry.at <= timezone.now()


@pytest.mark.parametrize("rows", [5, 50])
def test_the_query_count_does_not_grow_with_the_pool(
    personas, login, list_url, pool_resident, django_assert_num_queries, rows
):
    for number in range(rows):
        pool_resident(
            first_name=f"Bewoner{number:02d}",
            dreams=["Koken", "Bakken"],
            talents=["koken"],
            available_days=["mon"],
        )
    client = login(personas.partner)
    client.get(list_url)
    # session, user, membership, my memberships, talents of the form, count, page, talents, dreams
    for params in ({}, {"text": "koken", "days": "mon"}):
        with django_assert_num_queries(9):
            response = client.get(list_url, params)
        assert response.context["page"].paginator.count == rows


def test_a_partner_without_an_organisation_viewing_a_profile_is_audited(
    personas, login, url, pool_resident
):
    from tests.factories import MembershipFactory

    partner = MembershipFactory(bureau=personas.bureau, role="partner", organisation=None).user
    resident = pool_resident()
    response = login(partner).get(url("pool:profile-detail", personas.bureau, pk=resident.pk))
    assert response.status_code == 200
    # Asking needs an organisation: no link to a page that would be 404.
    assert url("pool:introduction-create", personas.bureau, pk=resident.pk) not in (
        response.content.decode()
    )
    entry = AuditEntry.objects.get(object_type="residents.resident", object_id=str(resident.pk))
    assert entry.actor == partner


def test_staff_looking_at_the_pool_are_logged_as_themselves(personas, login, url, pool_resident):
    resident = pool_resident()
    login(personas.coach).get(url("pool:profile-detail", personas.bureau, pk=resident.pk))
    entry = AuditEntry.objects.get(
        object_type="residents.resident", object_id=str(resident.pk), action="view"
    )
    assert entry.actor == personas.coach
    assert entry.note == "employer pool"
