"""What changed from last year's analysis to its revision: scenarios added, removed and re-rated,
measures completed since."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import MeasureStatus, RiskAnalysis, RiskMeasure, RiskScenario
from .snapshot import AnalysisSnapshot, analysis_snapshot


@dataclass(frozen=True)
class Rerated:
    before: RiskScenario
    after: RiskScenario

    @property
    def went_down(self) -> bool:
        return (self.after.score or 0) < (self.before.score or 0)


@dataclass
class RevisionDiff:
    previous: AnalysisSnapshot
    current: AnalysisSnapshot
    added: list[RiskScenario] = field(default_factory=list)
    removed: list[RiskScenario] = field(default_factory=list)
    rerated: list[Rerated] = field(default_factory=list)
    completed: list[RiskMeasure] = field(default_factory=list)
    new_measures: list[RiskMeasure] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.rerated or self.completed or self.new_measures)


RATING_FIELDS = ("likelihood", "consequence", "residual_likelihood", "residual_consequence")


def revision_diff(analysis: RiskAnalysis) -> RevisionDiff | None:
    """None for a first analysis; otherwise the difference from the revision it was made from."""
    if analysis.previous_id is None:
        return None
    previous = analysis_snapshot(analysis.previous)
    current = analysis_snapshot(analysis)
    diff = RevisionDiff(previous, current)
    before = {scenario.pk: scenario for scenario in previous.scenarios}
    carried = set()
    for scenario in current.scenarios:
        old = before.get(scenario.carried_from_id)
        if old is None:
            diff.added.append(scenario)
            continue
        carried.add(old.pk)
        if any(getattr(old, name) != getattr(scenario, name) for name in RATING_FIELDS):
            diff.rerated.append(Rerated(old, scenario))
    diff.removed = [scenario for pk, scenario in before.items() if pk not in carried]
    measures_before = {measure.pk: measure for measure in previous.measures}
    for measure in current.measures:
        old = measures_before.get(measure.carried_from_id)
        if old is None:
            diff.new_measures.append(measure)
        if measure.status == MeasureStatus.DONE and (old is None or old.status != MeasureStatus.DONE):
            diff.completed.append(measure)
    return diff
