"""What needs attention on a processing activity: the one presenter of the flags that the list, its CSV/XLSX,
the PDF and the figures show ("DBA mangler", empty Art. 30 fields, review overdue, fields an import left
for review).

The conditions themselves live on the model and its queries (`lacks_agreement`, `missing_art30_fields`,
`review_overdue_on`); this module only says how a flag reads, so the list and the PDF cannot word or
count them differently. The filter's `attention=` values are the flags' keys.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

AGREEMENT, ART30, REVIEW, FOLLOW_UP = "agreement", "art30", "review", "follow_up"


@dataclass(frozen=True)
class Flag:
    key: str  # AGREEMENT, ART30, REVIEW or FOLLOW_UP: the list filter's `attention=` value
    tag: str  # short, a tag on the list: "DBA mangler"
    text: str  # whole, in the PDF and the exports: "DBA mangler for Husbanken"
    color: str  # Designsystemet data-color of the tag


def attention_flags(
    *,
    lacks_agreement: bool,
    uncovered: Sequence[str] = (),
    missing_fields: Sequence[str],
    review_overdue: bool,
    follow_up: Sequence[str] = (),
) -> list[Flag]:
    """The flags of one activity. `uncovered` names the processors without an agreement in force, where known;
    `missing_fields` are the labels of the empty Art. 30 fields; `follow_up` those an import left for review."""
    flags = []
    if follow_up:
        text = _("Needs follow-up: %s") % ", ".join(follow_up)
        flags.append(Flag(FOLLOW_UP, _("Needs follow-up"), text, "warning"))
    if lacks_agreement or uncovered:
        text = _("DPA missing for %(names)s") % {"names": ", ".join(uncovered)} if uncovered else _("DPA missing")
        flags.append(Flag(AGREEMENT, _("DPA missing"), text, "danger"))
    if missing_fields:
        flags.append(
            Flag(
                ART30,
                _("%(n)s Art. 30 field(s) empty") % {"n": len(missing_fields)},
                _("Empty Art. 30 fields: %(fields)s") % {"fields": ", ".join(missing_fields)},
                "warning",
            )
        )
    if review_overdue:
        flags.append(Flag(REVIEW, _("Review overdue"), _("Review overdue"), "danger"))
    return flags


def record_flags(activity, *, day: datetime.date | None = None) -> list[Flag]:
    """The flags of a row of `selectors.processing_activities` (annotated `lacks_agreement`). With
    `selectors.with_links` the processors without an agreement are named, as in the PDF."""
    links = getattr(activity, "_prefetched_objects_cache", {}).get("processor_links")
    uncovered = [link.vendor.name for link in links if not link.covered] if links is not None else []
    return attention_flags(
        lacks_agreement=activity.lacks_agreement,
        uncovered=uncovered,
        missing_fields=activity.missing_art30_labels,
        review_overdue=activity.review_overdue_on(day or timezone.localdate()),
        follow_up=activity.follow_up_labels,
    )
