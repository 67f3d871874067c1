"""A cut-off photo is refused, also after WeasyPrint has told Pillow to accept cut-off images
(it sets `ImageFile.LOAD_TRUNCATED_IMAGES` for the whole process when the PDFs are loaded)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageFile

from buurtbaan.residents.images import clean_photo
from buurtbaan.residents.models import ConsentScope, PublicProfile
from tests.factories import ConsentFactory, resident_with_account


@pytest.fixture(autouse=True)
def _as_after_weasyprint(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)


def picture(image_format: str, **options) -> bytes:
    image = Image.effect_noise((320, 240), 60).convert("RGB")
    output = io.BytesIO()
    image.save(output, image_format, **options)
    return output.getvalue()


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("ik.jpg", content, content_type="image/jpeg")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (picture("JPEG"), "damaged_image"),
        (picture("JPEG", progressive=True), "damaged_image"),
        (picture("JPEG") + b"extra data some phones add after the picture", "damaged_image"),
        (picture("PNG"), "damaged_image"),
        (picture("WEBP"), "invalid_image"),  # Pillow cannot even open a cut-off WebP
    ],
    ids=["jpeg", "progressive-jpeg", "jpeg-with-trailer", "png", "webp"],
)
def test_a_whole_photo_is_accepted_and_a_cut_off_one_refused(content, code):
    assert clean_photo(upload(content)).size > 0
    with pytest.raises(ValidationError) as refused:
        clean_photo(upload(content[: len(content) * 2 // 3]))
    assert refused.value.code == code


def test_the_resident_gets_a_dutch_error_and_keeps_what_they_typed(login, personas):
    me = resident_with_account(personas.bureau, first_name="Yasmina")
    ConsentFactory(resident=me, scope=ConsentScope.PUBLIC_PROFILE)
    jpeg = picture("JPEG")
    response = login(me.user).post(
        reverse("residents:profile-edit", kwargs={"bureau_slug": personas.bureau.slug}),
        {
            "display_name": "Mijn naam",
            "what_i_do": "Ik kook voor de buurt",
            "what_i_offer": "Maaltijden",
            "picture": "photo",
            "is_enabled": "on",
            "photo_upload": upload(jpeg[: len(jpeg) // 2]),
        },
    )
    assert response.status_code == 200
    assert "kapot of niet compleet" in response.context["form"].errors["photo_upload"][0]
    assert 'value="Mijn naam"' in response.content.decode()
    assert not PublicProfile.objects.filter(resident=me, photo__gt="").exists()
