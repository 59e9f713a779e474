"""One ROS analysis as plain data: today, or as of any earlier version (children as of that moment).

The PDF, the sign-off's SHA-256 and the revision diff all read this, in a constant number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404

from isms.core.tracking import version_moment

from .models import (
    MeasureScenario,
    RiskAnalysis,
    RiskLevel,
    RiskMatrix,
    RiskMeasure,
    RiskScenario,
    rating_after_measures,
)

ANALYSIS_FIELDS = (
    "title", "subject_type", "system_use_id", "processing_activity_id", "service", "scope", "context",
    "participants", "analysed_on", "risk_owner_id", "matrix_id",
)  # fmt: skip
SCENARIO_FIELDS = (
    "title", "threat_id", "asset", "cause", "consequence_description", "security", "existing_measures",
    "likelihood", "consequence", "justification", "residual_likelihood", "residual_consequence",
)  # fmt: skip
MEASURE_FIELDS = ("title", "description", "strategy", "owner", "due_on", "status")


@dataclass
class AnalysisSnapshot:
    analysis: RiskAnalysis  # the live row, or a historical instance as of the version
    matrix: RiskMatrix
    scenarios: list[RiskScenario]
    measures: list[RiskMeasure]
    measures_of: dict[int, list[RiskMeasure]] = field(default_factory=dict)  # scenario pk → measures
    scenarios_of: dict[int, list[RiskScenario]] = field(default_factory=dict)  # measure pk → scenarios
    historical: bool = False

    @property
    def version(self) -> int:
        return self.analysis.version

    def level(self, likelihood, consequence) -> str:
        return self.matrix.level(likelihood, consequence)

    @property
    def rows(self) -> list[tuple[RiskScenario, list[RiskMeasure]]]:
        return [(scenario, self.measures_of.get(scenario.pk, [])) for scenario in self.scenarios]

    @property
    def high_residual(self) -> list[RiskScenario]:
        """Scenarios left red after measures (rated before measures when no residual rating is given)."""
        return [
            scenario for scenario in self.scenarios if self.level(*rating_after_measures(scenario)) == RiskLevel.HIGH
        ]


def _link(scenarios, measures, links) -> tuple[dict, dict]:
    scenario_by_pk = {scenario.pk: scenario for scenario in scenarios}
    measure_by_pk = {measure.pk: measure for measure in measures}
    measures_of, scenarios_of = defaultdict(list), defaultdict(list)
    for link in links:
        if link.scenario_id in scenario_by_pk and link.measure_id in measure_by_pk:
            measures_of[link.scenario_id].append(measure_by_pk[link.measure_id])
            scenarios_of[link.measure_id].append(scenario_by_pk[link.scenario_id])
    return dict(measures_of), dict(scenarios_of)


def analysis_snapshot(analysis: RiskAnalysis, *, version: int | None = None) -> AnalysisSnapshot:
    """The analysis now, or as it was when it reached `version` (404 for a version it never had)."""
    if version is None or version == analysis.version:
        scenarios = list(RiskScenario.objects.filter(analysis=analysis).select_related("threat").order_by("pk"))
        measures = list(RiskMeasure.objects.filter(analysis=analysis).order_by("due_on", "pk"))
        links = list(MeasureScenario.objects.filter(measure__analysis=analysis))
        root, historical = analysis, False
    else:
        found = version_moment(analysis, version)
        if found is None:
            raise Http404
        row, at = found
        root, historical = row.instance, True
        scenarios = sorted(RiskScenario.history.as_of(at).filter(analysis_id=analysis.pk), key=lambda s: s.pk)
        measures = sorted(
            RiskMeasure.history.as_of(at).filter(analysis_id=analysis.pk),
            key=lambda m: (m.due_on is None, m.due_on, m.pk),
        )
        measure_ids = {measure.pk for measure in measures}
        links = list(MeasureScenario.history.as_of(at).filter(measure_id__in=measure_ids))
    matrix = RiskMatrix.objects.get(pk=root.matrix_id)
    # Scenarios rate themselves against their analysis's matrix: hand them both, so no row asks again.
    RiskAnalysis._meta.get_field("matrix").set_cached_value(root, matrix)
    analysis_field = RiskScenario._meta.get_field("analysis")
    for scenario in scenarios:
        analysis_field.set_cached_value(scenario, root)
    measures_of, scenarios_of = _link(scenarios, measures, links)
    return AnalysisSnapshot(root, matrix, scenarios, measures, measures_of, scenarios_of, historical)


def _values(obj, names) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def canonical_content(analysis: RiskAnalysis) -> dict[str, Any]:
    """The whole aggregate at its current version, as the sign-off's SHA-256 covers it."""
    snapshot = analysis_snapshot(analysis)
    return {
        "analysis": {"id": analysis.pk, "version": analysis.version, **_values(analysis, ANALYSIS_FIELDS)},
        "scenarios": [{"id": s.pk, **_values(s, SCENARIO_FIELDS)} for s in snapshot.scenarios],
        "measures": [
            {
                "id": m.pk,
                **_values(m, MEASURE_FIELDS),
                "scenarios": sorted(s.pk for s in snapshot.scenarios_of.get(m.pk, [])),
            }
            for m in sorted(snapshot.measures, key=lambda m: m.pk)
        ],
    }
