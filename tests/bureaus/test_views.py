from django.urls import reverse

from buurtbaan.bureaus.models import Bureau, Membership, Role
from tests.factories import MembershipFactory


def url(name, bureau, **kwargs):
    return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})


def test_public_page_shows_the_bureau_escaped(client, personas):
    response = client.get(url("bureaus:public", personas.bureau))
    assert response.status_code == 200
    content = response.content.decode()
    assert "&lt;script&gt;" in content
    assert "<script>alert" not in content


def test_public_page_of_an_inactive_bureau_is_404(client, personas):
    Bureau.objects.filter(pk=personas.bureau.pk).update(is_active=False)
    assert client.get(url("bureaus:public", personas.bureau)).status_code == 404


def test_dashboard_shows_figures_only_to_funders(login, personas):
    response = login(personas.funder).get(url("bureaus:dashboard", personas.bureau))
    assert response.status_code == 200
    content = response.content.decode()
    assert personas.coach.email not in content
    assert "Het bureau beheren" not in content


def test_dashboard_query_count_is_flat(login, personas, django_assert_max_num_queries):
    client = login(personas.coordinator)
    # Figures, and one count per kind of task waiting for a coordinator.
    with django_assert_max_num_queries(20) as few:
        client.get(url("bureaus:dashboard", personas.bureau))
    for _ in range(20):
        MembershipFactory(bureau=personas.bureau, role=Role.COACH)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("bureaus:dashboard", personas.bureau))


def test_member_list_query_count_is_flat(login, personas, django_assert_max_num_queries):
    client = login(personas.coordinator)
    with django_assert_max_num_queries(12) as few:
        client.get(url("bureaus:member-list", personas.bureau))
    for _ in range(20):
        MembershipFactory(bureau=personas.bureau, role=Role.PARTNER)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("bureaus:member-list", personas.bureau))
    assert response.content.decode().count("<tr>") == 1 + 6 + 20  # header, personas, new


def test_member_list_hides_inactive_bureau_members_of_other_bureaus(login, personas):
    content = (
        login(personas.coordinator)
        .get(url("bureaus:member-list", personas.bureau))
        .content.decode()
    )
    assert personas.coach.email in content
    assert personas.other_coordinator.email not in content


def test_adding_a_member_with_bad_input_keeps_what_was_typed(login, personas):
    response = login(personas.coordinator).post(
        url("bureaus:member-create", personas.bureau),
        {"first_name": "Ans", "last_name": "Visser", "email": "geen-adres", "role": "partner"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Ans"' in content
    assert 'value="geen-adres"' in content
    assert "Kies de organisatie waarvoor deze partner werkt." in content
    assert 'aria-invalid="true"' in content
    assert not Membership.objects.filter(user__first_name="Ans").exists()


def test_adding_a_member_works(login, personas, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(personas.coordinator).post(
            url("bureaus:member-create", personas.bureau),
            {
                "first_name": "Ans",
                "last_name": "Visser",
                "email": "ans@buurtbaan.example",
                "role": "coach",
            },
        )
    assert response.status_code == 302
    assert Membership.objects.get(user__email="ans@buurtbaan.example").role == Role.COACH
    assert mailoutbox[0].to == ["ans@buurtbaan.example"]


def test_a_coordinator_changes_a_role(login, personas):
    membership = Membership.objects.get(user=personas.coach)
    response = login(personas.coordinator).post(
        url("bureaus:member-update", personas.bureau, pk=membership.pk),
        {"role": "funder", "is_active": "on"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.FUNDER


def test_the_last_coordinator_sees_why_they_cannot_step_down(login, personas):
    membership = Membership.objects.get(user=personas.coordinator)
    response = login(personas.coordinator).post(
        url("bureaus:member-update", personas.bureau, pk=membership.pk),
        {"role": "coach", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "minstens één actieve coördinator" in response.content.decode()


def test_settings_reject_bad_postcodes_and_keep_the_input(login, personas):
    response = login(personas.coordinator).post(
        url("bureaus:settings", personas.bureau),
        {"name": "Nieuwe naam", "municipality": "Arnhem", "postcode_ranges": "6828, 68x8"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "68x8" in content
    assert 'value="Nieuwe naam"' in content
    personas.bureau.refresh_from_db()
    assert personas.bureau.name != "Nieuwe naam"


def test_settings_are_saved(login, personas):
    response = login(personas.coordinator).post(
        url("bureaus:settings", personas.bureau),
        {"name": "Nieuwe naam", "municipality": "Arnhem", "postcode_ranges": "6828-6829"},
    )
    assert response.status_code == 302
    personas.bureau.refresh_from_db()
    assert personas.bureau.name == "Nieuwe naam"
    assert personas.bureau.postcode_summary() == "6828–6829"


def test_platform_pages_are_for_platform_admins_only(login, personas):
    for who in ("coordinator", "funder"):
        response = login(getattr(personas, who)).get(reverse("bureaus:platform-bureau-list"))
        assert response.status_code == 302  # to the login page: not allowed
    assert (
        login(personas.platform_admin).get(reverse("bureaus:platform-bureau-list")).status_code
        == 200
    )


def test_a_platform_admin_creates_a_bureau_with_its_coordinator(
    login, personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(personas.platform_admin).post(
            reverse("bureaus:platform-bureau-create"),
            {
                "name": "BuurtBaanBureau Presikhaaf",
                "slug": "presikhaaf",
                "municipality": "Arnhem",
                "postcode_ranges": "6825-6826",
                "coordinator_email": "kwartiermaker@buurtbaan.example",
            },
        )
    assert response.status_code == 302
    bureau = Bureau.objects.get(slug="presikhaaf")
    assert bureau.memberships.get().role == Role.COORDINATOR
    assert mailoutbox[0].to == ["kwartiermaker@buurtbaan.example"]


def test_the_django_admin_is_only_for_platform_admins(login, personas):
    personas.coordinator.is_staff = True
    personas.coordinator.save()
    assert login(personas.coordinator).get("/beheer/").status_code == 302
    assert login(personas.platform_admin).get("/beheer/").status_code == 200
