"""Reads of the DPIA app: the municipality's DPIAs and screenings, the DPO's queue, the leader's items."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from isms.core.models import MembershipRole, Municipality, SignOff, Template, User
from isms.core.signoff import SigningItem, signoffs_of
from isms.protocol.models import ProcessingActivity

from .models import AdviceNote, Dpia, DpiaRisk, DpiaStatus, Screening, ScreeningItem


def dpias(*, municipality: Municipality, archived: bool = False) -> QuerySet[Dpia]:
    """The municipality's DPIAs in use, or (`archived=True`) the archived ones."""
    rows = Dpia.objects.filter(municipality=municipality)
    rows = rows.filter(status=DpiaStatus.ARCHIVED) if archived else rows.exclude(status=DpiaStatus.ARCHIVED)
    return rows.select_related("processing_activity", "decision_maker", "template").order_by("title")


def leaders(*, municipality: Municipality) -> list[User]:
    """The leaders of the municipality, who may decide a DPIA."""
    return list(
        User.objects.filter(
            memberships__municipality=municipality, memberships__role=MembershipRole.LEADER, is_active=True
        ).order_by("first_name", "last_name", "email")
    )


def screenings(*, municipality: Municipality) -> QuerySet[Screening]:
    return Screening.objects.filter(municipality=municipality).select_related("processing_activity")


def screening_items() -> list[ScreeningItem]:
    return list(ScreeningItem.objects.order_by("kind", "order", "pk"))


def activities_to_screen(*, municipality: Municipality) -> QuerySet[ProcessingActivity]:
    """Active processing activities without a screening."""
    return ProcessingActivity.objects.filter(
        municipality=municipality, status="active", screening__isnull=True
    ).order_by("name")


def signoffs(dpia: Dpia) -> list[SignOff]:
    rows = signoffs_of(Dpia, [dpia.pk]).get(dpia.pk, [])
    notes: dict[int, list[AdviceNote]] = {}
    for note in AdviceNote.objects.filter(signoff__in=[row.pk for row in rows]).order_by("pk"):
        notes.setdefault(note.signoff_id, []).append(note)
    for row in rows:
        row.notes = notes.get(row.pk, [])
    return rows


def awaiting_advice(visible: QuerySet[Dpia]) -> QuerySet[Dpia]:
    """DPIAs awaiting the DPO's advice across municipalities, oldest first."""
    waiting = visible.filter(status=DpiaStatus.AWAITING_ADVICE).select_related("municipality")
    return waiting.order_by("sent_to_dpo_at", "pk")


def queue_rows(dpias: Iterable[Dpia]) -> list[dict]:
    """The DPO queue's rows: each DPIA with its age in days."""
    today = timezone.localdate()
    return [
        {"dpia": dpia, "age": (today - timezone.localdate(dpia.sent_to_dpo_at)).days if dpia.sent_to_dpo_at else 0}
        for dpia in dpias
    ]


def dpo_queue(visible: QuerySet[Dpia]) -> list[dict]:
    """Every DPIA awaiting the DPO's advice, oldest first, with its age in days."""
    return queue_rows(awaiting_advice(visible))


def all_dpias(visible: QuerySet[Dpia], *, template_id: int | None = None) -> QuerySet[Dpia]:
    """The DPO's table of every DPIA he may see, side by side (optionally those adopted from one joint
    DPIA), with what the status column and the template column read; archived DPIAs are left out."""
    rows = visible.exclude(status=DpiaStatus.ARCHIVED)
    if template_id:
        rows = rows.filter(template_id=template_id)
    return rows.select_related("municipality", "template", "processing_activity").order_by(
        "municipality__name", "title", "pk"
    )


def awaiting_decision(user) -> list[SigningItem]:
    """The leader's "Til signering" items: DPIAs sent to them for decision."""
    rows = Dpia.objects.filter(
        decision_maker=user,
        status=DpiaStatus.AWAITING_DECISION,
        municipality__memberships__user=user,
        municipality__memberships__role=MembershipRole.LEADER,
    ).select_related("municipality")
    high_ids = set(DpiaRisk.objects.filter(dpia__in=rows).high_after_measures().values_list("dpia_id", flat=True))
    return [
        SigningItem(
            kind=str(_("DPIA")),
            title=dpia.title,
            municipality=dpia.municipality.name,
            url=reverse("dpia:decide", args=[dpia.municipality.slug, dpia.pk]),
            version=dpia.version,
            sent_at=dpia.sent_for_decision_at or dpia.updated_at,
            has_high_risk=dpia.pk in high_ids,
        )
        for dpia in rows
    ]


def screening_link(activity, municipality) -> list[tuple[str, str]]:
    """The link on a processing activity's page to its DPIA screening (and from there its DPIA)."""
    return [(str(_("DPIA screening")), reverse("dpia:screening", args=[municipality.slug, activity.pk]))]


def joint_dpias() -> list[Template]:
    return list(Template.objects.filter(kind="dpia", published_version__gt=0).order_by("title"))
