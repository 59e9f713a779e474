"""One avvik as plain data with its parts, now or as of any earlier version, read in a constant number of
queries: the page, the PDF (of any version) and the SHA-256 of the leader's sign-off read this."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from isms.protocol.models import ProcessingActivity, SystemUse
from risk.models import RiskMeasure, RiskScenario

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
    historical: bool = False

    @property
    def version(self) -> int:
        return self.incident.version

    @property
    def taken(self) -> list[IncidentMeasure]:
        return [measure for measure in self.measures if measure.timing == "taken"]

    @property
    def planned(self) -> list[IncidentMeasure]:
        return [measure for measure in self.measures if measure.timing == "planned"]


def incident_snapshot(incident: Incident, *, version: int | None = None) -> IncidentSnapshot:
    """The avvik now, or as it stood at the end of `version` (its workflow steps at that version included);
    a version it never had is 404."""
    if version is not None and version != incident.version:
        return _as_of(incident, version)
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


def _as_of(incident: Incident, version: int) -> IncidentSnapshot:
    row = incident.history.filter(version=version).order_by("-history_date", "-history_id").first()
    if row is None:
        raise Http404
    at, root = row.history_date, row.instance
    measures = list(IncidentMeasure.history.as_of(at).filter(incident_id=incident.pk))
    processing = list(IncidentProcessing.history.as_of(at).filter(incident_id=incident.pk))
    systems = list(IncidentSystem.history.as_of(at).filter(incident_id=incident.pk))
    # What the parts link to, each kind in one query (named as it is named today).
    root.municipality = incident.municipality
    if root.foreseen_by_id:
        root.foreseen_by = RiskScenario.objects.select_related("analysis").filter(pk=root.foreseen_by_id).first()
    ros = RiskMeasure.objects.in_bulk({m.ros_measure_id for m in measures if m.ros_measure_id})
    for measure in measures:
        measure.ros_measure = ros.get(measure.ros_measure_id)
    activities = ProcessingActivity.objects.in_bulk({link.processing_activity_id for link in processing})
    for link in processing:
        link.processing_activity = activities[link.processing_activity_id]
    uses = SystemUse.objects.select_related("system").in_bulk({link.system_use_id for link in systems})
    for link in systems:
        link.system_use = uses[link.system_use_id]
    return IncidentSnapshot(
        root,
        sorted(measures, key=lambda m: (m.timing, m.due_on is None, m.due_on, m.pk)),
        sorted(processing, key=lambda link: link.processing_activity.name),
        sorted(systems, key=lambda link: link.system_use.system.name),
        historical=True,
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
