"""The other forms that listed every resident in a drop-down now find them by name
(`residents.lookup`): the impact participant, the quote's client and a helper in someone's
network. Without JavaScript the Search button re-shows the form with the residents found and saves
nothing; saving with a resident found works; the set of residents allowed is the one the drop-down
offered."""

import pytest
from django.urls import reverse

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.impact.models import ImpactParticipant
from buurtbaan.organisations.models import PersonalRelation
from buurtbaan.quotes.models import Quote
from tests.factories import (
    ImpactAssignmentFactory,
    ImpactParticipantFactory,
    QuoteFactory,
    ResidentFactory,
)

pytestmark = pytest.mark.usefixtures("english")


def url(name, bureau, **kwargs):
    return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})


def radio(name, resident):
    return f'name="{name}" value="{resident.pk}"'


@pytest.fixture
def sandras(personas):
    return {
        "de_vries": ResidentFactory(
            bureau=personas.bureau, first_name="Sandra", last_name="de Vries"
        ),
        "bakker": ResidentFactory(bureau=personas.bureau, first_name="Sandra", last_name="Bakker"),
        "ahmed": ResidentFactory(bureau=personas.bureau, first_name="Ahmed", last_name="Yilmaz"),
        "elsewhere": ResidentFactory(
            bureau=personas.other_bureau, first_name="Sandra", last_name="Elders"
        ),
    }


# -- impact participants ----------------------------------------------------------------------


@pytest.fixture
def assignment(personas):
    return ImpactAssignmentFactory(bureau=personas.bureau)


def participants_url(personas, assignment):
    return url("impact:participant-list", personas.bureau, pk=assignment.pk)


def test_the_participant_form_has_no_drop_down_of_residents(personas, login, sandras, assignment):
    content = login(personas.coach).get(participants_url(personas, assignment)).content.decode()
    assert 'name="resident_q"' in content
    assert '<select name="resident"' not in content
    assert "Bakker" not in content


