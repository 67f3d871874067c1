"""The demo pool: the theatre asked to meet Sandra and the bureau accepted; the search index is
built for the demo bureaus."""

import io

import pytest
from django.core.management import call_command

from buurtbaan.bureaus.models import Bureau, Membership
from buurtbaan.pool import demo as pool_demo
from buurtbaan.pool.models import IntroductionRequest, IntroductionStatus
from buurtbaan.residents.models import ConsentScope, Resident
from buurtbaan.talentsearch.models import ResidentSearchDocument
from buurtbaan.talentsearch.queries import SearchCriteria, search_residents


@pytest.mark.django_db
def test_the_demo_has_the_theatres_accepted_introduction_and_a_search_index():
    call_command("load_demo", stdout=io.StringIO())
    main = Bureau.objects.get(slug="spijkerkwartier")
    introduction = IntroductionRequest.objects.get(organisation__name="Theater De Spijker")
    assert introduction.resident.first_name == "Sandra"
    assert introduction.status == IntroductionStatus.ACCEPTED
    assert introduction.requested_by.email == "partner@buurtbaan.example"
    assert introduction.handled_by.email == "coordinator@buurtbaan.example"

    in_pool = Resident.objects.filter(bureau=main).with_consent(ConsentScope.PARTNERS)
    assert in_pool.count() >= 20
    current = Resident.objects.current().count()
    assert ResidentSearchDocument.objects.count() == current

    coordinator = Membership.objects.get(bureau=main, user__email="coordinator@buurtbaan.example")
    residents, _ = search_residents(
        main, membership=coordinator, criteria=SearchCriteria(text="theater")
    )
    assert "Sandra" in [resident.first_name for resident in residents]

    before = (IntroductionRequest.objects.count(), ResidentSearchDocument.objects.count())
    pool_demo.load_demo_data(Bureau.objects.all())
    assert (IntroductionRequest.objects.count(), ResidentSearchDocument.objects.count()) == before
