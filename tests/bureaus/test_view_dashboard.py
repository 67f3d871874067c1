"""The overview: what waits for the member, as counts that lead to the page where it is done."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    BoardItemFactory,
    ErasureRequestFactory,
    HelpRequestFactory,
    IntakeFactory,
    IntroductionRequestFactory,
    MatchFactory,
    ResidentFactory,
    resident_with_account,
)

pytestmark = pytest.mark.usefixtures("english")


def dashboard(client, bureau):
    return client.get(reverse("bureaus:dashboard", kwargs={"bureau_slug": bureau.slug}))


def waiting(response) -> str:
    content = response.content.decode()
    if 'id="waiting"' not in content:
        return ""
    return content.split('id="waiting"')[1].split("</section>")[0]


def fill(personas):
    """Two of each kind of task in the bureau, and one of each in the other bureau (residents
    made along the way are in a trajectory, so they are no new sign-ups)."""
    bureau = personas.bureau
    for of in (bureau, bureau, personas.other_bureau):
        ResidentFactory(bureau=of, stage="registered", coach=None)
        coach = personas.coach if of == bureau else personas.other_coordinator
        IntakeFactory(resident=ResidentFactory(bureau=of, stage="intake", coach=coach))
        MatchFactory(bureau=of, accepted_at=timezone.now(), resident__stage="active")
        IntroductionRequestFactory(bureau=of, resident__stage="active")
        BoardItemFactory(bureau=of, status="submitted")
        HelpRequestFactory(bureau=of, status="received")
        ErasureRequestFactory(resident=ResidentFactory(bureau=of, stage="active"))
    # Not waiting: a proposal not yet answered, a finished intake, another coach's intake.
    MatchFactory(bureau=bureau, resident__stage="active")
    IntakeFactory(
        resident=ResidentFactory(bureau=bureau, coach=personas.coach, stage="active"),
        completed_at=timezone.now(),
    )
    IntakeFactory(
        resident=ResidentFactory(bureau=bureau, coach=personas.other_coach, stage="intake")
    )


def test_a_coordinator_sees_counts_of_what_waits_with_links(login, personas):
    fill(personas)
    section = waiting(dashboard(login(personas.coordinator), personas.bureau))
    slug = personas.bureau.slug
    for label, name, query in [
        (
            "new residents without a coach",
            "residents:resident-list",
            "?coach=none&amp;stage=registered",
        ),
        ("proposals residents accepted", "matching:match-list", "?status=accepted"),
        ("introduction requests from partners", "pool:introduction-inbox", ""),
        ("posts for the bulletin board", "board:item-queue", ""),
        ("help requests just received", "board:helprequest-inbox", "?status=received"),
        ("erasure requests waiting", "residents:erasure-list", ""),
    ]:
        href = reverse(name, kwargs={"bureau_slug": slug}) + query
        line = next(line for line in section.split("<li>") if label in line)
        assert '<span class="figure">2</span>' in line, label
        assert f'href="{href}"' in line, label
    # The coordinator coaches nobody here: no intakes of their own.
    assert "residents of yours whose intake" not in section


def test_a_coach_sees_their_own_intakes_and_no_erasure_requests(login, personas):
    fill(personas)
    section = waiting(dashboard(login(personas.coach), personas.bureau))
    line = next(line for line in section.split("<li>") if "residents of yours whose intake" in line)
    assert '<span class="figure">2</span>' in line
    assert "erasure requests" not in section


def test_a_resident_sees_the_proposals_waiting_for_their_answer(login, personas):
    resident = resident_with_account(personas.bureau)
    MatchFactory(bureau=personas.bureau, resident=resident)
    MatchFactory(bureau=personas.bureau, resident=resident, accepted_at=timezone.now())
    MatchFactory(bureau=personas.bureau)  # someone else's
    section = waiting(dashboard(login(resident.user), personas.bureau))
    my_proposals = reverse("matching:my-proposals", kwargs={"bureau_slug": personas.bureau.slug})
    assert f'<span class="figure">1</span> <a href="{my_proposals}">' in section


def test_nothing_waiting_says_so_and_funders_and_partners_see_no_tasks(login, personas):
    assert "Nothing is waiting for you." in waiting(
        dashboard(login(personas.coach), personas.bureau)
    )
    fill(personas)
    for member in (personas.funder, personas.partner):
        assert waiting(dashboard(login(member), personas.bureau)) == ""


def test_the_overview_query_count_does_not_grow_with_the_tasks(
    login, personas, django_assert_max_num_queries
):
    client = login(personas.coordinator)
    fill(personas)
    with django_assert_max_num_queries(30) as few:
        dashboard(client, personas.bureau)
    fill(personas)
    fill(personas)
    with django_assert_max_num_queries(len(few.captured_queries)):
        dashboard(client, personas.bureau)
