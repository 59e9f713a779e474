"""The querysets behind the endpoints, each with everything its serializer reads (constant queries per
page). Restricting them to the reader's municipalities is the view's job, through `access.scoped`."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from dpia.models import AdviceNote, Dpia
from isms.core.models import Municipality
from isms.core.signoff import signoffs_of
from isms.protocol.models import (
    DataProcessingAgreement,
    ProcessingActivity,
    ProcessingProcessor,
    ProcessingSystem,
    SubProcessor,
    System,
    Vendor,
)
from isms.protocol.selectors import agreements_in_force, uncovered_processors
from risk.models import MeasureScenario, RiskAnalysis, RiskMeasure, RiskScenario
from training.models import Course, Session


def municipalities() -> QuerySet[Municipality]:
    return Municipality.objects.order_by("pk")


def vendors() -> QuerySet[Vendor]:
    return Vendor.objects.order_by("pk")


def systems() -> QuerySet[System]:
    return System.objects.order_by("pk")


def processing_activities() -> QuerySet[ProcessingActivity]:
    """Every activity with `lacks_agreement` (as the protocol list); `attach_processing_links` adds, per page,
    its systems and processors."""
    return ProcessingActivity.objects.annotate(
        lacks_agreement=Exists(uncovered_processors().filter(processing_activity=OuterRef("pk")))
    ).order_by("pk")


def attach_processing_links(rows: list[ProcessingActivity]) -> None:
    """Each activity's systems and processors as plain lists (`api_systems`, `api_processors`), each processor
    with whether an agreement covers it today (`agreements_in_force`, ADR 5): 2 queries. Not
    `prefetch_related`: it caches the activity on each of its links, a reference cycle per row that only a
    full garbage collection frees, and at 500 rows a page those collections were the list's p95 (issue 13)."""
    ids = [row.pk for row in rows]
    covered = agreements_in_force().filter(municipality_id=OuterRef("municipality_id"), vendor_id=OuterRef("vendor_id"))
    systems = _grouped(
        ProcessingSystem.objects.filter(processing_activity_id__in=ids).select_related("system_use__system")
    )
    processors = _grouped(
        ProcessingProcessor.objects.filter(processing_activity_id__in=ids)
        .select_related("vendor")
        .annotate(covered=Exists(covered))
    )
    for row in rows:
        row.api_systems = systems.get(row.pk, [])
        row.api_processors = processors.get(row.pk, [])


def _grouped(links: QuerySet) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for link in links.order_by("pk"):
        grouped.setdefault(link.processing_activity_id, []).append(link)
    return grouped


def agreements() -> QuerySet[DataProcessingAgreement]:
    return DataProcessingAgreement.objects.prefetch_related(
        Prefetch("sub_processors", queryset=SubProcessor.objects.order_by("pk"))
    ).order_by("pk")


def risk_analyses() -> QuerySet[RiskAnalysis]:
    return (
        RiskAnalysis.objects.select_related("risk_owner", "matrix")
        .prefetch_related(
            Prefetch("scenarios", queryset=RiskScenario.objects.order_by("pk")),
            Prefetch(
                "measures",
                queryset=RiskMeasure.objects.prefetch_related(
                    Prefetch("scenario_links", queryset=MeasureScenario.objects.order_by("pk"))
                ).order_by("pk"),
            ),
        )
        .order_by("pk")
    )


def dpias() -> QuerySet[Dpia]:
    return Dpia.objects.select_related("processing_activity").order_by("pk")


def attach_dpia_signoffs(rows: list[Dpia]) -> None:
    """Each DPIA's sign-offs (oldest first) as `api_signoffs`, the advice rows with their notes: 2 queries."""
    grouped = signoffs_of(Dpia, [row.pk for row in rows])
    ids = [signoff.pk for signoffs in grouped.values() for signoff in signoffs]
    notes: dict[int, list[AdviceNote]] = {}
    for note in AdviceNote.objects.filter(signoff__in=ids).order_by("pk") if ids else []:
        notes.setdefault(note.signoff_id, []).append(note)
    for row in rows:
        row.api_signoffs = grouped.get(row.pk, [])
        for signoff in row.api_signoffs:
            signoff.notes = notes.get(signoff.pk, [])


def courses() -> QuerySet[Course]:
    return Course.objects.prefetch_related(
        Prefetch("sessions", queryset=Session.objects.select_related("round").order_by("starts_on", "pk"))
    ).order_by("pk")