def test_searching_a_participant_shows_them_and_saves_nothing(personas, login, sandras, assignment):
    data = {"resident_q": "sandra", "resident_search": "1", "joined_on": "2026-01-05"}
    response = login(personas.coach).post(participants_url(personas, assignment), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert not ImpactParticipant.objects.exists()
    assert radio("resident", sandras["de_vries"]) in content
    assert radio("resident", sandras["bakker"]) in content
    assert "Yilmaz" not in content
    assert "Elders" not in content
    assert 'value="2026-01-05"' in content  # kept as typed
    assert "form-errors" not in content
    entry = AuditEntry.objects.get(
        actor=personas.coach, action=AuditAction.VIEW, note__contains="#"
    )
    assert entry.note.startswith("impact participant form:")


def test_saving_a_participant_found_by_name_links_them(personas, login, sandras, assignment):
    chosen = sandras["bakker"]
    data = {"resident_q": "sandra", "resident_searched": "sandra", "resident": str(chosen.pk)}
    response = login(personas.coach).post(participants_url(personas, assignment), data)
    assert response.status_code == 302
    assert ImpactParticipant.objects.get().resident == chosen


def test_the_participant_search_leaves_out_who_takes_part_and_whom_the_coach_may_not_see(
    personas, login, sandras, assignment
):
    ImpactParticipantFactory(assignment=assignment, resident=sandras["bakker"])
    hidden = ResidentFactory(
        bureau=personas.bureau,
        first_name="Sandra",
        last_name="Verborgen",
        coach=personas.other_coach,
    )
    client = login(personas.coach)
    data = {"resident_q": "sandra", "resident_search": "1"}
    content = client.post(participants_url(personas, assignment), data).content.decode()
    assert radio("resident", sandras["de_vries"]) in content
    assert radio("resident", sandras["bakker"]) not in content
    assert "Verborgen" not in content
    # The htmx suggestions leave the participant out as well.
    assert f"exclude={sandras['bakker'].pk}" in content
    htmx = client.get(
        url("residents:resident-lookup", personas.bureau),
        {"field": "resident", "resident_q": "sandra", "exclude": sandras["bakker"].pk},
    ).content.decode()
    assert "de Vries" in htmx
    assert "Bakker" not in htmx
    # Nor can they be posted by hand.
    for resident in (sandras["bakker"], hidden):
        response = client.post(participants_url(personas, assignment), {"resident": resident.pk})
        assert response.status_code == 200
    assert ImpactParticipant.objects.count() == 1


# -- the quote's client -----------------------------------------------------------------------

QUOTE = {
    "title": "Zolder opruimen",
    "valid_until": "2027-01-31",
    "vat_rate": "21.00",
    "bureau_share_percent": "15",
}


def test_the_quote_form_has_no_drop_down_of_residents(personas, login, sandras):
    content = login(personas.coordinator).get(url("quotes:quote-create", personas.bureau))
    content = content.content.decode()
    assert 'name="client_resident_q"' in content
    assert '<select name="client_resident"' not in content
    assert "Bakker" not in content


def test_searching_a_client_shows_them_and_saves_nothing(personas, login, sandras):
    data = {**QUOTE, "client_resident_q": "sandra", "client_resident_search": "1"}
    response = login(personas.coordinator).post(url("quotes:quote-create", personas.bureau), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert not Quote.objects.exists()
    assert radio("client_resident", sandras["de_vries"]) in content
    assert radio("client_resident", sandras["bakker"]) in content
    assert "Elders" not in content
    assert 'value="Zolder opruimen"' in content
    assert "form-errors" not in content


def test_saving_a_quote_with_a_client_found_by_name(personas, login, sandras):
    chosen = sandras["de_vries"]
    data = {
        **QUOTE,
        "client_resident_q": "vries",
        "client_resident_searched": "vries",  # the results the page showed were for "vries"
        "client_resident": str(chosen.pk),
    }
    response = login(personas.coordinator).post(url("quotes:quote-create", personas.bureau), data)
    assert response.status_code == 302
    assert Quote.objects.get().client_resident == chosen


def test_editing_a_quote_shows_its_client_chosen(personas, login, sandras):
    quote = QuoteFactory(bureau=personas.bureau, client_resident=sandras["ahmed"])
    content = login(personas.coordinator).get(
        url("quotes:quote-update", personas.bureau, pk=quote.pk)
    )
    content = content.content.decode()
    assert f'{radio("client_resident", sandras["ahmed"])} id="id_client_resident_0" checked' in (
        content
    )
    assert "Bakker" not in content


def test_a_client_of_another_bureau_cannot_be_posted(personas, login, sandras):
    data = {**QUOTE, "client_resident": str(sandras["elsewhere"].pk)}
    response = login(personas.coordinator).post(url("quotes:quote-create", personas.bureau), data)
    assert response.status_code == 200
    assert not Quote.objects.exists()


# -- a helper in someone's network -------------------------------------------------------------

RELATION = {"kind": "neighbour", "helps_with": "boodschappen", "is_active": "on"}


def relations_url(resident):
    return reverse(
        "organisations:relation-list",
        kwargs={"bureau_slug": resident.bureau.slug, "resident_pk": resident.pk},
    )


@pytest.fixture
def ahmed(sandras):
    return sandras["ahmed"]


def test_the_helper_form_has_no_drop_down_of_residents(personas, login, sandras, ahmed):
    content = login(personas.coach).get(relations_url(ahmed)).content.decode()
    assert 'name="helper_q"' in content
    assert '<select name="helper"' not in content
    assert "Bakker" not in content
    assert "not registered at the bureau" in content  # choosing nobody, as the drop-down said


def test_searching_a_helper_shows_them_and_saves_nothing(personas, login, sandras, ahmed):
    data = {**RELATION, "helper_q": "sandra", "helper_search": "1"}
    response = login(personas.coach).post(relations_url(ahmed), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert not PersonalRelation.objects.exists()
    assert radio("helper", sandras["de_vries"]) in content
    assert radio("helper", sandras["bakker"]) in content
    assert "Elders" not in content
    assert "boodschappen" in content
    assert "form-errors" not in content


def test_saving_a_helper_found_by_name(personas, login, sandras, ahmed):
    chosen = sandras["bakker"]
    data = {**RELATION, "helper_q": "bakker", "helper_searched": "bakker", "helper": str(chosen.pk)}
    response = login(personas.coach).post(relations_url(ahmed), data)
    assert response.status_code == 302
    assert PersonalRelation.objects.get(resident=ahmed).helper == chosen


def test_a_helper_is_any_resident_of_the_bureau_but_the_resident_themselves(
    personas, login, sandras, ahmed
):
    """As the drop-down did: a coach may name as helper a resident whose profile they may not
    see (only the name shows), never the resident themselves."""
    other = ResidentFactory(
        bureau=personas.bureau, first_name="Sandra", last_name="Anders", coach=personas.other_coach
    )
    client = login(personas.coach)
    data = {**RELATION, "helper_q": "sandra", "helper_search": "1"}
    content = client.post(relations_url(ahmed), data).content.decode()
    assert radio("helper", other) in content
    content = client.post(relations_url(ahmed), {**data, "helper_q": "ahmed"}).content.decode()
    assert radio("helper", ahmed) not in content
    response = client.post(relations_url(ahmed), {**RELATION, "helper": str(ahmed.pk)})
    assert response.status_code == 200
    assert not PersonalRelation.objects.exists()
    response = client.post(relations_url(ahmed), {**RELATION, "helper": str(other.pk)})
    assert response.status_code == 302
    assert PersonalRelation.objects.get().helper == other


def test_the_helper_suggestions_come_from_the_same_residents(personas, login, sandras, ahmed):
    """The htmx address the helper field carries finds what the form would accept."""
    other = ResidentFactory(
        bureau=personas.bureau, first_name="Sandra", last_name="Anders", coach=personas.other_coach
    )
    client = login(personas.coach)
    content = client.get(relations_url(ahmed)).content.decode()
    address = f"?field=helper&amp;everyone=1&amp;exclude={ahmed.pk}"
    assert address in content
    lookup_url = url("residents:resident-lookup", personas.bureau)
    params = {"field": "helper", "everyone": "1", "exclude": ahmed.pk}
    found = client.get(lookup_url, {**params, "helper_q": "sandra"}).content.decode()
    assert radio("helper", other) in found
    assert "Elders" not in found
    found = client.get(lookup_url, {**params, "helper_q": "ahmed"}).content.decode()
    assert radio("helper", ahmed) not in found
    # Without `everyone` a coach finds only the residents whose profile they may see.
    found = client.get(lookup_url, {"field": "helper", "helper_q": "sandra"}).content.decode()
    assert radio("helper", other) not in found
