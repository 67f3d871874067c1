"""Public profiles: opt-in with the public-profile consent, nothing sensitive on the public pages,
photos without metadata (or a neighbourhood drawing instead), and withdrawing consent hides a
profile at once."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from buurtbaan.audit.models import AuditAction, AuditEntry
from buurtbaan.residents import actions
from buurtbaan.residents.images import MAX_PHOTO_BYTES
from buurtbaan.residents.models import ConsentScope, IncomeSituation, PublicProfile, Resident
from tests.factories import (
    BarrierFactory,
    ConsentFactory,
    PublicProfileFactory,
    ResidentFactory,
    SensitiveNoteFactory,
    resident_with_account,
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def url(name, bureau, **kwargs):
    return reverse(name, kwargs={"bureau_slug": bureau.slug, **kwargs})


def visible_profile(bureau, **profile_fields):
    resident = ResidentFactory(bureau=bureau)
    ConsentFactory(resident=resident, scope=ConsentScope.PUBLIC_PROFILE)
    return PublicProfileFactory(resident=resident, **profile_fields)


def jpeg_with_exif(size=(800, 600)) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "GeheimeCamera"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 0.0, 0.0)}  # GPS
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif)
    return output.getvalue()


def profile_form(**overrides):
    data = {
        "display_name": "Yas",
        "what_i_do": "Ik kook voor de buurt",
        "what_i_offer": "Maaltijden voor buren",
        "about": "",
        "show_talents": "on",
        "picture": "park",
        "is_enabled": "on",
    }
    return {**data, **overrides}


@pytest.fixture
def me(personas):
    resident = resident_with_account(personas.bureau, first_name="Yasmina")
    ConsentFactory(resident=resident, scope=ConsentScope.PUBLIC_PROFILE)
    return resident


def test_the_resident_makes_a_profile_with_a_neighbourhood_picture(login, personas, me):
    client = login(me.user)
    assert client.get(url("residents:profile-edit", personas.bureau)).status_code == 200

    response = client.post(url("residents:profile-edit", personas.bureau), profile_form())

    assert response.status_code == 302
    profile = PublicProfile.objects.get(resident=me)
    assert (profile.display_name, profile.picture, profile.is_enabled) == ("Yas", "park", True)
    assert AuditEntry.objects.filter(
        actor=me.user, action=AuditAction.CREATE, object_type="residents.publicprofile"
    ).exists()
    public = client.get(url("residents:profile-detail", personas.bureau, pk=profile.pk))
    assert "residents/neighbourhood/park.svg" in public.content.decode()


def test_showing_a_profile_needs_the_consent(login, personas):
    me = resident_with_account(personas.bureau)
    response = login(me.user).post(url("residents:profile-edit", personas.bureau), profile_form())
    assert response.status_code == 200
    assert "is_enabled" in response.context["form"].errors
    assert 'value="Ik kook voor de buurt"' in response.content.decode()
    assert not PublicProfile.objects.exists()


def test_without_consent_a_hidden_profile_can_be_prepared(login, personas):
    me = resident_with_account(personas.bureau)
    login(me.user).post(url("residents:profile-edit", personas.bureau), profile_form(is_enabled=""))
    assert PublicProfile.objects.get(resident=me).is_enabled is False


def test_an_uploaded_photo_is_stored_without_metadata(client, login, personas, me):
    upload = SimpleUploadedFile("ik.jpg", jpeg_with_exif((2400, 1800)), content_type="image/jpeg")
    response = login(me.user).post(
        url("residents:profile-edit", personas.bureau),
        profile_form(picture="photo", photo_upload=upload),
    )
    assert response.status_code == 302
    profile = PublicProfile.objects.get(resident=me)
    assert profile.has_photo
    assert "ik" not in profile.photo.name.rsplit("/", 1)[-1]  # a random name
    with Image.open(profile.photo.path) as stored:
        assert max(stored.size) == 1200
        assert not stored.getexif()
        assert "exif" not in stored.info
    with open(profile.photo.path, "rb") as stored_file:
        assert b"GeheimeCamera" not in stored_file.read()

    client.logout()
    photo = client.get(url("residents:profile-photo", personas.bureau, pk=profile.pk))
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"
    assert photo["Cache-Control"] == "no-store"


def test_a_file_that_is_not_a_photo_is_refused_with_the_input_kept(login, personas, me):
    upload = SimpleUploadedFile("ik.jpg", b"<html>geen foto</html>", content_type="image/jpeg")
    response = login(me.user).post(
        url("residents:profile-edit", personas.bureau),
        profile_form(picture="photo", photo_upload=upload, display_name="Mijn naam"),
    )
    assert response.status_code == 200
    assert "photo_upload" in response.context["form"].errors
    assert 'value="Mijn naam"' in response.content.decode()


def test_a_gif_is_refused(login, personas, me):
    output = io.BytesIO()
    Image.new("RGB", (10, 10)).save(output, "GIF")
    upload = SimpleUploadedFile("ik.gif", output.getvalue(), content_type="image/gif")
    response = login(me.user).post(
        url("residents:profile-edit", personas.bureau),
        profile_form(picture="photo", photo_upload=upload),
    )
    assert "photo_upload" in response.context["form"].errors


def test_a_photo_that_is_too_large_is_refused(login, personas, me):
    upload = SimpleUploadedFile(
        "groot.jpg", b"0" * (MAX_PHOTO_BYTES + 1), content_type="image/jpeg"
    )
    response = login(me.user).post(
        url("residents:profile-edit", personas.bureau),
        profile_form(picture="photo", photo_upload=upload),
    )
    assert "5 MB" in response.context["form"].errors["photo_upload"][0]


def test_choosing_photo_without_a_file_asks_for_one(login, personas, me):
    response = login(me.user).post(
        url("residents:profile-edit", personas.bureau), profile_form(picture="photo")
    )
    assert "photo_upload" in response.context["form"].errors


def test_choosing_a_drawing_removes_the_stored_photo(
    login, personas, me, django_capture_on_commit_callbacks
):
    client = login(me.user)
    upload = SimpleUploadedFile("ik.jpg", jpeg_with_exif(), content_type="image/jpeg")
    client.post(
        url("residents:profile-edit", personas.bureau),
        profile_form(picture="photo", photo_upload=upload),
    )
    path = PublicProfile.objects.get(resident=me).photo.path

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("residents:profile-edit", personas.bureau), profile_form(picture="market"))

    profile = PublicProfile.objects.get(resident=me)
    assert not profile.photo
    assert profile.picture == "market"
    import os

    assert not os.path.exists(path)


def test_the_resident_removes_the_profile(login, personas, me):
    PublicProfileFactory(resident=me)
    login(me.user).post(url("residents:profile-edit", personas.bureau), {"delete": "1"})
    assert not PublicProfile.objects.filter(resident=me).exists()


def test_the_public_list_shows_only_switched_on_consenting_current_profiles(client, personas):
    shown = visible_profile(personas.bureau, display_name="Zichtbaar")
    PublicProfileFactory(resident__bureau=personas.bureau, display_name="ZonderToestemming")
    visible_profile(personas.bureau, display_name="Uitgezet", is_enabled=False)
    erased = visible_profile(personas.bureau, display_name="Gewist")
    Resident.objects.filter(pk=erased.resident_id).update(is_anonymised=True)
    withdrawn = visible_profile(personas.bureau, display_name="Ingetrokken")
    withdrawn.resident.consents.update(withdrawn_at=timezone.now())
    visible_profile(personas.other_bureau, display_name="AndereWijk")

    response = client.get(url("residents:profile-list", personas.bureau))

    assert [p.pk for p in response.context["page"]] == [shown.pk]
    for hidden in ("ZonderToestemming", "Uitgezet", "Gewist", "Ingetrokken", "AndereWijk"):
        assert hidden not in response.content.decode()


def test_withdrawing_consent_hides_detail_and_photo_at_once(client, personas):
    profile = visible_profile(personas.bureau)
    detail = url("residents:profile-detail", personas.bureau, pk=profile.pk)
    assert client.get(detail).status_code == 200

    actions.withdraw_consent(
        actor=personas.coach, resident=profile.resident, scope=ConsentScope.PUBLIC_PROFILE
    )

    assert client.get(detail).status_code == 404
    assert (
        client.get(url("residents:profile-photo", personas.bureau, pk=profile.pk)).status_code
        == 404
    )


def test_public_pages_show_nothing_sensitive(client, personas):
    resident = ResidentFactory(
        bureau=personas.bureau,
        first_name="Voornaam",
        last_name="Achternaamgeheim",
        email="geheim@buurtbaan.example",
        phone="06-13572468",
        street="Verborgenstraat 9",
        postcode="6828KL",
        income_situation=IncomeSituation.PARTICIPATION_ACT,
        work_experience="Werkervaringgeheim",
    )
    resident.talents.add(personas.bureau.talents.get(name="koken"))
    BarrierFactory(resident=resident, description="Belemmeringgeheim", support_needed="Steungeheim")
    SensitiveNoteFactory(resident=resident, text="Notitiegeheim")
    ConsentFactory(resident=resident, scope=ConsentScope.PUBLIC_PROFILE)
    profile = PublicProfileFactory(resident=resident, display_name="Voornaam")

    for page in (
        client.get(url("residents:profile-list", personas.bureau)),
        client.get(url("residents:profile-detail", personas.bureau, pk=profile.pk)),
    ):
        content = page.content.decode()
        assert "koken" in content  # talents are shown (show_talents)
        for secret in (
            "Achternaamgeheim",
            "geheim@buurtbaan.example",
            "06-13572468",
            "Verborgenstraat",
            "6828KL",
            "6828 KL",
            "1980",
            "Belemmeringgeheim",
            "Steungeheim",
            "Notitiegeheim",
            "Werkervaringgeheim",
            "Participatiewet",
            "bijstand",
        ):
            assert secret not in content, secret


def test_talents_are_hidden_when_the_resident_says_so(client, personas):
    profile = visible_profile(personas.bureau, show_talents=False)
    profile.resident.talents.add(personas.bureau.talents.get(name="koken"))
    response = client.get(url("residents:profile-detail", personas.bureau, pk=profile.pk))
    assert "koken" not in response.content.decode()


@pytest.mark.parametrize("rows", [2, 20])
def test_the_list_takes_a_fixed_number_of_queries(
    client, personas, rows, django_assert_num_queries
):
    for _ in range(rows):
        profile = visible_profile(personas.bureau)
        profile.resident.talents.add(personas.bureau.talents.get(name="koken"))
    with django_assert_num_queries(5):
        client.get(url("residents:profile-list", personas.bureau))


def test_an_inactive_bureau_has_no_public_profiles(client, personas):
    profile = visible_profile(personas.bureau)
    personas.bureau.is_active = False
    personas.bureau.save()
    assert client.get(url("residents:profile-list", personas.bureau)).status_code == 404
    assert (
        client.get(url("residents:profile-detail", personas.bureau, pk=profile.pk)).status_code
        == 404
    )


def test_a_profile_of_another_bureau_is_404_under_this_one(client, personas):
    profile = visible_profile(personas.other_bureau)
    assert (
        client.get(url("residents:profile-detail", personas.bureau, pk=profile.pk)).status_code
        == 404
    )
