"""A municipality's behandlingsprotokoll as plain data, today or as of an earlier moment (from history).

Both PDFs and the "all municipalities" export read this; it runs the same handful of queries whatever
the number of activities, and computes the flags (DPA missing, empty Art. 30 fields) in Python.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from isms.core.models import Municipality

from .attention import Flag, attention_flags
from .models import (
    DataProcessingAgreement,
    ProcessingActivity,
    ProcessingProcessor,
    ProcessingSystem,
    RecordStatus,
    SystemUse,
    Vendor,
)


@dataclass
class ActivityView:
    activity: ProcessingActivity
    systems: list[str] = field(default_factory=list)
    processors: list[tuple[str, bool]] = field(default_factory=list)  # (name, covered by a DPA in force)
    missing_fields: list[str] = field(default_factory=list)
    review_overdue: bool = False

    @property
    def uncovered_processors(self) -> list[str]:
        return [name for name, covered in self.processors if not covered]

    @property
    def flags(self) -> list[Flag]:
        """What needs attention, worded as on the list (the one presenter, `attention.py`)."""
        return attention_flags(
            lacks_agreement=bool(self.uncovered_processors),
            uncovered=self.uncovered_processors,
            missing_fields=self.missing_fields,
            review_overdue=self.review_overdue,
            follow_up=self.activity.follow_up_labels,
        )

    def needs(self, key: str) -> bool:
        return any(flag.key == key for flag in self.flags)


@dataclass
class ProtocolSnapshot:
    municipality: Municipality
    at: datetime.datetime
    historical: bool
    activities: list[ActivityView]


def protocol_snapshot(*, municipality: Municipality, at: datetime.datetime | None = None) -> ProtocolSnapshot:
    historical = at is not None
    at = at or timezone.now()
    day = timezone.localtime(at).date()
    if historical:
        activities = list(ProcessingActivity.history.as_of(at).filter(municipality_id=municipality.pk))
        system_links = list(ProcessingSystem.history.as_of(at).filter(municipality_id=municipality.pk))
        processor_links = list(ProcessingProcessor.history.as_of(at).filter(municipality_id=municipality.pk))
        agreements = list(DataProcessingAgreement.history.as_of(at).filter(municipality_id=municipality.pk))
    else:
        activities = list(ProcessingActivity.objects.filter(municipality=municipality))
        system_links = list(ProcessingSystem.objects.filter(municipality=municipality))
        processor_links = list(ProcessingProcessor.objects.filter(municipality=municipality))
        agreements = list(DataProcessingAgreement.objects.filter(municipality=municipality))
    activities = sorted((a for a in activities if a.status == RecordStatus.ACTIVE), key=lambda a: a.name.casefold())
    system_names = dict(SystemUse.objects.filter(municipality=municipality).values_list("pk", "system__name"))
    vendor_names = dict(
        Vendor.objects.filter(pk__in={link.vendor_id for link in processor_links}).values_list("pk", "name")
    )
    covered_vendors = {agreement.vendor_id for agreement in agreements if agreement.in_force_on(day)}
    systems_of, processors_of = defaultdict(list), defaultdict(list)
    for link in system_links:
        systems_of[link.processing_activity_id].append(system_names.get(link.system_use_id, "?"))
    for link in processor_links:
        processors_of[link.processing_activity_id].append(
            (vendor_names.get(link.vendor_id, "?"), link.vendor_id in covered_vendors)
        )
    views = []
    for activity in activities:
        views.append(
            ActivityView(
                activity=activity,
                systems=sorted(systems_of[activity.pk]),
                processors=sorted(processors_of[activity.pk]),
                missing_fields=activity.missing_art30_labels,
                review_overdue=activity.review_overdue_on(day),
            )
        )
    return ProtocolSnapshot(municipality=municipality, at=at, historical=historical, activities=views)
