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


def _damaged() -> ValidationError:
    return ValidationError(
        _(
            "This photo is damaged or not complete: part of the file is missing. Choose the photo "
            "again, or take a new one."
        ),
        code="damaged_image",
    )


#: A PNG's last chunk, always these 12 bytes (length 0, "IEND", its CRC).
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
JPEG_END = b"\xff\xd9"


def is_complete(data: bytes, probe: Image.Image) -> bool:
    """Whether the file holds the whole picture: its end marker is there.

    Not left to Pillow: WeasyPrint (the PDFs) sets Pillow's `LOAD_TRUNCATED_IMAGES` for the whole
    process when it is imported, and from then on Pillow fills a cut-off picture with grey instead
    of refusing it. In a JPEG, the end marker FF D9 cannot occur inside the compressed picture
    (an FF there is always followed by 00 or a restart marker), so the first one after the
    headers ends it; data after it (some phones add some) is allowed.
    """
    if probe.format == "JPEG":
        scan_start = probe.tile[0][2] if probe.tile else 0
        return data.find(JPEG_END, scan_start) != -1
    if probe.format == "PNG":
        return PNG_END in data
    if probe.format == "WEBP":
        # RIFF: bytes 4-8 give the size of what follows the first 8 bytes.
        return len(data) >= 12 and int.from_bytes(data[4:8], "little") + 8 <= len(data)
    return False


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
        data = uploaded.read()
        with Image.open(BytesIO(data)) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise _unreadable()
            if not is_complete(data, probe):
                raise _damaged()
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
