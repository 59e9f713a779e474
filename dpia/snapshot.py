"""One DPIA as plain data: now, or as of any earlier version (its parts as of that moment). The PDF,
the sign-offs' SHA-256 and the detail page read this in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from isms.core.tracking import version_moment

from .models import Dpia, DpiaAction, DpiaPrinciple, DpiaRisk

ROOT_FIELDS = (
    "title",
    "processing_activity_id",
    "description",
    "purposes",
    "data_subjects",
    "data_categories",
    "recipients",
    "systems",
    "retention",
    "data_subject_views",
    "response_to_advice",
    "decision_maker_id",
)
PRINCIPLE_FIELDS = ("principle", "assessment", "planned_measures")
RISK_FIELDS = (
    "kind",
    "title",
    "impacts",
    "threats",
    "sources",
    "measures",
    "severity",
    "likelihood",
    "residual_severity",
    "residual_likelihood",
)
ACTION_FIELDS = ("title", "owner", "due_on", "status", "ros_measure_id")


@dataclass
class DpiaSnapshot:
    dpia: Dpia
    principles: list[DpiaPrinciple]
    risks: list[DpiaRisk]
    actions: list[DpiaAction]
    historical: bool = False

    @property
    def version(self) -> int:
        return self.dpia.version

    @property
    def high_risks(self) -> list[DpiaRisk]:
        return [risk for risk in self.risks if risk.is_high_after_measures]

    def missing_sections(self) -> list[str]:
        """The sections still empty, named as the user reads them (a DPIA is sent only when complete)."""
        from django.utils.translation import gettext as _

        missing = []
        root = self.dpia
        if not (root.description.strip() and root.purposes.strip()):
            missing.append(_("Context and description"))
        empty = [p.get_principle_display() for p in self.principles if not p.assessment.strip()]
        if empty:
            missing.append(_("Necessity and proportionality (%(names)s)") % {"names": ", ".join(empty)})
        if not self.risks or any(not risk.is_rated for risk in self.risks):
            missing.append(_("Risks to the data subjects (rate every risk)"))
        return missing


def dpia_snapshot(dpia: Dpia, *, version: int | None = None) -> DpiaSnapshot:
    if version is None or version == dpia.version:
        return DpiaSnapshot(
            dpia,
            list(DpiaPrinciple.objects.filter(dpia=dpia).order_by("pk")),
            list(DpiaRisk.objects.filter(dpia=dpia).order_by("pk")),
            list(DpiaAction.objects.filter(dpia=dpia).select_related("ros_measure").order_by("due_on", "pk")),
        )
    found = version_moment(dpia, version)
    if found is None:
        raise Http404
    row, at = found
    return DpiaSnapshot(
        row.instance,
        sorted(DpiaPrinciple.history.as_of(at).filter(dpia_id=dpia.pk), key=lambda p: p.pk),
        sorted(DpiaRisk.history.as_of(at).filter(dpia_id=dpia.pk), key=lambda r: r.pk),
        sorted(DpiaAction.history.as_of(at).filter(dpia_id=dpia.pk), key=lambda a: (a.due_on is None, a.due_on, a.pk)),
        historical=True,
    )


def _values(obj, names) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def canonical_content(dpia: Dpia) -> dict[str, Any]:
    snapshot = dpia_snapshot(dpia)
    return {
        "dpia": {"id": dpia.pk, "version": dpia.version, **_values(dpia, ROOT_FIELDS)},
        "principles": [{"id": p.pk, **_values(p, PRINCIPLE_FIELDS)} for p in snapshot.principles],
        "risks": [{"id": r.pk, **_values(r, RISK_FIELDS)} for r in snapshot.risks],
        "actions": [{"id": a.pk, **_values(a, ACTION_FIELDS)} for a in sorted(snapshot.actions, key=lambda a: a.pk)],
    }
