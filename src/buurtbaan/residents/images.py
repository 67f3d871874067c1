"""Photos for public profiles: checked, made smaller, and re-encoded so that no metadata (EXIF:
camera, date, GPS position) survives. Uses Pillow (a direct dependency, see pyproject.toml)."""

from __future__ import annotations

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_MEGABYTES = 5
MAX_PHOTO_BYTES = MAX_PHOTO_MEGABYTES * 1024 * 1024
#: Longest side of the stored photo, in pixels.
MAX_PHOTO_SIDE = 1200
#: Refuse images with more pixels than this before decoding them (decompression bombs).
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"


def _unreadable() -> ValidationError:
    return ValidationError(
        _("This file is not a photo we can read. Choose a JPEG, PNG or WebP picture."),
        code="invalid_image",
    )


def clean_photo(uploaded) -> ContentFile:
    """The uploaded photo as a new JPEG (or PNG when it is transparent) without metadata, at most
    `MAX_PHOTO_SIDE` pixels on its longest side; a ValidationError that says what to do otherwise.
    """
    if uploaded.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("The photo is larger than %(size)s MB. Choose a smaller photo.")
            % {"size": MAX_PHOTO_MEGABYTES},
            code="too_large",
        )
    try:
        uploaded.seek(0)
        with Image.open(uploaded) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise _unreadable()
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(
                    _("The photo has too many pixels. Choose a smaller photo."), code="too_large"
                )
            probe.load()
            image = ImageOps.exif_transpose(probe)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError):
        # Also what a damaged file raises while decoding, or while reading its EXIF orientation.
        raise _unreadable() from None
    image.thumbnail((MAX_PHOTO_SIDE, MAX_PHOTO_SIDE))
    is_transparent = image.mode in ("RGBA", "LA") or (
        image.mode == "P" and "transparency" in image.info
    )
    output = BytesIO()
    # A new image from the pixels only: no exif, no text chunks, no ICC profile are passed on.
    if is_transparent:
        Image.frombytes("RGBA", image.size, image.convert("RGBA").tobytes()).save(
            output, "PNG", optimize=True
        )
        extension = "png"
    else:
        Image.frombytes("RGB", image.size, image.convert("RGB").tobytes()).save(
            output, "JPEG", quality=85, optimize=True
        )
        extension = "jpg"
    return ContentFile(output.getvalue(), name=f"photo.{extension}")
