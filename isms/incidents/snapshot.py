"""One avvik as plain data with its parts, read in a constant number of queries: the page, the PDF and the
SHA-256 of the leader's sign-off read this."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models import Incident, IncidentMeasure, IncidentProcessing, IncidentSystem

ROOT_FIELDS = (
    "title", "description", "occurred_at", "discovered_at", "unit", "system_text", "personal_data", "kind",
    "security", "data_subject_categories", "data_subject_count", "data_categories", "record_count",
    "special_categories", "consequences", "foreseen_by_id", "proposed_scenario", "decision_maker_id",
)  # fmt: skip
MEASURE_FIELDS = ("title", "timing", "owner", "due_on", "ros_measure_id")


@dataclass
class IncidentSnapshot:
    incident: Incident
    measures: list[IncidentMeasure]
    processing: list[IncidentProcessing]
    systems: list[IncidentSystem]

    @property
    def version(self) -> int:
        return self.incident.version

    @property
    def taken(self) -> list[IncidentMeasure]:
        return [measure for measure in self.measures if measure.timing == "taken"]

    @property
    def planned(self) -> list[IncidentMeasure]:
        return [measure for measure in self.measures if measure.timing == "planned"]


def incident_snapshot(incident: Incident) -> IncidentSnapshot:
    return IncidentSnapshot(
        incident,
        list(
            IncidentMeasure.objects.filter(incident=incident)
            .select_related("ros_measure__analysis")
            .order_by("timing", "due_on", "pk")
        ),
        list(
            IncidentProcessing.objects.filter(incident=incident)
            .select_related("processing_activity")
            .order_by("processing_activity__name")
        ),
        list(
            IncidentSystem.objects.filter(incident=incident)
            .select_related("system_use__system")
            .order_by("system_use__system__name")
        ),
    )


def canonical_content(incident: Incident) -> dict[str, Any]:
    snapshot = incident_snapshot(incident)
    return {
        "incident": {"id": incident.pk, "version": incident.version, **{n: getattr(incident, n) for n in ROOT_FIELDS}},
        "measures": [
            {"id": m.pk, **{n: getattr(m, n) for n in MEASURE_FIELDS}}
            for m in sorted(snapshot.measures, key=lambda m: m.pk)
        ],
        "processing": sorted(link.processing_activity_id for link in snapshot.processing),
        "systems": sorted(link.system_use_id for link in snapshot.systems),
    }
