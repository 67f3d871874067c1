"""Postcodes are stored compact ("6828KE") and always shown as they are written: "6828 KE"."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from buurtbaan.bureaus.models import PostcodeRange
from buurtbaan.bureaus.postcode_ranges import format_postcode_ranges
from tests.factories import (
    HelpRequestFactory,
    OrganisationFactory,
    PieceOfWorkFactory,
    ResidentFactory,
)

COMPACT = re.compile(r"\b6828KE\b")


def render(text: str, **context) -> str:
    return Template("{% load buurtbaan %}" + text).render(Context(context))


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("6828KE", "6828 KE"),
        ("6828 ke", "6828 KE"),
        ("6828", "6828"),
        ("", ""),
        (None, ""),
        ("not a postcode", "not a postcode"),
    ],
)
def test_the_filter_writes_a_postcode_as_people_do(stored, shown):
    assert render("{{ value|postcode }}", value=stored) == shown


def test_bureau_postcode_ranges_are_written_with_a_space(personas):
    PostcodeRange.objects.create(bureau=personas.bureau, start="6811AA", end="6811CZ")
    ranges = personas.bureau.postcode_ranges.all()
    assert "6811 AA–6811 CZ" in personas.bureau.postcode_summary()
    assert "6811 AA-6811 CZ" in format_postcode_ranges(ranges)


def _pages(personas):
    """A few pages that show a stored postcode, each with "6828KE" stored."""
    bureau = personas.bureau
    slug = bureau.slug
    resident = ResidentFactory(bureau=bureau, postcode="6828KE", coach=personas.coach)
    piece = PieceOfWorkFactory(bureau=bureau, postcode="6828KE")
    organisation = OrganisationFactory(bureau=bureau, postcode="6828KE")
    help_request = HelpRequestFactory(bureau=bureau, postcode="6828KE", organisation=organisation)
    return [
        reverse("residents:resident-detail", kwargs={"bureau_slug": slug, "pk": resident.pk}),
        reverse("residents:resident-list", kwargs={"bureau_slug": slug}),
        reverse("work:piece-detail", kwargs={"bureau_slug": slug, "pk": piece.pk}),
        reverse(
            "organisations:organisation-detail",
            kwargs={"bureau_slug": slug, "pk": organisation.pk},
        ),
        reverse("board:helprequest-detail", kwargs={"bureau_slug": slug, "pk": help_request.pk}),
    ]


def test_pages_show_postcodes_as_6828_ke(login, personas):
    client = login(personas.coordinator)
    for url in _pages(personas):
        content = client.get(url).content.decode()
        assert "6828 KE" in content, url
        assert not COMPACT.search(content), url


def test_the_public_bureau_page_writes_its_postcodes_with_a_space(client, personas):
    PostcodeRange.objects.create(bureau=personas.bureau, start="6828KE", end="6828KZ")
    url = reverse("bureaus:public", kwargs={"bureau_slug": personas.bureau.slug})
    content = client.get(url).content.decode()
    assert "6828 KE–6828 KZ" in content
    assert not COMPACT.search(content)


def test_edit_forms_show_a_stored_postcode_written_out_and_store_it_compact(personas):
    from buurtbaan.organisations.forms import OrganisationForm
    from buurtbaan.residents import actions
    from buurtbaan.residents.forms import PersonalForm

    resident = ResidentFactory(bureau=personas.bureau, postcode="6828KE")
    assert 'value="6828 KE"' in str(PersonalForm(instance=resident)["postcode"])
    organisation = OrganisationFactory(bureau=personas.bureau, postcode="6828KE")
    assert 'value="6828 KE"' in str(OrganisationForm(instance=organisation)["postcode"])
    # What is typed, with or without a space, is stored compact.
    assert actions.clean_resident_postcode("6828 ke") == "6828KE"
    assert actions.clean_resident_postcode("6828KE") == "6828KE"
