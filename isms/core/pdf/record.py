"""What the PDF of a signed record shares (a ROS analysis, a DPIA): the sign-offs as of a version, an item's
details section, the status line, and the document composed of its section builders' flowables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from isms.core.models import Municipality, SignOff

from .document import Letterhead, build_pdf
from .flowables import field_list, heading


def signoffs_as_of(signoffs: Iterable[SignOff], version: int) -> list[SignOff]:
    """The sign-offs given on this version or an earlier one: a historical PDF shows no later decision."""
    return [row for row in signoffs if row.root_version <= version]


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
