"""Validators for Norwegian identifiers and uploaded files (letterhead logos, signed PDFs, size limits)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

MEGABYTE = 1024 * 1024

ORG_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"


def validate_municipality_number(value: str) -> None:
    if len(value) != 4 or not value.isdigit():
        raise ValidationError(
            _("The municipality number must be exactly four digits, e.g. 1824 or 0301."), code="municipality_number"
        )


def org_number_is_valid(value: str) -> bool:
    """Brønnøysundregistrene's modulus-11 check on a nine-digit organisation number."""
    if len(value) != 9 or not value.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(value[:8], ORG_NUMBER_WEIGHTS, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(value[8])


def validate_org_number(value: str) -> None:
    if value and not org_number_is_valid(value):
        raise ValidationError(
            _("%(value)s is not a valid organisation number: it must be nine digits with a correct check digit."),
            params={"value": value},
            code="org_number",
        )


def validate_logo(upload) -> None:
    """Accept only real PNG or JPEG images (by content, not by name) of at most LOGO_MAX_BYTES."""
    if upload.size > settings.LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is %(size)s kB; the limit is %(limit)s kB."),
            params={"size": upload.size // 1024, "limit": settings.LOGO_MAX_BYTES // 1024},
            code="logo_too_large",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith((PNG_SIGNATURE, JPEG_SIGNATURE)):
        raise ValidationError(_("The logo must be a PNG or JPEG image."), code="logo_type")
    from .pdf.logo import LOGO_MAX_SIDE, UNREADABLE_LOGO, LogoTooLargeError, decode_logo

    try:
        decode_logo(upload.read())  # the PDF kit's own rule: a logo that passes here is one every PDF can draw
    except LogoTooLargeError as exc:
        raise ValidationError(
            _("The logo is %(width)s × %(height)s pixels; the limit is %(limit)s pixels on each side."),
            params={"width": exc.width, "height": exc.height, "limit": LOGO_MAX_SIDE},
            code="logo_too_many_pixels",
        ) from exc
    except UNREADABLE_LOGO as exc:
        raise ValidationError(_("The logo file is damaged or not a real image."), code="logo_broken") from exc
    finally:
        upload.seek(0)


def megabytes(size: int, *, decimal_pos: int = 1) -> str:
    """A byte count in MB, written as the active language writes numbers ("50,0" in bokmål)."""
    return formats.number_format(size / MEGABYTE, decimal_pos=decimal_pos, use_l10n=True)


def validate_file_size(upload, limit: int) -> None:
    """Refuse an upload larger than `limit` bytes, saying how large it is and what the limit is."""
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB."),
            params={
                "size": megabytes(upload.size),
                "limit": megabytes(limit, decimal_pos=0 if limit % MEGABYTE == 0 else 1),
            },
            code="file_too_large",
        )


def validate_pdf(upload) -> None:
    """Accept only a real PDF (by content) of at most AGREEMENT_MAX_BYTES."""
    validate_file_size(upload, settings.AGREEMENT_MAX_BYTES)
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(max(0, upload.size - 2048))
    tail = upload.read()
    upload.seek(0)
    if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise ValidationError(_("The file is not a PDF document."), code="not_pdf")
