"""Reads of the behandlingsprotokoll, with everything a page or PDF needs in a constant number of queries."""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from isms.core.models import Municipality

from .models import (
    DataProcessingAgreement,
    JointAgreement,
    ProcessingActivity,
    ProcessingProcessor,
    ProcessingSystem,
    RecordStatus,
    System,
    SystemUse,
    Vendor,
    in_force_q,
    missing_art30_q,
    review_overdue_q,
)


def systems_by_name() -> dict[str, System]:
    """Every catalogue system by its name and by each of its aliases, lower-cased: the one place a system
    named in a spreadsheet or a form is matched to the catalogue. One query."""
    found: dict[str, System] = {}
    for system in System.objects.only("id", "name", "aliases"):
        for name in system.names:
            found.setdefault(name.casefold(), system)
    return found


def agreements_in_force(*, municipality_id=None) -> QuerySet[DataProcessingAgreement]:
    """Agreements in force today (Oslo time): `DataProcessingAgreement.objects.in_force_on`."""
    queryset = DataProcessingAgreement.objects.in_force_on(timezone.localdate())
    return queryset if municipality_id is None else queryset.filter(municipality_id=municipality_id)


def uncovered_processors() -> QuerySet[ProcessingProcessor]:
    """Processor links whose vendor has no agreement in force with the link's municipality."""
    covered = agreements_in_force().filter(municipality_id=OuterRef("municipality_id"), vendor_id=OuterRef("vendor_id"))
    return ProcessingProcessor.objects.exclude(Exists(covered))


def processing_activities(
    *, municipality: Municipality, include_archived: bool = False
) -> QuerySet[ProcessingActivity]:
    """The municipality's processing activities, each annotated with `lacks_agreement`."""
    queryset = ProcessingActivity.objects.filter(municipality=municipality).annotate(
        lacks_agreement=Exists(uncovered_processors().filter(processing_activity=OuterRef("pk")))
    )
    if not include_archived:
        queryset = queryset.filter(status=RecordStatus.ACTIVE)
    return queryset


def template_updates_count(municipality: Municipality) -> int:
    """Records adopted from a template that has been published in a newer version since."""
    return ProcessingActivity.objects.filter(
        municipality=municipality, template__published_version__gt=F("template_version")
    ).count()


def with_links(queryset: QuerySet[ProcessingActivity]) -> QuerySet[ProcessingActivity]:
    """Prefetch systems and processors (with whether each processor is covered) for detail pages and PDFs."""
    return queryset.prefetch_related(
        Prefetch(
            "system_links",
            queryset=ProcessingSystem.objects.select_related("system_use__system__vendor").order_by(
                "system_use__system__name"
            ),
        ),
        Prefetch(
            "processor_links",
            queryset=ProcessingProcessor.objects.select_related("vendor")
            .annotate(
                covered=Exists(
                    agreements_in_force().filter(
                        municipality_id=OuterRef("municipality_id"), vendor_id=OuterRef("vendor_id")
                    )
                )
            )
            .order_by("vendor__name"),
        ),
    )


def system_uses(*, municipality: Municipality) -> QuerySet[SystemUse]:
    return (
        SystemUse.objects.filter(municipality=municipality)
        .select_related("system__vendor")
        .annotate(activity_count=Count("processing_links"))
        .order_by("system__name")
    )


def agreements(*, municipality: Municipality) -> QuerySet[DataProcessingAgreement]:
    """The municipality's DPA register with the number of active processing activities each covers."""
    covered_activities = (
        ProcessingProcessor.objects.filter(
            municipality_id=OuterRef("municipality_id"),
            vendor_id=OuterRef("vendor_id"),
            processing_activity__status=RecordStatus.ACTIVE,
        )
        .values("vendor_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        DataProcessingAgreement.objects.filter(municipality=municipality)
        .select_related("vendor", "parent")
        .annotate(
            activity_count=Coalesce(Subquery(covered_activities), 0),
            sub_processor_count=Count("sub_processors", distinct=True),
        )
        .order_by("vendor__name", "title")
    )


def processors_without_agreement(*, municipality: Municipality) -> QuerySet[Vendor]:
    """Vendors the municipality's active processing uses as processor with no agreement in force."""
    in_force = agreements_in_force(municipality_id=municipality.pk).filter(vendor_id=OuterRef("pk"))
    return (
        Vendor.objects.filter(
            processing_links__municipality=municipality,
            processing_links__processing_activity__status=RecordStatus.ACTIVE,
        )
        .exclude(Exists(in_force))
        .annotate(activity_count=Count("processing_links", distinct=True))
        .order_by("name")
    )


def agreement_activities(agreement: DataProcessingAgreement) -> QuerySet[ProcessingActivity]:
    return ProcessingActivity.objects.filter(
        municipality_id=agreement.municipality_id,
        processor_links__vendor_id=agreement.vendor_id,
        status=RecordStatus.ACTIVE,
    ).order_by("name")


def joint_agreements() -> QuerySet[JointAgreement]:
    """Joint agreements with "signed in x of y" counts (cooperation level: coordinator and DPO)."""
    in_force = in_force_q(timezone.localdate(), prefix="municipal_agreements__")
    return (
        JointAgreement.objects.select_related("vendor")
        .annotate(
            participant_count=Count("municipal_agreements", distinct=True),
            signed_count=Count("municipal_agreements", filter=in_force, distinct=True),
        )
        .order_by("title")
    )


def protocol_figures(municipality: Municipality):
    """Key figures of the municipality's protocol for its overview page (three queries)."""
    from django.urls import reverse

    from isms.core.summaries import Figure

    activities = processing_activities(municipality=municipality)
    today = timezone.localdate()
    counts = activities.aggregate(
        total=Count("pk"),
        lacking=Count("pk", filter=Q(lacks_agreement=True)),
        incomplete=Count("pk", filter=missing_art30_q()),
        overdue=Count("pk", filter=review_overdue_q(today)),
    )
    in_force = agreements_in_force(municipality_id=municipality.pk).count()
    base = reverse("protocol:processing_list", args=[municipality.slug])
    return [
        Figure(str(_("Processing activities")), counts["total"], base),
        Figure(str(_("DPA missing")), counts["lacking"], f"{base}?attention=agreement", attention=True),
        Figure(str(_("Art. 30 fields empty")), counts["incomplete"], f"{base}?attention=art30", attention=True),
        Figure(str(_("Review overdue")), counts["overdue"], f"{base}?attention=review", attention=True),
        Figure(str(_("Agreements in force")), in_force, reverse("protocol:agreement_list", args=[municipality.slug])),
    ]


def system_names(link_rows) -> dict[int, str]:
    """{link id: system name} for historical ProcessingSystem rows (one query)."""
    names = dict(
        SystemUse.objects.filter(pk__in={row.system_use_id for row in link_rows}).values_list("pk", "system__name")
    )
    return {row.id: names.get(row.system_use_id, "?") for row in link_rows}


def vendor_names(link_rows) -> dict[int, str]:
    """{link id: vendor name} for historical ProcessingProcessor rows (one query)."""
    names = dict(Vendor.objects.filter(pk__in={row.vendor_id for row in link_rows}).values_list("pk", "name"))
    return {row.id: names.get(row.vendor_id, "?") for row in link_rows}
