"""Empty choices say "— kies —" everywhere, never Django's "---------"."""

from django import forms
from django.urls import reverse
from django.utils import translation

from buurtbaan.core.choices import install_empty_choice_label
from buurtbaan.work.models import PieceOfWork
from tests.bureau_urls import OBJECT_URLS, PUBLIC_URLS, ROLE_MATRIX, ROLES
from tests.factories import OrganisationFactory, PurposeFactory

DJANGO_DASHES = "---------"


def shows_dashes(response) -> bool:
    is_html = response.get("Content-Type", "").startswith("text/html")
    return response.status_code == 200 and is_html and DJANGO_DASHES in response.content.decode()


class PieceParentForm(forms.ModelForm):
    """A foreign key (ModelChoiceField) and a field with choices that may be blank."""

    class Meta:
        model = PieceOfWork
        fields = ["purpose", "pay_kind", "asked_by_organisation"]


def test_a_model_form_shows_the_empty_choice_in_the_users_language(personas):
    PurposeFactory(bureau=personas.bureau)
    OrganisationFactory(bureau=personas.bureau)
    with translation.override("nl"):
        dutch = str(PieceParentForm())
    with translation.override("en"):
        english = str(PieceParentForm())
    assert DJANGO_DASHES not in dutch + english
    assert dutch.count("— kies —") == 2  # purpose, organisation (pay_kind has its own "")
    assert english.count("— choose —") == 2


def test_installing_twice_changes_nothing():
    install_empty_choice_label()
    install_empty_choice_label()
    field = forms.ModelChoiceField(queryset=PieceOfWork.objects.none())
    with translation.override("nl"):
        assert next(iter(field.choices)) == ("", "— kies —")


def _pages_per_role(bureau):
    for role_index, role in enumerate(ROLES):
        for name, statuses in sorted(ROLE_MATRIX.items()):
            if statuses[role_index] == 200:
                yield role, name
    for name in sorted(PUBLIC_URLS):
        yield None, name


def test_no_form_of_any_role_shows_djangos_dashes(personas, client, login):
    """Every page each role may open (the bureau URL registry), the public ones and the account
    page: no "---------" anywhere."""
    bureau = personas.bureau
    offenders = []
    for role, name in _pages_per_role(bureau):
        client.logout()
        if role:
            login(getattr(personas, role))
        builder = OBJECT_URLS.get(name) or PUBLIC_URLS[name]
        url = reverse(name, kwargs={"bureau_slug": bureau.slug, **builder(bureau)})
        response = client.get(url)
        if shows_dashes(response):
            offenders.append(f"{role or 'visitor'} {name}")
    for user in (personas.coordinator, personas.platform_admin):
        login(user)
        for name in ("accounts:account", "bureaus:platform-bureau-create", "core:home"):
            response = client.get(reverse(name))
            if shows_dashes(response):
                offenders.append(f"{user.email} {name}")
    assert offenders == []
