"""What the PDF of a signed record shares (a ROS analysis, a DPIA): sign-off lines as of a version, an item's
details section, the status line, and the document composed of its section builders' flowables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from isms.core.models import Municipality, SignOff, display_name

from .document import Letterhead, build_pdf
from .flowables import SignOffLine, field_list, heading, pdf_date


def signoffs_as_of(signoffs: Iterable[SignOff], version: int) -> list[SignOff]:
    """The sign-offs given on this version or an earlier one: a historical PDF shows no later decision."""
    return [row for row in signoffs if row.root_version <= version]


def signoff_line(row: SignOff, *, decision: str = "") -> SignOffLine:
    """One row of the sign-off block; the comment ends with the start of the signed content's SHA-256."""
    fingerprint = f"SHA-256 {row.content_sha256[:16]}…"
    return SignOffLine(
        signer=display_name(row.signer),
        role=row.get_role_display(),
        decision=decision or f"{row.get_decision_display()} (v{row.root_version})",
        date=pdf_date(row.signed_at),
        comment=f"{row.comment}\n{fingerprint}" if row.comment else fingerprint,
    )


def item_details(title: str, pairs: Sequence[tuple[str, object]], label_width: float = 52 * mm) -> list[Flowable]:
    """A sub-heading and the item's filled-in fields, or nothing at all when every field is empty."""
    rows = [(label, value) for label, value in pairs if value]
    return [heading(title, 2), *field_list(rows, label_width)] if rows else []


def approval_status(state: str) -> str:
    """The title block's status: the sign-off state's warning ("Ikke godkjent", "Endret etter …") or approved."""
    return state or _("Approved")


def record_pdf(
    *,
    title: str,
    subtitle: str,
    status: str,
    version: int,
    municipality: Municipality,
    sections: Iterable[Sequence[Flowable]],
) -> bytes:
    """The document on the municipality's letterhead, its story the sections in order."""
    return build_pdf(
        title=title,
        subtitle=subtitle,
        status=status,
        version=version,
        letterhead=Letterhead.for_municipality(municipality),
        story=[flowable for section in sections for flowable in section],
    )
